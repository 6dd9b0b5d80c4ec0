"""Which HTML main-content extractor to use: `python benchmarks/html_extractors.py`.

Scores, on the real-shaped pages written in tests/test_html.py (a ModernGov agenda item, a
news article with adverts and a jobs widget below it, a Word document saved as a web page,
table-laid-out minutes) and on variants of them:

- recall: the content sentences kept (exact words, whitespace aside);
- chrome: the furniture sentences that leaked (navigation, adverts, jobs, cookie text);
- headings: the page's headings kept as headings;
- rows: table rows whose cells carry their column headers (colspan respected);
- ms: median time to extract one page.

Extractors: the rules before this change ("v0 rules"), the loader now in
indexer/loaders/html.py ("ours"), trafilatura (default, favor_recall, favor_precision),
readability-lxml and jusText. The libraries are optional; one that is not installed is
listed as such (`pip install trafilatura readability-lxml`). Prints a table; asserts nothing.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer.loaders.common import HeadingPath, clean, row_blocks  # noqa: E402
from indexer.loaders.html import load_html  # noqa: E402
from indexer.types import Block  # noqa: E402
from tests.test_html import PAGES, Page  # noqa: E402


@dataclass
class Extracted:
    text: str
    headings: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)  # header -> cell, per row


# --- variants: the same pages with less help ------------------------------------------------


def bare(html: str) -> str:
    """No class, id, role or aria-label anywhere: only the shape of the page is left."""
    return re.sub(r"\s(?:class|id|role|aria-label)=(?:\"[^\"]*\"|'[^']*'|[^\s>]+)", "", html)


def in_main(html: str) -> str:
    """The article and everything after it (teasers, newsletter, jobs) inside one <main>."""
    return html.replace('<div id="page">', '<main><div id="page">', 1).replace('<div id="foot">', "</main><div id=\"foot\">", 1)


# Two pages written after the loader was tuned, kept out of tests/test_html.py: a check
# that the rules were not fitted to the pages they were written against.
COUNCIL_PAGE = Page(
    html="""<!DOCTYPE html><html lang="en"><head><title>Ofsted inspection of children's services - Eastbrook Council</title></head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header"><a href="/" class="govuk-header__link">Eastbrook Council</a></header>
<div class="govuk-width-container">
 <div class="govuk-breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/children">Children and families</a></li></ol></div>
 <main class="govuk-main-wrapper" id="main-content" role="main">
  <div class="govuk-grid-row">
   <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-xl">Ofsted inspection of children's services</h1>
    <p class="govuk-body">Ofsted inspected our children's services in January 2023 and judged them to be good overall.</p>
    <p class="govuk-body">Inspectors said that children in care live in stable homes and are <a href="/care">well supported by their social workers</a>.</p>
    <h2 class="govuk-heading-l">What needs to improve</h2>
    <ul class="govuk-list govuk-list--bullet">
     <li>The timeliness of assessments for disabled children.</li>
     <li>Oversight of children missing from education.</li>
    </ul>
    <h2 class="govuk-heading-l">What happens next</h2>
    <p class="govuk-body">The council will publish an action plan within 70 working days.</p>
    <p class="govuk-body">Last updated: 14 February 2023</p>
   </div>
   <div class="govuk-grid-column-one-third">
    <h2 class="govuk-heading-m">More on this topic</h2>
    <ul class="govuk-list"><li><a href="/fostering">Become a foster carer</a></li><li><a href="/send">Local offer for SEND</a></li><li><a href="/safeguarding">Report a concern about a child</a></li></ul>
   </div>
  </div>
  <div class="govuk-feedback"><h2>Is this page useful?</h2><a href="/feedback">Report a problem with this page</a></div>
 </main>
</div>
<footer class="govuk-footer"><a href="/privacy">Privacy</a> <a href="/cookies">Cookies</a></footer>
</body></html>""",
    content=[
        "Ofsted inspected our children's services in January 2023 and judged them to be good overall.",
        "Inspectors said that children in care live in stable homes and are well supported by their social workers.",
        "The timeliness of assessments for disabled children.",
        "Oversight of children missing from education.",
        "The council will publish an action plan within 70 working days.",
        "Last updated: 14 February 2023",
    ],
    chrome=["Skip to main content", "Children and families", "More on this topic", "Become a foster carer", "Local offer for SEND",
            "Report a concern", "Is this page useful?", "Report a problem", "Privacy"],
    headings=["Ofsted inspection of children's services", "What needs to improve", "What happens next"],
)

ARTICLE_THEN_JOBS = Page(
    html="""<html><head><title>Council agrees children's services improvement plan | Public Sector News</title></head><body>
