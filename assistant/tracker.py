"""The scrutiny tracker for one inspection: each area for improvement → its actions → the
meetings that discussed it → the flags a scrutiny member would raise.

Pure: built from an `InspectionRecord` (see assistant.records) and today's date.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from enum import Enum

from indexer.records.types import AreaForImprovement, Citation, InspectionRecord


class Flag(str, Enum):
    NO_ACTION = "no action"
    NO_LEAD = "no lead"
    NO_DEADLINE = "no deadline"
    OVERDUE = "overdue"
    NOT_DISCUSSED = "not discussed since the plan was agreed"


@dataclass
class TrackerRow:
    number: int | None
    area: str
    citations: list[Citation]
    actions: list[dict] = field(default_factory=list)
    discussions: list[dict] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


def flags_for(area: AreaForImprovement) -> list[Flag]:
    flags: list[Flag] = []
    if not area.actions:
        return [Flag.NO_ACTION] + ([] if area.discussions else [Flag.NOT_DISCUSSED])
    if not any(link.row.lead for link in area.actions):
        flags.append(Flag.NO_LEAD)
    if not any(link.row.deadline_date for link in area.actions):
        flags.append(Flag.NO_DEADLINE)
    if any(link.overdue for link in area.actions):
        flags.append(Flag.OVERDUE)
    agreed = max((link.row.plan_date for link in area.actions), default="")
    if not any(d.date and d.date[: len(agreed)] >= agreed[: len(d.date)] for d in area.discussions):
        flags.append(Flag.NOT_DISCUSSED)
    return flags


def build_tracker(record: InspectionRecord) -> list[TrackerRow]:
    rows = []
    for area in record.areas_for_improvement:
        rows.append(
            TrackerRow(
                number=area.number,
                area=area.text,
                citations=area.citations,
                actions=[
                    {
                        "action": l.row.action, "area_as_planned": l.row.area, "lead": l.row.lead,
                        "deadline": l.row.deadline, "status": l.row.status or (l.row.rag.value if l.row.rag else ""),
                        "overdue": l.overdue, "link": {"by": l.by, "score": round(l.score, 3)},
                        "citations": [l.row.citation.model_dump()],
                    }
                    for l in area.actions
                ],
                discussions=[
                    {"date": d.date, "committee": d.committee, "item": d.item, "quote": d.quote.quote,
                     "score": round(d.score, 3), "citations": [d.quote.model_dump()]}
                    for d in area.discussions
                ],
                flags=flags_for(area),
            )
        )
    return rows


def tracker_json(record: InspectionRecord) -> dict:
    return {
        "authority": record.authority,
        "inspection": record.date,
        "type": record.type.value if record.type else None,
        "areas": [
            {"number": r.number, "area": r.area, "citations": [c.model_dump() for c in r.citations],
             "actions": r.actions, "discussions": r.discussions, "flags": [f.value for f in r.flags]}
            for r in build_tracker(record)
        ],
        "unlinked_actions": [
            {"number": a.number, "area_as_planned": a.area, "action": a.action, "lead": a.lead, "deadline": a.deadline,
             "citations": [a.citation.model_dump()]}
            for a in record.unlinked_actions
        ],
    }


CSV_COLUMNS = (
    "authority", "inspection", "number", "area for improvement", "action", "lead", "deadline", "status",
    "overdue", "linked by", "link score", "discussed (date, committee: quote)", "flags", "sources",
)


def tracker_rows(record: InspectionRecord) -> list[list[str]]:
    """One line per area × action (an area with no action has one line), every cell a plain string."""
    lines = []
    for r in build_tracker(record):
        discussed = "; ".join(f"{d['date']}, {d['committee']}: {d['quote']}" for d in r.discussions)
        sources = "; ".join(sorted({f"{c.source}" + (f" p.{c.page}" if c.page else "") for c in r.citations}))
        flags = ", ".join(f.value for f in r.flags)
        for a in r.actions or [None]:
            lines.append([
                record.authority, record.date, "" if r.number is None else str(r.number), r.area,
                a["action"] if a else "", a["lead"] if a else "", a["deadline"] if a else "", a["status"] if a else "",
                ("yes" if a["overdue"] else "no") if a else "", a["link"]["by"] if a else "",
                f"{a['link']['score']:.3f}" if a else "", discussed, flags, sources,
            ])
    return lines


def tracker_csv(record: InspectionRecord) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(tracker_rows(record))
    return out.getvalue()
