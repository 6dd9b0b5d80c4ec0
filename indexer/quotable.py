"""The quotable pieces of a passage: one sentence, a table row, a list with the sentence that
introduces it. An answer is made only of these, so every quote is a document's own words.

They live in the indexer because their vectors are computed when a passage is indexed (with
the passage's own, in the same batches): a question then costs one encode, not one per
candidate sentence (see indexer.serving). The assistant wraps each piece with the hit it came
from (assistant.answering.candidates)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.sentences import split_sentences
from indexer.types import Passage

# Cells and sentences that say the document does not give something ("Lead: Not stated",
# "TBC"): they answer nothing, and quoting them as an answer reads as a finding.
NOT_GIVEN = re.compile(
    r"^(not (stated|known|given|named|specified|published|recorded)|tbc|tbd|n/?a|none|unknown|-+|—)\b|"
    r"\b(is|are|was|were) not (stated|named|given|specified|recorded|published) in\b|\bnot stated in the sources\b|"
    r"\b(does|do|did) not (say|give|state|name|record)\b",
    re.I,
)
_MIN_WORDS = 4
# "One of the three areas is X. ... The other two are Y and Z."
ONE_OF = re.compile(r"\bone of (?:the|its|their)\b", re.I)
_ASIDE = re.compile(r"\([^()]*\)")
# A header line: "Council: Birmingham City Council", "Lead inspector: …".
LABEL_LINE = re.compile(r"^([A-Z][\w ’'/()-]{1,40}):\s+\S")


def says_not_given(sentence: str) -> bool:
    """The sentence's point is that something is not given. An aside does not make it so:
    "Inspection dates: February 2022 (the days are not stated)" still gives the month."""
    return bool(NOT_GIVEN.search(_ASIDE.sub("", sentence)))


@dataclass(frozen=True)
class Piece:
    """A quotable piece of a passage: one sentence, or one whole table row, or a list."""

    text: str  # what the answer shows
    quote: str  # the document's own words for it
    follow_on: str | None = None  # the next sentence, when it leans on this one ("They ...")
    is_list: bool = False  # a whole numbered or bulleted list with its introduction


# A sentence opening with one of these continues the one before it ("They valued the support",
# "“Our latest rating is ...” he said"): quoted alone, the earlier one would miss its point.
_LEANS_ON_PREVIOUS = re.compile(r"^(?:[“\"‘']|(?:they|their|them|he|his|she|her|it|its|this|these|those|such)\b)", re.I)
_THE_OTHERS = re.compile(r"^(?:the (?:other|remaining)|another)\b", re.I)


def pieces_of(p: Passage) -> list[Piece]:
    if p.is_table_row:
        return _row_pieces(p)
    units = []
    lines = p.text.split("\n")
    split = [split_sentences(line) for line in lines]
    offset = 0  # where the line starts in p.text: a quote spanning lines must be p.text's own slice
    for n, line in enumerate(lines):
        here, offset = offset, offset + len(line) + 1
        items = _list_after(lines, n)
        sentences = split[n]
        next_line = split[n + 1][:2] if n + 1 < len(lines) else []
        for i, sentence in enumerate(sentences):
            short = len(sentence.split()) < (2 if LABEL_LINE.match(sentence) else _MIN_WORDS)
            if short or says_not_given(sentence):
                continue
            # A header line ("Subject: ...") is not continued by the paragraph after it.
            following = (sentences[i + 1 :] + ([] if LABEL_LINE.match(sentence) else next_line))[:2]
            end = None
            if items and i == len(sentences) - 1:
                # "The report identifies three areas for improvement:" answers with its list, so
                # the list is quoted with it, as the document has it.
                end = items[-1]
            elif following and _LEANS_ON_PREVIOUS.match(following[0]):
                end = following[0]
                if items and i == len(sentences) - 2:
                    # "Inspectors named six areas. They include:" and its list: the sentence leant
                    # on introduces the list, so the list is quoted with both.
                    end = items[-1]
            elif ONE_OF.search(sentence):
                # "One of the three areas is X. ... The other two are Y and Z."
                end = next((f for f in following if _THE_OTHERS.match(f)), None)
            follow_on = None
            if end:
                start = p.text.find(sentence, here)
                follow_on = p.text[start : p.text.find(end, start + len(sentence)) + len(end)]
            units.append(Piece(sentence, sentence, follow_on))
    return units + _sign_off_pieces(lines) + _list_pieces(p, lines)


# A letter's sign-off on lines of its own, each too short to be a sentence: "Yours sincerely /
# Jane Roe / Her Majesty's Inspector". Quoted as one piece, it says who signed the letter.
_SIGN_OFF_LINE = re.compile(r"^\W*yours\s+(?:sincerely|faithfully)\W*$", re.I)
_SIGNATURE_LINES = 3  # the name, the title and (sometimes) a second title line
_SIGNATURE_WORDS = 8


def _sign_off_pieces(lines: list[str]) -> list[Piece]:
    pieces = []
    for n, line in enumerate(lines):
        if not _SIGN_OFF_LINE.match(line):
            continue
        under = []
        for after in lines[n + 1 : n + 1 + _SIGNATURE_LINES]:
            if not after.strip() or len(after.split()) > _SIGNATURE_WORDS:
                break
            under.append(after)
        if under:
            quote = "\n".join([line, *under])
            pieces.append(Piece(" ".join(w.strip() for w in (line, *under)), quote))
    return pieces


def _list_pieces(p: Passage, lines: list[str]) -> list[Piece]:
    """Each run of two or more numbered or bulleted lines, with the line that introduces it
    ("... Each of them is set out below."), as one candidate: "what were the areas for
    improvement?" is answered by the list, not by one item or a sentence about it. Appended
    after the passage's sentences, and only list questions may choose them (a gate)."""
    text = p.text
    units, run = [], []
    for n, line in enumerate(lines + [""]):
        if BULLET.match(line):
            run.append(n)
            continue
        if len(run) >= 2:
            first = run[0] - 1 if run[0] > 0 and not BULLET.match(lines[run[0] - 1]) else run[0]
            quote = "\n".join(lines[first : run[-1] + 1])
            if quote in text:
                units.append(Piece(quote, quote, None, is_list=True))
        run = []
    return units


