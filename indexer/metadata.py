"""What a document is: kind, council, date and (for inspection reports) the judgements.

Detected from the document itself, because nobody fills in a form for every file on a
shared drive; overridable, because detection is sometimes wrong and a member's briefing
must not be filed as an inspection report. An override is either a sidecar file next to
the document (`report.pdf.meta.yaml`, `.meta.yml` or `.meta.json`) or, for Markdown and
text files, a front-matter block at the top:

    ---
    kind: inspection report
    authority: Stockton-on-Tees
    date: 2023-03-10
    grades:
      Overall effectiveness: Good
    ---
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from datetime import date as Date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from indexer import councils
from indexer.loaders.common import FRONT_MATTER, LoadError, decode_text
from indexer.types import Block, DocKind, Grades, ParsedDocument
from indexer.vocabulary import (
    ADDRESS_WORDS, COUNCIL_COMPARISON_AFTER, COUNCIL_COMPARISON_BEFORE, COUNCIL_OWN_AFTER, COUNCIL_OWN_BEFORE,
    DATE_BYLINE, DATE_DEADLINE_WORDS, DATE_FURNITURE, KIND_CUE_FAMILIES, KIND_CUES, PLAN_COLUMNS, DATE_FURNITURE_SECTION, DATE_HISTORY, DATE_LABELS, DATE_RECALL_WORDS, DATE_RECORD_WORDS, MONTH_NAMES,
    MONTHS, POSTCODE, WEEKDAYS, alternation,
)

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")


# --- kind ----------------------------------------------------------------------

_KIND_RULES: list[tuple[re.Pattern, DocKind]] = [
    # A decision notice and an officer's report to a meeting are a committee's papers, not its minutes.
    (re.compile(r"news|press release|press notice|media release|briefing|article|blog|decision[ _-]?notice|record of decision|"
                r"delegated decision|(?:cabinet|committee|scrutiny|panel|board|officer'?s?)[ _-]+report|"
                r"report[ _-]+to[ _-]+(?:the[ _-]+)?(?:cabinet|committee|council|scrutiny|panel|board)", re.I), DocKind.OTHER),
    # A plan is a plan whatever it answers and whatever its format: "improvement plan",
    # "recovery plan", "improvement programme" are action plans to the people who track them.
    (re.compile(r"action[ _-]?plan|statement of action|improvement[ _-]?(?:plan|programme)|recovery[ _-]?plan", re.I), DocKind.ACTION_PLAN),
    (re.compile(r"minutes|agenda|committee|scrutiny|cabinet|board meeting", re.I), DocKind.MINUTES),
    # A visit's letter is an inspection report: "SEND revisit letter", "JTAI letter", "outcome letter".
    (re.compile(r"inspection|ilacs|ofsted report|focused visit|monitoring visit|revisit|jtai|visit letter|outcome letter", re.I),
     DocKind.INSPECTION_REPORT),
]
# An inspection report says so in its opening lines in Ofsted's own words; a news story or a
# minute that reports on it says "Ofsted" and "inspection" too, so those words alone are not enough.
_REPORT_OPENING = re.compile(
    r"inspection of [\w ,'’-]+ (?:local authority )?children[’']?s services|"
    r"inspection dates?\s*:|lead inspector\s*:|focused visit to|monitoring visit to",
    re.I,
)
_MINUTES_OPENING = re.compile(r"\b(?:minutes|present\s*:|apologies|resolved|agenda item)\b", re.I)


# The furniture of a news page or press release (DOCUMENT-SHAPES: "Notes to editors",
# "Advertisement", related stories, newsletter sign-up). A page carrying it reports on an
# inspection; it is not the report, whatever its headline says ("Inspection finds ...").
_PRESS_FURNITURE = re.compile(
    r"\bnotes to editors?\b|\bmedia enquiries\b|\bpress office\b|^advertisement$|\brelated (?:stories|articles|news)\b|"
    r"\bshare this (?:story|article|page)\b|\bsign up to (?:our|the) newsletter\b|\bmost read\b",
    re.I | re.M,
)


_OPENING_BLOCKS = 8  # the letterhead, title block and first paragraphs
_KIND_LINES = 40  # how far in the content cues are counted: past this, a long report is all prose


def _new_heading_parts(heading: str, seen: set[str]) -> list[str]:
    """The levels of a heading path ("Minutes > 4. Ofsted inspection") not met before; adds them to `seen`."""
    parts = [p for p in dict.fromkeys(heading.split(" > ")) if p.strip() and p not in seen]
    seen.update(parts)
    return parts


def kind_features(title: str, filename: str, blocks: list[Block]) -> dict[str, float]:
    """The named features a document's kind is scored on, each in [0, 1]: what the file name and
    the title say (people often name files well, but "agenda item 5.pdf" says nothing), then the
    content's own cues (vocabulary.KIND_CUES) in the opening and through the first lines, a
    news page's furniture, and a plan's action / lead / deadline columns."""
    name = re.sub(r"[_\-.]+", " ", Path(filename).stem)
    f: dict[str, float] = {}
    for pattern, kind in _KIND_RULES:
        short = kind.name.lower()
        f[f"name_{short}"] = float(bool(pattern.search(name)))
        f[f"title_{short}"] = float(bool(pattern.search(title)))
    head = blocks[:_KIND_LINES]
    # A heading is a line too: a committee system's page files its field labels ("Decision:",
    # "Minutes:", "Alternative options considered:") and a report its sections as headings.
    lines, seen = [], set()
    for i, b in enumerate(head):
        lines += [(i, part) for part in _new_heading_parts(b.heading, seen)]
        lines.append((i, b.text))
    opening = "\n".join([title] + [text for i, text in lines if i < _OPENING_BLOCKS])
    for cue, pattern in KIND_CUES.items():
        f[f"{cue}_early"] = float(bool(pattern.search(opening)))
        f[cue] = min(sum(bool(pattern.search(text)) for _, text in lines), 5) / 5
    # Each family's cues pooled: a decision notice shares no field label with a set of minutes,
    # but both are a committee's record, so what the minutes teach carries to the notices.
    for family, cues in KIND_CUE_FAMILIES.items():
        f[f"{family}_early"] = sum(f[f"{c}_early"] for c in cues) / len(cues)
        f[family] = sum(f[c] for c in cues) / len(cues)
    rows = [b for b in head if b.is_table_row or b.text.count("|") >= 2 or b.text.count(" — ") >= 2]
    plan_rows = [b for b in rows if len({m.lower() for m in PLAN_COLUMNS.findall(b.text)}) >= 2]
    f["plan_table"] = float(bool(plan_rows))
    f["plan_rows"] = len(plan_rows) / max(1, len(head))
    f["press_furniture"] = float(any(_PRESS_FURNITURE.search(b.text) for b in blocks))
    f["report_opening"] = float(bool(_REPORT_OPENING.search(" ".join(b.text for b in blocks[:8]))))
    # Ofsted's words in the opening and no other kind's: a short extract of a report or letter
    # ("Inspection of X children's services / Inspection dates: ...") has little else to weigh.
    others = ("news_cues_early", "committee_cues_early", "paper_cues_early", "plan_wording_early")
    f["only_ofsted_early"] = float(bool(f["ofsted_cues_early"]) and not any(f[k] for k in others))
    return f


def _kind_score(kind: DocKind, features: dict[str, float]) -> float:
    weights = KIND_WEIGHTS[kind.value]
    return weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features.items())


def detect_kind(title: str, filename: str, blocks: list[Block]) -> DocKind:
    """The kind with the highest score over the document's named features (kind_features;
    weights fitted on the development truth by benchmarks/fit_kind_council_weights.py), under
    one gate: a page with a newspaper's or press office's furniture is never the inspection
    report itself, whatever its headline says ("Inspection finds ..."), and one fallback: content
    with no cue at all leaves the file name and title to decide."""
    features = kind_features(title, filename, blocks)
    # A document whose content carries none of the cues (a page of notes, a short summary) gives
    # the scores nothing to weigh: the file name and title decide, as people name files well.
    if not any(v for k, v in features.items() if not k.startswith(("name_", "title_"))):
        return next((kind for pattern, kind in _KIND_RULES if pattern.search(f"{title} {filename}")), DocKind.OTHER)
    kinds = [k for k in _KIND_ORDER if not (features["press_furniture"] and k is DocKind.INSPECTION_REPORT)]
    return max(kinds, key=lambda k: (_kind_score(k, features), -_KIND_ORDER.index(k)))


# Ties go to the earlier kind: a plan that is also a committee paper is a plan.
_KIND_ORDER = (DocKind.ACTION_PLAN, DocKind.MINUTES, DocKind.INSPECTION_REPORT, DocKind.OTHER)

# Fitted by benchmarks/fit_kind_council_weights.py --only kind --C 10 on the development truth
# (A-D, E, F, G), each document read under its real file name and under a neutral one. C 10 over 1
# or 3: with each set held out in turn, weaker regularisation scored better on every set.
KIND_WEIGHTS: dict[str, dict[str, float]] = {
    DocKind.ACTION_PLAN.value: {
        "bias": -1.548, "plan_table": 2.645, "title_action_plan": 1.948, "plan_rows": 1.305, "plan_wording_early": 1.233,
        "name_action_plan": 0.653, "title_other": -0.626, "decision_notice_early": 0.379, "only_ofsted_early": -0.358, "inspector_voice": -0.336,
        "name_other": -0.300, "resolution_early": -0.293, "councillor_quoted_early": -0.290, "reported_speech": -0.287, "minute_item_early": -0.243,
        "inspector_voice_early": -0.242, "news_wording_early": -0.236, "reported_speech_early": 0.231, "paper_cues_early": 0.230, "councillor_quoted": -0.222,
        "ofsted_cues": -0.209, "news_cues": -0.200, "name_inspection_report": -0.183, "report_heading": -0.180, "plan_wording": 0.176,
        "decision_notice": 0.175, "committee_cues_early": -0.169, "letter_early": -0.161, "resolution": -0.159, "name_minutes": -0.146,
        "ofsted_cues_early": -0.145, "committee_report": -0.125, "committee_cues": -0.113, "letter": -0.111, "minute_item": -0.103,
        "news_cues_early": -0.098, "news_wording": -0.092, "committee_report_early": 0.081, "attendance": -0.078, "report_opening": 0.078,
        "press_furniture": -0.065, "title_minutes": -0.036, "report_heading_early": -0.033, "attendance_early": 0.031, "paper_cues": 0.025,
        "title_inspection_report": -0.022,
    },
    DocKind.MINUTES.value: {
        "bias": -1.495, "title_minutes": 1.761, "minute_item_early": 1.727, "resolution": 1.374, "resolution_early": 1.273,
        "committee_cues_early": 1.253, "attendance": 1.059, "committee_cues": 1.053, "councillor_quoted_early": 0.769, "attendance_early": 0.760,
        "minute_item": 0.724, "name_minutes": 0.599, "news_wording_early": -0.585, "title_inspection_report": -0.482, "councillor_quoted": 0.472,
        "name_other": -0.427, "committee_report": -0.419, "plan_table": -0.407, "plan_wording": 0.377, "only_ofsted_early": -0.376,
        "plan_wording_early": -0.347, "paper_cues": -0.308, "title_action_plan": -0.276, "title_other": -0.267, "inspector_voice": -0.259,
        "plan_rows": -0.232, "letter_early": -0.208, "decision_notice": -0.197, "reported_speech_early": -0.184, "news_wording": -0.183,
        "inspector_voice_early": -0.182, "letter": -0.180, "ofsted_cues": -0.166, "committee_report_early": 0.159, "ofsted_cues_early": -0.144,
        "name_inspection_report": -0.132, "paper_cues_early": 0.130, "decision_notice_early": 0.102, "name_action_plan": -0.094, "press_furniture": -0.078,
        "news_cues": 0.077, "reported_speech": -0.059, "report_heading": -0.059, "report_heading_early": -0.042, "report_opening": 0.020,
    },
    DocKind.INSPECTION_REPORT.value: {
        "bias": -0.614, "inspector_voice": 2.198, "title_inspection_report": 2.148, "title_other": -1.863, "reported_speech_early": -1.580,
        "only_ofsted_early": 1.174, "reported_speech": -1.120, "ofsted_cues": 1.081, "name_inspection_report": 0.980, "news_cues_early": -0.968,
        "report_heading_early": 0.943, "title_minutes": -0.758, "news_wording_early": -0.707, "plan_table": -0.689, "letter": 0.669,
        "title_action_plan": -0.656, "councillor_quoted_early": -0.617, "name_other": -0.603, "committee_report_early": -0.595, "news_cues": -0.588,
        "paper_cues_early": -0.538, "attendance": -0.481, "decision_notice_early": -0.480, "committee_report": -0.458, "paper_cues": -0.440,
        "decision_notice": -0.422, "ofsted_cues_early": 0.384, "report_heading": 0.375, "councillor_quoted": -0.361, "press_furniture": -0.355,
        "news_wording": -0.285, "plan_rows": -0.265, "minute_item_early": -0.247, "committee_cues": -0.247, "name_action_plan": -0.201,
        "plan_wording": -0.200, "resolution_early": -0.195, "name_minutes": -0.155, "committee_cues_early": -0.139, "resolution": -0.135,
        "minute_item": -0.126, "letter_early": 0.122, "plan_wording_early": 0.101, "report_opening": 0.092, "inspector_voice_early": 0.086,
        "attendance_early": 0.024,
    },
    DocKind.OTHER.value: {
        "bias": 3.656, "title_other": 2.756, "title_inspection_report": -1.643, "inspector_voice": -1.604, "plan_table": -1.549,
        "reported_speech_early": 1.533, "news_wording_early": 1.528, "reported_speech": 1.465, "name_other": 1.329, "minute_item_early": -1.236,
        "resolution": -1.080, "news_cues_early": 1.066, "title_action_plan": -1.016, "committee_report": 1.002, "plan_wording_early": -0.987,
        "title_minutes": -0.966, "committee_cues_early": -0.945, "report_heading_early": -0.868, "attendance_early": -0.814, "plan_rows": -0.808,
        "resolution_early": -0.785, "paper_cues": 0.723, "news_cues": 0.712, "ofsted_cues": -0.706, "committee_cues": -0.692,
        "name_inspection_report": -0.664, "news_wording": 0.559, "attendance": -0.500, "press_furniture": 0.497, "minute_item": -0.496,
        "decision_notice": 0.444, "only_ofsted_early": -0.440, "letter": -0.378, "name_action_plan": -0.357, "committee_report_early": 0.356,
        "plan_wording": -0.352, "inspector_voice_early": 0.337, "name_minutes": -0.299, "letter_early": 0.247, "report_opening": -0.190,
        "paper_cues_early": 0.178, "councillor_quoted_early": 0.138, "report_heading": -0.136, "councillor_quoted": 0.111, "ofsted_cues_early": -0.095,
    },
}


# --- dates -----------------------------------------------------------------------
#
# The document's own date is chosen among candidate dates found in its opening lines. Each
# candidate keeps the precision the document wrote it in (a day, a month, a year) and carries
# named features: where it sits, the label before it, whether its line is a resolution about an
# earlier record, a news page's furniture or a history table, how it compares with the other
# dates, and the document's kind. A linear score over those features (weights fitted on the
# development truth by benchmarks/fit_date_weights.py, cross-validated by document) picks one.

_MONTH = r"(?P<month>" + alternation(MONTHS) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FULL_DATES = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),  # 20 May 2022, 13th March, 2018
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # May 20, 2022
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),  # 2022-05-20
    re.compile(rf"\b(?P<day>[0-3]?\d)/(?P<mnum>[01]?\d)/{_YEAR}\b"),  # 20/05/2022, as the UK writes it
]
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I)
_YEAR_ONLY = re.compile(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])")


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _full_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) for every whole date in `text` that is a real calendar day."""
    found = []
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            parts = m.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else _month_number(parts["month"])
            try:
                found.append((m.start(), m.end(), Date(int(parts["year"]), month, int(parts["day"])).isoformat()))
            except ValueError:
                continue
    return sorted(found)


