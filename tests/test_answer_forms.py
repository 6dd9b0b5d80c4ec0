"""Answers in the form the question asks for: "which judgement was not X?" is answered by an
area graded otherwise, and "what were the areas for improvement?" by the list itself, not by a
sentence about it. Each test runs over a class (every grade, every list noun)."""

from __future__ import annotations

import pytest

from assistant.answering.candidates import units_of
from assistant.answering.needs import LIST_NOUNS, need_of
from assistant.answering.question import Intent, Question
from assistant.types import Hit, Scope
from indexer.types import DocKind, Passage
from indexer.vocabulary import Grade


@pytest.mark.parametrize("refused", list(Grade))
@pytest.mark.parametrize("form", ["Which judgement was not {g}?", "which areas weren't {g} in 2023?", "Which area was not judged {g}?"])
def test_a_negated_grade_is_answered_by_an_area_graded_otherwise(refused, form):
    need = need_of(form.format(g=refused.value.lower()))
    assert need is not None
    other = next(g for g in Grade if g is not refused)
    assert need.met(f"Help and protection: {other.value}")
    assert not need.met(f"Help and protection: {refused.value}")
    assert not need.met(f"Overall effectiveness: {other.value}")  # an area, not the overall grade


def test_requires_improvement_to_be_good_is_one_grade_not_a_good():
    need = need_of("Which judgement was not requires improvement?")
    assert not need.met("Care leavers: Requires improvement to be good")


@pytest.mark.parametrize("noun", LIST_NOUNS)
def test_a_list_question_needs_the_list_not_a_sentence_about_it(noun):
    need = need_of(f"What were the {noun} in the report?")
    assert need is not None
    assert not need.met(f"These {noun} sit alongside the good judgements described above.")
    assert not need.met(f"Inspectors identified four {noun}.")
    assert need.met(f"The {noun} are:\n- supervision\n- care plans")
    assert need.met(f"The {noun} include supervision, care plans, and the front door.")


def _hit(text: str) -> Hit:
    passage = Passage(id="p", source="r.pdf", title="t", kind=DocKind.INSPECTION_REPORT, page=1, heading="", text=text, ordinal=0, file_hash="h")
    return Hit(passage, 1.0)


def test_a_numbered_run_is_one_candidate_with_its_introduction():
    text = "Inspectors identified three areas. Each is set out below.\n1. Domestic abuse.\n2. Written records.\n3. Diverse needs.\nThe end."
    lists = [u for u in units_of(_hit(text)) if u.is_list]
    assert len(lists) == 1
    assert lists[0].quote.startswith("Inspectors identified") and lists[0].quote.endswith("3. Diverse needs.")


def test_only_a_list_question_may_choose_a_whole_list():
    from assistant.answering.gates import FormGate

    unit = next(u for u in units_of(_hit("Set out below.\n- one thing here\n- another thing here")) if u.is_list)
    listing = Question.parse("What were the areas for improvement?", Scope(), inspectors=False)
    other = Question.parse("What did inspectors say about care leavers?", Scope(), inspectors=False)
    assert listing.intent is Intent.ITEMS and FormGate(listing).passes(unit)
    assert not FormGate(other).passes(unit)


def test_the_areas_for_improvement_are_answered_with_the_whole_list(answerer):
    answer = answerer.run("What were the areas for improvement in the Ofsted report?")
    assert answer.answered
    for item in ("Domestic abuse", "Written records", "Diverse needs", "Disabled children"):
        assert item in answer.answer


@pytest.mark.parametrize(
    "question", ["Summarise the inspection", "give me an overview of the report", "what were the main points of the report?", "sum up the minutes"]
)
def test_asking_for_the_gist_is_a_summary(question):
    assert Question.parse(question, Scope(), inspectors=False).intent is Intent.SUMMARY


def test_a_summary_quotes_several_points_from_different_passages_grades_first(answerer):
    answer = answerer.run("give me an overview of what inspectors found")
    assert answer.answered and len(answer.citations) >= 3
    passages = [c.passage_id for c in answer.citations]
    assert len(set(passages)) >= 3
    # A passage gives one point, or one list (its lead-in and items, each cited on its own);
    # only the document's opening (its first passages of prose, its own summary) is quoted
    # sentence by sentence, in its order (pipeline.Answerer._headline).
    from assistant.answering.candidates import BULLET
    from indexer.vocabulary import GRADE_PATTERN

    prose = [c.passage_id for c in answer.citations if not GRADE_PATTERN.search(c.quote)]
    opening = list(dict.fromkeys(prose))[:2]
    for pid in opening:
        quotes = [c.quote for c in answer.citations if c.passage_id == pid]
        assert quotes == sorted(quotes, key=lambda q: answerer.retriever.passages[pid].text.find(q)), quotes
    for pid in set(passages) - set(opening):
        quotes = [c.quote for c in answer.citations if c.passage_id == pid]
        if len(quotes) > 1:
            assert all(BULLET.match(q) or q[:1].islower() for q in quotes[1:]), quotes