# A list item's mark at the start of a line: a bullet sign ("•", "–", "■") or a number or letter
# enumerating it ("3.", "b)", "(ii)"). One definition for the indexer's records
# (records.improvements strips it from an area for improvement) and the answers' list pieces.
BULLET_MARK = re.compile(r"^\s*(?:[•\-–*■▪●◦]|\(?[a-z0-9]{1,2}[.)])\s+", re.I)
# A marked line: the mark, then the item's first word.
BULLET = re.compile(BULLET_MARK.pattern + r"\S", re.I)


def _list_after(lines: list[str], n: int) -> list[str]:
    """The bulleted lines that follow line `n` when it introduces them ("...:")."""
    if not lines[n].rstrip().endswith(":"):
        return []
    items = []
    for line in lines[n + 1 :]:
        # Loaders keep some lists' markers ("- ", "•") and drop others (Markdown): an item is
        # a marked line, or one that carries on the sentence (lower case), or a short unfinished one.
        words = line.split()
        if not (BULLET.match(line) or line[:1].islower() or (0 < len(words) <= 12 and not line.rstrip().endswith("."))):
            break
        items.append(line)
    return items


def _row_pieces(p: Passage) -> list[Piece]:
    """A table row, without the cells that say the document doesn't give a value ("Deadline:
    Not stated"): what is left is still the row's own cells, each verbatim."""
    labelled = p.text.split(" — ")
    cells = (p.verbatim or p.text).split("\n")
    if len(labelled) != len(cells):  # a split long row: its pieces don't line up cell for cell
        return [] if NOT_GIVEN.search(p.text) and len(labelled) <= 2 else [Piece(p.text, p.verbatim or p.text)]
    kept = [(shown, cell) for shown, cell in zip(labelled, cells) if not NOT_GIVEN.search(cell.strip())]
    if len(kept) < 2 and len(cells) >= 2:  # only the row's label is left: it answers nothing
        return []
    if len(kept) == len(cells):
        return [Piece(p.text, p.verbatim or p.text)]
    return [Piece(" — ".join(a for a, _ in kept), "\n".join(b for _, b in kept))]
