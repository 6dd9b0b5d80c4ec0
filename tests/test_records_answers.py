"""Answers from the inspection records (assistant/answering/records_answer.py), asked of a real
store built from real files: Bristol's 2019 and 2023 reports (PDF, judgement tables, a list of
areas for improvement), its 2023 action plan (DOCX table), scrutiny minutes (DOCX) and a news page
(HTML) that disagrees with the report on one grade; Leeds's 2022 report.

Each class of question is asked in several phrasings (lowercase, a typo, a member's long question);
every value must carry a citation whose quote is verbatim in the cited passage and in the source on
its page; a question the records don't hold is answered exactly as the sentence pipeline answers it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answering.records_answer import SOURCE_NOTE, RecordAnswers, Route, classify
from assistant.answering.question import scope_of
from assistant.citations import quote_is_verbatim, squash
from assistant.types import Filters
from indexer.settings import Settings
from tests.docs import answerer_over, index_into, make_docx, make_html, make_pdf


def _report(path: Path, council: str, dates: str, published: str, grades: list[list[str]], areas: list[str]) -> None:
    make_pdf(
        path,
        [
            [
                ("h", f"Inspection of {council} local authority children's services"),
                ("p", f"Inspection dates: {dates}"),
                ("p", f"Published: {published}"),
                ("h", "Judgements"),
                ("table", [["Judgement", "Grade"], *grades]),
            ],
            [("h", "What needs to improve"), *[("p", f"• {a}") for a in areas]],
        ],
        title=f"Inspection of {council} local authority children's services",
    )


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _report(
        folder / "bristol-2023-inspection-report.pdf", "Bristol", "13 to 24 March 2023", "12 May 2023",
        [
            ["The impact of leaders on social work practice with children and families", "Good"],
            ["The experiences and progress of children who need help and protection", "Good"],
            ["The experiences and progress of children in care", "Good"],
            ["The experiences and progress of care leavers", "Requires improvement to be good"],
            ["Overall effectiveness", "Good"],
        ],
        [
            "The response to domestic abuse, so that risks to children are reduced quickly.",
            "The quality and timeliness of pathway plans for care leavers.",
            "Management oversight of work with children on the edge of care.",
            "The timeliness of return home interviews for children who go missing.",
        ],
    )
    _report(
        folder / "bristol-2019-inspection-report.pdf", "Bristol", "4 to 15 February 2019", "10 April 2019",
        [
            ["The impact of leaders on social work practice with children and families", "Requires improvement to be good"],
            ["The experiences and progress of children who need help and protection", "Requires improvement to be good"],
            ["The experiences and progress of children in care and care leavers", "Inadequate"],
            ["Overall effectiveness", "Requires improvement to be good"],
        ],
        ["The stability of the social work workforce."],
    )
    _report(
        folder / "leeds-2022-inspection-report.pdf", "Leeds", "21 February to 4 March 2022", "9 May 2022",
        [
            ["The impact of leaders on social work practice with children and families", "Requires improvement to be good"],
            ["The experiences and progress of children who need help and protection", "Inadequate"],
            ["The experiences and progress of children in care and care leavers", "Requires improvement to be good"],
            ["Overall effectiveness", "Inadequate"],
        ],
        ["The quality of strategy discussions."],
    )
    make_html(
        folder / "bristol-2023-news.html",
        "<main><h1>Bristol children's services rated good by Ofsted</h1>"
        "<p>Published: 12 May 2023</p><p>Inspection dates: 13 to 24 March 2023</p>"
        "<p>Ofsted has judged Bristol's children's services good overall, with help and protection judged outstanding.</p></main>",
        title="Bristol children's services rated good by Ofsted",
    )
    make_docx(
        folder / "bristol-2023-action-plan.docx",
        [
            ("h1", "Bristol children's services: action plan after the 2023 inspection"),
            ("p", "Date of plan: 1 June 2023"),
        ],
        table=[
            ["Area for improvement", "Action", "Lead", "Deadline", "Status"],
            ["Oversight by managers of children on the edge of care", "Weekly edge-of-care panel chaired by a head of service",
             "Head of Service, Edge of Care", "December 2023", "Complete"],
            ["Pathway planning for care leavers", "Review every pathway plan with the young person",
             "Head of Service, Leaving Care", "March 2024", "In progress"],
            ["Responding to domestic abuse", "Specialist domestic abuse workers in each locality team", "", "", "Not started"],
        ],
    )
    make_docx(
        folder / "bristol-2023-scrutiny-minutes.docx",
        [
            ("h1", "Children and Families Scrutiny Commission - minutes"),
            ("p", "Date of meeting: 10 July 2023"),
            ("h2", "Item 5: Ofsted inspection outcome"),
            ("p", "Members asked how quickly the council would improve its response to domestic abuse so that risks to children are reduced."),
            ("p", "RESOLVED - That the action plan be noted."),
        ],
    )
    return folder


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("records-answers")
    return index_into(Settings(store=root / "store"), embedder, write_corpus(root / "corpus"))


@pytest.fixture(scope="module")
def answerer(store, embedder):
    return answerer_over(store, embedder)


@pytest.fixture(scope="module")
def sentences_only(store, embedder):
    """The same store answered as before this route existed: no records."""
    a = answerer_over(store, embedder)
    a.records = RecordAnswers([])
    return a


def from_records(answer) -> bool:
    return answer.answer.startswith(SOURCE_NOTE)


def assert_every_value_cited(answerer, answer) -> None:
    """Every line that states a value carries [n]; every [n] is a citation whose quote is verbatim
    in the passage it points at and in the source on its page."""
    assert answer.answered and answer.citations
    for line in answer.answer.splitlines()[1:]:
        if line.startswith(("Compared with", "   - No ")) or line.endswith("oldest first:") or "among the indexed documents" in line or "no date recorded" in line:
            continue
        assert re.search(r"\[\d+\]", line), f"uncited line: {line!r}"
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert numbers == {c.n for c in answer.citations}
    for c in answer.citations:
        passage = answerer.retriever.passages[c.passage_id]
        assert (passage.source, passage.page) == (c.source, c.page)
        assert all(squash(line) in squash(passage.text) for line in c.quote.splitlines() if line.strip()), c
        assert quote_is_verbatim(c), c


def cites(answer, line_part: str) -> list[str]:
    """The file names cited on the answer's line containing `line_part`."""
    (line,) = [l for l in answer.answer.splitlines() if line_part in l]
    by_n = {c.n: c for c in answer.citations}
    return [Path(by_n[int(n)].source).name for n in re.findall(r"\[(\d+)\]", line)]


