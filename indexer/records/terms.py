"""Where the records' extractors find judgement areas and grades in text.

The one adapter between the extractors and the domain vocabulary: every extractor asks
this module, so the names and variants live in one place (`indexer/vocabulary.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.records.types import Grade, JudgementArea

# --- PENDING the shared vocabulary: these mirror indexer.metadata's judgement patterns ---
_AREA_PATTERNS: list[tuple[JudgementArea, re.Pattern]] = [
    (JudgementArea.OVERALL, re.compile(r"\boverall effectiveness\b", re.I)),
    (JudgementArea.LEADERS, re.compile(r"\bimpact of leaders\b", re.I)),
    (JudgementArea.HELP_AND_PROTECTION, re.compile(r"\bhelp and protection\b", re.I)),
    (JudgementArea.IN_CARE_AND_LEAVERS, re.compile(r"\bchildren in care and care leavers\b", re.I)),
    (JudgementArea.CHILDREN_IN_CARE, re.compile(r"\bchildren in care\b", re.I)),
    (JudgementArea.CARE_LEAVERS, re.compile(r"\bcare leavers\b", re.I)),
]
_GRADE_PATTERN = re.compile(r"\b(requir(?:es|ed|e|ing) improvement(?: to be good)?|outstanding|good|inadequate)\b", re.I)
_GRADE_OF = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "inadequate": Grade.INADEQUATE,
}


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
    """Judgement areas named in `text`, longest name first where names overlap ("children in
    care and care leavers" is one area, not two)."""
    found: list[AreaMention] = []
    for area, pattern in _AREA_PATTERNS:
        for m in pattern.finditer(text):
            if not any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
                found.append(AreaMention(m.start(), m.end(), area))
    return sorted(found, key=lambda f: f.start)


def grade_mentions(text: str) -> list[GradeMention]:
    return [GradeMention(m.start(), m.end(), _GRADE_OF[_normal(m.group(1).lower())]) for m in _GRADE_PATTERN.finditer(text)]


def grade_of(text: str) -> Grade | None:
    """The grade a whole cell or short phrase states ("Good", "Requires improvement"), else None."""
    cleaned = re.sub(r"[\s.*]+$", "", text.strip()).lower()
    return _GRADE_OF.get(_normal(cleaned))


def _normal(word: str) -> str:
    return "requires improvement" if word.startswith("requir") else word


def areas_of_framework(year: int) -> list[JudgementArea]:
    """The areas an ILACS inspection of that year grades: care leavers are judged on their own
    from January 2023, together with children in care before."""
    base = [JudgementArea.OVERALL, JudgementArea.LEADERS, JudgementArea.HELP_AND_PROTECTION]
    if year >= 2023:
        return base + [JudgementArea.CHILDREN_IN_CARE, JudgementArea.CARE_LEAVERS]
    return base + [JudgementArea.IN_CARE_AND_LEAVERS]
