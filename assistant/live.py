"""The index as the running chat sees it, kept current without a restart.

A thread polls the serving index's `CURRENT` file (indexer.serving: one small read every
couple of seconds). When an index run has published a new generation (the chat's own uploads,
or someone's `python -m indexer` in a shell, on this machine or another sharing the folder), a
new Answerer is built beside the old one over it, which maps files and reads two small JSON
files (about a second at any size), and is swapped in whole. A question takes `snapshot()` once and keeps that answerer
and library to the end, so no question ever mixes two indexes or fails during the swap; the
old ones are dropped when the last question using them finishes.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

log = logging.getLogger(__name__)


class LiveIndex:
    def __init__(self, answerer: Any, settings: Any, make_library: Callable[[Any], Any], library: Any = None) -> None:
        self.settings = settings
        self.make_library = make_library
        self.answerer = answerer
        self.library = library if library is not None else make_library(answerer)
        self.generation = 0  # bumped on every swap: pages compare it to refresh lists and counts
        self._lock = threading.Lock()  # one reload at a time (the watcher and an upload may both ask)
        # Held by each question while it runs and by a reload while it swaps Chroma's client
        # system (see Store.reopened): between the two steps an open client finds no system.
        self.client_lock = threading.Lock()
        self._writers = 0  # uploads in progress: their indexer's client must not be swapped under it
        self._version = self._store_version()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- reading --------------------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Around the chat's own indexing: the watcher waits, and reloads once after."""
        with self._lock:
            self._writers += 1
        try:
            yield
        finally:
            with self._lock:
                self._writers -= 1
            self.reload()

    def snapshot(self) -> tuple[Any, Any]:
        """The answerer and library that belong together, read once per question."""
        return self.answerer, self.library

    @property
    def current(self) -> Any:
        return self.library

    # --- reloading ------------------------------------------------------------------------

    def _inner(self, answerer: Any) -> Any:
        # An LLM Generator wraps the grounded Answerer; the index lives in the inner one.
        return getattr(answerer, "answerer", answerer)

    def _store_version(self) -> str:
        try:
            return self._inner(self.answerer).retriever.version()
        except Exception as exc:  # a store that cannot be read now may be readable at the next poll
            log.warning("cannot read the store's version: %s", exc)
            return ""

    def changed(self) -> bool:
        return self._store_version() != self._version

    def reload(self, force: bool = False) -> bool:
        """Swap in a new answerer over the store as it is now; True when it was swapped."""
        from assistant.answering import Answerer

        with self._lock:
            if self._writers:
                return False  # the upload reloads when it is done
            version = self._store_version()
            if not force and version == self._version:
                return False
            old = self._inner(self.answerer)
            with self.client_lock:
                retriever = old.retriever.reopened()
            try:
                fresh = Answerer(old.settings, retriever, old.answer_settings).warm_up()
            except Exception as exc:  # e.g. every document removed: keep answering from the last index
                log.warning("the index changed but cannot be loaded (%s); still answering from the previous one", exc)
                self._version = version
                return False
            if hasattr(self.answerer, "answerer"):
                # A Generator (--llm) is cheap to rebuild and holds no index of its own.
                answerer = type(self.answerer)(self.answerer.settings, fresh).warm_up()
            else:
                answerer = fresh
            library = self.make_library(answerer)
            # Two plain assignments, read together by snapshot(); a question already running
            # keeps the pair it took.
            self.answerer, self.library = answerer, library
            self._version = version
            self.generation += 1
            log.info("index reloaded: %d documents, %d passages", len(library.documents), len(library.passages))
            return True

    def watch(self, every_s: float) -> "LiveIndex":
        """Poll the store every `every_s` seconds in a daemon thread until `stop()`."""

        def loop() -> None:
            while not self._stop.wait(every_s):
                try:
                    if self.changed():
                        self.reload()
                except Exception:  # never let the watcher die: the next poll tries again
                    log.exception("reloading the index failed")

        self._thread = threading.Thread(target=loop, name="index-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
