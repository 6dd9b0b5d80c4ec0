"""The vocabulary the indexer and the assistant share: what a loader yields, and what is stored."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum


class DocKind(str, Enum):
    INSPECTION_REPORT = "inspection report"
    MINUTES = "committee minutes"
    ACTION_PLAN = "action plan"
    OTHER = "other"


@dataclass(frozen=True)
class Block:
    """One structural piece of a document as a loader found it: a paragraph, list item or table row.

    `text` is what a reader sees; for a table row it labels each cell with its column header.
    `verbatim` is the document's own words for it (a row's cells, one per line), so a citation
    quote can always be found in the original; None means `text` is already verbatim.
    """

    text: str
    page: int | None = None
    heading: str = ""
    is_table_row: bool = False
    verbatim: str | None = None
    cells: tuple[tuple[str, str], ...] = ()  # a table row's (column header, cell text), for splitting a long row


def context_line(title: str, heading: str) -> str:
    """The line embedded above a passage's text. Capped, so a very long title or heading
    path cannot crowd the passage out of the model's window."""
    return " — ".join(p[:160] for p in (title, heading) if p)


Grades = tuple[tuple[str, str], ...]
"""Judgements an inspection report states, in its order: (("Overall effectiveness", "Good"), ...)."""


@dataclass
class ParsedDocument:
    """A loaded document. `authority`, `date` and `grades` are filled by `indexer.metadata`
    from the text, then from a sidecar file or front matter when one says otherwise."""

    source: str
    title: str
    kind: DocKind
    blocks: list[Block] = field(default_factory=list)
    authority: str = ""  # the council, as a place name: "Manchester", "Stockton-on-Tees"
    date: str = ""  # ISO 8601 to the precision the document gives: "2022-05-20", "2022-05" or "2022"
    grades: Grades = ()


def grades_json(grades: Grades) -> str:
    """Grades as stored (Chroma metadata is flat): a JSON object, or "" when there are none."""
    return json.dumps(dict(grades)) if grades else ""


def year_of(date: str) -> int:
    """The year of an ISO date, 0 when unknown (Chroma metadata cannot hold None)."""
    return int(date[:4]) if date[:4].isdigit() else 0


@dataclass(frozen=True)
class Passage:
    """A retrievable piece of one document, never crossing a page."""

    id: str
    source: str
    title: str
    kind: DocKind
    page: int | None
    heading: str
    text: str
    ordinal: int
    file_hash: str
    is_table_row: bool = False
    verbatim: str | None = None
    authority: str = ""
    date: str = ""
    grades: Grades = ()
    # The years of the inspection its document is about, as the inspection records hold it (its
    # fieldwork and publication dates, stated in the document or in the others merged with it):
    # a report published in January 2023 on a November 2022 inspection, or the plan dated 2023
    # that answers it, holds (2022, 2023). Empty when no record holds the document. Read from the
    # serving index's records, not stored per passage.
    inspection_years: tuple[int, ...] = ()

    @property
    def years(self) -> frozenset[int]:
        """The years a question naming a year may mean this document by: its own date's, and its
        inspection's. A year the text only mentions ("since the 2018 inspection") is not one."""
        return frozenset(y for y in (year_of(self.date), *self.inspection_years) if y)

    @property
    def embed_text(self) -> str:
        # The title and heading carry what a passage is about ("Care leavers", "Action plan")
        # when its sentences only say "they" and "the service".
        context = context_line(self.title, self.heading)
        return f"{context}\n{self.text}" if context else self.text

    def metadata(self) -> dict[str, str | int | bool]:
        # Chroma metadata must be scalar; None is not allowed, so absent page is 0.
        return {
            "source": self.source,
            "title": self.title,
            "kind": self.kind.value,
            "page": self.page or 0,
            "heading": self.heading,
            "ordinal": self.ordinal,
            "file_hash": self.file_hash,
            "is_table_row": self.is_table_row,
            "verbatim": self.verbatim or "",
            # Flat scalars so retrieval can filter with a Chroma `where`: authority, year, kind.
            "authority": self.authority,
            "date": self.date,
            "year": year_of(self.date),
            "grades": grades_json(self.grades),
        }

    @classmethod
    def from_record(cls, id: str, text: str, meta: dict) -> "Passage":
        return cls(
            id=id,
            source=str(meta["source"]),
            title=str(meta.get("title", "")),
            kind=DocKind(meta.get("kind", DocKind.OTHER.value)),
            page=int(meta.get("page") or 0) or None,
            heading=str(meta.get("heading", "")),
            text=text,
            ordinal=int(meta.get("ordinal", 0)),
            file_hash=str(meta.get("file_hash", "")),
            is_table_row=bool(meta.get("is_table_row", False)),
            verbatim=str(meta.get("verbatim") or "") or None,
            authority=str(meta.get("authority") or ""),
            date=str(meta.get("date") or ""),
            grades=tuple(json.loads(meta["grades"]).items()) if meta.get("grades") else (),
        )


@dataclass(frozen=True)
class FileRecord:
    """What the store remembers of an indexed file, so unchanged files cost nothing next time."""

    source: str
    sha256: str  # of the file's bytes: what `sha256sum` prints
    passages: int
    indexed_at: str
    # Everything else that shapes the passages (sidecar, parser version, chunk sizes): a
    # change here re-indexes the file even though its bytes are the same.
    fingerprint: str = ""
    # "writing" between the first write of a file's passages and the last: a run killed
    # in between leaves this, and the next run redoes the file (or removes it if it is gone).
    state: str = "indexed"
    title: str = ""
    kind: str = ""
    authority: str = ""
    date: str = ""
    grades: str = ""  # JSON object, as in passage metadata
