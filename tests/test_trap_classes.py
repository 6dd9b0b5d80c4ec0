"""Unanswerable questions answered with a nearby fact, by class: a money question answered by any
sentence about the plan; a part that only points back ("... and what did it find?") answered by
anything; a date asked of a year answered with another year's date; "which HMI signed ...?" read
as an open question; "what did <speaker> say?" answered where the speaker is only present or
mentioned. Each class in several made-up phrasings, over a small real index, with the answerable
question beside each trap so that refusing everything fails too."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from assistant.answering.gates import SpeakerGate
from assistant.answering.needs import asks_money, need_of
from assistant.answering.question import Intent, Speaker, parse_parts, scope_of, speaker_of
from tests.docs import answerer_over, docs_store

DOCS = {
    "rutland-2022-focused-visit-letter.md": """---
kind: inspection report
authority: Rutland
date: 2022-11-20
---
# Focused visit to Rutland children's services

## Findings

This letter summarises the findings of the focused visit to Rutland children's services carried out on 12 and 13 October 2022.
Inspectors found that managers' oversight of children in need had improved since the last inspection.
Social workers know the children they work with well and visit them often.

Yours sincerely
Priya Chandran
His Majesty's Inspector
""",
    "rutland-2023-improvement-plan.md": """---
kind: action plan
authority: Rutland
date: 2023-01-15
---
# Rutland children's services improvement plan

## Overview

Following the focused visit, the council set out its improvement plan as five priorities for children in need.
The improvement plan is overseen by the Improvement Board, which meets every month.
""",
    "rutland-2023-news.md": """---
kind: other
authority: Rutland
date: 2023-03-02
---
# Rutland budget adds social workers

The council has set aside £1.4 million in its 2023 budget to recruit eight more social workers for the assessment teams.
""",
    "rutland-2023-scrutiny-minutes.md": """---
kind: committee minutes
authority: Rutland
date: 2023-06-14
---
# Children's Scrutiny Panel, 14 June 2023

## Attendance

Present: Councillor Ravi Mehta (Chair), Councillors Ellis, Ford and Grant.

## Caseloads and recruitment

