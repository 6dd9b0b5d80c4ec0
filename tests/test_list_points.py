"""A question for several findings answered by the points of its best document.

"What weaknesses did Ofsted find?", "what concerns did inspectors raise?", "what did cabinet
resolve?": the items sit in different sentences of a story or a report, each far less like the
question than the sentence about the list (or the dateline and the title, which share its council
and year). The answer gathers them: the best document's candidates within `list_keep_within` of
the best, at most `list_points`, none repeating another, each cited (pipeline.gathers_points,
Answerer._list_points); lines that are no point (a dateline, a title, an attachment's link) are
not among them (gates.PointGate); the best document's list is read even where retrieval ranked
its passage out (Answerer._judge_with_document). A one-fact question does not grow into a list,
and a list question whose documents do not hold it is still refused. Made-up wording and
documents throughout."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.candidates import Unit
from assistant.answering.gates import PointGate
from assistant.answering.pipeline import gathers_points
from assistant.answering.question import Question
from assistant.types import Hit, Scope
from indexer.settings import Settings
from indexer.types import DocKind, Passage
from tests.docs import answerer_over, index_into

# A local paper's story: its dateline and headline name the council and the year; the weaknesses
# are three sentences of their own, none of which says "weakness".
STORY = """---
kind: other
authority: Wokingham
date: 2019-03-12
---
# Wokingham children's services told to improve by Ofsted

Tuesday 12 March 2019

Ofsted's latest inspection has judged Wokingham's children's services to require improvement to be good.

The inspection took place over three weeks in February and inspectors read around 180 children's files.

Inspectors said that managers check social workers' decisions too rarely to keep practice steady. Too many children wait more than a month for their first assessment visit. Agency staff turnover means some families have had four social workers in a year.

The council's leader said a recovery plan would go to cabinet in April.
"""

# A cabinet's minutes: the resolutions are a lettered list under "Resolved:" at the foot, in a
# passage of their own after the discussion.
MINUTES = """---
kind: committee minutes
authority: North Somerset
date: 2022-07-05
---
# North Somerset Cabinet, 5 July 2022

## Item 7: Ofsted inspection of children's services

The Executive Member for Children's Services presented the report on the Ofsted inspection carried out in May 2022. She said North Somerset's services had been judged good overall and that inspectors had seen real progress in the front door. The Director of Children's Services said the inspectors' recommendations would be taken into the service plan for the year ahead. Members asked how the council would keep social workers, and the director described the new retention payments and the academy for newly qualified staff. Members welcomed the progress made since the monitoring visits of 2020 and 2021, and asked about the use of agency staff in the disabled children's team.

Resolved:
a) To note the findings of the Ofsted inspection of children's services.
b) To record the Cabinet's thanks to the social workers and their managers.
c) To ask the Children and Families Scrutiny Panel to review progress in six months.

Supporting documents:
Ofsted inspection report, North Somerset 2022 pdf icon PDF 540 KB
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("points")
    corpus = root / "docs"
    corpus.mkdir()
    for name, text in {"wokingham-2019-news.md": STORY, "north-somerset-2022-cabinet-minutes.md": MINUTES}.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(store=root / "store")
    index_into(settings, embedder, corpus)
    return answerer_over(settings, embedder)