def parse_date(text: str) -> str:
    """An ISO date from a date as people write it: a whole date, a month, or a year; '' if none."""
    text = text.strip()
    if dates := _full_dates(text):
        return dates[0][2]
    if any(p.search(text) for p in _FULL_DATES):  # "31 February 2022": a typo, not a month
        return ""
    if m := re.fullmatch(r"((?:19|20)\d\d)-([01]\d)", text):
        return text if 1 <= int(m.group(2)) <= 12 else ""
    if m := _MONTH_YEAR.search(text):
        return f"{m.group('year')}-{_month_number(m.group('month')):02d}"
    if m := _YEAR_ONLY.fullmatch(text):
        return m.group(1)
    return ""


@dataclasses.dataclass(frozen=True)
class _Line:
    """One line of the document's opening as the date finder reads it."""

    text: str
    index: int  # 0 is the title; the file name is -1
    table_row: bool = False
    heading: str = ""  # the section it sits under
    furniture: bool = False  # a news page's top bar, or a "most read" / "related stories" list


# How far into a document its own date is looked for: datelines, meeting headings and
# "Published:" lines sit at the top; past this, dates belong to the story being told.
_DATE_LINES = 40


def _opening_lines(title: str, filename: str, blocks: list[Block]) -> list[_Line]:
    """The title, then the blocks' text with each new heading before it (a plain-text loader
    files a short line like "Date: 31 January 2023" as a heading, and it is still the date)."""
    lines = [_Line(re.sub(r"[_\-.]+", " ", Path(filename).stem), -1), _Line(title, 0)]
    last, in_list, seen = None, False, set()
    for b in blocks:
        if len(lines) > _DATE_LINES:
            break
        if b.heading and b.heading != last:
            in_list = in_list or bool(DATE_FURNITURE_SECTION.search(b.heading))
            # Every level of the heading not met before, not only the last: a ModernGov item
            # page's meeting line ("Meeting of Cabinet, Monday 18 November 2019 2.00 pm (Item
            # 27.)", "Meeting: 09/01/2024 - Cabinet (Item 5)") is the parent of the item's title.
            for part in _new_heading_parts(b.heading, seen) or [b.heading.split(" > ")[-1]]:
                lines.append(_Line(part, len(lines) - 1, heading=b.heading, furniture=in_list))
            last = b.heading
        # Everything after a "Most read" or "Related stories" heading is other stories' dates.
        in_list = in_list or bool(DATE_FURNITURE_SECTION.search(b.text) and len(b.text) < 60)
        furniture = in_list or bool(DATE_FURNITURE.search(b.text))
        lines.append(_Line(b.text, len(lines) - 1, b.is_table_row, b.heading, furniture))
    return lines


