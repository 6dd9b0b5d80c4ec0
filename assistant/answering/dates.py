"""When a question's year is a bound rather than the year asked, and what year a date written
without one has.

"When was X inspected before the 2018 ILACS?" asks for a year earlier than 2018: the gates that
want a date of the year asked (`DateYearGate`, the need's `_not_before`) would demand 2018 and
pass the 2018 inspection's own date, the one date the question rules out. The comparison word
before the year (indexer.vocabulary.YEAR_COMPARISONS) says which way the year bounds the answer.

"The report is due to be published on Friday 15 March." gives no year: the document's own date
supplies it, as a reader (or dateparser with a base date) would, so a day and month read as the
document's year, or the next year when they fall well before its own month (a letter of November
saying "the visit will be on 12 January" means the next January).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from indexer.vocabulary import MONTHS, MONTHS_ALTERNATION, NUMBER_WORDS, YEAR_COMPARISONS, alternation


class YearRelation(enum.Enum):
    IN = "in"  # "the 2018 inspection": a date of that year
    BEFORE = "before"  # "before the 2018 ILACS", "prior to 2018": an earlier year
    AFTER = "after"  # "after the 2016 visit", "later than 2016": a later year
    SINCE = "since"  # "since 2016": that year or later
    BY = "by"  # "the visit mentioned in the 2019 article": that year or earlier (`_MENTIONING`)


@dataclass(frozen=True)
class Bound:
    """A year the question bounds the answer by, how, and its month when it gives one ("before
    the June 2018 inspection": a visit in February 2018 is before it)."""

    relation: YearRelation
    year: int
    month: int = 0

    def holds(self, year: int, month: int = 0) -> bool:
        """Whether a date of `year` (and `month`, 0 when unknown) is on the asked side. Within the
        bound's own year only months say which side: a year alone is on neither."""
        if year == self.year and self.relation not in (YearRelation.SINCE, YearRelation.BY):
            if not (month and self.month):
                return False
            return month < self.month if self.relation is YearRelation.BEFORE else month > self.month
        if self.relation is YearRelation.BEFORE:
            return year < self.year
        if self.relation is YearRelation.AFTER:
            return year > self.year
        if self.relation is YearRelation.BY:
            return year <= self.year
        return year >= self.year


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# The comparison word, then up to five words (none a year) before the year, a month just before
# it kept: "before the 2018 ilacs", "prior to its last full inspection in June 2014", "earlier
# than 2019". A span before the word ("five years before 2019") makes it a year of its own; a
# period ("in the two years before the January 2024 report") stays a bound, the years up to it.
_COMPARED = re.compile(
    rf"(?:(?P<period>\b(?:the|last|past|previous)\s+)?\b(?P<span>\d+|{alternation(NUMBER_WORDS)}|a)\s+years?\s+)?"
    rf"\b(?P<word>{alternation(sorted(YEAR_COMPARISONS, key=len, reverse=True))})\s+(?:(?!(?:19|20)\d\d\b)[\w'’&-]+\s+){{0,5}}?"
    rf"(?P<year>(?:19|20)\d\d)\b",
    re.I,
)


def _comparisons(text: str):
    for m in _COMPARED.finditer(text):
        relation = YearRelation(YEAR_COMPARISONS[m["word"].lower()])
        year = int(m["year"])
        before = text[: m.start("year")].split()
        month = MONTHS.get(before[-1].lower(), 0) if before else 0
        yield m, relation, year, month


# A year that dates the document mentioning the thing asked, not the thing: "when was the JTAI
# mentioned in the 2019 article?", "the focused visit that the 2025 ILACS said had not been
# addressed", "the problems raised in the 2022 report", "the Anytown 2021 letter mentions an earlier
# visit". What a document mentions happened by its year, often years before.
# (Not "said in the 2019 report", which dates what was said: "who said in the 2019 letter ...?".
# Nor the question's own verb, "what concerns were raised in the 2022 report?": asked so, the
# 2022 report is the document asked for, not a bound on an earlier one.)
_MENTIONING_VERBS = r"(?:mentioned|mentions|raised|noted|notes|cited|cites|referred to|refers to|recalled|recalls|flagged|highlighted)"
_MENTIONING = re.compile(
    rf"(?<!\bwere )(?<!\bwas )(?<!\bare )(?<!\bis )(?<!\bbeen )\b{_MENTIONING_VERBS}\s+(?:in|by)\s+(?:the|its|their|an?)\s+(?:[\w'’-]+\s+)?(?P<year>(?:19|20)\d\d)\b"
    rf"|\b(?:the|its|their)\s+(?:[\w'’-]+\s+)?(?P<year2>(?:19|20)\d\d)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_MENTIONING_VERBS}|said|says)\b",
    re.I,
)


def bounds(text: str) -> dict[int, Bound]:
    """The years `text` names as bounds of the answer ("before the 2018 ILACS" gives {2018:
    Bound(BEFORE, 2018)}); not one with a span before it, which names a year ("five years before
    2019" is 2014: `asked_years`); a year of the document that mentions what is asked as a bound
    by it (`_MENTIONING`)."""
    found = {year: Bound(relation, year, month) for m, relation, year, month in _comparisons(text) if not m["span"] or m["period"]}
    for m in _MENTIONING.finditer(text):
        year = int(m["year"] or m["year2"])
        found.setdefault(year, Bound(YearRelation.BY, year))
    return found


def asked_years(text: str, years: tuple[int, ...]) -> tuple[int, ...]:
    """The question's years (`years`, its scope's) as the years asked: less its bounds, and a
    year with a span before its comparison word moved by the span ("the inspection five years
    before 2019" asks about 2014)."""
    moved: dict[int, int] = {}
    for m, relation, year, _ in _comparisons(text):
        if m["span"] and not m["period"]:
            span = 1 if m["span"].lower() == "a" else int(m["span"]) if m["span"].isdigit() else NUMBER_WORDS.get(m["span"].lower(), 0)
            moved[year] = year - span if relation is YearRelation.BEFORE else year + span
    bounded = bounds(text)
    return tuple(dict.fromkeys(moved.get(y, y) for y in years if y not in bounded))


@dataclass(frozen=True)
class Dated:
    """A date a sentence gives: its year (stated, or supplied by its document's date), month
    (0 when only a year is given) and day (0 when none); `stated` when the year is written."""

    year: int
    month: int
    day: int
    stated: bool


# A day and month with no year after them: "Friday 15 March", "on 3rd June", "March 15", "from 14
# September to 8 October". A year written after the month is left to the dated forms.
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTHS_ALTERNATION})\b(?!,?\s+(?:19|20)\d\d)"
    rf"|\b(?P<month2>{MONTHS_ALTERNATION})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)(?!\d)",
    re.I,
)


