"""corpus → passages → store: discover files, skip unchanged ones, parse, chunk, embed, write.

Order of writes per file makes a crash harmless: new passages are upserted (content-addressed
ids, so a repeat overwrites), then the file's other passages are deleted, then the manifest
records the file's hash. A run killed anywhere leaves the manifest saying "changed" for
that file, so the next run redoes exactly that file.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from indexer.chunking import chunk
from indexer.embedding import Embedder
from indexer.loaders import SUPPORTED, LoadError, load
from indexer.settings import Settings
from indexer.store import Store
from indexer.types import Passage

log = logging.getLogger(__name__)

IGNORE_FILE = ".indexignore"
# Encoding passages of several files together keeps the model's batches full.
_FLUSH_PASSAGES = 256


@dataclass
class Summary:
    indexed: list[tuple[str, int]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    passages_written: int = 0
    total_passages: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict:
        return {
            "indexed": [{"source": s, "passages": n} for s, n in self.indexed],
            "unchanged": self.unchanged,
            "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
            "removed": self.removed,
            "passages_written": self.passages_written,
            "total_passages": self.total_passages,
            "seconds": round(self.seconds, 2),
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


def discover(paths: list[Path], max_bytes: int) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to index under `paths`, and those skipped with a reason. Hidden files and
    `.indexignore` patterns are left out silently; symlinked folders are not followed."""
    found: list[Path] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()

    def consider(file: Path) -> None:
        # A file named on its own and inside a folder that is also given is indexed once.
        key = os.path.realpath(file)
        if key in seen:
            return
        seen.add(key)
        if file.suffix.lower() not in SUPPORTED:
            skipped.append((source_name(file), f"unsupported file type '{file.suffix or '(none)'}'"))
            return
        try:
            size = file.stat().st_size
        except OSError as exc:
            skipped.append((source_name(file), f"cannot be read ({exc.strerror or exc})"))
            return
        if size > max_bytes:
            skipped.append((source_name(file), f"larger than the {max_bytes / 1e6:.0f} MB limit (IA_MAX_FILE_MB)"))
            return
        found.append(file)

    for root in paths:
        if root.is_file():
            consider(root)
            continue
        if not root.is_dir():
            skipped.append((source_name(root), "no such file or folder"))
            continue
        patterns = _ignore_patterns(root)
        for folder, dirs, files in os.walk(root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                file = Path(folder) / name
                rel = file.relative_to(root).as_posix()
                if name.startswith(".") or any(fnmatch.fnmatch(rel, p) for p in patterns):
                    continue
                consider(file)
    return found, skipped


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

    def run(self, paths: list[Path], progress: bool = False) -> Summary:
        started = time.perf_counter()
        summary = Summary()
        files, summary.skipped = discover(paths, int(self.settings.max_file_mb * 1e6))
        manifest = self.store.files()

        pending: list[tuple[str, str, list[Passage]]] = []
        bar = tqdm(files, desc="Indexing", unit="file", disable=not progress)
        for path in bar:
            source = source_name(path)
            try:
                digest = file_hash(path)
                known = manifest.get(source)
                if known and known.sha256 == digest:
                    summary.unchanged.append(source)
                    continue
                document = load(path, source)
                passages = chunk(
                    document,
                    digest,
                    self.embedder.count_tokens,
                    self.settings.max_passage_tokens,
                    self.settings.min_passage_words,
                )
            except LoadError as exc:
                summary.failed.append((source, str(exc)))
                continue
            except OSError as exc:  # unreadable, or vanished since discovery
                summary.failed.append((source, f"cannot be read ({exc.strerror or exc})"))
                continue
            except Exception as exc:  # a parser bug must not stop the other files
                log.exception("unexpected error reading %s", source)
                summary.failed.append((source, f"could not be parsed ({exc.__class__.__name__}: {exc})"))
                continue
            pending.append((source, digest, passages))
            if sum(len(p) for _, _, p in pending) >= _FLUSH_PASSAGES:
                self._write(pending, summary)
                pending = []
        self._write(pending, summary)

        # A file that failed or was skipped this time keeps its old passages: nothing indexed
        # is lost to a bad save or a file grown over the size limit. Files now gone, or now
        # matched by .indexignore, are removed.
        kept = {source_name(p) for p in files} | {s for s, _ in summary.failed} | {s for s, _ in summary.skipped}
        for source in sorted(manifest):
            if source not in kept and _in_scope(source, paths):
                self.store.delete(source)
                self.store.forget_file(source)
                summary.removed.append(source)

        summary.total_passages = self.store.count()
        summary.seconds = time.perf_counter() - started
        return summary

    def _write(self, pending: list[tuple[str, str, list[Passage]]], summary: Summary) -> None:
        if not pending:
            return
        passages = [p for _, _, ps in pending for p in ps]
        embeddings = self.embedder.encode([p.embed_text for p in passages])
        self.store.upsert(passages, embeddings)
        for source, digest, file_passages in pending:
            self.store.delete(source, keep={p.id for p in file_passages})
            self.store.record_file(source, digest, len(file_passages))
            summary.indexed.append((source, len(file_passages)))
        summary.passages_written += len(passages)
