"""Traps answered with a nearby fact, by what the question asks that the sentence does not give:
a date to the day where the documents give a month; an inspection's date where the sentence
dates a meeting; a time phrase ("the end of March") read as the event "end"; a person where an
address block names the post only, or a programme's name read as a person's; a chair where the
attendance list is of another body or names no one as chair; what happened in a year told by a
document written before it; a sentence saying it withholds what is asked; the grading scale, a
reason or another year's grade read as the grade asked; a later inspection's lead inspector for
the earlier one the sentence mentions; a measure asked as a figure answered by no figure. Each
class in made-up wording, over a small real index where the pipeline decides, with the answerable
question beside the trap so that refusing everything fails too."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from assistant.answering.gates import without_time_phrases
from assistant.answering.needs import names_a_person, need_of
from tests.docs import answerer_over, docs_store

DOCS = {
    "torbay-2023-focused-visit-letter.md": """---
kind: inspection report
authority: Torbay
date: 2023-06-20
---
# Focused visit to Torbay children's services

Executive Director of Children's Services Torbay Council Town Hall, Castle Circus, Torquay TQ1 3DR

## Findings

This letter summarises the findings of the focused visit to Torbay children's services carried out in May 2023.
Inspectors looked at the council's arrangements for children in care who live far from home.
Social workers visit children regularly and know them well.
""",
    "torbay-2023-scrutiny-minutes.md": """---
title: Torbay Council Children and Young People's Scrutiny Panel minutes, 14 September 2023
kind: committee minutes
authority: Torbay
date: 2023-09-14
---
# Children and Young People's Scrutiny Panel

Minutes of the meeting held on Thursday 14 September 2023 at the Town Hall.

Present: Councillor Nia Roberts (Chair), Councillors Ellis, Ford and Grant.

## Focused visit

The Director presented the letter on the focused visit and the panel noted its findings on children in care.
The Director said the council could not yet say what the changes to the fostering service would be.
""",
    "torbay-2023-cabinet-minutes.md": """---
title: Torbay Council Cabinet minutes, 10 October 2023
kind: committee minutes
authority: Torbay
date: 2023-10-10
---
# Cabinet

Present: the Chair (in the chair), Councillor Owen Price, Councillor Alys Hughes and five further members of the cabinet.

## Children's services

Cabinet noted the focused visit letter and agreed to fund two more social work teams.
""",
    "torbay-2026-corporate-parenting-minutes.md": """---
kind: committee minutes
authority: Torbay
date: 2026-03-04
---
# Corporate Parenting Board

Members noted that the lead inspector, Sam Okafor, had praised the board's work with care leavers since the previous inspection in 2023.
""",
    "torbay-2024-news.md": """---
kind: other
authority: Torbay
date: 2024-02-01
---
# Torbay prepares for its next inspection

