"""The Gradio chat: ask, watch the answer appear with [n] markers, read each source as a card,
open it in its document, narrow the search, export for training material, rate the answer.

Documents are untrusted. The chat shows answers and document text escaped (the Chatbot does
not render Markdown and gets HTML-escaped text), builds every card with each document string
escaped, and puts no document text in a link. Originals are served only for indexed PDFs,
each named in `allowed_paths` (never a folder, so never the store, a sidecar or a corpus HTML
file, whose scripts would run in the app's own origin); HTML, DOCX, text and Markdown sources
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
from typing import Any
from urllib.parse import quote

import gradio as gr

from assistant.auth import AuthFileError, authenticator, load_users
from assistant.citations import document_html, esc, sources_html
from assistant.export import to_docx, to_markdown
from assistant import records_view
from assistant.feedback import FeedbackLog
from assistant.types import KIND_LABELS, Answer, Filters
from indexer.settings import Settings
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
  trigger('select', {index: Number(opener.dataset.n || 0), value: opener.dataset.passage});
});
"""
# After the panel shows a document, bring the cited passage into view.
_DOCUMENT_JS = """
watch('value', () => {
  const cited = element.querySelector('.cited');
  if (cited) cited.scrollIntoView({block: 'center'});
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
        self.passages: dict[str, Passage] = answerer.retriever.passages
        by_source: dict[str, list[Passage]] = defaultdict(list)
        for p in self.passages.values():
            by_source[p.source].append(p)
        self.by_source = {s: sorted(ps, key=lambda p: (p.page or 0, p.ordinal)) for s, ps in by_source.items()}
        try:
            records = answerer.retriever.store.files()
        except Exception as exc:  # a store without a manifest still answers; only the status suffers
            log.warning("could not read the file manifest: %s", exc)
            records = {}
        self.records = records
        self.documents: list[DocumentInfo] = []
        for source, ps in sorted(self.by_source.items()):
            first, record = ps[0], records.get(source)
            self.documents.append(
                DocumentInfo(
                    source, first.title, first.kind.value, first.authority, first.date, len(ps),
                    record.indexed_at if record else "",
                )
            )
        self.pdfs = self._servable_pdfs()

    # --- status and filters -----------------------------------------------------------------

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
        return sum(1 for ps in self.by_source.values() if filters.allows(ps[0]))

    # --- originals ----------------------------------------------------------------------------

    def _servable_pdfs(self) -> dict[str, Path]:
        """Indexed PDFs that exist, resolved: these and nothing else are served. Sources are
        recorded relative to the folder the indexer ran in, which is where the chat runs."""
        store = Path(self.settings.store).resolve()
        found = {}
        for source in self.by_source:
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
        path = self.pdfs.get(source)
        if path is None:
            return None
        return f"gradio_api/file={quote(str(path))}" + (f"#page={page}" if page else "")

    def allowed_paths(self) -> list[str]:
        return sorted(str(p) for p in self.pdfs.values())

    def blocked_paths(self) -> list[str]:
        # Never served even if a PDF were listed inside them: the store, the users and the feedback.
        paths = [self.settings.store, self.settings.feedback_log]
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
        from assistant.answer import Answerer

        candidates = self.example_candidates()[:EXAMPLE_TRIES]
        if not isinstance(self.answerer, Answerer):
            return candidates[:limit]
        good = [q for q in candidates if self.answerer.run(q).answered]
        return (good or candidates)[:limit]


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


def build_app(answerer: Any, settings: Settings | None = None, library: Library | None = None) -> gr.Blocks:
    settings = settings or getattr(answerer, "settings", None) or Settings()
    library = library or Library(answerer, settings)
    feedback = FeedbackLog(settings.feedback_log)
    exports = Path(tempfile.mkdtemp(prefix="ia-exports-"))
    examples = library.example_questions()
    start, end = library.date_span()

    def start_answer(question, messages, kinds, councils, date_from, date_to, scope):
        """Runs the question (the CPU-bound part, one at a time); the next step shows it."""
        question = (question or "").strip()
        if not question:
            yield (gr.skip(),) * 10
            return
        try:
            filters = parse_filters(kinds, councils, date_from, date_to)
        except ValueError as exc:
            raise gr.Error(str(exc), print_exception=False)
        n = library.documents_allowed(filters)
        messages = list(messages or []) + [
            {"role": "user", "content": esc(question)},
            {"role": "assistant", "content": esc(f"Searching {n} document{'s' if n != 1 else ''}…")},
        ]
        # The previous answer's cards, notice and exports go as the new question is asked.
        no_export = gr.DownloadButton(value=None, interactive=False)
        yield "", messages, messages, "", "", no_export, no_export, gr.skip(), gr.skip(), gr.skip()
        try:
            answer = answerer.run(question, filters, previous=scope)
        except Exception:
            log.exception("answering %r failed", question)
            messages[-1] = {"role": "assistant", "content": "The assistant could not answer this question (see the server log). Try again."}
            yield gr.skip(), messages, messages, gr.skip(), gr.skip(), gr.skip(), gr.skip(), None, gr.skip(), gr.skip()
            return
        # Like Conversation.ask: a question naming a council or year sets the scope for the next.
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), answer, answer.scope if answer.scope else scope, filters

    async def reveal(answer, messages, filters):
        """The answer sentence by sentence (all of it already checked), then its cards. Runs
        outside the answer queue: pausing between sentences holds no CPU slot."""
        if answer is None:  # the question box was empty: nothing new to show
            yield (gr.skip(),) * 9
            return
        messages = list(messages)
        shown = ""
        chunks = answer_chunks(answer.answer)
        for chunk in chunks:
            shown += chunk
            messages[-1] = {"role": "assistant", "content": esc(shown.strip())}
            yield messages, messages, gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            await asyncio.sleep(REVEAL_PAUSE_S)
        md_path, docx_path = await asyncio.to_thread(write_exports, answer, exports)
        yield (
            messages,
            messages,
            notice_html(answer, filters or Filters(), library),
            sources_html(answer, library.passages, library.original_url),
            gr.DownloadButton(value=str(md_path), interactive=True),
            gr.DownloadButton(value=str(docx_path), interactive=True),
            "",
            answer,  # now the answer feedback, export and the document panel are about
            None,
        )

    def open_document(answer, event: gr.SelectData):
        passage = library.passages.get(str(event.value or ""))
        if passage is None:
            return document_html([], "")
        targets: list[str] = []
        for c in answer.citations if answer else []:
            if c.passage_id == passage.id:
                targets = [c.answer_text, c.quote]
                break
        return document_html(
            library.by_source.get(passage.source, []), passage.id, targets, library.original_url(passage.source, passage.page)
        )

    def rate(rating: str):
        def record(answer, comment, filters, request: gr.Request):
            if answer is None:
                return gr.skip(), "<p>Ask a question first, then rate its answer.</p>"
            feedback.record(answer, rating, comment, filters, getattr(request, "username", None))
            return "", "<p>Thank you: your feedback was recorded.</p>"

        return record

    def new_conversation():
        return [], [], None, None, None, "", "", "", gr.DownloadButton(value=None, interactive=False), gr.DownloadButton(value=None, interactive=False), ""

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
        return answerer.run(question, filters).to_dict()

    with gr.Blocks(title="Inspection assistant", delete_cache=(3600, 86400)) as app:
        messages_state = gr.State([])
        scope_state = gr.State(None)  # the last question's Scope, per browser session
        pending_state = gr.State(None)  # an answer computed and not yet shown
        answer_state = gr.State(None)  # the answer on screen
        filters_state = gr.State(None)
        gr.Markdown(
            "## Inspection assistant\n"
            "Ask about the indexed Ofsted reports, committee minutes and action plans. "
            "Every answer quotes the documents and cites them; when they don't say, it tells you."
        )
        gr.HTML(status_html(library), elem_id="index-status", js_on_load=None)
        with gr.Accordion("Indexed documents", open=False):
            gr.HTML(documents_html(library), elem_id="indexed-documents", js_on_load=None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=360):
                chatbot = gr.Chatbot(
                    label="Answers",
                    elem_id="chat",
                    height=360,
                    render_markdown=False,  # answers are document text: shown escaped, never rendered
                    sanitize_html=True,
                    allow_tags=False,
                    latex_delimiters=[],
                    feedback_options=None,  # rated with the buttons below, which take a comment
                )
                notice = gr.HTML(elem_id="answer-notice", js_on_load=None)
                with gr.Row():
                    question = gr.Textbox(
                        label="Question", placeholder=examples[0] if examples else "", scale=5, elem_id="question", autofocus=True
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                if examples:
                    gr.Examples(examples, inputs=question, label="Try")
                sources = gr.HTML(elem_id="sources", js_on_load=_SOURCES_JS)
                with gr.Row():
                    export_md = gr.DownloadButton("Export Markdown", interactive=False, size="sm", elem_id="export-md")
                    export_docx = gr.DownloadButton("Export Word (.docx)", interactive=False, size="sm", elem_id="export-docx")
                    restart = gr.Button("New conversation", size="sm", elem_id="new-conversation")
                with gr.Row():
                    comment = gr.Textbox(label="Comment on this answer (optional)", scale=4, elem_id="feedback-comment")
                    thumbs_up = gr.Button("✓ Helpful", size="sm", scale=1, elem_id="thumbs-up")
                    thumbs_down = gr.Button("✗ Not helpful", size="sm", scale=1, elem_id="thumbs-down")
                feedback_status = gr.HTML(elem_id="feedback-status", js_on_load=None)
            with gr.Column(scale=2, min_width=320):
                with gr.Accordion("Narrow the search", open=True):
                    kinds = gr.Dropdown(library.kinds(), multiselect=True, label="Kind of document", elem_id="filter-kind")
                    councils = gr.Dropdown(library.councils(), multiselect=True, label="Council", elem_id="filter-council")
                    with gr.Row():
                        date_from = gr.Textbox(label="Date from", placeholder=start or "YYYY or YYYY-MM-DD", elem_id="filter-from")
                        date_to = gr.Textbox(label="Date to", placeholder=end or "YYYY or YYYY-MM-DD", elem_id="filter-to")
                document = gr.HTML(
                    '<p class="document-hint">Click a source to read it in its document here.</p>',
                    elem_id="document",
                    max_height=560,
                    js_on_load=_DOCUMENT_JS,
                )

        records_view.render(library, document, settings)  # "Councils and grades" and "Tracker" (issue 12)

        for trigger in (send.click, question.submit):
            trigger(
                start_answer,
                [question, messages_state, kinds, councils, date_from, date_to, scope_state],
                [question, chatbot, messages_state, sources, notice, export_md, export_docx, pending_state, scope_state, filters_state],
                api_visibility="private",
                concurrency_id="answer",
                concurrency_limit=ANSWER_CONCURRENCY,
            ).success(
                reveal,
                [pending_state, messages_state, filters_state],
                [chatbot, messages_state, notice, sources, export_md, export_docx, feedback_status, answer_state, pending_state],
                api_visibility="private",
                concurrency_limit=None,
                show_progress="hidden",
            )
        sources.select(open_document, [answer_state], [document], api_visibility="private", concurrency_limit=None)
        thumbs_up.click(rate("up"), [answer_state, comment, filters_state], [comment, feedback_status], api_visibility="private", concurrency_limit=None)
        thumbs_down.click(rate("down"), [answer_state, comment, filters_state], [comment, feedback_status], api_visibility="private", concurrency_limit=None)
        restart.click(
            new_conversation,
            None,
            [chatbot, messages_state, scope_state, answer_state, filters_state, sources, notice, document, export_md, export_docx, feedback_status],
            api_visibility="private",
            concurrency_limit=None,
        )
        gr.api(ask, api_name="ask", concurrency_id="answer", concurrency_limit=ANSWER_CONCURRENCY)
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


def launch(answerer: Any, settings, **kwargs) -> gr.Blocks:
    problem = check_access(settings)
    if problem:  # cli.py checks first; this keeps any other caller from starting it open
        raise ValueError(problem)
    if settings.host not in LOCAL_HOSTS and settings.auth_file is None:
        log.warning("--insecure-no-auth: anyone who can reach %s:%s can use the chat", settings.host, settings.port)
    library = Library(answerer, settings)
    app = build_app(answerer, settings, library)
    app.queue(default_concurrency_limit=ANSWER_CONCURRENCY, max_size=QUEUE_MAX)
    options: dict[str, Any] = dict(
        server_name=settings.host,
        server_port=settings.port,
        css=CSS + records_view.RECORDS_CSS,
        allowed_paths=library.allowed_paths(),
        blocked_paths=library.blocked_paths(),
    )
    if settings.auth_file is not None:
        options["auth"] = authenticator(load_users(settings.auth_file))
        options["auth_message"] = "Sign in to the inspection assistant."
    options.update(kwargs)
    app.launch(**options)
    return app
