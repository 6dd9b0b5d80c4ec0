"""Turn a file into a ParsedDocument: its title, its kind and its structural blocks.

One loader per format; each keeps what a citation needs (page numbers for PDFs,
heading paths, a table row's column headers) and drops what a reader never sees
(HTML navigation, cookie banners). A loader raises LoadError with a reason a person
understands; the pipeline names the file and carries on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from indexer.types import Block, DocKind, ParsedDocument

SUPPORTED = {".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".markdown"}


class LoadError(Exception):
    """A file that cannot be read as a document; the message is shown to the user."""


def load(path: Path, source: str) -> ParsedDocument:
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise LoadError(f"unsupported file type '{suffix or '(none)'}'")
    if path.stat().st_size == 0:
        raise LoadError("the file is empty")
    title, blocks = loader(path)
    blocks = [b for b in blocks if b.text.strip()]
    if not blocks:
        raise LoadError("no text found (a scanned PDF needs OCR first)" if suffix == ".pdf" else "no text found")
    title = title.strip() or path.stem.replace("_", " ").replace("-", " ")
    return ParsedDocument(source=source, title=title, kind=detect_kind(title, path.name, blocks), blocks=blocks)


_KIND_RULES: list[tuple[re.Pattern, DocKind]] = [
    (re.compile(r"news|press release|briefing|article", re.I), DocKind.OTHER),
    (re.compile(r"action[ _-]?plan", re.I), DocKind.ACTION_PLAN),
    (re.compile(r"minutes|agenda|committee|scrutiny|cabinet|board meeting", re.I), DocKind.MINUTES),
    (re.compile(r"inspection|ilacs|ofsted report|focused visit|monitoring visit", re.I), DocKind.INSPECTION_REPORT),
]


def detect_kind(title: str, filename: str, blocks: list[Block]) -> DocKind:
    """The title and file name decide (people name these files well); the opening text only
    when they say nothing, because minutes and plans quote the report they answer."""
    for text in (f"{title} {filename}", " ".join(b.text for b in blocks[:5])):
        for pattern, kind in _KIND_RULES:
            if pattern.search(text):
                return kind
    return DocKind.OTHER


# --- shared text helpers --------------------------------------------------------

_WS = re.compile(r"\s+")


def clean(text: str) -> str:
    """Collapse whitespace (line breaks included); keep the words exactly as written."""
    return _WS.sub(" ", text).strip()


class HeadingPath:
    """The headings above the current point, outermost first: "Actions > Care leavers"."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []

    def enter(self, level: int, text: str) -> None:
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, text))

    def __str__(self) -> str:
        return " > ".join(text for _, text in self._stack)


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and not line.rstrip().endswith((".", ",", ";", ":", "?", "!"))
        and line[:1].isupper()
        and not line.strip().isdigit()
    )


# --- PDF -----------------------------------------------------------------------

def load_pdf(path: Path) -> tuple[str, list[Block]]:
    # pypdf: BSD-licensed, pure Python, one page at a time so page numbers are exact;
    # its text visitor reports each run's font and position, which tell headings
    # (bold or larger) and paragraph breaks (a wider gap) apart without guessing from words.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise LoadError("the PDF is password-protected")
            except LoadError:
                raise
            except Exception as exc:  # pypdf raises several types for unsupported encryption
                raise LoadError("the PDF is password-protected") from exc
        pages = [_pdf_lines(page) for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, NotImplementedError, AttributeError) as exc:
        # pypdf reports damaged files through many exception types, e.g. an unsupported filter.
        raise LoadError(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc

    blocks: list[Block] = []
    heading = ""
    first_heading = ""
    previous_was_heading = False
    for number, lines in enumerate(pages, start=1):
        for is_heading, text in _pdf_paragraphs(lines):
            if is_heading:
                # Heading lines set with extra leading arrive as separate paragraphs: join them.
                heading = f"{heading} {text}" if previous_was_heading else text
                if not blocks:
                    first_heading = heading
            else:
                blocks.append(Block(text=text, page=number, heading=heading))
            previous_was_heading = is_heading
    return str(meta_title) or first_heading, blocks


@dataclass
class _Line:
    text: str
    y: float | None
    size: float
    bold: bool


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def _pdf_lines(page) -> list[_Line]:
    lines: list[_Line] = []
    parts: list[tuple[str, float | None, float, bool]] = []

    def end_line() -> None:
        text = clean("".join(t for t, *_ in parts))
        if text:
            inked = [p for p in parts if p[0].strip()]
            y = next((p[1] for p in inked if p[1] is not None), None)
            size = max((p[2] for p in inked), default=0.0)
            lines.append(_Line(text, y, size, all(p[3] for p in inked)))
        parts.clear()

    def visit(text, cm, tm, font, size) -> None:
        name = str((font or {}).get("/BaseFont", ""))
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] if tm and cm and tm[5] else None
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                end_line()
            if piece:
                parts.append((piece, y, float(size or 0) * abs(tm[3] or 1 if tm else 1), bool(_BOLD.search(name))))

    page.extract_text(visitor_text=visit)
    end_line()
    # A lone page number ("3", "Page 3 of 9") is page furniture, not content.
    return [l for l in lines if not re.fullmatch(r"(page\s*)?\d+(\s*(of|/)\s*\d+)?", l.text, re.I)]


