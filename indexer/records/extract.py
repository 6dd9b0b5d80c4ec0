"""One document → its `FileExtract`: everything it says about an inspection, each value cited."""

from __future__ import annotations

import logging
import re

from indexer.records.grades import Context, earlier_judgements, find_grades
from indexer.records.improvements import find_improvements
from indexer.records.minutes import find_discussions
from indexer.records.plans import find_actions
from indexer.records.types import FileExtract, InspectionType
from indexer.records.visit import inspection_type, labelled_facts
from indexer.types import DocKind, ParsedDocument, year_of
from indexer.vocabulary import MONTHS_ALTERNATION

log = logging.getLogger(__name__)

# Bump when an extractor changes what it finds: stored extracts of an older version are
# re-made from the files on the next run.
EXTRACTOR_VERSION = "25"

# "follows an unannounced inspection over four weeks in November and December 2015": the months
# and the length of the fieldwork may stand between the word and the year.
# Class: the fieldwork told far from the word ("Ofsted's inspection of the borough's children's
# services, carried out over two weeks in December 2024"): 'carried out' (took place …) lets the
# year stand further off.
_INSPECTION_YEAR = re.compile(
    r"\b(?:inspect\w*|ILACS|Ofsted)\b(?P<between>[^.;]{0,60}?|[^.;]{0,80}?\b(?:carried out|took place|conducted|undertaken)\b[^.;]{0,40}?)"
    r"\b(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
_A_VISIT = re.compile(r"\b(?:monitoring|focused)\s+visits?\b", re.I)
_NOT_THIS_ONE = re.compile(r"\b(?:since|previous|last|earlier|compared)\b", re.I)


# A plan's opening names the inspection it answers, with its dates: "Response to the Ofsted ILACS
# inspection of November 2022", "Ofsted inspected Lancashire's children's services from 28
# November to 9 December 2022". The plan is dated (and titled) the year after, often.
_ANSWERED_INSPECTION = re.compile(
    rf"\b(?:inspect(?:ed|ion)|re-inspection)\b[^.;]{{0,80}}?\b(?:{MONTHS_ALTERNATION})\s+(?P<year>(?:19|20)\d\d)\b", re.I
)


def answered_inspection_year(document: ParsedDocument, title_year: int) -> int:
    """For a plan, the year of the inspection its opening says it answers, when that is the
    title's year or the one before; else 0."""
    if document.kind is not DocKind.ACTION_PLAN:
        return 0
    for block in [b for b in document.blocks if not b.is_table_row][:6]:
        for m in _ANSWERED_INSPECTION.finditer(block.text):
            if not _NOT_THIS_ONE.search(block.text[max(0, m.start() - 40) : m.end()]) and int(m["year"]) in (title_year - 1, title_year):
                return int(m["year"])
    return 0


def inspection_year(document: ParsedDocument, facts: dict) -> int:
    """The year of the inspection the document is about: its stated fieldwork or publication,
    else (a plan) the inspection its opening says it answers, else a year next to 'inspection'
    in its title or opening, else the document's own date."""
    for key in ("fieldwork_end", "published"):
        if key in facts:
            return year_of(facts[key].value)
    years = re.findall(r"\b(?:19|20)\d\d\b", document.title)
    # Class: minutes titled with their meeting's date ("Cabinet minutes 6 February 2019"): the year
    # is the meeting's; the inspection they discuss, often the autumn before, is told in the opening.
    if years and document.kind is DocKind.MINUTES and re.search(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS_ALTERNATION})\s+{years[-1]}\b", document.title, re.I
    ):
        years = []
    if years:
        if answered := answered_inspection_year(document, int(years[-1])):
            return answered
        return int(years[-1])
    own = year_of(document.date)
    for block in document.blocks[:8]:
        for m in _INSPECTION_YEAR.finditer(block.text):
            # Minutes and news follow their inspection within a year; an older year is background.
            # Class: a visit's year taken as the inspection's ("Ofsted's first monitoring visit after
            # that inspection, at the start of November 2016"): a visit is not the inspection.
            if _A_VISIT.search(block.text[max(0, m.start() - 60) : m.end()]):
                continue
            if not _NOT_THIS_ONE.search(m["between"]) and (not own or own - 1 <= int(m["year"]) <= own):
                return int(m["year"])
    return own


def extract(document: ParsedDocument, sha256: str = "") -> FileExtract:
    blocks = document.blocks
    facts = labelled_facts(blocks, document.source)
    year = inspection_year(document, facts)
    ctx = Context(source=document.source, authority=document.authority, inspection_year=year)
    kind_fact = inspection_type(document.title, blocks, document.source, facts)
    # A visit is not graded: a document about one that grades nothing of its own restates the
    # judgement the visit follows, kept with that inspection's year.
    # Its title, type or opening says so: a council's news item "after its recent focused visit"
    # (one visit, named as the news; "monitoring visits in each year that followed" is background).
    opening = " ".join(b.text for b in blocks[:4] if not b.is_table_row)
    about_a_visit = bool(re.search(r"\b(?:monitoring|focused)\s+visit", document.title, re.I)) or bool(
        re.search(r"\b(?:monitoring|focused)\s+visit\b(?!s)", opening, re.I)
        and not re.search(r"\binspection\b", document.title, re.I)
    ) or (
        kind_fact is not None and kind_fact.value in (InspectionType.MONITORING_VISIT.value, InspectionType.FOCUSED_VISIT.value)
    )
    grades = find_grades(blocks, ctx) or earlier_judgements(blocks, ctx, about_a_visit)
    record = FileExtract(
        source=document.source,
        sha256=sha256,
        inspection_year=year,
        kind=document.kind.value,
        authority=document.authority,
        date=document.date,
        inspection_type=kind_fact if document.kind in (DocKind.INSPECTION_REPORT, DocKind.OTHER) else None,
        grades=grades,
        improvements=find_improvements(blocks, document.source),
        actions=[a.model_copy(update={"plan_date": document.date}) for a in find_actions(blocks, document.source)],
        discussions=find_discussions(document.title, document.date, blocks, document.source)
        if document.kind is DocKind.MINUTES
        else [],
        **facts,
    )
    log.debug("%s: %d grades, %d areas, %d actions, %d discussions", document.source, len(record.grades),
              len(record.improvements), len(record.actions), len(record.discussions))
    return record
