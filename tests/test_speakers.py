"""Whose words: questions asking who said a quotation, sentences whose speaker is a pronoun or an
earlier sentence's quotation, and lists announced by a lead-in. Each class in several phrasings,
made up here, over a small real index (tests/docs.py)."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from assistant.answering.question import asks_speaker, quotations
from assistant.answering.speakers import needs_speaker
from tests.docs import answerer_over, docs_store

DOCS = {
    "oakshire-2023-news.md": """---
kind: other
authority: Oakshire
date: 2023-06-20
---
# Oakshire children's services rated good

Ofsted has rated Oakshire's children's services good after a three-week inspection in May.

Councillor Priya Marchetti, cabinet member for children, said the result was earned by every social worker in the county.

Ms Marchetti said the council would publish a plan for the two areas still to improve. She added that the council had been inspected under "the strictest framework yet".

Director of children's services Tomasz Brennan said staff had "kept their nerve through a hard winter". He told the local paper that recruitment of foster carers was the next priority.

"We are not resting on this result," he said, adding that a new fostering hub would open in the autumn.

Council leader Imogen Fairweather said: "This is a proud day for Oakshire. Our families deserve nothing less."
""",
    "oakshire-2023-cabinet-minutes.md": """---
kind: committee minutes
authority: Oakshire
date: 2023-07-12
---
# Oakshire Cabinet, 12 July 2023

## Response to the Ofsted inspection

The cabinet has agreed a package of steps to strengthen services, including:
- a second fostering recruitment campaign in the north of the county
- a review of caseloads in the assessment teams
- monthly reports on supervision to the improvement board

The cabinet resolved to receive the inspection report and note its good judgement.
""",
    "oakshire-2022-appointment-news.md": """---
kind: other
authority: Oakshire
date: 2022-03-02
---
# New head of safeguarding for Oakshire

