"""Candidates: the quotable pieces of the retrieved passages (`indexer.quotable`: one sentence,
a table row, a list with the sentence that introduces it), each with the hit it came from. An
answer is made only of these, so every quote is a document's own words."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.types import Hit
from indexer.quotable import BULLET, LABEL_LINE, NOT_GIVEN, ONE_OF, Piece, pieces_of, says_not_given  # noqa: F401 (re-exported)


@dataclass(frozen=True)
class Unit:
    """A quotable piece of a retrieved passage: one sentence, or one whole table row."""

    hit: Hit
    text: str  # what the answer shows
    quote: str  # the document's own words for it
    follow_on: str | None = None  # the next sentence, when it leans on this one ("They ...")
    is_list: bool = False  # a whole numbered or bulleted list with its introduction

    @property
    def holds_list(self) -> bool:
        """A list with its introduction: a whole list, or a sentence ending "...:" quoted with
        the lines it introduces (lists whose markers the loader dropped)."""
        return self.is_list or bool(self.follow_on and "\n" in self.follow_on and self.text.rstrip().endswith(":"))


def units_of(hit: Hit) -> list[Unit]:
    return [Unit(hit, p.text, p.quote, p.follow_on, p.is_list) for p in pieces_of(hit.passage)]
