"""Typos in questions ("ofstead", "inspecton", "abut"): a question word the index has never
seen is replaced by the index's closest word when that one is very close, before anything
else reads the question. Words the index knows are never touched, so a name the documents
don't contain stays unknown and is still refused ("Stockport" is not "Stockton": ratio 82).
Nor are real words the index lacks: "what concerns did ofsted raise" must not become "praise"
because the index has "praise" and not "raise". The real words are the embedding model's own
word list (indexer.embedding.model_words), so they follow the configured model. The one
exception is an American spelling of the index's British word ("judgment" for "judgement",
vocabulary.AMERICAN_TO_BRITISH), which is the same word.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

import Stemmer
from rapidfuzz import fuzz, process

from indexer.types import Passage
from indexer.vocabulary import AMERICAN_TO_BRITISH
from indexer.words import speller_words

_STEMMER = Stemmer.Stemmer("english")

# 88: "ofstead"→"ofsted" (92), "inspecton"→"inspection" (95), "leavers"→… untouched (known);
# "stockport"/"stockton" (82) and "smyth"/"smith" (80) stay apart.
_CUTOFF = 88
_MIN_LENGTH = 5  # shorter words have too many near neighbours to correct safely
_WORD = re.compile(r"[A-Za-z][a-z’']+")


def british_spellings(word: str) -> list[str]:
    """The British spellings an American one may stand for ("judgment" -> "judgement")."""
    return [re.sub(a, b, word) for a, b in AMERICAN_TO_BRITISH if re.search(a, word)]


class Speller:
    def __init__(self, passages: Iterable[Passage], extra: Iterable[str] = (), dictionary: Iterable[str] = ()) -> None:
        self._set(Counter(w for p in passages for w in speller_words(f"{p.title} {p.text}")), extra, dictionary)

    @classmethod
    def from_counts(cls, counts: dict[str, int], extra: Iterable[str] = (), dictionary: Iterable[str] = ()) -> "Speller":
        """From the word counts the indexer made (indexer.serving): the same words, counted once.
        `dictionary`: real words, left as typed though the index lacks them."""
        speller = cls.__new__(cls)
        speller._set(counts, extra, dictionary)
        return speller

    def _set(self, counts: dict[str, int], extra: Iterable[str], dictionary: Iterable[str] = ()) -> None:
        self.known = {w for w, c in counts.items() if c >= 1} | {w.lower() for w in extra}
        self.dictionary = {w.lower() for w in dictionary}
        # Only words seen at least twice are offered as corrections: a typo in a document is
        # no better a target than the user's.
        self._choices = sorted(w for w, c in counts.items() if c >= 2 and len(w) >= _MIN_LENGTH)

    def correct(self, text: str) -> str:
        def fix(m: re.Match) -> str:
            word = m.group(0)
            low = word.lower()
            if len(low) < _MIN_LENGTH or low in self.known or "'" in low or "’" in low:
                return word
            if low in self.dictionary:
                # A real word is left as typed, unless it is the American spelling of an index word.
                british = next((b for b in british_spellings(low) if b in self.known), None)
                return word if british is None else (british.capitalize() if word[0].isupper() else british)
            best = process.extractOne(low, self._choices, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
            # "judge" for "judged" is an inflection, not a typo: word matching already folds
            # it, and rewriting the user's words would change what they read back.
            if not best or _STEMMER.stemWord(best[0]) == _STEMMER.stemWord(low):
                return word
            return best[0].capitalize() if word[0].isupper() else best[0]

        return _WORD.sub(fix, text)
