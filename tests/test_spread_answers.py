"""Answers whose facts are spread over a document or over two documents.

A summary of a whole document opens with the document's own headline (its first passage of
findings, in its order, wherever the question's words rank it) and its "What needs to improve"
section, its grade table first (pipeline.Answerer._headline); who the summary is for ("for
staff", "For a training session, ...") is no subject of it (vocabulary.SUMMARY_AUDIENCE). A part
setting one council's documents of two years side by side quotes each year's document
(pipeline.year_sides). Made-up councils and wording throughout."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from indexer.settings import Settings
from indexer.vocabulary import SUMMARY_AUDIENCE
from tests.docs import answerer_over, index_into

# The headline's last sentences share no word with "summarise the inspection"; the numbered
# sections below it name the inspection, the council and the year again and again.
REPORT = """---
kind: inspection report
authority: Rutland
date: 2023-03-10
---
# Rutland inspection of local authority children's services

| Judgement | Grade |
|---|---|
| The impact of leaders on social work practice with children and families | Good |
| Overall effectiveness | Good |

It is not Ofsted's report and does not reproduce its wording. Where a detail was not publicly reported, it has been left out.

Services for children in Rutland have improved markedly since the last inspection in 2019. Leaders have rebuilt the front door. Social workers now stay long enough to know their families. Foster carers describe the fostering team as responsive. Fewer teenagers are placed far from their home town. The virtual school has cut exclusions by half.

## What needs to improve?

- The timeliness of reviews for children placed with relatives.

## Previous inspections

| Year of inspection | Overall effectiveness |
|---|---|
| 2019 | Requires improvement to be good |
| 2023 | Good |

## The experiences and progress of children who need help and protection: good

1. The 2023 inspection of Rutland found that inspectors saw children in Rutland helped at the right time, and inspectors found the inspection findings for Rutland children's services reassuring in 2023.

## The experiences and progress of children in care: good

2. In the 2023 inspection, inspectors found that Rutland children in care have plans that inspectors judged sound during the inspection of Rutland's services.
"""

# A plan naming the inspection in its title and every line: the whole search ranks it first.
PLAN = """---
title: Rutland Ofsted ILACS 2023 improvement plan
kind: action plan
authority: Rutland
date: 2023-05-01
---
# Rutland Ofsted ILACS 2023 improvement plan

This plan responds to the Rutland Ofsted ILACS 2023 inspection report.
Action one of the Rutland ILACS 2023 report plan: reviews for children placed with relatives within six weeks.
Action two of the Rutland ILACS 2023 report plan: the ILACS report findings go to every team meeting.
"""

# A letter whose first passage says only what the visit looked at; its findings open the next.
LETTER = """---
kind: inspection report
authority: Rutland
date: 2023-11-20
---
# Monitoring visit to Rutland children's services

This letter summarises the findings of the monitoring visit to Rutland children's services in October 2023.
Inspectors reviewed the help given to children in need and to children on child protection plans across the county.

## Headline findings

Progress since the inspection has been slower than leaders planned in the spring.
Too many children still wait for their first visit after a referral is accepted.
Managers rarely record why a plan has changed, so reviews repeat old actions.
"""

# One council's two years: the later year has three documents about care leavers, the earlier one.
EARLIER = """---
kind: inspection report
authority: Bracknell Forest
date: 2018-06-20
---
# Bracknell Forest inspection of children's services

Care leavers in Bracknell Forest lose touch with their personal advisers too often, and too few are in education or work.
"""

LATER = """---
kind: inspection report
authority: Bracknell Forest
date: 2023-05-14
---
# Bracknell Forest inspection of children's services

Care leavers in Bracknell Forest now keep the same personal adviser, and most are in education, training or work.
"""

LATER_NEWS = """---
kind: other
authority: Bracknell Forest
date: 2023-06-02
---
# Bracknell Forest news: care leavers praised by inspectors

Care leavers in Bracknell Forest were praised by inspectors for their work with personal advisers.
The council's care leavers' hub opened in 2023, and care leavers helped to design it.
"""

LATER_PLAN = """---
kind: action plan
authority: Bracknell Forest
date: 2023-09-01
---
# Bracknell Forest care leavers plan 2023

