"""PDF: pypdf, page by page, with each page's own geometry.

Why pypdf, measured by `benchmarks/pdf_parsers.py` (fpdf2 reports: a 4-page report with a
running header, a two-line footer with page numbers, a bordered judgements table whose
cells wrap, line-break hyphens and headings; speed on a 50-page report; 2 shared cores):

    parser                         exact text  header/footer*  fonts  table rows  pages/s**
    pypdf 7.1                      9/9         12/12, 0 wrong  yes    5/5 (here)  240 text, 227 this loader
    pypdfium2 5.15                 8/9         12/12, 0 wrong  no***  no API      2309 text, 477 with boxes
    pdfplumber 0.11 (pdfminer)     9/9         12/12, 0 wrong  yes    5/5         30 lines + tables
    llama-index PDFReader (pypdf)  9/9         no positions    no     no API      245

    * one repetition rule run on each parser's own line positions.
    ** a quiet moment; under load every figure was ~2.3x lower, the ratios the same.
    *** not in pypdfium2's helper API, only through raw PDFium calls.

- pypdfium2 is 10x faster at plain text but changes the words: a hyphen at a line end
  comes back as U+FFFE with the line break dropped ("safe\ufffeguarding"), so its text
  would not match the page as pypdf (the citation check) reads it.
- pdfplumber finds the table by itself, but is 7-8x slower than this loader (years of
  reports, ~1,500 pages: 50 s to 2.3 minutes of parsing instead of 7 to 17 s) and brings
  pdfminer.six and cryptography.
- llama-index-core has no PDF parser; its PDFReader (llama-index-readers-file) is pypdf's
  plain `extract_text()` per page: no positions, so furniture and tables are invisible.
- pypdf is already a dependency, reads the same characters as `assistant.citations`, and
  its visitors report each text run's position, font and size and each painted line and
  rectangle: all the geometry the rules below need. The table grid is rebuilt here from
  the ruling lines.

What this loader does with the geometry:
- Running headers/footers: a line among the top or bottom three of a page whose text
  (digits aside) recurs at the same height on many pages is page furniture; so is a lone
  page number ("3", "Page 3 of 12") there. See `_furniture` for the exact rule, which
  keeps one- and two-page PDFs safe.
- Tables: painted horizontal and vertical rules that cross form a grid; the text inside
  each cell (wrapped lines included) becomes that cell, and each row one Block labelled
  with the header row's cells (`row_blocks`). A grid whose text does not fill two cells
  in each of two rows (a framed paragraph, a chart) stays text, and so do tables without
  vertical rules. A producer that writes a whole row as one piece of text would give one
  cell (pypdf joins pieces on one baseline drawn without a break); fpdf2 writes each
  cell separately (other producers not checked here).
- Hyphens at line ends: see `_soft_break`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from indexer.loaders.common import LoadError, as_bytes, clean, row_blocks
from indexer.types import Block


def load_pdf(src: bytes | Path) -> tuple[str, list[Block]]:
    raw_pages, meta_title = _read(as_bytes(src))
    if not raw_pages:
        raise LoadError("the PDF has no pages (it is empty)")
    if not any(run.text.strip() for page in raw_pages for run in page.runs):
        # A scan is pictures of pages; a PDF of blank pages (or only drawings) is no scan.
        if any(page.has_image for page in raw_pages):
            raise LoadError("no text found: the PDF's pages are images with no text layer (a scanned PDF needs OCR first)")
        raise LoadError("no text found: the PDF's pages have no text and no images (blank pages)")
    pages = [_layout(page) for page in raw_pages]
    body_size = _mode([round(l.size, 1) for p in pages for l in _lines(p) if not l.bold])
    drop = _furniture([_lines(p) for p in pages], body_size)
    pages = [[item for item in page if not (isinstance(item, _Line) and id(item) in drop)] for page in pages]
    blocks, first_heading = _blocks(pages, _Vocabulary.of(pages))
    return meta_title or first_heading, blocks


def _blocks(pages: list[list["_Line | _Table"]], vocabulary: "_Vocabulary") -> tuple[list[Block], str]:
    """Body paragraphs and table rows, each on its page under the heading above it; and the
    first heading, the title when the PDF has none in its metadata."""
    blocks: list[Block] = []
    heading = ""
    first_heading = ""
    previous_was_heading = False
    open_table: tuple[_Grid, dict[int, str]] | None = None  # the previous page ended in this table
    for number, items in enumerate(pages, start=1):
        stats = _page_stats(_lines(items))
        bottom = {id(l) for l in sorted(_lines(items), key=lambda l: l.y)[:_EDGE]}
        continued = open_table
        open_table = None
        for index, segment in enumerate(_segments(items)):
            if isinstance(segment, _Table):
                header, rows = _header_and_rows(segment, continued if index == 0 else None, vocabulary)
                blocks.extend(replace(b, page=number) for b in row_blocks(header, rows, heading))
                open_table, previous_was_heading = (segment.grid, header), False
                continue
            if not all(id(l) in bottom for l in segment):
                # Text after a table ends it; a footer kept as content (short PDFs) does not.
                open_table = None
            for is_heading, texts in _pdf_paragraphs(segment, stats):
                text = _join_lines(texts, vocabulary)
                if is_heading:
                    # Heading lines set with extra leading arrive as separate paragraphs: join them.
                    heading = f"{heading} {text}" if previous_was_heading else text
                    if not blocks:
                        first_heading = heading
                else:
                    blocks.append(Block(text=text, page=number, heading=heading))
                previous_was_heading = is_heading
    return blocks, first_heading


# --- reading: pypdf's runs and painted rules ----------------------------------------------


@dataclass
class _Run:
    """Text as pypdf reports it, with where its baseline starts (PDF points, y upwards)."""

    text: str
    x: float
    y: float
    size: float
    bold: bool


@dataclass
class _RawPage:
    runs: list[_Run] = field(default_factory=list)
    has_image: bool = False  # an image XObject or inline image is drawn: what a scan's page is
    # Painted axis-aligned segments: ("h", y, x0, x1) or ("v", x, y0, y1).
    rules: list[tuple[str, float, float, float]] = field(default_factory=list)


def _read(data: bytes) -> tuple[list[_RawPage], str]:
    import io

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        _unlock(reader)
        pages = [_read_page(page) for page in reader.pages]
        title = clean(str((reader.metadata.title if reader.metadata else None) or ""))
    except LoadError:
        raise
    except Exception as exc:  # pypdf reports damaged files through many exception types
        raise LoadError(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
    return pages, title


def _unlock(reader) -> None:
    """An owner-password-only PDF opens with the empty user password; anything else cannot be read."""
    if not reader.is_encrypted:
        return
    from pypdf.errors import DependencyError

    try:
        opened = reader.decrypt("")
    except DependencyError as exc:  # AES without the `cryptography` package
        raise LoadError(f"the PDF is encrypted and cannot be decrypted here ({exc})") from exc
    except Exception as exc:  # pypdf raises several types for unsupported encryption
        raise LoadError("the PDF is password-protected") from exc
    if not opened:
        raise LoadError("the PDF is password-protected")


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _read_page(page) -> _RawPage:
    raw = _RawPage()
    path: list[tuple[str, float, float, float]] = []
    state = {"start": (0.0, 0.0), "at": (0.0, 0.0)}

    def on_text(text, cm, tm, font, size) -> None:
        m = _mult(tm, cm)
        x, y, scale = m[4], m[5], math.hypot(m[2], m[3]) or 1.0
        bold = _is_bold(font)
        for i, piece in enumerate(text.split("\n")):
            if not piece:
                continue
            if not piece.strip():  # a space between runs belongs to the text before it
                if raw.runs:
                    raw.runs[-1].text += piece
                continue
            # A piece after a line break inside one report sits a line lower.
            raw.runs.append(_Run(piece, x, y - i * float(size or 0) * scale * 1.2, float(size or 0) * scale, bold))

    def on_operator(op, args, cm, tm) -> None:
        if op == b"INLINE IMAGE":
            raw.has_image = True
            return
        if op == b"Do" and not raw.has_image:
            raw.has_image = _is_image(page, args)
            return
        try:
            _path_operator(op, args, cm, path, state, raw.rules)
        except (TypeError, ValueError, IndexError):
            path.clear()  # a malformed path is not a ruling line; the text is still read

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    return raw


def _is_image(page, args) -> bool:
    """Whether a `Do` draws an image (not a form of vector drawing or text)."""
    try:
        xobjects = page["/Resources"]["/XObject"]
        return xobjects[args[0]].get_object().get("/Subtype") == "/Image"
    except Exception:  # a damaged resource dictionary: not evidence of a scan
        return False


def _path_operator(op, args, cm, path, state, rules) -> None:
    if op == b"m":
        state["start"] = state["at"] = _point(cm, args[0], args[1])
    elif op == b"l":
        end = _point(cm, args[0], args[1])
        path.extend(_segment(state["at"], end))
        state["at"] = end
    elif op == b"h":
        path.extend(_segment(state["at"], state["start"]))
        state["at"] = state["start"]
    elif op in (b"c", b"v", b"y"):
        state["at"] = _point(cm, args[-2], args[-1])
    elif op == b"re":
        x, y, w, h = (float(a) for a in args[:4])
        corners = [_point(cm, x, y), _point(cm, x + w, y), _point(cm, x + w, y + h), _point(cm, x, y + h)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if y1 - y0 < 2:  # a filled hairline: a rule, not a box
            path.extend(_segment((x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)))
        elif x1 - x0 < 2:
            path.extend(_segment(((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)))
        else:
            for a, b in zip(corners, corners[1:] + corners[:1]):
                path.extend(_segment(a, b))
        state["start"] = state["at"] = corners[0]
    elif op in _PAINT:
        rules.extend(path)
        path.clear()
    elif op == b"n":  # a clipping path, never drawn
        path.clear()


def _point(cm, x, y) -> tuple[float, float]:
    x, y = float(x), float(y)
    return (x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5])


def _segment(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[str, float, float, float]]:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= 0.5 and abs(ax - bx) >= 2:
        return [("h", (ay + by) / 2, min(ax, bx), max(ax, bx))]
    if abs(ax - bx) <= 0.5 and abs(ay - by) >= 2:
        return [("v", (ax + bx) / 2, min(ay, by), max(ay, by))]
    return []


def _mult(a, b) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _is_bold(font) -> bool:
    font = font or {}
    if _BOLD.search(str(font.get("/BaseFont", ""))):
        return True
    try:
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        return float(descriptor.get("/FontWeight", 400)) >= 600
    except (AttributeError, TypeError, ValueError):
        return False


# --- layout: lines and table grids ------------------------------------------------------


@dataclass
class _Line:
    text: str
    y: float
    size: float
    bold: bool


@dataclass
class _Grid:
    xs: list[float]  # column edges, left to right
    ys: list[float]  # row edges, top to bottom
    verticals: list[tuple[float, float, float]]

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point; a merged cell answers its leftmost column."""
        tol = 1.0
        if not (self.xs[0] - tol <= x <= self.xs[-1] + tol and self.ys[-1] - tol <= y <= self.ys[0] + tol):
            return None
        row = next((r for r in range(len(self.ys) - 1) if self.ys[r + 1] - tol <= y <= self.ys[r] + tol), None)
        if row is None:
            return None
        middle = (self.ys[row] + self.ys[row + 1]) / 2
        column = 0
        for c, edge in enumerate(self.xs[1:-1], start=1):
            if edge <= x and self._has_rule(edge, middle):
                column = c
        return row, column

    def _has_rule(self, x: float, y: float) -> bool:
        return any(abs(vx - x) <= 2 and y0 - 2 <= y <= y1 + 2 for vx, y0, y1 in self.verticals)


