"""The typed records extracted from documents at index time, and how they are stored as JSON.

Two levels:
- `FileExtract`: what ONE file says (grade findings, areas for improvement, plan rows,
  committee discussions, the visit's type and dates), each value with the citation of the
  words it came from. Stored per file, so a re-index re-reads only the files that changed.
- `InspectionRecord`: one inspection of one council, merged from every file about it, with
  all their citations; where files disagree the record carries a `Conflict`, never a choice.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field

from indexer.vocabulary import Grade, InspectionType, JudgementArea, Rag

__all__ = ["Grade", "InspectionType", "JudgementArea", "Rag"]  # re-exported: the records speak the vocabulary


class FindingSource(str, Enum):
    """Where in a document a grade was found: a judgement table, an 'Area: grade' line, prose."""

    TABLE = "table"
    LINE = "line"
    PROSE = "prose"
    OVERRIDE = "override"  # a person wrote it in the document's sidecar or front matter


class Citation(BaseModel):
    source: str
    page: int | None = None
    quote: str  # verbatim from the document (whitespace aside)


class Fact(BaseModel):
    """A single value a document states (a date, a name, a type) with where it says it."""

    value: str
    citations: list[Citation] = Field(default_factory=list)


class GradeFinding(BaseModel):
    area: JudgementArea
    grade: Grade
    how: FindingSource
    citation: Citation
    # The year of the earlier inspection this grade is of, when the document restates the
    # judgement it follows ("the first monitoring visit since the local authority was judged
    # inadequate in July 2022"); 0: the inspection the document is about. Records give it to
    # that inspection or leave it out, never to the document's own.
    of_year: int = 0


class GradeValue(BaseModel):
    grade: Grade
    citations: list[Citation] = Field(default_factory=list)


class ActionRow(BaseModel):
    """One row of an action plan table, as the plan words it."""

    number: str = ""  # the plan's own numbering ("1", "2.3"), "" when it has none
    area: str = ""
    action: str = ""
    lead: str = ""
    deadline: str = ""  # as written ("March 2024", "Not stated")
    deadline_date: str = ""  # ISO, to the precision written; "" when none
    status: str = ""
    rag: Rag | None = None
    progress: str = ""
    plan_date: str = ""  # the plan's own date (when it was agreed or last updated), ISO
    citation: Citation


class DiscussionSentence(BaseModel):
    text: str
    citation: Citation


class Discussion(BaseModel):
    """One item of a committee meeting: what was said and what was resolved."""

    committee: str
    meeting_date: str  # ISO, to the precision known
    item: str
    resolutions: list[Citation] = Field(default_factory=list)
    sentences: list[DiscussionSentence] = Field(default_factory=list)
    citation: Citation  # the item's title (or the meeting's first line when untitled)


class AreaFinding(BaseModel):
    """An area for improvement as one document lists it."""

    number: int | None = None  # its position in the document's list, 1-based
    text: str
    citation: Citation
    # Read from a plan's table ("Area for improvement" column), which restates the report's areas
    # in its own words: used for the inspection only when no other document states its areas.
    from_plan_table: bool = False


class FileExtract(BaseModel):
    source: str
    sha256: str = ""
    kind: str = ""
    authority: str = ""
    date: str = ""
    inspection_year: int = 0  # the year of the inspection it is about (0: unknown)
    inspection_type: Fact | None = None
    fieldwork_start: Fact | None = None
    fieldwork_end: Fact | None = None
    published: Fact | None = None
    lead_inspector: Fact | None = None
    grades: list[GradeFinding] = Field(default_factory=list)
    improvements: list[AreaFinding] = Field(default_factory=list)
    actions: list[ActionRow] = Field(default_factory=list)
    discussions: list[Discussion] = Field(default_factory=list)

    @property
    def about_an_inspection(self) -> bool:
        """Whether this file says anything that belongs in an inspection record."""
        return bool(self.grades or self.improvements or self.fieldwork_end or self.inspection_type or self.published)


# --- merged ----------------------------------------------------------------------


class ConflictValue(BaseModel):
    value: str
    citations: list[Citation]


class Conflict(BaseModel):
    field: str  # "grades.help and protection", "published", "lead_inspector", ...
    values: list[ConflictValue]


class ActionLink(BaseModel):
    """An action-plan row linked to an area for improvement, and how: by the plan's number,
    or by meaning (the similarity kept, so a reader can judge a weak match)."""

    row: ActionRow
    by: str  # "number" or "meaning"
    score: float
    overdue: bool = False


class DiscussionLink(BaseModel):
    committee: str
    date: str
    item: str
    quote: Citation
    score: float


class AreaForImprovement(BaseModel):
    number: int | None = None
    text: str
    citations: list[Citation] = Field(default_factory=list)
    from_plan_table: bool = False  # only a plan's table states it (see AreaFinding)
    actions: list[ActionLink] = Field(default_factory=list)
    discussions: list[DiscussionLink] = Field(default_factory=list)


class InspectionRecord(BaseModel):
    authority: str
    type: InspectionType | None = None  # None when the documents do not say which
    type_citations: list[Citation] = Field(default_factory=list)
    fieldwork_start: Fact | None = None
    fieldwork_end: Fact | None = None
    published: Fact | None = None
    lead_inspector: Fact | None = None
    grades: dict[JudgementArea, GradeValue] = Field(default_factory=dict)
    areas_for_improvement: list[AreaForImprovement] = Field(default_factory=list)
    unlinked_actions: list[ActionRow] = Field(default_factory=list)  # plan rows no area matched
    discussions: list[Discussion] = Field(default_factory=list)  # the council's meetings after it
    conflicts: list[Conflict] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    # The year of the inspection: its fieldwork's, else the year its files say they are about
    # (`FileExtract.inspection_year`: a news page that "follows an inspection in November and
    # December 2022" and states no fieldwork line). 0 when none says. Not a citable value: it only
    # says which year's questions its documents may answer.
    year: int = 0

    @property
    def date(self) -> str:
        """The inspection's date for ordering and --inspection: fieldwork end, else publication."""
        for fact in (self.fieldwork_end, self.published, self.fieldwork_start):
            if fact:
                return fact.value
        return ""

    def to_json(self) -> dict:
        """The shape `python -m assistant inspections --json` prints (see README)."""

        def cites(items: list[Citation]) -> list[dict]:
            return [c.model_dump() for c in items]

        return {
            "authority": self.authority,
            "type": self.type.value if self.type else None,
            "fieldwork": {
                "start": self.fieldwork_start.value if self.fieldwork_start else None,
                "end": self.fieldwork_end.value if self.fieldwork_end else None,
            },
            "published": self.published.value if self.published else None,
            "lead_inspector": self.lead_inspector.value if self.lead_inspector else None,
            "grades": {
                area.value: {"grade": g.grade.value, "citations": cites(g.citations)} for area, g in self.grades.items()
            },
            "areas_for_improvement": [
                {
                    "text": a.text,
                    "citations": cites(a.citations),
                    "actions": [_action_json(l) for l in a.actions],
                    "discussions": [
                        {"committee": d.committee, "date": d.date, "item": d.item, "score": round(d.score, 3),
                         "citations": cites([d.quote])}
                        for d in a.discussions
                    ],
                }
                for a in self.areas_for_improvement
            ],
            "conflicts": [c.model_dump(mode="json") for c in self.conflicts],
        }


def _action_json(link: ActionLink) -> dict:
    row = link.row
    return {
        "number": row.number,
        "area": row.area,
        "action": row.action,
        "lead": row.lead,
        "deadline": row.deadline,
        "status": row.status,
        "rag": row.rag.value if row.rag else None,
        "progress": row.progress,
        "overdue": link.overdue,
        "link": {"by": link.by, "score": round(link.score, 3)},
        "citations": [row.citation.model_dump()],
    }
