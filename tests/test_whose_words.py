"""Whose words, the classes held-out sets failed: a quotation running on over several sentences
and quoted paragraphs, a speaker's words given by a verb of caveat or promise, a post's holder
set after the post in apposition, and a setting typed before the question word (or a long
setting phrase before a comma) that leads the question rather than being a part of its own.
Documents, names and numbers made up here, over a small real index (tests/docs.py)."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from assistant.answering.needs import need_of
from assistant.answering.question import asks_speaker, split_question
from tests.docs import answerer_over, docs_store

DOCS = {
    "fernleigh-2024-news.md": """---
kind: other
authority: Fernleigh
date: 2024-09-12
---
# Fernleigh children's services improving, says Ofsted

Fernleigh Borough Council has had its second monitoring visit since it was rated inadequate in March 2023.

Inspectors looked at how managers record their decisions and at the stability of the workforce.

Councillor Odette Varga, cabinet member for children and families, welcomed the letter.

She said: "Inspectors have seen real change in how our teams plan for children. Our social workers now stay with us for longer."

"Above all, children tell us they are listened to. There is a long road ahead of us. We will not take our foot off the pedal."

Work on a new assessment hub will start in January 2025.
""",
    "fernleigh-2024-improvement-board-minutes.md": """---
kind: committee minutes
authority: Fernleigh
date: 2024-10-03
---
# Fernleigh Improvement Board, 3 October 2024

