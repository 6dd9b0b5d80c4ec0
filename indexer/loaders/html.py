"""HTML pages saved from council sites: the main content only.

Three steps, measured against trafilatura, readability-lxml and jusText on real-shaped pages
(`benchmarks/html_extractors.py`):

1. Drop what is never content: scripts and styles, navigation, headers and footers, forms,
   and elements whose tag, role, id or class says cookie banner, breadcrumb, advert, menu…
2. Trust ModernGov's #modgov, or an <article> holding most of the page, to be all content.
3. Otherwise (<main> only narrows where to look), find the main content by where the
   prose is: the element that gathers the most paragraph text (the readability method),
   widened through layout tables, with the sibling sections that read as content. Job listings, "related news" teasers and
   newsletter boxes in plain <div>s after an article are left out this way, which no class
   name rule can do. A page with almost no links is a document, not a web page: kept whole.

The page is walked without recursion, so deeply nested HTML loads (or fails with LoadError),
and headings and tables keep their structure: headings become the blocks' heading path,
data-table rows are labelled with their column headers (colspan and rowspan respected).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from indexer.loaders.common import HeadingPath, LoadError, as_bytes, clean, decode_text, row_blocks
from indexer.types import Block

# Page furniture of council sites (ModernGov and others) that is never document content.
_CHROME_TAGS = [
    "script", "style", "noscript", "template", "iframe", "svg", "form", "button", "input", "select", "textarea",
    "nav", "aside", "header", "footer",
]
# A <header> inside the article or main content is the article's own (its h1, its date).
_KEEP_HEADER_INSIDE = ("article", "main")
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar"}
# Distinctive words match anywhere in an id or class ("mgBreadCrumbs", "onetrust-banner-sdk",
# ModernGov's "mgActionList" of "Print this page" links); short ones only as whole words, so
# "shared-content" or "menu-of-services-report" is not thrown away.
_CHROME_HINT = re.compile(
    r"cookie|consent|onetrust|breadcrumb|advert|sponsor|sidebar|masthead|navigation|newsletter|mgActionList|"
    r"(?:^|[\s_-])(?:banner|nav|navbar|menu|ads?|footer|skip|share|social|promo|related|signup|subscribe|jobs?)(?:$|[\s_-])",
    re.I,
)
# An aria-label is free text ("Share of children seen within a day"): distinctive words only.
_CHROME_LABEL = re.compile(r"cookie|consent|breadcrumb|advert", re.I)
_NEVER_CHROME = {"main", "article", "body", "html"}
# Ids a "skip to main content" link targets name the content itself; a bare "#content" is
# too often a wrapper around sidebars and widgets as well.
_LANDMARKS = ["#modgov", "main", "[role=main]", "#main-content", "#maincontent"]

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements whose whole text is one block (nested markup inside them is read with them).
_LEAF_BLOCKS = _HEADINGS | {"p", "li", "dt", "dd", "pre", "blockquote", "address", "figcaption", "caption"}
# Elements that break lines for a browser; any other element is inline.
_BLOCK_TAGS = _LEAF_BLOCKS | {
    "div", "section", "article", "main", "header", "ul", "ol", "dl", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "figure", "hr", "center", "fieldset", "details", "summary", "body",
}
_CONTAINERS = _BLOCK_TAGS - _LEAF_BLOCKS
_CELLS = ("td", "th")


@dataclass
class _Unit:
    """One block as the walk found it, with the element it came from (for scoring)."""

    element: object
    text: str
    level: int = 0  # heading level, 0 for body text
    rows: list[Block] | None = None  # a data table's rows


def load_html(src: bytes | Path) -> tuple[str, list[Block]]:
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(_decoded(as_bytes(src)), "lxml")
        page_title = clean(soup.title.get_text(" ")) if soup.title else ""
        landmarks = _drop_chrome(soup)
        root, trusted = _content_root(soup, landmarks)
        units = _walk(root)
        if not trusted:
            sizes = _sizes(root)
            if not _is_plain_document(root, sizes):
                units = _main_units(units, root, sizes)
    except RecursionError:  # an older BeautifulSoup recurses on very deep nesting
        raise LoadError("the HTML is nested too deeply to read") from None
    return _to_blocks(units, page_title)


# Every walk over the page below is a loop over a stack of child iterators, never recursion:
# a page of 5,000 nested <div>s is read like any other, in time proportional to its size.


def _decoded(data: bytes) -> str | bytes:
    """Text that is valid UTF-8 is UTF-8 (a page declaring another charset whose bytes are
    all ASCII reads the same); UTF-16 (with or without a byte-order mark) is decoded here;
    anything else goes to BeautifulSoup's detection by bytes, which reads the page's own
    <meta charset> first. Bytes that are not text at all (random data named .html) are
    refused here, by the same check as a .txt file, before any parsing."""
    text = decode_text(data)  # LoadError for binary content
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or "\x00" not in text and b"\x00" in data[:4096]:
        return text  # UTF-16: BeautifulSoup would read its NUL bytes as text
    return data


def _drop_chrome(soup) -> dict[str, list]:
    """Remove the chrome; return the landmarks met on the way (one walk over the page)."""
    from bs4 import Tag

    doomed = []
    landmarks: dict[str, list] = {}
    stack = [(iter(soup.children), False)]  # (children, inside an <article> or <main>)
    while stack:
        children, in_content = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
        elif isinstance(child, Tag):
            if _is_chrome(child, in_content):
                doomed.append(child)
                continue
            for landmark in _landmarks_of(child):
                landmarks.setdefault(landmark, []).append(child)
            stack.append((iter(child.children), in_content or child.name in _KEEP_HEADER_INSIDE))
    for tag in doomed:
        tag.decompose()
    return landmarks


def _landmarks_of(tag) -> list[str]:
    found = [f"#{tag.get('id')}"] if f"#{tag.get('id')}" in _LANDMARKS else []
    if tag.name in ("main", "article"):
        found.append(tag.name)
    if str(tag.get("role") or "").lower() == "main":
        found.append("[role=main]")
    return found


def _is_chrome(tag, in_content: bool) -> bool:
    if tag.name in _CHROME_TAGS:
        return not (tag.name == "header" and in_content)
    if tag.name in _NEVER_CHROME:
        return False
    if str(tag.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if _CHROME_LABEL.search(str(tag.get("aria-label") or "")):
        return True
    marker = " ".join([str(tag.get("id") or "")] + list(tag.get("class") or []))
    return bool(marker.strip()) and _CHROME_HINT.search(marker) is not None


def _text(element) -> str:
    """The words a reader sees in an element: a space wherever a browser breaks the line
    (<br>, block elements), none elsewhere, so "<b>Good</b>," stays "Good," while
    "Extension<br>Albert Square" does not become "ExtensionAlbert". Comments, scripts and
    styles are not text."""
    from bs4 import NavigableString, Tag

    parts: list[str] = []
    stack = [(iter(element.children), False)]  # (children, a block: space after it)
    while stack:
        children, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                parts.append(" ")
        elif type(child) is NavigableString:
            parts.append(child)
        elif isinstance(child, Tag):
            if child.name == "br":
                parts.append(" ")
                continue
            opens_block = child.name in _BLOCK_TAGS
            if opens_block:
                parts.append(" ")
            stack.append((iter(child.children), opens_block))
    return clean("".join(parts))


def _sizes(root) -> dict[int, tuple[int, int]]:
    """For every element under root, in one pass: characters of text (whitespace aside) and
    how many of them are link text."""
    from bs4 import NavigableString, Tag

    sizes: dict[int, tuple[int, int]] = {}
    stack = [(root, iter(root.children), [0, 0], root.name == "a")]
    while stack:
        element, children, totals, in_link = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            sizes[id(element)] = (totals[0], totals[1])
            if stack:
                stack[-1][2][0] += totals[0]
                stack[-1][2][1] += totals[1]
        elif type(child) is NavigableString:
            n = len("".join(child.split()))
            totals[0] += n
            totals[1] += n if in_link else 0
        elif isinstance(child, Tag):
            stack.append((child, iter(child.children), [0, 0], in_link or child.name == "a"))
    return sizes


def _link_density(element, sizes: dict[int, tuple[int, int]]) -> float:
    total, links = sizes.get(id(element), (0, 0))
    return links / total if total else 0.0


def _content_root(soup, landmarks: dict[str, list]):
    """Where the content is, and whether to keep all of it. ModernGov's #modgov holds only
    the meeting's content: kept whole. So is an <article> holding most of the page's text
    (a listing of teaser <article>s is not one). <main> only narrows the search: news sites
    put "related news" and job widgets inside it, after the story."""
    container = next(
        (found for landmark in _LANDMARKS for found in landmarks.get(landmark, []) if _text(found)),
        None,
    )
    if container is not None and container.get("id") == "modgov":
        return container, True
    scope = container or soup.body or soup
    articles = [a for a in landmarks.get("article", []) if _within_element(a, scope)]
    if articles:
        longest = max(articles, key=lambda a: len(_text(a)))
        if 2 * len(_text(longest)) >= len(_text(scope)):
            return longest, True
    return scope, False


def _within_element(element, ancestor) -> bool:
    return element is ancestor or any(parent is ancestor for parent in element.parents)


# --- 2. walking the page into units ----------------------------------------------------


def _walk(root) -> list[_Unit]:
    """Blocks in reading order, without recursion: a stack of child iterators."""
    from bs4 import NavigableString, Tag

    units: list[_Unit] = []
    # (children iterator, element that owns loose text, is a block)
    stack = [(iter(root.children), root, True)]
    loose: list[str] = []

    def flush(owner) -> None:
        text = clean("".join(loose))
        loose.clear()
        if text:
            units.append(_Unit(owner, text))

    while stack:
        children, owner, is_block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if is_block:
                flush(owner)
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, CDATA or doctype
                loose.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            loose.append(" ")
        elif name in _LEAF_BLOCKS:
            flush(owner)
            text = _text(child)
            if text:
                level = int(name[1]) if name in _HEADINGS else 0
                units.append(_Unit(child, text, level))
        elif name == "table" and not _is_layout_table(child):
            flush(owner)
            rows = _table_rows(child)
            if rows:
                units.append(_Unit(child, " ".join(b.text for b in rows), rows=rows))
        elif name in _BLOCK_TAGS:
            flush(owner)
            stack.append((iter(child.children), child, True))
        else:
            stack.append((iter(child.children), owner, False))
    return units


# --- 3. tables -------------------------------------------------------------------------


def _own_rows(table) -> list:
    rows = []
    for child in table.find_all(["tr", "thead", "tbody", "tfoot"], recursive=False):
        rows.extend([child] if child.name == "tr" else child.find_all("tr", recursive=False))
    return rows


def _is_layout_table(table) -> bool:
    """A table used to lay the page out (or an agenda's items) rather than to hold data:
    its cells hold headings, other tables or several paragraphs each."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    cells = [cell for tr in _own_rows(table) for cell in tr.find_all(_CELLS, recursive=False)]
    if any(cell.find(["table", *_HEADINGS]) is not None for cell in cells):
        return True
    if any(cell.name == "th" for cell in cells):
        return False
    blocks = ("p", "div", "ul", "ol", "blockquote")
    return any(sum(1 for b in cell.find_all(blocks) if _text(b)) >= 3 for cell in cells)


def _span(cell, attribute: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attribute, "1")).strip() or 1), 1000))
    except ValueError:
        return 1


