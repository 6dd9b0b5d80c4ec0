"""Turn a file into a ParsedDocument: its title, its kind and its structural blocks.

One loader per format; each keeps what a citation needs (page numbers for PDFs,
heading paths, a table row's column headers) and drops what a reader never sees
(HTML navigation, cookie banners). A loader raises LoadError with a reason a person
understands; the pipeline names the file and carries on.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Callable

from indexer.types import Block, ParsedDocument
from indexer.loaders.common import LoadError, describe_os_error
from indexer.loaders.docx import load_docx
from indexer.loaders.html import load_html
from indexer.loaders.pdf import load_pdf
from indexer.loaders.text import load_markdown, load_text

__all__ = ["SUPPORTED", "LoadError", "load"]

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
    try:
        info = path.stat()
        # A pipe or device named .txt would block the reader forever, or never end.
        if not stat.S_ISREG(info.st_mode):
            raise LoadError("not a regular file (a folder, pipe or device)")
        if info.st_size == 0:
            raise LoadError("the file is empty")
        title, blocks = loader(path)
    except OSError as exc:  # gone, a link loop, no permission: said in words, not an errno
        raise LoadError(describe_os_error(exc)) from exc
    except RecursionError as exc:  # a parser walking thousands of nested tags
        raise LoadError("the document is nested too deeply to read") from exc
    blocks = [b for b in blocks if b.text.strip()]
    if not blocks:
        raise LoadError("no text found (a scanned PDF needs OCR first)" if suffix == ".pdf" else "no text found")
    title = title.strip() or path.stem.replace("_", " ").replace("-", " ")
    # Imported here: metadata reads LoadError from this package, so a top-level import would be circular.
    from indexer.metadata import describe, detect_kind

    document = ParsedDocument(source=source, title=title, kind=detect_kind(title, path.name, blocks), blocks=blocks)
    return describe(document, path)
