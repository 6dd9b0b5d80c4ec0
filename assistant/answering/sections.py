"""Findings sections: an inspection's findings of one leaning, read as the list a document sets them out in.

"What concerns did inspectors raise in X's 2019 ILACS?", "list the strengths inspectors found at X
in 2025", "what did Ofsted want X to improve?" ask for a set of findings, all of one leaning. The
documents usually give that set as a section of its own: a report's "What needs to improve?", a
briefing's "Concerns:" label over its items, a run-in "Strengths noted Timely support; ...". Its
items share few words with the question, so retrieval ranks them below sentences that only name the
inspection ("Ofsted carried out a standard inspection of ..."), and the answer's points come from
whichever passages rank first. Here the section is read from the inspection's own documents, picked
by their metadata (council, year, kind), as the list, each item quoted on its own.

- `leaning_asked`: the leaning a part asks for (`indexer.vocabulary.FINDINGS_ASKED`), or None;
- `section_lines`: the lines of one document's section of that leaning
  (`indexer.vocabulary.FINDINGS_SECTIONS`), in the document's order: the lines under a heading
  naming it, the items under a label line or a lead-in naming it ("Concerns:", "Strengths
  included:"), a paragraph opened by it, or the sentences after one announcing them by their
  number ("It did identify two weaker spots.");
- `rank_documents`: the order the council's documents are read in (the year asked, the kind the
  question names, the inspection's own report before what is written about it, then retrieval).
"""

from __future__ import annotations

import re
from enum import Enum

from assistant.answering.candidates import BULLET
from assistant.answering.question import Intent, Question
from indexer.types import DocKind, Passage, year_of
from indexer.records.improvements import CLOSING  # a letter's sign-off ends the list above it
from indexer.vocabulary import DOCUMENT_ONLY_WORDS, FINDINGS_ASKED, FINDINGS_SECTIONS, NUMBER_WORDS, VISIT_NAMING_WORDS


class Leaning(str, Enum):
    CONCERNS = "concerns"
    STRENGTHS = "strengths"


_ASKED = {Leaning(k): re.compile(rf"\b(?:{'|'.join(v)})\b", re.I) for k, v in FINDINGS_ASKED.items()}
# A section's opening at the start of a heading, a label or a paragraph ("4. Areas for improvement").
_OPENS = {Leaning(k): re.compile(rf"^\s*(?:\d+[.)]\s*)?(?:{'|'.join(v)})\b", re.I) for k, v in FINDINGS_SECTIONS.items()}
# A heading run into its paragraph: the opening, a participle at most, then the paragraph's first
# word, capitalised or numbered ("Strengths noted Timely support; ...", "Areas for improvement 1.
# Return home interviews ..."); not a sentence about them ("Concerns were raised about ...").
_RUN_IN = re.compile(r"^(?:\s+(?:noted|identified|found|included|highlighted|listed))?\s+(?=[A-Z0-9])")
# A label line: a few words set on a line of their own, ending with a colon ("Concerns:").
_LABEL_MOST_WORDS = 8
_HEADING_MOST_CHARS = 100
# The documents of an inspection in the order they are read: its own report or letter, then what
# is written about it (briefings, news), then the meetings that discussed it and the plan answering it.
_KIND_ORDER = (DocKind.INSPECTION_REPORT, DocKind.OTHER, DocKind.MINUTES, DocKind.ACTION_PLAN)
# The words naming one kind of visit ("the focused visit"): a question naming one is about that visit's letter.
_VISIT_KINDS = tuple(w for w in VISIT_NAMING_WORDS if w not in ("visit", "visits", "letter"))
# The most items quoted from one section: a long section is quoted up to here.
MOST_ITEMS = 12


def leaning_asked(q: Question) -> Leaning | None:
    """The one leaning of findings the part asks for as a set, or None: not a yes-or-no, a
    comparison, a count or a summary, and not both leanings at once ("strengths and weaknesses")."""
    if q.intent not in (Intent.OPEN, Intent.ITEMS) or q.yes_no or q.comparison:
        return None
    found = [leaning for leaning, pattern in _ASKED.items() if pattern.search(q.asks)]
    return found[0] if len(found) == 1 else None


def _is_label(line: str) -> bool:
    text = line.strip()
    return text.endswith(":") and len(text.split()) <= _LABEL_MOST_WORDS


def _opens(line: str, leaning: Leaning) -> re.Match | None:
    return _OPENS[leaning].match(line)


# A list's lead-in naming its leaning, the last sentence of a line ending with a colon ("...
# practice standards. Strengths included:", "Inspectors raised three concerns:"): short, so a
# sentence that only mentions the leaning on the way to its own point is none.
_LEAD_IN_MOST_WORDS = 12
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _leads_in(line: str, leaning: Leaning) -> bool:
    text = line.strip()
    if not text.endswith(":"):
        return False
    last = _SENTENCE_BREAK.split(text)[-1]
    cue = _OPENS[leaning].pattern.replace(r"^\s*", "", 1)
    return len(last.split()) <= _LEAD_IN_MOST_WORDS and bool(re.search(rf"\b{cue}", last, re.I))


