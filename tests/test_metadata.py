"""Kind, council, date and judgements: detected from real files, overridden by a sidecar or
front matter, and stored on every passage so retrieval can filter on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer import councils
from indexer.loaders import LoadError, load
from indexer.metadata import detect_date, detect_grades, detect_kind, parse_date
from indexer.pipeline import source_name
from indexer.types import Block, DocKind
from tests.docs import make_docx, make_html, make_pdf

REPORT_OPENING = [
    ("h", "Inspection of Stockton-on-Tees local authority children’s services"),
    ("p", "Inspection dates: 6 March to 17 March 2023"),
    ("p", "Lead inspector: Not stated"),
]


def blocks(*texts: str) -> list[Block]:
    return [Block(text=t) for t in texts]


# --- councils ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Children’s services delivered by Manchester City Council have been rated Good", ["Manchester"]),
        ("a report from Stockton-on-Tees Borough Council", ["Stockton-on-Tees"]),
        ("Hull and Stockton both improved", ["Kingston upon Hull", "Stockton-on-Tees"]),
        ("North East Lincolnshire Council and Lincolnshire County Council", ["North East Lincolnshire", "Lincolnshire"]),
        ("Brighton & Hove City Council", ["Brighton and Hove"]),
        ("Reading the report, members asked about Bury.", []),
        ("Reading Borough Council and Bury Council", ["Reading", "Bury"]),
        ("Full Council noted the Council’s action plan.", []),
        ("Derbyshire County Council", ["Derbyshire"]),
    ],
)
def test_councils_are_found_by_name_and_alias_but_not_in_ordinary_words(text, expected):
    assert councils.find(text) == expected


def test_a_councils_name_as_typed_maps_to_its_canonical_name():
    assert councils.canonical("stockton") == "Stockton-on-Tees"
    assert councils.canonical("Telford & Wrekin") == "Telford and Wrekin"
    assert councils.canonical("Atlantis") is None


def test_the_council_a_document_is_about_outweighs_one_it_mentions_in_passing(tmp_path):
    path = tmp_path / "scrutiny-minutes.md"
    path.write_text(
        "# Children and Young People Scrutiny Committee\n\n"
        "Members discussed the Ofsted inspection of Trafford Council's children's services.\n\n"
        "A member compared the result with Salford, which was inspected in the same month.\n\n"
        "Trafford officers set out the action plan.\n",
        encoding="utf-8",
    )
    assert load(path, "scrutiny-minutes.md").authority == "Trafford"


# --- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, iso",
    [
        ("20 May 2022", "2022-05-20"),
        ("20th May 2022", "2022-05-20"),
        ("May 20, 2022", "2022-05-20"),
        ("2022-05-20", "2022-05-20"),
        ("20/05/2022", "2022-05-20"),  # day first, as the UK writes it
        ("Sept 2021", "2021-09"),
        ("2019", "2019"),
        ("31 February 2022", ""),  # not a day of the calendar
        ("soon", ""),
    ],
)
def test_dates_are_read_as_people_write_them(written, iso):
    assert parse_date(written) == iso


def test_a_labelled_publication_date_outranks_the_inspection_dates():
    found = detect_date("Inspection report", "report.pdf", blocks("Inspection dates: 4 to 15 July 2022", "Published: 30 August 2022"))
    assert found == "2022-08-30"


def test_a_range_of_inspection_dates_gives_its_last_day():
    assert detect_date("Inspection report", "report.pdf", blocks("Inspection dates: 27 June 2022 to 8 July 2022")) == "2022-07-08"


def test_an_earlier_inspection_recalled_in_the_text_does_not_date_the_document():
    found = detect_date(
        "Action plan 2023", "action-plan-2023.docx", blocks("This follows the focused visit of November 2021 and the SEND inspection.")
    )
    assert found == "2023"



# Each class below is a kind of document whose own date the old first-date-wins rules got wrong,
# written several ways. The date is chosen by indexer.metadata's fitted candidate scores, so
# these check that the mechanism generalises beyond the documents its weights were fitted on.

MINUTES_DATED_BY_THEIR_OWN_MEETING = [
    (("Scrutiny Committee - minutes", "scrutiny-minutes.docx", [
        "MINUTES OF THE CHILDREN'S SCRUTINY COMMITTEE MEETING - WEDNESDAY, 9 MARCH 2022",
        "Present: Councillors Ash, Birch and Cedar.",
        "1 MINUTES OF THE LAST MEETING HELD ON 12 JANUARY 2022",
        "Resolved: That the minutes of the meeting held on 12 January 2022 be signed as a correct record.",
        "The report said Ofsted had visited in December 2021.",
    ]), "2022-03-09"),
    (("Corporate Parenting Panel - minutes", "panel-minutes.pdf", [
        "Minutes of the Meeting held on Monday, 4th July, 2016 at 10.00 am in Committee Room 2",
        "Apologies were received from County Councillor Elm.",
        "2. Minutes of the Meeting Held on 25 April 2016",
        "Resolved: That the minutes of the meeting held on 25 April 2016 be confirmed.",
        "The inspection took place from 1 to 12 February 2016.",
    ]), "2016-07-04"),
    (("Cabinet - record of decisions", "cabinet-minutes.pdf", [
        "Cabinet",
        "Date: 21 June 2023",
        "Present: the Leader and Cabinet members.",
        "The minutes of the meeting held on 17 May 2023 were agreed as a true record.",
        "The report to Cabinet, dated 9 June 2023, set out the improvement plan.",
        "The next meeting will be held on 19 July 2023.",
    ]), "2023-06-21"),
    (("Meeting of Children and Young People Committee", "moderngov-item.html", [
        "Meeting of Children and Young People Committee, Thursday, 3rd October, 2019 7.00 pm",
        "Venue: Council Chamber",
        "The minutes of the meeting held on 11 July 2019 were approved as a correct record.",
        "Members noted the inspection of 15 to 26 July 2019.",
    ]), "2019-10-03"),
]

MONTH_ONLY_DOCUMENTS_STAY_MONTH_LEVEL = [
    (("Member briefing", "member-briefing.txt", [
        "Children's social care: what the review found",
        "September 2020",
        "Ofsted judged the service inadequate in March 2019, after an inspection in January 2019.",
    ]), "2020-09"),
    (("Ofsted result for our children's services", "press-release.md", [
        "Published: December 2024",
        "Inspectors visited from 4 to 15 November 2024.",
    ]), "2024-12"),
    (("Council news", "news.md", [
        "Borough Council news, March 2018",
        "Ofsted inspected the service between 22 January and 2 February 2018.",
    ]), "2018-03"),
]

LETTERS_AND_NEWS_DATED_BY_THEIR_OWN_DATELINE = [
    # A visit letter is dated by the letter, not the visit's days.
    (("Monitoring visit (letter)", "visit-letter.pdf", [
        "Ofsted",
        "Piccadilly Gate, Store Street, Manchester",
        "June 2021",
        "Dear Director",
        "This letter summarises the findings of the monitoring visit on 11 and 12 May 2021.",
        "The local authority was judged inadequate at its inspection in October 2019.",
    ]), "2021-06"),
    # A news page by its dateline, not the top bar's today or the related stories' dates.
    (("Inspectors praise children's services - Evening Gazette", "news-page.html", [
        "Friday 14 March 2014 | Log in | Subscribe",
        "Inspectors praise children's services",
        "Date published: 11 March 2014",
        "Ofsted said the council's services for children were good.",
        "Related stories",
        "Council tax to rise - 13 March 2014",
    ]), "2014-03-11"),
    (("Children's services improve - Weekly Courier", "news-page.html", [
        "Children's services improve",
        "Posted by Jo Reporter | 2 November 2020 | News",
        "The focused visit took place on 6 and 7 October 2020.",
        "Most read",
        "Road closures this weekend 5 November 2020",
    ]), "2020-11-02"),
]

DOCUMENTS_DATED_BY_THEMSELVES_NOT_THE_INSPECTION_THEY_DESCRIBE = [
    # A briefing looking back over a span, prepared on its own date.
    (("Member briefing: inspection history 2012 to 2021", "member-briefing.md", [
        "Member briefing: inspection history 2012 to 2021",
        "Prepared for members of the Scrutiny Board, October 2021.",
        "Year: 2012 — Inspection: safeguarding inspection, March 2012 — Outcome: adequate",
        "Year: 2017 — Inspection: SIF, published August 2017 — Outcome: requires improvement",
    ]), "2021-10"),
    # An action plan by its own date, not the inspection's last day.
    (("Ofsted action plan 2024", "action-plan.docx", [
        "Children's Services: Ofsted Action Plan 2024",
        "Ofsted inspected the council's children's services from 27 November to 8 December 2023.",
        "Ref: 1.1 — Action: agree a new audit programme",
    ]), "2024"),
    (("Improvement plan (draft for Cabinet)", "improvement-plan.docx", [
        "Children's Services Improvement Plan",
        "Draft for Cabinet, February 2022. Response to the inspection of 8 to 19 November 2021.",
        "Theme 1: Leadership",
    ]), "2022-02"),
]

# A decision notice is dated by its decision, not by the dates it says are still to come.
DECISION_NOTICES_DATED_BY_THE_DECISION_NOT_WHAT_FOLLOWS = [
    (("Decision details", "decision-notice.html", [
        "Ofsted focused visit feedback",
        "Decision Maker: Cabinet Member for Children",
        "To note the letter Ofsted sent after its focused visit on 3 and 4 May 2023.",
        "Decision published: 14/06/2023",
        "Call-in deadline date: 21/06/2023",
        "Date comes into force if not called in: 22/06/2023",
    ]), "2023-06-14"),
    (("Decision details", "record-of-decision.html", [
        "Children's services improvement plan",
        "Date of decision: 02/02/2021",
        "Effective from: 10/02/2021",
    ]), "2021-02-02"),
]


# A plan is dated by the position it reports ("Status report:", "Plan position:", "Update:"), not by
# the report it answers nor by its actions' deadlines ("Target date:", "Due:", "Timescale:"), which
# run past it; and a target the document looks forward to ("by the end of March 2026") is never its date.
PLANS_DATED_BY_THEIR_OWN_POSITION = [
    (("Improvement plan", "doc.docx", [
        "Children's services improvement plan",
        "Answering the Ofsted inspection of June 2021 (report published 30 July 2021).",
        "Status report: October 2021. Reporting to: the improvement board.",
        "Action: audit every open case — Lead: Head of Service — Target date: December 2021 — RAG: Amber",
        "Action: refresh the front door — Lead: Service Manager — Target date: March 2022 — RAG: Red",
    ]), "2021-10"),
    (("Action plan", "doc.md", [
        "Post-inspection action plan",
        "In response to the inspection of May 2018 (report published 2 July 2018).",
        "Plan position: November 2018. Owner: Director of Children's Services.",
        "Priority 1 — Owner: Head of Quality — Due: April 2019 — Progress: on track",
        "Priority 2 — Owner: Principal Social Worker — Due: June 2019 — Progress: started",
    ]), "2018-11"),
    (("Children's services plan", "doc.pdf", [
        "Our plan for children's social care",
        "Written after the Ofsted report of February 2020. Update: September 2020.",
        "Area 1 — Lead: Head of Fostering — Timescale: January 2021 — Status: Amber",
        "The new assessment team is to be launched in February 2021.",
        "Leaders expect the service to be judged good by the end of March 2022.",
    ]), "2020-09"),
]


DOCUMENTS_NOT_DATED_BY_WHAT_THEY_EXPECT = [
    (("Officer decision", "doc.md", [
        "Delegated decision: fund a permanent team of social workers",
        "Date of publication: June 2024",
        "The council was judged inadequate in March 2023. It expects its next full inspection by May 2025.",
    ]), "2024-06"),
    (("Briefing", "doc.txt", [
        "Briefing for members, October 2022",
        "Ofsted visited in August 2022. Leaders said they expected a further monitoring visit in February 2023.",
    ]), "2022-10"),
]


# A plan is dated by when it was last updated, not by the review it says is next.
PLANS_DATED_BY_THEIR_UPDATE_NOT_THEIR_NEXT_REVIEW = [
    (("Plan", "doc.docx", [
        "Care leavers plan – update",
        "Updated: 11/05/2019",
        "Next review: Leadership Team, August 2019.",
    ]), "2019-05-11"),
]

# Minutes dated by their meeting, not by a deadline the meeting was told of ("must send an action
# plan to the Secretary of State by 9 March 2018"), though that is the latest date in them.
MINUTES_NOT_DATED_BY_A_DEADLINE = [
    (("Scrutiny minutes", "doc.pdf", [
        "Corporate Parenting Panel",
        "Tuesday 16 January 2018 at 5.30 p.m.",
        "Present: Councillors Ash, Birch and Cedar.",
        "The panel heard that the council must send a written statement of action to Ofsted by 9 March 2018.",
    ]), "2018-01-16"),
]

# A page first published on one date and updated on another, on one line: the first publication.
NEWS_DATED_BY_FIRST_PUBLICATION_NOT_UPDATE = [
    (("Council news", "doc.html", [
        "Children's services rated good",
        "Friday, 4th October 2024, 9:05 am · Updated Tuesday, 8th October 2024, 3:40 pm",
        "Ofsted inspectors visited in August 2024.",
    ]), "2024-10-04"),
    (("News", "doc.html", [
        "Fostering drive praised",
        "Published 2 March 2021 | Last updated 15 March 2021",
    ]), "2021-03-02"),
]


@pytest.mark.parametrize(
    "document, expected",
    DECISION_NOTICES_DATED_BY_THE_DECISION_NOT_WHAT_FOLLOWS + MINUTES_DATED_BY_THEIR_OWN_MEETING + MONTH_ONLY_DOCUMENTS_STAY_MONTH_LEVEL
    + LETTERS_AND_NEWS_DATED_BY_THEIR_OWN_DATELINE + DOCUMENTS_DATED_BY_THEMSELVES_NOT_THE_INSPECTION_THEY_DESCRIBE
    + PLANS_DATED_BY_THEIR_OWN_POSITION + DOCUMENTS_NOT_DATED_BY_WHAT_THEY_EXPECT + PLANS_DATED_BY_THEIR_UPDATE_NOT_THEIR_NEXT_REVIEW
    + MINUTES_NOT_DATED_BY_A_DEADLINE + NEWS_DATED_BY_FIRST_PUBLICATION_NOT_UPDATE,
)
def test_a_document_is_dated_by_its_own_date_at_the_precision_it_gives(document, expected):
    title, filename, texts = document
    kind = detect_kind(title, filename, blocks(*texts))
    assert detect_date(title, filename, blocks(*texts), kind) == expected


@pytest.mark.parametrize("version_line, progress, expected", [
    ("Version 2.1 – October 2024. Owner: Head of Fostering.", "Campaign launched November 2024", "2024-10"),
    ("Version 3, March 2021. Lead: Assistant Director.", "New template in use from April 2021", "2021-03"),
    ("v1.4 - June 2022", "Audits started July 2022; first findings due in September", "2022-06"),
])
def test_a_plan_is_dated_by_its_version_line_not_its_rows_progress_updates(tmp_path, version_line, progress, expected):
    # A version number before a dash is no span's start, and a row's progress update is an action's.
    title = f"Fostering improvement plan (focused visit, January {expected[:4]})"
    path = make_docx(tmp_path / "doc.docx", [("h1", title), ("p", version_line)],
                     table=[["Action", "Timescale", "RAG", "Progress update"],
                            ["Refresh the sufficiency strategy", "Q3", "Green", "Draft written"],
                            ["Train every supervising social worker", "Q3", "Amber", "Two cohorts trained"],
                            ["Recruit more carers", "Q4", "Amber", progress]])
    assert load(path, path.name).date == expected


def test_minutes_as_a_real_docx_are_dated_by_the_meeting_not_the_minutes_they_confirm(tmp_path):
    path = make_docx(tmp_path / "audit-committee-minutes.docx", [
        ("p", "MINUTES OF AUDIT COMMITTEE MEETING - THURSDAY, 24 NOVEMBER 2022"),
        ("p", "Present: Councillors Oak and Pine."),
        ("p", "2 MINUTES OF THE LAST MEETING HELD ON 29 SEPTEMBER 2022"),
        ("p", "Resolved: That the minutes of the meeting held on 29 September 2022 be signed as a correct record."),
        ("p", "The date of the next meeting was noted as Thursday 26 January 2023 at 6.00 pm."),
    ])
    assert load(path, path.name).date == "2022-11-24"


def test_a_real_news_page_is_dated_by_its_dateline_not_its_top_bar(tmp_path):
    path = make_html(tmp_path / "news-page.html", (
        "<p>Tuesday 9 June 2015 | Log in | Read the e-paper</p><h1>Council vows to improve after Ofsted report</h1>"
        "<p>Date published: 05 June 2015</p><p>Ofsted found that children's services require improvement.</p>"
    ), title="Council vows to improve after Ofsted report - Evening News")
    assert load(path, path.name).date == "2015-06-05"


def test_a_real_visit_letter_pdf_keeps_the_month_it_is_dated(tmp_path):
    path = make_pdf(tmp_path / "focused-visit-letter.pdf", [[
        ("p", "Ofsted"), ("p", "Agora, 6 Cumberland Place, Nottingham"), ("p", "March 2023"), ("p", "Dear Director"),
        ("p", "This letter summarises the findings of the focused visit on 7 and 8 February 2023."),
    ]])
    assert load(path, path.name).date == "2023-03"

# --- judgements ----------------------------------------------------------------------


def test_grades_come_from_the_judgement_table_not_from_history_or_prose(tmp_path):
    path = make_docx(
        tmp_path / "inspection-report.docx",
        [("h1", "Inspection of Stockton-on-Tees local authority children’s services"),
         ("p", "In 2019 the overall effectiveness of services was judged inadequate.")],
        table=[
            ["Judgement", "Grade"],
            ["The impact of leaders on social work practice with children and families", "Good"],
            ["The experiences and progress of children who need help and protection", "Requires improvement to be good"],
            ["The experiences and progress of children in care", "Good"],
            ["The experiences and progress of care leavers", "Requires improvement to be good"],
            ["Overall effectiveness", "Requires improvement to be good"],
        ],
    )
    doc = load(path, "inspection-report.docx")
    assert doc.kind is DocKind.INSPECTION_REPORT
    assert dict(doc.grades) == {
        "Impact of leaders": "Good",
        "Help and protection": "Requires improvement to be good",
        "Children in care": "Good",
        "Care leavers": "Requires improvement to be good",
        "Overall effectiveness": "Requires improvement to be good",
    }


def test_a_history_table_with_years_gives_no_grades():
    rows = [Block(text="Year: 2017 — Overall effectiveness: Requires improvement", is_table_row=True)]
    assert detect_grades(rows) == ()


def test_the_sample_reports_judgements_table_is_read():
    doc = load(Path("corpus/manchester-ilacs-inspection-summary-2022.pdf"), "r.pdf")
    assert dict(doc.grades)["Overall effectiveness"] == "Good"
    assert dict(doc.grades)["Help and protection"] == "Requires improvement to be good"
    assert doc.authority == "Manchester"
    assert doc.date.startswith("2022")


# --- overrides -------------------------------------------------------------------------


def test_a_sidecar_overrides_what_was_detected(tmp_path):
    path = make_pdf(tmp_path / "scan-0042.pdf", [[("h", "Notes"), ("p", "Manchester City Council discussed the results in 2022.")]])
    (tmp_path / "scan-0042.pdf.meta.yaml").write_text(
        "kind: inspection report\nauthority: stockton\ndate: 10 March 2023\ngrades:\n  Overall effectiveness: Good\n",
        encoding="utf-8",
    )
    doc = load(path, "scan-0042.pdf")
    assert (doc.kind, doc.authority, doc.date, doc.grades) == (
        DocKind.INSPECTION_REPORT, "Stockton-on-Tees", "2023-03-10", (("Overall effectiveness", "Good"),)
    )


def test_front_matter_sets_metadata_and_is_not_indexed_as_text(tmp_path):
    path = tmp_path / "briefing.md"
    path.write_text(
        "---\nkind: minutes\nauthority: Salford\ndate: 2021-07\n---\n# Briefing\n\nMembers asked about the front door.\n",
        encoding="utf-8",
    )
    doc = load(path, "briefing.md")
    assert (doc.kind, doc.authority, doc.date) == (DocKind.MINUTES, "Salford", "2021-07")
    assert all("authority" not in b.text and "---" not in b.text for b in doc.blocks)
    assert [b.text for b in doc.blocks] == ["Members asked about the front door."]


@pytest.mark.parametrize(
    "sidecar, named",
    [
        ("kind: newsletter\n", "field 'kind'"),
        ("date: next Tuesday\n", "field 'date'"),
        ("council: Salford\n", "field 'council'"),
        ("kind: [unclosed\n", "cannot be read"),
    ],
)
def test_a_malformed_sidecar_fails_the_file_naming_the_sidecar_and_the_field(tmp_path, sidecar, named):
    path = make_html(tmp_path / "minutes.html", "<main><h1>Minutes</h1><p>Members noted the report.</p></main>")
    (tmp_path / "minutes.html.meta.yaml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load(path, "minutes.html")
    assert "minutes.html.meta.yaml" in str(raised.value) and named in str(raised.value)


# --- stored with every passage ------------------------------------------------------------


def test_every_passage_carries_the_documents_metadata_and_chroma_can_filter_on_it(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    make_pdf(folder / "stockton-ilacs-2023.pdf", [REPORT_OPENING, [("h", "Care leavers"), ("p", "Personal advisers know their young people well.")]])
    (folder / "salford-minutes.md").write_text(
        "# Salford City Council scrutiny committee\n\nDate of meeting: 14 July 2021\n\nMembers asked about care leavers.\n",
        encoding="utf-8",
    )
    indexer = make_indexer()
    summary = indexer.run([folder])
    assert summary.ok and len(summary.indexed) == 2

    by_source = {}
    for p in indexer.store.passages():
        by_source.setdefault(p.source, set()).add((p.authority, p.date, p.kind))
    report, minutes = source_name(folder / "stockton-ilacs-2023.pdf"), source_name(folder / "salford-minutes.md")
    assert by_source[report] == {("Stockton-on-Tees", "2023-03-17", DocKind.INSPECTION_REPORT)}
    assert by_source[minutes] == {("Salford", "2021-07-14", DocKind.MINUTES)}

    got = indexer.store._passages.get(where={"$and": [{"authority": "Salford"}, {"year": 2021}]}, include=["metadatas"])
    assert got["ids"] and {m["source"] for m in got["metadatas"]} == {minutes}

    record = indexer.store.files()[report]
    assert (record.kind, record.authority, record.date) == ("inspection report", "Stockton-on-Tees", "2023-03-17")


def test_changing_only_the_sidecar_updates_the_stored_metadata_without_re_embedding(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.md").write_text("# Notes\n\nManchester officers met to discuss the findings.\n", encoding="utf-8")
    indexer = make_indexer()
    indexer.run([folder])
    (folder / "notes.md.meta.json").write_text(json.dumps({"authority": "Trafford"}), encoding="utf-8")

    summary = indexer.run([folder])

    assert [s for s, _ in summary.indexed] == [source_name(folder / "notes.md")]
    assert summary.passages_embedded == 0
    assert {p.authority for p in indexer.store.passages()} == {"Trafford"}
    assert summary.skipped == []  # the sidecar itself is not a document


def test_the_fitted_date_weights_name_only_features_the_candidates_have():
    # A feature renamed or dropped in date_features leaves a stale weight that silently scores nothing.
    from indexer.metadata import DATE_WEIGHTS, date_candidates, date_features

    texts = blocks("Minutes of the meeting held on Tuesday 13 March 2018 at 2.00 pm", "Published: July 2019")
    found = date_candidates("Minutes 2018", "minutes-2018.pdf", texts)
    names = set(date_features(found[0], found, DocKind.MINUTES, {"2018"}))
    assert DATE_WEIGHTS and set(DATE_WEIGHTS) <= names


# --- kind and council from the content, under neutral file names ----------------------
#
# On a shared drive files are called "agenda item 5.pdf" or "report.docx": every document below
# has a neutral name (doc-NN), so kind and council must come from what it says.

def _load_md(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(path, name)


COUNCIL_NAMED_AS_THE_BODY_THAT_SPEAKS = [
    ("# Inspection of Calderdale local authority children’s services\n\nInspection dates: 6 to 10 March 2023\n\n"
     "Children in Leeds and Kirklees are not part of this report.\n", "Calderdale"),
    ("# London Borough of Hackney\n\n## Children and Families Scrutiny Commission\n\nPresent: Councillors A, B and C.\n\n"
     "Members compared the service with Islington and Camden, like Islington's new front door.\n", "Hackney"),
    ("# Council of the Isles of Scilly\n\nFocused visit to the Council of the Isles of Scilly children’s services.\n\n"
     "The visit took place in May 2022.\n", "Isles of Scilly"),
    ("# Bath & North East Somerset Council\n\nOur response to the Ofsted inspection\n\n"
     "Leaders said the service, like Bristol's and neighbouring North Somerset's, had a stable workforce.\n",
     "Bath and North East Somerset"),
    ("# Minutes\n\nOFSTED REPORT OF INSPECTION OF SHEFFIELD CITY COUNCIL CHILDREN'S SERVICES\n\n"
     "The committee received the report.\n", "Sheffield"),
]


@pytest.mark.parametrize("text, council", COUNCIL_NAMED_AS_THE_BODY_THAT_SPEAKS)
def test_the_council_named_in_the_title_heading_or_letterhead_is_the_documents(tmp_path, text, council):
    assert _load_md(tmp_path, "doc-01.md", text).authority == council


COUNCIL_BODY_WITH_COMPARISONS = [
    # The council the minute is about, named twice; neighbours named more often, each as a comparison.
    ("# Scrutiny committee\n\nSalford's Ofsted result was discussed. Salford was judged good.\n\n"
     "Unlike Trafford, the service kept its grade. Compared with Trafford and neighbouring Trafford, caseloads were lower. "
     "Wigan was also rated good; like Wigan, recruitment was hard. Than Wigan, fewer agency staff.\n", "Salford"),
    ("# Corporate parenting board\n\nThe board noted that Derbyshire County Council's children's services were rated good. "
     "Derbyshire had improved.\n\nNottinghamshire was also rated good, as did Leicestershire. Similar to Nottinghamshire, "
     "like Leicestershire.\n", "Derbyshire"),
    ("# Briefing\n\nWalsall Council: outcome of the focused visit.\n\nStatistical neighbours such as Dudley, Sandwell and "
     "Wolverhampton were compared. Dudley was also visited. Than Sandwell.\n", "Walsall"),
]


@pytest.mark.parametrize("text, council", COUNCIL_BODY_WITH_COMPARISONS)
def test_councils_named_only_as_comparisons_do_not_take_the_document(tmp_path, text, council):
    assert _load_md(tmp_path, "doc-02.md", text).authority == council


COUNCIL_WITH_A_PARTNER_COUNCIL = [
    # The council the page is about, named once; the partner that runs or supports its service named more often.
    ("# Island's children's services improve\n\nThe Isle of Wight Council's services were judged good.\n\n"
     "Inspectors praised the strategic partnership with Hampshire County Council. The partnership with Hampshire "
     "ends next year.\n", "Isle of Wight"),
    ("# Briefing for members\n\nSlough Borough Council, March 2021.\n\nThe service is supported by Windsor and "
     "Maidenhead as its improvement adviser. In partnership with Windsor and Maidenhead, a new front door opened.\n",
     "Slough"),
    ("# Update\n\nSandwell Council's children's trust was visited by Ofsted.\n\nWorking with Birmingham, the trust "
     "shares an out-of-hours team; help from Birmingham City Council covered the rota.\n", "Sandwell"),
]


@pytest.mark.parametrize("text, council", COUNCIL_WITH_A_PARTNER_COUNCIL)
def test_a_council_named_as_a_partner_does_not_take_the_document(tmp_path, text, council):
    assert _load_md(tmp_path, "doc-02.md", text).authority == council


# A meeting held in a council's own building named after a part of the council's name ("Barking
# Town Hall", "Maidenhead Town Hall") is that council's, though the minutes name another council
# more: one the council once shared a service with, or left an arrangement with, named as history.
COUNCIL_BY_ITS_VENUE_AND_ANOTHER_AS_HISTORY = [
    ("# Children's Services Select Committee\n\nMinutes of the meeting held at Barking Town Hall, 1 Town Square, "
     "Barking IG11 7LU\n\nPresent: Councillors Larch and Rowan.\n\nThe committee heard that the adoption service had "
     "been run under a shared arrangement with Havering until 2021, when the council left the shared service with "
     "Havering and Redbridge.\n", "Barking and Dagenham"),
    ("# Corporate Parenting Board\n\nHeld at Maidenhead Town Hall, St Ives Road.\n\nPresent: Councillors Elm and Hazel.\n\n"
     "Members recalled that fostering was previously shared with Wokingham, and that the board split from "
     "Bracknell Forest's panel in 2019.\n", "Windsor and Maidenhead"),
]


@pytest.mark.parametrize("text, council", COUNCIL_BY_ITS_VENUE_AND_ANOTHER_AS_HISTORY)
def test_a_council_is_found_by_its_own_venue_over_councils_named_as_history(tmp_path, text, council):
    assert _load_md(tmp_path, "doc-09.md", text).authority == council


@pytest.mark.parametrize("name, council", [
    ("barking-dagenham-2022-select-committee.md", "Barking and Dagenham"),
    ("telford_wrekin_scrutiny_minutes.md", "Telford and Wrekin"),
])
def test_a_file_names_slug_without_the_and_still_names_the_council(tmp_path, name, council):
    text = "# Scrutiny committee\n\nPresent: Councillors Ash and Oak.\n\nResolved: That the Ofsted letter be noted.\n"
    assert _load_md(tmp_path, name, text).authority == council


def test_councils_named_with_the_shared_part_left_off_are_each_found():
    # "North and South Tyneside" names North Tyneside too; the name in full keeps its own reading.
    assert councils.find("Leaders of North and South Tyneside met.") == ["North Tyneside", "South Tyneside"]
    assert councils.find("East and West Sussex share a panel.") == ["East Sussex", "West Sussex"]
    assert councils.find("North Yorkshire and West Sussex") == ["North Yorkshire", "West Sussex"]


def test_a_page_about_two_councils_named_elided_goes_to_the_one_named_first_and_in_its_file_name(tmp_path):
    text = ("# Councils meet over fostering report\n\nLeaders of East and West Sussex councils met the trust.\n\n"
            "The leader of East Sussex County Council and the leader of West Sussex County Council both spoke.\n")
    assert _load_md(tmp_path, "east-sussex-2024-news.md", text).authority == "East Sussex"


def test_a_news_pages_council_is_its_headlines_not_its_related_stories(tmp_path):
    path = make_html(
        tmp_path / "doc-03.html",
        "<h1>Blackpool children's services rated inadequate again</h1><p>17 January 2019</p>"
        "<p>Blackpool Council said it accepted the findings, the council leader said.</p>"
        "<h2>Related stories</h2><ul><li>Lancashire foster carers wanted</li><li>Lancashire schools</li>"
        "<li>Lancashire County Council budget</li><li>Preston and Lancashire news</li></ul>",
        title="Blackpool children's services rated inadequate again",
    )
    assert load(path, path.name).authority == "Blackpool"


def test_a_pdf_letterhead_names_the_council_when_the_text_does_not(tmp_path):
    path = make_pdf(tmp_path / "doc-04.pdf", [[("h", "Lancashire County Council Children's Services Scrutiny Committee"),
                                                ("p", "Present: County Councillors Fellside (Chair), Bowland and Calder."),
                                                ("p", "Resolved: That the report be noted.")]])
    assert load(path, path.name).authority == "Lancashire"


def test_with_no_council_in_the_content_the_file_name_still_counts(tmp_path):
    doc = _load_md(tmp_path, "rochdale-minutes.md", "# Minutes\n\nPresent: Councillors A and B.\n\nResolved: noted.\n")
    assert doc.authority == "Rochdale"


NEWS_AND_PRESS_RELEASES = [
    "# Children's services rated good after inspection\n\n14 June 2017\n\nAn Ofsted report published today says the "
    "council's services for children are good. Cllr Jane Smith, Cabinet Member for Children, said she was delighted.\n",
    "# Press release: Ofsted inspection of children's services\n\nFor immediate release\n\nThe council said the "
    "inspection recognised its progress.\n\nMedia enquiries: press office, 01234 567890\n",
    "# Lambeth children's services inspection finds council on path to improvement\n\nWritten by: Lambeth Council | "
    "News and announcements\n\nOfsted has published its report on Lambeth's children's services after an inspection. "
    "The Leader of the Council said the report highlighted the skill of staff.\n",
    "# Inspection finds improvement in children's social care\n\nPosted on 3 May 2023\n\nThe council leader told "
    "reporters the inspection was a milestone. The mayor added that more work was needed.\n",
]


@pytest.mark.parametrize("text", NEWS_AND_PRESS_RELEASES)
def test_a_news_page_or_press_release_is_other_even_when_its_headline_says_inspection(tmp_path, text):
    assert _load_md(tmp_path, "doc-05.md", text).kind is DocKind.OTHER


VISIT_LETTERS_AND_JOINT_INSPECTIONS = [
    "# Letter\n\nDear Ms Smith\n\nMonitoring visit to Slough children’s services\n\nThis letter summarises the findings "
    "of the monitoring visit. Inspectors looked at the help children receive.\n\nYours sincerely\n\nHis Majesty’s Inspector\n",
    "# Joint targeted area inspection of the multi-agency response to children in Wigan\n\nOfsted and the Care Quality "
    "Commission carried out this inspection. Inspectors found that leaders know their partnership well.\n",
    "# Area SEND inspection of Kent Local Area Partnership\n\nInspection dates: 4 to 8 March 2024\n\nWhat needs to "
    "improve: leaders have not ensured that plans are timely.\n",
    "# Focused visit\n\nFocused visit to Luton local authority children’s services\n\nInspectors evaluated the "
    "arrangements for children in need. Senior leaders understand the service.\n",
    # A SEND revisit's outcome letter: the local area revisited, progress judged per weakness.
    "# Outcome of the SEND revisit\n\nOfsted and the CQC revisited the Rutland local area in May 2022 to decide whether "
    "it had made enough progress on its weaknesses.\n\nThe area has made sufficient progress in three of the four areas.\n",
    "# Letter\n\nDear Director\n\nJoint area SEND revisit in Halton\n\nInspectors met parents and spoke with young "
    "people. The area has not made sufficient progress in one area.\n\nYours sincerely\n",
]


@pytest.mark.parametrize("text", VISIT_LETTERS_AND_JOINT_INSPECTIONS)
def test_a_visit_letter_jtai_or_send_letter_is_an_inspection_report(tmp_path, text):
    assert _load_md(tmp_path, "doc-06.md", text).kind is DocKind.INSPECTION_REPORT


MINUTES_AND_DECISIONS = [
    "# Improving Lives Select Commission\n\nPresent: Councillor Vale (in the Chair); Councillors Brindle and Corrick.\n\n"
    "Apologies were received from Councillor Elsworth.\n\nResolved: that the minutes of the meeting held on 4 November "
    "be approved as a true record.\n\nThe Commission received a report on the Ofsted inspection of children's services.\n",
    "# Corporate Parenting Board\n\nIn attendance: the Director of Children's Services.\n\nDeclarations of interest: none.\n\n"
    "Members asked about the Ofsted focused visit. It was agreed that an update come to the next meeting.\n",
    "# Cabinet, 12 July: Ofsted inspection outcome\n\nThe Cabinet received a report on the inspection of children's services.\n\n"
    "RESOLVED that the outcome of the Ofsted inspection be noted. Members noted the inspectors' findings.\n",
    # A minutes extract told as narrative, with no attendance list or resolution.
    "# Education Scrutiny Panel: minutes extract\n\nMeeting date: 2021\n\nThe Director of Children's Services introduced "
    "the report on the Ofsted focused visit. Members were told that caseloads had fallen. She told the Panel that "
    "recruitment remained hard, and members heard from two team managers.\n",
]


@pytest.mark.parametrize("text", MINUTES_AND_DECISIONS)
def test_minutes_of_a_meeting_about_an_inspection_are_committee_minutes(tmp_path, text):
    assert _load_md(tmp_path, "doc-07.md", text).kind is DocKind.MINUTES


DECISION_NOTICES_AND_REPORTS_TO_A_MEETING = [
    "# Decision details\n\nDecision maker: Cabinet\n\nDecision status: Recommendations Approved\n\nIs key decision?: No\n\n"
    "To share the feedback letter Ofsted sent after its monitoring visit to children's services.\n\n"
    "Wards affected: all wards\n\nDate of decision: 4 June 2024\n",
    "# Officer decision notice\n\nDelegated decision by the Director of Children's Services.\n\nDecision: appoint an "
    "interim improvement partner after the Ofsted inspection.\n\nReasons for the decision: the service was judged "
    "inadequate.\n\nAlternative options considered: none.\n\nDate of publication: March 2023\n",
    "# Report to Cabinet: Ofsted focused visit\n\nReport of: the Cabinet Member for Children. Report author: Head of "
    "Quality Assurance.\n\n1. Purpose of the report\n\nTo inform Cabinet of the findings of the focused visit.\n\n"
    "2. Recommendations\n\nThat Cabinet notes the findings and endorses the next steps.\n\n3. Financial implications\n\nNone.\n",
    "# Children's services: update on the improvement programme\n\nThis report updates members of the Overview "
    "Committee on progress since the Ofsted monitoring visit.\n\nMembers are asked to note the report.\n\n"
    "Background papers: the Ofsted letter.\n",
]


@pytest.mark.parametrize("text", DECISION_NOTICES_AND_REPORTS_TO_A_MEETING)
def test_a_decision_notice_or_a_report_to_a_meeting_is_not_the_meetings_minutes(tmp_path, text):
    assert _load_md(tmp_path, "doc-09.md", text).kind is DocKind.OTHER


PLAN_TABLES = [
    ["Ref", "Action", "Lead", "Deadline", "RAG"],
    ["Area for improvement", "Action", "Responsible officer", "Timescale", "Progress"],
    ["Priority", "Actions", "Owner", "By when", "Measure of success"],
]


@pytest.mark.parametrize("header", PLAN_TABLES)
def test_an_improvement_plan_is_an_action_plan_whatever_its_title_and_format(tmp_path, header):
    rows = [header] + [[f"{i}", "Refresh the quality assurance framework", "Head of service", "March 2024", "Amber"]
                       for i in range(1, 5)]
    path = make_docx(tmp_path / "doc-08.docx", [("h1", "Children's services: our response to Ofsted"),
                                                ("p", "Response to the Ofsted inspection of local authority children’s services.")],
                     table=rows)
    assert load(path, path.name).kind is DocKind.ACTION_PLAN


def test_the_fitted_kind_and_council_weights_name_only_features_the_documents_have():
    from indexer.metadata import COUNCIL_WEIGHTS, KIND_WEIGHTS, council_features, council_mentions, kind_features

    names = set(kind_features("Minutes", "doc.md", blocks("Present: Councillors A and B.")))
    for kind in DocKind:
        assert set(KIND_WEIGHTS[kind.value]) - {"bias"} <= names
    found = council_mentions("Salford", "doc.md", blocks("Salford City Council"))
    assert set(COUNCIL_WEIGHTS) <= set(council_features("Salford", found))


def test_the_kind_and_council_fit_runs_on_a_truth_file_and_prints_weights_for_the_indexer(tmp_path, capsys):
    from benchmarks.fit_kind_council_weights import main

    texts = {
        "other": NEWS_AND_PRESS_RELEASES + DECISION_NOTICES_AND_REPORTS_TO_A_MEETING,
        "inspection report": VISIT_LETTERS_AND_JOINT_INSPECTIONS,
        "committee minutes": MINUTES_AND_DECISIONS,
    }
    councils_ = ["Wigan", "Slough", "Luton", "Kent", "Bury", "Derby", "Halton", "Poole"]
    truth = tmp_path / "truth.jsonl"
    with truth.open("w", encoding="utf-8") as f:
        for kind, docs in texts.items():
            for i, text in enumerate(docs):
                name = f"{kind[:5]}-{i}.md"
                (tmp_path / name).write_text(text + f"\n{councils_[i]} Council\n", encoding="utf-8")
                f.write(json.dumps({"file": name, "kind": kind, "authority": councils_[i], "date": ""}) + "\n")
    assert main(["--set", str(tmp_path), str(truth), "--folds", "2"]) == 0
    out = capsys.readouterr().out
    assert "cross-validated by document" in out and "neutral" in out
    assert "KIND_WEIGHTS: dict[str, dict[str, float]] = {" in out and "COUNCIL_WEIGHTS: dict[str, float] = {" in out


# --- the date from the content, under neutral file names -------------------------------
#
# With a neutral name there is no year in the name to agree with. A news page or blog that prints
# only a year prints it on its byline or dateline, below the headline and a strap line or two,
# where a bare year in the body ("since a 2015 report") is not a candidate.

PAGES_DATED_ONLY_BY_A_BYLINE_YEAR = [
    ("doc-01.html", "<p>News | Children's services</p><h1>Council commits £3m to improve 'inadequate' services</h1>"
     "<p>The council has promised to speed up its improvement plans after Ofsted rated its services inadequate.</p>"
     "<p>By Staff Reporter | 2021</p><p>The council says it has been running a transformation programme since a "
     "2017 Ofsted report found that its services required improvement.</p>", "2021"),
    ("doc-02.html", "<p>Ofsted | Social care</p><h1>County's children's services slip to 'requires improvement'</h1>"
     "<p>By our social care reporter</p><p>2016</p><p>Children's services now require improvement, Ofsted has "
     "concluded, four years after the council was rated outstanding in 2012.</p>", "2016"),
    ("doc-03.md", "# Leader's blog: the people behind our children's services\n\nA word of thanks from the Leader\n\n"
     "Why this inspection mattered to us\n\nPosted by Councillor Jane Smith, Leader of the Council | 2019\n\n"
     "Ofsted's previous full inspection, in 2014, graded us as requires improvement. This week they judged us good.\n",
     "2019"),
]


@pytest.mark.parametrize("name, body, expected", PAGES_DATED_ONLY_BY_A_BYLINE_YEAR)
def test_a_page_with_a_neutral_name_is_dated_by_the_year_on_its_byline(tmp_path, name, body, expected):
    path = tmp_path / name
    if name.endswith(".html"):
        make_html(path, body, title="News")
    else:
        path.write_text(body, encoding="utf-8")
    assert load(path, path.name).date == expected


def test_a_sentence_that_begins_published_is_no_byline_and_a_year_deep_in_the_text_is_no_date(tmp_path):
    # The byline class is short lines near the top: a long sentence opening "Published" or a year
    # alone far down the page (a table's cell, a footnote) does not date the page.
    from indexer.metadata import date_candidates

    long_line = "Published research by the council's own team, which looked at every referral since 2014, found delays."
    texts = blocks("Strap", "More", "Still more", long_line, *["Paragraph."] * 12, "2011")
    assert date_candidates("News", "doc-04.html", texts) == []


def test_the_date_fit_reads_each_document_under_both_names_and_prints_weights_for_the_indexer(tmp_path, capsys):
    from benchmarks.fit_date_weights import main

    truth = tmp_path / "truth.jsonl"
    with truth.open("w", encoding="utf-8") as f:
        for year, month, mm in [(2017, "June", "06"), (2019, "March", "03"), (2021, "May", "05"), (2022, "July", "07")]:
            name = f"news-{year}.md"
            (tmp_path / name).write_text(f"# Children's services rated good\n\nPublished: 14 {month} {year}\n\n"
                                         f"The inspection in {month} {year - 3} found weaknesses.\n", encoding="utf-8")
            f.write(json.dumps({"file": name, "kind": "other", "authority": "Wigan", "date": f"{year}-{mm}"}) + "\n")
    assert main(["--set", str(tmp_path), str(truth), "--folds", "2"]) == 0
    out = capsys.readouterr().out
    assert "cross-validated by document" in out and "real 4/4" in out and "neutral 4/4" in out
    assert "each set held out" not in out  # one set has no others to be fitted on
    assert "DATE_WEIGHTS: dict[str, float] = {" in out


@pytest.mark.parametrize(
    "meeting_line, iso",
    [
        ("Meeting of Families Scrutiny Panel, Tuesday 12 March 2024 6.30 pm (Item 8.)", "2024-03-12"),
        ("Meeting: 21/05/2023 - Executive (Item 4)", "2023-05-21"),
        ("Meeting of Cabinet, Wednesday, 3rd February, 2021 10.00 am (Item 12.)", "2021-02-03"),
    ],
)
def test_a_moderngov_item_page_is_dated_by_its_meeting_line_above_the_item(meeting_line, iso):
    # Class: the meeting line is the parent heading of the item's own title; the minutes' prose
    # recalls the report's month ("published in January"), which is not the meeting's date.
    heading = f"Issue - items at meetings - Ofsted inspection outcome > {meeting_line} > Ofsted inspection outcome"
    body = [Block(text="Minutes:", heading=heading),
            Block(text="The director presented the report on the inspection, published in January 2021.", heading=heading)]
    assert detect_date("Issue - items at meetings - Ofsted inspection outcome", "item.html", body, DocKind.MINUTES) == iso


# --- a council named in a postal address, and councils abolished since --------------------
#
# Ofsted's letters open with Ofsted's own address ("... Manchester M1 2WD", or its Nottingham
# office "Agora, 6 Cumberland Place, Nottingham NG1 6HJ"): where a letter comes from is no
# council it is about, nor a street named after a place. The addressee's council, written in its
# own form, still counts.

OFSTED_LETTERHEADS = [
    "Ofsted\nPiccadilly Gate\nStore Street\nManchester M1 2WD",
    "Ofsted Piccadilly Gate Store Street Manchester M1 2WD",
    "Ofsted\nAgora\n6 Cumberland Place\nNottingham NG1 6HJ",
    "Ofsted, Agora, 6 Cumberland Place, Nottingham, NG1 6HJ",
]
ADDRESSEES = [
    ("Director of Children's Services\nCalderdale Metropolitan Borough Council\nTown Hall\nCrossley Street\nHalifax HX1 1UJ",
     "Calderdale"),
    ("Corporate Director for Children's Services, Swindon Borough Council, Civic Offices, Euclid Street, Swindon SN1 2JH",
     "Swindon"),
    ("Director of Children's Services\nLondon Borough of Hounslow\nHounslow House\n7 Bath Road\nHounslow TW3 3EB",
     "Hounslow"),
]


@pytest.mark.parametrize("letterhead", OFSTED_LETTERHEADS)
@pytest.mark.parametrize("addressee, council", ADDRESSEES)
def test_a_visit_letters_council_is_its_addressee_not_ofsteds_address(tmp_path, letterhead, addressee, council):
    # Each address line a paragraph of its own, as a Word letter gives them, or run into one.
    text = "\n\n".join([letterhead.replace("\n", "\n\n"), addressee.replace("\n", "\n\n"), "Dear Director",
                        "Focused visit to children's services",
                        "This letter summarises the findings of the focused visit to children's services in May 2024."])
    assert _load_md(tmp_path, "letter.md", text).authority == council


def test_a_street_or_a_post_town_named_after_a_place_is_no_council(tmp_path):
    text = ("# Minutes\n\nThe Civic Centre, Durham Road, Stockton-on-Tees Borough Council offices.\n\n"
            "Present: Councillors A and B.\n\nLetters to: 12 Leeds Road, Bradford BD1 1AA\n\nResolved: noted.\n")
    assert _load_md(tmp_path, "doc-05.md", text).authority == "Stockton-on-Tees"


def test_a_council_named_only_in_its_venues_address_is_still_found(tmp_path):
    # The near-miss: an address is no evidence against its council, only none for it; when it
    # is all the document names, the council is still that one.
    text = "# Minutes of the meeting\n\nTown Hall, Library Street, Wigan WN1 1YN\n\nPresent: Councillors A and B.\n"
    assert _load_md(tmp_path, "doc-06.md", text).authority == "Wigan"


# After a council is abolished, a page names the county or town as a place ("children's services
# in Northamptonshire") beside the council that took its services over; that council is the one.
SUCCESSOR_PAGES = [
    ("Improvements continue in children's services in Northamptonshire, inspectors said. North Northamptonshire "
     "Council welcomed the report.", "North Northamptonshire"),
    ("Cumbria's families were told of the new arrangements. Westmorland and Furness Council's children's services "
     "were judged good. Across Cumbria, caseloads fell.", "Westmorland and Furness"),
    ("Children in Poole and Bournemouth are better served, Ofsted said. Bournemouth, Christchurch and Poole Council "
     "accepted the findings.", "Bournemouth, Christchurch and Poole"),
]


@pytest.mark.parametrize("text, council", SUCCESSOR_PAGES)
def test_an_abolished_council_gives_way_to_its_successor_named_beside_it(tmp_path, text, council):
    assert _load_md(tmp_path, "doc-07.md", f"# News\n\n{text}\n").authority == council


def test_an_abolished_council_named_alone_is_still_the_documents(tmp_path):
    text = "# Scrutiny\n\nNorthamptonshire County Council's children's services were judged inadequate in 2019.\n"
    assert _load_md(tmp_path, "doc-08.md", text).authority == "Northamptonshire"
    assert set(councils.SUCCESSORS) <= set(councils.COUNCILS)
    assert all(set(s) <= set(councils.COUNCILS) for s in councils.SUCCESSORS.values())