def yearless_dates(text: str, document_date: str) -> list[Dated]:
    """The days and months `text` gives without a year, dated by `document_date` (ISO, at any
    precision): its year, or the next when the month is more than six months before its own (a
    letter of November's "12 January" is the next January). None when the document has no year."""
    if not document_date[:4].isdigit():
        return []
    year = int(document_date[:4])
    own_month = int(document_date[5:7]) if document_date[5:7].isdigit() else 0
    found = []
    for m in _DAY_MONTH.finditer(text):
        month = MONTHS.get((m["month"] or m["month2"]).lower(), 0)
        day = int(m["day"] or m["day2"])
        if not month or not 1 <= day <= 31:
            continue
        # "May 12" is a date; "may 12 children" is not, but the capital says which.
        if (m["month2"] or "").lower() == "may" and not m["month2"][0].isupper():
            continue
        found.append(Dated(year + 1 if own_month and month < own_month - 6 else year, month, day, stated=False))
    return found


def after_document(text: str, document_date: str) -> bool:
    """Whether `text` gives a day and month with no year that falls after its document's own
    date: "The report is due to be published on Friday 15 March" in a page of 1 March 2024
    looks ahead, as a later year would."""
    if not document_date[5:7].isdigit():
        return False
    own = (int(document_date[:4]), int(document_date[5:7]), int(document_date[8:10]) if document_date[8:10].isdigit() else 0)
    return any((d.year, d.month, d.day) > own for d in yearless_dates(text, document_date))


# A line that is a date and nothing else, as a news page or a report's cover prints its own:
# "Monday 2 March 2020", "Monday, 24th February 2020, 12:12 am · Updated Monday, 24th February
# 2020, 12:14 am", "Published: 5 July 2022". It is its document's date: for a news story or a
# report, the day it came out, so it answers "when was it published?" though it says no "published".
# The weekday in full or short ("Tue, 15/10/2019"), the date in words or in figures
# ("15/10/2019", "2019-10-15").
_WEEKDAY = r"(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)"
_ONE_DATE = (
    rf"{_WEEKDAY}?(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS_ALTERNATION})|(?:{MONTHS_ALTERNATION})\s+\d{{1,2}}(?:st|nd|rd|th)?,?)\s+(?:19|20)\d\d"
    r"|\d{1,2}/\d{1,2}/(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:am|pm)?)?"
)
# A news page's dateline may run on with its section and its byline: "Friday 17 December 2021 ·
# Politics · by Jane Roe". Short parts after a separator, the last the byline (a line with other
# words after its date, "News · 12 June 2025 · County reporter", is no dateline).
_DATELINE_TAIL = r"(?:(?:\s*[·|•]\s*[^·|•.!?]{1,30}){0,2}\s*[·|•]\s*by\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})?"
# A page's own label may lead it: "Harrow Council news – Tuesday 4 March 2025", "Press release: ...".
_DATELINE_LABEL = r"(?:(?:[\w'’&.]+\s+){0,4}(?:news|press release|newsroom|media release|update|blog)\s*[–—:|·-]\s*)"
_DATELINE = re.compile(
    rf"^\W*{_DATELINE_LABEL}?(?:(?:published|updated|last updated|first published|posted|date)\s*:?\s*)?{_ONE_DATE}"
    rf"(?:\s*[·|•,;–—-]?\s*(?:(?:published|updated|last updated)\s*:?\s*)?{_ONE_DATE})*{_DATELINE_TAIL}\W*$",
    re.I,
)


def is_dateline(text: str) -> bool:
    """Whether `text` is a date and nothing else (`_DATELINE`)."""
    return len(text) < 160 and bool(_DATELINE.match(text.strip()))


# A month with its year ("in February 2018", "14 March 2019", "March 14, 2019") or a year alone.
_STATED = re.compile(rf"\b(?:(?P<month>{MONTHS_ALTERNATION})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?(?P<year>(?:19|20)\d\d)\b", re.I)


def stated_dates(text: str, document_date: str) -> list[tuple[int, int]]:
    """The (year, month) of each date `text` gives, month 0 for a year alone; a day and month
    with no year dated by its document (`yearless_dates`)."""
    found = [(int(m["year"]), MONTHS.get((m["month"] or "").lower(), 0)) for m in _STATED.finditer(text)]
    return found + [(d.year, d.month) for d in yearless_dates(text, document_date)]
