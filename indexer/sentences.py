"""Sentence splitting that keeps the document's exact characters.

Hand-written rather than NLTK's punkt (which llama-index uses): punkt splits after
council abbreviations such as "Cllr." and "e.g." and takes 3 s to load here.
Every returned sentence is a verbatim slice of the input, which citation quotes rely on.
"""

from __future__ import annotations

import re

from indexer.vocabulary import alternation

# Conjunctions that open a new statement inside a sentence: in "leaders were judged good, but
# care leavers wait too long" the grade is not the care leavers'. Each reader cuts clauses at them
# with the punctuation its job needs (records.grades at every comma, as it reads outward from an
# area; answering.needs keeps "Help and protection: good" whole); the words are these, once.
CONTRAST_CONJUNCTIONS = ("but", "while", "whereas", "although", "though")
CONTRAST = alternation(CONTRAST_CONJUNCTIONS)

_ABBREVIATIONS = {
    "cllr", "councillor", "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vol", "p", "pp",
    "e.g", "i.e", "etc", "vs", "cf", "approx", "dept", "govt", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "para", "ref", "fig", "min", "max", "ltd", "co",
}
# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket), then space,
# then something that can start a sentence.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'’”)\]]*\s+(?=["'‘“(\[]?[A-Z0-9£•])""")


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.start()].rstrip()
        last_word = re.search(r"(\S+)\.$", candidate)
        if last_word and last_word.group(1).lower().strip("(\"'‘“") in _ABBREVIATIONS:
            continue
        if last_word and len(last_word.group(1)) == 1 and last_word.group(1).isupper():
            continue  # an initial: "J. Smith"
        sentence = text[start : match.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
