"""Turn a file into a ParsedDocument: its title, its kind and its structural blocks.

One loader per format; each keeps what a citation needs (page numbers for PDFs,
heading paths, a table row's column headers) and drops what a reader never sees
(HTML navigation, cookie banners). A loader raises LoadError with a reason a person
understands; the pipeline names the file and carries on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from indexer.types import Block, DocKind, ParsedDocument
from indexer.loaders.common import LoadError
from indexer.loaders.docx import load_docx
from indexer.loaders.html import load_html
from indexer.loaders.pdf import load_pdf
from indexer.loaders.text import load_markdown, load_text

__all__ = ["SUPPORTED", "LoadError", "load", "detect_kind"]

_LOADERS: dict[str, Callable[[Path], tuple[str, list[Block]]]] = {
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
    ".txt": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
}

SUPPORTED = frozenset(_LOADERS)


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

