"""Committee discussions from minutes: one per agenda item, with what was said and resolved."""

from __future__ import annotations

import re

from indexer.records.types import Citation, Discussion, DiscussionSentence
from indexer.sentences import split_sentences
from indexer.types import Block

# Procedural sections that discuss nothing an inspection asked for.
_PROCEDURAL = re.compile(
    r"^\s*(?:\d+[.)]?\s*)?(?:present|apologies|attendance|in attendance|declarations? of interests?|minutes of the (?:previous|last) meeting|"
    r"date of (?:the )?next meeting|any other business|urgent items?|exclusion of the press|membership)\b",
    re.I,
)
_RESOLUTION = re.compile(r"^\s*(?:RESOLVED|Resolved|AGREED|Agreed|DECISION|Decision|The (?:Committee|Board|Panel|Commission|Cabinet) (?:agreed|resolved|noted|RESOLVED))\b")
_NOT_RECORDED = re.compile(r"not stated|not recorded|not set out", re.I)


def committee_name(title: str, blocks: list[Block]) -> str:
    """The committee: the title before ' - ' or ' – ', else the document's first heading."""
    head = re.split(r"\s*:\s+|\s+[-–—]\s+", title, maxsplit=1)[0].strip()
    head = re.sub(r",\s*\d{1,2}\s+\w+\s+(?:19|20)\d\d$", "", head)  # "…Commission, 27 January 2020"
    if head:
        return head
    return blocks[0].heading.split(" > ")[0] if blocks and blocks[0].heading else title


def find_discussions(title: str, date: str, blocks: list[Block], source: str) -> list[Discussion]:
    committee = committee_name(title, blocks)
    items: dict[str, list[Block]] = {}
    for block in blocks:
        if block.is_table_row:
            continue
        heading = block.heading.split(" > ")[-1] if " > " in block.heading else ""
        if not heading or _PROCEDURAL.match(heading):
            continue
        items.setdefault(heading, []).append(block)
    discussions = []
    for heading, group in items.items():
        sentences = [
            DiscussionSentence(text=s, citation=Citation(source=source, page=b.page, quote=s))
            for b in group
            for s in split_sentences(b.text)
        ]
        resolutions = [
            Citation(source=source, page=b.page, quote=b.text.strip())
            for b in group
            if _RESOLUTION.match(b.text) and not _NOT_RECORDED.search(b.text)
        ]
        item = re.sub(r"^\s*item\s*\d*\s*[:.-]?\s*", "", heading, flags=re.I) or heading
        discussions.append(
            Discussion(
                committee=committee,
                meeting_date=date,
                item=item,
                resolutions=resolutions,
                sentences=sentences,
                citation=Citation(source=source, page=group[0].page, quote=group[0].text.strip()),
            )
        )
    return discussions
