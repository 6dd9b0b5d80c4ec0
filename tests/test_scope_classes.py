"""Scope and vocabulary classes, on made-up documents of made-up findings indexed into a real store:

1. Year scope. A report inspected in one year and published the next (fieldwork in November,
   report in January), and the plan dated the year after that answers it, are the inspection
   year's documents as well as their own year's: a question naming either year finds them. A
   document that mentions a year in passing ("since the 2019 inspection") is not that year's.
2. Old grade scales. "Adequate" (2009-2012) and a stated "poor" are grades: a question asking the
   grade of those years is answered by the sentence that states it, which is never read as a
   current grade ("adequate" is neither good nor requires improvement). The LSCB, judged apart from
   the council under the SIF, is answered only by a sentence that grades the board.
3. Grades across named councils ("which of X or Y got outstanding?", "did X or Y do better?"):
   from each council's inspection record, each value cited; refused when one named council's
   records hold no graded inspection of the time asked.
4. A council or a year nobody indexed is refused.
"""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.records_answer import Route, classify
from assistant.answering.question import scope_of
from indexer.settings import Settings
from indexer.vocabulary import GRADE_WORDS, Grade, OldGrade, grade_of, old_grade_of
from tests.docs import answerer_over, index_into


def _report(council: str, fieldwork: str, published: str, date: str, grades: dict[str, str], finding: str) -> str:
    rows = "\n".join(f"| {area} | {grade} |" for area, grade in grades.items())
    return (
        f"---\nkind: inspection report\nauthority: {council}\ndate: {date}\n---\n"
        f"# Inspection of {council} local authority children's services\n\n"
        f"Inspection dates: {fieldwork}\n\nReport published: {published}\n\n"
        f"| Judgement | Grade |\n|---|---|\n{rows}\n\n"
        f"## Summary\n\n{finding}\n"
    )


ILACS = ("Overall effectiveness", "The impact of leaders on social work practice with children and families",
         "The experiences and progress of children who need help and protection",
         "The experiences and progress of children in care and care leavers")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("scope-classes")
    docs = root / "docs"
    docs.mkdir()
    # Inspected in November 2021, published in January 2022: the two orders a question may name.
    (docs / "rutland-2022-inspection-report.md").write_text(_report(
        "Rutland", "8 to 19 November 2021", "21 January 2022", "2022-01-21",
        dict(zip(ILACS, ("Outstanding", "Outstanding", "Good", "Outstanding"))),
        "Social workers in Rutland visit children often and know their families' histories well.",
    ), encoding="utf-8")
    # A plan dated the year after the inspection it answers.
    (docs / "bury-2023-improvement-plan.md").write_text(
        "---\nkind: action plan\nauthority: Bury\ndate: 2023-02\n---\n"
        "# Bury children's services improvement plan\n\n"
        "This plan responds to the Ofsted inspection of Bury's children's services from 3 to 14 October 2022.\n\n"
        "| Action | Lead | Deadline |\n|---|---|---|\n"
        "| Recruit twelve permanent social workers to the assessment teams | Head of Service | June 2023 |\n",
        encoding="utf-8",
    )
    (docs / "bury-2022-inspection-report.md").write_text(_report(
        "Bury", "3 to 14 October 2022", "2 December 2022", "2022-12-02",
        dict(zip(ILACS, ("Requires improvement to be good", "Requires improvement to be good", "Good",
                         "Requires improvement to be good"))),
        "Too many assessments in Bury are completed by agency staff who leave before the work is done.",
    ), encoding="utf-8")
    # A page that mentions an earlier year in passing: it is not that year's document.
    (docs / "rutland-2024-news.md").write_text(
        "---\nkind: other\nauthority: Rutland\ndate: 2024-06-03\n---\n"
        "# Rutland opens a new family hub\n\n"
        "Rutland County Council opened a family hub in Oakham on 3 June 2024, its first since the 2021 inspection.\n\n"
        "The hub offers parenting courses and a weekly drop-in for young carers.\n\n"
        "At the 2019 inspection, help and protection was judged to require improvement.\n",
        encoding="utf-8",
    )
    # A SIF re-inspection's news: its title names every area and grades none of them.
    (docs / "halton-2016-news.md").write_text(
        "---\nkind: other\nauthority: Halton\ndate: 2016-03-04\n---\n"
        "# Halton children's services\n\n"
        "Halton's children's services are no longer inadequate, according to the Ofsted report published today "
        "on its re-inspection of services for children in need of help and protection, children looked after and care leavers.\n\n"
        "The council's leader thanked foster carers and social workers.\n",
        encoding="utf-8",
    )
    # Old scales: a 2011 news page with the safeguarding inspection's "adequate", and a history
    # table with an assessment's "poor".
    (docs / "dudley-2011-news.md").write_text(
        "---\nkind: other\nauthority: Dudley\ndate: 2011-05-10\n---\n"
        "# Dudley safeguarding inspection published\n\n"
        "Ofsted's inspection of safeguarding and looked after children in Dudley, published in May 2011, "
        "rated the council's safeguarding services adequate.\n\n"
        "| Year | Assessment | Outcome |\n|---|---|---|\n| 2008 | Annual performance assessment | Poor |\n\n"
        "The Local Safeguarding Children Board was not judged in this inspection.\n",
        encoding="utf-8",
    )
    settings = Settings(store=root / "store")
    index_into(settings, embedder, docs)
    return settings, embedder


