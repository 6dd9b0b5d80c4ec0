"""Citations as users see them, and the check that a quote really is in its source.

`source_text` reads a document independently of the indexer's loaders (plain pypdf page
text, python-docx paragraphs and cells, the HTML's whole text, the raw file), so a bug in a
loader that altered words would show up as a quote that cannot be found.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote as quote_url

from assistant.types import KIND_LABELS, Answer, Citation
from indexer.types import Passage

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


# --- HTML for the chat ---------------------------------------------------------------
# Documents are untrusted: every document string goes through `esc`, and none ever goes into
# an href, src, style or on* attribute. Links are built only from the index's own source
# paths, by the app (`original_url`).

# Besides HTML's own characters: "$", "{", "}" and "`" drive template engines (Gradio's HTML
# component fills a JS template string and Handlebars); as entities they display the same
# and can never be read as template syntax.
_TEMPLATE_CHARS = str.maketrans({"$": "&#36;", "{": "&#123;", "}": "&#125;", "`": "&#96;"})

OriginalUrl = Callable[[str, int | None], str | None]


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True).translate(_TEMPLATE_CHARS)


def _spans(text: str, target: str) -> list[tuple[int, int]]:
    """Where each line of `target` occurs in `text`, whitespace aside (a table row's quote
    is its cells, one per line)."""
    found = []
    for line in target.splitlines():
        words = line.split()
        if not words:
            continue
        m = re.search(r"\s+".join(map(re.escape, words)), text)
        if m:
            found.append(m.span())
    return found


def highlight(text: str, targets: Sequence[str]) -> tuple[str, int]:
    """`text` as escaped HTML with the first of `targets` found in it marked. The answer's
    sentence comes first; a generated answer's sentence is not in the document, so its
    verbatim quote is marked instead. Returns the HTML and which target was marked (-1: none)."""
    for which, target in enumerate(targets):
        spans = sorted(_spans(text, target)) if target else []
        if spans:
            out, at = [], 0
            for start, end in spans:
                if start < at:
                    continue  # overlapping cells: the first already covers it
                out.append(esc(text[at:start]) + f"<mark>{esc(text[start:end])}</mark>")
                at = end
            out.append(esc(text[at:]))
            return "".join(out), which
    return esc(text), -1


def _meta_line(kind_label: str, authority: str, date: str, page: int | None) -> str:
    parts = [kind_label, authority, date, f"page {page}" if page else ""]
    return " · ".join(esc(p) for p in parts if p)


def _show_button(passage_id: str, n: int, label: str = "Show in document") -> str:
    return (
        f'<button type="button" class="show-passage" data-passage="{esc(passage_id)}" data-n="{n}">'
        f"{esc(label)}</button>"
    )


def _original_link(url: str | None, page: int | None) -> str:
    if not url:
        return ""
    label = f"Open the PDF at page {page}" if page else "Open the PDF"
    return f' <a class="open-original" href="{esc(url)}" target="_blank" rel="noopener noreferrer">{label}</a>'


def sources_html(
    answer: Answer,
    passages: Mapping[str, Passage] | None = None,
    original_url: OriginalUrl | None = None,
) -> str:
    """Source cards for the chat: title, kind, council, date, page, the passage with the
    answer's sentence marked, a button to show it in its document and, for a PDF, a link to
    the original at that page. Every piece of document text is escaped: documents are data,
    and a minutes page containing <script> must show as text."""
    if not answer.citations:
        return related_html(answer)
    cards = []
    for c in answer.citations:
        passage = (passages or {}).get(c.passage_id)
        targets = [c.answer_text, c.quote]
        if passage is not None and not passage.is_table_row:
            body, marked = highlight(passage.text, targets)
        else:
            body, marked = highlight(c.quote, targets)
        body = body.replace("\n", "<br>")
        # A generated answer's sentence is not the document's: show what it claims beside the quote.
        supports = ""
        if c.answer_text and marked != 0 and c.answer_text.strip() != c.quote.strip():
            supports = f'<div class="source-supports">Answer sentence: “{esc(c.answer_text)}”</div>'
        actions = (_show_button(c.passage_id, c.n) if c.passage_id else "") + _original_link(
            original_url(c.source, c.page) if original_url else None, c.page
        )
        cards.append(
            f'<div class="source-card" id="source-{c.n}" data-passage="{esc(c.passage_id)}" data-n="{c.n}" tabindex="0">'
            f'<div class="source-head"><span class="source-n">[{c.n}]</span> '
            f'<strong class="source-title">{esc(c.title)}</strong></div>'
            f'<div class="source-meta">{_meta_line(c.kind_label, c.authority, c.date, c.page)}</div>'
            f'<blockquote class="source-quote">{body}</blockquote>{supports}'
            f'<div class="source-actions">{actions}</div>'
            f'<div class="source-path">{esc(c.source)}{f" — {esc(c.heading)}" if c.heading else ""}</div>'
            "</div>"
        )
    return '<div class="sources"><h3>Sources</h3>' + "".join(cards) + "</div>"


def related_html(answer: Answer) -> str:
    if not answer.related:
        return ""
    items = "".join(
        f"<li>{esc(h.passage.title)} · {esc(KIND_LABELS.get(h.passage.kind.value, h.passage.kind.value))}"
        f"{f' · page {h.passage.page}' if h.passage.page else ''} — {esc(h.passage.source)} "
        f"{_show_button(h.passage.id, 0, 'Show')}</li>"
        for h in answer.related[:3]
    )
    return (
        '<div class="sources related"><h3>Closest passages</h3>'
        "<p>These were the nearest matches. They do not answer the question.</p>"
        f"<ul>{items}</ul></div>"
    )


def document_html(
    passages: Sequence[Passage],
    cited: str,
    targets: Sequence[str] = (),
    original_url: str | None = None,
    page_view: str = "",
) -> str:
    """One document as the index holds it, its passages in order, escaped, with the cited one
    (`passage-<id>`, class "cited") marked and the answer's sentence in it highlighted. For
    HTML, DOCX, text and Markdown this is how a source is opened: serving the original HTML
    from the app's own address would run its scripts there."""
    if not passages:
        return '<div class="document-view"><p>That passage is no longer in the index; re-run the question.</p></div>'
    first = passages[0]
    head = (
        '<button type="button" class="close-document">Close</button>'
        f'<div class="document-head"><strong>{esc(first.title)}</strong>'
        f'<div class="source-meta">{_meta_line(KIND_LABELS.get(first.kind.value, first.kind.value), first.authority, first.date, None)}</div>'
        f'<div class="source-path">{esc(first.source)}{_original_link(original_url, None)}</div></div>'
    )
    body, heading, page = [], None, None
    for p in passages:
        if p.page and p.page != page:
            page = p.page
            body.append(f'<div class="document-page">Page {p.page}</div>')
        if p.heading and p.heading != heading:
            heading = p.heading
            body.append(f'<div class="document-heading">{esc(p.heading)}</div>')
        if p.id == cited:
            text, _ = highlight(p.text, targets)
        else:
            text = esc(p.text)
        css = "doc-passage cited" if p.id == cited else "doc-passage"
        body.append(f'<div id="passage-{esc(p.id)}" class="{css}">{text.replace(chr(10), "<br>")}</div>')
    return f'<div class="document-view">{head}{page_view}{"".join(body)}</div>'