@dataclasses.dataclass(frozen=True)
class DateCandidate:
    """A date the document writes, to the precision it writes it, and where."""

    iso: str  # YYYY-MM-DD, YYYY-MM or YYYY
    line: _Line
    start: int
    end: int

    @property
    def precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}[len(self.iso)]


_BYLINE_LINES = 10  # a byline sits under the headline, below at most a strap line or two
_BYLINE_CHARS = 80  # a byline is short; a sentence beginning "Published ..." is not one


def _is_byline(line: _Line) -> bool:
    """A byline near the top ("By Staff Reporter | 2019"), or a dateline that is the year alone
    (a page printing "2016" on its own line under "By our social care reporter")."""
    if not 1 <= line.index <= _BYLINE_LINES or len(line.text) > _BYLINE_CHARS:
        return False
    return bool(DATE_BYLINE.search(line.text) or _YEAR_ONLY.fullmatch(line.text.strip(" .,|")))


def date_candidates(title: str, filename: str, blocks: list[Block]) -> list[DateCandidate]:
    """Every whole date, month-and-year and bare year in the file name, title and opening lines.
    A month inside a whole date, or a year inside either, is not a second candidate; a bare year
    counts only in the name, the title and the first lines, where "Action plan 2023" dates a plan,
    and on a byline near the top ("By Staff Reporter | 2019"), where it is a news page's only date."""
    found = []
    for line in _opening_lines(title, filename, blocks):
        taken: list[tuple[int, int]] = []
        for start, end, iso in _full_dates(line.text):
            found.append(DateCandidate(iso, line, start, end))
            taken.append((start, end))
        for m in _MONTH_YEAR.finditer(line.text):
            if not any(s <= m.start() < e for s, e in taken):
                found.append(DateCandidate(f"{m.group('year')}-{_month_number(m.group('month')):02d}", line, m.start(), m.end()))
                taken.append((m.start(), m.end()))
        if line.index <= 3 or _is_byline(line):
            for m in _YEAR_ONLY.finditer(line.text):
                if not any(s <= m.start() < e for s, e in taken):
                    found.append(DateCandidate(m.group(1), line, m.start(), m.end()))
    # Gates, each a class of date that is never the document's own while it has another: a date
    # in a news page's furniture (the top bar's today, a "most read" list), and a date the
    # document says is still to come ("the next meeting on 7 September", "Effective from:").
    # The start of a span ("2010 to 2023", "from May 2015 to June 2016") is not one either: a
    # document looking back over the span is dated by its end, which stays a candidate.
    found = [c for c in found if not c.line.furniture] or found
    found = [c for c in found if not _RANGE_AFTER.match(c.line.text[c.end:c.end + 20])] or found
    # A revision dated beside the first publication on its line ("Wednesday, 29th August 2018 ·
    # Updated Monday, 3rd September 2018"): the page is the story as first published. A gate, not a
    # feature: the development sets hold one such line, too few to fit a weight on.
    found = [c for c in found if not _update_of_earlier(c, found)] or found
    return [c for c in found if not _said_to_come(c)] or found


