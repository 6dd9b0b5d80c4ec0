"""Plain text and Markdown."""

from __future__ import annotations

import re
from pathlib import Path

from indexer.loaders.common import HeadingPath, clean, looks_like_heading, read_text, row_block, strip_front_matter
from indexer.types import Block


def load_markdown(src: bytes | Path) -> tuple[str, list[Block]]:
    text = strip_front_matter(read_text(src))
    blocks: list[Block] = []
    headings = HeadingPath()
    title = ""
    for chunk in re.split(r"\n\s*\n", text):
        lines = [l for l in chunk.strip().splitlines() if l.strip()]
        if not lines:
            continue
        if _is_pipe_table(lines):
            blocks.extend(_pipe_table_rows(lines, str(headings)))
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


_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _is_pipe_table(lines: list[str]) -> bool:
    """A GitHub-style table: a header row, a |---|---| line, then rows."""
    return len(lines) >= 2 and "|" in lines[0] and bool(_PIPE_SEPARATOR.match(lines[1]))


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [clean(c) for c in re.split(r"(?<!\\)\|", line)]


def _pipe_table_rows(lines: list[str], heading: str) -> list[Block]:
    """Each row a Block with its column headers, as the other loaders give tables: a grade
    question then finds "Overall effectiveness — Grade: Good", not a run of pipes."""
    header = _cells(lines[0])
    rows = []
    for line in lines[2:]:
        cells = [(header[i] if i < len(header) else "", text) for i, text in enumerate(_cells(line)) if text]
        if cells:
            rows.append(row_block(cells, heading))
    return rows


def load_text(src: bytes | Path) -> tuple[str, list[Block]]:
    text = strip_front_matter(read_text(src))
    paragraphs = [clean(" ".join(p.split("\n"))) for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return "", []
    # A short first line with no full stop is the title of a plain-text article.
    title = paragraphs[0] if looks_like_heading(paragraphs[0]) else ""
    short = [looks_like_heading(p) and len(p.split()) <= 10 for p in paragraphs]
    blocks, heading = [], ""
    for i, para in enumerate(paragraphs):
        # A short line heads the text after it; a run of short lines ("Date: 31 January
        # 2023", "Council: Bradford") is content, each line kept, not a heading replaced
        # by the next. The title line itself is never repeated as text.
        if short[i] and (i == 0 or (i + 1 < len(paragraphs) and not short[i + 1])):
            heading = para
            continue
        blocks.append(Block(text=para, heading=heading))
    return title, blocks

