"""A part of a several-part question is about the years it names itself, not another part's.

"When was X's focused visit, and what grade did the 2024 briefing give?": the visit is not of
2024. A part naming no year of its own (none in it, none in the lead every part carries) is about
a document of its own, whose year it does not say; scoped to the other part's year, its search
ranked that year's documents first and its gates refused every other year's answer. A part that
takes its time from another part ("then", "that year", "when did that inspection start?") keeps
the whole question's years (question.of_its_own_time). The other parts' years still count a little
for the yearless part (Question.near_years, the `year` feature): the same year's minute is often
the document it asks about.

Made-up documents of real councils, indexed into a real store.
"""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.question import of_its_own_time, parse_parts, scope_of
from indexer.settings import Settings
from tests.docs import answerer_over, index_into


@pytest.mark.parametrize(
    "question, years",
    [
        # The other part's year is not this part's.
        ("when was torbay's focused visit, and what grade did the 2024 briefing give?", [(), (2024,)]),
        ("who got the 2019 wigan monitoring letter and what was the overall grade at the next full inspection",
         [(2019,), ()]),
        ("in solihull's action plan who leads the audits, and who chaired the 2020 board", [(), (2020,)]),
        # A lead's year is every part's own.
        ("Thurrock 2021: who signed the letter, and what did the cabinet member say?", [(2021,), (2021,)]),
        # A part taking its time from the other keeps it.
        ("what grade did halton get in 2018, and who was the director then?", [(2018,), (2018,)]),
        ("what did torbay get after the 2022 inspection, and when did that inspection begin?", [(2022,), (2022,)]),
        ("which councillor spoke for rutland in 2017, and who was the lead inspector that year", [(2017,), (2017,)]),
    ],
)
def test_a_part_is_scoped_to_its_own_years(question, years):
    parts = parse_parts(question, scope_of(question))
    assert [p.scope.years for p in parts] == years


@pytest.mark.parametrize(
    "part, own",
    [("what did the lead member say about this result", False),
     ("when did that ofsted visit start", False),
     ("on what date was the notice that replaced the warning issued", True),  # 'that' joins a clause
     ("who replaced her as director", True),
     ("what was said at the 2023 scrutiny", False)],  # a year of its own
)
def test_a_part_pointing_at_another_parts_occasion_takes_its_time(part, own):
    assert of_its_own_time(part) is own


def test_a_part_of_its_own_time_is_still_near_the_other_parts_years():
    # Not searched first nor required, but credited (features' `year`): the same year's minute
    # often is the document a yearless part asks about ("what did the committee note?").
    question = "who signed thurrock's 2018 letter, and what rise in referrals did the committee note?"
    parts = parse_parts(question, scope_of(question))
    assert [(p.scope.years, p.near_years) for p in parts] == [((2018,), ()), ((), (2018,))]


def test_a_question_asked_in_one_part_keeps_its_years():
    (q,) = parse_parts("what did the 2024 briefing say about torbay's focused visit?", scope_of("torbay 2024"))
    assert q.scope.years == (2024,)


# --- answered, from a store --------------------------------------------------------------------


def _doc(kind: str, council: str, date: str, title: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"---\nkind: {kind}\nauthority: {council}\ndate: {date}\n---\n# {title}\n\n{body}\n"


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("part_years")
    docs = root / "docs"
    docs.mkdir()
    (docs / "torbay-2021-focused-visit-letter.md").write_text(_doc(
        "inspection report", "Torbay", "2021-07-20", "Focused visit to Torbay children's services",
        "This letter summarises the findings of the focused visit to Torbay children's services on 8 and 9 June 2021.",
        "Inspectors looked at the council's arrangements for children in care and found that visits to children were timely.",
    ), encoding="utf-8")
    (docs / "torbay-2024-member-briefing.md").write_text(_doc(
        "other", "Torbay", "2024-05-02", "Member briefing: Ofsted inspection of children's services",
        "Ofsted judged Torbay's children's services good overall after the inspection in March 2024.",
        "The briefing sets out the improvement work members will be asked to scrutinise over the coming year.",
    ), encoding="utf-8")
    settings = Settings(store=root / "store")
    index_into(settings, embedder, docs)
    return answerer_over(settings, embedder)


def test_a_part_naming_no_year_is_answered_from_its_own_document(answerer):
    answer = answerer.run("when was torbay's focused visit, and what grade did the 2024 briefing give?")
    assert "8 and 9 June 2021" in answer.answer, answer.answer
    assert "good overall" in answer.answer, answer.answer
    sources = {c.source.rsplit("/", 1)[-1] for c in answer.citations}
    assert sources == {"torbay-2021-focused-visit-letter.md", "torbay-2024-member-briefing.md"}, answer.answer
