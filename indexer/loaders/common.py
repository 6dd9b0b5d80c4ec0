"""Helpers every loader shares: whitespace, heading paths, table rows, text decoding."""

from __future__ import annotations

import re
from pathlib import Path

from indexer.types import Block


class LoadError(Exception):
    """A file that cannot be read as a document; the message is shown to the user."""


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


def looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and not line.rstrip().endswith((".", ",", ";", ":", "?", "!"))
        and line[:1].isupper()
        and not line.strip().isdigit()
    )



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