@pytest.mark.parametrize("question", [
    "What were Bristol's grades in 2023?",
    "what grade did bristol get for each judgement in 2023",
    "What grades did Bristol get at the 2023 inspecton?",
    "Show me all the judgements for Bristol's 2023 inspection",
])
def test_grades_of_one_inspection_are_listed_each_cited_and_the_conflict_shows_both(answerer, question):
    answer = answerer.run(question)
    assert from_records(answer), answer.answer
    assert_every_value_cited(answerer, answer)
    text = answer.answer
    assert "fieldwork ended 24 March 2023" in text
    assert "- Care leavers: Requires improvement to be good" in text
    assert "- Overall effectiveness: Good" in text
    # The report says Good, the news page Outstanding: both, with their sources, never one chosen.
    assert re.search(r"- Help and protection: the documents disagree: Good \[\d+\] / Outstanding \[\d+\]", text)
    assert cites(answer, "Help and protection") == ["bristol-2023-inspection-report.pdf", "bristol-2023-news.html"]


@pytest.mark.parametrize("question, shown, not_shown", [
    ("Which judgement was not good in Bristol's 2023 inspection?", ["Care leavers: Requires", "Help and protection: the documents disagree"], ["Children in care:"]),
    ("which judgements weren't graded good for bristol in 2023", ["Care leavers: Requires"], ["Impact of leaders:"]),
    ("Which Bristol judgement required improvement in 2023?", ["Care leavers: Requires"], ["Help and protection", "Children in care:"]),
    ("In the 2019 Bristol inspection, which judgement was graded inadequate?", ["Children in care and care leavers: Inadequate"], ["Help and protection"]),
])
def test_which_judgement_had_a_grade_is_answered_by_the_judgements_that_had_it(answerer, question, shown, not_shown):
    answer = answerer.run(question)
    assert from_records(answer), answer.answer
    assert_every_value_cited(answerer, answer)
    assert all(s in answer.answer for s in shown), answer.answer
    assert not any(s in answer.answer for s in not_shown), answer.answer


@pytest.mark.parametrize("question, area", [
    ("How have Bristol's grades changed since 2019?", None),
    ("how did bristol's overall effectiveness grade change between 2019 and 2023?", "Overall effectiveness"),
    ("How has Bristol's grade for care leavers changed over time?", "care leavers"),
])
def test_grades_over_time_are_one_line_per_inspection_oldest_first(answerer, question, area):
    answer = answerer.run(question)
    assert from_records(answer), answer.answer
    assert_every_value_cited(answerer, answer)
    lines = [l for l in answer.answer.splitlines() if l.startswith("- ")]
    assert len(lines) == 2
    assert "February 2019" in lines[0] and "March 2023" in lines[1]
    if area == "care leavers":
        # 2019 graded care leavers with children in care; 2023 on their own.
        assert "Children in care and care leavers: Inadequate" in lines[0] and "Care leavers: Requires" in lines[1]
        assert "Overall" not in answer.answer
    elif area:
        assert "Overall effectiveness: Requires improvement to be good" in lines[0] and "Overall effectiveness: Good" in lines[1]
        assert "Impact of leaders" not in answer.answer


