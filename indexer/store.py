"""ChromaDB behind plain verbs: `upsert`, `delete`, `search`, `passages`, and a file manifest.

Two backends that differ only in how the client is made: a folder (PersistentClient, the
default) or a Chroma server started with `chroma run` (HttpClient). The manifest of indexed
files lives in a second collection of the same database, so the server backend needs no
side file and one store is always one thing to back up.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import logging
import os
import socket
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import numpy as np

from indexer.settings import Settings
from indexer.types import FileRecord, Passage

log = logging.getLogger(__name__)

# Chroma rejects single requests above its max batch size (about 5k on a folder store).
_WRITE_BATCH = 1000


class StoreError(Exception):
    """The store cannot be used as asked; the message says what to do."""


class StoreUnavailable(StoreError):
    """The Chroma server does not answer. Every later call tries it again, so the caller
    recovers by itself when the server is back."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(f"the store at {settings.chroma_host}:{settings.chroma_port} is unreachable; retrying")


# A search tries the server this many times (the pauses between them below) before giving up
# on this question: a server restarting takes a second or two.
_SEARCH_TRIES = 3
_RETRY_PAUSE_S = 0.5


class Store:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client = None
        self._passages = None
        self._files = None
        self._records = None

    # --- lifecycle ---------------------------------------------------------------

    def warm_up(self, model_name: str | None = None, dimension: int | None = None, create: bool = True) -> "Store":
        """Connect, and open the collections. With `create`, a missing store is made for
        `model_name`; a store built with another model is refused rather than mixed."""
        import chromadb
        from chromadb.errors import NotFoundError

        chroma_settings = chromadb.Settings(anonymized_telemetry=False, allow_reset=False)
        s = self.settings
        try:
            if s.chroma_host:
                self._client = chromadb.HttpClient(host=s.chroma_host, port=s.chroma_port, settings=chroma_settings)
                self._client.heartbeat()
            else:
                if not create and not s.store.is_dir():
                    raise StoreError(f"no index at {s.store}: run `python -m indexer corpus --store {s.store}` first")
                s.store.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(s.store), settings=chroma_settings)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot open the store at {s.describe_store()}: {exc}") from exc

        # get_or_create would rewrite an existing collection's metadata (the model it was built with).
        try:
            self._passages = self._client.get_collection(s.collection, embedding_function=None)
        except NotFoundError:
            if not create:
                raise StoreError(
                    f"the store at {s.describe_store()} has no collection '{s.collection}': index some documents first"
                ) from None
            self._passages = self._client.create_collection(
                s.collection,
                embedding_function=None,  # we embed ourselves; Chroma's default would fetch a model
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"embedding_model": model_name or "", "dimension": dimension or 0},
            )
        self._files = self._client.get_or_create_collection(
            f"{s.collection}-files", embedding_function=None, configuration={"hnsw": {"space": "l2"}}
        )
        # Inspection records (indexer.records): one JSON document per file, and the merged set;
        # and the vectors of the texts the records' links compare, so a re-index encodes only new ones.
        self._records = self._client.get_or_create_collection(
            f"{s.collection}-records", embedding_function=None, configuration={"hnsw": {"space": "l2"}}
        )
        self._link_vectors = self._client.get_or_create_collection(
            f"{s.collection}-link-vectors", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self._check_model(model_name)
        return self

    def reopened(self) -> "Store":
        """A new, not yet warmed-up Store on the same settings whose client reads the store as
        it is now, for a long-running reader (the chat) after another process has indexed.

        Chroma keeps one client system per folder per process, and that system's in-memory
        vector index does not follow another process's writes (it can even fail with "Error
        finding id" on them). So this process's cache entry for the folder is dropped: the
        next client opens a fresh system, and clients already open look the system up by the
        same key, so they move to the fresh one too rather than breaking."""
        if self._client is not None and not self.settings.chroma_host:
            from chromadb.api.shared_system_client import SharedSystemClient

            key = getattr(self._client, "_identifier", None)
            SharedSystemClient._identifier_to_system.pop(key, None)
            SharedSystemClient._identifier_to_refcount.pop(key, None)
        return Store(self.settings)

    def _check_model(self, model_name: str | None) -> None:
        stored = str((self._passages.metadata or {}).get("embedding_model") or "")
        if model_name and stored and stored != model_name:
            raise StoreError(
                f"the store at {self.settings.describe_store()} was built with the embedding model '{stored}', "
                f"not '{model_name}'. Use IA_EMBEDDING_MODEL={stored}, or index into a new store."
            )

    @property
    def embedding_model(self) -> str:
        return str((self._passages.metadata or {}).get("embedding_model") or "")

    # --- passages ------------------------------------------------------------------

    def upsert(self, passages: list[Passage], embeddings: np.ndarray) -> None:
        for start in range(0, len(passages), _WRITE_BATCH):
            batch = passages[start : start + _WRITE_BATCH]
            self._passages.upsert(
                ids=[p.id for p in batch],
                documents=[p.text for p in batch],
                metadatas=[p.metadata() for p in batch],
                embeddings=embeddings[start : start + _WRITE_BATCH],
            )

    def delete(self, source: str, keep: Iterable[str] = ()) -> int:
        """Delete a file's passages, except the ids in `keep`. Returns how many went."""
        keep = set(keep)
        stale = [i for i in self.passage_ids(source) if i not in keep]
        for start in range(0, len(stale), _WRITE_BATCH):
            self._passages.delete(ids=stale[start : start + _WRITE_BATCH])
        return len(stale)

    def passage_ids(self, source: str) -> list[str]:
        return list(self._passages.get(where={"source": source}, include=[])["ids"])

    def count(self) -> int:
        return self._passages.count()

    def search(self, embedding: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Nearest passages as (id, cosine similarity), best first."""
        # Chroma returns fewer than k when the collection holds fewer: no count() round trip needed.
        for attempt in range(_SEARCH_TRIES if self.settings.chroma_host else 1):
            try:
                result = self._passages.query(query_embeddings=[embedding], n_results=k, include=["distances"])
                break
            except Exception as exc:
                if not (self.settings.chroma_host and _is_connection_error(exc)):
                    raise
                log.warning("Chroma server %s:%s did not answer (%s)", self.settings.chroma_host, self.settings.chroma_port, exc)
                if attempt + 1 == _SEARCH_TRIES:
                    raise StoreUnavailable(self.settings) from exc
                time.sleep(_RETRY_PAUSE_S * (attempt + 1))
        return [(i, 1.0 - float(d)) for i, d in zip(result["ids"][0], result["distances"][0])]

    def passages(self) -> Iterator[Passage]:
        """Every stored passage, in pages, for evaluation and checks."""
        for batch, _ in self._pages(include_vectors=False):
            yield from batch

    def _pages(self, include_vectors: bool, sources: set[str] | None = None) -> Iterator[tuple[list[Passage], np.ndarray]]:
        """Pages of passages (and vectors) fetched by id: paging by offset re-reads every earlier
        row for each page (119 ms a page at offset 0, 800-900 ms at 200k)."""
        ids = _all_ids(self._passages)
        include = ["documents", "metadatas"] + (["embeddings"] if include_vectors else [])
        for start in range(0, len(ids), _WRITE_BATCH):
            got = self._passages.get(ids=ids[start : start + _WRITE_BATCH], include=include)
            batch, vectors = [], []
            for n, (pid, text, meta) in enumerate(zip(got["ids"], got["documents"], got["metadatas"])):
                if sources is not None and meta.get("source") not in sources:
                    continue
                batch.append(Passage.from_record(pid, text, meta))
                if include_vectors:
                    vectors.append(got["embeddings"][n])
            yield batch, np.asarray(vectors, dtype=np.float32)

    def passages_of_sources(self, sources: list[str]) -> Iterator[tuple[list[Passage], np.ndarray]]:
        """These files' passages with their vectors: one query a file for a few files, a scan by
        id for many (a `where` query costs tens of milliseconds at 100k passages)."""
        if len(sources) > 50:
            yield from self._pages(include_vectors=True, sources=set(sources))
            return
        for source in sources:
            got = self._passages.get(where={"source": source}, include=["documents", "metadatas", "embeddings"])
            passages = [Passage.from_record(i, t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])]
            if passages:
                yield passages, np.asarray(got["embeddings"], dtype=np.float32)

    def embeddings_of(self, sources: Iterable[str]) -> dict[str, np.ndarray]:
        """Stored vectors of these files' passages, by the text they were embedded from: a
        renamed file, or a changed file's unchanged passages, need no encoding."""
        found: dict[str, np.ndarray] = {}
        for source in sources:
            got = self._passages.get(where={"source": source}, include=["documents", "metadatas", "embeddings"])
            for pid, text, meta, vector in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"]):
                found[Passage.from_record(pid, text, meta).embed_text] = np.asarray(vector, dtype=np.float32)
        return found

    # --- file manifest ---------------------------------------------------------------

    def files(self) -> dict[str, FileRecord]:
        known = {f.name for f in dataclasses.fields(FileRecord)}
        records = {}
        ids = _all_ids(self._files)
        metadatas = [
            m for start in range(0, len(ids), _WRITE_BATCH)
            for m in self._files.get(ids=ids[start : start + _WRITE_BATCH], include=["metadatas"])["metadatas"]
        ]
        for m in metadatas:
            values = {k: v for k, v in m.items() if k in known}  # a store written by an older version lacks some
            values["passages"] = int(values.get("passages", 0))
            records[m["source"]] = FileRecord(**values)
        return records

    def record_files(self, records: list[FileRecord]) -> None:
        # The manifest collection needs a vector per record; a constant 1-d one costs nothing.
        for start in range(0, len(records), _WRITE_BATCH):
            batch = records[start : start + _WRITE_BATCH]
            self._files.upsert(
                ids=[_file_id(r.source) for r in batch],
                embeddings=[[1.0]] * len(batch),
                metadatas=[dataclasses.asdict(r) for r in batch],
                documents=[r.source for r in batch],
            )

    def forget_file(self, source: str) -> None:
        self._files.delete(ids=[_file_id(source)])

    def status(self) -> dict[str, Any]:
        files = self.files()
        return {
            "store": self.settings.describe_store(),
            "embedding_model": self.embedding_model,
            "files": [dataclasses.asdict(r) for r in sorted(files.values(), key=lambda r: r.source)],
            "total_files": len(files),
            "total_passages": self.count(),
        }

    # --- inspection records: JSON documents by id (see indexer.records.persist) -------------

    def put_records(self, documents: dict[str, str]) -> None:
        items = list(documents.items())
        for start in range(0, len(items), _WRITE_BATCH):
            batch = items[start : start + _WRITE_BATCH]
            self._records.upsert(
                ids=[i for i, _ in batch], documents=[d for _, d in batch], embeddings=[[1.0]] * len(batch)
            )

    def get_records(self, ids: list[str] | None = None) -> dict[str, str]:
        ids = _all_ids(self._records) if ids is None else ids
        found: dict[str, str] = {}
        for start in range(0, len(ids), _WRITE_BATCH):
            got = self._records.get(ids=ids[start : start + _WRITE_BATCH], include=["documents"])
            found.update(zip(got["ids"], got["documents"]))
        return found

    def link_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), _WRITE_BATCH):
            got = self._link_vectors.get(ids=ids[start : start + _WRITE_BATCH], include=["embeddings"])
            found.update((i, np.asarray(v, dtype=np.float32)) for i, v in zip(got["ids"], got["embeddings"]))
        return found

    def put_link_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        items = list(vectors.items())
        for start in range(0, len(items), _WRITE_BATCH):
            batch = items[start : start + _WRITE_BATCH]
            self._link_vectors.upsert(ids=[i for i, _ in batch], embeddings=np.stack([v for _, v in batch]))

    def delete_records(self, ids: list[str]) -> None:
        if ids:
            self._records.delete(ids=ids)

    # --- one writer at a time -------------------------------------------------------

    @contextlib.contextmanager
    def writer_lock(self, wait_s: float = 0.0) -> Iterator[None]:
        """Hold the store's writer lock for a run. A second indexer waits up to `wait_s`, then
        refuses with a message naming the holder; readers (the chat) never need it.

        The lock is an OS file lock (released by the kernel when its holder dies, even by
        SIGKILL, so a crash never leaves the store locked). For a folder store it lives in
        the folder; for a Chroma server it can only guard this machine's indexers, so it
        lives in the temp folder under the server's address."""
        s = self.settings
        if s.chroma_host:
            tag = hashlib.sha256(f"{s.chroma_host}:{s.chroma_port}/{s.collection}".encode()).hexdigest()[:16]
            path = Path(tempfile.gettempdir()) / f"inspection-index-{tag}.lock"
        else:
            path = s.store / "indexer.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a+") as fh:
            deadline = time.monotonic() + wait_s
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        fh.seek(0)
                        holder = fh.read().strip() or "another process"
                        raise StoreError(
                            f"another indexer is writing to the store at {s.describe_store()} ({holder}); "
                            "wait for it to finish, or pass --wait SECONDS to queue behind it"
                        ) from None
                    time.sleep(0.2)
            fh.seek(0)
            fh.truncate()
            fh.write(f"pid {os.getpid()} on {socket.gethostname()}, started {_now()}")
            fh.flush()
            try:
                yield
            finally:
                fh.seek(0)
                fh.truncate()
                fh.flush()
                fcntl.flock(fh, fcntl.LOCK_UN)


def _all_ids(collection) -> list[str]:
    """Every id in a collection, in pages: one unbounded `get` fails past about 32,000 records
    ("too many SQL variables": Chroma looks the rows up with one IN list), as a national
    corpus's manifest of 37,000 files did."""
    ids: list[str] = []
    page = 10_000
    while True:
        got = collection.get(include=[], limit=page, offset=len(ids))["ids"]
        ids.extend(got)
        if len(got) < page:
            return ids


def _is_connection_error(exc: BaseException) -> bool:
    """A server that is down or went away (not a bad request): httpx's transport errors,
    the OS's connection errors, and Chroma's wrapping of them."""
    import httpx

    while exc is not None:
        if isinstance(exc, (httpx.TransportError, ConnectionError, TimeoutError)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _file_id(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()[:32]
