"""The inspection a document is about: its type, fieldwork dates, publication date, lead inspector.

Read only from labelled lines ("Inspection dates: …", "Published: …", "Lead inspector: …")
and the title and opening, where reports, plans and news state them; a date in the body is
as likely to be an earlier visit's.
"""

from __future__ import annotations

import re

from indexer.metadata import parse_date
from indexer.vocabulary import MONTHS as _MONTHS
from indexer.vocabulary import alternation
from indexer.records.types import Citation, Fact, InspectionType
from indexer.types import Block

_OPENING_BLOCKS = 12

_TYPE_RULES: list[tuple[re.Pattern, InspectionType]] = [
    (re.compile(r"\bjoint targeted area inspection|\bJTAI\b", re.I), InspectionType.JTAI),
    (re.compile(r"\bfocused visit\b", re.I), InspectionType.FOCUSED_VISIT),
    (re.compile(r"\bmonitoring visit\b", re.I), InspectionType.MONITORING_VISIT),
    (re.compile(r"\bshort inspection\b", re.I), InspectionType.ILACS_SHORT),
    (re.compile(r"\bstandard inspection\b", re.I), InspectionType.ILACS_STANDARD),
    (re.compile(r"\bsingle inspection framework\b|\bSIF\b", re.I), InspectionType.SIF),
    (re.compile(r"\bILACS\b|inspection of local authority children[’']?s services|inspection of [\w ,'’-]+ children[’']?s services", re.I), None),
]
# ILACS without "standard" or "short": the length of the fieldwork tells them apart (a short
# inspection is one week on site, a standard one two or three).
_WEEKS = re.compile(r"\b(?P<n>one|two|three)[- ]weeks?\b", re.I)

_DATES_LABEL = re.compile(r"^\s*(?:inspection dates?|dates? of (?:the )?inspection|fieldwork|inspection)\s*[:\-–]\s*(?P<rest>.+)$", re.I)
# Where one labelled line ends and the next begins when a PDF ran a cover's lines into one block
# ("Local authority: X City Council Inspection: Full inspection, March 2022 Report published:
# May 2022 Overall effectiveness: Good"): before a capitalised label of up to four words and its colon.
_NEXT_LABEL = re.compile(r"\s+(?=[A-Z][a-z]+(?:\s+[a-z]+){0,3}\s*:\s)")
_PUBLISHED_LABEL = re.compile(r"^\s*(?:(?:report )?published(?: on)?|date of publication|publication date)\s*[:\-–]\s*(?P<rest>.+)$", re.I)
_LEAD_LABEL = re.compile(r"^\s*lead inspector\s*[:\-–]\s*(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})", re.I)

_MONTH = r"(?:" + alternation(_MONTHS) + r")"
# A day (optional), a month, a year (optional: "21 February to 4 March 2022" gives the first its year later).
_POINT = re.compile(rf"\b(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I)
_DAY_ONLY_RANGE = re.compile(rf"\b(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:to|-|–|and)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)\b", re.I)


def _iso(year: str, month: str, day: str | None) -> str:
    m = _MONTHS[month.lower().rstrip(".")]
    return parse_date(f"{day} {month} {year}") if day else f"{year}-{m:02d}"


def fieldwork_range(text: str) -> tuple[str, str] | None:
    """(start, end) ISO dates from 'Inspection dates: 21 February to 4 March 2022' and its kin;
    each to the precision written (a month when no day is given)."""
    text = text.split("(")[0]  # "(the individual days are not stated …)"
    if m := _DAY_ONLY_RANGE.search(text):
        return _iso(m["year"], m["month"], m["day1"]), _iso(m["year"], m["month"], m["day2"])
    points = [p for p in _POINT.finditer(text)]
    if not points:
        return None
    years = [p["year"] for p in points]
    if not any(years):
        return None
    # A point without a year takes the next stated year ("21 February to 4 March 2022").
    filled, later = [], None
    for p, year in reversed(list(zip(points, years))):
        later = year or later
        filled.append((later, p["month"], p["day"]))
    filled.reverse()
    dated = [(y, mo, d) for y, mo, d in filled if y]
    start, end = _iso(*dated[0]), _iso(*dated[-1])
    if not start or not end:
        return None
    return start, end


def _cite(source: str, block: Block) -> Citation:
    return Citation(source=source, page=block.page, quote=block.text.strip())


def ilacs_kind(facts: dict[str, Fact], blocks: list[Block], source: str) -> Fact | None:
    """Standard or short, from the stated length of the fieldwork; None when not stated."""
    if "fieldwork_end" not in facts:
        return None
    line = facts["fieldwork_end"].citations[0]
    if m := _WEEKS.search(line.quote):
        kind = InspectionType.ILACS_SHORT if m["n"].lower() == "one" else InspectionType.ILACS_STANDARD
        return Fact(value=kind.value, citations=[line])
    start, end = facts["fieldwork_start"].value, facts["fieldwork_end"].value
    if len(start) == len(end) == 10:
        from datetime import date

        days = (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
        kind = InspectionType.ILACS_STANDARD if days >= 8 else InspectionType.ILACS_SHORT
        return Fact(value=kind.value, citations=[line])
    return None


def inspection_type(title: str, blocks: list[Block], source: str, facts: dict[str, Fact]) -> Fact | None:
    """The type named in a labelled opening line ("Inspection framework: …") or the title; an
    ILACS inspection is standard or short by its fieldwork's length."""
    opening = blocks[:_OPENING_BLOCKS]
    candidates = [(b.text, _cite(source, b)) for b in opening if re.match(r"^\s*(?:inspection framework|type of inspection|framework)\s*:", b.text, re.I)]
    candidates.append((title, Citation(source=source, page=opening[0].page if opening else None, quote=title)))
    for pattern, kind in _TYPE_RULES:
        for text, cite in candidates:
            if pattern.search(text):
                if kind is None:
                    return ilacs_kind(facts, blocks, source)
                return Fact(value=kind.value, citations=[cite])
    return None


def labelled_facts(blocks: list[Block], source: str) -> dict[str, Fact]:
    """fieldwork_start, fieldwork_end, published and lead_inspector from labelled opening lines."""
    facts: dict[str, Fact] = {}
    lines = [(line, block) for block in blocks[:_OPENING_BLOCKS] for line in _NEXT_LABEL.split(block.text.strip())]
    for text, block in lines:
        if "fieldwork_end" not in facts and (m := _DATES_LABEL.match(text)):
            if span := fieldwork_range(m["rest"]):
                facts["fieldwork_start"] = Fact(value=span[0], citations=[_cite(source, block)])
                facts["fieldwork_end"] = Fact(value=span[1], citations=[_cite(source, block)])
        elif "published" not in facts and (m := _PUBLISHED_LABEL.match(text)):
            if iso := parse_date(m["rest"].split("(")[0]):
                facts["published"] = Fact(value=iso, citations=[_cite(source, block)])
        elif "lead_inspector" not in facts and (m := _LEAD_LABEL.match(text)):
            name = re.split(r",|\s+(?:HMI|Her Majesty|His Majesty)", m["name"])[0].strip()
            facts["lead_inspector"] = Fact(value=name, citations=[_cite(source, block)])
    return facts
