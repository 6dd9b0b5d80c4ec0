"""A summary of one inspection gathers what the council's documents of it say, not one document's
sentences only (pipeline.Answerer._other_document_points, _summary_document, the subject gate of a
whole-document summary). The class: one council-year whose inspection has no report indexed, only
a members' briefing and the council's news story of it (each holding some of its facts), a later
year's briefing of a later inspection, and summaries asked of "the inspection", "the Ofsted
outcome" or "the result", with or without an occasion said first.

Made-up wording throughout (no evaluation set's sentences)."""

from __future__ import annotations

import pytest

from assistant.answering.question import occasion_lead
from tests.docs import answerer_over, docs_store

BRIEFING = """---
kind: other
authority: Kirklees
date: 2021-07-12
---
# Members' briefing: Ofsted inspection of children's services, 2021

1. Purpose. To brief members on the inspection before the select committee discusses it.

2. Background. At the last full inspection the service was found to require improvement, and an improvement board was set up in 2019.

3. Findings. Inspectors said that the front door now makes timely and well-reasoned decisions about risk.

Inspectors found that too many children in care move placement more than once a year.

Caseloads in the assessment teams remain higher than leaders want them to be.
"""

NEWS = """---
kind: other
authority: Kirklees
date: 2021-06-30
---
# Ofsted rates Kirklees children's services good

In its May 2021 inspection, Ofsted judged the children's services of Kirklees Good overall.

The council's care leavers service was graded outstanding, with inspectors praising its personal advisers.

The leader of the council thanked social workers for their dedication through a difficult year.
"""

LATER = """---
kind: other
authority: Kirklees
date: 2025-03-03
---
# Members' briefing: the 2025 Ofsted inspection

Ofsted inspected Kirklees again in January 2025 and judged the service Outstanding overall.

Inspectors singled out the edge-of-care team for keeping families together safely.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("summary-spread")
    settings = docs_store(root, embedder, {
        "kirklees-2021-member-briefing.md": BRIEFING,
        "kirklees-2021-news.md": NEWS,
        "kirklees-2025-member-briefing.md": LATER,
    })
    return answerer_over(settings, embedder)


@pytest.mark.parametrize(
    "question",
    [
        "give me a short summary of kirklees's 2021 inspection",
        "summarise the kirklees 2021 ofsted outcome",
        "summarise kirklees's 2021 ofsted result",
        "ahead of monday's panel can you summarise the 2021 kirklees inspection",
    ],
)
def test_a_summary_of_an_inspection_gathers_its_documents_points(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    sources = {c.source.rsplit("/", 1)[-1] for c in answer.citations}
    # Both of the year's documents give points: the grade from the news story, the findings from
    # the briefing (whichever the summary is of).
    assert {"kirklees-2021-member-briefing.md", "kirklees-2021-news.md"} <= sources, (sources, answer.answer)
    assert "judged Good" in answer.answer or "graded outstanding" in answer.answer, answer.answer
    # A later inspection's document is no point of this one.
    assert "kirklees-2025-member-briefing.md" not in sources, answer.answer
    # Every point once.
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == len(set(quotes)), quotes


def test_a_summary_of_a_document_named_by_its_kind_stays_with_it(answerer):
    answer = answerer.run("summarise the kirklees 2021 members' briefing")
    assert answer.answered, answer.answer
    assert {c.source.rsplit("/", 1)[-1] for c in answer.citations} == {"kirklees-2021-member-briefing.md"}, answer.answer


def test_a_summary_of_a_later_year_is_of_its_own_document(answerer):
    answer = answerer.run("summarise kirklees's 2025 ofsted outcome")
    assert answer.answered, answer.answer
    assert "edge-of-care team" in answer.answer, answer.answer
    assert all("2025" in c.source for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    "question, lead",
    [
        ("ahead of thursday's scrutiny can you summarise the report", "ahead of thursday's scrutiny "),
        ("in time for the board please summarise the visit letter", "in time for the board "),
        ("ahead of the panel, summarise the report", "ahead of the panel, "),
        # A lead naming a year says which, and is no occasion.
        ("ahead of the 2019 inspection can you say what changed", ""),
    ],
)
def test_an_occasion_said_first_without_a_comma_is_still_an_occasion(question, lead):
    assert occasion_lead(question) == lead
