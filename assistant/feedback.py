"""Thumbs up/down from the chat, kept for staff reviewing answer quality.

One JSON object per line, appended to `settings.feedback_log`: when, who (when logged in),
the rating and comment, and the question, answer, citations, scope and filters it was about,
so each line can be reviewed on its own without the index.
"""

from __future__ import annotations

import json
import os
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
    ) -> dict:
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        entry = {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
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
            with self.path.open("a", encoding="utf-8") as f:
                f.write(line)
                f.flush()
                os.fsync(f.fileno())  # feedback is rare and worth keeping through a crash
        return entry