The Cabinet Member for Children receives a quarterly report on the improvement plan.
Councillor Ellis said that caseloads in the assessment teams were still too high for good work with families.
The Director of Children's Services told members that recruitment had improved over the spring. She added that the use of agency social workers had halved since January.
""",
}


@pytest.fixture(scope="module")
def rutland(tmp_path_factory, embedder) -> Answerer:
    return answerer_over(docs_store(tmp_path_factory.mktemp("trap-classes"), embedder, DOCS), embedder)


def refused(answer) -> bool:
    return answer.answer.startswith(NOT_FOUND)


# --- 1. money questions need a sum -------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "whats the overall cost of rutland's improvement plan?",
        "what will rutland's improvement plan cost?",
        "what was the budget for the rutland improvement board?",
        "what amount of funding has rutland put aside for the improvement board?",
    ],
)
def test_a_money_question_about_a_plan_no_sum_is_given_for_is_refused(rutland, question):
    assert asks_money(question.lower())
    assert parse_parts(question, scope_of(question))[0].intent is Intent.AMOUNT
    assert refused(rutland.run(question))


@pytest.mark.parametrize(
    "question",
    [
        "how much money has rutland set aside to recruit more social workers?",
        "what is the budget rutland set aside for recruiting social workers?",
    ],
)
def test_a_money_question_is_answered_by_the_sentence_stating_the_sum(rutland, question):
    answer = rutland.run(question)
    assert not refused(answer), answer.answer
    assert "£1.4 million" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what did the cabinet say about the budget?",
        "what did the director spend most of the meeting discussing?",
        "what has the new investment funded so far?",
    ],
)
def test_money_words_that_ask_for_no_sum_are_not_amount_questions(question):
    assert not asks_money(question.lower())
    need = need_of(question.lower())
    assert need is None or not need.what.startswith("an amount")


# --- 2. a part that only points back ------------------------------------------------------------


@pytest.mark.parametrize(
    "question, tail",
    [
        ("when was rutland's 2022 focused visit and what did it find?", "what did it find?"),
        ("who signed the rutland focused visit letter, and what was the outcome?", "what was the outcome?"),
        ("when did the improvement board first meet, and what happened after that?", "what happened after that?"),
    ],
)
def test_a_part_with_nothing_of_its_own_carries_the_part_before_it(question, tail):
    parts = parse_parts(question, scope_of(question))
    assert len(parts) == 2
    assert parts[1].asks == tail and parts[1].leans_on == 0
    # The antecedent's subject is its lead: retrieved and gated by it, asked as itself.
    assert parts[1].text.endswith(tail) and len(parts[1].text) > len(tail) + 5


def test_a_part_with_words_of_its_own_does_not_lean_back():
    question = "when was rutland's 2022 focused visit and what did inspectors say about social workers?"
    assert [p.leans_on for p in parse_parts(question, scope_of(question))] == [None, None]


@pytest.mark.parametrize(
    "question",
    [
        "when was rutland's 2017 monitoring visit and what did it find?",
        "when was the rutland 2019 inspection, and what was the result?",
    ],
)
def test_a_part_pointing_back_to_an_unanswered_part_is_refused_with_it(rutland, question):
    answer = rutland.run(question)
    assert refused(answer), answer.answer
    assert answer.trace[1].refused_by == "antecedent"


def test_a_part_pointing_back_is_answered_from_the_document_that_answered_the_part_before(rutland):
    answer = rutland.run("when was rutland's 2022 focused visit and what did it find?")
    assert not refused(answer), answer.answer
    first, second = answer.trace
    assert first.chosen and second.chosen
    assert {u.hit.passage.source for u in second.chosen} <= {u.hit.passage.source for u in first.chosen}


# --- 3. a date asked of a year the documents don't cover -----------------------------------------


@pytest.mark.parametrize(
    "question",
    ["when was rutland's 2017 focused visit?", "what were the dates of the 2019 rutland visit?", "when did the 2020 rutland focused visit take place?"],
)
def test_a_date_asked_of_a_year_no_document_dates_is_refused(rutland, question):
    assert refused(rutland.run(question))


@pytest.mark.parametrize("question", ["when was rutland's 2022 focused visit?", "what were the dates of the 2022 rutland focused visit?"])
def test_a_date_asked_of_the_year_the_documents_date_is_answered(rutland, question):
    answer = rutland.run(question)
    assert not refused(answer), answer.answer
    assert "October 2022" in answer.answer


# --- 4. which HMI signed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, what",
    [
        ("which HMI signed the rutland focused visit letter?", "who the signatory was"),
        ("what inspector signed the letter?", "who the signatory was"),
        ("which HMI led the visit?", "who the inspector was"),
        ("what DCS was in post in 2023?", "who the director was"),
    ],
)
def test_which_role_questions_are_person_questions_in_that_role(question, what):
    need = need_of(question.lower())
    assert need is not None and need.what == what


def test_which_hmi_signed_is_answered_by_the_sign_off(rutland):
    answer = rutland.run("which HMI signed the rutland focused visit letter in 2022?")
    assert not refused(answer), answer.answer
    assert "Priya Chandran" in answer.answer


# --- 5. what a speaker the documents don't quote said ---------------------------------------------


@pytest.mark.parametrize(
    "asks, speaker",
    [
        ("what did councillor mehta say about caseloads?", Speaker(("mehta",), ())),
        ("what did the cabinet member for children say about recruitment?", Speaker((), ("cabinet member",))),
        ("what did rutland councillors say about the plan?", Speaker((), ("councillors",))),
        ("what did the DCS tell the panel?", Speaker((), ("director",))),
    ],
)
def test_the_speaker_asked_about_is_read_from_the_question(asks, speaker):
    assert speaker_of(asks, councils=("Rutland",)) == speaker


@pytest.mark.parametrize(
    "asks",
    [
        "what did the 2022 letter say about supervision?", "what did inspectors say about children in need?", "what did ofsted say?",
        # Groups whose views a report gives in its own words ("social workers were positive ...").
        "what did social workers tell inspectors about supervision?", "what did the young people say about their plans?",
    ],
)
def test_a_document_an_inspecting_body_or_a_group_whose_views_reports_give_is_no_speaker_to_gate(asks):
    assert speaker_of(asks) is None


@pytest.mark.parametrize(
    "lead, asks, speaker",
    [
        # A pronoun is whoever the lead names, "they" as well as "she".
        ("Jane Okafor spoke at committee. ", "what did she say about caseloads?", Speaker(("jane", "okafor"), ())),
        ("Cllr Amir Shah and Cllr Rosa Diaz spoke. ", "what did they say about caseloads?", Speaker(("rosa", "diaz"), ())),
        # "They" with no one named before it is the document or its inspectors.
        ("", "what did they say about caseloads?", None),
        ("The 2022 report came out in May. ", "what did they say about caseloads?", None),
    ],
)
def test_a_pronoun_speaker_is_the_person_the_lead_names(lead, asks, speaker):
    assert speaker_of(asks, lead) == speaker


@pytest.mark.parametrize(
    "sentence, says",
    [
        ("Councillor Ellis said that caseloads were still too high.", True),
        ("'We will not stand still,' said Cllr Ellis.", True),
        ("Cllr Ellis, who chairs the panel, told members the service was improving.", True),
        ("Present: Councillor Ellis (Chair), Councillors Ford and Grant.", False),
        ("The Chair thanked Councillor Ellis for her update.", False),
        ("The Director noted that the report had been requested by Councillor Ellis.", False),
    ],
)
def test_words_are_given_to_a_speaker_only_as_a_reporting_verbs_subject(sentence, says):
    assert SpeakerGate(Speaker(("ellis",), ())).attributes(sentence) is says


@pytest.mark.parametrize(
    "question",
    [
        "what did councillor mehta say about caseloads in the assessment teams?",
        "what did the cabinet member for children say about the improvement plan?",
        "what did councillor grant think of recruitment?",
    ],
)
def test_what_a_speaker_only_present_or_mentioned_said_is_refused(rutland, question):
    assert refused(rutland.run(question))


@pytest.mark.parametrize(
    "question, said",
    [
        ("what did councillor ellis say about caseloads?", "still too high"),
        ("what did the director of children's services say about agency social workers?", "halved"),
    ],
)
def test_what_a_speaker_said_is_answered_by_their_words_or_a_pronoun_after_them(rutland, question, said):
    answer = rutland.run(question)
    assert not refused(answer), answer.answer
    assert said in answer.answer


@pytest.mark.parametrize(
    "sentence, says",
    [
        ("The Director told members that recruitment had improved.", True),
        ("The Director of Children's Services, Sam Ode, explained the new model.", True),
        ("The Assistant Director presented an update on the plan.", False),
        ("The Deputy Director said the figures were provisional.", False),
        ("The Director's report was noted.", False),
    ],
)
def test_a_post_asked_about_speaks_only_as_itself_not_a_post_under_it(sentence, says):
    assert SpeakerGate(Speaker((), ("director",))).attributes(sentence) is says


@pytest.mark.parametrize(
    "question, answered",
    [
        ("what did councillor ellis say to the scrutiny panel about agency social workers?", False),
        ("what did councillor ellis tell the children's scrutiny panel about recruitment in june 2023?", False),
        ("what did councillor ellis say to the scrutiny panel about caseloads in june 2023?", True),
    ],
)
def test_what_a_speaker_said_about_something_is_about_that_not_the_meeting(rutland, question, answered):
    # The panel and the meeting are named by every line of its minutes: what was said must be
    # about the thing asked.
    assert refused(rutland.run(question)) is not answered
