"""Dates, counts and years the need gates read in the documents' own forms: a year that bounds
the answer ("before the 2019 inspection"), a day and month dated by their document, a line that
is only a date, a count of a thing named by its acronym, a time to come as a span. Made-up
councils and sentences throughout."""

from __future__ import annotations

import pytest

from assistant.answering.candidates import Unit
from assistant.answering.dates import Bound, YearRelation, after_document, asked_years, bounds, is_dateline, stated_dates, yearless_dates
from assistant.answering.gates import DateYearGate, EventGate, NeedGate, _PUBLICATION_STEMS
from assistant.answering.needs import need_of
from assistant.answering.question import parse_parts, scope_of
from assistant.types import Hit
from indexer.types import DocKind, Passage
from indexer.vocabulary import RELATIVE_FUTURE


def _unit(text: str, date: str = "") -> Unit:
    passage = Passage(id="p", source="d.html", title="t", kind=DocKind.OTHER, page=None, heading="", text=text, ordinal=0, file_hash="h", date=date)
    return Unit(Hit(passage, 1.0), text, text)


def _part(question: str):
    return parse_parts(question, scope_of(question))[0]


# --- a year as a bound of the answer ---------------------------------------------------------

@pytest.mark.parametrize("question, relation", [
    ("when was Fenbridge inspected before the 2019 ILACS", YearRelation.BEFORE),
    ("when did Ofsted visit Marlow Vale prior to its 2021 inspection", YearRelation.BEFORE),
    ("when was the first monitoring visit after the 2016 report", YearRelation.AFTER),
    ("how often has Ashcombe been visited since 2015", YearRelation.SINCE),
])
def test_a_comparison_word_makes_the_year_a_bound(question, relation):
    year = next(int(w) for w in question.split() if w.isdigit())
    assert bounds(question) == {year: Bound(relation, year)}
    assert asked_years(question, (year,)) == ()


def test_a_year_asked_itself_is_no_bound():
    assert bounds("when was Fenbridge's 2019 inspection") == {}
    assert asked_years("when was Fenbridge's 2019 inspection", (2019,)) == (2019,)


def test_a_span_before_the_comparison_names_a_year_of_its_own():
    question = "what did Ashcombe get for adoption at the inspection four years before 2020"
    assert bounds(question) == {}
    assert asked_years(question, (2020,)) == (2016,)


def test_a_period_up_to_the_year_stays_a_bound():
    question = "what grades had Fenbridge's homes received in the three years before the March 2023 report"
    assert asked_years(question, (2023,)) == ()
    assert bounds(question)[2023].relation is YearRelation.BEFORE


def test_a_bound_with_its_month_orders_dates_in_its_own_year():
    bound = bounds("when was the focused visit before the July 2019 inspection")[2019]
    assert bound.month == 7
    assert bound.holds(2019, 3) and bound.holds(2018) and not bound.holds(2019, 9) and not bound.holds(2019)


def test_the_date_gate_passes_an_earlier_year_and_refuses_the_bound_itself():
    gate = DateYearGate((), bounds=bounds("when was Fenbridge inspected before the 2019 ILACS"))
    assert gate.passes(_unit("Services in Fenbridge were last inspected in 2015, and judged adequate.", "2019-06-01"))
    assert not gate.passes(_unit("Fenbridge's last full inspection was in March 2019.", "2019-06-01"))


def test_a_date_need_for_an_earlier_inspection_takes_a_year_alone():
    question = "when was Fenbridge inspected before the 2019 ILACS"
    need = _part(question).need
    assert need.met("Services in Fenbridge were last inspected in 2015, and judged adequate.")


# --- a day and month with no year ------------------------------------------------------------

def test_a_day_and_month_take_their_documents_year():
    assert [(d.year, d.month, d.day) for d in yearless_dates("The panel meets on Tuesday 9 April.", "2025-03-20")] == [(2025, 4, 9)]
    # A letter of November's January is the next one.
    assert [(d.year, d.month) for d in yearless_dates("The next visit will be on 14 January.", "2024-11-02")] == [(2025, 1)]
    assert yearless_dates("The visit was on 14 January 2023.", "2024-11-02") == []
    assert yearless_dates("The panel meets on 9 April.", "") == []


def test_a_yearless_date_after_its_documents_date_looks_ahead():
    assert after_document("The findings will be released on Thursday 22 May.", "2025-05-02")
    assert not after_document("The findings were released on Thursday 1 May.", "2025-05-02")


def test_a_future_date_need_passes_a_day_and_month_in_its_documents_year():
    question = _part("when is Ashcombe's 2025 inspection report due to be published")
    assert NeedGate(question).passes(_unit("The report is due to be published on Thursday 22 May.", "2025-05-02"))


def test_stated_dates_read_months_years_and_yearless_days():
    assert stated_dates("a visit in late October 2020 and another on 2 March", "2021-01-10") == [(2020, 10), (2021, 3)]


# --- a line that is only a date --------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Thursday 12 June 2025",
    "Wednesday, 3rd April 2024, 9:05 am · Updated Wednesday, 3rd April 2024, 9:40 am",
    "Published: 17 October 2023",
    "*Kelbrook Council news – Monday 2 June 2025*",
])
def test_a_dateline_is_its_documents_publication_date(line):
    assert is_dateline(line)
    assert need_of("when was Marlow Vale's 2025 report published?", (2025,)).met(line) or "2025" not in line
    assert EventGate(_PUBLICATION_STEMS).passes(_unit(line))


@pytest.mark.parametrize("text", [
    "The inspection ended on 12 June 2025.",
    "News · 12 June 2025 · County reporter",
])
def test_a_sentence_with_a_date_in_it_is_no_dateline(text):
    assert not is_dateline(text)


# --- a time to come as a span --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A full inspection is expected in about two years' time.",
    "The board will review it in six months time.",
    "Officers expect the visit in a year’s time.",
])
def test_a_span_from_now_is_a_time_to_come(text):
    assert RELATIVE_FUTURE.search(text)


def test_in_time_for_is_no_time_to_come():
    assert not RELATIVE_FUTURE.search("The plan was ready in time for the visit.")


# --- a count of a thing named by its acronym -----------------------------------------------------

@pytest.mark.parametrize("question, sentence", [
    ("how many LAC did Fenbridge have in 2022", "At the end of March, 287 children were looked after by the council."),
    ("how many CiC does Ashcombe have", "Ashcombe now cares for 412 children in care."),
    ("how many CLA were there at the inspection", "The number of children looked after rose to 530."),
    ("how many UASC did Marlow Vale support", "It supported 61 unaccompanied asylum-seeking children."),
])
def test_a_count_asked_by_acronym_is_met_in_its_spelt_out_words(question, sentence):
    need = need_of(question, ())
    assert need.met(sentence)


@pytest.mark.parametrize("question, sentence", [
    ("how many CiC does Ashcombe have", "Ashcombe supports 412 children in need."),
    ("how many LAC did Fenbridge have in 2022", "Fenbridge employs 287 social workers for children."),
])
def test_a_count_of_another_group_does_not_meet_it(question, sentence):
    assert not need_of(question, ()).met(sentence)


def test_an_acronym_that_is_a_word_counts_only_in_capitals():
    need = need_of("how many letters did they send", ())
    assert need.what == "a number of letters"
    assert "special" in need_of("how many SEND pupils were excluded", ()).what
