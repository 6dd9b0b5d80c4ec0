"""Answerable questions refused, or answered with a nearby fact, for the way they are asked: a
month typed short ("Sept 2024"), ... Each class is tested in several phrasings, made up here, over
a small real index."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from assistant.retrieval import Retriever
from indexer.pipeline import Indexer
from indexer.settings import Settings
from indexer.vocabulary import spell_out_months

DOCS = {
    "bury-2024-monitoring-letter.md": """---
kind: inspection report
authority: Bury
date: 2024-10-01
---
# Monitoring visit to Bury children's services

## Findings

This letter sets out the findings of the second monitoring visit to Bury children's services, carried out on 17 and 18 September 2024.
Inspectors found that the quality of supervision for social workers had improved since the first visit.
Managers now review every child's plan each month.

Yours sincerely

Harriet Okonjo
His Majesty's Inspector
""",
    "bury-2023-cabinet-minutes.md": """---
kind: committee minutes
authority: Bury
date: 2023-12-13
---
# Bury Cabinet, 13 December 2023

## Children's services improvement plan

The Cabinet resolved to endorse the children's services improvement plan and to receive a progress report every quarter.
""",
}


@pytest.fixture(scope="module")
def bury(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("nearby-facts")
    corpus = root / "docs"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(store=root / "store")
    indexer = Indexer(settings)
    indexer.embedder = embedder
    assert indexer.warm_up().run([corpus]).ok
    return Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()


def refused(answer) -> bool:
    return answer.answer.startswith(NOT_FOUND)


# --- a month typed short --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, read",
    [
        ("what did the Sept 2024 visit find?", "what did the September 2024 visit find?"),
        ("at cabinet on 13 Dec 2023 what was resolved", "at cabinet on 13 December 2023 what was resolved"),
        ("bury ofsted jan 2019 - what grade?", "bury ofsted january 2019 - what grade?"),
        ("the 3 Nov. 2022 meeting", "the 3 November 2022 meeting"),
        ("between feb 2021 and aug 2021", "between february 2021 and august 2021"),
    ],
)
def test_an_abbreviated_month_beside_a_day_or_year_is_read_in_full(typed, read):
    assert spell_out_months(typed) == read


@pytest.mark.parametrize("text", ["What did Jan Smith say?", "the mar report", "Dec said so", "in oct"])
def test_an_abbreviation_not_beside_a_number_is_left_alone(text):
    assert spell_out_months(text) == text


@pytest.mark.parametrize(
    "question, source",
    [
        ("What did the Sept 2024 Bury monitoring visit find about supervision?", "monitoring-letter"),
        ("bury sept 2024 MV - what had improved?", "monitoring-letter"),
        ("At Bury cabinet on 13 Dec 2023 what was resolved about the improvement plan?", "cabinet-minutes"),
    ],
)
def test_a_question_with_an_abbreviated_month_is_answered_not_refused_for_the_word(bury, question, source):
    # Before, the names check looked for the word "Sept" itself and refused.
    answer = bury.run(question)
    assert not refused(answer), answer.answer
    assert all(source in c.source for c in answer.citations), answer.citations