def _table_rows(table) -> list[Block]:
    """Each row's cells at the column they start in, so a cell spanning two columns is
    labelled with the header of the first and the cells after it keep their own."""
    grid: list[list[tuple[int, str, int]]] = []
    held: dict[int, int] = {}  # column -> further rows a rowspan above still covers
    for tr in _own_rows(table):
        taken = {column for column, rows in held.items() if rows > 0}
        held = {column: rows - 1 for column, rows in held.items() if rows > 1}
        column, cells = 0, []
        for cell in tr.find_all(_CELLS, recursive=False):
            while column in taken:
                column += 1
            width, height = _span(cell, "colspan"), _span(cell, "rowspan")
            cells.append((column, _text(cell), width))
            for covered in range(column, column + width):
                taken.add(covered)
                if height > 1:
                    held[covered] = height - 1
            column += width
        if any(text for _, text, _ in cells):
            grid.append(cells)
    if not grid:
        return []
    header: dict[int, str] = {}
    if _is_header_row(table):
        header = {c: text for column, text, width in grid[0] for c in range(column, column + width)}
        grid = grid[1:]
    return row_blocks(header, [[(column, text) for column, text, _ in cells] for cells in grid], "")


def _is_header_row(table) -> bool:
    """<th> cells (or a <thead>), or, as Word's "save as web page" writes them, cells
    whose every word is bold."""
    rows = _own_rows(table)
    if not rows:
        return False
    first = rows[0]
    cells = first.find_all(_CELLS, recursive=False)
    if not cells:
        return False
    if first.parent.name == "thead" or all(cell.name == "th" for cell in cells):
        return True
    if len(rows) < 2 or len(cells) < 2:  # one bold cell across the top is the table's title
        return False

    def bold(cell) -> bool:
        text = _text(cell)
        strong = clean(" ".join(_text(b) for b in cell.find_all(["b", "strong"])))
        return bool(text) and strong == text

    return all(bold(cell) for cell in cells)


