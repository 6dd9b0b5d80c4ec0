"""Yes-or-no questions (assistant.answering.whether): which questions ask yes or no, what their
proposition is, and that the sentence deciding it (in its own words, often a negation) is the
answer, not the letter's frame naming the visit nor a sentence posing the same question. Made-up
documents and wording throughout."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from assistant.answering.question import parse_parts, scope_of
from assistant.answering.whether import asks_whether, poses_question, states_polarity
from tests.docs import answerer_over, docs_store


@pytest.mark.parametrize("asks", [
    "did the focused visit find caseloads had reduced?",
    "were any parts of the service rated inadequate in 2021?",
    "was every judgement good at the last inspection?",
    "is the council still inadequate?",
    "has staff turnover fallen since the visit?",
    "does the council rely on agency workers?",
    "are there any areas for improvement in the report?",
    "didn't the panel agree the plan?",
    "In 2021, was the front door working well?",
    "Marlow 2021 inspection: any areas for improvement?",
    "any new priority actions at the visit?",
])
def test_a_question_opening_with_an_auxiliary_or_any_asks_yes_or_no(asks):
    assert asks_whether(asks)


@pytest.mark.parametrize("asks", [
    "what did the focused visit find about caseloads?",
    "how was the council rated in 2021?",
    "which areas were judged inadequate?",
    "can you summarise the 2021 letter?",
    "could you list the areas for improvement?",
    "The council was rated good in 2021.",
    "In 2021, what did inspectors find?",
    "summarise the findings on care leavers",
])
def test_a_wh_question_a_request_or_a_statement_does_not(asks):
    assert not asks_whether(asks)


def _parts(text: str):
    return parse_parts(text, scope_of(text))


def test_the_proposition_leaves_the_council_the_document_the_asking_and_the_polar_words():
    (q,) = _parts("did ofsted think rutland's front door was working well at the 2022 focused visit?")
    assert q.yes_no
    assert {"front", "door", "work", "well"} <= q.proposition
    assert not q.proposition & {"rutland", "ofst", "think", "focus", "visit", "2022"}


def test_the_ways_of_saying_a_grade_was_given_are_one_word_of_the_proposition():
    (a,) = _parts("were any parts of rutland's services rated inadequate in 2021?")
    (b,) = _parts("was any part of rutland's service judged inadequate in 2021?")
    assert a.proposition == b.proposition and "judg" in a.proposition and "any" not in a.proposition


@pytest.mark.parametrize("text", [
    "did rutland's 2022 visit find care leavers were graded the same as children in care?",
    "was rutland rated better than in 2018?",
])
def test_a_yes_or_no_comparison_has_no_proposition_both_sides_decide_it(text):
    (q,) = _parts(text)
    assert q.yes_no and not q.proposition


def test_any_other_question_has_no_proposition():
    (q,) = _parts("what did the rutland 2022 focused visit find about caseloads?")
    assert not q.yes_no and not q.proposition


@pytest.mark.parametrize("text, polar", [
    ("No part of the service was judged inadequate this time.", True),
    ("Inspectors did not identify any areas for priority action.", True),
    ("Oversight has yet to become consistent.", True),
    ("The area has made sufficient progress in 5 of the 8 areas of weakness.", True),
    ("Progress in the fostering service has been insufficient.", True),
    ("Most care leavers meet their adviser too late to build a relationship.", False),
    ("Caseloads have reduced and are manageable.", False),
])
def test_a_negation_or_a_quantity_states_a_polarity(text, polar):
    assert states_polarity(text) is polar


@pytest.mark.parametrize("text, poses", [
    ("Inspectors revisited the area to decide whether sufficient progress had been made.", True),
    ("Members asked whether the letter set any priority actions.", True),
    ("The panel queried if the plan was funded.", True),
    ("Inspectors did not identify any areas for priority action.", False),
])
def test_a_sentence_asking_the_question_poses_it(text, poses):
    assert poses_question(text) is poses


DOCS = {
    "rutland-2022-focused-visit-letter.md": """---
kind: inspection report
authority: Rutland
date: 2022-04-12
---
# Focused visit to Rutland children's services

## Findings

This letter summarises the findings of the focused visit to Rutland children's services carried out in March 2022.
Inspectors looked at the council's front door and its work with children in need.
Inspectors did not identify any areas for priority action.
Caseloads have come down and are now manageable for most social workers.
Management oversight of assessments is not yet consistent across the teams.
Leaders have agreed a plan to change how the fostering service recruits carers.
Progress in the fostering service has been insufficient.
""",
    "rutland-2022-scrutiny-minutes.md": """---
title: Rutland County Council Children's Scrutiny Panel minutes, 9 June 2022
kind: committee minutes
authority: Rutland
date: 2022-06-09
---
# Children's Scrutiny Panel

## Focused visit

Members asked whether the letter on the focused visit had set any areas for priority action.
The Director said recruitment of permanent social workers would continue through the summer.
""",
}
# Other pages of the council's, so that the words of the questions are as rare as in a corpus.
for n, topic in enumerate((
    "The council opened a new family hub in Oakham with health visitors and youth workers.",
    "Cabinet agreed the school transport budget for the coming year.",
    "The fostering service recruited twelve new foster families this year.",
    "Youth justice partners reviewed the out-of-court disposal panel.",
    "The libraries service extended its opening hours in the summer holidays.",
    "The adoption agency placed nine children with their new families.",
    "Members welcomed the new playground at the country park.",
    "The council consulted on its school admissions arrangements.",
)):
    DOCS[f"rutland-2022-news-{n}.md"] = f"---\nkind: other\nauthority: Rutland\ndate: 2022-0{n + 1}-01\n---\n# News\n\n{topic}\n"


@pytest.fixture(scope="module")
def rutland(tmp_path_factory, embedder) -> Answerer:
    return answerer_over(docs_store(tmp_path_factory.mktemp("yes-no"), embedder, DOCS), embedder)


@pytest.mark.parametrize("question", [
    "did the rutland focused visit in 2022 set any areas for priority action?",
    "Rutland 2022 focused visit: any areas for priority action?",
    "were any priority actions identified at rutland's 2022 focused visit?",
])
def test_a_negated_statement_decides_the_question_first(rutland, question):
    answer = rutland.run(question)
    assert not answer.answer.startswith(NOT_FOUND)
    first = answer.citations[0].quote
    assert "did not identify any areas for priority action" in first
    assert "Members asked whether" not in answer.answer


@pytest.mark.parametrize("question, deciding", [
    ("was management oversight consistent at rutland's 2022 focused visit?", "not yet consistent"),
    ("did the rutland 2022 focused visit find caseloads were manageable?", "Caseloads have come down"),
    ("was progress in fostering sufficient at rutland's 2022 focused visit?", "has been insufficient"),
])
def test_the_sentence_holding_the_proposition_decides_it_not_the_letters_frame(rutland, question, deciding):
    answer = rutland.run(question)
    assert deciding in answer.citations[0].quote
    assert "This letter summarises" not in answer.citations[0].quote