@pytest.mark.parametrize("question", [
    "What were the areas for improvement for Bristol in 2023 and what is the council doing about each?",
    "what are bristol's areas for improvment, who leads each and when is it due?",
    "Bristol 2023: list the areas for improvement and the actions in the plan for each",
])
def test_areas_for_improvement_come_with_their_actions_and_no_action_is_said(answerer, question):
    answer = answerer.run(question)
    assert from_records(answer), answer.answer
    assert_every_value_cited(answerer, answer)
    text = answer.answer
    assert "1. The response to domestic abuse, so that risks to children are reduced quickly" in text
    assert "Action: Review every pathway plan with the young person; lead: Head of Service, Leaving Care; deadline: March 2024; status: In progress" in text
    assert "Action: Specialist domestic abuse workers in each locality team; lead: not recorded; deadline: not recorded; status: Not started" in text
    # An area the plan does not answer: said, as a fact of the record.
    (missing,) = [i for i, l in enumerate(text.splitlines()) if "return home interviews" in l]
    assert text.splitlines()[missing + 1] == "   - No action recorded for this area in the indexed plans."
    assert cites(answer, "Review every pathway plan") == ["bristol-2023-action-plan.docx"]
    assert cites(answer, "return home interviews") == ["bristol-2023-inspection-report.pdf"]


def test_a_members_whole_question_gets_grades_the_last_time_areas_actions_and_meetings(answerer):
    answer = answerer.run(
        "What did Ofsted grade Bristol on each judgement in 2023, how does that compare with last time, what were the "
        "areas for improvement, what does our plan do about each, who leads it, when is it due, and when did the "
        "committee last look at it?"
    )
    assert from_records(answer), answer.answer
    assert_every_value_cited(answerer, answer)
    text = answer.answer
    assert "oldest first" in text and "February 2019" in text and "March 2023" in text
    assert "Head of Service, Edge of Care" in text
    assert "Last discussed: 10 July 2023, Children and Families Scrutiny Commission" in text
    assert "No committee discussion of it recorded." in text  # the other areas
    assert answer.hits == []  # so the LLM generator hands the list back as it is, never reworded


def test_we_and_our_mean_the_council_the_filters_name_and_filtered_out_sources_are_not_cited(answerer):
    answer = answerer.run("what were our grades in 2023?", Filters(authorities=("Bristol",)))
    assert from_records(answer), answer.answer
    assert_every_value_cited(answerer, answer)
    # Only the inspection reports allowed: the news page's side of the disagreement cannot be
    # cited, so no half of it is shown: the sentence pipeline answers instead.
    only_reports = answerer.run("What were Bristol's grades in 2023?", Filters(kinds=("inspection report",)))
    assert not from_records(only_reports)


@pytest.mark.parametrize("question, councils", [
    ("Which councils were judged inadequate for help and protection since 2022?", ["Leeds"]),
    ("which councils were rated requires improvement for care leavers in 2023", ["Bristol"]),
    ("Which local authorities were graded inadequate overall?", ["Leeds"]),
])
def test_which_councils_lists_each_council_whose_record_has_the_grade(answerer, question, councils):
    answer = answerer.run(question)
    assert from_records(answer), answer.answer
    assert_every_value_cited(answerer, answer)
    rows = [l for l in answer.answer.splitlines() if l.startswith("- ")]
    assert [r.split(",")[0][2:] for r in rows] == councils


@pytest.mark.parametrize("question", [
    "What were Bristol's grades in 2021?",  # no inspection of 2021 in the records
    "Which councils were judged outstanding for care leavers?",  # no record has it
    "What grade did Bristol get for care leavers in 2023?",  # one grade: the report's own row answers it
    "Did Ofsted list domestic abuse as an area for improvement for Bristol?",  # yes/no about one item
    "How many areas for improvement did Ofsted give Bristol in 2023?",  # a count
    "Who leads the pathway planning action?",  # no list it refers back to
])
def test_what_the_records_do_not_answer_is_answered_as_before(answerer, sentences_only, question):
    answer, before = answerer.run(question), sentences_only.run(question)
    assert not from_records(answer)
    assert (answer.answer, answer.answered, [c.quote for c in answer.citations]) == (
        before.answer, before.answered, [c.quote for c in before.citations]
    )