def _label_patterns() -> dict[str, re.Pattern]:
    return {
        name: re.compile(r"\b(?:" + alternation(phrases) + r")\b", re.I)
        for name, phrases in DATE_LABELS.items()
    }


_LABELS = _label_patterns()
_LABEL_WINDOW = 60  # characters before a date in which its label is looked for
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?,?\s*$", re.I)
_TIME_AFTER = re.compile(r"^\s*,?\s*(?:at\s+)?\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)", re.I)
# A span's end after a date: "to 2023", "to 9 December", "– June 2016" (not "- 3 min read").
_RANGE_AFTER = re.compile(r"^\s*(?:\(\w+\)\s*)?(?:to|until|-|–)\s*(?:(?:19|20)\d\d\b|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:"
                          + "|".join(MONTH_NAMES) + r"))", re.I)
_RANGE_BEFORE = re.compile(r"\d\s*(?:st|nd|rd|th)?(?:\s+\w+)?\s*(?:to|and|-|–|until)\s*$", re.I)
# A version number before a dash is no span's start: "Version 1.2 – May 2023", "v2 - March 2022".
_VERSION_BEFORE = re.compile(r"\b(?:version|v|revision|rev)\.?\s*\d+(?:\.\d+)*\s*[-–—]\s*$", re.I)