PRESENT: Bernard Quayle (Independent Chair); Hester Lindqvist (Director of Children's Services).

4. MONITORING VISIT – The Board received the letter of the second monitoring visit.

4.1 Ms Lindqvist cautioned that the next inspection would not reach good; a judgement of requires improvement was the realistic aim for 2025.

4.2 The Chair thanked staff for their work over the summer.
""",
    "wexmoor-2021-news.md": """---
kind: other
authority: Wexmoor
date: 2021-05-20
---
# Wexmoor looks back on a hard decade

In 2012, when inspectors found children waiting too long for help, the director of children's services at the time, Rosalind Achterberg, said she accepted every finding.

The council's children's services were rated good in April 2021.
""",
    "fernleigh-2024-leader-column.md": """---
kind: other
authority: Fernleigh
date: 2024-09-20
---
# From the Town Hall: what the monitoring visit told us

*By Cosmo Pellegrini, Leader of Fernleigh Borough Council. Friday 20 September 2024.*

This month Ofsted made its second monitoring visit to our children's services.

I "owe every family we let down an apology", and I make it again today.

A monitoring letter is a snapshot, and a snapshot never shows the whole road a service has travelled.

The Chair of the Improvement Board, Bernard Quayle, said the council was on track.
""",
}


@pytest.fixture(scope="module")
def fernleigh(tmp_path_factory, embedder) -> Answerer:
    return answerer_over(docs_store(tmp_path_factory.mktemp("whose"), embedder, DOCS), embedder)


def refused(answer) -> bool:
    return answer.answer.startswith(NOT_FOUND)


@pytest.mark.parametrize(
    "question",
    [
        "who said 'we will not take our foot off the pedal' about fernleigh?",
        "who said there is a long road ahead for fernleigh children's services",
        "which fernleigh councillor said children tell them they are listened to?",
    ],
)
def test_words_deep_in_a_quotation_over_paragraphs_are_answered_with_their_speaker(fernleigh, question):
    # Before, the third sentence of the second quoted paragraph was more than three sentences
    # from "Councillor Odette Varga ... welcomed the letter." and was quoted naming no one.
    answer = fernleigh.run(question)
    assert not refused(answer), answer.answer
    assert "Odette Varga" in answer.answer, answer.answer


def test_a_sentence_after_a_quotation_closed_is_not_the_speakers(fernleigh):
    answer = fernleigh.run("when will work start on fernleigh's new assessment hub?")
    assert "January" in answer.answer, answer.answer
    assert not any("Varga" in c.quote for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what did hester lindqvist say about the next fernleigh inspection?",
        "what did the fernleigh director of children's services tell the improvement board about the next inspection?",
    ],
)
def test_a_caveat_verb_gives_the_speaker_words(fernleigh, question):
    # "Ms Lindqvist cautioned that ...": "cautioned" was no reporting verb, so the speaker gate
    # refused the only sentence giving her words.
    answer = fernleigh.run(question)
    assert not refused(answer), answer.answer
    assert "requires improvement" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    ["who was the wexmoor DCS who said she accepted every finding in 2012?", "who was wexmoor's director of children's services in 2012?"],
)
def test_a_posts_holder_in_apposition_past_its_brief_answers_who_held_it(fernleigh, question):
    answer = fernleigh.run(question)
    assert not refused(answer), answer.answer
    assert "Rosalind Achterberg" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question, what",
    [
        ("in fernleigh who said the workforce was more stable", "a person"),
        ("for wexmoor when was the good rating", "a date"),
        ("at the march board who signed off the plan", "a person"),
    ],
)
def test_a_setting_typed_before_the_question_word_leaves_the_question_its_need(question, what):
    need = need_of(question)
    assert need is not None and need.what == what, need


@pytest.mark.parametrize("question", ["in which year did fernleigh go inadequate", "on what date was the visit"])
def test_a_question_word_after_a_preposition_is_the_question_itself(question):
    need = need_of(question)
    assert need is None or need.what != "a person", need


def test_a_setting_before_who_said_still_asks_for_a_speaker():
    assert asks_speaker("in fernleigh who said the workforce was more stable")


@pytest.mark.parametrize(
    "question, parts",
    [
        ("In the improvement board minutes of October 2024, who chaired and what did the director caution?", 2),
        ("In the second monitoring visit letter to Fernleigh, what did inspectors look at?", 1),
        ("in the wexmoor news story about the hard decade, who was director in 2012?", 1),
    ],
)
def test_a_long_setting_phrase_leads_every_part_and_is_no_part_itself(question, parts):
    found = split_question(question)
    assert len(found) == parts, found
    setting = question.split(",")[0]
    assert all(p.startswith(setting) for p in found), found


def test_a_long_statement_before_the_question_is_still_a_part_of_its_own():
    # A claim ("the council told ... it hoped to ...") has its own subject and verb: the answer
    # should check it, so it is not folded into the question as a setting.
    found = split_question("In 2024 the council told the board it hoped to hire thirty social workers, what did the letter say about hiring?")
    assert found[0].startswith("In 2024 the council told"), found
    assert len(found) == 2, found


@pytest.mark.parametrize(
    "question",
    ["what did councillor odette varga say about the monitoring visit?", "what did cllr varga say about fernleigh's second monitoring visit"],
)
def test_what_a_speaker_said_is_their_whole_quotation_not_its_first_sentence(fernleigh, question):
    # Before, only 'She said: "Inspectors have seen real change ...' was quoted: the sentences
    # after it inside her quotation scored low on their own and were left out.
    answer = fernleigh.run(question)
    assert not refused(answer), answer.answer
    assert "stay with us for longer" in answer.answer, answer.answer
    assert "Odette Varga" in answer.answer, answer.answer


def test_a_speakers_one_sentence_is_quoted_as_it_is(fernleigh):
    answer = fernleigh.run("what did hester lindqvist say about the next inspection?")
    assert "requires improvement" in answer.answer, answer.answer
    assert "thanked staff" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "who wrote that a monitoring letter is a snapshot?",
        "who said they owe every family let down an apology in fernleigh?",
    ],
)
def test_a_columns_own_words_are_answered_with_its_byline(fernleigh, question):
    # Before, the column's sentences named no one, so "who ...?" was refused though the byline
    # names its author.
    answer = fernleigh.run(question)
    assert not refused(answer), answer.answer
    assert "Cosmo Pellegrini" in answer.answer, answer.answer


def test_words_a_column_gives_someone_else_are_not_its_authors(fernleigh):
    answer = fernleigh.run("who said fernleigh council was on track after the monitoring visit?")
    assert "Bernard Quayle" in answer.answer, answer.answer
    assert not any("Pellegrini" in c.quote for c in answer.citations), answer.answer


def test_a_reporters_byline_names_no_author(tmp_path, embedder):
    docs = {"ashbury-2023-news.md": """---
kind: other
authority: Ashbury
date: 2023-03-01
---
# Ashbury children's services rated good

By Local Democracy Reporter, Ashbury Echo

A new report is a snapshot of the service in February.
"""}
    answerer = answerer_over(docs_store(tmp_path, embedder, docs), embedder)
    assert refused(answerer.run("who wrote that the ashbury report is a snapshot of the service?"))


def test_a_name_after_a_verb_is_not_the_posts_holder():
    from assistant.answering.needs import _named_in_role

    assert not _named_in_role("The Chair told the panel that the Director of Children's Services, Ines Mabry, would leave in June.", {"chair"})
    assert _named_in_role("the chair of the panel at the time, Ines Mabry, opened the meeting.", {"chair"})
