"""Word documents: python-docx, headings as a path, each table row with its column headers."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from indexer.loaders.common import HeadingPath, LoadError, as_bytes, clean, row_blocks
from indexer.types import Block


# Word 97-2003 files, and .docx files saved with a password, are OLE compound files, not zips.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_docx(src: bytes | Path) -> tuple[str, list[Block]]:
    import docx

    data = as_bytes(src)  # an OSError (gone, no permission) is worded by load()
    try:
        return _docx_blocks(docx.Document(io.BytesIO(data)))
    except Exception as exc:  # python-docx surfaces zip, lxml and package errors of many types
        raise LoadError(f"not a readable Word document ({_why_unreadable(data, exc)})") from exc


def _why_unreadable(data: bytes, exc: Exception) -> str:
    """What went wrong, as far as the officer who saved the file can act on it."""
    if data.startswith(_OLE_MAGIC):
        return "it is an older .doc file or is password-protected: save it as .docx without a password"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return "the file is not a .docx package: it may be damaged or another format renamed"
    if isinstance(exc, KeyError):
        return "the package holds no Word document"
    if isinstance(exc, ValueError) and "content type" in str(exc):
        return "it is another kind of Office file (a spreadsheet or presentation?) named .docx"
    return f"its content is damaged ({exc.__class__.__name__})"


def _docx_blocks(document) -> tuple[str, list[Block]]:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    title = document.core_properties.title or ""
    headings = HeadingPath()
    blocks: list[Block] = []
    # python-docx resolves `paragraph.style` by walking every style in the document, each
    # time: that was half the load time of a DOCX. Names by style id, looked up once.
    style_names = {s.style_id: s.name or "" for s in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_name = (default.name or "") if default is not None else ""

    def style_of(paragraph) -> str:
        ppr = paragraph._p.pPr
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        return style_names.get(style_id, default_name) if style_id else default_name

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = clean(item.text)
            if not text:
                continue
            style = style_of(item)
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

