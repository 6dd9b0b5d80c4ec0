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
# What text extracted from a PDF or DOCX is when it is not text: control codes, U+FFFD (bytes
# no encoding explains) and private-use glyphs (a font with no Unicode map).
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


def as_bytes(src: "bytes | Path") -> bytes:
    """A loader's input: the bytes the pipeline read once (and hashed), or a path (benchmarks)."""
    return src if isinstance(src, bytes) else Path(src).read_bytes()


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text with no byte-order mark:
    English text in UTF-16 has a NUL in every other byte, on one side only."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def text_problem(text: str) -> str | None:
    """Why `text` is not text a person wrote (None when it is): the one content check every
    format passes, raw text files and HTML before parsing, PDF and DOCX after extraction."""
    sample = text[:65536]
    # A stray control code (a DOS end-of-file mark) is tolerated; binary data is a quarter control codes.
    bad = len(_NOT_TEXT.findall(sample))
    if bad > max(2, 0.02 * len(sample)):
        return f"binary content, not text ({bad} of the first {len(sample)} characters are control codes or undecodable)"
    return None


def decode_text(data: bytes) -> str:
    """Bytes of a text file as str: UTF-8 (or the encoding its byte-order mark names, or UTF-16
    recognised by its NUL bytes), else Windows-1252, the encoding of older UK council files
    (curly quotes, "£", "é"), else Latin-1. Raises LoadError when the bytes are not text at
    all (an image or program named .txt or .html)."""
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                pass  # a stray mark on binary data: judged below like any other bytes
            break
    if text is None and (utf16 := _utf16_without_bom(data)):
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = None
    if text is None:
        if b"\x00" in data[:4096]:
            raise LoadError("binary content, not text (it holds NUL bytes)")
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
    if problem := text_problem(text):
        raise LoadError(problem)
    return text.rstrip("\x1a")  # DOS editors end a file with Ctrl-Z


def read_text(src: "bytes | Path") -> str:
    return decode_text(as_bytes(src))


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