def _pdf_paragraphs(lines: list[_Line]) -> list[tuple[bool, str]]:
    """(is_heading, text) for each paragraph: a wider gap between lines, or a change between
    heading and body type, ends a paragraph. Wrapped headings are joined."""
    if not lines:
        return []
    body_size = _mode([round(l.size, 1) for l in lines if not l.bold]) or _mode([round(l.size, 1) for l in lines])
    # Line spacing inside a paragraph is the smallest common gap; the lower quartile of
    # body-to-body gaps finds it even on pages of many short paragraphs.
    gaps = sorted(
        a.y - b.y
        for a, b in zip(lines, lines[1:])
        if a.y is not None and b.y is not None and a.y > b.y and not a.bold and not b.bold
    )
    line_gap = gaps[len(gaps) // 4] if gaps else 0.0

    def is_heading(line: _Line) -> bool:
        larger = body_size and line.size >= body_size * 1.15
        return (line.bold or bool(larger)) and len(line.text.split()) <= 20

    paragraphs: list[tuple[bool, list[str]]] = []
    previous: _Line | None = None
    for line in lines:
        heading = is_heading(line)
        new_para = (
            previous is None
            or heading != paragraphs[-1][0]
            or (line.y is not None and previous.y is not None and line_gap and previous.y - line.y > line_gap * 1.3)
            or (line_gap == 0 and previous.text.endswith((".", "?", "!")))
        )
        if new_para:
            paragraphs.append((heading, [line.text]))
        else:
            paragraphs[-1][1].append(line.text)
        previous = line
    return [(h, " ".join(texts)) for h, texts in paragraphs]


def _mode(values: list[float]) -> float:
    return max(set(values), key=values.count) if values else 0.0


# --- DOCX ----------------------------------------------------------------------

def load_docx(path: Path) -> tuple[str, list[Block]]:
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"not a readable Word document ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # python-docx surfaces lxml and package errors of many types
        raise LoadError(f"not a readable Word document ({exc.__class__.__name__})") from exc

    title = document.core_properties.title or ""
    headings = HeadingPath()
    blocks: list[Block] = []

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = clean(item.text)
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            level = _heading_level(style)
            if style == "Title":
                title = title or text
                continue
            if level:
                headings.enter(level, text)
                title = title or (text if level == 1 else "")
                continue
            blocks.append(Block(text=text, heading=str(headings)))
        elif isinstance(item, Table):
            blocks.extend(_table_rows(item, str(headings)))
    return title, blocks


def _heading_level(style: str) -> int:
    match = re.fullmatch(r"Heading (\d)", style)
    return int(match.group(1)) if match else 0


def _grid_cells(row) -> list[tuple[int, str]]:
    """(grid column, text) of each cell once: a horizontally merged cell is returned by
    python-docx once per column it spans, and must keep the header of its first column."""
    seen: set[int] = set()
    cells: list[tuple[int, str]] = []
    for column, cell in enumerate(row.cells):
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append((column, clean(" ".join(p.text for p in cell.paragraphs))))
    return cells


def _table_rows(table, heading: str) -> list[Block]:
    rows = [_grid_cells(r) for r in table.rows]
    rows = [r for r in rows if any(text for _, text in r)]
    if not rows:
        return []
    header = {column: text for column, text in rows[0]}
    return row_blocks(header, rows[1:] or rows, heading)


def row_blocks(header: dict[int, str], rows: list[list[tuple[int, str]]], heading: str) -> list[Block]:
    """A Block per table row: cells labelled with their column header ("Lead: Director of
    Education"), and the cells alone, one per line, as the verbatim quote."""
    blocks = []
    for cells in rows:
        present = [(column, text) for column, text in cells if text]
        if not present:
            continue
        labelled = []
        for column, text in present:
            label = header.get(column, "")
            labelled.append(f"{label}: {text}" if label and label != text else text)
        blocks.append(
            Block(
                text=" — ".join(labelled),
                heading=heading,
                is_table_row=True,
                verbatim="\n".join(text for _, text in present),
            )
        )
    return blocks


# --- HTML ----------------------------------------------------------------------

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


# --- plain text and Markdown -------------------------------------------------------

def read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise LoadError("binary content, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def load_markdown(path: Path) -> tuple[str, list[Block]]:
    text = read_text(path)
    blocks: list[Block] = []
    headings = HeadingPath()
    title = ""
    for chunk in re.split(r"\n\s*\n", text):
        lines = [l for l in chunk.strip().splitlines() if l.strip()]
        if not lines:
            continue
        para: list[str] = []

        def flush() -> None:
            if para:
                blocks.append(Block(text=clean(" ".join(para)), heading=str(headings)))
                para.clear()

        for line in lines:
            heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
            item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
            if heading:
                flush()
                level, words = len(heading.group(1)), clean(heading.group(2))
                title = title or (words if level == 1 else "")
                headings.enter(level, words)
            elif item:
                flush()  # the item's continuation lines join it until the next item or heading
                para.append(item.group(1))
            else:
                para.append(line.strip())
        flush()
    return title, blocks


def load_text(path: Path) -> tuple[str, list[Block]]:
    text = read_text(path)
    paragraphs = [clean(" ".join(p.split("\n"))) for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return "", []
    # A short first line with no full stop is the title of a plain-text article.
    title = paragraphs[0] if _looks_like_heading(paragraphs[0]) else ""
    blocks, heading = [], ""
    for para in paragraphs:
        if _looks_like_heading(para) and len(para.split()) <= 10:
            heading = para
            continue
        blocks.append(Block(text=para, heading=heading))
    return title, blocks


_LOADERS: dict[str, Callable[[Path], tuple[str, list[Block]]]] = {
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
    ".txt": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
}