Care leavers will be offered a second personal adviser contact each month.
Care leavers' council tax exemption will continue in 2023 and 2024.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("spread")
    corpus = root / "docs"
    corpus.mkdir()
    for name, text in {
        "rutland-2023-inspection-report.md": REPORT,
        "rutland-2023-improvement-plan.md": PLAN,
        "rutland-2023-monitoring-visit-letter.md": LETTER,
        "bracknell-forest-2018-inspection-report.md": EARLIER,
        "bracknell-forest-2023-inspection-report.md": LATER,
        "bracknell-forest-2023-news.md": LATER_NEWS,
        "bracknell-forest-2023-care-leavers-plan.md": LATER_PLAN,
    }.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(store=root / "store")
    index_into(settings, embedder, corpus)
    return answerer_over(settings, embedder)


@pytest.mark.parametrize(
    "question",
    [
        "summarise rutland's 2023 inspection",
        "give me a summary of the rutland 2023 ofsted report",
        "summarise the rutland 2023 inspection for staff",
        "For a training session, summarise rutland's 2023 ILACS",
        "summarise the 2023 rutland inspection findings for a new councillor",
        "summarise rutland's 2023 ofsted ILACS report",
    ],
)
def test_a_whole_document_summary_opens_with_its_headline_and_what_must_improve(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    # Of the report, not of the plan whose title names the inspection report.
    assert all("inspection-report" in c.source for c in answer.citations), answer.answer
    for said in ("Overall effectiveness: Good", "improved markedly", "Foster carers describe", "cut exclusions by half",
                 "placed with relatives"):
        assert said in answer.answer, answer.answer
    # The grade table first, then the headline in its order.
    assert answer.answer.index("Overall effectiveness: Good") < answer.answer.index("improved markedly") < answer.answer.index("cut exclusions")


@pytest.mark.parametrize("question", ["summarise rutland's october 2023 monitoring visit letter", "summarise the rutland 2023 monitoring visit for members"])
def test_a_letters_summary_reads_its_opening_past_what_the_visit_looked_at(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    assert all("monitoring-visit-letter" in c.source for c in answer.citations), answer.answer
    for said in ("slower than leaders planned", "wait for their first visit", "rarely record why a plan has changed"):
        assert said in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question, audience",
    [
        ("summarise the 2022 visit letter for my team briefing", "for my team briefing"),
        ("For the partnership board: summarise the JTAI", "For the partnership board:"),
        ("summarise the inspection for a new governor", "for a new governor"),
        # people joining or training, and the council's own roles, are readers too
        ("brief summary of the 2021 focused visit for new starters", "for new starters"),
        ("For our trainees - summarise the monitoring letter", "For our trainees -"),
        ("quick overview of the ilacs report for the social workers", "for the social workers"),
        ("summarise the 2019 inspection for the lead member", "for the lead member"),
        # who the services are for is what is asked about, never a reader
        ("summarise what the plan does for care leavers", None),
        ("summarise what inspectors found for young people leaving care", None),
        ("summarise the support for foster carers", None),
        ("what did the report say about support for staff in the front door?", None),
    ],
)
def test_who_a_summary_is_for_is_read_as_its_reader(question, audience):
    found = SUMMARY_AUDIENCE.search(question)
    assert (found.group(0) if found else None) == audience


@pytest.mark.parametrize(
    "question",
    [
        "compare care leavers in bracknell forest in 2018 and 2023",
        "how did support for bracknell forest's care leavers change between 2018 and 2023?",
    ],
)
def test_two_years_side_by_side_quote_each_years_document(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    sources = {c.source for c in answer.citations}
    assert any("bracknell-forest-2018-inspection-report" in s for s in sources), answer.answer
    assert any("2023" in s for s in sources), answer.answer


def test_a_summary_leaves_out_earlier_inspections_rows_and_the_documents_note_on_itself(answerer):
    answer = answerer.run("summarise rutland's 2023 inspection")
    assert "Overall effectiveness: Good" in answer.answer, answer.answer
    # The history table's 2019 row grades an earlier inspection; the note says what the page is not.
    assert "Requires improvement" not in answer.answer, answer.answer
    assert "not Ofsted's report" not in answer.answer, answer.answer
    # Nor its note on what it leaves out; and the history table's own-year row says again what
    # the judgements table says: one point, quoted once.
    assert "left out" not in answer.answer, answer.answer
    overall = [c for c in answer.citations if "overall effectiveness" in c.answer_text.lower() and "good" in c.answer_text.lower()]
    assert len(overall) == 1, answer.answer