# --- 4. the main content of a page without landmarks -------------------------------------


def _is_plain_document(root, sizes) -> bool:
    """A page where under 5% of the text is links has no navigation to strip: a Word
    document saved as HTML, or a hand-written page. Nothing is guessed away from it."""
    return _link_density(root, sizes) < 0.05


def _main_units(units: list[_Unit], root, sizes) -> list[_Unit]:
    """The readability method: each paragraph scores its parent (and half its grandparent)
    by length and commas; the best element, less its link share, is the main content."""
    scores: dict[int, float] = {}
    elements: dict[int, object] = {}
    for unit in units:
        if unit.level or len(unit.text) < 25:
            continue
        points = 1 + unit.text.count(",") + min(len(unit.text) / 100, 3)
        # Loose text scores the element it sits in, as a paragraph would score its parent.
        parent = unit.element if unit.rows is None and unit.element.name in _CONTAINERS else unit.element.parent
        for element, share in ((parent, 1.0), (parent.parent if parent is not None else None, 0.5)):
            if element is not None:
                scores[id(element)] = scores.get(id(element), 0.0) + points * share
                elements[id(element)] = element
    if not scores:
        return units
    for key, element in elements.items():
        scores[key] *= 1 - _link_density(element, sizes)
    best_key = max(scores, key=scores.__getitem__)
    region = _widen_through_tables(elements[best_key], root)
    kept = {id(region)}
    if region is not root and region.parent is not None:
        threshold = scores[best_key] * 0.2
        for sibling in region.parent.find_all(True, recursive=False):
            if sibling is not region and _reads_as_content(sibling, scores.get(id(sibling), 0.0), threshold, sizes):
                kept.add(id(sibling))
    memo: dict[int, bool] = {}
    inside = [unit for unit in units if _within(unit.element, kept, root, memo)]
    return _with_headings(units, inside)