def _nearest_label(before: str) -> str:
    """The label class whose phrase ends nearest the date, in the text before it."""
    best, best_at = "", (-1, 0)
    for name, pattern in _LABELS.items():
        for m in pattern.finditer(before):
            if (m.end(), len(m.group(0))) > best_at:  # nearest; of two ending together, the longer phrase
                best, best_at = name, (m.end(), len(m.group(0)))
    return best


def _label_of(c: DateCandidate) -> str:
    return _nearest_label(c.line.text[max(0, c.start - _LABEL_WINDOW):c.start])


def _said_to_come(c: DateCandidate) -> bool:
    """A phrase of a date still to come anywhere just before it, nearest or not: "Call-in
    deadline date: 27/12/2024" is a deadline though "date" is the nearer label."""
    return bool(_LABELS["next"].search(c.line.text[max(0, c.start - _LABEL_WINDOW):c.start]))


def _update_of_earlier(c: DateCandidate, all_: list[DateCandidate]) -> bool:
    return _label_of(c) == "updated" and any(o.line is c.line and o.start < c.start and o.iso != c.iso for o in all_)


def _key(iso: str) -> str:
    """A date as a sortable day: a month is its first day, a year its first month."""
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def date_features(c: DateCandidate, all_: list[DateCandidate], kind: DocKind, name_years: set[str]) -> dict[str, float]:
    """The named features of one candidate, each in [0, 1]."""
    text = c.line.text
    before = text[max(0, c.start - _LABEL_WINDOW):c.start]
    after = text[c.end:c.end + 20]
    rest = (text[:c.start] + text[c.end:]).strip(" ,.:;|–-—()")
    label = _label_of(c)
    prev_word = re.findall(r"[a-z]+", before.lower())[-1:] or [""]
    same_line = [o for o in all_ if o.line is c.line]
    later = sum(_key(o.iso) > _key(c.iso) for o in all_ if o.precision != "year")
    earlier = sum(_key(o.iso) < _key(c.iso) for o in all_ if o.precision != "year")
    dated = [o for o in all_ if o.precision != "year"]
    first_of_label = not any(o is not c and (o.line.index, o.start) < (c.line.index, c.start)
                             and _label_of(o) == label
                             for o in all_) if label else False
    f = {
        "day": c.precision == "day",
        "month": c.precision == "month",
        "year": c.precision == "year",
        "in_file_name": c.line.index == -1,
        "in_title": c.line.index == 0,
        "line_1_to_3": 1 <= c.line.index <= 3,
        "line_4_to_10": 4 <= c.line.index <= 10,
        "position": min(max(c.line.index, 0), _DATE_LINES) / _DATE_LINES,
        "first_in_document": c is min(all_, key=lambda o: (o.line.index < 0, o.line.index, o.start)),
        "first_with_its_label": first_of_label,
        "alone_on_line": len(rest) <= 12,
        "starts_line": c.start <= 3,
        "after_weekday": bool(_WEEKDAY.search(before)),
        "before_time": bool(_TIME_AFTER.match(after)),
        "range_end": bool(_RANGE_BEFORE.search(before)) and not _VERSION_BEFORE.search(before),
        "after_recall_word": prev_word[0] in DATE_RECALL_WORDS and not label,
        "after_deadline_word": prev_word[0] in DATE_DEADLINE_WORDS,
        "record_line": bool(DATE_RECORD_WORDS.search(text)),
        "history_line": bool(DATE_HISTORY.search(text) or DATE_HISTORY.search(c.line.heading)) or c.line.table_row,
        "table_row": c.line.table_row,
        # A news page or blog dated only on its byline ("By Staff Reporter | 2019"): with a neutral
        # file name there is no name's year to agree with, and the byline is where the page says when.
        "byline": _is_byline(c.line),
        "many_dates_on_line": len(same_line) >= 3,
        "latest": dated != [] and later == 0,
        "earliest": dated != [] and earlier == 0 and len(dated) > 1,
        "year_in_name": c.iso[:4] in name_years,
        "year_after_name": bool(name_years) and c.iso[:4] > max(name_years),
        "year_before_name": bool(name_years) and c.iso[:4] < min(name_years),
        # Written again in the body: the file name and the title repeat each other, so they do not count.
        "repeated": any(o is not c and o.iso == c.iso and o.line.index >= 1 for o in all_),
        # A bare year ("Action plan 2024", a file name's year) while the document writes a month or a
        # day of that year or the one before: "Inspection dates: November 2021" in a file named 2022.
        "year_while_finer": c.precision == "year" and any(
            o.precision != "year" and o.line.index >= 0 and o.iso[:4] in (c.iso[:4], str(int(c.iso[:4]) - 1)) for o in all_),
    }
    for name in DATE_LABELS:
        f[f"label_{name}"] = label == name
    for k in (DocKind.INSPECTION_REPORT, DocKind.MINUTES, DocKind.ACTION_PLAN, DocKind.OTHER):
        short = k.name.lower()
        f[f"{short}_and_day"] = kind is k and c.precision == "day"
        f[f"{short}_and_month"] = kind is k and c.precision == "month"
        f[f"{short}_and_label_published"] = kind is k and label == "published"
        f[f"{short}_and_label_meeting"] = kind is k and label == "meeting"
        # A plan's table rows date its actions (due, started, progress), not the plan itself.
        f[f"{short}_and_table_row"] = kind is k and c.line.table_row
    return {k: float(v) for k, v in f.items()}


def _name_years(title: str, filename: str) -> set[str]:
    return set(_YEAR_ONLY.findall(f"{title} {re.sub(r'[_.]', ' ', filename)}"))