@pytest.fixture(scope="module")
def answerer(corpus) -> Answerer:
    settings, embedder = corpus
    return answerer_over(settings, embedder)


def _quoted(answer) -> str:
    return " ".join(c.quote for c in answer.citations).lower()


# --- 1. year scope -----------------------------------------------------------------------------


def test_documents_hold_their_own_year_and_their_inspections(answerer):
    passages = answerer.retriever.passages
    years = {p.source.rsplit("/", 1)[-1]: p.years for p in passages.values()}
    assert years["rutland-2022-inspection-report.md"] >= {2021, 2022}  # inspected 2021, published 2022
    assert years["bury-2023-improvement-plan.md"] >= {2022, 2023}  # dated 2023, answers the 2022 inspection
    assert years["bury-2022-inspection-report.md"] == {2022}
    assert 2021 not in years["rutland-2024-news.md"]  # "since the 2021 inspection": in passing


@pytest.mark.parametrize(
    "question, grade",
    [
        ("What grade did Rutland get for help and protection in 2021?", "good"),  # the inspection's year
        ("What grade did Rutland get for help and protection in 2022?", "good"),  # the publication's year
        ("what was rutland's overall effectiveness at the november 2021 inspection", "outstanding"),
    ],
)
def test_a_grade_is_found_by_the_inspection_year_or_the_publication_year(answerer, question, grade):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    assert grade in _quoted(answer), answer.answer


@pytest.mark.parametrize(
    "question",
    ["What does Bury's plan for the 2022 inspection say about recruiting social workers?",
     "Bury 2022: what action does the improvement plan set for social workers?"],
)
def test_a_plan_dated_the_next_year_answers_a_question_naming_the_inspection_year(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    assert any("bury-2023-improvement-plan" in c.source for c in answer.citations), answer.answer


# --- 2. old grade scales -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, old",
    [("rated the council adequate", OldGrade.ADEQUATE), ('they were rated "adequate".', OldGrade.ADEQUATE),
     ("Outcome: Poor", OldGrade.POOR), ("judged as poor", OldGrade.POOR)],
)
def test_old_grades_are_grades_but_no_current_grade(text, old):
    assert old_grade_of(text) is old
    assert grade_of(text) is None  # never read as good, requires improvement or inadequate
    assert GRADE_WORDS.search(text)


@pytest.mark.parametrize("text", ["poor practice went unchallenged", "adequately staffed teams", "judged inadequate"])
def test_everyday_words_and_inadequate_are_no_old_grade(text):
    assert old_grade_of(text) is None


def test_inadequate_stays_a_current_grade():
    assert grade_of("judged inadequate") is Grade.INADEQUATE