def _widen_through_tables(element, root):
    """Paragraph scoring picks one cell of a table-laid-out page (often one agenda item):
    take the whole table when its rows repeat one shape (the agenda's items), and the cell
    when they do not (the page's content column, not its header, menu or footer)."""
    while element is not root:
        cell = element if element.name in _CELLS else element.find_parent(_CELLS)
        if cell is None or not _within_element(cell, root):
            return element
        row, table = cell.find_parent("tr"), cell.find_parent("table")
        if row is None or table is None:
            return element
        shape = _row_shape(row)
        if sum(1 for tr in _own_rows(table) if _row_shape(tr) == shape) >= 2:
            element = table
            continue
        return cell
    return element


def _row_shape(tr) -> tuple:
    return tuple((cell.name, tuple(cell.get("class") or ()), cell.get("colspan")) for cell in tr.find_all(_CELLS, recursive=False))


def _reads_as_content(element, score: float, threshold: float, sizes) -> bool:
    """A sibling of the main content kept beside it (readability's rule): a heading, a data
    table, a section that scores near it, or a paragraph of prose that is not a link."""
    if element.name in _HEADINGS or (element.name == "table" and not _is_layout_table(element)):
        return True
    if score >= threshold > 0:
        return True
    if element.name not in _LEAF_BLOCKS and element.find(["p", "div", "ul", "ol", "table"]) is not None:
        return False
    text = _text(element)
    density = _link_density(element, sizes)
    return (len(text) > 80 and density < 0.25) or (0 < len(text) <= 80 and density == 0 and text.endswith("."))


