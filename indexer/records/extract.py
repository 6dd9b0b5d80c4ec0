"""One document → its `FileExtract`: everything it says about an inspection, each value cited."""

from __future__ import annotations

import logging
import re

from indexer.records.grades import Context, find_grades
from indexer.records.improvements import find_improvements
from indexer.records.minutes import find_discussions
from indexer.records.plans import find_actions
from indexer.records.types import FileExtract
from indexer.records.visit import inspection_type, labelled_facts
from indexer.types import DocKind, ParsedDocument, year_of

log = logging.getLogger(__name__)

# Bump when an extractor changes what it finds: stored extracts of an older version are
# re-made from the files on the next run.
EXTRACTOR_VERSION = "1"

_INSPECTION_YEAR = re.compile(
    r"\b(?<!previous )(?<!last )(?:inspect\w*|ILACS|Ofsted)\b[^.;]{0,40}?\b((?:19|20)\d\d)\b", re.I
)


def inspection_year(document: ParsedDocument, facts: dict) -> int:
    """The year of the inspection the document is about: its stated fieldwork or publication,
    else a year next to 'inspection' in its title or opening, else the document's own date."""
    for key in ("fieldwork_end", "published"):
        if key in facts:
            return year_of(facts[key].value)
    opening = [document.title] + [b.text for b in document.blocks[:8]]
    for text in opening:
        if m := _INSPECTION_YEAR.search(text):
            return int(m.group(1))
    return year_of(document.date)


def extract(document: ParsedDocument, sha256: str = "") -> FileExtract:
    blocks = document.blocks
    facts = labelled_facts(blocks, document.source)
    year = inspection_year(document, facts)
    ctx = Context(source=document.source, authority=document.authority, inspection_year=year)
    kind_fact = inspection_type(document.title, blocks, document.source)
    extract = FileExtract(
        source=document.source,
        sha256=sha256,
        kind=document.kind.value,
        authority=document.authority,
        date=document.date,
        inspection_type=kind_fact if document.kind in (DocKind.INSPECTION_REPORT, DocKind.OTHER) else None,
        grades=find_grades(blocks, ctx),
        improvements=find_improvements(blocks, document.source),
        actions=find_actions(blocks, document.source),
        discussions=find_discussions(document.title, document.date, blocks, document.source)
        if document.kind is DocKind.MINUTES
        else [],
        **facts,
    )
    if extract.published is None and document.kind is DocKind.INSPECTION_REPORT and document.date:
        pass  # the report's date is its publication only when labelled; an unlabelled one stays unknown
    log.debug("%s: %d grades, %d areas, %d actions, %d discussions", document.source, len(extract.grades),
              len(extract.improvements), len(extract.actions), len(extract.discussions))
    return extract
