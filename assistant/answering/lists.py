"""Lists: which questions ask for one, and which sentences set one out.

A list question ("what needs to improve?", "what did the visit look at?", "which inspectorates
took part?") is answered by the items, not by a sentence about them ("These areas sit alongside
the plan", "The report sets out three areas for improvement."). A document gives the items as a
marked list (`indexer.quotable`'s list pieces), or run into one sentence:

- after a colon: "It picked out two areas for improvement: the quality of plans, and recording.";
- as a series closing the sentence: "The report asks the council to improve planning, management
  oversight, the stability of the workforce and private fostering.";
- numbered inside a paragraph: "The board agreed (1) to ..., (2) to ... and (3) to ...";
- as what a visit looked at: "Inspectors reviewed the progress of children in need and children
  subject to a plan.", "This visit looked at planning for permanence."

`sets_out_items` reads the sentence's form only: a series that opens the sentence ("Actions,
leads, deadlines and RAG ratings are illustrative; ...") is its subject, not a list it gives.
The question side (`asks_improvements`, `asks_scope`) says which questions without a plural noun
still ask for a list (`events.asks_for_many` reads the plural nouns).
"""

from __future__ import annotations

import re

from indexer.vocabulary import IMPROVEMENT_LIST_NAMES, MONTH_NAMES, SCOPE_VERBS, alternation

# An item of a series: a few words with no sentence break inside.
_ITEM_MOST_WORDS = 12
# Words before a series that opens the sentence: fewer, and the series is the sentence's subject.
_LEAD_LEAST_WORDS = 3
# A label ("Lead: Director, Head of Service") is no lead-in: a word before its colon, not a clause;
# nor are a label's dates ("Visit dates: 3 and 4 May"): an item is words, not numbers and months.
_LABEL_MOST_WORDS = 2
_WORDY = re.compile(rf"\b(?!(?:{alternation(MONTH_NAMES)})\b)[^\W\d_]{{4,}}", re.I)
_RUN_IN_NUMBER = re.compile(r"(?:^|[\s;,:])\(?(?:[1-9]|[a-h]|i{1,3}|iv|v)\)\s+\w", re.I)
# A stretch with a finite verb of its own is a clause, not an item.
_CLAUSE = re.compile(r"\b(?:is|are|was|were|has|have|had|been|will|would|can|could|should|did|does)\b", re.I)
_JOIN = re.compile(r",\s*(?:and|or)\s+|;\s*(?:and|or)\s+|\s+(?:and|or)\s+|[,;]\s*", re.I)


def _items_of(text: str) -> list[str]:
    return [t for t in (p.strip(" .;:") for p in _JOIN.split(text)) if t]


def _short(items: list[str]) -> bool:
    return all(1 <= len(t.split()) <= _ITEM_MOST_WORDS for t in items)


def sets_out_items(sentence: str) -> bool:
    """Whether one sentence gives several items itself: after a colon (two or more), numbered
    run into it (two or more), or as a series of three or more closing it."""
    text = sentence.strip()
    if len(_RUN_IN_NUMBER.findall(text)) >= 2:
        return True
    head, colon, tail = text.partition(":")
    if colon and tail.strip() and len(head.split()) >= _LABEL_MOST_WORDS:
        items = _items_of(tail)
        return len(items) >= 2 and all(len(t.split()) <= 2 * _ITEM_MOST_WORDS and _WORDY.search(t) for t in items)
    # A series closing the sentence: "... to improve A, B, C and D." Its last item runs from the
    # last "and"/"or" to the end; the ones before it are the comma-separated stretches before that.
    body = text.rstrip(" .!?")
    last = list(re.finditer(r"(?:[,;]\s*|\s+)(?:and|or)\s+", body, re.I))
    if not last:
        return False
    before, final = body[: last[-1].start()], body[last[-1].end():]
    if re.search(r"[,;]", final) or len(final.split()) > _ITEM_MOST_WORDS:
        return False
    stretches = re.split(r"[,;]", before)
    if len(stretches) < 3:
        return False  # two commas before the "and": three items at least
    # The items after the first stretch are the series; the first stretch holds the words that
    # lead into it, and the first item at its end. An item is a noun phrase: a stretch with a verb
    # of its own ("91% of schools were judged good, above ...") is a clause of a longer sentence.
    middle = [s.strip() for s in stretches[1:]]
    lead = stretches[0].split()
    return _short(middle) and not any(_CLAUSE.search(t) for t in middle) and len(lead) > _LEAD_LEAST_WORDS


# What a visit or inspection looked at, said by the inspectors or the visit itself: "Inspectors
# reviewed ...", "This visit looked at ...", "The visit had evaluated ...", "Inspectors focused on".
_SCOPE_VERB = alternation(tuple(v for v in SCOPE_VERBS if v.endswith("ed")))
STATES_SCOPE = re.compile(
    rf"\b(?:inspectors|we|(?:this|the|that)\s+(?:monitoring\s+|focused\s+|focussed\s+)?(?:visit|inspection|letter))\s+"
    rf"(?:(?:had|have|has|also|then|specifically|mainly)\s+)*(?:{_SCOPE_VERB})\b",
    re.I,
)


def states_scope(sentence: str) -> bool:
    """Whether the sentence says what a visit or an inspection looked at."""
    return bool(STATES_SCOPE.search(sentence))


# A scope verb asked with ("what did the visit look at / cover / evaluate?"); not the "focused" of
# "the focused visit", which names the visit.
_SCOPE_ASKED = re.compile(rf"\b(?:{alternation(SCOPE_VERBS)})\b(?!\s+(?:visits?|inspections?|letters?))", re.I)
# Not "which": "which visit looked at care leavers?" asks for the visit.
_WHAT = re.compile(r"\b(?:what|list)\b", re.I)


def asks_scope(question: str) -> bool:
    """"What did the December visit look at?", "what did the monitoring visit cover?", "list the
    topics the visit covered": the areas a visit looked at, several as a rule."""
    return bool(_WHAT.search(question) and _SCOPE_ASKED.search(question))


# "What needs to improve?", "what did Ofsted ask X to improve?", "the things to improve", "what
# still needed work?", "what were the recommendations?": what to improve is a list (an inspection's areas for improvement), however
# few plural nouns the question has.
_IMPROVE = re.compile(
    rf"\b(?:{alternation(IMPROVEMENT_LIST_NAMES)})\b"
    r"|\b(?:asked|ask|asks|told|tell|wanted|want|wants|required|requires|recommended)\b[\w\s'’-]{0,40}?\bto\s+improve\b"
    r"|\b(?:things|points|areas|issues)\b[\w\s'’-]{0,40}?\bto\s+improve\b"
    r"|\b(?:still\s+)?(?:need|needs|needed|needing)\s+(?:more\s+)?(?:work|attention)\b"
    r"|\b(?:need|needs|needed|needing|has|had|have)\s+to\s+work\s+on\b"
    r"|\brecommendations\b",
    re.I,
)
_WHAT_ASKS = re.compile(r"\b(?:what|which|list)\b", re.I)
_ONE = re.compile(r"\b(?:first|second|third|fourth|fifth|last|main|biggest|one)\s+(?:area|thing|point|issue)\b", re.I)


def asks_improvements(question: str) -> bool:
    """Whether the question asks what was to improve (a list), not one item of it ("the first
    area for improvement") nor whether something was one."""
    return bool(_WHAT_ASKS.search(question) and _IMPROVE.search(question) and not _ONE.search(question))
