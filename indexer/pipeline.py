"""corpus → passages → store: discover files, skip unchanged ones, parse, chunk, embed, write.

A run is crash-safe by the order of its writes. For each batch of files:
  1. the manifest marks them "writing" (with their new hash);
  2. their passages are upserted (ids are content hashes, so a repeat overwrites, never duplicates);
  3. each file's other passages are deleted;
  4. the manifest marks them "indexed".
A run killed anywhere leaves at most some files marked "writing"; the next run redoes those
(or, if the file is gone, removes every passage it had). So after a completed run the store
holds exactly one copy of each passage of each file, and nothing of files that no longer exist.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import logging
import os
import random
import stat
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import numpy as np
from tqdm import tqdm

from indexer.chunking import chunk
from indexer.embedding import Embedder
from indexer.files import CHANGED_WHILE_READING, ChangedWhileReading, Confinement, read_file
from indexer.loaders import SUPPORTED, LoadError, load
from indexer.loaders.common import describe_os_error
from indexer.metadata import Sidecar, is_sidecar, read_sidecar
from indexer.records.build import rebuild as rebuild_records
from indexer.records.extract import EXTRACTOR_VERSION, extract
from indexer.records.overrides import override_grades
from indexer.records.persist import forget_extract, merged_payload, save_extracts
from indexer.records.types import FileExtract
from indexer.serving import GenerationBuilder, ServingIndex, serving_dir
from indexer.settings import Settings
from indexer.store import Store
from indexer.types import FileRecord, ParsedDocument, Passage, grades_json

log = logging.getLogger(__name__)

IGNORE_FILE = ".indexignore"
# Bump when a loader, the chunker or the metadata detection (kind, council, date) changes what a
# file gives: every file is then re-read on the next run, though its bytes are unchanged.
PARSER_VERSION = "16"


@dataclass
class Summary:
    indexed: list[tuple[str, int]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Files whose stored passages did not match their recorded hash (found by the check at
    # the start of a run) and were indexed again.
    repaired: list[str] = field(default_factory=list)
    passages_written: int = 0
    passages_embedded: int = 0  # the rest reused stored vectors (renamed files, unchanged passages)
    total_passages: int = 0
    seconds: float = 0.0
    aborted: str = ""  # why a --strict run wrote nothing

    @property
    def ok(self) -> bool:
        return not self.failed and not self.aborted

    def to_dict(self) -> dict:
        return {
            "indexed": [{"source": s, "passages": n} for s, n in self.indexed],
            "unchanged": self.unchanged,
            "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
            "removed": self.removed,
            "repaired": self.repaired,
            "passages_written": self.passages_written,
            "passages_embedded": self.passages_embedded,
            "total_passages": self.total_passages,
            "seconds": round(self.seconds, 2),
            "aborted": self.aborted,
        }


def source_name(path: Path) -> str:
    """The path as indexed and shown in citations: relative to the working folder when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def _ignore_patterns(root: Path) -> list[str]:
    try:
        lines = (root / IGNORE_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [l.strip() for l in lines if l.strip() and not l.startswith("#")]


@dataclass
class Discovered:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # not a document type we read
    failed: list[tuple[str, str]] = field(default_factory=list)  # a document we could not take


def discover(paths: list[Path], max_bytes: int, allow_outside_links: bool = False) -> Discovered:
    """Files to index under `paths`, and those skipped or failed with a reason. Hidden files,
    sidecar metadata files and `.indexignore` patterns are left out silently.

    Symbolic links are confined to `paths`: a link (to a file or a folder) whose target is
    outside them is skipped with the reason, unless `allow_outside_links`. A link to a folder
    inside them is not walked again (its files are indexed where they are, and a link cycle
    cannot make the walk endless); with `allow_outside_links` a folder outside is walked,
    each real folder once."""
    result = Discovered()
    seen: set[str] = set()
    confinement = Confinement.of(paths, allow_outside_links)

    def consider(file: Path, named: bool = False) -> None:
        # A file named on its own and inside a folder that is also given is indexed once.
        key = os.path.realpath(file)
        if key in seen:
            return
        seen.add(key)
        if is_sidecar(file):
            return
        if file.suffix.lower() not in SUPPORTED:
            result.skipped.append((source_name(file), f"unsupported file type '{file.suffix or '(none)'}'"))
            return
        try:
            info = file.stat()
        except OSError as exc:
            result.failed.append((source_name(file), describe_os_error(exc)))
            return
        if not named and (problem := confinement.problem(file, key)):
            result.skipped.append((source_name(file), problem))
            return
        if not stat.S_ISREG(info.st_mode):  # a named pipe would block the hash for ever
            result.failed.append((source_name(file), "not a regular file (a folder, pipe or device)"))
            return
        size = info.st_size
        if size > max_bytes:
            result.failed.append(
                (source_name(file), f"larger than the {max_bytes / 1e6:g} MB limit (IA_MAX_FILE_MB): {size / 1e6:.1f} MB")
            )
            return
        result.files.append(file)

    walked: set[str] = set()

    def walk(top: Path, root: Path, patterns: list[str]) -> None:
        walked.add(os.path.realpath(top))
        for folder, dirs, files in os.walk(top, followlinks=False):
            visible = sorted(d for d in dirs if not d.startswith("."))
            dirs[:] = [d for d in visible if not os.path.islink(os.path.join(folder, d))]
            for name in sorted(files) + [d for d in visible if d not in dirs]:
                file = Path(folder) / name
                rel = file.relative_to(root).as_posix()
                if name.startswith(".") or any(fnmatch.fnmatch(rel, p) for p in patterns):
                    continue
                if name not in files:  # a link to a folder
                    real = os.path.realpath(file)
                    if confinement.contains(real) or real in walked or not os.path.isdir(real):
                        continue  # indexed where it is, a cycle, or a dangling link
                    if problem := confinement.problem(file, real, kind="folder"):
                        result.skipped.append((source_name(file), problem))
                    else:
                        walk(file, root, patterns)
                    continue
                consider(file)

    for root in paths:
        if root.is_file() or root.is_symlink() and not root.is_dir():
            consider(root, named=True)  # named on the command line: the user's own choice
            continue
        if not root.is_dir():
            result.failed.append((source_name(root), "no such file or folder"))
            continue
        walk(root, root, _ignore_patterns(root))
    return result


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _in_scope(source: str, roots: list[Path]) -> bool:
    for root in roots:
        name = source_name(root)
        if source == name or source.startswith(name.rstrip("/") + "/") or name == ".":
            return True
    return False


@dataclass
class _Parsed:
    """A file read and chunked, waiting for its batch to be embedded and written."""

    source: str
    record: FileRecord
    passages: list[Passage]
    donors: list[str]  # stored files whose vectors it may reuse: its own old version, or a copy/rename
    had_passages: bool  # the store may hold passages of this source that must go
    extract: FileExtract  # its inspection records (indexer.records)


class Indexer:
    """Builds and maintains the store: `warm_up` once, then `run(paths)` as often as needed."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.embedder = Embedder(settings)
        self.store = Store(settings)

    def warm_up(self) -> "Indexer":
        self.embedder.warm_up()
        self.store.warm_up(model_name=self.settings.embedding_model, dimension=self.embedder.dimension)
        return self

    def fingerprint(self, path: Path, sidecar: Sidecar | None | bool = True) -> str:
        """What besides a file's bytes shapes its passages: a change re-indexes the file.
        `sidecar` is the file's sidecar as read (or None); by default it is read here."""
        s = self.settings
        parts = [PARSER_VERSION, EXTRACTOR_VERSION, str(s.max_passage_tokens), str(s.min_passage_words)]
        extra = (read_sidecar(path) if sidecar is True else sidecar)
        return hashlib.sha256("|".join(parts).encode() + (extra.data if extra else b"")).hexdigest()[:16]

    def passages_of(self, path: Path, source: str, data: bytes, digest: str, sidecar=None) -> tuple["ParsedDocument", list[Passage]]:
        """The document and passages of one version of a file, from its bytes as read."""
        s = self.settings
        document = load(path, source, data, sidecar, int(s.max_html_mb * 1e6), s.max_html_tags)
        passages = chunk(
            document,
            digest,
            self.embedder.count_tokens,
            self.settings.max_passage_tokens,
            self.settings.min_passage_words,
            window=self.embedder.max_tokens - 2,  # [CLS] and [SEP] take two
        )
        return document, passages

    def run(self, paths: list[Path], progress: bool = False, strict: bool = False, verify: bool = False) -> Summary:
        """Index `paths`. With `strict`, any file that fails or is skipped stops the run
        before anything is written. Unchanged files are checked against the store (their
        passages re-derived from their bytes and compared with those stored), all of them
        with `verify`, else a few at random (`IA_VERIFY_SAMPLE`); a mismatch is repaired."""
        with self._writing():
            summary = self._run(paths, progress, strict, verify)
            if not summary.aborted:
                self.publish()
            return summary

    def forget(self, sources: list[str]) -> list[str]:
        """Remove these files from the index (passages, records, manifest) and publish the
        result; returns those that were in it."""
        with self._writing():
            known = self.store.files()
            gone = [s for s in sources if s in known or self.store.passage_ids(s)]
            for source in gone:
                self.store.delete(source)
                forget_extract(self.store, source)
                self.store.forget_file(source)
            rebuild_records(self.store, self.embedder.encode)
            self.publish()
            return gone

    def republish(self) -> ServingIndex:
        """Write the serving index from the store alone (no file is read): for a store indexed
        before the serving index existed, or whose serving folder was lost."""
        if self.store._passages is None:
            self.store.warm_up(create=False, model_name=self.settings.embedding_model)
        with self._writing():
            return self.publish() or ServingIndex.open_current(serving_dir(self.settings))

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Around every write to the store: the writer lock, and the next serving generation's
        builder (`self._serving`), started from the one now published; what it did not publish
        (a failure, a --strict abort) is thrown away."""
        with self.store.writer_lock(self.settings.lock_wait_s):
            folder = serving_dir(self.settings)
            self._serving = GenerationBuilder(
                folder, ServingIndex.open_current(folder), self.settings.embedding_model, self.embedder.dimension
            )
            try:
                yield
            finally:
                self._serving.abandon()

    def publish(self) -> ServingIndex | None:
        """Write the next generation of the files readers map (indexer.serving) for the store
        as it now is, unless it is the one already published. Called at the end of each run."""
        manifest = self.store.files()
        payload = merged_payload(self.store)
        if self._serving.unchanged(manifest, payload):
            return self._serving.previous
        started = time.perf_counter()
        index = self._serving.finish(manifest, self.store.passages_of_sources, self.embedder.encode, payload)
        log.info("serving index generation %d: %d passages in %.1f s", index.generation, index.n, time.perf_counter() - started)
        return index

    def _run(self, paths: list[Path], progress: bool, strict: bool, verify: bool = False) -> Summary:
        started = time.perf_counter()
        summary = Summary()
        s = self.settings
        max_bytes = int(s.max_file_mb * 1e6)
        found = discover(paths, max_bytes, s.allow_outside_links)
        summary.skipped, summary.failed = found.skipped, found.failed
        confinement = Confinement.of(paths, s.allow_outside_links)
        named = {os.path.abspath(p) for p in paths}  # files given by name may be links anywhere
        manifest = self.store.files()
        sources = [source_name(p) for p in found.files]
        stored = [src for src in sources if src in manifest]
        checked = set(stored) if verify else set(random.sample(stored, min(s.verify_sample, len(stored))))
        # A copy or a rename has the same bytes and fingerprint as a file already stored.
        stored_as = {(r.sha256, r.fingerprint): r.source for r in manifest.values() if r.state == "indexed"}

        pending: list[_Parsed] = []
        bar = tqdm(found.files, desc="Indexing", unit="file", disable=not progress)
        for path in bar:
            if strict and (summary.failed or summary.skipped):
                break
            source = source_name(path)
            try:
                read = read_file(path, max_bytes, None if os.path.abspath(path) in named else confinement)
                digest = read.sha256
                sidecar = read_sidecar(path)
                fingerprint = self.fingerprint(path, sidecar)
                known = manifest.get(source)
                same = known is not None and (known.sha256, known.fingerprint, known.state) == (digest, fingerprint, "indexed")
                if same and source not in checked:
                    summary.unchanged.append(source)
                    continue
                document, passages = self.passages_of(path, source, read.data, digest, sidecar)
                if same:
                    if set(self.store.passage_ids(source)) == {p.id for p in passages}:
                        summary.unchanged.append(source)
                        continue
                    log.warning("%s: stored passages do not match its recorded hash; indexing it again", source)
                    summary.repaired.append(source)
                corrected = override_grades(path, source, read.data, sidecar)
            except ChangedWhileReading:
                summary.skipped.append((source, CHANGED_WHILE_READING))
                continue
            except LoadError as exc:
                summary.failed.append((source, str(exc)))
                continue
            except OSError as exc:  # unreadable, or vanished since discovery
                summary.failed.append((source, describe_os_error(exc)))
                continue
            except Exception as exc:  # a parser bug must not stop the other files
                log.exception("unexpected error reading %s", source)
                summary.failed.append((source, f"could not be parsed ({exc.__class__.__name__}: {exc})"))
                continue
            record = FileRecord(
                source=source,
                sha256=digest,
                passages=len(passages),
                indexed_at="",
                fingerprint=fingerprint,
                title=document.title,
                kind=document.kind.value,
                authority=document.authority,
                date=document.date,
                grades=grades_json(document.grades),
            )
            donors = [d for d in (source if known else None, stored_as.get((digest, fingerprint))) if d]
            pending.append(
                _Parsed(source, record, passages, list(dict.fromkeys(donors)), known is not None, _extract(document, digest, corrected))
            )
            if not strict and sum(len(p.passages) for p in pending) >= self.settings.write_batch:
                self._write(pending, summary)
                pending = []

        if strict and (summary.failed or summary.skipped):
            summary.aborted = "--strict: nothing was written because a file failed or was skipped"
            summary.total_passages = self.store.count()
            summary.seconds = time.perf_counter() - started
            return summary
        for batch in _batches(pending, self.settings.write_batch):  # all of them when strict
            self._write(batch, summary)

        # A file that failed or was skipped this time keeps its old passages: nothing indexed
        # is lost to a bad save or a file grown over the size limit. Files now gone, or now
        # matched by .indexignore, are removed.
        kept = {source_name(p) for p in found.files} | {s for s, _ in summary.failed} | {s for s, _ in summary.skipped}
        for source in sorted(manifest):
            if source not in kept and _in_scope(source, paths):
                self.store.delete(source)
                forget_extract(self.store, source)
                self.store.forget_file(source)
                summary.removed.append(source)

        # The merged inspection records, from the stored extracts: rebuilt when any changed
        # (or a killed run left them behind its extracts), with no file re-read.
        rebuild_records(self.store, self.embedder.encode)
        summary.total_passages = self.store.count()
        summary.seconds = time.perf_counter() - started
        return summary

    def _write(self, batch: list[_Parsed], summary: Summary) -> None:
        if not batch:
            return
        self.store.record_files([_stamped(p.record, "writing") for p in batch])

        passages = [p for parsed in batch for p in parsed.passages]
        # Vectors already stored for the same text (a renamed file, a changed file's untouched
        # passages) are reused; the rest are encoded once each.
        vectors = self.store.embeddings_of(d for parsed in batch for d in parsed.donors)
        missing = list(dict.fromkeys(p.embed_text for p in passages if p.embed_text not in vectors))
        # The vectors of each passage's quotable pieces (indexer.quotable) are encoded with the
        # passages', in the same call: the answerer then encodes nothing but the question.
        pieces, fresh = self._serving.encode_pieces(passages, self.embedder.encode, extra=missing)
        vectors.update(zip(missing, fresh))
        embeddings = np.stack([vectors[p.embed_text] for p in passages]).astype(np.float32)
        self.store.upsert(passages, embeddings)
        self._serving.add(passages, embeddings, pieces)

        save_extracts(self.store, [p.extract for p in batch])
        for parsed in batch:
            if parsed.had_passages:  # a new file has nothing stale to delete: skip the lookup
                self.store.delete(parsed.source, keep={p.id for p in parsed.passages})
            summary.indexed.append((parsed.source, len(parsed.passages)))
        self.store.record_files([_stamped(p.record, "indexed") for p in batch])
        summary.passages_written += len(passages)
        summary.passages_embedded += len(missing)


def _extract(document, digest: str, corrected=None) -> FileExtract:
    """The file's inspection records (with the grades its sidecar gives, when it gives any). An
    extractor bug must not cost the file its passages: it is logged, and the file stands with
    no records until the extractor is fixed."""
    try:
        found = extract(document, digest)
        return found if corrected is None else found.model_copy(update={"grades": corrected})
    except Exception:
        log.exception("could not extract inspection records from %s", document.source)
        return FileExtract(source=document.source, sha256=digest, kind=document.kind.value, authority=document.authority)


def _batches(parsed: list[_Parsed], size: int) -> Iterator[list[_Parsed]]:
    """Consecutive files holding at least `size` passages each (the last may hold fewer)."""
    batch: list[_Parsed] = []
    for item in parsed:
        batch.append(item)
        if sum(len(p.passages) for p in batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _stamped(record: FileRecord, state: str) -> FileRecord:
    return replace(record, state=state, indexed_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
