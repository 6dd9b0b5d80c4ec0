"""The named parts of a grade found in prose, each able to refuse on its own, and the readers
of judgement tables, plan rows and areas-for-improvement lists. Pure functions: no store."""

from __future__ import annotations

import pytest

from indexer.records import grades as g
from indexer.records.improvements import find_improvements
from indexer.records.plans import row_from
from indexer.records.visit import fieldwork_range
from indexer.types import Block
from indexer.vocabulary import Grade, JudgementArea as A, Rag

CTX = g.Context(source="doc", authority="Stockton-on-Tees", inspection_year=2022)


def found(sentence: str, ctx: g.Context = CTX) -> set[tuple[str, str]]:
    return {(f.area.value, f.grade.value) for f in g.from_sentence(sentence, ctx, None)[0]}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Stockton-on-Tees was rated good in every area.", {(a.value, "Good") for a in
            [A.OVERALL_EFFECTIVENESS, A.IMPACT_OF_LEADERS, A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE_AND_CARE_LEAVERS]}),
        ("The council was judged inadequate for help and protection.", {("help and protection", "Inadequate")}),
        ("Services are outstanding overall, with help and protection judged good.",
            {("overall effectiveness", "Outstanding"), ("help and protection", "Good")}),
        ("The experiences and progress of care leavers were judged to require improvement to be good.",
            {("care leavers", "Requires improvement to be good")}),
        ("Ofsted has judged Stockton-on-Tees children's services to be inadequate.", {("overall effectiveness", "Inadequate")}),
    ],
)
def test_grades_stated_in_prose_are_found(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence, gate",
    [
        ("At the last inspection in 2018, help and protection was judged good.", "earlier"),
        ("Help and protection was judged good in 2018.", "another year"),
        ("Since the previous inspection in 2016, when care leavers were judged outstanding, services declined.", "earlier"),
        ("Help and protection was judged good or outstanding by different inspectors.", "grades in one clause"),
        ("The ambition is for help and protection to be judged outstanding.", "hypothetical"),
        ("Help and protection was not judged good.", "hypothetical"),
        ("He said Stockton-on-Tees would work with Cornwall, whose services for care leavers are rated outstanding.", "another council"),
        ("The fostering service for children in care was judged good.", "another service"),
        ("Was help and protection judged good?", "question"),
        ("Practice for care leavers is good.", "judgement words"),
        ("Inspectors saw good practice with children in care at an Ofsted visit.", "not stated as a judgement"),
    ],
)
def test_each_gate_refuses_what_it_names(sentence, gate):
    kept, refused = g.from_sentence(sentence, CTX, None)
    assert kept == []
    assert any(gate in why for why in refused), refused


def test_this_area_takes_its_heading():
    ctx = g.Context("doc", "Leeds", 2022, heading="Report > The experiences and progress of children in care and care leavers")
    assert found("This area was judged outstanding, an improvement on the good grade it received in 2018.", ctx) == {
        ("children in care and care leavers", "Outstanding")
    }


def test_a_paragraph_about_an_earlier_inspection_carries_its_year():
    ctx = g.Context("doc", "Essex", 2023)
    kept, refused = g.from_sentence(
        "The experiences and progress of children in care and care leavers were judged good.", ctx, None,
        before="In November 2018 Ofsted judged Essex outstanding for overall effectiveness.",
    )
    assert kept == [] and any("2018" in why for why in refused)


def row(cells: list[tuple[str, str]], heading: str = "Judgements") -> Block:
    return Block(text=" — ".join(f"{h}: {t}" for h, t in cells), heading=heading, is_table_row=True,
                 verbatim="\n".join(t for _, t in cells), cells=tuple(cells), page=2)


def test_judgement_table_rows_but_not_history_tables():
    table = [row([("Judgement", "Overall effectiveness"), ("Grade", "Good")]),
             row([("Judgement", "The impact of leaders on social work practice"), ("Grade", "Not stated in the sources used")])]
    history = [row([("Year", "2018"), ("Overall effectiveness", "Inadequate")], "History")]
    findings = g.from_tables(table + history, CTX)
    assert [(f.area, f.grade, f.citation.page) for f in findings] == [(A.OVERALL_EFFECTIVENESS, Grade.GOOD, 2)]


def test_a_comparison_table_is_read_in_the_inspection_years_column():
    rows = [row([("Area", "Overall"), ("2017 (single inspection framework)", "Good"), ("2022 (ILACS)", "Outstanding")])]
    assert [(f.area, f.grade) for f in g.from_tables(rows, CTX)] == [(A.OVERALL_EFFECTIVENESS, Grade.OUTSTANDING)]
    assert g.from_tables(rows, g.Context("doc", "Kent", 2019)) == []