@pytest.mark.parametrize(
    "question",
    [
        "what weaknesses did ofsted find at wokingham in 2019",
        "what concerns did inspectors raise about wokingham in 2019?",
        "what problems did the 2019 inspection find in wokingham",
        "list the weaknesses ofsted found in wokingham in 2019",
    ],
)
def test_the_findings_asked_for_are_gathered_from_the_sentences_that_hold_them(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    for said in ("check social workers' decisions too rarely", "wait more than a month", "four social workers in a year"):
        assert said in answer.answer, answer.answer
    # Each point quoted and cited on its own, from the story; its dateline is no point.
    assert len(answer.citations) >= 3 and all("wokingham" in c.source for c in answer.citations), answer.answer
    assert "Tuesday 12 March 2019" not in answer.answer


@pytest.mark.parametrize(
    "question",
    ["what did north somerset cabinet resolve about the ofsted item", "what did the north somerset cabinet agree on the 2022 inspection?"],
)
def test_a_meetings_resolutions_are_quoted_item_by_item(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    for said in ("To note the findings", "To record the Cabinet's thanks", "review progress in six months"):
        assert said in answer.answer, answer.answer
    assert "PDF 540 KB" not in answer.answer


@pytest.mark.parametrize(
    "question, said, not_said",
    [
        ("how many children's files did inspectors read in wokingham in 2019?", "around 180", "four social workers"),
        ("what did the wokingham council leader say would go to cabinet in 2019?", "recovery plan", "wait more than a month"),
    ],
)
def test_a_one_fact_question_does_not_grow_into_a_list(answerer, question, said, not_said):
    answer = answerer.run(question)
    assert answer.answered and said in answer.answer, answer.answer
    assert not_said not in answer.answer


def test_a_list_question_of_a_year_no_document_covers_is_still_refused(answerer):
    assert not answerer.run("what weaknesses did ofsted find at wokingham in 2015").answered


def _question(text: str, councils: tuple[str, ...] = ("Wokingham",)) -> Question:
    return Question.parse(text, Scope(councils, ()), inspectors=False)


@pytest.mark.parametrize(
    "text, gathers",
    [
        ("what weaknesses did ofsted find at wokingham", True),
        ("what strengths did inspectors praise in wokingham?", True),
        ("which services did the wokingham report single out?", True),
        ("list the actions in the wokingham plan", True),
        ("what did the wokingham cabinet resolve?", True),
        # One thing asked, a date, a count, a grade: no list.
        ("what was the main weakness ofsted found at wokingham?", False),
        ("when did inspectors visit wokingham?", False),
        ("how many weaknesses did ofsted find at wokingham?", False),
        ("what grade did wokingham get?", False),
        ("what dates was the wokingham visit?", False),
    ],
)
def test_which_questions_gather_points(text, gathers):
    assert gathers_points(_question(text)) is gathers


def test_a_comparison_gathers_no_points():
    assert not gathers_points(_question("what weaknesses did ofsted find at wokingham and north somerset?", ("Wokingham", "North Somerset")))


def _unit(text: str, table: bool = False, is_list: bool = False) -> Unit:
    p = Passage(id="p", source="a.md", title="A", kind=DocKind.OTHER, page=None, heading="", text=text, ordinal=0, file_hash="h",
                is_table_row=table, authority="Wokingham", date="2019-03-12")
    return Unit(Hit(p, 1.0), text, text, is_list=is_list)


@pytest.mark.parametrize(
    "text, table, is_list, passes",
    [
        ("Too many children wait more than a month for a visit.", False, False, True),
        ("• the use of unregistered homes", False, False, True),
        ("managers check decisions too rarely;", False, False, True),
        ("Area for improvement: Supervision — Action: quarterly audit", True, False, True),
        ("Resolved:\na) To note the report\nb) To thank staff", False, True, True),
        ("The weaknesses inspectors listed included:", False, False, True),
        # The lines around the points: a dateline, a title, a publication line, a link.
        ("Tuesday 12 March 2019", False, False, False),
        ("Published 4 May 2022", False, False, False),
        ("Children's Services Improvement Plan 2025–2027", False, False, False),
        ("Appendix 1 - Ofsted Inspection Report 2023 pdf icon PDF 688 KB", False, False, False),
    ],
)
def test_a_point_is_a_sentence_a_row_or_an_item(text, table, is_list, passes):
    assert PointGate(True).passes(_unit(text, table, is_list)) is passes
    assert PointGate(False).passes(_unit(text, table, is_list))  # asked for one fact: no gate