# Fitted by benchmarks/fit_date_weights.py on the development sets' truth (A-D, E ... M; --C 1), every document
# read under its real and a neutral file name, so the name's year helps but is not leaned on.
DATE_WEIGHTS: dict[str, float] = {
    "latest": 2.747,
    "year_before_name": -2.506,
    "position": -2.046,
    "range_end": -2.004,
    "starts_line": 1.664,
    "after_recall_word": -1.550,
    "line_1_to_3": 1.274,
    "first_in_document": 1.220,
    "byline": 1.213,
    "alone_on_line": 1.188,
    "inspection_report_and_label_published": 1.170,
    "action_plan_and_label_published": -1.125,
    "after_weekday": 1.122,
    "record_line": -1.084,
    "label_version": 1.004,
    "after_deadline_word": -1.003,
    "year_in_name": 0.976,
    "year_while_finer": -0.975,
    "repeated": 0.966,
    "label_inspection": -0.920,
    "other_and_month": -0.784,
    "minutes_and_label_published": -0.733,
    "in_title": -0.705,
    "year_after_name": -0.696,
    "month": -0.684,
    "label_updated": 0.602,
    "other_and_table_row": -0.582,
    "label_status": -0.574,
    "inspection_report_and_label_meeting": 0.556,
    "action_plan_and_month": 0.548,
    "table_row": -0.539,
    "first_with_its_label": 0.505,
    "before_time": 0.415,
    "earliest": -0.401,
    "inspection_report_and_month": -0.367,
    "inspection_report_and_day": -0.360,
    "other_and_label_published": 0.349,
    "minutes_and_label_meeting": -0.344,
    "in_file_name": -0.340,
    "label_published": -0.339,
    "line_4_to_10": 0.275,
    "year": 0.265,
    "label_meeting": 0.239,
    "action_plan_and_table_row": 0.216,
    "action_plan_and_label_meeting": 0.199,
    "minutes_and_day": 0.179,
    "inspection_report_and_table_row": -0.173,
    "other_and_label_meeting": -0.172,
    "other_and_day": 0.114,
    "many_dates_on_line": -0.111,
    "label_audience": 0.087,
    "day": -0.082,
    "minutes_and_month": -0.081,
    "history_line": -0.057,
    "label_date": 0.016,
    "action_plan_and_day": -0.016,
}


def detect_date(title: str, filename: str, blocks: list[Block], kind: DocKind = DocKind.OTHER) -> str:
    """The document's date: the candidate with the highest score over its named features
    (ties to the earlier one), at the precision the document wrote it; '' when there is none."""
    candidates = date_candidates(title, filename, blocks)
    if not candidates:
        return ""
    years = _name_years(title, filename)
    scored = [(sum(DATE_WEIGHTS.get(k, 0.0) * v for k, v in date_features(c, candidates, kind, years).items()),
               -max(c.line.index, 0), -c.start, c) for c in candidates]
    return max(scored, key=lambda s: s[:3])[3].iso


# --- council --------------------------------------------------------------------

# The council a document is about is chosen among the councils it names. Each candidate carries
# named features: where it is named (file name, title, a heading or letterhead, the opening
# lines, the body, a news page's related-stories list), whether it is named as the body that
# speaks ("Salford City Council", "London Borough of Hackney", "Inspection of Essex local
# authority children's services"), how often against the others, and whether its mentions are
# comparisons ("like Leeds", "neighbouring Trafford", "Wigan was also rated"). A linear score
# over them (weights fitted by benchmarks/fit_council_weights.py, cross-validated by document)
# picks one. The file name is one feature among the rest: real names often carry the council,
# but a file called "agenda item 5.pdf" says nothing, and the content must decide then.

_COMPARISON_WINDOW = 40  # characters either side of a name in which a comparison is looked for

# A council named as a place in a postal address says where a letter comes from or goes to, not
# whom it is about: a post town before its postcode (Ofsted's letterhead "Piccadilly Gate, Store
# Street, Manchester M1 2WD" heads every visit letter), a street or building named after a place
# ("Cumberland Place", "Durham Road"), and any name in a block ending in a postcode unless it is
# written in a council's own form: the addressee's "Bournemouth, Christchurch and Poole Council"
# still counts, its post town "Bournemouth BH2 6DY" does not. Such mentions are read as page
# furniture: named, but not counted for the council.
_POST_TOWN_AFTER = re.compile(rf"^,?\s*{POSTCODE}\b")
_STREET_AFTER = re.compile(rf"^\s+(?:{alternation(ADDRESS_WORDS)})\b")
_ADDRESS_END = re.compile(rf"{POSTCODE}\W*$")


def _in_address(text: str, end: int, own_form: bool) -> bool:
    after = text[end:]
    return bool(_POST_TOWN_AFTER.match(after) or _STREET_AFTER.match(after)
                or (not own_form and _ADDRESS_END.search(text)))


_LIST_JOIN = re.compile(r"\s*(?:,\s*|\s+and\s+|\s+or\s+|\s*&\s*)(?:the\s+)?")


@dataclasses.dataclass(frozen=True)
class CouncilMention:
    name: str
    where: str  # "name", "title", "heading", "opening", "body" or "furniture"
    own_form: bool  # "X City Council", "London Borough of X", "Inspection of X local authority"
    compared: bool  # "like X", "neighbouring X", "X was also"


