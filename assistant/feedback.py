"""Thumbs up/down from the chat, kept for staff reviewing answer quality.

One JSON object per line in the feedback log: when, who (when logged in), the rating and
comment, and the question, answer, citations, scope and filters it was about, so each line can
be reviewed on its own without the index. One line per answer: rating an answer again (a
change of mind, a comment added) replaces its line instead of recording two opposite ratings.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from assistant.types import Answer, Filters

Rating = Literal["up", "down"]
# A comment is a sentence or two; capped so one request cannot grow the log without bound.
MAX_COMMENT = 2000


class FeedbackLog:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        # Gradio runs handlers in a thread pool: two users rating at once must not interleave.
        self._lock = threading.Lock()

    def record(
        self,
        answer: Answer,
        rating: Rating,
        comment: str = "",
        filters: Filters | None = None,
        user: str | None = None,
        answer_id: str | None = None,
    ) -> dict:
        """Record `rating` for the answer; an earlier line with the same `answer_id` is replaced."""
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        entry = {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "answer_id": answer_id,
            "user": user,
            "rating": rating,
            "comment": (comment or "").strip()[:MAX_COMMENT],
            "question": answer.question,
            "answer": answer.answer,
            "answered": answer.answered,
            "mode": answer.mode,
            "citations": [asdict(c) for c in answer.citations],
            "scope": answer.to_dict()["scope"],
            "filters": asdict(filters) if filters else None,
        }
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lines = self._lines()
            kept = [old for old in lines if not (answer_id and _answer_id(old) == answer_id)]
            if len(kept) == len(lines):
                with self.path.open("a", encoding="utf-8") as f:
                    f.write(line)
                    f.flush()
                    os.fsync(f.fileno())  # feedback is rare and worth keeping through a crash
            else:
                self._replace("".join(kept) + line)
        return entry

    def _lines(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8").splitlines(keepends=True)
        except FileNotFoundError:
            return []

    def _replace(self, text: str) -> None:
        # Written whole and moved into place: a crash leaves the old log or the new one.
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _answer_id(line: str) -> str | None:
    try:
        return json.loads(line).get("answer_id")
    except (ValueError, AttributeError):
        return None  # a hand-edited or torn line is kept as it is
