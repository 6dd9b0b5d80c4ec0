"""A question's term is matched as the question means it, not word by word: a two-word role
("lead officer", "lead councillor") is one role, not a "lead" and an "officer" that any officer
or any lead would meet; a judgement area's generic word ("leadership" for the impact of
leaders) grades the area only in a list item of its own with the grade, not across a comma in
a list, nor as the name of a body ("the leadership team"); and a date's day ("26 September") is
no count. These were the gate faults the wider look (more passages judged before refusing)
exposed. Made-up wording; a real index."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from assistant.answering.needs import need_of
from indexer.settings import Settings
from tests.docs import answerer_over, index_into

# --- two-word roles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, role",
    [
        ("Who is the lead officer for the recruitment action?", "lead officer"),
        ("which lead officer owns the audit priority in the plan?", "lead officer"),
        ("who was the council's lead councillor for children in 2023?", "lead councillor"),
        ("who is the lead member for young people?", "lead member"),
    ],
)
def test_a_two_word_role_is_one_role(question, role):
    need = need_of(question)
    assert need is not None and need.roles == {role}


@pytest.mark.parametrize(
    "sentence, answers",
    [
        ("Lead officer: Dana Kerr, Head of Fostering", True),
        ("The lead officer, Dana Kerr, reported progress to the board.", True),
        ("The officer, Sam Patel, presented the report to members.", False),  # an officer, not the lead officer
        ("Councillor Ray Holt will lead the review of placements.", False),  # leads something, holds no post named
    ],
)
def test_a_two_word_role_is_met_only_by_that_role(sentence, answers):
    assert need_of("who is the lead officer for the placements action?").met(sentence) is answers


# --- an area's generic word -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, answers",
    [
        ("Strong leadership, settled staffing and good partnership working have helped.", False),
        ("Visible leadership, a stable workforce and outstanding foster carers are strengths.", False),
        ("The senior leadership team is outstanding in its ambition for children.", False),
        ("Leadership: requires improvement to be good", True),
        ("Inspectors found leadership to be good, and help and protection to be outstanding.", True),
        ("The impact of leaders on social work practice with children and families: Inadequate", True),
        ("Leadership, management and governance: Good", True),
        ("Inspectors found the impact of the senior leadership team to be outstanding.", True),
    ],
)
def test_the_generic_word_of_an_area_grades_it_only_in_its_own_list_item(sentence, answers):
    need = need_of("what grade did the council get for the impact of leaders?")
    assert need.met(sentence) is answers


# --- a date's day is no count ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, answers",
    [
        ("Inspectors visited services for children in care between 26 September and 20 October 2016.", False),
        ("On March 3 children in care met the corporate parenting panel.", False),
        ("There are 412 children in care, up from 380 in March.", True),
        ("The borough looks after 96 children in care at any one time.", True),
    ],
)
def test_the_day_of_a_date_is_not_a_count_of_what_is_near_it(sentence, answers):
    assert need_of("how many children are in care in the borough?").met(sentence) is answers


# --- with the wider look on, neither fault lets a wrong answer through -----------------------

_FILLER = (
    "The service has worked to strengthen its early help offer across the borough. "
    "Partnership arrangements with health and police colleagues are well established. "
    "Managers review the quality of practice through a programme of regular audits."
)

DOCS = {
    "rochdale-2024-improvement-plan.md": """---
kind: action plan
authority: Rochdale
date: 2024-09-01
---
# Rochdale children's services improvement plan 2024

## Actions

| Ref | Area for improvement | Action | Lead officer | Deadline |
|---|---|---|---|---|
| 1 | Quality of supervision | Quarterly audit of supervision notes | Dana Kerr, Head of Quality | March 2025 |
| 2 | Placement sufficiency | Review of residential placements | Not stated | June 2025 |
""",
    "rochdale-2024-cabinet-minutes.md": f"""---
kind: committee minutes
authority: Rochdale
date: 2024-10-09
---
# Rochdale Cabinet, 9 October 2024

## Children's services update

{_FILLER}

The officer, Sam Patel, presented the report to members and answered questions on agency staffing.

## Inspection feedback

{_FILLER}

Members heard that strong leadership, settled staffing and good partnership working had helped the service improve.
The senior leadership team is outstanding in its ambition for children, the chair said.
""",
}


@pytest.fixture(scope="module")
def rochdale(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("two-word-terms")
    corpus = root / "docs"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(store=root / "store", wider_look=8)
    index_into(settings, embedder, corpus)
    return answerer_over(settings, embedder)


def test_the_lead_officer_named_in_the_plan_is_the_answer(rochdale):
    answer = rochdale.run("In Rochdale's 2024 plan, who is the lead officer for the supervision audit?")
    assert "Dana Kerr" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "who is the lead officer for Rochdale's placement review?",  # the cell says "Not stated"
        "Who was Rochdale's lead officer for the fostering recruitment campaign?",  # no such action
    ],
)
def test_a_lead_officer_the_documents_do_not_name_is_refused(rochdale, question):
    answer = rochdale.run(question)
    assert answer.answer.startswith(NOT_FOUND), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what grade did Rochdale get for the impact of leaders?",
        "How was leadership rated at Rochdale's inspection?",
    ],
)
def test_a_grade_for_leadership_no_document_gives_is_refused(rochdale, question):
    answer = rochdale.run(question)
    assert answer.answer.startswith(NOT_FOUND), answer.answer
