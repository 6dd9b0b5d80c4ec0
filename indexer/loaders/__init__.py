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
from indexer.loaders.common import LoadError, describe_os_error, text_problem
from indexer.loaders.docx import load_docx
from indexer.loaders.html import load_html
from indexer.loaders.pdf import load_pdf
from indexer.loaders.text import load_markdown, load_text

__all__ = ["SUPPORTED", "LoadError", "load"]

_LOADERS: dict[str, Callable[[bytes], tuple[str, list[Block]]]] = {
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
    ".txt": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
}

SUPPORTED = frozenset(_LOADERS)
HTML_SUFFIXES = frozenset({".html", ".htm"})
# Parsing HTML builds a tree of BeautifulSoup objects: about 25 times the page's size for prose,
# and about 1.6 kB per element however small (a 10 MB page of short tags took 1.5 GB and 33 s).
# So a page over either limit is refused with the reason instead of taking gigabytes; council
# pages are tens to hundreds of kB and a few thousand elements. See benchmarks/parse_memory.py.
DEFAULT_MAX_HTML_BYTES = 5_000_000
DEFAULT_MAX_HTML_TAGS = 200_000  # counted as '<' characters: about 100,000 elements, ~170 MB to parse

_UNSET = object()


def load(
    path: Path,
    source: str,
    data: bytes | None = None,
    sidecar=_UNSET,
    max_html_bytes: int = DEFAULT_MAX_HTML_BYTES,
    max_html_tags: int = DEFAULT_MAX_HTML_TAGS,
) -> ParsedDocument:
    """The document in `path`, parsed from `data` when given: the bytes the pipeline read and
    hashed, so the passages are always those of the bytes the hash names. `sidecar` is its
    metadata sidecar as already read (a metadata.Sidecar, or None for none); by default it
    is looked for on disk."""
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise LoadError(f"unsupported file type '{suffix or '(none)'}'")
    try:
        if data is None:
            info = path.stat()
            # A pipe or device named .txt would block the reader forever, or never end.
            if not stat.S_ISREG(info.st_mode):
                raise LoadError("not a regular file (a folder, pipe or device)")
            data = path.read_bytes()
        if not data:
            raise LoadError("the file is empty")
        if suffix in HTML_SUFFIXES and len(data) > max_html_bytes:
            raise LoadError(
                f"an HTML page over {max_html_bytes / 1e6:g} MB (IA_MAX_HTML_MB) is not parsed: {len(data) / 1e6:.1f} MB "
                "would take gigabytes of memory to parse; save the page's text as .txt, or split it"
            )
        if suffix in HTML_SUFFIXES and (tags := data.count(b"<")) > max_html_tags:
            raise LoadError(
                f"an HTML page with over {max_html_tags:,} tags (IA_MAX_HTML_TAGS) is not parsed: it has {tags:,}, "
                f"which would take about {tags * 0.0008:,.0f} MB of memory to parse; save the page's text as .txt, or split it"
            )
        title, blocks = loader(data)
    except OSError as exc:  # gone, a link loop, no permission: said in words, not an errno
        raise LoadError(describe_os_error(exc)) from exc
    except RecursionError as exc:  # a parser walking thousands of nested tags
        raise LoadError("the document is nested too deeply to read") from exc
    blocks = [b for b in blocks if b.text.strip()]
    if not blocks:
        raise LoadError("no text found")
    # The one content check for text taken out of any format (a PDF font with no Unicode
    # map, a DOCX holding junk): raw TXT, MD and HTML bytes were checked before parsing too.
    if problem := text_problem("\n".join(b.text for b in blocks[:2000])):
        raise LoadError(f"{problem} in the text extracted from this {suffix.lstrip('.').upper()} file")
    title = title.strip() or path.stem.replace("_", " ").replace("-", " ")
    # Imported here: metadata reads LoadError from this package, so a top-level import would be circular.
    from indexer.metadata import _FIND, describe, detect_kind

    document = ParsedDocument(source=source, title=title, kind=detect_kind(title, path.name, blocks), blocks=blocks)
    return describe(document, path, data, _FIND if sidecar is _UNSET else sidecar)
