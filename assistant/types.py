"""What the assistant hands around: a retrieved passage with its score, the filters a user set,
the council and year a question was taken to mean, a citation, an answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from indexer.types import Passage, year_of

# How each kind of document is named to users: whose words a quote is matters to members.
KIND_LABELS = {
    "inspection report": "Inspection report",
    "committee minutes": "Committee minutes",
    "action plan": "Action plan",
    "other": "Other document",
}


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # fused rank score: only its order means anything


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the search to (the chat's filters). Empty means everything.

    Dates are ISO prefixes compared as text ("2022" or "2022-05-20"), inclusive at both ends;
    a passage whose document has no date passes only when no date bound is set."""

    kinds: tuple[str, ...] = ()  # DocKind values
    authorities: tuple[str, ...] = ()  # canonical council names
    date_from: str = ""
    date_to: str = ""

    def __bool__(self) -> bool:
        return bool(self.kinds or self.authorities or self.date_from or self.date_to)

    def allows(self, p: Passage) -> bool:
        return self.allows_document(p.kind.value, p.authority, p.date)

    def allows_document(self, kind: str, authority: str, date: str) -> bool:
        """The same test on a document's own fields: filters are about documents, so a search's
        mask is computed once per document, not once per passage."""
        if self.kinds and kind not in self.kinds:
            return False
        if self.authorities and authority not in self.authorities:
            return False
        if self.date_from or self.date_to:
            if not date:
                return False
            # Compare at the precision both sides have: "2022" is within 2022-01-01..2022-12-31.
            if self.date_from and date[: len(self.date_from)] < self.date_from[: len(date)]:
                return False
            if self.date_to and date[: len(self.date_to)] > self.date_to[: len(date)]:
                return False
        return True


@dataclass(frozen=True)
class Scope:
    """The councils and years a question is about, as recognised in it or, for a follow-up
    ("and what about care leavers?"), carried over from the question before."""

    authorities: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    inherited: bool = False  # taken from the previous question, not named in this one

    def __bool__(self) -> bool:
        return bool(self.authorities or self.years)

    def allows(self, p: Passage) -> bool:
        if self.authorities and p.authority not in self.authorities:
            return False
        return not self.years or year_of(p.date) in self.years

    def describe(self) -> str:
        parts = [" and ".join(self.authorities)] if self.authorities else []
        if self.years:
            parts.append(" and ".join(str(y) for y in self.years))
        text = ", ".join(parts)
        return f"{text} (from your previous question)" if self.inherited and text else text


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
    authority: str = ""
    date: str = ""
    answer_text: str = ""  # the sentence of the answer this citation supports, to highlight in the quote

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @classmethod
    def of(cls, n: int, passage: Passage, quote: str, answer_text: str = "") -> "Citation":
        """Citation number `n` quoting `quote` from `passage`, for the answer sentence `answer_text`."""
        p = passage
        return cls(
            n=n, source=p.source, title=p.title, kind=p.kind.value, page=p.page, quote=quote, heading=p.heading,
            passage_id=p.id, authority=p.authority, date=p.date, answer_text=answer_text,
        )


@dataclass
class Answer:
    question: str
    answer: str
    answered: bool
    citations: list[Citation] = field(default_factory=list)
    # When not answered: the closest passages, offered as reading, never as an answer.
    related: list[Hit] = field(default_factory=list)
    scope: Scope = field(default_factory=Scope)
    mode: str = "grounded"  # "grounded": the documents' own sentences; "generated": an LLM's, checked
    notice: str = ""  # e.g. "The LLM server did not answer in 30 s; this is the grounded answer."
    # Every passage the answer was chosen from, for a generator or a UI; not part of the JSON.
    hits: list[Hit] = field(default_factory=list)
    # What each step of the answering pipeline found, per part of the question
    # (`assistant.answering.pipeline.PartTrace`), for `evaluate --show-failures`; not part of the JSON.
    trace: list = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        # The JSON contract scripts rely on: keep these keys and their meaning stable (add, never rename).
        return {
            "question": self.question,
            "answer": self.answer,
            "answered": self.answered,
            "citations": [asdict(c) | {"kind_label": c.kind_label} for c in self.citations],
            "related": [
                {"source": h.passage.source, "title": h.passage.title, "kind": h.passage.kind.value, "page": h.passage.page}
                for h in self.related[:3]
            ],
            "scope": {
                "authorities": list(self.scope.authorities),
                "years": list(self.scope.years),
                "inherited": self.scope.inherited,
                "description": self.scope.describe(),
            },
            "mode": self.mode,
            "notice": self.notice,
        }