Oakshire has appointed Samira Okafor as its head of safeguarding from April. She joined the council as a newly qualified social worker in 2009.
""",
}


@pytest.fixture(scope="module")
def oakshire(tmp_path_factory, embedder) -> Answerer:
    return answerer_over(docs_store(tmp_path_factory.mktemp("speakers"), embedder, DOCS), embedder)


def refused(answer) -> bool:
    return answer.answer.startswith(NOT_FOUND)


# --- a quotation in a question ----------------------------------------------------------------


@pytest.mark.parametrize(
    "question, quoted",
    [
        ("who said 'we're nearly there' about the visit?", ("we're nearly there",)),
        ("who called the report “a wake-up call”?", ("a wake-up call",)),
        ('which councillor said "the plan is working"', ("the plan is working",)),
        ("who said ‘it’s a fair report’ in 2021", ("it’s a fair report",)),
        ("what did the councils' leaders say about the children's homes?", ()),
    ],
)
def test_the_words_a_question_quotes_are_read_whatever_its_quote_marks(question, quoted):
    # An apostrophe inside the words ("we're", "it’s") or a plural possessive closes nothing.
    assert quotations(question) == quoted


@pytest.mark.parametrize(
    "question, speaker",
    [
        ("who said oakshire was inspected under 'the strictest framework yet'?", "Priya Marchetti"),
        ("Who said the staff had “kept their nerve through a hard winter”?", "Tomasz Brennan"),
        ('who said "we are not resting on this result"', "Tomasz Brennan"),
        ("which oakshire politician said 'our families deserve nothing less'", "Imogen Fairweather"),
    ],
)
def test_who_said_a_quotation_is_answered_by_the_sentence_holding_it_with_its_speaker_named(oakshire, question, speaker):
    # Before, a sentence led by "She added"/"he said" failed the person need and was refused, and
    # a quotation carried on from an earlier sentence ("Our families ...") named nobody.
    answer = oakshire.run(question)
    assert not refused(answer), answer.answer
    assert speaker in answer.answer, answer.answer
    quoted = quotations(question)[0].lower().replace("’", "'")
    assert quoted in answer.answer.lower().replace("’", "'").replace("“", '"').replace("”", '"'), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "who said oakshire had 'the best foster carers in england'?",
        "who said 'the inspection was a disaster' in oakshire",
    ],
)
def test_who_said_words_no_document_holds_is_refused(oakshire, question):
    # A sentence with other words of a person who was quoted is no answer to whose these are.
    assert refused(oakshire.run(question)), oakshire.run(question).answer


@pytest.mark.parametrize(
    "question",
    [
        "who said the council had been inspected under the strictest framework?",
        "who told the local paper that foster carer recruitment was the next priority?",
    ],
)
def test_who_said_without_quote_marks_names_the_pronouns_speaker(oakshire, question):
    answer = oakshire.run(question)
    assert not refused(answer), answer.answer
    assert "Marchetti" in answer.answer or "Brennan" in answer.answer, answer.answer


# --- a sentence whose speaker is a pronoun or an earlier quotation --------------------------------


@pytest.mark.parametrize(
    "text, before, leans",
    [
        ("She added that the plan was on track.", "", True),
        ("15.3 He told members the budget was agreed.", "", True),
        ("They also explained why the panel had met.", "", True),
        ('"We will keep going," she said.', "", True),
        ("Our plan is working.\"", 'Cllr Lee said: "We are glad. ', True),
        ("She was appointed in 2019.", "", True),  # "she" is a person, named before
        ("Her first report went to cabinet in May.", "", True),
        ("It was appointed in 2019.", "", False),
        ("His Majesty's Inspectors visited in May.", "", False),  # a title, not a pronoun
        ("They valued the support of their social worker.", "", False),
        ("The council said the plan was on track.", "", False),
    ],
)
def test_a_sentence_reporting_words_without_naming_the_speaker_is_told(text, before, leans):
    assert needs_speaker(text, before) is leans


@pytest.mark.parametrize(
    "question",
    ["who said 'x' about it", "which councillor told members about it", "who wrote that the plan was late", "whose words were these"],
)
def test_a_question_asking_who_said_something_asks_for_a_speaker(question):
    assert asks_speaker(question) or question.startswith("whose words")


def test_a_pronoun_led_sentence_is_quoted_with_the_sentence_naming_its_speaker(oakshire):
    answer = oakshire.run("what did oakshire's director say about foster carers?")
    assert not refused(answer), answer.answer
    # The "He told the local paper ..." sentence is not quoted on its own: its speaker is named.
    for c in answer.citations:
        if c.quote.lstrip().startswith("He told"):
            pytest.fail(f"pronoun-led sentence quoted alone: {c.quote}")
    assert "Brennan" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    ["when did oakshire's new head of safeguarding join the council?", "in what year did the new safeguarding head join oakshire council as a social worker?"],
)
def test_a_sentence_led_by_he_or_she_is_quoted_with_the_sentence_naming_them(oakshire, question):
    answer = oakshire.run(question)
    assert not refused(answer), answer.answer
    assert "2009" in answer.answer and "Samira Okafor" in answer.answer, answer.answer


# --- a list asked for, announced by a lead-in -------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what steps did oakshire's cabinet agree after the good judgement?",
        "what measures did oakshire agree following the 2023 good rating?",
    ],
)
def test_what_steps_were_agreed_is_answered_by_the_lead_in_and_its_items(oakshire, question):
    # Before, "judgement"/"rating" made it a grade question answered by the grade.
    answer = oakshire.run(question)
    assert not refused(answer), answer.answer
    assert "caseloads" in answer.answer and "supervision" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what measures did the council announce after the inadequate judgement?",
        "what strengths did inspectors find despite the requires improvement rating?",
        "which steps has the trust taken since its 2022 grade?",
    ],
)
def test_a_plural_noun_asked_for_beside_a_grade_word_asks_for_a_list_not_the_grade(question):
    from assistant.answering.question import Intent, Question
    from assistant.types import Scope

    q = Question.parse(question, Scope(), False)
    assert q.intent is not Intent.GRADE and q.wants_list and q.expected is None, (q.intent, q.need)


@pytest.mark.parametrize("question", ["which judgements were good?", "what grades did the council get in 2019?"])
def test_a_grade_noun_asked_for_stays_a_grade_question(question):
    from assistant.answering.question import Intent, Question
    from assistant.types import Scope

    assert Question.parse(question, Scope(), False).intent is Intent.GRADE


@pytest.mark.parametrize(
    "line, frame",
    [
        ("Director of Children's Services Anyshire County Council County Hall Newtown NT4 2QX", True),
        ("The Director, Riverside Borough Council, Civic Centre, Riverside RV1 9AB", True),
        ("Responding to the Ofsted monitoring visit of May 2021 | Version 3 | July 2021", True),
        ("Response to the Ofsted inspection of June 2020 (overall effectiveness: good)", True),
        ("Inspectors found that plans for children in need were not specific enough.", False),
        ("Following the visit, leaders appointed two new team managers.", False),
    ],
)
def test_an_address_or_a_title_line_is_a_documents_frame_not_a_finding(line, frame):
    # "List what needs to improve from the visit" was answered with the letter's address block.
    from assistant.answering.frame import is_frame

    assert is_frame(line) is frame
