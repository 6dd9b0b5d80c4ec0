"""Reading the inspection records the indexer built (see `indexer.records`): a small, pure API
for the answering pipeline, the chat views and the CLI.

    records_for(store_dir, council=None, today=None) -> list[InspectionRecord]
    load_records(settings, council=None, today=None) -> list[InspectionRecord]

Records come back sorted by council and inspection date, with each linked action's `overdue`
set against `today` (a deadline passed and no completion recorded). Nothing here loads the
embedding model: links were made, and their scores kept, when the documents were indexed.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from indexer import councils
from indexer.records.persist import load_records as _stored
from indexer.records.persist import records_from_payload
from indexer.serving import ServingIndex, serving_dir
from indexer.records.plans import is_complete
from indexer.records.types import ActionRow, InspectionRecord
from indexer.settings import Settings
from indexer.store import Store


def is_overdue(row: ActionRow, today: date) -> bool:
    """Past its deadline with no completion recorded. A deadline given as a month or a year is
    due at the end of it."""
    if not row.deadline_date or is_complete(row):
        return False
    parts = row.deadline_date.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        due = date(year, 12, 31)
    elif len(parts) == 2:
        month = int(parts[1])
        due = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    else:
        due = date.fromisoformat(row.deadline_date)
    return due < today


def load_records(settings: Settings, council: str | None = None, today: date | None = None) -> list[InspectionRecord]:
    # The published serving index's copy (indexer.serving), so the chat and the CLI read what
    # the passages they cite were published with; the store itself before one exists.
    index = ServingIndex.open_current(serving_dir(settings))
    if index is not None:
        _, records = records_from_payload(index.records_payload())
    else:
        _, records = _stored(Store(settings).warm_up(create=False))
    wanted = (councils.canonical(council) or council.strip()) if council else None
    today = today or date.today()
    out = []
    for record in records:
        if wanted and record.authority.lower() != wanted.lower():
            continue
        for area in record.areas_for_improvement:
            for link in area.actions:
                link.overdue = is_overdue(link.row, today)
        out.append(record)
    return out


def records_for(store_dir: Path | str, council: str | None = None, today: date | None = None) -> list[InspectionRecord]:
    return load_records(Settings(store=Path(store_dir)), council, today)


def inspection_on(records: list[InspectionRecord], when: str) -> InspectionRecord | None:
    """The record an --inspection DATE names: its fieldwork or publication date begins with
    `when` ("2022", "2022-03", "2022-03-04"); the latest when several match."""
    matches = [
        r for r in records
        if any(f and (f.value.startswith(when) or when.startswith(f.value)) for f in (r.fieldwork_start, r.fieldwork_end, r.published))
    ]
    return matches[-1] if matches else None