def test_judgement_lines_under_an_area_heading():
    ctx = g.Context("doc", "Croydon", 2020, heading="Report > The experiences and progress of children who need help and protection")
    assert g.from_line("Judgement: good.", ctx, 3).area is A.HELP_AND_PROTECTION
    assert g.from_line("Overall judgement: requires improvement", CTX, None).grade is Grade.REQUIRES_IMPROVEMENT
    assert g.from_line("Previous inspection: 2018, judged good", CTX, None) is None


def test_plan_rows_by_their_column_headers():
    action = row_from(row([("Ref", "2."), ("Recommendation", "Pathway plans"), ("Actions", "Audit every plan"),
                           ("Owner", "Not stated"), ("By when", "March 2024"), ("RAG", "Amber")], "Plan"), "plan.docx")
    assert (action.number, action.area, action.action, action.lead, action.deadline_date, action.rag) == (
        "2", "Pathway plans", "Audit every plan", "", "2024-03", Rag.AMBER)
    assert row_from(row([("Judgement", "Overall effectiveness"), ("Grade", "Good")]), "r.pdf") is None


def test_areas_for_improvement_listed_in_a_sentence_and_under_a_heading():
    blocks = [
        Block(text="The inspection had made two recommendations: contingency planning in written plans, and consistent strategy discussions.", heading="Item"),
        Block(text="Ofsted set out ten areas for improvement. They include:", heading="Report > What needs to improve"),
        Block(text="• Support for children who are privately fostered.", heading="Report > What needs to improve"),
        Block(text="The remaining areas for improvement are not stated in the sources used.", heading="Report > What needs to improve"),
        Block(text="The Director said leaders have already acted on the findings.", heading="Report > What needs to improve"),
    ]
    assert [a.text for a in find_improvements(blocks, "doc")] == [
        "contingency planning in written plans", "consistent strategy discussions", "Support for children who are privately fostered",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("21 February to 4 March 2022", ("2022-02-21", "2022-03-04")),
        ("1 to 12 July 2024", ("2024-07-01", "2024-07-12")),
        ("September 2018 (the individual days are not stated)", ("2018-09", "2018-09")),
        ("not stated", None),
    ],
)
def test_fieldwork_dates(text, expected):
    assert fieldwork_range(text) == expected


PLAN_TABLE = [
    ["Ref", "Recommendation", "Action", "Lead", "By when", "RAG"],
    ["1", "Pathway plans for care leavers", "Review every pathway plan", "Head of Leaving Care", "March 2024", "Amber"],
    ["2", "Response to domestic abuse", "Specialist workers in each team", "Head of Safeguarding", "June 2024", "Green"],
]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md"])
def test_plan_rows_read_the_same_from_every_format(tmp_path, fmt):
    from indexer.loaders import load
    from indexer.records.plans import find_actions
    from tests.docs import make_docx, make_html, make_pdf

    path = tmp_path / f"plan.{fmt}"
    if fmt == "docx":
        make_docx(path, [("h1", "Action plan"), ("p", "The council's plan.")], table=PLAN_TABLE)
    elif fmt == "pdf":
        make_pdf(path, [[("h", "Action plan"), ("table", PLAN_TABLE)]], title="Action plan")
    elif fmt == "html":
        cells = "".join("<tr>" + "".join(f"<{'th' if i == 0 else 'td'}>{c}</{'th' if i == 0 else 'td'}>" for c in row) + "</tr>"
                        for i, row in enumerate(PLAN_TABLE))
        make_html(path, f"<main><h1>Action plan</h1><table>{cells}</table></main>", title="Action plan")
    else:
        lines = ["| " + " | ".join(r) + " |" for r in PLAN_TABLE]
        lines.insert(1, "|" + "---|" * len(PLAN_TABLE[0]))
        path.write_text("# Action plan\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    rows = find_actions(load(path, path.name).blocks, path.name)
    assert [(r.number, r.area, r.lead, r.deadline_date, r.rag) for r in rows] == [
        ("1", "Pathway plans for care leavers", "Head of Leaving Care", "2024-03", Rag.AMBER),
        ("2", "Response to domestic abuse", "Head of Safeguarding", "2024-06", Rag.GREEN),
    ]


def extract_of(source: str, kind: str | None = None, end: str | None = None, published: str = "2023-05", year: int = 2023):
    from indexer.records.types import Citation, Fact, FileExtract

    cite = [Citation(source=source, quote="…")]
    return FileExtract(
        source=source, authority="Leeds", inspection_year=year, date=published,
        inspection_type=Fact(value=kind, citations=cite) if kind else None,
        fieldwork_end=Fact(value=end, citations=cite) if end else None,
        published=Fact(value=published, citations=cite),
    )


def test_files_group_into_inspections_and_a_monitoring_visit_stays_apart():
    from indexer.records.merge import group

    groups = group([
        extract_of("report", "ILACS standard inspection", "2023-03-10"),
        extract_of("letter", "monitoring visit", published="2023-06"),
        extract_of("news"),
        extract_of("old-report", "ILACS standard inspection", "2019-03-10", published="2019-05", year=2019),
    ])
    assert sorted(sorted(f.source for f in g) for g in groups) == [["letter"], ["news", "report"], ["old-report"]]


def test_dates_of_different_precision_agree_and_different_dates_conflict():
    from indexer.records.links import same_area
    from indexer.records.merge import merge

    agree = merge([extract_of("report", end="2023-03-10", published="2023-05-12"), extract_of("news", published="2023-05")], same_area)
    assert agree.published.value == "2023-05-12" and agree.conflicts == []
    differ = merge([extract_of("report", published="2023-05-12"), extract_of("news", published="2023-06-01")], same_area)
    assert differ.published is None
    assert [(c.field, sorted(v.value for v in c.values)) for c in differ.conflicts] == [("published", ["2023-05-12", "2023-06-01"])]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Stockton-on-Tees children's services have been rated ‘good’ by Ofsted.", {("overall effectiveness", "Good")}),
        ("Help and protection was judged 'requires improvement to be good'.", {("help and protection", "Requires improvement to be good")}),
        ("The council was rated outstanding in every category.", {(a.value, "Outstanding") for a in
            [A.OVERALL_EFFECTIVENESS, A.IMPACT_OF_LEADERS, A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE_AND_CARE_LEAVERS]}),
    ],
)
def test_grades_in_quotation_marks(sentence, expected):
    assert found(sentence) == expected
    assert g.terms.grade_of("‘Good’") is Grade.GOOD


