"""Answers users can trust across many near-identical councils: the right council and year,
the inspectors' own words, follow-ups, and no answer built from a sentence that lacks what
the question asks for. Over a small real index of two councils' documents in the same phrases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.answering import Answerer
from assistant.answering.question import asking, split_question, without_exclusions
from assistant.answering.needs import need_of
from assistant.session import Conversation
from assistant.types import Filters
from tests.docs import answerer_over, docs_store

# Two councils whose documents use the same Ofsted phrases, with different findings: an answer
# quoting the wrong council reads just as fluently, which is what these tests guard against.
DOCS = {
    "stockton-on-tees-2023-inspection-report.md": """---
kind: inspection report
authority: Stockton-on-Tees
date: 2023-03-10
---
# Stockton-on-Tees inspection of children's services, 2023

## Care leavers

Inspectors found that care leavers in Stockton-on-Tees receive help from personal advisers who know them well.
Personal advisers keep in touch with almost all care leavers and help them find suitable homes.

## Judgements

| Judgement | Grade |
|---|---|
| The experiences and progress of care leavers | Good |
| Overall effectiveness | Requires improvement to be good |

## Management oversight

Management oversight of social work practice is not consistent, and some plans drift without review.
""",
    "stockton-on-tees-2023-committee-minutes.md": """---
kind: committee minutes
authority: Stockton-on-Tees
date: 2023-04-20
---
# Children and Young People Select Committee, 20 April 2023

## Ofsted inspection outcome

The Director told members that care leavers were broadly happy with the service they received.
Members asked about management oversight and were told a new audit programme had started in April 2023.
""",
    "stockton-on-tees-2023-member-briefing.md": """---
kind: other
authority: Stockton-on-Tees
date: 2023-04-01
---
# Member briefing: Stockton-on-Tees inspection, 2023

## What needs to improve

The report identifies three areas for improvement:
- the timeliness of assessments for disabled children
- the quality of return home interviews
- the sufficiency of local foster homes

Members may wish to ask how each will be reported to the committee.
""",
    "sandwell-2022-inspection-report.md": """---
kind: inspection report
authority: Sandwell
date: 2022-07-05
---
# Sandwell inspection of children's services, 2022

## Care leavers

Inspectors found that care leavers in Sandwell do not always receive help from personal advisers quickly enough.
Too many care leavers live in unsuitable accommodation, and some wait months for a personal adviser.

## Judgements

| Judgement | Grade |
|---|---|
| The experiences and progress of care leavers | Inadequate |
| Overall effectiveness | Requires improvement to be good |
""",
    "sandwell-2022-action-plan.md": """---
kind: action plan
authority: Sandwell
date: 2022-09-01
---
# Sandwell improvement plan after the 2022 inspection

