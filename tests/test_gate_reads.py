"""Right answers the gates read, in the forms the documents write them, and the near misses they
still refuse (made-up councils and wording)."""

import pytest

from assistant.answering.dates import Bound, YearRelation, bounds, is_dateline
from assistant.answering.needs import names_a_person, need_of


# --- a grade stated of every area at once, or as a move from one grade to another --------------

@pytest.mark.parametrize("text", [
    "Marlow Vale's children's services have been judged good in all areas after the inspection.",
    "All judgements were good: the impact of leaders; help and protection; children in care; care leavers.",
])
def test_every_area_graded_grades_the_area_asked(text):
    assert need_of("what grade did care leavers get in Marlow Vale?").met(text)


@pytest.mark.parametrize("text", [
    "Marlow Vale was judged good in every area apart from care leavers.",
    "Children in care were good; all other areas were judged outstanding.",
])
def test_an_area_excepted_or_graded_apart_is_not_graded_by_every_area(text):
    assert not need_of("what grade did care leavers get in Marlow Vale?").met(text)


@pytest.mark.parametrize("text", [
    "Ofsted has changed the council's rating from good to requires improvement to be good.",
    "Children's services in Kelbrook have been downgraded from 'outstanding' to 'good'.",
    "This replaces the inadequate judgement from the 2016 single inspection framework (SIF) inspection.",
    "That was itself an improvement on the inadequate judgement of 2016.",
    "Ofsted judged the authority's children's services as **good**.",
    "It was rated good or better in every category Ofsted judged.",
])
def test_the_overall_grade_in_the_forms_news_and_minutes_write_it(text):
    assert need_of("what was Kelbrook's overall grade?").met(text)


@pytest.mark.parametrize("text", [
    "Services for care leavers were downgraded from good to inadequate.",
    "The inadequate judgement for care leavers was the one that hurt.",
    "The safeguarding board was downgraded from good to requires improvement.",
])
def test_a_moved_or_named_grade_of_something_else_is_no_overall_grade(text):
    assert not need_of("what was Kelbrook's overall grade?").met(text)


# --- a year is no count of items; a time gap wants a length of time -----------------------------

def test_a_year_before_the_noun_asks_for_no_items():
    assert need_of("what was the 2023 monitoring visit at Kelbrook looking at?") is None


def test_how_much_later_is_answered_by_a_length_of_time():
    need = need_of("how much later than expected did inspectors arrive in Kelbrook?")
    assert need.met("Inspectors arrived three weeks later than expected.")
    assert need.met("The visit came 6 months later than planned.")
    assert not need.met("Inspectors arrived later than expected, in the spring.")


# --- a role a body holds ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Marlow Vale Borough Council is acting as Kelbrook's improvement partner.",
    "The London Borough of Anyville was named as its partner in practice.",
])
def test_a_partner_is_answered_by_the_body_named_in_the_role(text):
    assert need_of("who is Kelbrook's improvement partner?").met(text)


@pytest.mark.parametrize("text", [
    "The improvement partner has been very helpful, members heard.",
    "Marlow Vale Borough Council approved the plan on Tuesday.",
])
def test_a_partner_unnamed_or_a_body_in_no_role_is_no_answer(text):
    assert not need_of("who is Kelbrook's improvement partner?").met(text)


def test_young_is_a_surname_but_young_people_a_department():
    assert names_a_person("Chief executive Hannah Young apologised to families.")
    assert not names_a_person("The Strategic Director for Children and Young People presented the report.")
    assert not names_a_person("The Young Carers service was praised.")


# --- a page's own date, in figures or with its byline --------------------------------------------

@pytest.mark.parametrize("line", [
    "Tuesday 4 March 2025 · Education · by Sam Hartley",
    "Date: Wed, 04/03/2025",
])
def test_a_dateline_in_figures_or_with_a_byline_is_the_publication_date(line):
    assert is_dateline(line)
    assert need_of("when was Kelbrook's 2025 report published?", (2025,)).met(line)


# --- the year of the document that mentions what is asked ---------------------------------------

@pytest.mark.parametrize("question", [
    "when was the Kelbrook JTAI mentioned in the 2024 article?",
    "when was the focused visit that the 2024 ILACS said had not been addressed?",
    "when did Kelbrook start the plan that tackled the problems raised in the 2024 report?",
])
def test_the_mentioning_documents_year_bounds_the_date(question):
    assert bounds(question) == {2024: Bound(YearRelation.BY, 2024)}
    assert need_of(question, (2024,)).met("A joint inspection in May 2022 found weaknesses.")


def test_a_bound_by_a_year_holds_for_that_year_and_before():
    bound = Bound(YearRelation.BY, 2024)
    assert bound.holds(2024) and bound.holds(2021, 5) and not bound.holds(2025)


def test_what_was_said_in_a_years_document_is_dated_by_it():
    assert bounds("who said in the 2024 letter that leaders were not yet effective?") == {}
    assert bounds("when was the 2024 report published?") == {}
    # The question's own verb dates the document asked for; a relative clause's mention bounds.
    assert bounds("what concerns were raised in the 2022 report for kelbrook?") == {}
    assert bounds("which weaknesses are highlighted in the 2021 letter?") == {}
    assert bounds("when did kelbrook start the plan tackling the problems raised in the 2022 report?") == {2022: Bound(YearRelation.BY, 2022)}


# --- traps: what the question pins down and the sentence does not give -----------------------

@pytest.mark.parametrize("question", [
    "what exact days in June 2024 were inspectors in Kelbrook?",
    "what were the exact dates of the Kelbrook focused visit in June 2024?",
])
def test_a_day_asked_within_a_named_month_must_be_of_that_month(question):
    need = need_of(question, (2024,))
    assert not need.met("Kelbrook Council news – Tuesday 16 July 2024")
    assert not need.met("The visit was the first to the new council, formed on 1 April 2024.")
    assert need.met("This letter summarises the focused visit to Kelbrook on 11 and 12 June 2024.")


def test_the_first_day_of_a_range_is_no_count():
    need = need_of("how many children were on child protection plans in Kelbrook at the 2024 visit?", (2024,))
    assert not need.met("This letter summarises the focused visit to Kelbrook children's services on 11 and 12 June 2024.")
    assert need.met("At the time of the visit 214 children were on child protection plans.")


def test_who_led_the_inspection_asks_for_its_lead_inspector():
    need = need_of("who led the Kelbrook 2024 inspection?", (2024,))
    assert not need.met("Director of children's services Dr Amy Marsh said she was disappointed.")
    assert need.met("Lead inspector: Jane Roe, His Majesty's Inspector")


def test_a_meetings_date_is_no_date_of_the_inspection():
    need = need_of("what were the inspection dates for Kelbrook's 2024 ILACS?", (2024,))
    assert not need.met("RESOLVED that the outcome of the inspection be noted and the action plan be brought to the meeting on 17 March 2025.")
    assert need.met("Inspection dates: 2 to 13 December 2024")


def test_a_count_of_occasions_counts_the_verbs_noun():
    need = need_of("how many monitoring visits had Kelbrook had by March 2025?")
    assert need.met("Since the inspection, inspectors have visited Kelbrook to check progress four times, most recently on 3 and 4 March.")
    assert not need.met("Inspectors visited Kelbrook on 3 and 4 March.")
