"""Words as the answering pipeline counts them, shared with the indexer so that the counts it
writes beside the store (how many passages use each word: IDF, and the speller's vocabulary)
are the ones the assistant would have counted itself.
"""

from __future__ import annotations

import re

import Stemmer

_STEMMER = Stemmer.Stemmer("english")
STOPWORDS = set(
    "a an the of in on for to and or is are was were be been did does do what which who whom whose when where "
    "why how has have had it its this that these those with about from by at as into than then there their they "
    "them he she his her our we you your i me my any all can could should would will may might please tell give itself "
    "show get got say said make made after before since during want".split()
)
# The speller's idea of a word: letters only ("ofsted", "leavers"), counted in titles and text.
SPELLER_WORD = re.compile(r"[a-z]+")


def terms(text: str) -> set[str]:
    """The stemmed content words of `text`: what word overlap and IDF are computed over."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return set(_STEMMER.stemWords([w for w in words if w not in STOPWORDS]))


def stem_words(words: list[str]) -> set[str]:
    return set(_STEMMER.stemWords(words))


def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def normal(text: str) -> str:
    """Lower case, every run of non-word characters one space: how names are matched in text."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def speller_words(text: str) -> list[str]:
    return SPELLER_WORD.findall(text.lower())
