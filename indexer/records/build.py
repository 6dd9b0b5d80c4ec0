"""Rebuild the merged inspection records from the stored extracts, when they changed."""

from __future__ import annotations

import hashlib
import logging

import numpy as np

from indexer.records.links import Encode, link_actions, link_discussions, same_area
from indexer.records.merge import build_records
from indexer.records.persist import load_extracts, manifest_key, save_records, stored_key
from indexer.records.types import InspectionRecord
from indexer.store import Store

log = logging.getLogger(__name__)


def _cached(encode: Encode, store: Store) -> Encode:
    """Each text the links compare is encoded once, ever: the vectors are kept in the store by
    the text's hash, so a rebuild after one changed file encodes only that file's new texts."""
    seen: dict[str, np.ndarray] = {}

    def cached(texts: list[str]) -> np.ndarray:
        if not texts:
            return encode([])
        ids = {t: hashlib.sha256(t.encode()).hexdigest()[:32] for t in texts}
        wanted = list(dict.fromkeys(ids[t] for t in texts if ids[t] not in seen))
        if wanted:
            seen.update(store.link_vectors(wanted))
        missing = list(dict.fromkeys(t for t in texts if ids[t] not in seen))
        if missing:
            fresh = dict(zip((ids[t] for t in missing), encode(missing)))
            store.put_link_vectors(fresh)
            seen.update(fresh)
        return np.stack([seen[ids[t]] for t in texts])

    return cached


def rebuild(store: Store, encode: Encode, force: bool = False) -> list[InspectionRecord] | None:
    """The merged records, rebuilt and stored when the extracts changed since the last build;
    None when nothing changed (the stored set is current)."""
    key = manifest_key(store)
    if stored_key(store) == key and not force:
        return None
    encode = _cached(encode, store)
    extracts = load_extracts(store)
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