<main>
 <article>
  <h1>Council agrees children's services improvement plan</h1>
  <p>Westvale councillors have agreed a plan to improve children's social care after a critical Ofsted report.</p>
  <p>The plan sets out how the council will cut caseloads, recruit permanent social workers and improve supervision.</p>
  <p>Cllr Mark Ellis said the council accepted every one of the inspectors' recommendations.</p>
 </article>
 <div>
  <div><b>Latest jobs</b></div>
  <div><a href="/j/1">Senior Social Worker</a><div>Westshire County Council</div><div>£41,418 - £44,428 per annum</div></div>
  <div><a href="/j/2">Team Manager, Children in Care</a><div>Northtown Council</div><div>£48,000 - £52,000 per annum plus relocation package</div></div>
 </div>
</main>
</body></html>""",
    content=[
        "Westvale councillors have agreed a plan to improve children's social care after a critical Ofsted report.",
        "The plan sets out how the council will cut caseloads, recruit permanent social workers and improve supervision.",
        "Cllr Mark Ellis said the council accepted every one of the inspectors' recommendations.",
    ],
    chrome=["Latest jobs", "Senior Social Worker", "Westshire County Council", "per annum", "Team Manager", "relocation package"],
    headings=["Council agrees children's services improvement plan"],
)


def pages() -> dict[str, Page]:
    found = dict(PAGES)
    found["held-out: council page"] = COUNCIL_PAGE
    found["held-out: article, jobs"] = ARTICLE_THEN_JOBS
    for name in ("moderngov-item", "news-article", "table-layout-minutes"):
        page = PAGES[name]
        found[f"{name} (bare)"] = Page(bare(page.html), page.content, page.chrome, page.headings, page.rows)
    news = PAGES["news-article"]
    found["news-article (in <main>)"] = Page(in_main(news.html), news.content, news.chrome, news.headings, news.rows)
    return found


# --- extractors --------------------------------------------------------------------------------


def _from_blocks(title: str, blocks: list[Block]) -> Extracted:
    headings = sorted({part for b in blocks for part in b.heading.split(" > ") if part})
    rows = [_labelled(b.text) for b in blocks if b.is_table_row]
    return Extracted("\n".join(b.text for b in blocks), headings, rows)


def _labelled(row_text: str) -> dict[str, str]:
    cells = {}
    for part in row_text.split(" — "):
        label, _, value = part.partition(": ")
        if value:
            cells[label] = value
    return cells


def _write(html: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix="html-bench-")) / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def ours(html: str) -> Extracted:
    return _from_blocks(*load_html(_write(html)))


def v0_rules(html: str) -> Extracted:
    return _from_blocks(*_v0_load_html(_write(html)))


def trafilatura_with(**options) -> Callable[[str], Extracted]:
    def extract(html: str) -> Extracted:
        import trafilatura
        from lxml import etree

        xml = trafilatura.extract(html, output_format="xml", include_tables=True, include_comments=False, **options)
        if not xml:
            return Extracted("")
        doc = etree.fromstring(xml.encode())
        headings = [clean("".join(h.itertext())) for h in doc.iter("head")]
        rows = []
        for table in doc.iter("table"):
            header: list[str] = []
            for row in table.iter("row"):
                cells = [clean("".join(c.itertext())) for c in row.iter("cell")]
                if all(c.get("role") == "head" for c in row.iter("cell")):
                    header = cells
                elif header:
                    rows.append({h: c for h, c in zip(header, cells) if c})
        return Extracted(" ".join(doc.itertext()), headings, rows)

    return extract


def readability(html: str) -> Extracted:
    import lxml.html
    from readability import Document

    node = lxml.html.fromstring(Document(html).summary(html_partial=True))
    headings = [clean(h.text_content()) for h in node.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    return Extracted(node.text_content(), headings, _html_rows(node))


def _html_rows(node) -> list[dict[str, str]]:
    rows = []
    for table in node.iter("table"):
        header: list[str] = []
        for tr in table.iter("tr"):
            cells = list(tr.iter("td", "th"))
            texts = [clean(c.text_content()) for c in cells]
            if cells and all(c.tag == "th" for c in cells):
                header = texts
            elif header:
                rows.append({h: t for h, t in zip(header, texts) if t})
    return rows


def justext_paragraphs(html: str) -> Extracted:
    import justext

    kept = [p for p in justext.justext(html.encode(), justext.get_stoplist("English")) if not p.is_boilerplate]
    return Extracted("\n".join(p.text for p in kept), [p.text for p in kept if p.heading])


EXTRACTORS: dict[str, Callable[[str], Extracted]] = {
    "v0 rules": v0_rules,
    "ours": ours,
    "trafilatura": trafilatura_with(),
    "trafilatura recall": trafilatura_with(favor_recall=True),
    "trafilatura precision": trafilatura_with(favor_precision=True),
    "readability-lxml": readability,
    "jusText": justext_paragraphs,
}


# --- scoring -----------------------------------------------------------------------------------


def squash(text: str) -> str:
    return " ".join(text.split())


def score(page: Page, out: Extracted) -> tuple[int, int, int, int]:
    text = squash(out.text)
    recall = sum(squash(c) in text for c in page.content)
    leaked = sum(c in out.text or squash(c) in text for c in page.chrome)
    headings = sum(h in out.headings for h in page.headings)
    rows = sum(any(all(row.get(k) == v for k, v in want.items()) for row in out.rows) for want in page.rows)
    return recall, leaked, headings, rows


def timed(extract: Callable[[str], Extracted], html: str, runs: int = 5) -> tuple[Extracted, float]:
    times, out = [], Extracted("")
    for _ in range(runs):
        started = time.perf_counter()
        out = extract(html)
        times.append((time.perf_counter() - started) * 1000)
    return out, statistics.median(times)


def main() -> None:
    bench_pages = pages()
    width = max(len(n) for n in bench_pages) + 2
    totals: dict[str, list[float]] = {}
    print(f"{'page':<{width}}{'extractor':<23}{'recall':>8}{'chrome':>8}{'headings':>10}{'rows':>6}{'ms':>8}")
    for name, page in bench_pages.items():
        for label, extract in EXTRACTORS.items():
            try:
                out, ms = timed(extract, page.html)
            except ImportError as missing:
                print(f"{name:<{width}}{label:<23}  not installed ({missing.name})")
                continue
            recall, leaked, headings, rows = score(page, out)
            t = totals.setdefault(label, [0, 0, 0, 0, 0, 0, 0, 0, 0.0])
            for i, (got, of) in enumerate(((recall, len(page.content)), (leaked, len(page.chrome)), (headings, len(page.headings)), (rows, len(page.rows)))):
                t[2 * i] += got
                t[2 * i + 1] += of
            t[8] += ms
            print(
                f"{name:<{width}}{label:<23}{recall:>4}/{len(page.content):<3}{leaked:>4}/{len(page.chrome):<3}"
                f"{headings:>6}/{len(page.headings):<3}{rows:>3}/{len(page.rows):<2}{ms:>8.1f}"
            )
        print()
    print(f"{'all pages':<{width}}{'extractor':<23}{'recall':>8}{'chrome':>8}{'headings':>10}{'rows':>6}{'ms':>8}")
    for label, t in totals.items():
        print(
            f"{'':<{width}}{label:<23}{t[0] / t[1]:>8.0%}{t[2]:>4}/{t[3]:<3}{t[4]:>6}/{t[5]:<3}{t[6]:>3}/{t[7]:<2}{t[8]:>8.1f}"
        )


# --- the rules as they stood before this change, kept to measure against ------------------------

_V0_CHROME_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button"]
_V0_CHROME_HINT = re.compile(
    r"cookie|breadcrumb|advert|sidebar|masthead|navigation|"
    r"(?:^|[\s_-])(?:banner|nav|navbar|menu|ads?|footer|skip|share|social)(?:$|[\s_-])",
    re.I,
)
_V0_MAIN = ["main", "[role=main]", "#modgov", "article", "#content", "#main-content", ".content"]
_V0_BLOCK_TAGS = ["p", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "section", "article", "table"]


def _v0_load_html(path: Path) -> tuple[str, list[Block]]:
    from bs4 import BeautifulSoup

    from indexer.loaders.html import _html_title

    soup = BeautifulSoup(path.read_bytes(), "lxml")
    page_title = clean(soup.title.get_text(" ")) if soup.title else ""
    for tag in soup(_V0_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        marker = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
        if marker and _V0_CHROME_HINT.search(marker) and tag.name not in ("main", "article", "body", "html"):
            tag.decompose()
    root = next((found for sel in _V0_MAIN if (found := soup.select_one(sel))), None) or soup.body or soup
    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_V0_BLOCK_TAGS):
        tag.insert(0, "\n")
        tag.append("\n")
    blocks: list[Block] = []
    headings = HeadingPath()
    h1 = ""
    for el in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table", "pre", "blockquote"]):
        if el.find_parent(["li", "p", "table", "blockquote"]) is not None:
            continue
        heading = str(headings)
        if el.name == "table":
            rows = [
                [(i, clean(cell.get_text())) for i, cell in enumerate(tr.find_all(["td", "th"]))]
                for tr in el.find_all("tr")
                if tr.find_parent("table") is el
            ]
            rows = [r for r in rows if any(text for _, text in r)]
            first = el.find("tr")
            has_header = bool(rows) and first is not None and first.find("th") is not None and first.find("td") is None
            header = dict(rows[0]) if has_header else {}
            blocks.extend(row_blocks(header, rows[1:] if has_header else rows, heading))
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


if __name__ == "__main__":
    main()
