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


REPORT = """---
kind: inspection report
authority: Rochdale
date: 2022-09-01
---
# Inspection of Rochdale local authority children's services

## The experiences and progress of care leavers

Personal advisers keep in touch with care leavers often and know them well. Most care leavers live in suitable homes, although a few wait too long for a flat of their own. Pathway plans are written with young people and are reviewed when their circumstances change. Young people can return to the service for advice up to the age of twenty-five, and many do so when they start college or work.

## Help and protection

Strategy meetings are held promptly and include the right agencies. Decisions at the front door are timely and proportionate, and thresholds are well understood by partners. Child protection enquiries are thorough, and children are seen alone where it is safe to do so. Plans for children in need are clear, and most families receive help quickly when their difficulties first emerge in the community.

## Leadership

Leaders have invested in a new team of personal advisers so that care leavers in custody are visited each month. The director knows the service well and reports to councillors every quarter. Caseloads across the assessment service are manageable, and supervision happens regularly. Audits are used to check the quality of practice, and their findings are shared with staff at monthly practice forums across the borough.
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("findings-spread")
    return answerer_over(docs_store(root, embedder, {"rochdale-2022-inspection-report.md": REPORT, **_others()}), embedder)


def _others() -> dict[str, str]:
    """Other councils' pages, so that the subject's words are rare, as in a real collection."""
    return {
        f"{c.lower()}-2022-news.md": f"---\nkind: other\nauthority: {c}\ndate: 2022-05-0{k}\n---\n# {c} news\n\n{text}\n"
        for k, (c, text) in enumerate([
            ("Salford", "The council opened two new libraries and extended bus routes to the hospital."),
            ("Bury", "Road resurfacing across the town centre will finish in the spring."),
            ("Wigan", "Strategy for parks: the council will plant a thousand trees this year.\n\nRecycling collections move to Tuesdays."),
            ("Bolton", "The market hall reopens after repairs to its roof and its heating."),
        ], start=1)
    }


def test_what_inspectors_said_about_a_subject_gathers_its_points(report):
    answer = report.run("what did inspectors say about care leavers in rochdale in 2022?")
    assert answer.answered, answer.answer
    # Points from the care leavers section and the one in the leadership section, each once; none
    # of the other sections' (their passages are no answer).
    assert "Personal advisers keep in touch" in answer.answer, answer.answer
    assert "care leavers in custody" in answer.answer, answer.answer
    assert "Strategy meetings" not in answer.answer, answer.answer
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == len(set(quotes)), quotes


@pytest.mark.parametrize(
    "question, found",
    [
        ("what did inspectors say about care leavers", True),
        ("what did the 2021 visit say about children in need now", True),
        ("what did the report praise about the front door?", True),
        # A person's words, a list asked for, a date: not this class.
        ("what did the director say about funding", False),
        ("when did inspectors visit", False),
        ("what did the inspection find?", False),
    ],
)
def test_what_an_inspection_found_is_told_from_what_a_person_said(question, found):
    from assistant.answering.events import asks_what_inspection_found

    assert asks_what_inspection_found(question) is found


ITEM_AND_FINDING = """---
kind: inspection report
authority: Stockport
date: 2023-03-10
---
# Inspection of Stockport local authority children's services

## What needs to improve?

- The timeliness of reviews for children placed with family friends.
- The recording of management decisions in children's files.

## The experiences and progress of children in care

The timeliness of reviews for children placed with family friends is too slow, and some wait months. Most children in care live with carers who meet their needs, and they see their social workers often. Children's views are sought before their reviews, and independent reviewing officers challenge drift where they see it. Life-story work is started early for children who are adopted.
"""


@pytest.fixture(scope="module")
def item_and_finding(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("item-and-finding")
    return answerer_over(docs_store(root, embedder, {"stockport-2023-inspection-report.md": ITEM_AND_FINDING, **_others()}), embedder)


def test_a_finding_said_twice_is_quoted_where_it_says_more(item_and_finding):
    # The list item names the subject; the sentence says what inspectors found of it.
    answer = item_and_finding.run("what did inspectors say about reviews for children placed with family friends in stockport?")
    assert answer.answered, answer.answer
    assert "is too slow" in answer.answer, answer.answer
    assert answer.answer.count("The timeliness of reviews") == 1, answer.answer
    assert "recording of management decisions" not in answer.answer, answer.answer
