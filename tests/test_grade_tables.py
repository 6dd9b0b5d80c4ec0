"""Questions asking for every judgement of an inspection ("all the judgements", "the grade for
each area", "which judgements were good?") are answered with every row of the document's grade
table or judgement lines (of the grade asked), each cited on its own, not with its one closest
row (Question.every_grade, pipeline._grade_table). And list forms the question parse reads:
"... - list them", "what were the points?" (events.asks_for_many), and a summary may be a list."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.events import asks_for_many
from assistant.answering.gates import FormGate
from assistant.answering.needs import judgement_line
from assistant.answering.question import Intent, parse_parts, scope_of
from indexer.settings import Settings
from indexer.vocabulary import Grade
from tests.docs import answerer_over, index_into, make_docx

# A briefing on a report of the old framework.
REPORT = """---
kind: other
authority: Halton
date: 2015-06-20
---
# Halton: briefing on the Ofsted inspection of children's services

## What the local authority needs to improve

Managers should make sure that pathway plans are written with young people and are kept up to date.
The quality of supervision varies too much between teams, and some records of it are thin.

## Points for elected members

The points for elected members are:
- Caseloads in the assessment teams have come down since the spring.
- The new edge-of-care team is reducing the number of teenagers coming into care.
- Too few care leavers are in education, employment or training.
"""


NEWS = """---
kind: other
authority: Torbay
date: 2016-03-02
---
# Torbay children's services judged inadequate