@pytest.mark.parametrize(
    "question, word",
    [("What was Dudley rated in 2011?", "adequate"),
     ("how were dudley's safeguarding services rated at the 2011 inspection", "adequate"),
     ("what was dudley's outcome in the 2008 assessment", "poor")],
)
def test_an_old_grade_is_answered_from_the_sentence_that_states_it(answerer, question, word):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    quoted = _quoted(answer)
    assert word in quoted, answer.answer
    assert "requires improvement" not in answer.answer.lower()


@pytest.mark.parametrize(
    "question",
    ["which judgements were adequate for dudley in 2011?", "which rutland judgements were adequate?"],
)
def test_an_old_grade_question_is_never_answered_from_the_records_current_scale(question):
    assert classify(question, scope_of(question)) is None


@pytest.mark.parametrize(
    "question",
    ["What grade did Dudley's LSCB get in 2011?", "how was the rutland local safeguarding children board judged?"],
)
def test_the_lscb_is_answered_only_by_a_sentence_grading_the_board(answerer, question):
    answer = answerer.run(question)
    assert not answer.answered, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        # The SIF title names help and protection and grades nothing.
        "what grade did Halton get for help and protection in 2016?",
        # Before 2023 care leavers were graded with children in care: not "on their own".
        "What grade did Rutland's care leavers get on their own in 2021?",
        "how were rutland's care leavers judged separately at the 2021 inspection",
        # "At the 2019 inspection, ..." in a 2024 page is 2019's grade, not 2024's.
        "What grade did Rutland get for help and protection in 2024?",
    ],
)
def test_a_sentence_naming_an_area_without_grading_it_that_year_is_no_grade(answerer, question):
    answer = answerer.run(question)
    assert not answer.answered, answer.answer


def test_the_joint_judgement_still_answers_care_leavers_when_not_asked_on_their_own(answerer):
    answer = answerer.run("What grade did Rutland's care leavers get in 2021?")
    assert answer.answered, answer.answer
    assert "outstanding" in _quoted(answer), answer.answer


# --- 3. grades across named councils -----------------------------------------------------------


@pytest.mark.parametrize(
    "question, route",
    [("which of Rutland or Bury got outstanding?", Route.AMONG), ("did Rutland or Bury do better?", Route.AMONG),
     ("Rutland vs Bury: overall grade", Route.AMONG), ("which judgement was outstanding for rutland?", Route.SELECTION),
     ("which of Rutland or Bury was better at recruiting social workers?", None)],
)
def test_grade_questions_naming_councils_go_to_the_records(question, route):
    plan = classify(question, scope_of(question))
    assert (plan.routes[0][0] if plan else None) is route


@pytest.mark.parametrize(
    "question, verdict",
    [("which of Rutland or Bury got outstanding?", "graded outstanding for overall effectiveness: rutland"),
     ("Did Rutland or Bury do better overall?", "better graded for overall effectiveness: rutland"),
     ("which was rated requires improvement to be good, Bury or Rutland?", ": bury")],
)
def test_grades_across_named_councils_are_each_cited_and_compared(answerer, question, verdict):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    text = answer.answer.lower()
    assert verdict in text, answer.answer
    sources = {c.source.rsplit("/", 1)[-1] for c in answer.citations}
    assert {"rutland-2022-inspection-report.md", "bury-2022-inspection-report.md"} <= sources, answer.answer


@pytest.mark.parametrize(
    "question",
    ["Did Rutland or Dudley do better in 2022?",  # Dudley's documents hold no graded inspection record
     "did Bury or Rutland do better in 2019?"],  # nobody's record of that year
)
def test_a_comparison_a_council_has_no_record_for_is_refused(answerer, question):
    answer = answerer.run(question)
    assert not answer.answered, answer.answer


# --- 4. councils and years nobody indexed ------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["What grade did Wigan get in 2022?", "What grade did Rutland get for help and protection in 2030?",
     "which of rutland or wigan got outstanding?"],
)
def test_a_council_or_year_nobody_indexed_is_refused(answerer, question):
    answer = answerer.run(question)
    assert not answer.answered, answer.answer
