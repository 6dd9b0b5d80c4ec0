"""A document's frame: the lines it says about itself, not what it found.

"This letter summarises the findings of the focused visit ...", "Report published: January 2023",
"By Local Democracy Reporter · 15 July 2024", "Yours sincerely", "Related news: ...": each is
verbatim and often closest to "summarise the X letter" (it names the letter, the visit, the
findings), yet none is a finding. A summary, or a list of what a document
found, is made of findings: frame lines are not among its points (`pipeline._select`). A fact
question may still be answered by one ("when was the report published?"), so this is no gate.

The words are data (`indexer.vocabulary`: DOCUMENT_NOUNS, DOCUMENT_SELF_VERBS, BARE_SELF_VERBS,
FRAME_LABELS, FRAME_OPENINGS)."""

from __future__ import annotations

import re

from indexer.vocabulary import (
    BARE_SELF_VERBS, DOCUMENT_NOUNS, DOCUMENT_SELF_VERBS, EDITORIAL_PRONOUNS, EDITORIAL_SUBJECTS, EDITORIAL_VERBS, FRAME_LABELS, FRAME_OPENINGS, MONTHS,
    OMISSION_VERBS, POSTCODE, alternation,
)


# "This letter summarises ...", "The briefing sets out ...", "This report is a summary": the
# document as the subject of a verb that describes it; "It restates ...": a bare "this" or "it"
# with a verb only a document says of itself.
_SELF = re.compile(
    rf"^\W*(?:(?:this|the|our|its)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{alternation(DOCUMENT_NOUNS)})s?\s+(?:also\s+)?(?:{alternation(DOCUMENT_SELF_VERBS)})"
    rf"|(?:this|it)\s+(?:also\s+)?(?:{alternation(BARE_SELF_VERBS)}))\b",
    re.I,
)
# What a document calls something is its finding, not its frame: "The report describes the
# council as a strong corporate parent" says what it found of the council; "This report
# describes the work undertaken as part of the programme" and "describes how ..." describe itself.
_DESCRIBES_AS = re.compile(
    rf"^\W*(?:this|the|our|its)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{alternation(DOCUMENT_NOUNS)})s?\s+(?:also\s+)?describes\s+"
    rf"(?!how\b|what\b|why\b|the\s+findings\b)[^.;:]{{1,80}}?\s+as\s+(?!part\b|well\b|follows\b|set\s+out\b)",
    re.I,
)
# A document saying what it is not: "It is not Ofsted's report and does not reproduce its
# wording", "This summary is not the full report", "This page is not an official publication".
_NOT_ITSELF = re.compile(
    rf"^\W*(?:this|it)(?:\s+(?:{alternation(DOCUMENT_NOUNS)})s?)?\s+(?:is|was)\s+not\s+(?:(?:the|an?|[\w-]+['’]s)\s+)?"
    rf"(?:(?:official|full|original|published|actual)\s+)?(?:[\w-]+\s+)?(?:{alternation(DOCUMENT_NOUNS)}|publication)s?\b",
    re.I,
)
# A note on the document's own details (EDITORIAL_SUBJECTS, EDITORIAL_VERBS): the whole sentence
# is the note, after at most a "where"/"if" clause: "Where a detail was not publicly reported, it
# has been left out.", "Names have been changed to protect the families.", "Personal details are
# redacted." A subject of the note's own words only: "Three children were removed ..." is none.
_EDITORIAL_TAIL = (
    # nothing after the note but why or from where: "... to protect the families", "... from
    # this page", "... for privacy".
    rf"(?:\s+(?:to\s+protect|for\s+(?:privacy|confidentiality|reasons)|from\s+(?:this|the)\s+(?:published\s+)?"
    rf"(?:{alternation(DOCUMENT_NOUNS)}|version|publication))\b[^.;]*)?\W*$"
)
_WHERE_CLAUSE = r"(?:(?:where|if|when)\b[^,.;]{0,80},\s*)"
_BE = r"(?:has|have|is|are|was|were)\s+(?:been\s+)?"
_EDITORIAL = re.compile(
    rf"^\W*(?:{_WHERE_CLAUSE}(?:{alternation(EDITORIAL_PRONOUNS)})\s+{_BE}(?:{alternation(OMISSION_VERBS)})"
    rf"|{_WHERE_CLAUSE}?(?:(?:all|any|some|the|such|their|its|personal|identifying)\s+)*(?:{alternation(EDITORIAL_SUBJECTS)})\s+{_BE}"
    rf"(?:{alternation(EDITORIAL_VERBS)})){_EDITORIAL_TAIL}",
    re.I,
)
# "Report published: January 2023", "Inspection dates: 28 November to 9 December 2022".
_LABEL = re.compile(rf"^\W*(?:{alternation(FRAME_LABELS)})\s*:", re.I)
_OPENING = re.compile(rf"^\W*(?:{alternation(FRAME_OPENINGS)})", re.I)
# A byline or dateline: "By Gazette Reporter · Published 16 May 2018", "... · 15th July 2024".
_DATELINE = re.compile(r"[·|]\s*(?:published\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+(?:19|20)\d\d\s*$", re.I)


# A postal address: a line ending in a UK postcode ("... County Hall Matlock DE4 3AG"), the
# letter's addressee, never a finding.
_ADDRESS = re.compile(rf"{POSTCODE}\W*$")
_ADDRESS_MOST_WORDS = 25
# A running header of fields set apart by bars or middle dots: "Improvement plan | Version 2 |
# June 2019", "Plan · Version 2", "Improvement plan | June 2019". A field that is a version, or a
# title naming the document with only a date beside it, makes it a header. A plan's row written
# with bars ("Improve supervision | Head of Service | March 2024") has a deadline field too, but
# an owner beside it and no version.
_FIELD_BAR = re.compile(r"\s[|·]\s")
_VERSION_FIELD = re.compile(r"^(?:version|v)\s?\d+(?:\.\d+)*(?:\s+(?:draft|final))?$", re.I)
_DATE_FIELD = re.compile(rf"^(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{alternation(MONTHS)})\s+(?:19|20)\d\d$|^(?:19|20)\d\d$", re.I)
_DOCUMENT_FIELD = re.compile(rf"\b(?:{alternation(DOCUMENT_NOUNS)})s?\b", re.I)
_FIELD_MOST_WORDS = 14


def is_frame(text: str) -> bool:
    """Whether the line is the document's frame rather than one of its findings."""
    line = text.strip()
    if _ADDRESS.search(line) and len(line.split()) <= _ADDRESS_MOST_WORDS:
        return True
    if _is_header(line):
        return True
    return bool(_LABEL.match(line) or _OPENING.match(line) or _DATELINE.search(line) or (_SELF.match(line) and not _DESCRIBES_AS.match(line)) or _NOT_ITSELF.match(line)
                or _EDITORIAL.match(line))


def _is_header(line: str) -> bool:
    """Whether the line is a running header of two to four short fields (see _FIELD_BAR)."""
    fields = [f.strip() for f in _FIELD_BAR.split(line)]
    if not 2 <= len(fields) <= 4 or any(not f or len(f.split()) > _FIELD_MOST_WORDS or f[-1] in ".!?" for f in fields):
        return False
    if any(_VERSION_FIELD.match(f) for f in fields):
        return True
    # Without a version, only a title and its date: three fields with a date may be a plan's
    # row (action | owner | deadline).
    return len(fields) == 2 and bool(_DOCUMENT_FIELD.search(fields[0])) and bool(_DATE_FIELD.match(fields[1]))