@dataclass
class _Table:
    grid: _Grid
    cells: dict[tuple[int, int], list[_Run]] = field(default_factory=lambda: defaultdict(list))


def _layout(raw: _RawPage) -> list[_Line | _Table]:
    """The page's lines and tables in the order they were drawn, which is reading order."""
    grids = _grids(raw.rules)
    places = [_place(grids, run) for run in raw.runs]
    tabular = _tabular(places)
    items: list[_Line | _Table] = []
    tables: dict[int, _Table] = {}
    line: list[_Run] = []

    def end_line() -> None:
        if line:
            items.append(_make_line(line))
            line.clear()

    for run, place in zip(raw.runs, places):
        if place is not None and place[0] in tabular:
            g, cell = place
            if g not in tables:
                end_line()
                tables[g] = _Table(grids[g])
                items.append(tables[g])
            tables[g].cells[cell].append(run)
            continue
        if line and _new_line(line[-1], run):
            end_line()
        line.append(run)
    end_line()
    return [item for item in items if isinstance(item, _Line) and item.text or isinstance(item, _Table)]


def _tabular(places: list[tuple[int, tuple[int, int]] | None]) -> set[int]:
    """Grids whose text really is tabular: two rows or more with two filled cells or more.
    Boxes around text, sidebars and chart gridlines stay ordinary text."""
    filled: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for place in places:
        if place is not None:
            g, (row, column) = place
            filled[g][row].add(column)
    return {g for g, rows in filled.items() if sum(1 for columns in rows.values() if len(columns) >= 2) >= 2}