def test_the_improvement_heading_as_ofsted_prints_it():
    blocks = [Block(text="■ The timeliness of assessments for disabled children.", heading="Report > What needs to improve?")]
    assert [a.text for a in find_improvements(blocks, "doc")] == ["The timeliness of assessments for disabled children"]


def test_moved_from_one_grade_to_another_takes_the_new_one():
    assert found("Stockton-on-Tees children's services improved from requires improvement to good, Ofsted said.") == {
        ("overall effectiveness", "Good")
    }
    # the year it moved from is the move's start: the grade it moved to, in this inspection's year, is this one's
    assert found("Children's services moved from good in 2017 to outstanding in 2022.") == {("overall effectiveness", "Outstanding")}
    # … and in another year, another inspection's
    later = g.Context(source="doc", authority="Stockton-on-Tees", inspection_year=2024)
    assert found("Children's services moved from good in 2017 to outstanding in 2022.", later) == set()


# A PDF cover's labelled lines, run into one block by the PDF's text layer: each label is still
# read, wherever in the block it stands.
RUN_TOGETHER_COVERS = [
    ("Local authority: Anyshire County Council Inspection dates: 6 to 10 March 2023 Published: 2 May 2023 "
     "Lead inspector: Jane Doe", ("2023-03-06", "2023-03-10", "2023-05-02", "Jane Doe")),
    ("Local authority: Anytown City Council Inspection: Full inspection under the ILACS framework, March 2022 "
     "Report published: May 2022 Overall effectiveness: Good", ("2022-03", "2022-03", "2022-05", None)),
    ("Council: Anyborough Date of publication: 14 June 2019 Fieldwork: 8 April to 19 April 2019",
     ("2019-04-08", "2019-04-19", "2019-06-14", None)),
]


@pytest.mark.parametrize("text, expected", RUN_TOGETHER_COVERS)
def test_labels_a_pdf_ran_together_are_each_read(text, expected):
    from indexer.records.visit import labelled_facts
    from indexer.types import Block

    facts = labelled_facts([Block(text=text)], "cover.pdf")
    got = tuple(facts[k].value if k in facts else None for k in ("fieldwork_start", "fieldwork_end", "published", "lead_inspector"))
    assert got == expected


def test_an_inspection_label_without_a_month_gives_no_fieldwork():
    from indexer.records.visit import labelled_facts
    from indexer.types import Block

    facts = labelled_facts([Block(text="Local authority: Anytown Inspection: ILACS 2019 Published: 2 May 2019")], "cover.pdf")
    assert "fieldwork_end" not in facts and facts["published"].value == "2019-05-02"