def _within(element, kept: set[int], root, memo: dict[int, bool]) -> bool:
    """Whether an element lies inside a kept one; memoised along the path, so a deeply
    nested page costs one walk up, not one per block."""
    path = []
    answer = False
    while element is not None:
        key = id(element)
        if key in memo:
            answer = memo[key]
            break
        path.append(key)
        if key in kept:
            answer = True
            break
        if element is root:
            break
        element = element.parent
    for key in path:
        memo[key] = answer
    return answer


def _with_headings(units: list[_Unit], inside: list[_Unit]) -> list[_Unit]:
    """Headings outside the main element (an article's h1 above its body) are kept when
    content they head was kept; those of menus, teasers and job lists head nothing kept."""
    chosen = {id(u) for u in inside}
    keep: list[_Unit] = []
    for i, unit in enumerate(units):
        if id(unit) in chosen and not unit.level:
            keep.append(unit)
        elif unit.level:
            for j in range(i + 1, len(units)):
                later = units[j]
                if later.level and later.level <= unit.level:
                    break
                if not later.level and id(later) in chosen:
                    keep.append(unit)
                    break
    return keep


# --- 5. blocks ---------------------------------------------------------------------------


def _to_blocks(units: list[_Unit], page_title: str) -> tuple[str, list[Block]]:
    blocks: list[Block] = []
    headings = HeadingPath()
    h1 = ""
    for unit in units:
        if unit.level:
            h1 = h1 or (unit.text if unit.level == 1 else "")
            headings.enter(unit.level, unit.text)
        elif unit.rows is not None:
            heading = str(headings)
            # The cells go along too: the inspection records read tables by their columns.
            blocks.extend(
                Block(text=r.text, heading=heading, is_table_row=True, verbatim=r.verbatim, cells=r.cells) for r in unit.rows
            )
        else:
            # Word's "save as web page" marks the document's title with its Title style.
            if not h1 and "MsoTitle" in (getattr(unit.element, "get", lambda _: None)("class") or []):
                h1 = unit.text
            blocks.append(Block(text=unit.text, heading=str(headings)))
    return _html_title(h1, page_title), blocks


def _html_title(h1: str, page_title: str) -> str:
    """ModernGov pages say only "Agenda item" in their h1; their <title> adds the item
    ("Agenda item - Ofsted Inspection of Children's Services | <site>"). Take the <title>,
    less the site name, when it extends the h1."""
    main = page_title.split(" | ")[0].strip()
    if h1 and main.lower().startswith(h1.lower()) and len(main) > len(h1):
        return main
    return h1 or main
