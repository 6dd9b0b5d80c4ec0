"""A summary of a document the question names by its kind and date ("summarise the iow focused
visit letter from may 2019", "ahead of monday's panel, summarise the lbbd 2022 ilacs report") is
of that whole document, however the question writes the council (its short form: "iow", "lbbd")
and whatever occasion it is wanted for: the document's points from its several passages, its
judgements first, kept to a read's length (`Selection.summary_points`), not the one sentence
that ranks first (often the letter's own "This letter summarises ..." line) nor another
document's (an improvement plan that restates the inspection shares more of the question's
words). Near-misses: a summary of one subject in the document ("... about care leavers") is
read as before, by what is asked.

The class: one council with a visit letter and a news page that reports the visit, another with
an inspection report (a grade table, a headline, a long body, what needs to improve) and the
improvement plan written after it. Councils real (the recogniser knows only real ones), every
document made up."""

from __future__ import annotations

import re

import pytest

from assistant.answering import Answerer
from assistant.answering.question import occasion_lead
from indexer.settings import Settings
from tests.docs import answerer_over, index_into

LETTER = """---
kind: inspection report
authority: Isle of Wight
date: 2019-06
---
# Focused visit to Isle of Wight children's services

This letter summarises the findings of the focused visit to Isle of Wight children's services in May 2019. The visit looked at the arrangements for children in need and children subject to a child protection plan.

## Overview

Practice with children in need has weakened since the last inspection. Many families wait too long for an assessment to start.

The large majority of child protection plans lack measurable actions, so families do not know what must change.

## Leadership

Managers have not audited casework for over a year, and leaders do not know the quality of practice.

A new head of service started in April 2019 and has begun to recruit permanent team managers.
"""

NEWS = """---
kind: other
authority: Isle of Wight
date: 2019-06-20
---
# Island children's services told to improve after Ofsted focused visit letter

Inspectors who carried out a focused visit in May 2019 wrote a letter to the council.

The council's lead member said a recovery plan would go to cabinet in July.
"""

REPORT = """---
kind: inspection report
authority: Barking and Dagenham
date: 2022-03
---
# Barking and Dagenham

Inspection of children's social care services

Inspection dates: January 2022

| Judgement | Grade |
|---|---|
| The impact of leaders on social work practice with children and families | Requires improvement to be good |
| The experiences and progress of children in care and care leavers | Good |
| Overall effectiveness | Requires improvement to be good |

Services have improved since the last inspection, but too many children still wait for help. Leaders have stabilised the workforce. Caseloads are now manageable in most teams. Agency staff numbers have halved in two years. Early help is better coordinated with schools.

The front door makes prompt decisions, though the recording of consent is inconsistent.

## What needs to improve?

- The timeliness of assessments for children in need.
- The quality of supervision for frontline social workers.

## The experiences and progress of children who need help and protection

Strategy meetings are held promptly and include the police and health partners.

Children at risk of exploitation are identified early by a specialist team.

## The experiences and progress of children in care and care leavers

Children in care live in stable homes close to their families and schools.

Care leavers have personal advisers who keep in touch and help them into work.

## The impact of leaders

Leaders have a realistic view of practice and a plan that targets its weakest parts.

Corporate parenting is strong, and elected members visit the teams regularly.
"""

PLAN = """---
kind: action plan
authority: Barking and Dagenham
date: 2022-05
---
# Barking and Dagenham improvement plan after the ILACS inspection report

Barking and Dagenham children's services were inspected under the ILACS framework in January 2022 and judged to require improvement to be good overall.

This plan responds to the main findings of the inspection report.

Progress is reported to the improvement board every month.
"""


