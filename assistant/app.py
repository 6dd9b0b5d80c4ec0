"""The Gradio chat: ask, watch the answer appear with [n] markers, read each source as a card,
open it in its document, narrow the search, export for training material, rate the answer.

Documents are untrusted. The chat shows answers and document text escaped (the Chatbot does
not render Markdown and gets HTML-escaped text), builds every card with each document string
escaped, and puts no document text in a link. Originals are served only for PDFs of the
current index, by the chat's own `original/<key>` route, checked per request
(assistant.originals): never a folder, the store, a sidecar or a corpus HTML file, whose
scripts would run in the app's own origin; Gradio's file route serves none of them. HTML, DOCX, text and Markdown sources
open as their indexed text in a panel of the app. `ask` is also a JSON API endpoint (the
CLI's --json shape) for scripts and `gradio_client`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any, Callable

import gradio as gr
from starlette.middleware import Middleware

from assistant import originals, records_view
from assistant.auth import AuthFileError, Role, authenticator, load_users
from assistant.chat_settings import ChatSettings
from assistant.citations import answer_message_html, document_html, esc, message_sources_html, sources_html
from assistant.conversations import ConversationStore
from assistant.export import conversation_to_docx, conversation_to_markdown, to_docx, to_markdown
from assistant.feedback import FeedbackLog
from assistant.live import LiveIndex
from assistant.pdf_view import page_html
from assistant.security import launch_options
from assistant.types import KIND_LABELS, Answer, Filters, Scope
from assistant.uploads import Uploads
from indexer.settings import Settings
from indexer.store import StoreUnavailable
from indexer.types import DocKind, Passage, year_of

log = logging.getLogger(__name__)

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

# Queue. Answering is CPU-bound torch (embedding the question and candidate sentences), about
# 0.3 s a question on 2 cores, and torch already spreads one answer over both cores: two
# answers at once would each take twice as long and hold twice the memory, so answers (UI and
# /ask API alike, one concurrency group) run one at a time. 64 waiting is about 20 s of work;
# beyond that a user is told the queue is full at once rather than left waiting minutes.
# Everything else (revealing an answer, opening a document, export, feedback) is milliseconds
# of Python and runs beside answers, so the panel opens while someone else's question runs.
ANSWER_CONCURRENCY = 1
QUEUE_MAX = 64
# Pause between the sentences of an answer as they appear: long enough to see them arrive.
REVEAL_PAUSE_S = 0.12
# Example questions are checked by answering them at start: at most this many tries.
EXAMPLE_TRIES = 10
MAX_LISTED_DOCUMENTS = 500

CSS = """
#sources, #document, #chat, #answer-notice, #index-status { overflow-wrap: anywhere; word-break: break-word; min-width: 0; }
#chat .message, #chat .message * { overflow-wrap: anywhere; word-break: break-word; white-space: pre-wrap; }
.source-card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 8px 0; cursor: pointer; max-width: 100%; }
.source-card:hover { border-color: #0969da; }
.source-meta { color: #57606a; font-size: 0.9em; }
.source-quote { margin: 6px 0; padding-left: 10px; border-left: 3px solid #8c959f; white-space: normal; }
.source-quote mark, .doc-passage mark { background: #fff3b0; color: inherit; padding: 0 1px; }
.source-supports { font-size: 0.9em; color: #57606a; }
.source-path { color: #57606a; font-size: 0.85em; }
.source-n { font-weight: bold; }
.source-actions { margin: 4px 0; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.source-actions button, .related button { border: 1px solid #d0d7de; border-radius: 4px; padding: 1px 8px; background: #f6f8fa; cursor: pointer; font-size: 0.85em; font-weight: normal; }
.document-view { max-width: 100%; }
.document-head { border-bottom: 1px solid #d0d7de; padding-bottom: 6px; margin-bottom: 6px; }
.document-page { color: #57606a; font-size: 0.8em; margin-top: 10px; text-transform: uppercase; }
.document-heading { font-weight: bold; margin-top: 8px; }
.doc-passage { margin: 4px 0; padding: 2px 6px; }
.doc-passage.cited { border-left: 3px solid #bf8700; background: #fffbe6; }
#answer-notice p { margin: 2px 0; color: #57606a; }
.indexed-documents table { font-size: 0.85em; }
.input-problem { color: #b3261e; font-weight: 600; margin: 4px 0; }
.upload-outcomes { list-style: none; padding-left: 0; }
.upload-failed { color: #b3261e; }
#scope-chip { align-self: flex-start; width: auto; border-radius: 999px; }
#chat a.cite { color: #0550ae; text-decoration: underline; font-weight: 600; position: relative; }
#chat a.cite:focus-visible { outline: 2px solid #0550ae; outline-offset: 2px; }
#chat a.cite:focus::after { content: attr(title); position: absolute; left: 0; top: 1.6em; z-index: 10; width: min(28rem, 80vw);
  background: #1f2328; color: #ffffff; padding: 6px 8px; border-radius: 4px; font-weight: normal; white-space: normal; }
.source-card:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.source-actions button, .related button { color: #1f2328; }
.close-document { display: none; }
.pdf-page-view { margin: 8px 0 12px; }
.pdf-page-view figcaption { font-size: 0.8em; text-transform: uppercase; }
.pdf-page { position: relative; container-type: inline-size; width: 100%; overflow: hidden; background: #ffffff; color: #1f2328;
  border: 1px solid #8c959f; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
#document .pdf-run { position: absolute; white-space: pre; line-height: 1; overflow-wrap: normal; word-break: normal; }
#document .pdf-run { color: #1f2328; }
.dark #document .pdf-run { color: #1f2328; }
.dark .pdf-hit { background: #ffd33d; color: #1f2328; }
.pdf-hit { background: #ffd33d; color: #1f2328; padding: 0; }
/* Each answer's own sources, in a disclosure under its message. */
#chat details.answer-sources { margin-top: 8px; border-top: 1px solid #d0d7de; padding-top: 4px; white-space: normal; }
#chat details.answer-sources summary { cursor: pointer; font-weight: 600; color: #0550ae; white-space: normal; }
#chat .message-sources { list-style: none; padding-left: 0; margin: 4px 0; white-space: normal; }
#chat .message-source { margin: 6px 0; white-space: normal; }
#chat .message-source .source-meta { display: block; white-space: normal; }
#chat a.source-link:focus::after { content: none; }
.close-sources { display: none; }
.dark #chat details.answer-sources summary { color: #8ec5ff; }
/* A phone: one column, the chat first; a source list or a source opened is a full-screen sheet over it. */
@media (max-width: 720px) {
  #sources { display: none; }
  #chat details.answer-sources[open] > .sources-sheet { position: fixed; inset: 0; z-index: 1000; margin: 0; overflow: auto;
    background: var(--background-fill-primary); color: var(--body-text-color); padding: 12px; }
  #chat .close-sources { display: inline-block; position: sticky; top: 0; float: right; z-index: 1; padding: 6px 14px;
    border: 1px solid #57606a; border-radius: 4px; background: var(--background-fill-primary); color: var(--body-text-color); }
  #document:has(.document-view):not(:has(.closed)) { position: fixed; inset: 0; z-index: 1001; margin: 0; max-height: none !important;
    overflow: auto; background: var(--background-fill-primary); padding: 12px; }
  .close-document { display: inline-block; position: sticky; top: 0; float: right; z-index: 1; padding: 6px 14px;
    border: 1px solid #57606a; border-radius: 4px; background: var(--background-fill-primary); color: var(--body-text-color); }
}
/* WCAG AA contrast (checked with axe-core in the browser tests): Gradio's orange primary and
   red stop buttons carry white text at 2.8:1 and 3.8:1; these are 4.5:1 or more. */
:root, .dark {
  --button-primary-background-fill: #0b5cad !important; --button-primary-background-fill-hover: #084a8c !important;
  --button-primary-text-color: #ffffff !important; --button-primary-text-color-hover: #ffffff !important;
  --button-primary-border-color: #0b5cad !important;
  --button-cancel-background-fill: #b42318 !important; --button-cancel-background-fill-hover: #912018 !important;
  --button-cancel-text-color: #ffffff !important; --button-cancel-text-color-hover: #ffffff !important;
}
/* The selected tab's label was Gradio's orange at 2.8:1 (on a phone, where the tab row is drawn
   differently, axe sees it): the primary blue instead. */
#views button[role="tab"][aria-selected="true"] { color: #0b5cad !important; }
.dark #views button[role="tab"][aria-selected="true"] { color: #8ec5ff !important; }
/* Dark mode: the light palette's pale highlights under light text were unreadable (1.02:1).
   One selector per rule: Gradio scopes only the first of a list under .dark. */
.dark .source-card { border-color: #57606a; }
.dark #document .document-view { background: var(--background-fill-primary); }
.dark .source-meta { color: #b1bac4; }
.dark .source-supports { color: #b1bac4; }
.dark .source-path { color: #b1bac4; }
.dark .document-page { color: #b1bac4; }
.dark #answer-notice p { color: #b1bac4; }
.dark .source-quote mark { background: #6c5200; color: #ffffff; }
.dark .doc-passage mark { background: #6c5200; color: #ffffff; }
.dark .doc-passage.cited { background: #3a2f0b; border-left-color: #d4a72c; }
.dark .source-actions button { background: #2d333b; color: #e6edf3; border-color: #768390; }
.dark .related button { background: #2d333b; color: #e6edf3; border-color: #768390; }
.dark #chat a.cite { color: #8ec5ff; }
.dark .input-problem { color: #ff9b8f; }
.dark .upload-failed { color: #ff9b8f; }
.dark #chat a.cite:focus::after { background: #e6edf3; color: #1f2328; }
"""

# Clicking a card (or its "Show in document" button) opens its passage in the document panel.
# Only the passage id travels, from a data attribute the app wrote; the server looks it up
# in the index. Links (the PDF) keep their own behaviour, and selecting text to copy a quote
# does not open anything.
_SOURCES_JS = """
element.addEventListener('click', (event) => {
  if (event.target.closest('a')) return;
  const opener = event.target.closest('[data-passage]');
  if (!opener || !element.contains(opener) || !opener.dataset.passage) return;
  if (!event.target.closest('button') && String(window.getSelection() || '').length > 0) return;
  window.__iaOpener = opener;
  window.__iaOpenPassage(Number(opener.dataset.n || 0), opener.dataset.passage);
});
element.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  const card = event.target.closest('.source-card');
  if (!card || event.target !== card || !card.dataset.passage) return;
  event.preventDefault();
  window.__iaOpener = card;
  window.__iaOpenPassage(Number(card.dataset.n || 0), card.dataset.passage);
});
// A [n] in an answer opens its passage in the document panel, like its card. One listener for
// the page (the chat re-renders its messages), calling whichever panel trigger is current.
window.__iaOpenPassage = (n, id) => {
  trigger('select', {index: n, value: id});
  // The same passage again leaves the panel's value unchanged (no re-render): show it again.
  const panel = document.querySelector('#document');
  const shut = panel && panel.querySelector('.closed');
  if (shut) shut.classList.remove('closed');
  const same = panel && panel.querySelector('#passage-' + CSS.escape(id) + '.cited');
  const close = panel && panel.querySelector('.close-document');
  if (same && close && getComputedStyle(close).display !== 'none') close.focus();
};
if (!window.__iaCites) {
  window.__iaCites = true;
  document.addEventListener('click', (event) => {
    const cite = event.target.closest && event.target.closest('#chat a.cite');
    if (!cite) return;
    event.preventDefault();
    event.stopPropagation();
    // "#a<turn>-cite-<n>-<passage id>": the chat's sanitiser keeps href, title and class only.
    // The turn says which answer of the conversation it belongs to (the server opens that
    // answer's n-th source, not the latest answer's).
    const m = /^#(?:a(\\d+)-)?cite-(\\d+)-(.+)$/.exec(cite.getAttribute('href') || '');
    if (!m) return;
    const n = Number(m[2]), id = decodeURIComponent(m[3]);
    window.__iaOpener = cite;  // where focus goes back to when the document is closed
    if (id) window.__iaOpenPassage(m[1] === undefined ? n : [Number(m[1]), n], id);
  }, true);
  // Each answer's "Sources (k)" disclosure: on a phone, open, it is a full-screen sheet with a
  // Close button (focused as it opens); Close or Escape shuts it and focus returns to its summary.
  const sheetShown = (details) => {
    const sheet = details.querySelector('.sources-sheet');
    return sheet && getComputedStyle(sheet).position === 'fixed';
  };
  const shut = (details) => {
    details.open = false;
    const summary = details.querySelector('summary');
    if (summary) summary.focus();
  };
  document.addEventListener('click', (event) => {
    const close = event.target.closest && event.target.closest('#chat .close-sources');
    if (!close) return;
    event.preventDefault();
    shut(close.closest('details'));
  }, true);
  document.addEventListener('toggle', (event) => {
    const details = event.target;
    if (!details.matches || !details.matches('#chat details.answer-sources') || !details.open || !sheetShown(details)) return;
    const close = details.querySelector('.close-sources');
    if (close) close.focus();
  }, true);
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const details = document.activeElement && document.activeElement.closest && document.activeElement.closest('#chat details.answer-sources[open]');
    if (!details || !sheetShown(details)) return;
    event.preventDefault();
    shut(details);
  });
}
"""
# After the panel shows a document, bring the cited passage into view.
_DOCUMENT_JS = """
watch('value', () => {
  element.classList.remove('closed');
  const cited = element.querySelector('.pdf-hit') || element.querySelector('.cited');
  if (cited) cited.scrollIntoView({block: 'center'});
  const close = element.querySelector('.close-document');
  if (close && getComputedStyle(close).display !== 'none') close.focus();
});
// On a phone the document is a sheet over the chat; Close (or Escape) puts the chat back, and
// focus goes back to the [n], source or card that opened it.
const closeDocument = () => {
  const sheet = getComputedStyle(element.closest('#document') || element).position === 'fixed';
  element.classList.add('closed');
  const opener = window.__iaOpener;
  if (sheet && opener && opener.isConnected) opener.focus();
};
element.addEventListener('click', (event) => {
  if (event.target.closest('.close-document')) closeDocument();
});
element.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') { event.stopPropagation(); closeDocument(); }
});
"""

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$")


# --- the index as the chat shows it --------------------------------------------------------


@dataclass(frozen=True)
class DocumentInfo:
    source: str
    title: str
    kind: str
    authority: str
    date: str
    passages: int
    indexed_at: str


class Library:
    """What the chat needs to know about the index: its documents and passages in order, the
    filter choices, the originals it may serve, and the example questions."""

    def __init__(self, answerer: Any, settings: Settings) -> None:
        self.answerer = answerer
        self.settings = settings
        # Read from the serving index (indexer.serving) when asked for: nothing here is
        # proportional to the number of passages.
        self.passages = answerer.retriever.passages
        index = answerer.retriever.index
        self.records = {d.source: d for d in index.documents}
        self.documents: list[DocumentInfo] = [
            DocumentInfo(d.source, d.title, d.kind or DocKind.OTHER.value, d.authority, d.date, d.passages, d.indexed_at)
            for d in sorted(index.documents, key=lambda d: d.source)
            if d.passages
        ]
        self.pdfs = self._servable_pdfs()
        self._examples: list[str] | None = None

    # --- status and filters -----------------------------------------------------------------

    def passages_of(self, source: str) -> list[Passage]:
        """A document's passages in reading order, read from the serving index when asked for."""
        return self.passages.of_source(source)

    def last_indexed(self) -> str:
        return max((d.indexed_at for d in self.documents if d.indexed_at), default="")

    def kinds(self) -> list[tuple[str, str]]:
        present = {d.kind for d in self.documents}
        return [(KIND_LABELS[k.value], k.value) for k in DocKind if k.value in present]

    def councils(self) -> list[str]:
        return sorted({d.authority for d in self.documents if d.authority})

    def date_span(self) -> tuple[str, str]:
        dates = sorted(d.date for d in self.documents if d.date)
        return (dates[0], dates[-1]) if dates else ("", "")

    def documents_allowed(self, filters: Filters) -> int:
        return sum(1 for d in self.documents if filters.allows_document(d.kind, d.authority, d.date))

    # --- originals ----------------------------------------------------------------------------

    def _servable_pdfs(self) -> dict[str, Path]:
        """Indexed PDFs that exist, resolved: these and nothing else are served. Sources are
        recorded relative to the folder the indexer ran in, which is where the chat runs."""
        store = Path(self.settings.store).resolve()
        found = {}
        for source in (d.source for d in self.documents):
            if not source.lower().endswith(".pdf"):
                continue
            path = Path(source).resolve()
            if not path.is_file() or path.is_relative_to(store):
                continue
            found[source] = path
        return found

    def original_url(self, source: str, page: int | None = None) -> str | None:
        """A link to the original PDF at `page`, relative so it also works behind a proxy
        under a sub-path; None when the source is not a servable PDF."""
        if source not in self.pdfs:
            return None
        return originals.original_url(source, page)

    def restrict_originals(self, blocked: list[str]) -> "Library":
        """Offer no PDF inside the blocked folders (the route refuses them anyway): served by
        the chat's own route (assistant.originals), checked per request, so a PDF indexed
        after the start has its link too."""
        self.pdfs = {s: p for s, p in self.pdfs.items() if originals.servable(s, blocked)}
        return self

    def allowed_paths(self) -> list[str]:
        return sorted(str(p) for p in self.pdfs.values())

    def blocked_paths(self, chat: ChatSettings | None = None) -> list[str]:
        # Never served even if a PDF were listed inside them: the store, the users, and the data
        # folder (feedback, conversations, uploads: an uploaded file is never served raw).
        chat = chat or ChatSettings()
        paths = [self.settings.store, chat.feedback_log(self.settings), chat.folder(self.settings)]
        if self.settings.auth_file:
            paths.append(self.settings.auth_file)
        return [str(Path(p).resolve()) for p in paths]

    # --- example questions ----------------------------------------------------------------------

    def example_candidates(self) -> list[str]:
        """Questions about what the index holds: its councils, years, kinds and the areas its
        inspection reports grade. Only council names (from the fixed list) and short plain
        area names go into a question, never free document text."""
        records = self.records
        per_council: dict[str, list[str]] = defaultdict(list)
        for d in self.documents:
            council, year = d.authority, year_of(d.date)
            if not council:
                continue
            questions = per_council[council]
            if d.kind == DocKind.INSPECTION_REPORT.value:
                grades = _grade_areas(getattr(records.get(d.source), "grades", ""))
                if "Overall effectiveness" in grades:
                    questions.append(f"What overall grade did {council} get{f' in {year}' if year else ''}?")
                for area in grades:
                    if area != "Overall effectiveness":
                        questions.append(f"What did inspectors say about {area.lower()} in {council}?")
                        break
                questions.append(f"What did Ofsted say {council} needs to improve?")
            elif d.kind == DocKind.ACTION_PLAN.value:
                questions.append(f"What actions are in {council}'s action plan{f' after the {year} inspection' if year else ''}?")
            elif d.kind == DocKind.MINUTES.value:
                questions.append(f"What did {council}'s committee discuss about the inspection?")
        # Round robin over councils, so a many-council index shows several of them.
        ordered, queues = [], [list(dict.fromkeys(q)) for q in per_council.values()]
        while any(queues):
            for q in queues:
                if q:
                    ordered.append(q.pop(0))
        return ordered or ["What did inspectors say about care leavers?", "What areas need to improve?"]

    def example_questions(self, limit: int = 5) -> list[str]:
        """Candidates the documents answer. Checked by answering them when the answerer is the
        grounded one (~0.1 s each); an LLM would take seconds each, so its candidates are shown
        unchecked."""
        from assistant.answering import Answerer

        if self._examples is not None:
            return self._examples[:limit]
        candidates = self.example_candidates()[:EXAMPLE_TRIES]
        if not isinstance(self.answerer, Answerer):
            return candidates[:limit]
        good = [q for q in candidates if self.answerer.run(q).answered]
        self._examples = good or candidates  # once per index: every page load asks for them
        return self._examples[:limit]


def _grade_areas(grades_json: str) -> list[str]:
    try:
        areas = list(json.loads(grades_json)) if grades_json else []
    except ValueError:
        return []
    return [a for a in areas if isinstance(a, str) and len(a) <= 60 and re.fullmatch(r"[A-Za-z ,'’&-]+", a)]


# --- pieces of the page ----------------------------------------------------------------------


def status_html(library: Library) -> str:
    docs = library.documents
    last = library.last_indexed()
    when = f" · last indexed {esc(last.replace('T', ' ')[:16])} UTC" if last else ""
    return (
        f'<p class="index-status"><strong>{len(docs)} documents</strong> indexed '
        f"({len(library.passages)} passages){when}</p>"
    )


def documents_html(library: Library) -> str:
    rows = "".join(
        f"<tr><td>{esc(d.title)}</td><td>{esc(KIND_LABELS.get(d.kind, d.kind))}</td><td>{esc(d.authority)}</td>"
        f"<td>{esc(d.date)}</td><td>{d.passages}</td><td>{esc(d.source)}</td></tr>"
        for d in library.documents[:MAX_LISTED_DOCUMENTS]
    )
    more = len(library.documents) - MAX_LISTED_DOCUMENTS
    tail = f"<p>… and {more} more (see <code>python -m indexer --status</code>).</p>" if more > 0 else ""
    return (
        '<div class="indexed-documents"><table><thead><tr><th>Document</th><th>Kind</th><th>Council</th>'
        f"<th>Date</th><th>Passages</th><th>File</th></tr></thead><tbody>{rows}</tbody></table>{tail}</div>"
    )


def parse_filters(kinds: list[str] | None, councils: list[str] | None, date_from: str, date_to: str) -> Filters:
    """The user's filters, or ValueError with a message saying which box to fix and how."""
    valid_kinds = {k.value for k in DocKind}
    unknown = [k for k in kinds or [] if k not in valid_kinds]
    if unknown:
        raise ValueError(f"Unknown document kind; choose from: {', '.join(sorted(valid_kinds))}.")
    bounds = []
    for label, value in (("Date from", date_from), ("Date to", date_to)):
        value = (value or "").strip()
        if value and not _is_date(value):
            raise ValueError(f"{label} is not a date: write a year or a full date, e.g. 2022 or 2022-05-20.")
        bounds.append(value)
    if bounds[0] and bounds[1] and bounds[0][: len(bounds[1])] > bounds[1][: len(bounds[0])]:
        raise ValueError("Date from is after Date to.")
    return Filters(tuple(kinds or ()), tuple(councils or ()), bounds[0], bounds[1])


def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    if len(value) == 10:
        try:
            Date.fromisoformat(value)
        except ValueError:
            return False
    return True


def notice_html(answer: Answer, filters: Filters, library: Library) -> str:
    lines = []
    if answer.scope.inherited and answer.scope:
        lines.append(f"Taken to mean: {answer.scope.describe()}")
    if answer.notice:
        lines.append(answer.notice)
    if filters:
        lines.append(f"Searched {library.documents_allowed(filters)} of {len(library.documents)} documents: {describe_filters(filters)}.")
    return "".join(f"<p>{esc(line)}</p>" for line in lines)


def describe_filters(filters: Filters) -> str:
    parts = []
    if filters.kinds:
        parts.append(", ".join(KIND_LABELS.get(k, k) for k in filters.kinds))
    if filters.authorities:
        parts.append(", ".join(filters.authorities))
    if filters.date_from or filters.date_to:
        parts.append(f"dated {filters.date_from or '…'} to {filters.date_to or '…'}")
    return "; ".join(parts)


def answer_chunks(text: str) -> list[str]:
    """The answer cut after each [n] marker: the pieces it appears in, one by one."""
    pieces = re.findall(r".*?\[\d+\](?:\s+|$)", text, flags=re.S)
    rest = text[sum(len(p) for p in pieces) :]
    return [p for p in pieces + [rest] if p.strip()] or [text]


def write_exports(answer: Answer, folder: Path) -> tuple[Path, Path]:
    """The answer as Markdown and DOCX, in a folder named by their content: the same answer
    exported twice reuses its files."""
    markdown = to_markdown(answer)
    digest = hashlib.sha256(f"{answer.question}\0{answer.answer}".encode()).hexdigest()[:16]
    where = folder / digest
    where.mkdir(parents=True, exist_ok=True)
    slug = "-".join(re.findall(r"[a-z0-9]+", answer.question.lower())[:6]) or "answer"
    md_path, docx_path = where / f"answer-{slug}.md", where / f"answer-{slug}.docx"
    md_path.write_text(markdown, encoding="utf-8")
    to_docx(answer, docx_path)
    return md_path, docx_path


# --- the app ----------------------------------------------------------------------------------

# Who owns conversations when there is no login: the one person at this machine.
LOCAL_USER = "local"
# Other views (tabs after "Chat" and "Documents"): each is called inside the page's Tabs with the
# live library and adds its own gr.Tab. Modules register themselves here rather than editing
# the page.
VIEWS: list[Callable[[LiveIndex], None]] = []


def user_of(request: gr.Request | None) -> str:
    return getattr(request, "username", None) or LOCAL_USER


def role_of(request: gr.Request | None, settings: Settings) -> Role:
    """What this user may do. Read from the users file on every call, so a role change
    applies at once. Without --auth, the one person at this machine is an editor; an open
    chat on a network address (--insecure-no-auth) lets nobody change the documents."""
    if settings.auth_file is None:
        return Role.EDITOR if settings.host in LOCAL_HOSTS else Role.READER
    name = getattr(request, "username", None)
    try:
        user = load_users(settings.auth_file).get(name or "")
    except AuthFileError as exc:
        log.warning("cannot read the users file for roles: %s", exc)
        return Role.READER
    return user.role if user else Role.READER


def kept_scope(answer: Answer, previous: Scope | None, councils: set[str]) -> Scope | None:
    """The scope the next question inherits. As in Conversation.ask, a question naming a
    council or year sets it, else the previous one carries on; but a council the index does
    not hold never carries over, or every later question would be refused as being about it."""
    scope = answer.scope if answer.scope else previous
    if not scope or any(a not in councils for a in scope.authorities):
        return None
    return scope


def scope_chip(scope: Scope | None) -> dict:
    if not scope:
        return gr.update(value="", visible=False)
    return gr.update(value=f"Scope: {Scope(scope.authorities, scope.years).describe()}  ✕", visible=True)


def answer_message(answer: Answer, turn: int) -> dict:
    """An answer's chat message: its text with [n] links, and its own sources under it."""
    return {"role": "assistant", "content": answer_message_html(answer.answer, answer.citations, turn) + message_sources_html(answer, turn)}


def chat_messages(answers: list[Answer]) -> list[dict]:
    out: list[dict] = []
    for turn, a in enumerate(answers):
        out.append({"role": "user", "content": esc(a.question)})
        out.append(answer_message(a, turn))
    return out


def answer_for(event_index: Any, answers: list[Answer] | None, latest: Answer | None) -> Answer | None:
    """Which answer a click in the page was about: `[turn, n]` from a [n] or source link in a
    message (that answer, by its place in the conversation), else the answer on screen."""
    if isinstance(event_index, (list, tuple)) and event_index and isinstance(event_index[0], int):
        turn = event_index[0]
        if answers and 0 <= turn < len(answers):
            return answers[turn]
    return latest


def conversation_choices(store: ConversationStore, user: str) -> list[tuple[str, str]]:
    return [(c.title, c.id) for c in store.list(user)]


def write_conversation(title: str, answers: list[Answer], folder: Path) -> tuple[Path, Path]:
    """A whole conversation as Markdown and DOCX, in a folder of their own per content."""
    markdown = conversation_to_markdown(title, answers)
    digest = hashlib.sha256(markdown.encode()).hexdigest()[:16]
    where = folder / digest
    where.mkdir(parents=True, exist_ok=True)
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:6]) or "conversation"
    md_path, docx_path = where / f"conversation-{slug}.md", where / f"conversation-{slug}.docx"
    md_path.write_text(markdown, encoding="utf-8")
    conversation_to_docx(title, answers, docx_path)
    return md_path, docx_path


def build_app(
    answerer: Any,
    settings: Settings | None = None,
    library: Library | None = None,
    chat: ChatSettings | None = None,
    live: LiveIndex | None = None,
) -> gr.Blocks:
    settings = settings or getattr(answerer, "settings", None) or Settings()
    chat = chat or ChatSettings()
    live = live or LiveIndex(answerer, settings, lambda a: Library(a, settings), library)
    uploads = Uploads(settings, chat, getattr(answerer, "retriever").embedder)
    feedback = FeedbackLog(chat.feedback_log(settings))
    store = ConversationStore(chat.conversations_db(settings))
    exports = Path(tempfile.mkdtemp(prefix="ia-exports-"))
    # The examples offered are checked by answering them, which needs the model: they are
    # filled in when the page loads (the model loads in the background once the port answers),
    # so the first page never waits for torch. The placeholder is only a hint: not checked.
    placeholder = next(iter(live.current.example_candidates()), "")
    start, end = live.current.date_span()
    no_download = gr.DownloadButton(value=None, interactive=False)

    def start_answer(question, messages, kinds, councils, date_from, date_to, scope):
        """Runs the question (the CPU-bound part, one at a time); the next step shows it."""
        question = (question or "").strip()
        if not question:
            yield {pending_state: None}
            return
        try:
            filters = parse_filters(kinds, councils, date_from, date_to)
        except ValueError as exc:
            # Next to the box it concerns, and nothing else changes: no error badge over the
            # chat, the question stays in its box to ask again once the date is fixed.
            yield {filter_problem: f'<p class="input-problem" role="alert">{esc(str(exc))}</p>', filter_panel: gr.Accordion(open=True), pending_state: None}
            return
        answerer, library = live.snapshot()  # one index for the whole question, even if it is swapped meanwhile
        n = library.documents_allowed(filters)
        messages = list(messages or []) + [
            {"role": "user", "content": esc(question)},
            {"role": "assistant", "content": esc(f"Searching {n} document{'s' if n != 1 else ''}…")},
        ]
        # The previous answer's cards, notice and exports go as the new question is asked.
        # Ask is off until this answer has been shown (re-enabled after `reveal`): a question asked
        # while the last one is still appearing would have its pending answer overwritten by it.
        yield {
            send: gr.Button(interactive=False), question_box: gr.Textbox(value="", interactive=False),
            chatbot: messages, messages_state: messages, sources: "", notice: "", filter_problem: "",
            export_md: no_download, export_docx: no_download, pending_state: None,
        }
        try:
            with live.client_lock:
                answer = answerer.run(question, filters, previous=scope)
        except StoreUnavailable as exc:  # the Chroma server is down: say so; the next question retries it
            messages[-1] = {"role": "assistant", "content": esc(str(exc))}
            yield {chatbot: messages, messages_state: messages}
            return
        except Exception:
            log.exception("answering %r failed", question)
            messages[-1] = {"role": "assistant", "content": "The assistant could not answer this question (see the server log). Try again."}
            yield {chatbot: messages, messages_state: messages}
            return
        yield {pending_state: answer, scope_state: kept_scope(answer, scope, set(library.councils())), filters_state: filters}

    # --- documents from the page (editors) ---

    def outcome_html(rows: list[tuple[str, str, str]]) -> str:
        items = "".join(f'<li class="upload-{state}"><strong>{esc(name)}</strong>: {esc(message)}</li>' for name, state, message in rows)
        return f'<ul class="upload-outcomes" aria-live="polite">{items}</ul>'

    def add_documents(files, request: gr.Request):
        """Check every file, then copy and index them one by one, showing each outcome."""
        if not role_of(request, settings).can_edit:
            # Checked here, on the server: hiding the controls alone would not stop a request.
            yield '<p class="input-problem" role="alert">Only editors may add documents; ask an admin to make you one.</p>'
            return
        batch = [(Path(getattr(f, "name", f)).name, Path(getattr(f, "name", f))) for f in (files or [])]
        if not batch:
            yield '<p class="input-problem" role="alert">Choose one or more files first.</p>'
            return
        rows = [[name, "waiting", "waiting…"] for name, _ in batch]
        yield outcome_html([tuple(r) for r in rows])
        rows[0][2] = "indexing…"
        yield outcome_html([tuple(r) for r in rows])
        with live.writing():  # reloads when done: seen now, not at the next poll
            for i, outcome in enumerate(uploads.add(batch)):
                at = next((j for j, r in enumerate(rows) if r[0] == outcome.name and r[1] == "waiting"), i)
                rows[at] = [outcome.name, "ok" if outcome.ok else "failed", outcome.message]
                if at + 1 < len(rows) and rows[at + 1][1] == "waiting":
                    rows[at + 1][2] = "indexing…"
                yield outcome_html([tuple(r) for r in rows])
        yield outcome_html([tuple(r) for r in rows])

    def remove_documents(sources_chosen, request: gr.Request):
        if not role_of(request, settings).can_edit:
            return '<p class="input-problem" role="alert">Only editors may remove documents.</p>'
        if not sources_chosen:
            return '<p class="input-problem" role="alert">Choose the documents to remove first.</p>'
        with live.writing():
            done = uploads.remove(list(sources_chosen))
        return outcome_html([(o.name, "ok" if o.ok else "failed", o.message) for o in done])

    def refresh(shown, request: gr.Request):
        """Counts, lists and filter choices follow the index (a timer asks every few seconds)."""
        editor = role_of(request, settings).can_edit
        if shown == live.generation:
            return {generation_state: shown, editor_tools: gr.update(visible=editor)}
        library = live.current
        return {
            generation_state: live.generation,
            editor_tools: gr.update(visible=editor),
            status: status_html(library),
            indexed: documents_html(library),
            kinds: gr.Dropdown(choices=library.kinds()),
            councils: gr.Dropdown(choices=library.councils()),
            # Choices only: a selection being made is kept (a removed one is refused with a reason).
            remove_choice: gr.Dropdown(choices=[(f"{d.title} ({d.source})", d.source) for d in library.documents]),
        }

    async def reveal(answer, messages, filters, scope, conversation_id, answers_so_far, request: gr.Request):
        """The answer sentence by sentence (all of it already checked), then its cards. Runs
        outside the answer queue: pausing between sentences holds no CPU slot."""
        if answer is None:  # nothing new to show (an empty question, a filter to fix)
            yield {pending_state: None}
            return
        library = live.current
        messages = list(messages)
        answers_shown = list(answers_so_far or []) + [answer]
        turn_now = len(answers_shown) - 1
        shown = ""
        for chunk in answer_chunks(answer.answer):
            shown += chunk
            messages[-1] = {"role": "assistant", "content": answer_message_html(shown.strip(), answer.citations, turn_now)}
            yield {chatbot: messages, messages_state: messages}
            await asyncio.sleep(REVEAL_PAUSE_S)
        user = user_of(request)
        if not store.owns(user, conversation_id):
            conversation_id = await asyncio.to_thread(store.create, user, answer.question)
        turn = await asyncio.to_thread(store.add_turn, user, conversation_id, answer)
        answers = await asyncio.to_thread(store.answers, user, conversation_id, library.passages.get)
        md_path, docx_path = await asyncio.to_thread(write_exports, answer, exports)
        conv_md, conv_docx = await asyncio.to_thread(write_conversation, store.title(user, conversation_id), answers, exports)
        messages[-1] = answer_message(answer, turn_now)  # with its own sources, kept with it
        yield {
            chatbot: messages,
            messages_state: messages,
            answers_state: answers_shown,
            notice: notice_html(answer, filters or Filters(), library),
            sources: sources_html(answer, library.passages, library.original_url),
            export_md: gr.DownloadButton(value=str(md_path), interactive=True),
            export_docx: gr.DownloadButton(value=str(docx_path), interactive=True),
            feedback_status: "",
            answer_state: answer,  # now the answer feedback, export and the document panel are about
            answer_id_state: f"{conversation_id}:{turn}",
            pending_state: None,
            scope_button: scope_chip(scope),
            conversation_state: conversation_id,
            conversation_list: gr.Radio(choices=conversation_choices(store, user), value=conversation_id),
            conversation_title: store.title(user, conversation_id),
            export_conversation_md: gr.DownloadButton(value=str(conv_md), interactive=True),
            export_conversation_docx: gr.DownloadButton(value=str(conv_docx), interactive=True),
        }

    def open_document(answer, answers, event: gr.SelectData):
        library = live.current
        passage = library.passages.get(str(event.value or ""))
        if passage is None:
            return document_html([], "")
        answer = answer_for(event.index, answers, answer)
        targets: list[str] = []
        for c in answer.citations if answer else []:
            if c.passage_id == passage.id:
                targets = [c.answer_text, c.quote]
                break
        # A PDF is also drawn as its page, the quote highlighted where it is printed.
        view = page_html(passage.source, passage.page, targets[1:] or [passage.text])
        return document_html(
            library.passages_of(passage.source), passage.id, targets, library.original_url(passage.source, passage.page), view
        )

    def rate(rating: str):
        label = {"up": "Helpful", "down": "Not helpful"}[rating]

        def record(answer, answer_id, comment, filters, request: gr.Request):
            if answer is None:
                return gr.skip(), "<p>Ask a question first, then rate its answer.</p>"
            # One rating per answer: rating it again replaces the first.
            feedback.record(answer, rating, comment, filters, getattr(request, "username", None), answer_id=answer_id)
            return "", f"<p>Thank you: recorded as “{label}”. You can change it by choosing the other.</p>"

        return record

    def cleared() -> dict:
        """The chat as on a fresh page: no messages, no scope, no conversation."""
        return {
            chatbot: [], messages_state: [], answers_state: [], scope_state: None, answer_state: None, answer_id_state: None,
            filters_state: None, sources: "", notice: "", document: "", feedback_status: "", filter_problem: "",
            export_md: no_download, export_docx: no_download, scope_button: scope_chip(None),
            conversation_state: None, conversation_title: "",
            export_conversation_md: no_download, export_conversation_docx: no_download,
        }

    def new_conversation(request: gr.Request):
        return cleared() | {conversation_list: gr.Radio(choices=conversation_choices(store, user_of(request)), value=None)}

    def clear_scope():
        return {scope_state: None, scope_button: scope_chip(None)}

    def list_conversations(request: gr.Request):
        return gr.Radio(choices=conversation_choices(store, user_of(request)), value=None)

    def open_conversation(conversation_id, request: gr.Request):
        user = user_of(request)
        library = live.current
        answers = store.answers(user, conversation_id, library.passages.get) if conversation_id else []
        if not answers:
            return new_conversation(request)
        last = answers[-1]
        scope = kept_scope(last, None, set(library.councils())) if last.scope else None
        title = store.title(user, conversation_id)
        conv_md, conv_docx = write_conversation(title, answers, exports)
        md_path, docx_path = write_exports(last, exports)
        messages = chat_messages(answers)
        return cleared() | {
            chatbot: messages, messages_state: messages, answers_state: answers, answer_state: last,
            answer_id_state: f"{conversation_id}:{len(answers) - 1}", scope_state: scope, scope_button: scope_chip(scope),
            sources: sources_html(last, library.passages, library.original_url), notice: notice_html(last, Filters(), library),
            conversation_state: conversation_id, conversation_title: title,
            export_md: gr.DownloadButton(value=str(md_path), interactive=True),
            export_docx: gr.DownloadButton(value=str(docx_path), interactive=True),
            export_conversation_md: gr.DownloadButton(value=str(conv_md), interactive=True),
            export_conversation_docx: gr.DownloadButton(value=str(conv_docx), interactive=True),
        }

    def rename_conversation(conversation_id, title, request: gr.Request):
        user = user_of(request)
        if not conversation_id or not store.rename(user, conversation_id, title or ""):
            return {conversation_problem: '<p class="input-problem" role="alert">Ask a question first, then name its conversation.</p>' if not conversation_id else '<p class="input-problem" role="alert">Give the conversation a name.</p>'}
        title = store.title(user, conversation_id)
        # The exports carry the name as their heading: written again under it.
        conv_md, conv_docx = write_conversation(title, store.answers(user, conversation_id, live.current.passages.get), exports)
        return {
            conversation_problem: "",
            conversation_list: gr.Radio(choices=conversation_choices(store, user), value=conversation_id),
            conversation_title: title,
            export_conversation_md: gr.DownloadButton(value=str(conv_md), interactive=True),
            export_conversation_docx: gr.DownloadButton(value=str(conv_docx), interactive=True),
        }

    def delete_conversation(conversation_id, request: gr.Request):
        if conversation_id:
            store.delete(user_of(request), conversation_id)
        return new_conversation(request)

    def ask(
        question: str,
        kinds: list[str] | None = None,
        authorities: list[str] | None = None,
        date_from: str = "",
        date_to: str = "",
    ) -> dict:
        """Answer one question: {question, answer, answered, citations[n, source, title, kind, page, quote, ...], related, scope}.
        Optional filters: kinds (e.g. ["inspection report"]), authorities (["Manchester"]), date_from/date_to (YYYY or YYYY-MM-DD)."""
        try:
            filters = parse_filters(kinds, authorities, date_from, date_to)
        except ValueError as exc:
            raise gr.Error(str(exc), print_exception=False)
        try:
            with live.client_lock:
                return live.snapshot()[0].run(question, filters).to_dict()
        except StoreUnavailable as exc:
            raise gr.Error(str(exc), print_exception=False) from exc

    with gr.Blocks(title="Inspection assistant", delete_cache=(3600, 86400)) as app:
        messages_state = gr.State([])
        scope_state = gr.State(None)  # the Scope the next question inherits, per browser session
        pending_state = gr.State(None)  # an answer computed and not yet shown
        answer_state = gr.State(None)  # the answer on screen
        answers_state = gr.State([])  # every answer of the conversation, in order: what an older [n] opens
        answer_id_state = gr.State(None)  # "<conversation>:<turn>": what its rating is kept under
        filters_state = gr.State(None)
        conversation_state = gr.State(None)  # the open conversation's id in the database

        with gr.Sidebar(label="Conversations", open=True, elem_id="conversations-panel", width=280):
            restart = gr.Button("New conversation", size="sm", elem_id="new-conversation")
            conversation_list = gr.Radio([], label="Your conversations", elem_id="conversations", interactive=True)
            # The name box is outside the accordion: Gradio mounts a closed accordion's children
            # only when it opens, and a value the app had sent before (the reopened
            # conversation's title) could then land after the user had typed a new name, which
            # was lost (the full suite's rename test caught it: the typed name never held).
            conversation_title = gr.Textbox(label="Name of this conversation", elem_id="conversation-title", max_lines=1)
            rename = gr.Button("Rename", size="sm", elem_id="rename-conversation")
            conversation_problem = gr.HTML(elem_id="conversation-problem", js_on_load=None)
            with gr.Accordion("This conversation", open=False, elem_id="conversation-tools"):
                delete = gr.Button("Delete", size="sm", variant="stop", elem_id="delete-conversation")
                export_conversation_md = gr.DownloadButton("Export conversation (Markdown)", interactive=False, size="sm", elem_id="export-conversation-md")
                export_conversation_docx = gr.DownloadButton("Export conversation (Word)", interactive=False, size="sm", elem_id="export-conversation-docx")

        gr.Markdown(
            "## Inspection assistant\n"
            "Ask about the indexed Ofsted reports, committee minutes and action plans. "
            "Every answer quotes the documents and cites them; when they don't say, it tells you."
        )
        status = gr.HTML(status_html(live.current), elem_id="index-status", js_on_load=None)
        with gr.Tabs(elem_id="views"):
            with gr.Tab("Chat", id="chat-view"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=360, elem_id="conversation-column"):
                        chatbot = gr.Chatbot(
                            label="Answers",
                            elem_id="chat",
                            height=420,
                            render_markdown=False,  # answers are document text: shown escaped, never rendered
                            sanitize_html=True,
                            allow_tags=False,
                            latex_delimiters=[],
                            feedback_options=None,  # rated with the buttons below, which take a comment
                            buttons=["copy_all"],  # no share: nothing leaves this machine (and its icon had no name)
                        )
                        scope_button = gr.Button("", visible=False, size="sm", elem_id="scope-chip", elem_classes="chip")
                        notice = gr.HTML(elem_id="answer-notice", js_on_load=None)
                        # The cards of the answer just given, right under it.
                        sources = gr.HTML(elem_id="sources", js_on_load=_SOURCES_JS)
                        with gr.Row():
                            question_box = gr.Textbox(
                                label="Question", placeholder=placeholder, scale=5, elem_id="question", autofocus=True
                            )
                            send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                        examples_set = gr.Dataset(
                            components=[question_box], samples=[], label="Try", type="values", elem_id="examples", visible=False
                        )
                        examples_set.click(lambda sample: sample[0], examples_set, question_box, show_progress="hidden")
                        with gr.Row():
                            export_md = gr.DownloadButton("Export Markdown", interactive=False, size="sm", elem_id="export-md")
                            export_docx = gr.DownloadButton("Export Word (.docx)", interactive=False, size="sm", elem_id="export-docx")
                        with gr.Row():
                            comment = gr.Textbox(label="Comment on this answer (optional)", scale=4, elem_id="feedback-comment")
                            thumbs_up = gr.Button("✓ Helpful", size="sm", scale=1, elem_id="thumbs-up")
                            thumbs_down = gr.Button("✗ Not helpful", size="sm", scale=1, elem_id="thumbs-down")
                        feedback_status = gr.HTML(elem_id="feedback-status", js_on_load=None)
                    with gr.Column(scale=2, min_width=320, elem_id="side-column"):
                        with gr.Accordion("Narrow the search", open=True, elem_id="filters") as filter_panel:
                            kinds = gr.Dropdown(live.current.kinds(), multiselect=True, label="Kind of document", elem_id="filter-kind")
                            councils = gr.Dropdown(live.current.councils(), multiselect=True, label="Council", elem_id="filter-council")
                            with gr.Row():
                                date_from = gr.Textbox(label="Date from", placeholder=start or "YYYY or YYYY-MM-DD", elem_id="filter-from")
                                date_to = gr.Textbox(label="Date to", placeholder=end or "YYYY or YYYY-MM-DD", elem_id="filter-to")
                            filter_problem = gr.HTML(elem_id="filter-problem", js_on_load=None)
                        document = gr.HTML(
                            '<p class="document-hint">Click a source to read it in its document here.</p>',
                            elem_id="document",
                            max_height=560,
                            js_on_load=_DOCUMENT_JS,
                        )
            with gr.Tab("Documents", id="documents-view"):
                indexed = gr.HTML(documents_html(live.current), elem_id="indexed-documents", js_on_load=None)
                # Shown to editors once the page knows who is looking; refused to others on the server anyway.
                with gr.Column(visible=False, elem_id="editor-tools") as editor_tools:
                    upload = gr.File(
                        label=f"Add documents ({uploads.limits()})",
                        file_count="multiple",
                        file_types=list(chat.upload_types),
                        elem_id="upload",
                    )
                    upload_button = gr.Button("Add to the index", variant="primary", elem_id="upload-button")
                    upload_progress = gr.HTML(elem_id="upload-progress", js_on_load=None)
                    remove_choice = gr.Dropdown(
                        [(f"{d.title} ({d.source})", d.source) for d in live.current.documents],
                        multiselect=True, label="Remove documents from the index", elem_id="remove-choice",
                    )
                    remove_button = gr.Button("Remove", variant="stop", elem_id="remove-button")
                    remove_status = gr.HTML(elem_id="remove-status", js_on_load=None)
            # "Councils and grades" and "Tracker" (issue 12), after Chat and Documents.
            records_view.render(library, document, settings, live=live, every_s=chat.reload_every_s)
            for view in VIEWS:
                view(live)

        everything = [
            chatbot, messages_state, answers_state, scope_state, answer_state, answer_id_state, filters_state, sources, notice, document,
            feedback_status, filter_problem, export_md, export_docx, scope_button, conversation_state, conversation_title,
            export_conversation_md, export_conversation_docx, conversation_list,
        ]
        for trigger in (send.click, question_box.submit):
            trigger(
                start_answer,
                [question_box, messages_state, kinds, councils, date_from, date_to, scope_state],
                [send, question_box, chatbot, messages_state, sources, notice, filter_problem, filter_panel, export_md, export_docx, pending_state, scope_state, filters_state],
                api_visibility="private",
                concurrency_id="answer",
                concurrency_limit=ANSWER_CONCURRENCY,
                show_progress="hidden",
            ).then(
                reveal,
                [pending_state, messages_state, filters_state, scope_state, conversation_state, answers_state],
                [pending_state, *everything],
                api_visibility="private",
                concurrency_limit=None,
                show_progress="hidden",
            ).then(
                lambda: (gr.Button(interactive=True), gr.Textbox(interactive=True)),
                None, [send, question_box], api_visibility="private", concurrency_limit=None, show_progress="hidden",
            )
        sources.select(open_document, [answer_state, answers_state], [document], api_visibility="private", concurrency_limit=None)
        for button, rating in ((thumbs_up, "up"), (thumbs_down, "down")):
            button.click(
                rate(rating), [answer_state, answer_id_state, comment, filters_state], [comment, feedback_status],
                api_visibility="private", concurrency_limit=None,
            )
        private = dict(api_visibility="private", concurrency_limit=None)
        restart.click(new_conversation, None, everything, **private)
        # The chat's own bin icon clears what the chat remembers too, the scope included.
        chatbot.clear(new_conversation, None, everything, **private)
        scope_button.click(clear_scope, None, [scope_state, scope_button], **private)
        conversation_list.input(open_conversation, [conversation_list], everything, **private)
        rename.click(
            rename_conversation, [conversation_state, conversation_title],
            [conversation_problem, conversation_list, conversation_title, export_conversation_md, export_conversation_docx], **private,
        )
        delete.click(delete_conversation, [conversation_state], everything, **private)
        app.load(list_conversations, None, [conversation_list], **private)

        def show_examples():
            found = live.current.example_questions()
            return gr.Dataset(samples=[[q] for q in found], visible=bool(found))

        app.load(show_examples, None, [examples_set], show_progress="hidden")
        # On a phone the conversation list starts closed: open, it covers the chat.
        app.load(
            None, None, None,
            js="() => { if (window.innerWidth <= 720) { const b = document.querySelector('#conversations-panel .toggle-button');"
            " const open = document.querySelector('#conversations-panel.open'); if (b && open) b.click(); } }",
        )
        generation_state = gr.State(0)
        index_outputs = [generation_state, editor_tools, status, indexed, kinds, councils, remove_choice]
        app.load(refresh, [generation_state], index_outputs, **private)
        gr.Timer(chat.reload_every_s).tick(refresh, [generation_state], index_outputs, show_progress="hidden", **private)
        # Callable by a script as well as the page ("undocumented"), so the role check above is
        # what stops a reader, not the page hiding the button.
        upload_button.click(add_documents, [upload], [upload_progress], api_name="add_documents", api_visibility="undocumented", concurrency_id="index", concurrency_limit=1)
        remove_button.click(remove_documents, [remove_choice], [remove_status], api_name="remove_documents", api_visibility="undocumented", concurrency_id="index", concurrency_limit=1)
        gr.api(ask, api_name="ask", concurrency_id="answer", concurrency_limit=ANSWER_CONCURRENCY)
    app.live_index = live  # for reloads and tests
    app.conversations = store
    return app


# --- access and launch ------------------------------------------------------------------------


def check_access(settings) -> str | None:
    """Why the chat must not start with these settings, or None: bound beyond this machine
    with no login (unless --insecure-no-auth), or an --auth file that cannot be used."""
    if settings.auth_file is not None:
        try:
            load_users(settings.auth_file)
        except AuthFileError as exc:
            return str(exc)
    elif settings.host not in LOCAL_HOSTS and not settings.insecure_no_auth:
        return (
            f"the chat would be reachable from other machines at {settings.host} with no login. "
            "Give --auth FILE (create it with `python -m assistant.auth FILE USERNAME`), bind to "
            "127.0.0.1, or pass --insecure-no-auth if that is really what you want."
        )
    return None


def launch(answerer: Any, settings, chat: ChatSettings | None = None, **kwargs) -> gr.Blocks:
    """Serve the chat; returns once the port answers (with prevent_thread_lock=True) or when
    it stops. Gradio's own start-up lines (and its share hint, which this chat must never
    take) are silenced: the caller says where the chat is once it is there."""
    problem = check_access(settings)
    if problem:  # cli.py checks first; this keeps any other caller from starting it open
        raise ValueError(problem)
    if settings.host not in LOCAL_HOSTS and settings.auth_file is None:
        log.warning("--insecure-no-auth: anyone who can reach %s:%s can use the chat", settings.host, settings.port)
    chat = chat or ChatSettings()
    library = Library(answerer, settings)
    # Originals are served by our own route, checked per request (assistant.originals): a PDF
    # indexed after the start has its link too. Never one inside the store or data folders.
    blocked = library.blocked_paths(chat)
    live = LiveIndex(answerer, settings, lambda a: Library(a, settings).restrict_originals(blocked), library.restrict_originals(blocked))
    app = build_app(answerer, settings, library, chat, live)
    app.queue(default_concurrency_limit=ANSWER_CONCURRENCY, max_size=QUEUE_MAX)
    options: dict[str, Any] = dict(
        server_name=settings.host,
        server_port=settings.port,
        css=CSS + records_view.RECORDS_CSS,
        blocked_paths=library.blocked_paths(chat),
        quiet=True,
        # Gradio's footer links were grey on white at 1.9:1; the /ask API is in the README.
        footer_links=[],
    )
    if settings.auth_file is not None:
        options["auth"] = authenticator(load_users(settings.auth_file))
        options["auth_message"] = "Sign in to the inspection assistant."
    options.update(launch_options(settings))  # security headers, login throttle, upload size limit
    options["app_kwargs"]["middleware"].append(
        Middleware(originals.OriginalsMiddleware, live=live, blocked=blocked, blocks=app, auth=settings.auth_file is not None)
    )
    options.update(kwargs)
    live.watch(chat.reload_every_s)
    close = app.close

    def close_and_stop(*args, **kw):
        live.stop()
        return close(*args, **kw)

    app.close = close_and_stop
    app.launch(**options)
    return app
