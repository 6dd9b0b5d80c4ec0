"""Inspection records extracted at index time, from real files (PDF, DOCX, HTML, Markdown) in a
real store with the real model: grades from a judgement table, a prose-only news page and
minutes; a conflict between two documents; an action plan whose areas are not numbered,
linked by meaning; the tracker and its flags; a re-index that changes one plan row."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from assistant.records import records_for
from assistant.tracker import Flag, build_tracker, tracker_csv
from indexer.pipeline import Indexer
from indexer.records.persist import load_records as load_stored_records
from indexer.records.persist import load_extracts
from indexer.settings import Settings
from indexer.vocabulary import Grade, JudgementArea
from tests.docs import make_docx, make_html, make_pdf

TODAY = date(2026, 1, 15)

PLAN = """# Bristol children's services: action plan after the 2023 inspection

Date of plan: 1 June 2023

## Actions

| Area for improvement | Action | Lead | Deadline | Status |
|---|---|---|---|---|
| Oversight by managers of children on the edge of care | Weekly edge-of-care panel chaired by a head of service | Head of Service, Edge of Care | December 2023 | Complete |
| Pathway planning for care leavers | Review every pathway plan with the young person | Head of Service, Leaving Care | March 2024 | In progress |
| Responding to domestic abuse | Specialist domestic abuse workers in each locality team | | | Not started |
"""


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    make_html(
        folder / "bristol-news.html",
        "<main><h1>Bristol children's services rated good by Ofsted</h1>"
        "<p>Published: 12 May 2023</p><p>Inspection dates: 13 to 24 March 2023</p>"
        "<p>Ofsted has judged Bristol's children's services good overall, with help and protection judged outstanding.</p>"
        "<p>At the last inspection in 2019, care leavers were judged inadequate.</p>"
        "<p>Social workers said the council's new practice model was making good progress.</p></main>",
        title="Bristol children's services rated good by Ofsted",
    )
    make_pdf(
        folder / "bristol-inspection-report.pdf",
        [
            [
                ("h", "Inspection of Bristol local authority children's services"),
                ("p", "Inspection dates: 13 to 24 March 2023"),
                ("p", "Published: 12 May 2023"),
                ("p", "Lead inspector: Jane Smith"),
                ("h", "Judgements"),
                ("table", [
                    ["Judgement", "Grade"],
                    ["The impact of leaders on social work practice with children and families", "Good"],
                    ["The experiences and progress of children who need help and protection", "Good"],
                    ["The experiences and progress of children in care", "Good"],
                    ["The experiences and progress of care leavers", "Requires improvement to be good"],
                    ["Overall effectiveness", "Good"],
                ]),
            ],
            [
                ("h", "What needs to improve"),
                ("p", "• The response to domestic abuse, so that risks to children are reduced quickly."),
                ("p", "• The quality and timeliness of pathway plans for care leavers."),
                ("p", "• Management oversight of work with children on the edge of care."),
                ("h", "Inspection history"),
                ("table", [["Year", "Overall effectiveness"], ["2019", "Inadequate"], ["2023", "Good"]]),
            ],
        ],
        title="Inspection of Bristol local authority children's services",
    )
    make_docx(
        folder / "bristol-scrutiny-minutes.docx",
        [
            ("h1", "Children and Families Scrutiny Commission - minutes"),
            ("p", "Date of meeting: 10 July 2023"),
            ("h2", "Item 5: Ofsted inspection outcome"),
            ("p", "The Commission heard that the experiences and progress of care leavers were judged to require improvement to be good."),
            ("p", "Members asked how quickly the council would improve its response to domestic abuse so that risks to children are reduced."),
            ("p", "RESOLVED - That the action plan be noted."),
        ],
    )
    (folder / "bristol-action-plan.md").write_text(PLAN, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("records")
    corpus = write_corpus(root / "corpus")
    settings = Settings(store=root / "store")
    indexer = Indexer(settings)
    indexer.embedder = embedder
    indexer.warm_up()
    summary = indexer.run([corpus])
    assert summary.ok, summary.failed
    return indexer, corpus, settings


def bristol(indexed):
    _, _, settings = indexed
    (record,) = records_for(settings.store, "Bristol", today=TODAY)
    return record


def sources_of(citations) -> set[str]:
    return {Path(c.source).name for c in citations}


def test_one_record_merges_the_four_documents_with_the_report_facts(indexed):
    record = bristol(indexed)
    assert sorted(Path(s).name for s in record.sources) == [
        "bristol-action-plan.md", "bristol-inspection-report.pdf", "bristol-news.html", "bristol-scrutiny-minutes.docx",
    ]
    assert (record.fieldwork_start.value, record.fieldwork_end.value, record.published.value) == ("2023-03-13", "2023-03-24", "2023-05-12")
    assert record.lead_inspector.value == "Jane Smith"
    assert record.type.value == "ILACS standard inspection"


def test_report_judgement_table_grades_cite_the_pdf_page_and_ignore_the_history_table(indexed):
    record = bristol(indexed)
    leaders = record.grades[JudgementArea.IMPACT_OF_LEADERS]
    assert leaders.grade is Grade.GOOD
    (cite,) = leaders.citations
    assert (Path(cite.source).name, cite.page) == ("bristol-inspection-report.pdf", 1)
    assert "The impact of leaders on social work practice with children and families" in cite.quote
    # The history table's 2019 "Inadequate" is another inspection's grade.
    assert all(g.grade is not Grade.INADEQUATE for g in record.grades.values())
    assert record.grades[JudgementArea.CHILDREN_IN_CARE].grade is Grade.GOOD


def test_prose_only_news_page_gives_a_grade_quoted_verbatim(indexed):
    record = bristol(indexed)
    overall = record.grades[JudgementArea.OVERALL_EFFECTIVENESS]
    assert overall.grade is Grade.GOOD
    news = [c for c in overall.citations if Path(c.source).name == "bristol-news.html"]
    assert [c.quote for c in news] == [
        "Bristol children's services rated good by Ofsted",  # the headline
        "Ofsted has judged Bristol's children's services good overall, with help and protection judged outstanding.",
    ]
    page = (indexed[1] / "bristol-news.html").read_text(encoding="utf-8")
    assert all(c.quote in page for c in news)


def test_minutes_that_state_a_grade_are_cited_beside_the_report(indexed):
    leavers = bristol(indexed).grades[JudgementArea.CARE_LEAVERS]
    assert leavers.grade is Grade.REQUIRES_IMPROVEMENT
    assert sources_of(leavers.citations) == {"bristol-inspection-report.pdf", "bristol-scrutiny-minutes.docx"}


def test_two_documents_disagreeing_on_a_grade_show_a_conflict_not_a_choice(indexed):
    record = bristol(indexed)
    assert JudgementArea.HELP_AND_PROTECTION not in record.grades
    (conflict,) = [c for c in record.conflicts if c.field == "grades.help and protection"]
    by_value = {v.value: sources_of(v.citations) for v in conflict.values}
    assert by_value == {"Good": {"bristol-inspection-report.pdf"}, "Outstanding": {"bristol-news.html"}}
    shown = record.to_json()
    assert "help and protection" not in shown["grades"]
    assert shown["conflicts"][0]["field"] == "grades.help and protection"


def test_areas_for_improvement_from_the_report_list(indexed):
    areas = bristol(indexed).areas_for_improvement
    assert [a.text for a in areas] == [
        "The response to domestic abuse, so that risks to children are reduced quickly",
        "The quality and timeliness of pathway plans for care leavers",
        "Management oversight of work with children on the edge of care",
    ]
    assert [(Path(a.citations[0].source).name, a.citations[0].page) for a in areas] == [("bristol-inspection-report.pdf", 2)] * 3


def test_unnumbered_plan_rows_are_linked_by_meaning_with_their_score(indexed):
    areas = bristol(indexed).areas_for_improvement
    linked = {a.text.split(",")[0]: [(l.row.area, l.by) for l in a.actions] for a in areas}
    assert linked == {
        "The response to domestic abuse": [("Responding to domestic abuse", "meaning")],
        "The quality and timeliness of pathway plans for care leavers": [("Pathway planning for care leavers", "meaning")],
        "Management oversight of work with children on the edge of care": [
            ("Oversight by managers of children on the edge of care", "meaning")
        ],
    }
    assert all(0.55 <= l.score <= 1.0 for a in areas for l in a.actions)


def test_tracker_follows_each_area_to_actions_meetings_and_flags(indexed):
    rows = {r.area.split(",")[0]: r for r in build_tracker(bristol(indexed))}
    abuse = rows["The response to domestic abuse"]
    assert set(abuse.flags) == {Flag.NO_LEAD, Flag.NO_DEADLINE}
    assert [(d["date"], d["committee"]) for d in abuse.discussions] == [("2023-07-10", "Children and Families Scrutiny Commission")]
    assert "domestic abuse" in abuse.discussions[0]["quote"]
    pathway = rows["The quality and timeliness of pathway plans for care leavers"]
    assert pathway.actions[0]["overdue"] is True  # March 2024 passed, "In progress"
    assert Flag.OVERDUE in pathway.flags and Flag.NOT_DISCUSSED in pathway.flags
    edge = rows["Management oversight of work with children on the edge of care"]
    assert edge.actions[0]["overdue"] is False  # complete
    assert Flag.OVERDUE not in edge.flags


def test_tracker_csv_has_a_line_per_area_and_action(indexed):
    text = tracker_csv(bristol(indexed))
    lines = text.strip().splitlines()
    assert lines[0].startswith("authority,inspection,number,area for improvement,action,lead")
    assert len(lines) == 1 + 3
    assert "Head of Service, Leaving Care" in text


def test_cli_inspections_prints_the_documented_json_shape(indexed):
    _, _, settings = indexed
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "inspections", "--store", str(settings.store), "--council", "Bristol", "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (record,) = json.loads(done.stdout)
    assert set(record) == {"authority", "type", "fieldwork", "published", "lead_inspector", "grades", "areas_for_improvement", "conflicts"}
    assert record["fieldwork"] == {"start": "2023-03-13", "end": "2023-03-24"}
    assert record["grades"]["overall effectiveness"]["grade"] == "Good"
    assert set(record["grades"]["overall effectiveness"]["citations"][0]) == {"source", "page", "quote"}
    area = record["areas_for_improvement"][0]
    assert set(area) == {"text", "citations", "actions", "discussions"}
    assert area["actions"][0]["link"]["by"] == "meaning"


def test_cli_tracker_names_what_is_there_when_the_inspection_is_not(indexed):
    _, _, settings = indexed
    base = [sys.executable, "-m", "assistant", "tracker", "--store", str(settings.store), "--council", "Bristol"]
    done = subprocess.run(base + ["--inspection", "1999"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert "no inspection of Bristol on '1999'" in done.stderr and "2023-03-24" in done.stderr
    done = subprocess.run(base + ["--inspection", "2023", "--csv"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("authority,inspection,")


def test_merged_records_lost_after_a_crash_are_rebuilt_without_reading_files(indexed):
    indexer, corpus, settings = indexed
    # A run killed after writing the records but before their key: the next run rebuilds them.
    indexer.store.delete_records(["inspections", "inspections-key"])
    assert load_stored_records(indexer.store) == ("", [])
    # Readers still have the last published copy (indexer.serving) meanwhile.
    assert len(records_for(settings.store, "Bristol")) == 1
    summary = indexer.run([corpus])
    assert summary.indexed == [] and len(summary.unchanged) == 4
    assert len(load_stored_records(indexer.store)[1]) == 1
    assert len(records_for(settings.store, "Bristol")) == 1


def test_reindex_of_one_changed_plan_row_changes_the_tracker_and_reads_nothing_else(indexed):
    indexer, corpus, settings = indexed
    before = {e.source: e for e in load_extracts(indexer.store)}
    plan = corpus / "bristol-action-plan.md"
    plan.write_text(PLAN.replace("| | | Not started |", "| Head of Service, Safeguarding | September 2026 | Not started |"), encoding="utf-8")
    summary = indexer.run([corpus])
    assert [Path(s).name for s, _ in summary.indexed] == ["bristol-action-plan.md"]
    assert sorted(Path(s).name for s in summary.unchanged) == [
        "bristol-inspection-report.pdf", "bristol-news.html", "bristol-scrutiny-minutes.docx",
    ]
    after = {e.source: e for e in load_extracts(indexer.store)}
    assert {s for s in after if after[s] != before[s]} == {next(s for s in after if s.endswith("bristol-action-plan.md"))}
    rows = {r.area.split(",")[0]: r for r in build_tracker(bristol(indexed))}
    abuse = rows["The response to domestic abuse"]
    assert abuse.actions[0]["lead"] == "Head of Service, Safeguarding"
    assert abuse.actions[0]["deadline"] == "September 2026"
    assert Flag.NO_LEAD not in abuse.flags and Flag.NO_DEADLINE not in abuse.flags


def test_a_sidecar_corrects_a_grade_and_a_bad_one_names_its_field(tmp_path, make_indexer):
    folder = tmp_path / "docs"
    folder.mkdir()
    report = make_pdf(
        folder / "leeds-inspection-report.pdf",
        [[("h", "Inspection of Leeds local authority children's services"), ("p", "Inspection dates: 6 to 17 March 2023"),
          ("table", [["Judgement", "Grade"], ["Overall effectiveness", "Good"]])]],
        title="Inspection of Leeds local authority children's services",
    )
    sidecar = folder / "leeds-inspection-report.pdf.meta.yaml"
    sidecar.write_text("grades:\n  Overall effectiveness: Requires improvement to be good\n", encoding="utf-8")
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    (record,) = records_for(indexer.settings.store, "Leeds")
    overall = record.grades[JudgementArea.OVERALL_EFFECTIVENESS]
    assert overall.grade is Grade.REQUIRES_IMPROVEMENT
    assert [(Path(c.source).name, c.quote) for c in overall.citations] == [
        ("leeds-inspection-report.pdf.meta.yaml", "Overall effectiveness: Requires improvement to be good")
    ]
    sidecar.write_text("grades:\n  Overall effectiveness: Excellent\n", encoding="utf-8")
    summary = indexer.run([folder])
    assert [(Path(s).name, why) for s, why in summary.failed] == [(
        report.name,
        "leeds-inspection-report.pdf.meta.yaml: field 'grades.Overall effectiveness': 'Excellent' is not a grade "
        "(Outstanding, Good, Requires improvement to be good, Inadequate)",
    )]
    # Nothing already indexed is lost: the corrected record stands.
    assert records_for(indexer.settings.store, "Leeds")[0].grades[JudgementArea.OVERALL_EFFECTIVENESS].grade is Grade.REQUIRES_IMPROVEMENT
