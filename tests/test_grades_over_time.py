"""Two classes of question the sentence pipeline answered with the wrong kind of sentence:

1. One council's grades at two inspections side by side ("X 2015 vs 2024 overall", "how did X's
   grade change from 2019 to 2022", "X overall effectiveness 2014 compared with 2017"), where the
   records do not hold both inspections: asked as one, the best sentence gives one year's grade and
   the comparison reads as answered. It is answered a part a year (pipeline.grade_over_time),
   unless one sentence gives every year's grade.
2. What a document found, looked at or covered ("what did the visit look at?", "list what the
   visit found"): its frame ("This letter summarises the findings of the visit to X on ...") names
   the visit and the findings and says none of them; it is no answer (pipeline.asks_findings). A
   question for a date may still be answered by it.

Made-up letters, news pages and minutes of several councils, indexed into a real store."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.frame import is_frame
from assistant.answering.pipeline import asks_findings, grade_over_time
from assistant.answering.question import parse_parts, scope_of
from indexer.settings import Settings
from tests.docs import answerer_over, index_into, make_docx, make_html


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("over-time")
    corpus = root / "docs"
    corpus.mkdir()
    make_html(
        corpus / "wigan-2016-news-page.html",
        "<h1>Wigan children's services rated inadequate</h1>"
        "<p>Ofsted has judged Wigan's children's services inadequate overall after an inspection in March 2016.</p>"
        "<p>Inspectors found that too many children waited too long for help.</p>",
        title="Wigan children's services rated inadequate",
    )
    make_html(
        corpus / "wigan-2022-news-page.html",
        "<h1>Wigan children's services now good</h1>"
        "<p>Wigan's children's services were judged good overall by Ofsted in a report published in July 2022.</p>"
        "<p>The council's leader thanked social workers for their work.</p>",
        title="Wigan children's services now good",
    )
    make_docx(
        corpus / "halton-2023-scrutiny-minutes.docx",
        [
            ("h1", "Children and Young People Policy and Performance Board"),
            ("p", "The Director reported that the 2023 inspection had judged overall effectiveness requires improvement to be good."),
            ("p", "Members recalled that the 2018 inspection had found services good overall."),
            ("p", "Members asked about the recruitment of foster carers."),
        ],
    )
    make_docx(
        corpus / "halton-2021-monitoring-visit-letter.docx",
        [
            ("h1", "Monitoring visit to Halton children's services"),
            ("p", "This letter summarises the findings of the third monitoring visit to Halton children's services on 9 and 10 March 2021."),
            ("p", "Inspectors reviewed the help given to children at risk of exploitation."),
            ("p", "Return home interviews are now completed quickly and their findings shape safety plans."),
            ("p", "Managers do not always record the reasons for their decisions."),
        ],
    )
    (corpus / "dorset-2023-focused-visit-letter.md").write_text(
        "---\nkind: inspection report\nauthority: Dorset\ndate: 2023-05-20\n---\n"
        "# Focused visit to Dorset children's services\n\n"
        "This letter summarises the findings of the focused visit to Dorset children's services on 3 and 4 May 2023.\n\n"
        "Inspectors looked at the local authority's arrangements for care leavers.\n\n"
        "Personal advisers know their young people well and keep in touch with them often.\n\n"
        "Too few care leavers are in education, employment or training.\n",
        encoding="utf-8",
    )
    return answerer_over(index_into(Settings(store=root / "store"), embedder, corpus), embedder)


def _parts(question: str):
    return parse_parts(question, scope_of(question))


@pytest.mark.parametrize(
    "question",
    [
        "wigan 2016 vs 2022 overall effectiveness",
        "how did wigan's overall grade change from 2016 to 2022",
        "wigan overall effectiveness 2016 compared with 2022",
        "halton 2018 v 2023 overall",
        "how did halton's rating change between 2018 and 2023",
        "halton help and protection 2018 vs 2023",
        # Whether the grade moved, asked yes or no: each year's grade says.
        "did wigan improve its overall grade in 2022 compared with 2016?",
        "did halton's help and protection grade go up or down between 2018 and 2023?",
        "did wigans grade get better or worse from 2016 to 2022",
        # Years listed, no "vs" word: the lead names the grades, the question asks the change.
        "wigan overall grades 2016, 2022 - how has it changed",
        "wigan's 2016 and 2022 overall grades?",
        "halton overall effectiveness 2018, 2021 and 2023 - how has it changed?",
        "halton help and protection grades 2018 & 2023",
    ],
)
def test_one_councils_grades_at_two_inspections_are_asked_a_year_a_part(question):
    (part,) = _parts(question)
    by_year = grade_over_time(part)
    assert [p.scope.years for p in by_year] == [(y,) for y in part.scope.years]
    assert all(p.scope.authorities == part.scope.authorities for p in by_year)


@pytest.mark.parametrize(
    "question",
    [
        "what did inspectors say about care leavers in wigan from 2016 to 2022",  # no grade question
        "did wigan improve its care leavers' practice from 2016 to 2022?",  # yes or no, not of a grade
        "wigan vs halton overall effectiveness 2022",  # two councils, one year
        "wigan overall effectiveness 2022",  # one year
        "how much did wigan spend on agency staff between 2016 and 2022",  # an amount
        "what did inspectors say about wigan's care leavers in 2016 and 2022",  # years listed, no grade asked
        "wigan 2016, 2022 - what did the council's leader say?",  # a lead of years, no grade
        "how much did halton spend in 2018 and 2023",
    ],
)
def test_other_questions_are_not_split_by_year(question):
    for part in _parts(question):
        assert grade_over_time(part) == [part]


@pytest.mark.parametrize(
    "question, grades",
    [
        ("wigan 2016 vs 2022 overall effectiveness", ("inadequate", "good")),
        ("how did wigan's overall grade change from 2016 to 2022", ("inadequate", "good")),
        ("halton 2018 v 2023 overall", ("good", "requires improvement")),
        ("did halton's overall grade go up or down between 2018 and 2023?", ("good", "requires improvement")),
        ("wigan overall grades 2016, 2022 - how has it changed", ("inadequate", "good")),
        ("halton's 2018 and 2023 overall grades?", ("good", "requires improvement")),
    ],
)
def test_a_grade_over_time_gives_each_years_grade_cited(answerer, question, grades):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    quoted = " ".join(c.quote for c in answer.citations).lower()
    for grade in grades:
        assert grade in quoted, answer.answer


@pytest.mark.parametrize(
    "question, facts",
    [
        ("what did halton's third monitoring visit look at", ("exploitation",)),
        ("what did the dorset focused visit find", ("Personal advisers", "Too few care leavers")),
    ],
)
def test_what_a_visit_found_is_answered_by_its_findings_not_its_frame(answerer, question, facts):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    assert not any(is_frame(c.quote) for c in answer.citations), answer.answer
    assert any(f.lower() in answer.answer.lower() for f in facts), answer.answer


@pytest.mark.parametrize(
    "question", ["list what the halton monitoring visit found", "what did dorset's focused visit cover", "what did the halton letter say"]
)
def test_what_a_visit_found_is_never_answered_by_its_frame(answerer, question):
    # With its frame out, a short letter's findings may not answer closely enough: then it is
    # refused, never answered by the frame.
    answer = answerer.run(question)
    assert not any(is_frame(c.quote) for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    "question",
    ["when was the dorset focused visit", "what dates was halton's third monitoring visit"],
)
def test_a_date_may_still_come_from_the_frame(question):
    (part,) = _parts(question)
    assert not asks_findings(part)


@pytest.mark.parametrize("question, council", [("herts overall effectiveness 2018 vs 2023?", "Hertfordshire"),
                                               ("compare surrey's 2022 and bucks' 2022 overall grades", "Buckinghamshire")])
def test_the_usual_short_county_names_scope_the_question(question, council):
    # "Herts" and "Bucks" are how officers write Hertfordshire and Buckinghamshire.
    assert council in scope_of(question).authorities


# --- a grade over time in other words: a council's short form, the frameworks, "across", "what changed"


@pytest.mark.parametrize(
    "question",
    [
        # A council written as its initials leaves no words of its own behind.
        "B&NES overall effectiveness 2016 vs 2023 - any change?",
        # The frameworks name the inspections, not something else asked.
        "did halton improve between the 2015 SIF and the 2021 ILACS?",
        "wigan leadership in the 2016 sif vs impact of leaders in 2022",
        # Years listed after "across", and nothing but the years after a "vs".
        "how has wigan's overall grade moved across 2014, 2018 and 2023",
        "halton 2013 vs 2021 - what changed",
    ],
)
def test_a_grade_over_time_in_other_words_is_asked_a_year_a_part(question):
    (part,) = _parts(question)[-1:]
    by_year = grade_over_time(part)
    assert [p.scope.years for p in by_year] == [(y,) for y in part.scope.years]


@pytest.mark.parametrize(
    "question",
    [
        "halton 2013 vs 2021 - what changed in caseloads",  # a subject besides the grade
        "did halton improve its fostering offer between the 2015 SIF and the 2021 ILACS?",
    ],
)
def test_a_change_of_something_else_across_frameworks_is_left_whole(question):
    for part in _parts(question):
        assert grade_over_time(part) == [part]