def council_mentions(title: str, filename: str, blocks: list[Block]) -> list[CouncilMention]:
    """Every council named in the file name, title, headings and text, in reading order."""
    units = [(re.sub(r"[_\-.]+", " ", Path(filename).stem).title(), "name"), (title, "title")]
    seen: set[str] = set()
    in_list = False
    for i, b in enumerate(blocks):
        # A heading path names every level above the block; each level is read once, when first met.
        for part in _new_heading_parts(b.heading, seen):
            in_list = in_list or bool(DATE_FURNITURE_SECTION.search(part))
            units.append((part, "furniture" if in_list else "heading"))
        in_list = in_list or bool(DATE_FURNITURE_SECTION.search(b.text) and len(b.text) < 60)
        units.append((b.text, "furniture" if in_list else "opening" if i < _OPENING_BLOCKS else "body"))
    found = []
    for text, where in units:
        named = councils.mentions(text)
        # A council's own building named by a part of its name ("Hammersmith Town Hall"): the
        # council's own form, as its letterhead is, so an address around it does not demote it.
        venues = [(n, s, e) for n, s, e in councils.venue_mentions(text) if not any(s < e2 and s2 < e for _, s2, e2 in named)]
        last_end, last_compared = -1, False
        for name, start, end in sorted(named + venues, key=lambda m: m[1]):
            before, after = text[max(0, start - _COMPARISON_WINDOW):start], text[end:end + _COMPARISON_WINDOW]
            own_form = (name, start, end) in venues or bool(COUNCIL_OWN_BEFORE.search(before) or COUNCIL_OWN_AFTER.match(after))
            compared = bool(COUNCIL_COMPARISON_BEFORE.search(before) or COUNCIL_COMPARISON_AFTER.match(after))
            # The next council in a list keeps the first one's reading: "the arrangement with
            # Kensington and Chelsea and Westminster", "like Bolton, Bury or Wigan".
            compared = compared or (last_compared and _LIST_JOIN.fullmatch(text[last_end:start]) is not None)
            found.append(CouncilMention(
                name, "furniture" if where != "name" and _in_address(text, end, own_form) else where,
                own_form=own_form, compared=compared,
            ))
            last_end, last_compared = end, compared
    return found


def council_features(name: str, found: list[CouncilMention]) -> dict[str, float]:
    """The named features of one candidate council, each in [0, 1]."""
    content = [m for m in found if m.where != "name"]
    own = [m for m in content if m.name == name]
    counts = Counter(m.name for m in content if m.where != "furniture" and not m.compared)
    early = [m for m in own if m.where in ("title", "heading", "opening")]
    f = {
        "in_file_name": any(m.name == name and m.where == "name" for m in found),
        "in_title": any(m.where == "title" for m in own),
        "in_heading": any(m.where == "heading" for m in own),
        "in_opening": any(m.where == "opening" for m in own),
        "own_form": any(m.own_form for m in own),
        "own_form_early": any(m.own_form for m in early),
        "first_named": bool(content) and next((m.name for m in content if m.where != "furniture"), "") == name,
        "most_named": bool(counts) and counts[name] == max(counts.values()),
        "share": counts[name] / max(1, sum(counts.values())),
        "count": min(len(own), 10) / 10,
        "compared_share": sum(m.compared for m in own) / len(own) if own else 0.0,
        "only_compared": bool(own) and all(m.compared for m in own),
        "only_in_furniture": bool(own) and all(m.where == "furniture" for m in own),
        "only_in_file_name": not own,
    }
    return {k: float(v) for k, v in f.items()}


# Fitted by benchmarks/fit_kind_council_weights.py --only council --C 1 on the development truth
# (A-D, E, F, G), each document read under its real name and under a neutral one (C 0.3 to 10 agree).
COUNCIL_WEIGHTS: dict[str, float] = {
    "first_named": 2.923,
    "most_named": 2.178,
    "in_file_name": 2.042,
    "only_in_file_name": 1.695,
    "share": 1.688,
    "in_heading": 1.056,
    "in_title": 0.954,
    "own_form_early": 0.601,
    "compared_share": -0.573,
    "in_opening": -0.393,
    "count": 0.310,
    "only_compared": -0.234,
    "own_form": -0.131,
}


def detect_authority(title: str, filename: str, blocks: list[Block]) -> str:
    """The candidate council with the highest score over its named features (ties to the one
    named first); '' when the document names none."""
    found = council_mentions(title, filename, blocks)
    names = list(dict.fromkeys(m.name for m in found if m.where != "name"))
    names += [m.name for m in found if m.where == "name" and m.name not in names]
    # A council abolished since gives way to a successor the document names too (councils.SUCCESSORS).
    named = {m.name for m in found if m.where != "furniture"}
    names = [n for n in names if not named.intersection(councils.SUCCESSORS.get(n, ()))]
    if not names:
        return ""
    scored = [(sum(COUNCIL_WEIGHTS.get(k, 0.0) * v for k, v in council_features(n, found).items()), -i, n)
              for i, n in enumerate(names)]
    return max(scored)[2]


# --- judgements -------------------------------------------------------------------

# Ofsted's ILACS areas, in report order. Before 2023 children in care and care leavers were
# one judgement; the more specific phrase is tried first.
_AREAS: list[tuple[str, re.Pattern]] = [
    ("Overall effectiveness", re.compile(r"overall effectiveness", re.I)),
    ("Impact of leaders", re.compile(r"impact of leaders", re.I)),
    ("Help and protection", re.compile(r"help and protection", re.I)),
    ("Children in care and care leavers", re.compile(r"children in care and care leavers", re.I)),
    ("Children in care", re.compile(r"children in care", re.I)),
    ("Care leavers", re.compile(r"care leavers", re.I)),
]
_GRADE = re.compile(r"\b(requires improvement to be good|requires improvement|outstanding|good|inadequate)\b", re.I)
_GRADE_NAMES = {"requires improvement": "Requires improvement to be good"}


def detect_grades(blocks: list[Block]) -> Grades:
    """Judgements from the report's judgement table (or "Area: Grade" lines): one area and
    one grade in a short row with no year in it, since history tables ("2017 | Requires
    improvement") and prose ("was judged good in 2014") describe other inspections."""
    grades: dict[str, str] = {}
    for block in blocks:
        text = block.verbatim or block.text
        if len(text.split()) > 30 or re.search(r"(?:19|20)\d\d", text):
            continue
        # A table row, an "Area: Grade" line, or a row whose cells a PDF ran together ("Overall effectiveness Good").
        if not (block.is_table_row or re.match(r"^[^.:]{3,120}:\s*\S", text) or re.search(_GRADE.pattern + r"\s*$", text, re.I)):
            continue
        found = _GRADE.findall(text)
        area = next((name for name, pattern in _AREAS if pattern.search(text)), None)
        if area and len({g.lower() for g in found}) == 1 and area not in grades:
            grade = found[0].lower()
            grades[area] = _GRADE_NAMES.get(grade, grade[0].upper() + grade[1:])
    return tuple(grades.items())