def _new_line(previous: _Run, run: _Run) -> bool:
    # Superscripts and mixed fonts shift the baseline a little; a new line moves it by about a line.
    return abs(run.y - previous.y) > 0.5 * max(run.size, previous.size, 1.0)


def _make_line(runs: list[_Run]) -> _Line:
    return _Line(
        text=clean("".join(r.text for r in runs)),
        y=runs[0].y,
        size=max(r.size for r in runs),
        bold=all(r.bold for r in runs),
    )


def _place(grids: list[_Grid], run: _Run) -> tuple[int, tuple[int, int]] | None:
    # A point just inside the run's first glyph: its baseline start sits on the cell's padding.
    x, y = run.x + 0.5, run.y + 0.3 * run.size
    for g, grid in enumerate(grids):
        cell = grid.locate(x, y)
        if cell is not None:
            return g, cell
    return None


def _grids(rules: list[tuple[str, float, float, float]]) -> list[_Grid]:
    """Tables drawn with ruling lines: sets of crossing horizontal and vertical rules that
    make at least two rows and two columns. A box around a paragraph (one cell) is not one."""
    horizontals = _merge([r[1:] for r in rules if r[0] == "h"])
    verticals = _merge([r[1:] for r in rules if r[0] == "v"])
    if not horizontals or not verticals:
        return []
    parent = list(range(len(horizontals) + len(verticals)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = 2.0
    for i, (hy, hx0, hx1) in enumerate(horizontals):
        for j, (vx, vy0, vy1) in enumerate(verticals):
            if hx0 - tol <= vx <= hx1 + tol and vy0 - tol <= hy <= vy1 + tol:
                parent[find(i)] = find(len(horizontals) + j)
    groups: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for i, h in enumerate(horizontals):
        groups[find(i)][0].append(h)
    for j, v in enumerate(verticals):
        groups[find(len(horizontals) + j)][1].append(v)
    grids = []
    for hs, vs in groups.values():
        if not hs or not vs:
            continue
        xs = _cluster([v[0] for v in vs] + [min(h[1] for h in hs), max(h[2] for h in hs)])
        ys = _cluster([h[0] for h in hs] + [min(v[1] for v in vs), max(v[2] for v in vs)])
        if len(xs) >= 3 and len(ys) >= 3:
            grids.append(_Grid(xs=xs, ys=ys[::-1], verticals=vs))
    return grids


def _merge(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear segments that touch become one (cell borders are drawn cell by cell)."""
    merged: list[list[float]] = []
    for pos, a, b in sorted(segments, key=lambda s: (round(s[0]), s[1])):
        last = merged[-1] if merged else None
        if last and abs(last[0] - pos) <= 1 and a <= last[2] + 1:
            last[2] = max(last[2], b)
        else:
            merged.append([pos, a, b])
    return [(p, a, b) for p, a, b in merged]


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    edges: list[float] = []
    for v in sorted(values):
        if not edges or v - edges[-1] > tol:
            edges.append(v)
    return edges


def _lines(items: list[_Line | _Table]) -> list[_Line]:
    return [item for item in items if isinstance(item, _Line)]


def _segments(items: list[_Line | _Table]) -> list[list[_Line] | _Table]:
    """Runs of consecutive lines, split by the tables between them."""
    out: list[list[_Line] | _Table] = []
    for item in items:
        if isinstance(item, _Table):
            out.append(item)
        elif out and isinstance(out[-1], list):
            out[-1].append(item)
        else:
            out.append([item])
    return out


# --- running headers and footers ---------------------------------------------------------

_PAGE_NUMBER = re.compile(r"[-–—\s]*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[-–—\s]*", re.I)
_DIGITS = re.compile(r"\d+")
_EDGE = 3  # lines at the top and at the bottom of a page that may be furniture
# A page left with fewer than this share of its lines was not page furniture around content.
_NEARLY_ALL = 0.1


def _furniture(pages: list[list[_Line]], body_size: float) -> set[int]:
    """ids of the lines that are page furniture, not content.

    A lone page number among a page's top or bottom three lines is furniture. Other lines
    there are furniture when the same text, at the same height, recurs on many pages:
    - identical text on 2+ pages and at least 40% of them (odd/even headers differ; a
      header printed from page 2 on shows twice in a 3-page report);
    - text that varies in its digits ("Page 3 of 12") on 3+ pages and 40% of them, and only
      if the line is not styled as a heading (so "Recommendation 2" at the top of a page stays);
    - in a one- or two-page PDF, only the very first or last line, identical on both pages,
      since a pair of pages gives too little evidence to risk real content;
    - never (page numbers aside) all or nearly all of a page's lines.
    """
    drop: set[int] = set()
    seen: dict[tuple[str, str], list[tuple[int, _Line]]] = defaultdict(list)
    for number, lines in enumerate(pages):
        ordered = sorted(lines, key=lambda l: -l.y)
        edges = {"top": ordered[:_EDGE], "bottom": ordered[::-1][:_EDGE]}
        if len(pages) <= 2:
            edges = {"top": ordered[:1], "bottom": ordered[-1:]}
        for zone, edge in edges.items():
            for line in edge:
                if _PAGE_NUMBER.fullmatch(line.text):
                    drop.add(id(line))
                else:
                    seen[(zone, _DIGITS.sub("#", line.text.casefold()))].append((number, line))
    # Identical text needs less evidence than text whose digits vary: a report's header is
    # often printed from page 2 on, so a 3-page report shows it only twice.
    needed_identical = max(2, math.ceil(0.4 * len(pages)))
    needed_varying = max(3, math.ceil(0.4 * len(pages)))
    for occurrences in seen.values():
        first_per_page = {number: line for number, line in reversed(occurrences)}
        same_height = _largest_height_group(list(first_per_page.values()))
        identical = len({l.text for l in same_height}) == 1
        heading_like = any(l.bold or (body_size and l.size > body_size * 1.15) for l in same_height)
        if (identical and len(same_height) >= needed_identical) or (
            len(pages) > 2 and not heading_like and len(same_height) >= needed_varying
        ):
            drop.update(id(l) for l in same_height)
    # The rule never empties a page: a PDF whose pages repeat the same short text (a notice
    # printed on each page, a slide deck) is content, not furniture. A page that would keep
    # almost none of its lines keeps all but its lone page numbers.
    for lines in pages:
        kept = [l for l in lines if id(l) not in drop]
        if lines and len(kept) < max(1, _NEARLY_ALL * len(lines)):
            drop.difference_update(id(l) for l in lines if not _PAGE_NUMBER.fullmatch(l.text))
    return drop


def _largest_height_group(lines: list[_Line], tol: float = 3.0) -> list[_Line]:
    best: list[_Line] = []
    for ref in lines:
        group = [l for l in lines if abs(l.y - ref.y) <= tol]
        if len(group) > len(best):
            best = group
    return best


# --- paragraphs and headings ------------------------------------------------------------


@dataclass(frozen=True)
class _PageStats:
    body_size: float
    line_gap: float


def _page_stats(lines: list[_Line]) -> _PageStats:
    body_size = _mode([round(l.size, 1) for l in lines if not l.bold]) or _mode([round(l.size, 1) for l in lines])
    # Line spacing inside a paragraph is the smallest common gap; the lower quartile of
    # body-to-body gaps finds it even on pages of many short paragraphs.
    gaps = sorted(a.y - b.y for a, b in zip(lines, lines[1:]) if a.y > b.y and not a.bold and not b.bold)
    line_gap = gaps[len(gaps) // 4] if gaps else 0.0
    # A page of one-line paragraphs has no gap inside a paragraph to learn from: line
    # spacing is rarely more than 1.8 times the type size (1.5 line spacing is about 1.7).
    if body_size:
        line_gap = min(line_gap, 1.8 * body_size) if line_gap else 0.0
    return _PageStats(body_size, line_gap)


def _pdf_paragraphs(lines: list[_Line], stats: _PageStats) -> list[tuple[bool, list[str]]]:
    """(is_heading, line texts) for each paragraph: a wider gap between lines, or a change
    between heading and body type, ends a paragraph. Wrapped headings are joined."""

    def is_heading(line: _Line) -> bool:
        larger = stats.body_size and line.size >= stats.body_size * 1.15
        return (line.bold or bool(larger)) and len(line.text.split()) <= 20

    paragraphs: list[tuple[bool, list[str]]] = []
    previous: _Line | None = None
    gap = stats.line_gap
    for line in lines:
        heading = is_heading(line)
        new_para = (
            previous is None
            or heading != paragraphs[-1][0]
            or (gap and previous.y - line.y > gap * 1.3)
            or (gap == 0 and previous.text.endswith((".", "?", "!")))
        )
        if new_para:
            paragraphs.append((heading, [line.text]))
        else:
            paragraphs[-1][1].append(line.text)
        previous = line
    return paragraphs


def _mode(values: list[float]) -> float:
    return max(set(values), key=values.count) if values else 0.0


# --- tables ------------------------------------------------------------------------------


def _header_and_rows(
    table: _Table, continued: tuple[_Grid, dict[int, str]] | None, vocabulary: "_Vocabulary"
) -> tuple[dict[int, str], list[list[tuple[int, str]]]]:
    """The header row and the body rows, each cell's wrapped lines joined. A table that
    carries on from the previous page without repeating its (bold) header row keeps the
    previous page's header."""
    rows = _rows(table, vocabulary)
    if not rows:
        return {}, []
    top = min(row for row, _ in table.cells)
    first_bold = all(run.bold for (row, _), runs in table.cells.items() if row == top for run in runs)
    if continued is not None and _same_columns(continued[0], table.grid) and not first_bold:
        return continued[1], rows
    return dict(rows[0]), rows[1:]


def _rows(table: _Table, vocabulary: "_Vocabulary") -> list[list[tuple[int, str]]]:
    by_row: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (row, column), runs in sorted(table.cells.items()):
        by_row[row].append((column, _join_lines(_cell_lines(runs), vocabulary)))
    return [by_row[r] for r in sorted(by_row)]


def _cell_lines(runs: list[_Run]) -> list[str]:
    lines: list[list[_Run]] = []
    for run in runs:
        if lines and not _new_line(lines[-1][-1], run):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [text for text in (clean("".join(r.text for r in line)) for line in lines) if text]


def _same_columns(a: _Grid, b: _Grid) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= 3 for x, y in zip(a.xs, b.xs))


# --- hyphens at line ends -------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass
class _Vocabulary:
    """The document's own spellings: words, and hyphenated words written within a line."""

    words: set[str]
    hyphenated: set[str]

    @classmethod
    def of(cls, pages: list[list[_Line | _Table]]) -> "_Vocabulary":
        words: set[str] = set()
        hyphenated: set[str] = set()
        for items in pages:
            texts = [l.text for l in _lines(items)]
            texts += [r.text for t in items if isinstance(t, _Table) for runs in t.cells.values() for r in runs]
            for text in texts:
                for word in _WORD.findall(text.casefold()):
                    (hyphenated if "-" in word else words).add(word)
        return cls(words, hyphenated)


def _join_lines(lines: list[str], vocabulary: _Vocabulary) -> str:
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("\u00ad"):  # a soft hyphen is only ever a break
            text = text[:-1] + line
        elif re.search(r"[^\W\d_]-$", text) and line[:1].isalpha():
            left = re.search(r"(\S*)-$", text).group(1)  # type: ignore[union-attr]
            right = re.match(r"\S*", line).group(0)  # type: ignore[union-attr]
            text = (text[:-1] if _soft_break(left, right, vocabulary) else text) + line
        else:
            text = f"{text} {line}"
    return clean(text)


def _soft_break(left: str, right: str, vocabulary: _Vocabulary) -> bool:
    """Whether "left-" at a line end and "right" on the next line are one word split by
    hyphenation ("safe-" + "guarding"), rather than a hyphenated word ("well-being").

    The document's own spelling decides when it has one: "well-being" written within a
    line elsewhere keeps the hyphen, "wellbeing" drops it. Otherwise the hyphen is dropped
    only when the next line starts lower case, neither part carries another hyphen
    ("Stockton-on-Tees"), the first part is not capitalised (a name), and both parts are
    long enough for hyphenation to have split them (at least 2 and 3 letters: "e-mail",
    "follow-up" and "drop-in" keep theirs). Either way the words' letters are unchanged,
    and `assistant.citations.source_text` accepts both spellings.
    """
    right_word = _WORD.match(right)
    if not right_word or not left.isalpha():
        return False
    left_key, right_key = left.casefold(), right_word.group(0).casefold()
    if f"{left_key}-{right_key}" in vocabulary.hyphenated:
        return False
    if not right[:1].islower() or "-" in right_key:
        return False
    if left_key + right_key in vocabulary.words:
        return True
    return left[:1].islower() and len(left) >= 2 and len(right_key) >= 3


def page_layout(path: Path, page: int) -> tuple[float, float, list[tuple[str, float, float, float, bool]]]:
    """One page's text runs as this loader reads them, for drawing the page (the chat's page
    view): (width, height, [(text, x, y, size, bold)]) in PDF points, y upwards from the bottom."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    _unlock(reader)
    pdf_page = reader.pages[page - 1]
    box = pdf_page.mediabox
    raw = _read_page(pdf_page)
    return float(box.width), float(box.height), [(r.text, r.x, r.y, r.size, r.bold) for r in raw.runs]