The council expects its next full inspection of children's services before the end of March 2025.
""",
}


@pytest.fixture(scope="module")
def torbay(tmp_path_factory, embedder) -> Answerer:
    return answerer_over(docs_store(tmp_path_factory.mktemp("nearby-traps"), embedder, DOCS), embedder)


def refused(answer) -> bool:
    return answer.answer.startswith(NOT_FOUND)


# --- a date to the day, an inspection's date ------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what were the exact dates of torbay's 2023 focused visit?",
        "when exactly did inspectors visit torbay in 2023?",
        "torbay 2023 focused visit - start and end dates?",
    ],
)
def test_a_date_asked_to_the_day_is_refused_where_only_the_month_is_given(torbay, question):
    answer = torbay.run(question)
    assert refused(answer), answer.answer


def test_a_date_asked_to_the_month_is_answered_by_the_month(torbay):
    answer = torbay.run("when was torbay's 2023 focused visit?")
    assert not refused(answer), answer.answer
    assert "May 2023" in answer.answer


_MEETING = "Minutes of the meeting held on Thursday 14 September 2023 at the Town Hall."
_PUBLISHED = "The report was published on 3 May 2019."
_FIELDWORK = "Inspectors were on site from 11 to 15 March 2019."


@pytest.mark.parametrize(
    "question, sentence, met",
    [
        ("what were the inspection dates for the 2023 visit?", _MEETING, False),
        ("when did ofsted inspect the council in 2019?", _PUBLISHED, False),
        ("what date was the 2019 inspection finished?", _PUBLISHED, False),
        ("what date was the 2019 inspection finished?", _FIELDWORK, True),
        ("when was the 2019 inspection report published?", _PUBLISHED, True),
        ("what date did the panel discuss the visit letter?", _MEETING, True),
        # A sentence naming the inspection with only its report's date dates the publication.
        ("what dates did the 2018 inspection take place?", "Inspection: standard inspection (report published 19 November 2018).", False),
        ("when was the inspection carried out?", "The inspection letter, dated 2 May 2021, follows the visit.", False),
        ("when was the inspection carried out?", "The council was inspected in October 2018 and the report was published in December.", True),
        ("what dates did the 2018 inspection take place?", "Inspection dates: 8 to 19 October 2018", True),
        ("when did the 2015 inspection take place?", "Single inspection framework, four weeks in May and June; published August 2015.", True),
    ],
)
def test_an_inspections_date_must_be_dated_as_the_inspections(question, sentence, met):
    need = need_of(question)
    assert need is not None and need.what == "a date"
    assert need.met(sentence) is met


@pytest.mark.parametrize(
    "text, kept",
    [
        ("expected before the end of March 2026", False),
        ("by the end of the financial year", False),
        ("from the start of 2024", False),
        ("the notice will end when the board is satisfied", True),
    ],
)
def test_a_point_in_time_is_no_event_word(text, kept):
    assert (" end " in f" {without_time_phrases(text)} " or " start " in f" {without_time_phrases(text)} ") is kept


# --- a person, a chair ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, person",
    [
        ("Director of Children's Services, Anyshire County Council, County Hall", False),
        ("Executive Director, Westfields, Middlewich Road, Sandbach", False),
        ("Helen Lincoln, Director of Children's Services", True),
        ("Councillor Ellis said caseloads were falling", True),
    ],
)
def test_an_address_block_names_a_place_not_a_person(text, person):
    assert names_a_person(text) is person


@pytest.mark.parametrize(
    "question",
    ["who was torbay's director of children's services in 2023?", "what is the name of the torbay director of children's services in the 2023 letter?"],
)
def test_a_post_named_only_in_an_address_block_gives_no_person(torbay, question):
    answer = torbay.run(question)
    assert refused(answer), answer.answer


def test_the_chair_of_the_body_whose_minutes_list_them_is_answered(torbay):
    answer = torbay.run("who chaired torbay's children and young people's scrutiny panel in september 2023?")
    assert not refused(answer), answer.answer
    assert "Nia Roberts" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        # Another body's attendance list.
        "who chaired torbay's children's services improvement board in 2023?",
        # An attendance list naming members but no one as chair.
        "who chaired torbay's cabinet in october 2023?",
    ],
)
def test_a_chair_no_attendance_list_of_that_body_names_is_refused(torbay, question):
    answer = torbay.run(question)
    assert refused(answer), answer.answer


# --- a later year ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["what was the outcome of torbay's 2025 inspection?", "what did ofsted find at torbay's full inspection in 2025?"],
)
def test_what_happened_in_a_year_is_not_told_by_a_document_written_before_it(torbay, question):
    answer = torbay.run(question)
    assert refused(answer), answer.answer


def test_a_question_looking_ahead_is_answered_by_the_earlier_document(torbay):
    answer = torbay.run("when is torbay's next full inspection expected?")
    assert not refused(answer), answer.answer
    assert "March 2025" in answer.answer


# --- a grade of another time, of a joint area, or no grade at all ---------------------------


@pytest.mark.parametrize(
    "question, years, sentence, met",
    [
        # A grade its clause dates to another year than the one asked.
        ("what grade did the council get from its 2025 monitoring visit?", (2025,),
         "This was the third monitoring visit since the council was judged inadequate in May 2024.", False),
        ("what grade did the council get in 2024?", (2024,),
         "This was the third monitoring visit since the council was judged inadequate in May 2024.", True),
        ("which years was the council judged inadequate before 2015?", (2015,), "Ofsted judged the service inadequate in 2010 and in 2012.", True),
        # A grade word as an adjective after an adverb grades nothing.
        ("what was the children in care grade in 2023?", (2023,), "Inspectors praised consistently good support for children in care.", False),
        ("what was the children in care grade in 2023?", (2023,), "The experiences and progress of children in care: Good", True),
        # A joint judgement of a list of groups is no grade of one of them on its own.
        ("what grade did care leavers get on their own in 2016?", (2016,),
         "Services for looked after children, children needing adoption and care leavers require improvement.", False),
        ("what grade did care leavers get on their own in 2016?", (2016,), "Care leavers: requires improvement to be good", True),
    ],
)
def test_a_grade_is_the_asked_areas_at_the_asked_time(question, years, sentence, met):
    need = need_of(question, years)
    assert need is not None and need.what == "the grade asked about"
    assert need.met(sentence) is met


# --- what a sentence says it does not give; a programme's name ------------------------------


def test_a_sentence_withholding_what_is_asked_answers_nothing_but_whether_it_was_given(torbay):
    trap = torbay.run("what did torbay's director say the changes to the fostering service would be?")
    assert refused(trap), trap.answer
    asked = torbay.run("did torbay's director say what the changes to the fostering service would be?")
    assert not refused(asked), asked.answer
    assert "could not yet say" in asked.answer


@pytest.mark.parametrize(
    "text, person",
    [
        ("Inspectors endorsed the Brighter Futures strategy for families.", False),
        ("The council adopted the Family Safeguarding model in 2019.", False),
        ("Priya Chandran, the inspector, led the visit.", True),
    ],
)
def test_two_capitalised_words_naming_a_programme_are_no_person(text, person):
    assert names_a_person(text) is person
    assert need_of("who was the inspector on the visit?").met(text) is person


# --- the grading scale, a reason, an earlier inspection's year ------------------------------


@pytest.mark.parametrize(
    "question, years, sentence, met",
    [
        ("which of anytown's children's homes was rated requires improvement in 2020?", (2020,),
         "Ofsted grades homes as outstanding, good, requires improvement to be good or inadequate.", False),
        ("which of anytown's children's homes was rated requires improvement in 2020?", (2020,),
         "Its second home was rated requires improvement to be good.", True),
        ("what was anytown's 2023 grade for the impact of leaders?", (2023,),
         "The council said it was rated good thanks to strong leadership and stable staff.", False),
        ("what was anytown's 2023 grade for the impact of leaders?", (2023,), "The impact of leaders on social work practice: Good", True),
    ],
)
def test_the_scale_named_or_a_reason_given_is_no_grade_of_the_area(question, years, sentence, met):
    need = need_of(question, years)
    assert need is not None and need.what == "the grade asked about"
    assert need.met(sentence) is met


def test_a_later_inspections_lead_inspector_is_not_the_earlier_ones(torbay):
    trap = torbay.run("who was the lead inspector for torbay's 2023 focused visit?")
    assert refused(trap), trap.answer
    asked = torbay.run("who was the lead inspector torbay's corporate parenting board heard about in 2026?")
    assert not refused(asked), asked.answer
    assert "Sam Okafor" in asked.answer


@pytest.mark.parametrize(
    "question, sentence, met",
    [
        ("what was anytown's social worker turnover in 2022?", "Judgement: The experiences and progress of children in care — Grade: Good", False),
        ("what was anytown's social worker turnover in 2022?", "Turnover was a concern in 2022.", False),
        ("what was anytown's social worker turnover in 2022?", "Social worker turnover fell to 12% in 2022.", True),
        ("what were average caseloads in the assessment team?", "Average caseloads in the team were 18 children.", True),
    ],
)
def test_a_measure_asked_as_a_figure_needs_the_measure_and_a_number(question, sentence, met):
    need = need_of(question, (2022,) if "2022" in question else ())
    assert need is not None and need.what.startswith("a figure for")
    assert need.met(sentence) is met
