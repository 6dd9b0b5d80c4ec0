"""A summary over time gives each inspection's point, oldest first, each labelled with its
document's date (pipeline.spans_time, history_years, Answerer._history_hits, _history_points;
compose.dated_label). The class: one council's documents of several inspections years apart (a
report, a monitoring letter, a news story, a members' briefing), and summaries asking for its
history, its journey since a year, its inspections over the years, or how it moved from one
grade to another. Asked so, one document's points (the closest sentence's) said one year of it.

Made-up wording throughout (no evaluation set's sentences)."""

from __future__ import annotations

import pytest

from assistant.answering.pipeline import history_years, spans_time
from assistant.answering.question import Question
from assistant.types import Scope
from tests.docs import answerer_over, docs_store

REPORT_2014 = """---
kind: inspection report
authority: Calderdale
date: 2014-05-20
---
# Inspection of services for children in need of help and protection, children looked after and care leavers

Overall effectiveness: the service is judged inadequate.

Too many children wait months for an assessment, and managers do not check the plans that follow.

The recording of visits to children is often months out of date.
"""

LETTER_2016 = """---
kind: inspection report
authority: Calderdale
date: 2016-02-11
---
# Monitoring visit to Calderdale children's services

Leaders have recruited a stable team of permanent managers since the inspection.

Assessments are now completed on time for most children, though their quality still varies.
"""

NEWS_2018 = """---
kind: other
authority: Calderdale
date: 2018-11-02
---
# Calderdale children's services no longer inadequate

Ofsted has judged Calderdale's children's services to require improvement to be good after its inspection in September.

Inspectors praised the new edge-of-care service for keeping teenagers safely at home.
"""

BRIEFING_2023 = """---
kind: other
authority: Calderdale
date: 2023-07-14
---
# Members' briefing: the 2023 Ofsted inspection

Ofsted judged Calderdale's children's services good in every area at its inspection in June 2023.

Inspectors found that care leavers are helped into apprenticeships with the council's own contractors.
"""

FILES = {
    "calderdale-2014-inspection-report.md": REPORT_2014,
    "calderdale-2016-monitoring-letter.md": LETTER_2016,
    "calderdale-2018-news.md": NEWS_2018,
    "calderdale-2023-member-briefing.md": BRIEFING_2023,
}


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("summary-history")
    return answerer_over(docs_store(root, embedder, FILES), embedder)


def _cited(answer) -> list[str]:
    return list(dict.fromkeys(c.source.rsplit("/", 1)[-1] for c in answer.citations))


@pytest.mark.parametrize(
    "question",
    [
        "summarise calderdale's ofsted history from 2014 to 2023",
        "give me a quick summary of calderdale's journey since 2014",
        "brief me on calderdale's inspections over the years",
        "short summary of how calderdale went from inadequate to good",
    ],
)
def test_a_summary_over_time_gives_each_inspection_oldest_first(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    # Every inspection's document, in the order they were written.
    assert _cited(answer) == list(FILES), (_cited(answer), answer.answer)
    # Each inspection's judgement, and each point under its document's date.
    for said in ("judged inadequate", "require improvement to be good", "good in every area"):
        assert said in answer.answer, answer.answer
    for label in ("Inspection report, May 2014:", "Other document, November 2018:", "Other document, July 2023:"):
        assert label in answer.answer, answer.answer
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == len(set(quotes)), quotes


def test_a_span_of_years_reads_only_its_years(answerer):
    answer = answerer.run("summarise calderdale's ofsted journey from 2016 to 2018")
    assert answer.answered, answer.answer
    assert _cited(answer) == ["calderdale-2016-monitoring-letter.md", "calderdale-2018-news.md"], answer.answer


def test_a_summary_of_one_inspection_is_no_history(answerer):
    answer = answerer.run("summarise calderdale's 2023 ofsted inspection")
    assert answer.answered, answer.answer
    assert _cited(answer) == ["calderdale-2023-member-briefing.md"], answer.answer
    assert ", July 2023:" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    "text, years, over_time",
    [
        ("summarise the wigan ofsted history", (), True),
        ("quick summary of wigan's journey since 2019", (2019,), True),
        ("summarise wigan's inspections between 2015 and 2022", (2015, 2022), True),
        ("summarise how wigan moved from requires improvement to outstanding", (), True),
        ("summarise wigan's 2019 inspection", (2019,), False),
        ("what was wigan's history of inspections?", (), False),  # no summary asked
        # "From" and one year is where one inspection's findings come from, not a span.
        ("summarise the key findings from the 2023 ilacs for wigan", (2023,), False),
        ("summarise what came out of wigan's inspection from the 2021 visit", (2021,), False),
        ("summarise wigan's inspections from 2016 onwards", (2016,), True),
    ],
)
def test_which_summaries_span_time(text, years, over_time):
    assert spans_time(Question.parse(text, Scope(("Wigan",), years), False)) is over_time


@pytest.mark.parametrize(
    "text, years, expected",
    [
        ("summarise wigan's journey since 2016", (2016,), [2016, 2018, 2021, 2024]),
        ("summarise wigan's history from 2015 to the latest inspection", (2015,), [2016, 2018, 2021, 2024]),
        # The report of an inspection late in the last year asked is dated the year after.
        ("summarise wigan's history from 2016 to 2020", (2016, 2020), [2016, 2018, 2021]),
        ("summarise wigan's ofsted history", (), [2012, 2016, 2018, 2021, 2024]),
        # A span closed from above only: the years up to it, not after it.
        ("summarise wigan's ofsted history up to 2018", (2018,), [2012, 2016, 2018]),
        ("summarise wigan's journey until 2016", (2016,), [2012, 2016]),
    ],
)
def test_the_years_a_history_reads(text, years, expected):
    q = Question.parse(text, Scope(("Wigan",), years), False)
    assert history_years(q, [2012, 2016, 2018, 2018, 2021, 2024]) == expected
