"""Which one: the ordinal or the month a question uses to pick one event among several like it.

"When was the sixth monitoring visit?", "what did the third visit find?", "the fifth area for
improvement", "the July 2022 visit": there were several visits, areas, letters, and the question
names which. A sentence about the first visit, or about the December 2021 one, is a nearby fact,
not the answer; when the documents never speak of a sixth visit, the honest answer is that they
don't say.

Two checks, over the candidate's whole document (a letter says "the fourth monitoring visit"
once, in its opening, and its findings in later passages don't repeat it):

- the document must name the qualifier (the ordinal as a word, "6th", or a row numbered 6; the
  month in its text, title or date);
- a sentence naming another ordinal for the same thing ("the fourth monitoring visit" for "the
  third") is about the other one, whatever its document also says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.vocabulary import MONTH_NAMES, MONTHS, ORDINALS
from indexer.words import STOPWORDS, stem

_ORDINAL_WORDS = {**ORDINALS, "final": -1}
_DIGIT_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_ORDINAL = re.compile(rf"\b(?:(?P<word>{'|'.join(_ORDINAL_WORDS)})|(?P<digit>\d{{1,2}})(?:st|nd|rd|th))\b", re.I)
# "for the first time", "in the first place", "first half", "first of all": no event picked.
_NOT_QUALIFYING = re.compile(r"^\s*(?:time|times|place|half|quarter|of|to|in|class|hand|step|steps)\b", re.I)
# The words after an ordinal that name what it counts ("third swindon monitoring visit"), up to
# a word that starts something else ("... visit to Herefordshire", "... visit said").
_STOP = set(STOPWORDS) | {"said", "say", "find", "found", "look", "looked", "decision", "feedback", "letter"}


def _value(m: re.Match) -> int:
    return _ORDINAL_WORDS[m.group("word").lower()] if m.group("word") else int(m.group("digit"))


def ordinal_forms(n: int) -> tuple[str, ...]:
    """How a document writes the n-th: "sixth", "6th"; "final" and "last" for the final one."""
    if n == -1:
        return ("final", "last")
    word = next(w for w, i in ORDINALS.items() if i == n)
    return (word, f"{n}{_DIGIT_SUFFIX.get(n, 'th')}")


def _counted(text: str, end: int) -> frozenset[str]:
    """The stems of what the ordinal ending at `end` counts: up to three words after it."""
    words = []
    for w in re.findall(r"[\w'’-]+", text[end:])[:4]:
        low = w.lower()
        if low in _ORDINAL_WORDS or low == "and":
            continue
        if low in _STOP:
            break
        words.append(low)
    return frozenset(stem(w) for w in words[:3])


@dataclass(frozen=True)
class Qualifier:
    """The ordinals, or a month, that pick which event the question is about."""

    forms: tuple[str, ...]  # as a document may write it, lower case
    ns: frozenset[int] = frozenset()  # the ordinals' values (-1 for "final"); empty for a month
    nouns: frozenset[str] = frozenset()  # stems of what the ordinals count ("visit")
    month: int = 0

    def in_text(self, text: str) -> bool:
        low = text.lower()
        if any(re.search(rf"\b{re.escape(f)}\b", low) for f in self.forms):
            return True
        # A numbered list or table row: "5. ...", "Ref: 5", "Priority 5".
        return any(
            n > 0 and re.search(rf"(?m)^\s*{n}[.)]\s|\b(?:no|number|item|priority|recommendation|action|area|ref)\.?\s*:?\s*{n}\b", text, re.I)
            for n in self.ns
        )

    def contradicted_by(self, sentence: str) -> bool:
        """The sentence names another ordinal for the same thing: "the fourth monitoring visit"
        for a question about the third."""
        if not self.ns or not self.nouns or self.in_text(sentence):
            return False
        for m in _ORDINAL.finditer(sentence):
            if _value(m) not in self.ns and _counted(sentence, m.end()) & self.nouns:
                return True
        return False


def qualifiers_of(question: str, months_too: bool) -> tuple[Qualifier, ...]:
    """The ordinals (one qualifier: "the second and fourth visits" may be either) and, when
    `months_too`, each month the question picks its event by."""
    found: list[Qualifier] = []
    ns, nouns = set(), set()
    for m in _ORDINAL.finditer(question):
        n = _value(m)
        if _NOT_QUALIFYING.match(question[m.end():]) or (n > 0 and n not in ORDINALS.values()):
            continue
        ns.add(n)
        nouns |= _counted(question, m.end())
    if ns:
        found.append(Qualifier(tuple(f for n in sorted(ns) for f in ordinal_forms(n)), frozenset(ns), frozenset(nouns)))
    if months_too:
        for name in MONTH_NAMES:
            if re.search(rf"\b{name}\b", question, re.I):
                abbreviations = tuple(a for a, i in MONTHS.items() if i == MONTHS[name] and a != name and len(a) > 3)
                found.append(Qualifier((name, *abbreviations), month=MONTHS[name]))
    return tuple(found)
