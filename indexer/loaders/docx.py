"""Word documents: python-docx, headings as a path, each table row with its column headers."""

from __future__ import annotations

import re
from pathlib import Path

from indexer.loaders.common import HeadingPath, LoadError, clean, row_blocks
from indexer.types import Block


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