def test_classes_are_read_from_the_parsed_question():
    def routes(q):
        plan = classify(q, scope_of(q))
        return plan and [r for r, _ in plan.routes]

    assert routes("what were leeds's grades in 2022") == [Route.GRADES]
    assert routes("Which judgement wasn't outstanding for Leeds in 2022?") == [Route.SELECTION]
    assert routes("How have Leeds's grades changed since 2018?") == [Route.HISTORY]
    assert routes("What were the areas for improvement for Leeds, and what is the council doing about each?") == [Route.IMPROVEMENTS, Route.FOLLOW_UP]
    assert classify("what are leeds's areas for improvment and who leads each?", scope_of("leeds")).actions
    assert routes("Which councils were rated good overall in 2023?") == [Route.ACROSS]
    # Mixed, or not a record's: the sentence pipeline's whole.
    assert routes("What grade did Leeds get for help and protection in 2022, and what were the areas for improvement?") is None
    assert routes("Why were Leeds's grades lower in 2022?") is None
    assert routes("Who leads it?") is None


def test_a_store_without_records_answers_from_sentences(store, embedder):
    a = answerer_over(store, embedder)
    a.records = RecordAnswers([], list(a.retriever.passages.values()))
    assert not from_records(a.run("What were Bristol's grades in 2023?"))


# --- a list of areas whose record has no date of its own ---------------------------------------
# The class: areas for improvement read from a council's news page or plan that names no fieldwork
# or publication date of the inspection. Such a record answers a question naming the year its
# documents are dated, each item cited, and the heading says the date is the documents'.

def _undated_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for council, year, areas in (
        ("Calderdale", 2021, ["the timeliness of initial health assessments", "supervision records for social workers", "the quality of return home interviews"]),
        ("Halton", 2020, ["consistent management oversight of assessments", "pathway plans for care leavers"]),
        ("Wigan", 2022, ["the quality of life-story work for children in care"]),  # one area: no list to show
    ):
        make_html(
            folder / f"{council.lower()}-{year}-news-page.html",
            f"<main><h1>{council} children's services: Ofsted's findings</h1>"
            f"<p>{council} Council has welcomed the Ofsted inspection report on its children's services.</p>"
            f"<p>Inspectors said the council needs to improve:</p><ul>" + "".join(f"<li>{a};</li>" for a in areas) + "</ul>"
            f"<p>Councillor Ann Smith said the areas for improvement are clear and the council will act on them.</p></main>",
            title=f"{council} children's services: Ofsted's findings",
        )
    return folder


@pytest.fixture(scope="module")
def undated(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("records-undated")
    return answerer_over(index_into(Settings(store=root / "store"), embedder, _undated_corpus(root / "corpus")), embedder)


@pytest.mark.parametrize("question, items", [
    ("what were calderdale's areas for improvement in 2021?", ["initial health assessments", "supervision records", "return home interviews"]),
    ("what did calderdale need to improve in 2021", ["initial health assessments", "supervision records", "return home interviews"]),
    ("list the areas needing improvement from halton's 2020 inspection", ["management oversight of assessments", "pathway plans"]),
])
def test_an_undated_records_areas_answer_the_year_its_documents_are_dated(undated, question, items):
    answer = undated.run(question)
    assert from_records(answer), answer.answer
    assert "no date recorded" in answer.answer
    for item in items:
        assert item in answer.answer
    assert_every_value_cited(undated, answer)


@pytest.mark.parametrize("question", [
    "what were calderdale's areas for improvement in 2019?",  # no document of that year
    'who said "the areas for improvement are clear" about calderdale in 2021?',  # asks whose words they quote
    "what were wigan's areas for improvement in 2022?",  # one area read from a page is no list
])
def test_an_undated_record_answers_no_other_question(undated, question):
    assert not from_records(undated.run(question))


# A SIF report's judgements include some no ILACS area holds (adoption performance, the
# safeguarding board's review): "all the judgements" is then not answered from the record's
# ILACS areas, which would leave them out, but from the report's own judgement table.
@pytest.mark.parametrize("type_, dates, sif", [
    (None, ("2015-02", "2015-02-11", None), True),
    (None, (None, "2017-07", "2017-08-25"), True),
    ("single inspection framework", (None, None, None), True),
    (None, ("2019-03-04", "2019-03-15", "2019-05-01"), False),
    ("ILACS standard inspection", (None, None, "2018-02-01"), False),
    (None, (None, None, None), False),
])
def test_a_sif_inspection_is_told_from_an_ilacs_one(type_, dates, sif):
    from assistant.answering.records_answer import _single_framework
    from indexer.records.types import Fact, InspectionRecord, InspectionType

    start, end, published = (Fact(value=d) if d else None for d in dates)
    kind = next((t for t in InspectionType if t.value == type_), None) if type_ else None
    assert type_ is None or kind is not None
    record = InspectionRecord(authority="Rutland", type=kind, fieldwork_start=start, fieldwork_end=end, published=published)
    assert _single_framework(record) is sif
