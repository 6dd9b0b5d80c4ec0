"""Where the records' extractors find judgement areas and grades in text.

A thin layer over `indexer.vocabulary` (the one place the names and variants live): it turns
the vocabulary's patterns into positioned mentions, which the prose gates need ("the area
and the grade in one clause").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.vocabulary import AREA_PHRASES, GRADE_PATTERN, Grade, JudgementArea
from indexer.vocabulary import grade_of as _grade_named


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class AreaMention(Span):
    area: JudgementArea


@dataclass(frozen=True)
class GradeMention(Span):
    grade: Grade


def area_mentions(text: str) -> list[AreaMention]:
    """Judgement areas named in `text`. The vocabulary lists the most specific name first, and
    a later (shorter) name inside an earlier match is not a second area: "children in care and
    care leavers" is one judgement, not three."""
    found: list[AreaMention] = []
    for area, pattern in AREA_PHRASES:
        for m in pattern.finditer(text):
            if not any(f.start < m.end() and m.start() < f.end for f in found):
                found.append(AreaMention(m.start(), m.end(), area))
    return sorted(found, key=lambda f: f.start)


def grade_mentions(text: str) -> list[GradeMention]:
    """Grades named in `text`. "judged to require improvement to be good" is one grade: a "good"
    that only completes a requires-improvement phrase is not a second one."""
    found: list[GradeMention] = []
    for m in GRADE_PATTERN.finditer(text):
        grade = _grade_named(m.group(1))
        if found and grade is Grade.GOOD and found[-1].grade is Grade.REQUIRES_IMPROVEMENT and re.fullmatch(
            r"\s+to\s+be\s+", text[found[-1].end : m.start()]
        ):
            found[-1] = GradeMention(found[-1].start, m.end(), Grade.REQUIRES_IMPROVEMENT)
            continue
        found.append(GradeMention(m.start(), m.end(), grade))
    return found


def grade_of(text: str) -> Grade | None:
    """The grade a whole table cell or short value states ("Good", "requires improvement."),
    else None: "Not stated in the sources used" or "Good (2018)" are not a grade."""
    cleaned = re.sub(r"[\s.*\"'’”]+$", "", re.sub(r"^[\"'‘“]+", "", text.strip()))
    mentions = grade_mentions(cleaned)
    return mentions[0].grade if len(mentions) == 1 and (mentions[0].start, mentions[0].end) == (0, len(cleaned)) else None


def areas_of_framework(year: int) -> list[JudgementArea]:
    """The areas an inspection of that year grades: care leavers are judged on their own from
    January 2023 (and under the SIF, to 2017), together with children in care between."""
    base = [JudgementArea.OVERALL_EFFECTIVENESS, JudgementArea.IMPACT_OF_LEADERS, JudgementArea.HELP_AND_PROTECTION]
    if year >= 2023 or year <= 2017:  # the SIF, too, judged children looked after and care leavers apart
        return base + [JudgementArea.CHILDREN_IN_CARE, JudgementArea.CARE_LEAVERS]
    return base + [JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS]


def every_area(year: int, count: int | None = None) -> list[JudgementArea]:
    """The areas 'every area' / 'all four areas' stands for, in an inspection of `year`.

    Under the SIF (to 2017) the headline judgements are four: overall effectiveness, help and
    protection, children looked after, and leadership, management and governance; care leavers
    (like adoption) was a graded part of children looked after, so "inadequate in every area"
    does not grade it. A stated count must agree with the framework: all of its areas, or all
    but overall effectiveness ("All four areas were judged good, as was overall effectiveness"
    in 2025); else (or without a year) five names the 2023 framework and four the one before
    it, as before (the document's year may not be its inspection's)."""
    by_count = {5: 2023, 4: 2022}.get(count or 0, 0)
    if not year:
        return areas_of_framework(by_count) if by_count else []
    areas = areas_of_framework(year)
    if year <= 2017:
        areas = [a for a in areas if a is not JudgementArea.CARE_LEAVERS]
    if count is None or count == len(areas):
        return areas
    rest = [a for a in areas if a is not JudgementArea.OVERALL_EFFECTIVENESS]
    if count == len(rest):
        return rest
    return areas_of_framework(by_count) if by_count else []