@pytest.fixture(scope="module")
def documents(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("summary-scoping")
    corpus = root / "docs"
    corpus.mkdir()
    for name, text in {
        "isle-of-wight-2019-focused-visit-letter.md": LETTER,
        "isle-of-wight-2019-news.md": NEWS,
        "barking-and-dagenham-2022-inspection-report.md": REPORT,
        "barking-and-dagenham-2022-improvement-plan.md": PLAN,
    }.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(store=root / "store")
    index_into(settings, embedder, corpus)
    return answerer_over(settings, embedder)


_GRADE_ROW = re.compile(r"requires improvement to be good|\bgood\b|inadequate|outstanding", re.I)


def _points(answer) -> list[str]:
    """The answer's cited points, its grade table's rows aside."""
    pieces = re.split(r"\s*\[\d+\]\s*", answer.answer)
    return [p for p in pieces if p.strip() and not (len(p.split()) < 20 and ":" in p and _GRADE_ROW.search(p))]


@pytest.mark.parametrize(
    "question",
    [
        "summarise the iow focused visit letter from may 2019",
        "summarise the iow 2019 focused visit letter",
        "ahead of monday's panel, summarise the iow 2019 focused visit letter",
        "summarise the Isle of Wight focused visit letter from may 2019",
    ],
)
def test_a_letter_named_by_kind_and_date_is_summarised_by_its_findings(documents, question):
    answer = documents.run(question)
    assert answer.answered, answer.answer
    sources = {c.source for c in answer.citations}
    assert all("focused-visit-letter" in s for s in sources), (sources, answer.answer)
    # Its findings from more than one passage: the overview's, then the leadership section's.
    assert "Practice with children in need has weakened" in answer.answer, answer.answer
    assert "measurable actions" in answer.answer, answer.answer
    assert "This letter summarises" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "summarise the lbbd 2022 ilacs report",
        "summarise the january 2022 lbbd ilacs report's main findings",
        "summarise the barking and dagenham 2022 inspection report",
    ],
)
def test_an_inspection_report_named_by_kind_is_summarised_from_the_report_not_the_plan(documents, question):
    answer = documents.run(question)
    assert answer.answered, answer.answer
    sources = {c.source for c in answer.citations}
    assert all("inspection-report" in s for s in sources), (sources, answer.answer)
    # The judgements first, then the headline, then points from the report's other passages.
    assert answer.answer.index("Requires improvement") < answer.answer.index("Services have improved"), answer.answer
    later = ("Strategy meetings", "exploitation", "stable homes", "personal advisers", "realistic view", "Corporate parenting")
    assert any(t in answer.answer for t in later), answer.answer


@pytest.mark.parametrize(
    "question",
    ["summarise what the lbbd 2022 inspection said about care leavers", "summarise the iow 2019 letter's findings on child protection plans"],
)
def test_a_summary_of_one_subject_is_no_summary_of_the_whole_document(documents, question):
    from assistant.answering.question import parse_parts, scope_of

    q = parse_parts(question, scope_of(question, None))[0]
    assert not documents._of_document(q)


@pytest.mark.parametrize(
    "question, whole",
    [
        ("summarise the lbbd 2022 ilacs report", True),
        ("summarise the iow 2019 visit letter", True),
        ("summarise the lbbd 2022 ilacs result", True),
        ("ahead of thursday's scrutiny meeting, summarise the lbbd 2022 ilacs report", True),
        ("in time for the board, summarise the january 2022 lbbd ilacs report's main findings", True),
        ("for the induction session, summarise the iow 2019 visit letter", True),
        # The occasion's words are left out only in a lead set off by a comma.
        ("summarise the lbbd 2022 ilacs report's findings on the front door", False),
    ],
)
def test_the_council_as_written_and_the_occasion_are_no_subject(documents, question, whole):
    from assistant.answering.question import parse_parts, scope_of

    q = parse_parts(question, scope_of(question, None))[0]
    assert documents._of_document(q) is whole


def test_an_occasion_lead_names_no_council_or_year():
    assert occasion_lead("Ahead of Thursday's scrutiny meeting, summarise the report") == "Ahead of Thursday's scrutiny meeting, "
    assert occasion_lead("in time for the board, who chairs the panel?") == "in time for the board, "
    assert occasion_lead("to prepare for monday's panel, what did iow's letter find") == "to prepare for monday's panel, "
    # None: a lead naming a council or a year says which; one not set off by a comma is the question.
    for none in (
        "ahead of Bristol's audit committee, how many children were in unregistered placements?",
        "ahead of the 2024 inspection, what did the council change?",
        "ahead of the inspection what did the council do?",
        "before the 2019 inspection, what was the grade?",
        "ahead of scrutiny: what did cabinet resolve?",
    ):
        assert occasion_lead(none) == ""


@pytest.mark.parametrize("most", [3, 5])
def test_a_whole_document_summary_quotes_at_most_summary_points(documents, most):
    settings = documents.answer_settings
    selection = settings.selection.model_copy(update={"summary_points": most})
    documents.answer_settings = settings.model_copy(update={"selection": selection})
    try:
        answer = documents.run("summarise the lbbd 2022 ilacs report")
    finally:
        documents.answer_settings = settings
    assert answer.answered, answer.answer
    # The judgements are one table, not points: all three rows, then at most `most` points.
    assert answer.answer.count("Requires improvement to be good") >= 2, answer.answer
    assert "Good" in answer.answer
    assert len(_points(answer)) <= most, answer.answer
    assert "Services have improved" in answer.answer, answer.answer
