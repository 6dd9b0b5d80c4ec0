"""The names gate refuses a question whose names and acronyms the documents never contain
("They don't mention X"). Two classes of name it refused though the documents hold them:

1. A council's short form ("IoW", the "NES" of "B&NES", "bcp"): the words are spent on naming the
   council, and the scope already keeps to that council's documents, which need not use the short
   form themselves.
2. An acronym no vocabulary knows, spelt out in the documents by its initials ("CAST" for a
   "Children's Assessment and Safeguarding Team"), or a known one in the plural ("LAs").

Up to four letters are matched only against capitalised words, so an ordinary run of words
("plans are slowly stalling") spells no acronym, and an acronym nobody spells out is still
refused. Made-up documents, indexed into a real store."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from indexer.vocabulary import expansions, initials_pattern
from tests.docs import answerer_over, docs_store, make_docx, make_html


@pytest.mark.parametrize(
    "acronym, text",
    [
        ("CAST", "referrals go to the Children's Assessment and Safeguarding Team first"),
        ("NWFP", "the North West Fostering Partnership recruits carers"),
        ("SWAP", "the Social Work Academy Programme for new staff"),
        ("CEOPT", "the child exploitation, online protection and trafficking panel"),
        ("BFfC", "Birmingham Families for Children runs the service"),
    ],
)
def test_an_acronym_is_found_spelt_out_by_its_initials(acronym: str, text: str) -> None:
    pattern = initials_pattern(acronym)
    assert pattern is not None and pattern.search(text), acronym


@pytest.mark.parametrize(
    "acronym, text",
    [
        ("PASS", "plans are slowly stalling in some teams"),  # four letters: capitals only
        ("CAST", "children are seen too late"),
        ("QAF", "the quarterly audit found gaps"),
        ("NWFP", "the North East Fostering Partnership"),
    ],
)
def test_ordinary_words_spell_no_acronym(acronym: str, text: str) -> None:
    pattern = initials_pattern(acronym)
    assert pattern is None or not pattern.search(text), acronym


def test_too_few_capitals_are_never_spelt_out() -> None:
    assert initials_pattern("CP") is None and initials_pattern("IoW") is None


def test_a_plural_acronym_stands_for_the_plural() -> None:
    assert expansions("LAs") == ("local authorities",)
    assert expansions("IROs") == ("independent reviewing officers",)
    assert expansions("XYZs") == ()


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("named-forms")
    corpus = root / "docs"
    corpus.mkdir()
    make_docx(
        corpus / "isle-of-wight-2023-scrutiny-minutes.docx",
        [
            ("h1", "Isle of Wight Council Policy and Scrutiny Committee for Children's Services"),
            ("p", "Minutes of the meeting held on 12 October 2023."),
            ("p", "The Director reported that referrals are screened by the Children's Assessment and Safeguarding Team within one working day."),
            ("p", "Members asked about the number of children waiting for an assessment."),
        ],
    )
    make_html(
        corpus / "bath-and-north-east-somerset-2022-news-page.html",
        "<h1>Bath and North East Somerset children's services judged good</h1>"
        "<p>Ofsted judged children's services in Bath and North East Somerset good overall in a report published in August 2022.</p>"
        "<p>Inspectors praised the support given to care leavers, who have a personal adviser from the age of 16.</p>",
        title="Children's services judged good",
    )
    make_html(
        corpus / "dorset-2022-news-page.html",
        "<h1>Dorset children's services judged good</h1>"
        "<p>Dorset's children's services were judged good by Ofsted in 2022. In all, 40 local authorities were rated good that year.</p>",
        title="Dorset judged good",
    )
    return answerer_over(docs_store(root, embedder), embedder)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("what does the CAST do in the IoW?", "Children's Assessment and Safeguarding Team"),
        ("how quickly does iow's CAST screen referrals", "within one working day"),
        ("what did ofsted say about B&NES care leavers?", "personal adviser"),
        ("how many LAs were rated good in 2022, in the dorset news?", "40 local authorities"),
    ],
)
def test_short_forms_and_spelt_out_acronyms_are_answered(answerer: Answerer, question: str, expected: str) -> None:
    answer = answerer.run(question)
    assert answer.answered and expected in answer.answer, (question, answer.answer)


@pytest.mark.parametrize(
    "question",
    [
        "what does the QRT do in the IoW?",  # spelt out nowhere
        "what did the B&NES PASS panel decide?",
    ],
)
def test_an_acronym_spelt_out_nowhere_is_still_refused(answerer: Answerer, question: str) -> None:
    answer = answerer.run(question)
    assert not answer.answered and "don't mention" in answer.answer, (question, answer.answer)
