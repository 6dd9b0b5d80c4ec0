"""HTML pages saved from council sites: the main content only."""

from __future__ import annotations

import re
from pathlib import Path

from indexer.loaders.common import HeadingPath, clean, row_blocks
from indexer.types import Block

# Page furniture of council sites (ModernGov and others) that is never document content.
_CHROME_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button"]
# Distinctive words match anywhere in an id or class ("mgBreadCrumbs"); short ones only as
# whole words, so "shared-content" or "menu-of-services-report" is not thrown away.
_CHROME_HINT = re.compile(
    r"cookie|breadcrumb|advert|sidebar|masthead|navigation|"
    r"(?:^|[\s_-])(?:banner|nav|navbar|menu|ads?|footer|skip|share|social)(?:$|[\s_-])",
    re.I,
)
_MAIN_SELECTORS = ["main", "[role=main]", "#modgov", "article", "#content", "#main-content", ".content"]


def load_html(path: Path) -> tuple[str, list[Block]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_bytes(), "lxml")
    page_title = clean(soup.title.get_text(" ")) if soup.title else ""
    for tag in soup(_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        marker = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
        if marker and _CHROME_HINT.search(marker) and tag.name not in ("main", "article", "body", "html"):
            tag.decompose()
    root = next((found for sel in _MAIN_SELECTORS if (found := soup.select_one(sel))), None) or soup.body or soup
    # Whitespace where the browser would break a line, and nowhere else: "<b>Good</b>," stays
    # "Good,", while "Extension<br>Albert Square" does not become "ExtensionAlbert".
    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert(0, "\n")
        tag.append("\n")

    blocks: list[Block] = []
    headings = HeadingPath()
    h1 = ""
    for el in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table", "pre", "blockquote"]):
        if el.find_parent(["li", "p", "table", "blockquote"]) is not None:
            continue  # nested: its text is taken with its parent
        heading = str(headings)
        if el.name == "table":
            blocks.extend(_html_table(el, heading))
            continue
        text = clean(el.get_text())
        if not text:
            continue
        if el.name[0] == "h" and el.name[1:].isdigit():
            level = int(el.name[1])
            h1 = h1 or (text if level == 1 else "")
            headings.enter(level, text)
            continue
        blocks.append(Block(text=text, heading=heading))
    return _html_title(h1, page_title), blocks


def _html_title(h1: str, page_title: str) -> str:
    """ModernGov pages say only "Agenda item" in their h1; their <title> adds the item
    ("Agenda item - Ofsted Inspection of Children's Services | <site>"). Take the <title>,
    less the site name, when it extends the h1."""
    main = page_title.split(" | ")[0].strip()
    if h1 and main.lower().startswith(h1.lower()) and len(main) > len(h1):
        return main
    return h1 or main


_BLOCK_TAGS = ["p", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "section", "article", "table"]


def _html_table(table, heading: str) -> list[Block]:
    rows = [
        [(i, clean(cell.get_text())) for i, cell in enumerate(tr.find_all(["td", "th"]))]
        for tr in table.find_all("tr")
        if tr.find_parent("table") is table
    ]
    rows = [r for r in rows if any(text for _, text in r)]
    if not rows:
        return []
    first = table.find("tr")
    has_header = first is not None and first.find("th") is not None and first.find("td") is None
    header = {i: text for i, text in rows[0]} if has_header else {}
    return row_blocks(header, rows[1:] if has_header else rows, heading)

