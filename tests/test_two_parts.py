"""Questions that ask two things: how they are cut into parts, and how each part is answered.

- An elliptical second part ("... on the 4th visit decision, and who on the 5th?", "... the
  August visit, and which was the November one?") is the part before it with its ordinal, month
  or year swapped for its own (question.completed_ellipsis); a second part with words of its own
  is left as it is.
- A context set before the first part ("for Rutland in 2023, ...") is every later part's, as a
  lead is, unless a later part names its own council or year (question.split_question).
- A part that is a records class asked alone ("... and what were the grades?") is answered from
  the inspection records inside a question the records do not answer whole, its list beside the
  other part's sentences, every [n] numbered on (pipeline.Answerer._from_sentences).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answering.question import parse_parts, scope_of, split_question
from assistant.answering.records_answer import SOURCE_NOTE
from assistant.citations import quote_is_verbatim
from tests.docs import answerer_over, index_into, make_html, make_pdf


def _texts(question: str) -> list[str]:
    return [p.text for p in parse_parts(question, scope_of(question))]


# --- elliptical parts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, second",
    [
        ("Who signed Rutland's 2nd monitoring visit letter, and who signed the 3rd?", "Who signed Rutland's 3rd monitoring visit letter"),
        ("who was named as dorset's director on the third visit decision and who on the fourth?",
         "who was named as dorset's director on the fourth visit decision"),
        ("what number was north somerset's march 2021 visit, and which was the october one?", "what number was north somerset's october 2021 visit"),
        ("how many actions did rutland's 2019 plan set, and how many did the 2021 one set?", "how many actions did rutland's 2021 plan set"),
    ],
)
def test_an_elliptical_part_is_the_part_before_with_its_event_swapped(question, second):
    texts = _texts(question)
    assert len(texts) == 2
    assert texts[1] == second


@pytest.mark.parametrize(
    "question",
    [
        # Words of its own: it says what it asks.
        "who was rutland's cabinet member in 2019 and who was the lead inspector in 2023?",
        "what overall grade did dorset get after the may 2018 inspection, and what overall grade after the june 2022 reinspection?",
        # Nothing of the same kind to swap.
        "who chaired dorset's scrutiny committee, and who was it in 2022?",
    ],
)
def test_a_part_with_words_of_its_own_is_not_completed(question):
    assert _texts(question) == split_question(question)


# --- a context shared by the parts --------------------------------------------------------------


def test_a_context_set_before_the_first_part_is_every_later_parts():
    assert split_question("for rutland in 2023, what did the cabinet resolve and what were the grades") == [
        "for rutland in 2023, what did the cabinet resolve", "for rutland in 2023, what were the grades",
    ]


def test_a_part_naming_its_own_council_or_year_keeps_its_own():
    parts = split_question("for rutland in 2023, what did the cabinet resolve and what did dorset's cabinet resolve?")
    assert parts[1] == "what did dorset's cabinet resolve?"
    parts = split_question("for rutland in 2023, what did the cabinet resolve and what were the grades in 2019?")
    assert parts[1] == "what were the grades in 2019?"


# --- a records part inside a mixed question -----------------------------------------------------

GRADES = [
    ["The impact of leaders on social work practice with children and families", "Good"],
    ["The experiences and progress of children who need help and protection", "Requires improvement to be good"],
    ["The experiences and progress of children in care", "Good"],
    ["The experiences and progress of care leavers", "Outstanding"],
    ["Overall effectiveness", "Good"],
]
MINUTES = """<h1>Rutland County Council Cabinet, 14 November 2023</h1>
<h2>Ofsted inspection of children's services</h2>
<p>The Cabinet considered the report of the Strategic Director on the Ofsted inspection of children's services in September 2023.</p>
<p>RESOLVED: that the Cabinet notes the findings and approves the improvement plan for help and protection.</p>
<h2>Highways maintenance</h2>
<p>The Cabinet agreed the winter gritting routes for 2023 to 2024.</p>
"""


@pytest.fixture(scope="module")
def rutland(tmp_path_factory, embedder):
    from indexer.settings import Settings

    root = tmp_path_factory.mktemp("two-parts")
    folder = root / "docs"
    folder.mkdir()
    make_pdf(
        folder / "rutland-2023-inspection-report.pdf",
        [[
            ("h", "Inspection of Rutland local authority children's services"),
            ("p", "Inspection dates: 11 to 22 September 2023"),
            ("p", "Published: 3 November 2023"),
            ("h", "Judgements"),
            ("table", [["Judgement", "Grade"], *GRADES]),
        ]],
        title="Inspection of Rutland local authority children's services",
    )
    make_html(folder / "rutland-2023-cabinet-minutes.html", MINUTES, title="Rutland Cabinet minutes, 14 November 2023")
    return answerer_over(index_into(Settings(store=root / "store"), embedder, folder), embedder)


@pytest.mark.parametrize(
    "question",
    [
        "for rutland in 2023, what did the cabinet resolve and what were the grades?",
        "Rutland 2023: what did cabinet resolve about the inspection, and what grades did Ofsted give?",
    ],
)
def test_a_grades_part_of_a_mixed_question_is_answered_from_the_records(rutland, question):
    answer = rutland.run(question)
    assert answer.answered
    assert SOURCE_NOTE in answer.answer
    assert "Outstanding" in answer.answer and "Requires improvement to be good" in answer.answer
    assert "RESOLVED" in answer.answer
    # Every [n] names the citation numbered n, numbered on across the two parts' answers.
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert marks == {c.n for c in answer.citations} == set(range(1, len(answer.citations) + 1))
    assert {Path(c.source).name for c in answer.citations} == {"rutland-2023-inspection-report.pdf", "rutland-2023-cabinet-minutes.html"}
    assert all(quote_is_verbatim(c) for c in answer.citations)


# --- a pronoun for the part before's subject ----------------------------------------------------


@pytest.mark.parametrize(
    "question, second",
    [
        ("Dorset 2022: what did inspectors say about return home interviews, and what does the action plan do about it?",
         "Dorset 2022: what does the action plan do about return home interviews?"),
        ("what did the rutland visit find about kinship carers, and what does the improvement plan set against them?",
         "what does the improvement plan set against kinship carers?"),
    ],
)
def test_a_pronoun_for_the_earlier_parts_subject_is_that_subject(question, second):
    assert _texts(question)[1] == second


@pytest.mark.parametrize(
    "question",
    [
        # The earlier part ends on a time, not its subject.
        "what did ofsted say about kinship care in rutland in 2024, and what did the plan promise on it?",
        # No pronoun for it.
        "what did inspectors say about caseloads in dorset, and how many social workers does the council employ?",
    ],
)
def test_a_part_without_a_subject_to_point_back_to_is_left_as_it_is(question):
    assert _texts(question)[1:] == split_question(question)[1:]