_MARKER = re.compile(r"\[(\d+)\]")


def cite_href(n: int, passage_id: str, turn: int | None = None) -> str:
    """`#cite-<n>-<passage id>`, prefixed `a<turn>-` when the answer's place in the
    conversation is known: the page then opens that answer's n-th source, not the latest's."""
    return f"#{f'a{turn}-' if turn is not None else ''}cite-{n}-{quote_url(passage_id, safe='')}"


def answer_message_html(text: str, citations: Sequence[Citation] = (), turn: int | None = None) -> str:
    """An answer as a chat message: its text escaped, each `[n]` a link (`#cite-<n>-<passage
    id>`: the chat's sanitiser keeps only href, title and class, so the passage travels in the
    fragment, and an older answer's [1] opens its own passage) with the quote as its title,
    shown on hover and, by the page's CSS, on focus. The quote is escaped like any document
    text; the passage id is URL-quoted."""
    by_n = {c.n: c for c in citations}

    def link(m: re.Match) -> str:
        c = by_n.get(int(m.group(1)))
        if c is None:
            return m.group(0)
        quote = " / ".join(c.quote.splitlines())
        return f'<a class="cite" href="{cite_href(c.n, c.passage_id, turn)}" title="{esc(f"{location(c)} — “{quote}”")}">[{c.n}]</a>'

    return _MARKER.sub(link, esc(text))


def message_sources_html(answer: Answer, turn: int) -> str:
    """The answer's own sources, kept with its message: a "Sources (k)" disclosure under it,
    each source a link that opens its passage in the document panel (as the answer's [n] does)
    with its quote. An answer that cites nothing lists the closest passages instead. Only tags
    and the href, title and class attributes the chat's sanitiser keeps; on a phone the open
    disclosure is a full-screen sheet (the page's CSS) with its own Close button."""
    if answer.citations:
        label, items = f"Sources ({len(answer.citations)})", []
        for c in answer.citations:
            quote = "<br>".join(esc(line) for line in c.quote.splitlines() if line.strip())
            items.append(
                f'<li class="message-source"><a class="cite source-link" href="{cite_href(c.n, c.passage_id, turn)}" '
                f'title="Show in document">[{c.n}] {esc(location(c))}</a>'
                f'<span class="source-meta">{_meta_line(c.kind_label, c.authority, c.date, None)}</span>'
                f'<blockquote class="source-quote">{quote}</blockquote></li>'
            )
    elif answer.related:
        label, items = f"Closest passages ({len(answer.related[:3])})", []
        for h in answer.related[:3]:
            where = f"{KIND_LABELS.get(h.passage.kind.value, h.passage.kind.value)}: {h.passage.title}"
            items.append(
                f'<li class="message-source"><a class="cite source-link" href="{cite_href(0, h.passage.id, turn)}" '
                f'title="Show in document">{esc(where)}{f", page {h.passage.page}" if h.passage.page else ""}</a></li>'
            )
    else:
        return ""
    return (
        f'<details class="answer-sources"><summary class="sources-summary">{label}</summary>'
        f'<div class="sources-sheet"><button type="button" class="close-sources">Close</button>'
        f'<ul class="message-sources">{"".join(items)}</ul></div></details>'
    )
