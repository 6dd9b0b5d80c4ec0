"""Documents added and removed from the page by editors.

Uploaded files are copied into a managed folder under the data folder (`uploads/`), which the
chat never serves, and indexed there by the indexer itself, one file at a time so each file's
outcome (its passages, or the indexer's reason it failed) is reported as it happens. Every
file's type and size are checked before any of them is written: one bad file in a batch
stops the batch with its name and reason, and nothing of it lands in the folder or the index.
Removing a document deletes its passages and manifest entry (and the file, when it is an
upload); the running chat sees both through its index watcher (assistant.live).
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.chat_settings import ChatSettings
from indexer.embedding import Embedder
from indexer.pipeline import Indexer, source_name
from indexer.settings import Settings
from indexer.store import Store, StoreError

log = logging.getLogger(__name__)

# An upload waits this long for a shell indexer that holds the store, rather than failing.
UPLOAD_LOCK_WAIT_S = 60.0


@dataclass(frozen=True)
class Outcome:
    name: str  # the file's name as uploaded
    ok: bool
    message: str  # "indexed: 12 passages", or the reason it was refused or failed


def safe_name(name: str) -> str:
    """A file name that stays inside the uploads folder: the last path part, odd characters
    replaced, never hidden, never empty."""
    base = re.split(r"[\\/]", name)[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._ -]+", "-", base).strip(" .-") or "document"
    return cleaned[:150]


class Uploads:
    def __init__(self, settings: Settings, chat: ChatSettings, embedder: Embedder) -> None:
        self.settings = settings.model_copy(update={"lock_wait_s": UPLOAD_LOCK_WAIT_S})
        self.chat = chat
        self.folder = chat.uploads(settings)
        self.embedder = embedder
        self._indexer: Indexer | None = None

    def limits(self) -> str:
        return f"Accepted: {', '.join(self.chat.upload_types)} · up to {self.chat.max_upload_mb:g} MB each"

    def check(self, files: list[tuple[str, Path]]) -> list[Outcome]:
        """Reasons to refuse the batch, one per bad file; empty when all may be written."""
        problems = []
        limit = int(self.chat.max_upload_mb * 1024 * 1024)
        for name, path in files:
            suffix = Path(name).suffix.lower()
            if suffix not in self.chat.upload_types:
                problems.append(Outcome(name, False, f"not a type the indexer reads ({suffix or 'no extension'}); {self.limits()}"))
                continue
            size = path.stat().st_size
            if size > limit:
                problems.append(Outcome(name, False, f"{size / 1024 / 1024:.2f} MB is over the {self.chat.max_upload_mb:g} MB limit"))
            elif size == 0:
                problems.append(Outcome(name, False, "the file is empty"))
        return problems

    def _indexer_now(self) -> Indexer:
        # Built per batch: after an index reload the Chroma client of a long-lived one would be
        # the stale system (see Store.reopened); the model is shared, so this costs little.
        indexer = Indexer(self.settings)
        indexer.embedder = self.embedder
        return indexer.warm_up()

    def add(self, files: list[tuple[str, Path]]) -> Iterator[Outcome]:
        """Check the whole batch, then copy and index each file, yielding each outcome."""
        problems = self.check(files)
        if problems:
            yield from problems
            for name, _ in files:
                if name not in {p.name for p in problems}:
                    yield Outcome(name, False, "not added: another file in this batch was refused; nothing was written")
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            indexer = self._indexer_now()
        except StoreError as exc:
            for name, _ in files:
                yield Outcome(name, False, f"the index cannot be written: {exc}")
            return
        for name, path in files:
            target = self.folder / safe_name(name)
            replaced = target.exists()
            shutil.copyfile(path, target)
            try:
                summary = indexer.run([target])
            except StoreError as exc:
                yield Outcome(name, False, f"not indexed: {exc}")
                continue
            source = source_name(target)
            failed = dict(summary.failed) | dict(summary.skipped)
            if source in failed:
                target.unlink(missing_ok=True)  # an upload that cannot be read is not kept
                yield Outcome(name, False, failed[source])
            elif source in dict(summary.indexed):
                verb = "replaced the earlier upload" if replaced else "indexed"
                yield Outcome(name, True, f"{verb}: {dict(summary.indexed)[source]} passages")
            else:
                yield Outcome(name, True, "already indexed (unchanged)")

    def remove(self, sources: list[str]) -> list[Outcome]:
        try:
            gone = set(self._indexer_now().forget(sources))
        except StoreError as exc:
            return [Outcome(source, False, f"the index cannot be written: {exc}") for source in sources]
        out = []
        for source in sources:
            if source not in gone:
                out.append(Outcome(source, False, "not in the index"))
                continue
            path = Path(source).resolve()
            if path.is_relative_to(self.folder.resolve()):
                path.unlink(missing_ok=True)
                out.append(Outcome(source, True, "removed, and its uploaded file deleted"))
            else:
                out.append(Outcome(source, True, "removed from the index (it comes back if its folder is indexed again)"))
        return out
