"""Areas for improvement: the list under 'What needs to improve' (numbered, bulleted or one a
paragraph), a list introduced by 'The first four (recommendations) were:', or a list in one
sentence ('The inspection had made two recommendations: X, and Y.')."""

from __future__ import annotations

import re

from indexer.records.types import AreaFinding, Citation
from indexer.sentences import split_sentences
from indexer.types import Block

_SECTION = re.compile(
    r"^\s*(?:\d+[.)]?\s*)?(?:other |further )?(?:what (?:the local authority |the council |leaders )?needs? to (?:improve|do better)|areas? for (?:improvement|development)|"
    r"recommendations|(?:areas for )?priority actions?|what should improve)(?:\s+in this area)?\s*[?:.]?\s*$",
    re.I,
)
# An introduction to a list: ends with ':' and names what follows.
_INTRO = re.compile(r"(?:recommendations?|areas? for improvement|improvements?|to improve|were|are|include|including)\b[^:]{0,40}:\s*$", re.I)
_IN_SENTENCE = re.compile(
    r"(?:recommendations?|areas? for (?:improvement|development)|needs? to improve)(?:\s+(?:were|are|was|is))?\s*:\s*(?P<list>.+?)\.?$",
    re.I,
)
# Narrative beside a list: what someone said, or what leaders have already done.
_NARRATIVE = re.compile(r"\b(?:said|says|told|added|welcomed|commented|have already|has already)\b", re.I)
# Sentences about the list rather than items of it.
_META = re.compile(
    r"not (?:reproduced|stated|listed|set out)|this summary|sources used|\bthey include\b|\bset out (?:\w+ )?areas\b|"
    r"\bremaining\b|\bfull list\b|\bthe report (?:set out|made|contained)\b",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[•\-–*■▪●◦]|\(?[a-z0-9]{1,2}[.)])\s+", re.I)
_MAX_WORDS = 60


def _clean(text: str) -> str:
    return _BULLET.sub("", text).strip().rstrip(".;").strip()


def _item(block: Block) -> bool:
    """A list item or a short one-point paragraph, not a sentence about the list."""
    text = block.text.strip()
    return (
        bool(text)
        and not text.endswith(":")
        and not _META.search(text)
        and not _NARRATIVE.search(text)
        and len(split_sentences(text)) == 1
        and len(text.split()) <= _MAX_WORDS
    )


def _split_list(text: str) -> list[str]:
    """'X, Y and Z' / 'X; Y; and Z' → [X, Y, Z]."""
    sep = ";" if ";" in text else ","
    parts = [p.strip() for p in text.split(sep)]
    items: list[str] = []
    for i, part in enumerate(parts):
        part = re.sub(r"^(?:and|or)\s+", "", part, flags=re.I)
        if i == len(parts) - 1 and sep == "," and " and " in part and len(parts) > 1:
            items.extend(p.strip() for p in part.split(" and ", 1))
        elif part:
            items.append(part)
    return [i.rstrip(".") for i in items if len(i.split()) >= 2]


def find_improvements(blocks: list[Block], source: str) -> list[AreaFinding]:
    found: list[AreaFinding] = []

    def add(text: str, block: Block, quote: str | None = None) -> None:
        text = _clean(text)
        if text and not any(f.text.lower() == text.lower() for f in found):
            found.append(AreaFinding(number=len(found) + 1, text=text, citation=Citation(source=source, page=block.page, quote=(quote or block.text).strip())))

    in_list_after: str | None = None  # the heading of an introduced list we are inside
    for block in blocks:
        if block.is_table_row:
            in_list_after = None
            continue
        last_heading = block.heading.split(" > ")[-1]
        text = block.text.strip()
        if in_list_after is not None:
            if block.heading == in_list_after and _item(block) and not re.match(r"^\d+\.\d+\s", text):
                add(text, block)
                continue
            in_list_after = None
        if _INTRO.search(text) and re.search(r"recommendation|improve", text, re.I):
            in_list_after = block.heading
            continue
        if _SECTION.search(last_heading) and _item(block) and not _INTRO.search(text):
            add(text, block)
            continue
        for sentence in split_sentences(text):
            if (m := _IN_SENTENCE.search(sentence)) and not _META.search(sentence):
                for item in _split_list(m.group("list")):
                    add(item, block, sentence)
    return found
