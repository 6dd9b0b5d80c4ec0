"""Helpers every loader shares: whitespace, heading paths, table rows, text decoding."""

from __future__ import annotations

import codecs
import errno
import re
from pathlib import Path

from indexer.types import Block


class LoadError(Exception):
    """A file that cannot be read as a document; the message is shown to the user."""


_WS = re.compile(r"\s+")
# A YAML block between '---' lines at the very top of a Markdown or text file: metadata
# (see indexer.metadata), never document text.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def strip_front_matter(text: str) -> str:
    return FRONT_MATTER.sub("", text, count=1)


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
        blocks.append(row_block([(header.get(column, ""), text) for column, text in present], heading))
    return blocks


def row_block(cells: list[tuple[str, str]], heading: str, page: int | None = None) -> Block:
    """One table row from its (column header, text) cells."""
    labelled = [f"{label}: {text}" if label and label != text else text for label, text in cells]
    return Block(
        text=" — ".join(labelled),
        page=page,
        heading=heading,
        is_table_row=True,
        verbatim="\n".join(text for _, text in cells),
        cells=tuple(cells),
    )



# Byte-order marks of the encodings Windows tools write: Notepad's "Unicode" is UTF-16, whose
# NUL bytes would otherwise make a text file look binary.
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# Characters a text file never holds: C0/C1 control codes other than tab, line and page breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode_text(data: bytes) -> str:
    """Bytes of a text file as str: UTF-8 (or the encoding its byte-order mark names), else
    Windows-1252, the encoding of older UK council files (curly quotes, "£", "é"), else Latin-1.
    Raises LoadError when the bytes are not text at all (an image or program named .txt)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break  # a stray mark on binary data: judged below like any other bytes
    if b"\x00" in data[:4096]:
        raise LoadError("binary content, not text")
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        # Latin-1 decodes every byte; the bytes cp1252 leaves undefined become control codes,
        # which real Latin-1 text does not contain, so binary data shows itself below.
        text = data.decode("latin-1")
    sample = text[:65536]
    # A stray control code (a DOS end-of-file mark) is tolerated; binary data is a quarter control codes.
    if len(_CONTROL.findall(sample)) > max(2, 0.02 * len(sample)):
        raise LoadError("binary content, not text")
    return text.rstrip("\x1a")  # DOS editors end a file with Ctrl-Z


def read_text(path: Path) -> str:
    return decode_text(path.read_bytes())


def describe_os_error(exc: OSError) -> str:
    """Why the operating system would not give us a file, in words a council officer reads."""
    if isinstance(exc, FileNotFoundError):
        return "the file disappeared before it could be read"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop: the link leads back to itself (Too many levels of symbolic links)"
    if isinstance(exc, PermissionError):
        return "permission denied: the account running the indexer may not read this file"
    if isinstance(exc, IsADirectoryError):
        return "a folder, not a file"
    return f"cannot be read ({exc.strerror or exc})"