# A paragraph announcing its findings by their number ("It did identify two weaker spots.",
# "Inspectors raised three concerns."), the sentences after it giving them: a news story's section.
_ANNOUNCE_MOST_WORDS = 12
_COUNT = rf"(?:\d+|{'|'.join(w for w, n in NUMBER_WORDS.items() if 2 <= n <= 12)}|several|a few|a number of)"


def _announced(line: str, leaning: Leaning) -> str:
    """The part of a paragraph from a short sentence announcing a number of findings of
    `leaning` to the paragraph's end, when sentences follow it; else ""."""
    cue = _OPENS[leaning].pattern.replace(r"^\s*", "", 1)
    sentences = _SENTENCE_BREAK.split(line.strip())
    for k, sentence in enumerate(sentences[:-1]):
        if len(sentence.split()) <= _ANNOUNCE_MOST_WORDS and re.search(rf"\b{_COUNT}\s+(?:\w+\s+)?{cue}", sentence, re.I):
            return line[line.index(sentence):]
    return ""


def _run_in(line: str, leaning: Leaning) -> bool:
    found = _opens(line, leaning)
    return bool(found and not _is_label(line) and _RUN_IN.match(line[found.end():]) and len(line.split()) > _LABEL_MOST_WORDS)


def _ends_item(line: str) -> bool:
    """An item ending as the last of its list does: with a full stop, not ";" or ",".""" 
    return line.rstrip().endswith((".", "!", "?"))


def _starts_anew(first: str, line: str) -> bool:
    """A line capitalised after items that are not ("early help services", "the MASH"): the
    paragraph after the list."""
    return first[:1].islower() and line[:1].isupper()


def section_lines(passages: list[Passage], leaning: Leaning) -> list[tuple[Passage, str]]:
    """The lines of the first section of `leaning` in one document's passages (in order), each
    with its passage. A heading naming it takes every line under it, up to the next heading; a
    label line naming it ("Concerns:") the items after it, up to the next label or the line after
    an item ending the list (items whose markers the loader dropped end ";" until the last); a
    paragraph opened by it ("Strengths noted Timely support; ...") is the section itself."""
    out: list[tuple[Passage, str]] = []
    mode, heading, last = None, None, ""
    for p in passages:
        if mode == "heading" and p.heading != heading:
            break  # the next heading ends the section
        head = p.heading.rsplit(" > ", 1)[-1]
        if mode is None and len(head) <= _HEADING_MOST_CHARS and _opens(head, leaning):
            mode, heading = "heading", p.heading
        for line in (x.strip() for x in p.text.split("\n")):
            if not line:
                continue
            if mode is None and (_is_label(line) and _opens(line, leaning) or _leads_in(line, leaning)):
                mode, last = "label", ""
                continue
            if _is_label(line):
                if mode == "label" or (mode == "heading" and out):
                    return out  # another label: the section has ended
                continue
            if mode is None:
                if _run_in(line, leaning):
                    return [(p, line)]
                announced = _announced(line, leaning)
                if announced:
                    return [(p, announced)]
                continue
            if mode == "label" and out and not BULLET.match(line) and (_ends_item(last) or _starts_anew(out[0][1], line)):
                return out  # the line after the list's last item, or a sentence after items that are none
            if CLOSING.match(line):
                return out
            out.append((p, line))
            last = line
    return out


def rank_documents(q: Question, documents: list[tuple[str, DocKind, str, list[Passage]]], ranked: list[str]) -> list[str]:
    """The sources of `documents` (source, kind, title, passages) in the order their sections are
    read: of a year asked about first (any other is left out), then a document of a kind the
    question names, then one naming the kind of visit asked about ("the focused visit"), then the
    inspection's own report before what is written about it; retrieval's order (`ranked`) last.
    With no year asked, retrieval's order comes before the kind (the question is about whichever
    inspection its words are closest to)."""
    from assistant.answering.gates import of_year  # gates imports the question module, as this one does

    named = _named_kinds(q)
    visits = [v for v in _VISIT_KINDS if v in q.text.lower()]
    place = {s: i for i, s in enumerate(dict.fromkeys(ranked))}
    keys = []
    for source, kind, title, passages in documents:
        if not passages:
            continue
        first = passages[0]
        if q.scope.years and not any(of_year(first, y) for y in q.scope.years):
            continue
        opening = " ".join([title, *(p.text for p in passages[:3])]).lower()
        visit_missing = bool(visits) and not any(v in opening for v in visits)
        kind_rank = (0 if kind in named else 1, _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER))
        rank = place.get(source, len(place))
        recency = -year_of(first.date) if first.date else 0
        keys.append(((visit_missing, *kind_rank, rank) if q.scope.years else (visit_missing, kind_rank[0], rank, recency, kind_rank[1]), source))
    return [s for _, s in sorted(keys)]


def _named_kinds(q: Question) -> set[DocKind]:
    """The kinds of document the question names by a word kept for them alone
    (`indexer.vocabulary.DOCUMENT_ONLY_WORDS`)."""
    words = set(re.findall(r"[a-z]+", q.text.lower()))
    return {DocKind(kind) for kind, cue in DOCUMENT_ONLY_WORDS.items() if words & set(cue)}
