"""Rebuild the merged inspection records from the stored extracts, when they changed."""

from __future__ import annotations

import logging

from indexer.records.links import Encode, link_actions, link_discussions, same_area
from indexer.records.merge import build_records
from indexer.records.persist import extracts_key, load_extracts, load_records, save_records
from indexer.records.types import InspectionRecord
from indexer.store import Store

log = logging.getLogger(__name__)


def rebuild(store: Store, encode: Encode, force: bool = False) -> list[InspectionRecord] | None:
    """The merged records, rebuilt and stored when the extracts changed since the last build;
    None when nothing changed (the stored set is current)."""
    extracts = load_extracts(store)
    key = extracts_key(extracts)
    stored_key, _ = load_records(store)
    if stored_key == key and not force:
        return None
    records = build_records(extracts, same_area)
    by_source = {e.source: e for e in extracts}
    for i, record in enumerate(records):
        rows = [row for source in record.sources for row in by_source[source].actions]
        link_actions(record, rows, encode)
        # The council's meetings up to its next inspection (records are sorted by council, date).
        following = next((r for r in records[i + 1 :] if r.authority == record.authority and r.date), None)
        until = following.date if following else "9999"
        discussions = [
            d for e in extracts if e.authority == record.authority for d in e.discussions
            if d.meeting_date[: len(until)] < until[: len(d.meeting_date)] or not d.meeting_date
        ]
        link_discussions(record, sorted(discussions, key=lambda d: d.meeting_date), encode)
    save_records(store, key, records)
    log.info("inspection records rebuilt: %d inspections from %d files", len(records), len(extracts))
    return records
