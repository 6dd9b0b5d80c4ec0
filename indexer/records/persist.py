"""The records kept in the store, beside the passages (so one store is one thing to back up,
and a Chroma server store needs no side file): one extract per file, and the merged records.

The merged set carries the key of the extracts it was built from; when a run changes any
extract (or a run was killed before merging), the key differs and the set is rebuilt from the
stored extracts, without re-reading any file.
"""

from __future__ import annotations

import hashlib
import json
import logging

from pydantic import ValidationError

from indexer.records.types import FileExtract, InspectionRecord
from indexer.store import Store

log = logging.getLogger(__name__)

_FILE_PREFIX = "file:"
_MERGED_ID = "inspections"
_KEY_ID = "inspections-key"  # small, so an unchanged run checks it without reading the records
# Bump when merging or linking changes: the merged set is rebuilt on the next run.
MERGE_VERSION = "3"  # 3: each record's inspection year (InspectionRecord.year)


def _file_id(source: str) -> str:
    return _FILE_PREFIX + hashlib.sha256(source.encode()).hexdigest()[:32]


def save_extracts(store: Store, extracts: list[FileExtract]) -> None:
    store.put_records({_file_id(e.source): e.model_dump_json() for e in extracts})


def forget_extract(store: Store, source: str) -> None:
    store.delete_records([_file_id(source)])


def load_extracts(store: Store) -> list[FileExtract]:
    extracts = []
    for rid, doc in store.get_records().items():
        if not rid.startswith(_FILE_PREFIX):  # the merged set and its key
            continue
        try:
            extracts.append(FileExtract.model_validate_json(doc))
        except ValidationError as exc:  # written by an older version: its file is re-read next run
            log.warning("ignoring a stored extract that this version cannot read (%s)", exc.errors()[0]["msg"])
    return sorted(extracts, key=lambda e: e.source)


def manifest_key(store: Store) -> str:
    """What the merged records depend on, from the file manifest alone: each indexed file's
    bytes and fingerprint (which covers the extractor's version). Cheap: no extract is read."""
    digest = hashlib.sha256(MERGE_VERSION.encode())
    for r in sorted(store.files().values(), key=lambda r: r.source):
        digest.update(f"{r.source}\0{r.sha256}\0{r.fingerprint}\0{r.state}\n".encode())
    return digest.hexdigest()


def stored_key(store: Store) -> str:
    return store.get_records([_KEY_ID]).get(_KEY_ID) or ""


def save_records(store: Store, key: str, records: list[InspectionRecord]) -> None:
    """The records first, then their key: a run killed between the two leaves the old key,
    so the next run rebuilds."""
    payload = {"key": key, "records": [r.model_dump(mode="json") for r in records]}
    store.put_records({_MERGED_ID: json.dumps(payload)})
    store.put_records({_KEY_ID: key})


def merged_payload(store: Store) -> str:
    """The merged records as stored (JSON), "" when none were built: what the serving index
    copies, so readers need nothing from the store."""
    return store.get_records([_MERGED_ID]).get(_MERGED_ID) or ""


def records_from_payload(got: str) -> tuple[str, list[InspectionRecord]]:
    if not got:
        return "", []
    try:
        payload = json.loads(got)
        return payload["key"], [InspectionRecord.model_validate(r) for r in payload["records"]]
    except (ValueError, KeyError, ValidationError) as exc:
        log.warning("the stored inspection records cannot be read (%s); they are rebuilt on the next index run", exc)
        return "", []


def load_records(store: Store) -> tuple[str, list[InspectionRecord]]:
    """(key, records); ("", []) when none were built yet or they cannot be read."""
    return records_from_payload(merged_payload(store))