Children's services in Torbay were judged inadequate overall by Ofsted, the council said today.
Because the overall judgement is inadequate, Ofsted will carry out regular monitoring visits.
The council's leader said an improvement board would meet every month.
"""


@pytest.fixture(scope="module")
def graded(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("grades")
    corpus = root / "docs"
    corpus.mkdir()
    (corpus / "halton-2015-member-briefing.md").write_text(REPORT, encoding="utf-8")
    # The old framework's report: numbered judgements and sub-judgements in a table.
    make_docx(
        corpus / "halton-2015-inspection-report.docx",
        [("h1", "Inspection of services for children in need of help and protection, children looked after and care leavers: Halton"),
         ("p", "Inspectors found that leaders have a clear plan and that most children are safe.")],
        table=[
            ["Judgement", "Grade"],
            ["1. Children who need help and protection", "Good"],
            ["2. Children looked after and achieving permanence", "Requires improvement"],
            ["2.1 Adoption performance", "Good"],
            ["2.2 Experiences and progress of care leavers", "Requires improvement"],
            ["3. Leadership, management and governance", "Good"],
        ],
    )
    # A report whose grades are a table, as ILACS reports set them out.
    make_docx(
        corpus / "rutland-2019-inspection-report.docx",
        [("h1", "Ofsted inspection of Rutland local authority children's services"),
         ("p", "Inspectors found that leaders know their services well and that children are seen quickly.")],
        table=[
            ["Judgement", "Grade"],
            ["The impact of leaders on social work practice with children and families", "Outstanding"],
            ["The experiences and progress of children who need help and protection", "Good"],
            ["The experiences and progress of children in care and care leavers", "Outstanding"],
            ["Overall effectiveness", "Good"],
        ],
    )
    # A report whose sentence about its grades is closer to "what were its grades?" than its
    # table's rows are: the answer is still the table.
    make_docx(
        corpus / "wigan-2021-inspection-report.docx",
        [("h1", "Ofsted inspection of Wigan local authority children's services"),
         ("p", "The 2021 inspection is the first at which Wigan has received a good grade for its children's services, "
               "after grades of requires improvement at the two inspections before it.")],
        table=[
            ["Judgement", "Grade"],
            ["The impact of leaders on social work practice with children and families", "Good"],
            ["The experiences and progress of children who need help and protection", "Requires improvement to be good"],
            ["The experiences and progress of children in care and care leavers", "Good"],
            ["Overall effectiveness", "Good"],
        ],
    )
    # A news page that gives the overall grade alone.
    (corpus / "torbay-2016-news.md").write_text(NEWS, encoding="utf-8")
    settings = Settings(store=root / "store")
    index_into(settings, embedder, corpus)
    return answerer_over(settings, embedder)


@pytest.mark.parametrize(
    "question, every",
    [
        ("halton 2015 - all the judgements please", True),
        ("list every judgement rutland got in 2019", True),
        ("give me the grade for each area at the 2019 inspection", True),
        ("what grades did the council get?", True),
        ("which judgements were good in 2015?", True),
        ("which areas were outstanding?", True),
        ("what grade did the council get in 2019?", False),  # one grade, the overall one
        ("how was help and protection judged?", False),
        ("what grades did it get in 2015 and in 2019?", False),  # two inspections: each its own grade
        ("what did inspectors say about the judgements?", False),  # not a grade question
    ],
)
def test_asking_for_every_judgement_is_read_from_the_question(question, every):
    q = parse_parts(question, scope_of(question))[0]
    assert q.every_grade is every, (q.intent, q.asks)
    if every:
        assert q.wants_list  # a list of the grades answers it, as the table's rows do


@pytest.mark.parametrize(
    "text, row, grade",
    [
        ("3. Leadership, management and governance: Inadequate.", False, Grade.INADEQUATE),
        ("- Help and protection: good", False, Grade.GOOD),
        ("2.1 Adoption performance: Good.", False, Grade.GOOD),
        ("Adoption performance: Requires improvement to be good", False, Grade.REQUIRES_IMPROVEMENT),
        ("Judgement: Overall effectiveness — Grade: Outstanding", True, Grade.OUTSTANDING),
        ("Year: 2019 — Overall effectiveness: Good", True, None),  # a history table: another inspection's row
        ("Inspectors judged the service good.", False, None),  # a sentence naming a grade is no judgement line
        ("Overall: the council was judged good in most areas", False, None),
    ],
)
def test_a_judgement_line_is_told_from_a_sentence_naming_a_grade(text, row, grade):
    assert judgement_line(text, row) is grade


@pytest.mark.parametrize(
    "question, shown, not_shown",
    [
        ("halton 2015 - all the judgements please",
         ["help and protection: Good", "achieving permanence: Requires improvement", "Adoption performance: Good",
          "care leavers: Requires improvement", "governance: Good"], []),
        ("what were all the judgements in halton's 2015 inspection report?",
         ["help and protection: Good", "Adoption performance: Good", "governance: Good", "care leavers: Requires improvement"], []),
        ("which judgements were good in halton in 2015",
         ["help and protection: Good", "Adoption performance: Good", "governance: Good"], ["Requires improvement"]),
        ("which halton judgements required improvement in 2015?",
         ["achieving permanence: Requires improvement", "care leavers: Requires improvement"], ["Adoption performance", "governance"]),
        ("rutland 2019 - which judgements were outstanding",
         ["impact of leaders", "children in care and care leavers"], ["help and protection"]),
        ("give me rutland's grade for each area in 2019",
         ["impact of leaders", "help and protection", "children in care and care leavers", "Overall effectiveness"], []),
    ],
)
def test_every_judgement_is_answered_with_every_row_each_cited(graded, question, shown, not_shown):
    answer = graded.run(question)
    assert answer.answered, answer.answer
    for text in shown:
        assert text.lower() in answer.answer.lower(), answer.answer
    for text in not_shown:
        assert text.lower() not in answer.answer.lower(), answer.answer
    # each row its own quote and citation, so each can be checked against its line
    assert len(answer.citations) >= len(shown), [c.quote for c in answer.citations]


@pytest.mark.parametrize(
    "question",
    ["what were the grades for each judgement area in torbay's 2016 inspection?", "torbay 2016 - list all the judgements"],
)
def test_every_judgement_is_not_answered_by_the_overall_grade_alone(graded, question):
    answer = graded.run(question)
    # The overall grade alone would read as every judgement's: refused, or answered only with
    # what grades several judgements (nothing here does).
    assert not answer.answered, answer.answer


@pytest.mark.parametrize(
    "question, many",
    [
        ("halton 2015 points for members - list them", True),
        ("what did the visit look at - list the areas", True),
        ("the strengths in 2019: list them please", True),
        ("what were the points for members in 2015", True),
        ("what are the main concerns?", True),
        ("what was the main concern?", False),  # one thing
        ("what is the plan for care leavers?", False),
        ("who were the inspectors?", False),
    ],
)
def test_a_list_asked_for_after_the_subject_is_read_from_the_question(question, many):
    assert asks_for_many(question) is many


def test_points_for_members_asked_for_as_a_list_are_the_list_each_item_cited(graded):
    answer = graded.run("halton 2015 - what were the points for members")
    assert answer.answered, answer.answer
    for item in ("Caseloads in the assessment teams", "edge-of-care team", "Too few care leavers"):
        assert any(item in c.quote and "\n" not in c.quote for c in answer.citations), [c.quote for c in answer.citations]


@pytest.mark.parametrize("question", ["summarise what the report said about care leavers", "give me a summary of the concerns"])
def test_a_summary_may_be_a_list(question):
    from assistant.answering.candidates import units_of
    from assistant.types import Hit
    from indexer.types import DocKind, Passage

    passage = Passage(id="p", source="r.md", title="t", kind=DocKind.INSPECTION_REPORT, page=None, heading="",
                      text="Inspectors found:\n- plans drift\n- visits are late", ordinal=0, file_hash="h")
    unit = next(u for u in units_of(Hit(passage, 1.0)) if u.is_list)
    q = parse_parts(question, scope_of(question))[0]
    assert q.intent is Intent.SUMMARY and FormGate(q).passes(unit)


def test_an_item_of_a_marked_list_stands_for_the_whole_list():
    from assistant.answering.candidates import units_of
    from assistant.answering.pipeline import Answerer as Pipeline
    from assistant.types import Hit
    from indexer.types import DocKind, Passage

    text = "Strengths\n- Visits are timely.\n- Plans are reviewed often.\n- Leaders know their teams.\nThe council has a new director."
    passage = Passage(id="p", source="r.md", title="t", kind=DocKind.INSPECTION_REPORT, page=None, heading="", text=text, ordinal=0, file_hash="h")
    units = {u.text: u for u in units_of(Hit(passage, 1.0))}
    item = next(u for t, u in units.items() if "Plans are reviewed" in t and not u.is_list)
    run = Pipeline._list_run(item)
    assert [u.text for u in run] == ["- Visits are timely.", "- Plans are reviewed often.", "- Leaders know their teams."]
    prose = next(u for t, u in units.items() if "new director" in t)
    assert Pipeline._list_run(prose) == []  # a sentence after the list is no item of it



@pytest.mark.parametrize("question", ["what were wigan's grades in 2021?", "what grades did wigan get in 2021", "wigan 2021 - its judgements?"])
def test_every_judgement_comes_from_the_table_of_a_report_whose_sentence_is_closer(graded, question):
    """The closest sentence talks about the grades ("the first inspection at which it has been
    graded good"); the report it is from sets every grade out in a table, and that is the answer."""
    answer = graded.run(question)
    assert answer.answered, answer.answer
    text = answer.answer.lower()
    for area in ("impact of leaders", "help and protection", "children in care and care leavers", "overall effectiveness"):
        assert area in text, (area, answer.answer)
    assert "requires improvement to be good" in text
    assert all("wigan" in c.source for c in answer.citations)


# From 2023 children in care and care leavers are judged apart: their two rows share all but two
# words, and at the same grade read as one point when compared word for word. Rows grading
# different areas are never the same point.
@pytest.fixture(scope="module")
def judged_apart(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("apart")
    corpus = root / "docs"
    corpus.mkdir()
    make_docx(
        corpus / "dudley-2024-inspection-report.docx",
        [("h1", "Ofsted inspection of Dudley local authority children's services"),
         ("p", "Inspection dates: 4 to 15 March 2024."),
         ("p", "Children in Dudley receive consistently strong help, and leaders have kept improving practice since the last inspection.")],
        table=[
            ["Judgement", "Grade"],
            ["The impact of leaders on social work practice with children and families", "Good"],
            ["The experiences and progress of children who need help and protection", "Good"],
            ["The experiences and progress of children in care", "Outstanding"],
            ["The experiences and progress of care leavers", "Outstanding"],
            ["Overall effectiveness", "Good"],
        ],
    )
    settings = Settings(store=root / "store")
    index_into(settings, embedder, corpus)
    return answerer_over(settings, embedder)


@pytest.mark.parametrize("question", ["summarise dudley's 2024 inspection", "what were all of dudley's 2024 judgements?"])
def test_rows_grading_two_areas_alike_are_both_given(judged_apart, question):
    answer = judged_apart.run(question)
    quoted = " ".join(c.quote for c in answer.citations)
    assert "children in care" in quoted and "care leavers" in quoted, answer.answer