| No. | Area for improvement | Action | Lead | Deadline |
|---|---|---|---|---|
| 1 | Care leavers' accommodation | Commission twenty new supported homes for care leavers | Head of Corporate Parenting | March 2023 |
| 2 | Written plans | Audit every child's plan each quarter | Not stated | Not stated |
""",
}


@pytest.fixture(scope="module")
def two_councils(tmp_path_factory, embedder):
    return docs_store(tmp_path_factory.mktemp("two-councils"), embedder, DOCS)


@pytest.fixture(scope="module")
def trusty(two_councils, embedder) -> Answerer:
    return answerer_over(two_councils, embedder)


def sources(answer) -> set[str]:
    return {Path(c.source).name for c in answer.citations}


@pytest.mark.parametrize("council, wrong", [("Stockton-on-Tees", "sandwell"), ("Sandwell", "stockton")])
def test_a_question_naming_a_council_quotes_only_that_councils_documents(trusty, council, wrong):
    answer = trusty.run(f"What did inspectors say about care leavers in {council}?")
    assert answer.answered, answer.answer
    assert answer.scope.authorities == (council,)
    assert answer.citations and not any(wrong in s for s in sources(answer)), sources(answer)


def test_what_inspectors_said_is_quoted_from_the_inspection_report_and_labelled_so(trusty):
    answer = trusty.run("What did inspectors say about management oversight in Stockton-on-Tees?")
    assert answer.answered
    assert answer.citations[0].kind == "inspection report"
    assert answer.answer.startswith("Inspection report:")
    assert "not consistent" in answer.answer


def test_a_comparison_quotes_both_councils(trusty):
    answer = trusty.run("How did the grade for care leavers in Stockton-on-Tees compare with Sandwell?")
    assert answer.answered, answer.answer
    names = sources(answer)
    assert any("stockton" in s for s in names) and any("sandwell" in s for s in names)
    assert "Good" in answer.answer and "Inadequate" in answer.answer


def test_a_follow_up_is_answered_about_the_previous_questions_council(trusty):
    conversation = Conversation(trusty)
    first = conversation.ask("What overall grade did Sandwell get in 2022?")
    assert first.answered and "Requires improvement to be good" in first.answer
    follow_up = conversation.ask("And what about care leavers?")
    assert follow_up.scope.inherited and follow_up.scope.authorities == ("Sandwell",)
    assert "from your previous question" in follow_up.scope.describe()
    assert follow_up.answered and all("sandwell" in s for s in sources(follow_up))


def test_a_question_naming_its_own_council_starts_a_new_scope(trusty):
    conversation = Conversation(trusty)
    conversation.ask("What overall grade did Sandwell get in 2022?")
    answer = conversation.ask("What did inspectors say about care leavers in Stockton-on-Tees?")
    assert not answer.scope.inherited and answer.scope.authorities == ("Stockton-on-Tees",)


def test_a_council_with_no_documents_is_refused_without_quoting_another(trusty):
    answer = trusty.run("What did inspectors say about care leavers in Stockport?")
    assert not answer.answered and answer.citations == []
    assert "Stockport" in answer.answer


def test_a_deadline_that_says_not_stated_is_no_answer(trusty):
    answer = trusty.run("What is the deadline in Sandwell's plan for auditing written plans?")
    assert not answer.answered, answer.answer


def test_a_real_deadline_is_quoted(trusty):
    answer = trusty.run("What is the deadline in Sandwell's plan for care leavers' accommodation?")
    assert answer.answered and "March 2023" in answer.answer


def test_a_grade_for_one_judgement_is_not_answered_by_another(trusty):
    answer = trusty.run("What grade did Stockton-on-Tees get for children who need help and protection in 2023?")
    assert not answer.answered, answer.answer


def test_a_filter_narrows_the_search_before_ranking(trusty):
    answer = trusty.run("What did inspectors say about care leavers?", Filters(kinds=("committee minutes",)))
    assert answer.answered, answer.answer
    assert {c.kind for c in answer.citations} == {"committee minutes"}
    # Minutes paraphrase the inspectors: the answer says whose words these are.
    assert "No inspection report" in answer.notice


def test_a_two_part_question_answers_both_parts(trusty):
    answer = trusty.run("What grade did Sandwell get for care leavers in 2022, and what is the deadline for care leavers' accommodation?")
    assert answer.answered
    assert "Inadequate" in answer.answer and "March 2023" in answer.answer


def test_a_list_is_quoted_whole_after_the_sentence_that_introduces_it(trusty):
    answer = trusty.run("What three areas for improvement did Stockton-on-Tees get in 2023?")
    assert answer.answered
    for item in ("disabled children", "return home interviews", "local foster homes"):
        assert item in answer.answer


def test_the_first_item_is_the_one_numbered_1(trusty):
    answer = trusty.run("What is the first area for improvement in Sandwell's 2022 action plan?")
    assert answer.answered and "Care leavers' accommodation" in answer.answer.split("[1]")[0]


def test_a_sentence_that_only_counts_the_items_asked_for_is_no_answer(trusty):
    answer = trusty.run("What are the five themes of Sandwell's 2022 action plan?")
    assert not answer.answered


def test_questions_are_split_where_they_ask_two_things():
    assert split_question("What was the grade in 2023, and what is the first action in the plan?") == [
        "What was the grade in 2023",
        "what is the first action in the plan?",
    ]
    assert split_question("When did Ofsted inspect Hackney in 2024, and on what date was the report published?")[1].startswith("on what date")
    assert len(split_question("Which was rated higher in 2022, Leeds or Sandwell?")) == 1
    assert without_exclusions("What did the report say about caseloads, not the member briefing?") == "What did the report say about caseloads?"
    # A short phrase that asks nothing sets the context of the question after it.
    assert split_question("For Leeds in 2022, what did Ofsted recommend about strategy discussions?") == [
        "For Leeds in 2022, what did Ofsted recommend about strategy discussions?"
    ]


def test_a_context_setting_lead_does_not_set_what_is_asked():
    question = "Wirral 2023: help and protection was graded requires improvement. What action does the plan set for this?"
    assert asking(question) == "What action does the plan set for this?"
    assert need_of(asking(question)) is None  # the lead says "graded"; the question asks for an action


@pytest.mark.parametrize(
    "question, text, met",
    [
        ("How many inspectors visited?", "Four inspectors visited the service.", True),
        ("How many inspectors visited?", "The inspection took three weeks.", False),
        ("Who was the lead inspector?", "Lead inspector: Lisa Summers", True),
        ("Who was the lead inspector?", "The lead inspector at a monitoring visit said progress was slow.", False),
        ("Which councillor chaired the meeting?", "Councillor Abdullatif declared an interest.", False),
        ("On what date was the report published?", "The report was published in June 2023.", False),
        ("On what date was the report published?", "The report was published on 5 July 2022.", True),
        ("What grade for help and protection?", "Overall effectiveness: Good", False),
        ("What grade for help and protection?", "Children who need help and protection: Good", True),
        # The grade and the judgement area must be in one clause.
        ("What grade did care leavers get?", "Services were found to be good, but inspectors asked for more progress for care leavers.", False),
        ("What grade did care leavers get?", "Judgement: The experiences and progress of children in care and care leavers — Grade: Good", True),
        ("Which of the five judgements was graded requires improvement?", "Four areas were inadequate and the remaining one requires improvement.", False),
        ("Which of the five judgements was graded requires improvement?", "Help and protection requires improvement to be good.", True),
        ("Which part of the service was judged outstanding?", "The council was judged inadequate in 2015.", False),
        ("Which part of the service was judged outstanding?", "Adoption is the strongest part of the service and is judged outstanding.", True),
        # A list's items must be named, not counted.
        ("What are the six themes of the plan?", "It is structured around six themes for action.", False),
        ("What were the fifth and sixth recommendations?", "The report contained six recommendations for improvement.", False),
        ("What three areas for improvement did Ofsted give?", "The other two areas are the response to homeless 16- and 17-year-olds and neglect.", True),
        ("What three areas for improvement did Ofsted give?", "One of the three areas for improvement is support for family and friends carers.", True),
        # A publication date must be said to be one; "four-day" counts days.
        ("When was the report on the November 2022 inspection published?", "In January 2022 the government took control.", False),
        ("When was the report on the November 2022 inspection published?", "Report published: Friday 13 January 2023", True),
        ("How many days were inspectors on site?", "The grade follows a four-day inspection in May.", True),
        ("How many children was the council looking after?", "Children's homes were graded good in the previous two years.", False),
        ("How many children was the council looking after?", "Supporting children is one of the city's key priorities.", False),
        ("How many children was the council looking after?", "The council looks after around 1,400 local children in care.", True),
        # The person named must be the one in the role asked about.
        ("Which councillor chaired the July meeting?", "The Chair also marked the retirement of Celia Foote, a co-opted member.", False),
        ("Who was the chief executive of the Trust?", "Chief Executive of Birmingham Children's Trust: Andy Couldrick", True),
        ("Which cabinet member responded?", "The Cabinet Member for Children's Services at the time was Councillor Beverley Egan.", True),
        ("On which day in May 2022 did the inspection begin?", "Subject: the inspection of May 2022 (report published 5 July 2022)", False),
        ("Roughly how many of the most vulnerable children does the service work with?", "It works directly with about 4,000 of the most vulnerable children.", True),
    ],
)
def test_a_sentence_must_have_what_the_question_asks_for(question, text, met):
    need = need_of(question)
    assert need is not None and need.met(text) is met


def test_the_terminal_session_keeps_the_council_for_a_follow_up(two_councils):
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "--session", "--store", str(two_councils.store)],
        input="What overall grade did Sandwell get in 2022?\nand what about care leavers?\n",
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Taken to mean: Sandwell, 2022 (from your previous question)" in result.stdout
    second = result.stdout.split("Taken to mean")[1]
    assert "sandwell" in second and "stockton" not in second


def test_retrieval_for_a_named_council_returns_only_its_passages(trusty):
    from assistant.types import Scope

    hits = trusty.retriever.run("care leavers personal advisers accommodation", scope=Scope(("Stockton-on-Tees",)), k=20)
    assert hits and {h.passage.authority for h in hits} == {"Stockton-on-Tees"}


def test_words_that_match_another_council_best_still_get_the_named_councils_answer(trusty):
    answer = trusty.run("Did care leavers in Stockton-on-Tees wait months for a personal adviser or live in unsuitable accommodation?")
    assert not any("sandwell" in s for s in sources(answer)), answer.answer
