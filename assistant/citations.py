"""Citations as users see them, and the check that a quote really is in its source.

`source_text` reads a document independently of the indexer's loaders (plain pypdf page
text, python-docx paragraphs and cells, the HTML's whole text, the raw file), so a bug in a
loader that altered words would show up as a quote that cannot be found.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from assistant.types import Answer, Citation

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text with all whitespace removed: "verbatim, whitespace aside" compares these."""
    return _SPACE.sub("", text)


@lru_cache(maxsize=64)
def source_text(source: str, page: int | None = None) -> str:
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pypdf import PdfReader

        pages = PdfReader(path).pages
        if page:
            return _with_unbroken_words(pages[page - 1].extract_text() or "")
        return _with_unbroken_words("\n".join(p.extract_text() or "" for p in pages))
    if suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.extend(cell.text for cell in row.cells)
        return "\n".join(parts)
    if suffix in (".html", ".htm"):
        from bs4 import BeautifulSoup

        return BeautifulSoup(path.read_bytes(), "lxml").get_text()
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


# A hyphen (or soft hyphen) that ends a line: "safe-\nguarding".
_LINE_BREAK_HYPHEN = re.compile(r"[-\u00ad][ \t]*\r?\n\s*")
# Between the two readings of a PDF's text: squash() keeps it, and no quote contains it,
# so no quote line can match across the join.
_READINGS_APART = "\n\uffff\n"


def _with_unbroken_words(text: str) -> str:
    """The PDF text as printed, then again with every line-break hyphen removed, so that a
    quote may spell a word hyphenated across lines either way ("safeguarding" or
    "safe-guarding"; "well-being") and nothing else is loosened. Decided here, independently
    of the loader's own rule for which hyphens to keep."""
    unbroken = _LINE_BREAK_HYPHEN.sub("", text)
    return text if unbroken == text else f"{text}{_READINGS_APART}{unbroken}"


def quote_is_verbatim(citation: Citation) -> bool:
    """True when every line of the quote appears in the source, on the cited page.

    A table row's quote is its cells, one per line: each cell must be found (cells are
    separate runs of text in the original, so the row as a whole need not be contiguous).
    """
    text = squash(source_text(citation.source, citation.page))
    return all(squash(line) in text for line in citation.quote.split("\n") if line.strip())


def location(c: Citation) -> str:
    # Whose words: the kind of document leads, so "Inspection report" and "Committee minutes" read apart.
    return f"{c.kind_label}: {c.title}{f', page {c.page}' if c.page else ''}"


def format_text(answer: Answer) -> str:
    """The answer and its sources for a terminal."""
    lines = []
    if answer.scope.inherited:
        lines.append(f"(Taken to mean: {answer.scope.describe()})")
    if answer.notice:
        lines.append(f"({answer.notice})")
    lines.append(answer.answer)
    if answer.citations:
        lines.append("")
        lines.append("Sources:")
        for c in answer.citations:
            lines.append(f"[{c.n}] {location(c)} — {c.source}")
            lines.append(f"    “{' / '.join(c.quote.splitlines())}”")
    return "\n".join(lines)


def sources_html(answer: Answer) -> str:
    """Source cards for the chat. Every piece of document text is escaped: documents are
    data, and a minutes page containing <script> must show as text."""
    if not answer.citations:
        return related_html(answer)
    cards = []
    for c in answer.citations:
        quote = "<br>".join(html.escape(line) for line in c.quote.splitlines())
        cards.append(
            '<div class="source-card">'
            f'<div class="source-head"><span class="source-n">[{c.n}]</span> '
            f"<strong>{html.escape(c.title)}</strong> · {html.escape(c.kind)}"
            f"{f' · page {c.page}' if c.page else ''}</div>"
            f'<blockquote class="source-quote">{quote}</blockquote>'
            f'<div class="source-path">{html.escape(c.source)}'
            f"{f' — {html.escape(c.heading)}' if c.heading else ''}</div>"
            "</div>"
        )
    return '<div class="sources"><h3>Sources</h3>' + "".join(cards) + "</div>"


def related_html(answer: Answer) -> str:
    if not answer.related:
        return ""
    items = "".join(
        f"<li>{html.escape(h.passage.title)} · {html.escape(h.passage.kind.value)}"
        f"{f' · page {h.passage.page}' if h.passage.page else ''} — {html.escape(h.passage.source)}</li>"
        for h in answer.related[:3]
    )
    return (
        '<div class="sources related"><h3>Closest passages</h3>'
        "<p>These were the nearest matches. They do not answer the question.</p>"
        f"<ul>{items}</ul></div>"
    )
