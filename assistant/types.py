"""What the assistant hands around: a retrieved passage with its score, a citation, an answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from indexer.types import Passage


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # fused rank score: only its order means anything


@dataclass(frozen=True)
class Citation:
    n: int
    source: str
    title: str
    kind: str
    page: int | None
    quote: str  # the document's own words, verbatim (whitespace aside), on `page`
    heading: str = ""
    passage_id: str = ""


@dataclass
class Answer:
    question: str
    answer: str
    answered: bool
    citations: list[Citation] = field(default_factory=list)
    # When not answered: the closest passages, offered as reading, never as an answer.
    related: list[Hit] = field(default_factory=list)

    def to_dict(self) -> dict:
        # The JSON contract scripts rely on: keep these keys and their meaning stable.
        return {
            "question": self.question,
            "answer": self.answer,
            "answered": self.answered,
            "citations": [asdict(c) for c in self.citations],
            "related": [
                {"source": h.passage.source, "title": h.passage.title, "kind": h.passage.kind.value, "page": h.passage.page}
                for h in self.related[:3]
            ],
        }
