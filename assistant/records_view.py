"""The two records views beside the conversation: "Councils and grades" and "Tracker".

Built from the inspection records the indexer made (`assistant.records`). Every cell that
states something carries the key of its citation; clicking it opens the cited passage in the
chat's document panel, the same panel the answer cards open. Grades are colour-coded and also
written, so the tables read without colour. Both views export as CSV and as an Excel workbook.

`render(library, document, settings, live=..., every_s=...)` is called inside the app's
`gr.Blocks`; it is the only hook into app.py (plus `RECORDS_CSS`), so the chat's own layout
stays untouched. Given the chat's `LiveIndex`, the views follow re-indexing as the chat does:
the records are read again when its generation changes, and each open page redraws its views
at its next poll (every `every_s` seconds), its choices kept where they still exist.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr
from rapidfuzz import fuzz

from assistant.citations import document_html, esc
from assistant.records import inspection_on, load_records
from assistant.tracker import CSV_COLUMNS as TRACKER_COLUMNS
from assistant.tracker import build_tracker, tracker_rows
from indexer.records.types import Citation, InspectionRecord
from indexer.vocabulary import Grade, JudgementArea

log = logging.getLogger(__name__)

AREAS = list(JudgementArea)
GRADES = list(Grade)
GRADE_CLASS = {
    Grade.OUTSTANDING: "grade-outstanding",
    Grade.GOOD: "grade-good",
    Grade.REQUIRES_IMPROVEMENT: "grade-ri",
    Grade.INADEQUATE: "grade-inadequate",
}
ANY = "(any)"

RECORDS_CSS = """
.records-table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
.records-table th, .records-table td { border: 1px solid #d0d0d0; padding: 4px 6px; text-align: left; vertical-align: top; }
.records-table td[data-cite] { cursor: pointer; }
.records-table td[data-cite]:hover { outline: 2px solid #4063c0; }
.grade-outstanding { background: #cfe8ff; }
.grade-good { background: #d6f0d2; }
.grade-ri { background: #fde9c4; }
.grade-inadequate { background: #f8cfcf; }
.grade-conflict { background: repeating-linear-gradient(45deg, #eee, #eee 6px, #fff 6px, #fff 12px); }
.flag { display: inline-block; margin: 1px 2px; padding: 0 4px; border: 1px solid #b54; border-radius: 3px; color: #822; }
.records-note { color: #555; }
"""

# A click on a cell that carries a citation asks the server to open it in the document panel.
_CELLS_JS = """
element.addEventListener('click', (event) => {
  const cell = event.target.closest('[data-cite]');
  if (!cell || !element.contains(cell)) return;
  trigger('select', {index: 0, value: cell.dataset.cite});
});
"""


# --- citations the cells point at ----------------------------------------------------------


@dataclass
class Cites:
    """Every citation a view shows, by a short key the cells carry."""

    items: dict[str, Citation] = field(default_factory=dict)

    def key(self, citation: Citation) -> str:
        # By content, so re-rendering a filtered table reuses its keys instead of adding more.
        key = "c" + hashlib.sha1(f"{citation.source}\0{citation.page}\0{citation.quote}".encode()).hexdigest()[:16]
        self.items[key] = citation
        return key

    def attr(self, citations: list[Citation]) -> str:
        return f' data-cite="{self.key(citations[0])}"' if citations else ""


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def find_passage(library: Any, citation: Citation):
    """The stored passage holding a citation's quote: on its page, containing the quote (or
    the most of it, for a quote that spans a passage break)."""
    passages = [p for p in library.passages_of(citation.source) if not citation.page or p.page == citation.page]
    if not passages:
        return None
    quote = _normal(citation.quote)
    for p in passages:
        if quote in _normal(p.verbatim or p.text) or quote in _normal(p.text):
            return p
    return max(passages, key=lambda p: fuzz.partial_ratio(quote, _normal(p.verbatim or p.text)))


def open_citation(library: Any, cites: Cites, key: str) -> str:
    citation = cites.items.get(str(key or ""))
    passage = find_passage(library, citation) if citation else None
    if passage is None:
        return document_html([], "")
    return document_html(
        library.passages_of(passage.source),
        passage.id,
        [citation.quote],
        library.original_url(passage.source, passage.page),
    )


# --- Councils and grades -----------------------------------------------------------------------


def _grade_cell(record: InspectionRecord, area: JudgementArea, cites: Cites) -> str:
    value = record.grades.get(area)
    if value is not None:
        return f'<td class="{GRADE_CLASS[value.grade]}"{cites.attr(value.citations)}>{esc(value.grade.value)}</td>'
    conflict = next((c for c in record.conflicts if c.field == f"grades.{area.value}"), None)
    if conflict is not None:
        parts = " / ".join(
            f'<span{cites.attr(v.citations)}>{esc(v.value)} ({esc(", ".join(sorted({Path(c.source).name for c in v.citations})))})</span>'
            for v in conflict.values
        )
        first = conflict.values[0].citations
        return f'<td class="grade-conflict"{cites.attr(first)}>Conflict: {parts}</td>'
    return "<td>—</td>"


def _type_label(record: InspectionRecord) -> str:
    return record.type.value if record.type else "type not stated"


def timeline_html(records: list[InspectionRecord], council: str, cites: Cites) -> str:
    rows = [r for r in records if r.authority == council]
    if not rows:
        return '<p class="records-note">No inspection records for this council.</p>'
    used = [a for a in AREAS if any(a in r.grades or any(c.field == f"grades.{a.value}" for c in r.conflicts) for r in rows)]
    head = "".join(f"<th>{esc(a.label)}</th>" for a in used)
    body = []
    for r in rows:
        when = r.date or "date not stated"
        date_cite = cites.attr((r.fieldwork_end or r.published or r.fieldwork_start).citations) if r.date else ""
        cells = "".join(_grade_cell(r, a, cites) for a in used)
        body.append(f"<tr><td{date_cite}>{esc(when)}</td><td{cites.attr(r.type_citations)}>{esc(_type_label(r))}</td>{cells}</tr>")
    return (
        f'<table class="records-table" id="timeline-table"><thead><tr><th>Inspection</th><th>Type</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def grade_points(records: list[InspectionRecord], council: str):
    """The chart's points: one per (inspection, area), y = Ofsted's rank (1 outstanding … 4 inadequate)."""
    import pandas as pd

    points = [
        {"date": pd.Timestamp(r.date[:7] + "-01" if len(r.date) >= 7 else r.date + "-01-01"), "rank": v.grade.rank,
         "grade": v.grade.value, "area": a.label}
        for r in records if r.authority == council and r.date
        for a, v in r.grades.items()
    ]
    return pd.DataFrame(points, columns=["date", "rank", "grade", "area"])


@dataclass(frozen=True)
class GradeRow:
    council: str
    inspection: str
    type: str
    area: JudgementArea
    grade: Grade
    citations: tuple[Citation, ...]


def grade_rows(records: list[InspectionRecord], area: str = ANY, grade: str = ANY, since: str = "", kind: str = ANY) -> list[GradeRow]:
    """The table across councils: one row per council, inspection and graded area, filtered
    ("which councils were judged inadequate for help and protection since 2022?")."""
    rows = []
    for r in records:
        if since and (not r.date or r.date[:4] < since[:4]):
            continue
        if kind != ANY and _type_label(r) != kind:
            continue
        for a, v in r.grades.items():
            if (area == ANY or a.value == area) and (grade == ANY or v.grade.value == grade):
                rows.append(GradeRow(r.authority, r.date, _type_label(r), a, v.grade, tuple(v.citations)))
    return rows


def grades_table_html(rows: list[GradeRow], cites: Cites) -> str:
    if not rows:
        return '<p class="records-note">No graded inspection matches these filters.</p>'
    body = "".join(
        f"<tr><td>{esc(r.council)}</td><td>{esc(r.inspection or 'date not stated')}</td><td>{esc(r.type)}</td>"
        f"<td>{esc(r.area.label)}</td><td class=\"{GRADE_CLASS[r.grade]}\"{cites.attr(list(r.citations))}>{esc(r.grade.value)}</td></tr>"
        for r in rows
    )
    return (
        '<table class="records-table" id="grades-table"><thead><tr><th>Council</th><th>Inspection</th><th>Type</th>'
        f"<th>Judgement</th><th>Grade</th></tr></thead><tbody>{body}</tbody></table>"
    )


GRADE_COLUMNS = ("council", "inspection", "type", "judgement", "grade", "sources", "quotes")


def grade_lines(rows: list[GradeRow]) -> list[list[str]]:
    return [
        [r.council, r.inspection, r.type, r.area.value, r.grade.value,
         "; ".join(f"{c.source}" + (f" p.{c.page}" if c.page else "") for c in r.citations),
         " | ".join(c.quote for c in r.citations)]
        for r in rows
    ]


# --- Tracker -----------------------------------------------------------------------------------


def tracker_html(record: InspectionRecord | None, cites: Cites) -> str:
    if record is None:
        return '<p class="records-note">Choose a council and an inspection.</p>'
    rows = build_tracker(record)
    if not rows:
        return '<p class="records-note">The documents list no areas for improvement for this inspection.</p>'
    body = []
    for r in rows:
        actions = "".join(
            f'<div{cites.attr([Citation(**a["citations"][0])])}>{esc(a["action"] or a["area_as_planned"])}'
            f' — lead: {esc(a["lead"] or "none")}; due: {esc(a["deadline"] or "none")}; status: {esc(a["status"] or "not stated")}'
            f'{" — <strong>overdue</strong>" if a["overdue"] else ""} <small>(linked by {esc(a["link"]["by"])}, {a["link"]["score"]:.2f})</small></div>'
            for a in r.actions
        ) or "—"
        meetings = "".join(
            f'<div{cites.attr([Citation(**d["citations"][0])])}>{esc(d["date"])}, {esc(d["committee"])}: “{esc(d["quote"])}”</div>'
            for d in r.discussions
        ) or "—"
        flags = "".join(f'<span class="flag">{esc(f.value)}</span>' for f in r.flags) or "—"
        number = "" if r.number is None else f"{r.number}. "
        body.append(
            f"<tr><td{cites.attr(r.citations)}>{esc(number + r.area)}</td><td class=\"tracker-actions\">{actions}</td>"
            f"<td class=\"tracker-meetings\">{meetings}</td><td class=\"tracker-flags\">{flags}</td></tr>"
        )
    return (
        '<table class="records-table" id="tracker-table"><thead><tr><th>Area for improvement</th><th>Actions</th>'
        f"<th>Discussed</th><th>Flags</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


# --- exports -------------------------------------------------------------------------------------


def write_exports(folder: Path, stem: str, columns: tuple[str, ...], lines: list[list[str]]) -> tuple[Path, Path]:
    """The same table as CSV and as an Excel workbook."""
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = folder / f"{stem}.csv", folder / f"{stem}.xlsx"
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(lines)
    book = Workbook()
    sheet = book.active
    sheet.title = stem[:31]
    sheet.append(list(columns))
    for line in lines:
        # A cell starting with = + - @ would be a formula in Excel: document text must stay text.
        sheet.append([("'" + v) if isinstance(v, str) and v[:1] in "=+-@" else v for v in line])
    book.save(xlsx_path)
    return csv_path, xlsx_path


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "all"


# --- the Gradio views -----------------------------------------------------------------------------


def _read_records(settings: Any) -> list[InspectionRecord]:
    try:
        return load_records(settings)
    except Exception as exc:  # a store indexed before records existed: the chat still works
        log.warning("inspection records could not be read: %s", exc)
        return []


def render(
    library: Any,
    document: gr.HTML,
    settings: Any,
    records: list[InspectionRecord] | None = None,
    live: Any = None,
    every_s: float = 2.0,
) -> None:
    """Both views, as tabs, inside the caller's gr.Blocks. `document` is the chat's document
    panel; `live` (the chat's LiveIndex), when given, keeps the views to the current index."""
    # Shared by every page: the records of the index generation last read.
    held = {"generation": live.generation if live is not None else 0, "records": records if records is not None else _read_records(settings)}

    def current() -> list[InspectionRecord]:
        if live is not None and held["generation"] != live.generation:
            generation = live.generation
            held["records"], held["generation"] = _read_records(settings), generation
        return held["records"]

    def current_library() -> Any:
        return live.current if live is not None else library

    records = current()
    cites = Cites()
    folder = Path(tempfile.mkdtemp(prefix="ia-records-"))
    councils = sorted({r.authority for r in records})
    first = councils[0] if councils else None
    kinds = sorted({_type_label(r) for r in records})

    def grades_outputs(area, grade, since, kind):
        since = (since or "").strip()
        if since and not re.fullmatch(r"(?:19|20)\d\d", since):
            raise gr.Error(f"'Since year' must be a year such as 2022, not '{since}'", print_exception=False)
        rows = grade_rows(current(), area or ANY, grade or ANY, since, kind or ANY)
        name = _slug(f"grades {area} {grade} {since} {kind}".replace(ANY, ""))
        csv_path, xlsx_path = write_exports(folder, f"grades-{name}", GRADE_COLUMNS, grade_lines(rows))
        return grades_table_html(rows, cites), str(csv_path), str(xlsx_path)

    def council_outputs(council):
        return timeline_html(current(), council, cites), grade_points(current(), council)

    def inspections_of(council):
        dates = [r.date or "date not stated" for r in current() if r.authority == council]
        return gr.Dropdown(choices=dates, value=dates[-1] if dates else None)

    def tracker_outputs(council, when):
        mine = [r for r in current() if r.authority == council]
        record = inspection_on(mine, when) if when and when != "date not stated" else (mine[-1] if mine else None)
        lines = tracker_rows(record) if record else []
        csv_path, xlsx_path = write_exports(folder, f"tracker-{_slug(council or '')}-{_slug(when or '')}", TRACKER_COLUMNS, lines)
        return tracker_html(record, cites), str(csv_path), str(xlsx_path)

    def opener(event: gr.SelectData):
        return open_citation(current_library(), cites, event.value)

    def follow(shown, council_now, area, grade, since, kind, t_council_now, t_when_now):
        """After a re-index, every view redrawn from the new records; else nothing changes."""
        if live is None or shown == live.generation:
            return {generation: shown}
        generation_now, records_now = live.generation, current()
        names = sorted({r.authority for r in records_now})
        council_now = council_now if council_now in names else (names[0] if names else None)
        t_council_now = t_council_now if t_council_now in names else (names[0] if names else None)
        dates = [r.date or "date not stated" for r in records_now if r.authority == t_council_now]
        t_when_now = t_when_now if t_when_now in dates else (dates[-1] if dates else None)
        kinds_now = sorted({_type_label(r) for r in records_now})
        kind = kind if kind in kinds_now else ANY
        try:
            table, table_csv, table_xlsx = grades_outputs(area, grade, since, kind)
        except gr.Error:  # a 'Since year' being typed: redraw with it left out
            table, table_csv, table_xlsx = grades_outputs(area, grade, "", kind)
        timeline_now, points_now = council_outputs(council_now)
        tracker_now, t_csv, t_xlsx = tracker_outputs(t_council_now, t_when_now)
        return {
            generation: generation_now,
            empty_note: gr.update(visible=not records_now),
            council: gr.Dropdown(choices=names, value=council_now),
            timeline: timeline_now,
            chart: points_now,
            f_kind: gr.Dropdown(choices=[ANY] + kinds_now, value=kind),
            grades_table: table, grades_csv: table_csv, grades_xlsx: table_xlsx,
            t_council: gr.Dropdown(choices=names, value=t_council_now),
            t_when: gr.Dropdown(choices=dates, value=t_when_now),
            tracker: tracker_now, tracker_csv: t_csv, tracker_xlsx: t_xlsx,
        }

    initial_grades = grades_outputs(ANY, ANY, "", ANY)
    initial_timeline, initial_points = council_outputs(first)
    first_dates = [r.date or "date not stated" for r in records if r.authority == first]
    initial_tracker = tracker_outputs(first, first_dates[-1] if first_dates else None)

    # Called inside the chat's own gr.Tabs: these two tabs sit beside Chat and Documents.
    with contextlib.nullcontext():
        with gr.Tab("Councils and grades", elem_id="tab-grades"):
            empty_note = gr.HTML(
                '<p class="records-note">No inspection records in this index yet: re-index to build them.</p>', visible=not records
            )
            council = gr.Dropdown(councils, value=first, label="Council", elem_id="timeline-council")
            timeline = gr.HTML(initial_timeline, elem_id="timeline", js_on_load=_CELLS_JS)
            chart = gr.ScatterPlot(
                initial_points, x="date", y="rank", color="area", label="Grades over time (1 outstanding, 2 good, "
                "3 requires improvement, 4 inadequate)", y_lim=[0.5, 4.5], elem_id="grades-chart",
            )
            gr.Markdown("**All councils**: filter by judgement, grade, year and type of inspection.")
            with gr.Row():
                f_area = gr.Dropdown([ANY] + [a.value for a in AREAS], value=ANY, label="Judgement", elem_id="filter-area")
                f_grade = gr.Dropdown([ANY] + [g.value for g in GRADES], value=ANY, label="Grade", elem_id="filter-grade")
                f_since = gr.Textbox(label="Since year", placeholder="e.g. 2022", elem_id="filter-since")
                f_kind = gr.Dropdown([ANY] + kinds, value=ANY, label="Type of inspection", elem_id="filter-type")
            grades_table = gr.HTML(initial_grades[0], elem_id="grades", js_on_load=_CELLS_JS, max_height=480)
            with gr.Row():
                grades_csv = gr.DownloadButton("Export CSV", value=initial_grades[1], size="sm", elem_id="grades-csv")
                grades_xlsx = gr.DownloadButton("Export Excel", value=initial_grades[2], size="sm", elem_id="grades-xlsx")
        with gr.Tab("Tracker", elem_id="tab-tracker"):
            t_council = gr.Dropdown(councils, value=first, label="Council", elem_id="tracker-council")
            t_when = gr.Dropdown(first_dates, value=first_dates[-1] if first_dates else None, label="Inspection", elem_id="tracker-inspection")
            tracker = gr.HTML(initial_tracker[0], elem_id="tracker", js_on_load=_CELLS_JS)
            with gr.Row():
                tracker_csv = gr.DownloadButton("Export CSV", value=initial_tracker[1], size="sm", elem_id="tracker-csv")
                tracker_xlsx = gr.DownloadButton("Export Excel", value=initial_tracker[2], size="sm", elem_id="tracker-xlsx")

    quiet = dict(api_visibility="private", concurrency_limit=None)
    council.change(council_outputs, [council], [timeline, chart], **quiet)
    for control in (f_area, f_grade, f_kind):
        control.change(grades_outputs, [f_area, f_grade, f_since, f_kind], [grades_table, grades_csv, grades_xlsx], **quiet)
    f_since.submit(grades_outputs, [f_area, f_grade, f_since, f_kind], [grades_table, grades_csv, grades_xlsx], **quiet)
    f_since.blur(grades_outputs, [f_area, f_grade, f_since, f_kind], [grades_table, grades_csv, grades_xlsx], **quiet)
    t_council.change(inspections_of, [t_council], [t_when], **quiet)
    t_when.change(tracker_outputs, [t_council, t_when], [tracker, tracker_csv, tracker_xlsx], **quiet)
    for view in (timeline, grades_table, tracker):
        view.select(opener, None, [document], **quiet)
    if live is not None:
        generation = gr.State(held["generation"])
        # The views were drawn when the page was built: a page opened after a re-index catches up
        # at its first poll.
        gr.Timer(every_s).tick(
            follow, [generation, council, f_area, f_grade, f_since, f_kind, t_council, t_when],
            [generation, empty_note, council, timeline, chart, f_kind, grades_table, grades_csv, grades_xlsx,
             t_council, t_when, tracker, tracker_csv, tracker_xlsx],
            show_progress="hidden", **quiet,
        )
