""""What did inspectors say about X?" gathers the inspection's points on X: each point names X's
most specific word (pipeline.Answerer._points_on), and the judgement comes first (the grade of
X's area, not an earlier inspection's). The class: a report whose paragraphs mix X with the next
subject ("Care leavers ... Children in care ..."; "Supervision ... Caseloads ..."), with a grade
table and a sentence recalling an earlier grade, asked with or without the council named.

Made-up wording throughout (no evaluation set's sentences)."""

from __future__ import annotations

import pytest

from tests.docs import answerer_over, docs_store

REPORT = """---
kind: inspection report
authority: Gateshead
date: 2024-03-15
---
# Gateshead: inspection of children's social care services, January 2024

| Judgement | Grade |
| --- | --- |
| The impact of leaders on social work practice with children and families | Good |
| The experiences and progress of children who need help and protection | Good |
| The experiences and progress of children in care | Requires improvement to be good |
| The experiences and progress of care leavers | Good |

## What needs to improve

Permanence planning for the youngest children in care.

## The experiences and progress of care leavers

Inspectors found that personal advisers stay in close touch with care leavers and help them into college and work. Children in care usually live close to their schools and friends, and most see their families as often as they wish.

Most care leavers live in safe and suitable homes, and the council pays their council tax until they are twenty-five. At the previous inspection, in 2019, services for care leavers required improvement.

## Practice and supervision

Supervision of social workers is regular and reflective, and managers record the reasons for their decisions. Caseloads in two of the assessment teams remain higher than leaders want.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("gathered-points")
    settings = docs_store(root, embedder, {"gateshead-2024-inspection-report.md": REPORT})
    return answerer_over(settings, embedder)


@pytest.mark.parametrize(
    "question",
    ["what did inspectors say about care leavers?", "what did ofsted say about care leavers in gateshead in 2024?"],
)
def test_points_on_care_leavers_name_care_leavers_and_lead_with_their_grade(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    assert "personal advisers" in answer.answer, answer.answer
    # The paragraph's sentence on children in care is another subject's point.
    assert "close to their schools" not in answer.answer, answer.answer
    # The judgement first: this inspection's grade of care leavers, not the earlier one.
    first = answer.citations[0].quote
    assert "care leavers" in first and "Good" in first, [c.quote for c in answer.citations]


def test_points_on_supervision_leave_out_the_paragraphs_caseloads(answerer):
    answer = answerer.run("what did inspectors say about supervision?")
    assert answer.answered, answer.answer
    assert "regular and reflective" in answer.answer, answer.answer
    assert "Caseloads" not in answer.answer, answer.answer
