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

from indexer.vocabulary import MONTHS, MONTHS_ALTERNATION, YEAR_COMPARISONS, alternation


class YearRelation(enum.Enum):
    IN = "in"  # "the 2018 inspection": a date of that year
    BEFORE = "before"  # "before the 2018 ILACS", "prior to 2018": an earlier year
    AFTER = "after"  # "after the 2016 visit", "later than 2016": a later year
    SINCE = "since"  # "since 2016": that year or later

    def holds(self, year: int, bound: int) -> bool:
        """Whether a date of `year` is on the asked side of `bound`."""
        if self is YearRelation.BEFORE:
            return year < bound
        if self is YearRelation.AFTER:
            return year > bound
        if self is YearRelation.SINCE:
            return year >= bound
        return year == bound


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# The comparison word, then up to five words (none a year) before the year: "before the 2018
# ilacs", "prior to its last full inspection in 2014", "earlier than 2019".
_COMPARED = re.compile(
    rf"\b(?P<word>{alternation(sorted(YEAR_COMPARISONS, key=len, reverse=True))})\s+(?:(?!(?:19|20)\d\d\b)[\w'’&-]+\s+){{0,5}}?(?P<year>(?:19|20)\d\d)\b",
    re.I,
)


def year_relations(text: str) -> dict[int, YearRelation]:
    """Each year `text` names with how it bounds the answer: `IN` unless a comparison word leads
    to it ("before the 2018 ILACS" gives {2018: BEFORE})."""
    found = {int(y): YearRelation.IN for y in _YEAR.findall(text)}
    for m in _COMPARED.finditer(text):
        found[int(m["year"])] = YearRelation(YEAR_COMPARISONS[m["word"].lower()])
    return found


def bounds(text: str) -> dict[int, YearRelation]:
    """The years `text` names as bounds only (not `IN`)."""
    return {y: r for y, r in year_relations(text).items() if r is not YearRelation.IN}


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
