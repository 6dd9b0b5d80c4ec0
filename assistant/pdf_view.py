"""A PDF page drawn in the document panel from the text positions the indexer's PDF loader
reads, with the quoted passage highlighted where it sits on the page.

Drawn from text, not served: the PDF itself is never sent to the browser for this, so it
works for uploads (never served) and needs no PDF.js. Each run of text is an absolutely
placed, escaped span; only numbers the server computed go into a style attribute.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from assistant.citations import esc, squash

log = logging.getLogger(__name__)

# Runs shorter than this (squashed) are highlighted only when they sit between highlighted
# runs; alone, "of" or "2" would match almost any quote.
MIN_MATCH = 6


@lru_cache(maxsize=32)
def _layout(path: str, page: int, mtime: float):
    from indexer.loaders.pdf import page_layout

    return page_layout(Path(path), page)


def hits(runs: Sequence[tuple[str, float, float, float, bool]], quotes: Sequence[str]) -> list[bool]:
    """Which runs belong to a quote: a run's text (whitespace aside) is inside it, or (for a
    quote shorter than the run) the quote is inside the run."""
    wanted = [squash(q) for q in quotes if q and len(squash(q)) >= MIN_MATCH]
    marked = []
    for text, *_ in runs:
        t = squash(text)
        marked.append(bool(t) and any((len(t) >= MIN_MATCH and t in q) or q in t for q in wanted))
    # A short run between two marked ones is part of the same passage.
    for i in range(1, len(marked) - 1):
        if not marked[i] and marked[i - 1] and marked[i + 1]:
            marked[i] = True
    return marked


def page_html(source: str, page: int | None, quotes: Sequence[str]) -> str:
    """The page as laid out, the quote highlighted; "" when it cannot be drawn."""
    if not page or not source.lower().endswith(".pdf"):
        return ""
    path = Path(source)
    try:
        width, height, runs = _layout(str(path.resolve()), page, path.stat().st_mtime)
    except Exception as exc:  # a file moved or changed since it was indexed: the text view still works
        log.warning("cannot draw %s page %s: %s", source, page, exc)
        return ""
    if not runs or width <= 0 or height <= 0:
        return ""
    marked = hits(runs, quotes)
    spans = []
    for (text, x, y, size, bold), hit in zip(runs, marked):
        left, top = 100 * x / width, 100 * (height - y - size * 0.8) / height
        font = 100 * size / width  # in container widths, so the page scales with the panel
        style = f"left:{left:.2f}%;top:{top:.2f}%;font-size:{font:.3f}cqw{';font-weight:bold' if bold else ''}"
        body = f'<mark class="pdf-hit">{esc(text)}</mark>' if hit else esc(text)
        spans.append(f'<span class="pdf-run" style="{style}">{body}</span>')
    return (
        f'<figure class="pdf-page-view"><figcaption>Page {page} as laid out in the PDF</figcaption>'
        f'<div class="pdf-page" style="aspect-ratio:{width:.1f}/{height:.1f}">{"".join(spans)}</div></figure>'
    )