# --- overrides -------------------------------------------------------------------

_KIND_NAMES = {
    "report": DocKind.INSPECTION_REPORT,
    "inspection report": DocKind.INSPECTION_REPORT,
    "inspection": DocKind.INSPECTION_REPORT,
    "minutes": DocKind.MINUTES,
    "committee minutes": DocKind.MINUTES,
    "action plan": DocKind.ACTION_PLAN,
    "plan": DocKind.ACTION_PLAN,
    "other": DocKind.OTHER,
}


class Override(BaseModel):
    """The fields a sidecar or front matter may set; anything else is a mistake worth naming."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    kind: DocKind | None = None
    authority: str | None = None
    date: str | None = None
    grades: dict[str, str] | None = None

    @model_validator(mode="before")
    @classmethod
    def _blank_is_unset(cls, values):
        # Values arrive as the strings written: "date:" with nothing after it sets nothing.
        if isinstance(values, dict):
            return {k: None if isinstance(v, str) and v.strip() in ("", "~", "null") else v for k, v in values.items()}
        return values

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v):
        if v is None or isinstance(v, DocKind):
            return v
        kind = _KIND_NAMES.get(str(v).strip().lower())
        if kind is None:
            raise ValueError(f"'{v}' is not one of: inspection report, minutes, action plan, other")
        return kind

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v):
        if v is None:
            return v
        iso = v.isoformat() if isinstance(v, Date) else parse_date(str(v))
        if not iso:
            raise ValueError(f"'{v}' is not a date (write 2023-03-10, 10 March 2023, March 2023 or 2023)")
        return iso

    @field_validator("authority", mode="before")
    @classmethod
    def _authority(cls, v):
        # A council we know is stored under its canonical name, so filters and questions match.
        return None if v is None else (councils.canonical(str(v)) or str(v).strip())


def sidecar_of(path: Path) -> Path | None:
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(path.name + suffix)
        if candidate.is_file():
            return candidate
    return None


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


@dataclasses.dataclass(frozen=True)
class Sidecar:
    """A sidecar's bytes as read once: the fingerprint and the override come from the same read."""

    path: Path
    data: bytes


def read_sidecar(path: Path) -> Sidecar | None:
    sidecar = sidecar_of(path)
    return Sidecar(sidecar, sidecar.read_bytes()) if sidecar else None


_FIND = object()  # read_override's default: look for the sidecar on disk
# A value quoted in an error is cut to this: a 4,300-digit "date" needs no repeating.
_QUOTE_MAX = 60


def read_override(path: Path, data: bytes | None = None, sidecar=_FIND) -> Override | None:
    """The override for `path`, from its sidecar or its front matter; LoadError names the
    file and the field when it is malformed. `data` (the document's bytes) and `sidecar`
    (a Sidecar or None) are what the pipeline already read; without them they are read here."""
    if sidecar is _FIND:
        sidecar = read_sidecar(path)
    if sidecar is not None:
        where = sidecar.path.name
        try:
            raw = sidecar.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LoadError(f"{where} cannot be read (it is not UTF-8 text)") from None
        parse = _json if sidecar.path.suffix == ".json" else _yaml
    elif path.suffix.lower() in (".md", ".markdown", ".txt"):
        head = decode_text((path.read_bytes() if data is None else data)[:65536])
        m = FRONT_MATTER.match(head)
        if not m:
            return None
        where, raw, parse = f"the front matter of {path.name}", m.group(1), _yaml
    else:
        return None
    try:
        data = parse(raw) or {}
    except ValueError as exc:
        raise LoadError(f"{where} cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise LoadError(f"{where} must be a set of 'field: value' lines")
    try:
        return Override.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(str(p) for p in e['loc']) or '?'}': {_shorten(e['msg'].removeprefix('Value error, '))}"
            for e in exc.errors()
        )
        raise LoadError(f"{where}: {problems}") from exc


def _shorten(text: str) -> str:
    return re.sub(r"[^\s']{%d,}" % (_QUOTE_MAX + 1), lambda m: m.group(0)[:_QUOTE_MAX] + "…", text)


def _yaml(text: str):
    import yaml

    # Every value as the string written: YAML's own dates and integers would fail on
    # "2023-02-30" or a 4,300-digit number before the field could be named in the message.
    try:
        return yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        raise ValueError(str(exc).replace("\n", " ")) from exc


def _json(text: str):
    return json.loads(text, parse_int=str, parse_float=str)


def override_bytes(path: Path) -> bytes:
    """The sidecar's bytes (front matter is inside the file, so its hash covers it)."""
    sidecar = sidecar_of(path)
    return sidecar.read_bytes() if sidecar else b""


# --- all together -------------------------------------------------------------------

def describe(document: ParsedDocument, path: Path, data: bytes | None = None, sidecar=_FIND) -> ParsedDocument:
    """The document with its kind, council, date and grades: detected, then overridden."""
    given = read_override(path, data, sidecar) or Override()
    blocks = document.blocks
    title = given.title or document.title
    kind = given.kind or document.kind
    authority = given.authority or detect_authority(title, path.name, blocks)
    date = given.date or detect_date(title, path.name, blocks, kind)
    if given.grades is not None:  # an empty mapping is an answer too: "no judgements here"
        grades: Grades = tuple(given.grades.items())
    else:
        grades = detect_grades(blocks) if kind is DocKind.INSPECTION_REPORT else ()
    return dataclasses.replace(document, title=title, kind=kind, authority=authority, date=date, grades=grades)
