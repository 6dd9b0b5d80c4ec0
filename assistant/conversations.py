"""Conversations kept per user in a small SQLite database under the chat's data folder, so a
reload, a closed laptop or a restart does not lose them.

Every read and write names the user, and every query filters on it: one user can never list,
open, rename, delete or export another's conversation, even by guessing its id. Each turn is
stored as the answer's JSON (`Answer.to_dict()`, the CLI's stable contract) plus the ids of
the passages offered as related reading, so a reopened conversation shows and exports the
same answer; passages are looked up in the current index only to show "related" reading.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

from assistant.types import Answer, Citation, Hit, Scope
from indexer.types import Passage

log = logging.getLogger(__name__)

# A title is what the sidebar shows: the first question, cut to fit.
MAX_TITLE = 80
_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    title TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_by_user ON conversations (user, updated);
CREATE TABLE IF NOT EXISTS turns (
    conversation TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    answer TEXT NOT NULL,
    related TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    PRIMARY KEY (conversation, n)
);
"""
_CITATION_FIELDS = {f.name for f in fields(Citation)}


@dataclass(frozen=True)
class ConversationInfo:
    id: str
    title: str
    updated: str
    turns: int


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def title_of(question: str) -> str:
    text = " ".join(question.split())
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def answer_from_dict(data: dict, related_ids: list[str], passages: Callable[[str], Passage | None]) -> Answer:
    """The Answer a stored turn was; related reading only where its passage is still indexed."""
    scope = data.get("scope") or {}
    related = [Hit(p, 0.0) for p in (passages(i) for i in related_ids) if p is not None]
    return Answer(
        question=data.get("question", ""),
        answer=data.get("answer", ""),
        answered=bool(data.get("answered")),
        citations=[Citation(**{k: v for k, v in c.items() if k in _CITATION_FIELDS}) for c in data.get("citations", [])],
        related=related,
        scope=Scope(tuple(scope.get("authorities", ())), tuple(scope.get("years", ())), bool(scope.get("inherited"))),
        mode=data.get("mode", "grounded"),
        notice=data.get("notice", ""),
    )


class ConversationStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by Gradio's worker threads, serialised by a lock: writes are a
        # few per answer, far below what one connection handles.
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _run(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def list(self, user: str) -> list[ConversationInfo]:
        rows = self._run(
            "SELECT c.id, c.title, c.updated, (SELECT COUNT(*) FROM turns t WHERE t.conversation = c.id) "
            "FROM conversations c WHERE c.user = ? ORDER BY c.updated DESC, c.rowid DESC",
            (user,),
        )
        return [ConversationInfo(*row) for row in rows]

    def create(self, user: str, title: str) -> str:
        conversation_id = uuid.uuid4().hex
        now = _now()
        self._run(
            "INSERT INTO conversations (id, user, title, created, updated) VALUES (?, ?, ?, ?, ?)",
            (conversation_id, user, title_of(title) or "Conversation", now, now),
        )
        return conversation_id

    def owns(self, user: str, conversation_id: str | None) -> bool:
        if not conversation_id:
            return False
        return bool(self._run("SELECT 1 FROM conversations WHERE id = ? AND user = ?", (conversation_id, user)))

    def add_turn(self, user: str, conversation_id: str, answer: Answer) -> int:
        """Append `answer` to the conversation; returns its turn number (from 0)."""
        if not self.owns(user, conversation_id):
            raise KeyError(conversation_id)
        related = [h.passage.id for h in answer.related[:3]]
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                (n,) = db.execute("SELECT COUNT(*) FROM turns WHERE conversation = ?", (conversation_id,)).fetchone()
                db.execute(
                    "INSERT INTO turns (conversation, n, answer, related, created) VALUES (?, ?, ?, ?, ?)",
                    (conversation_id, n, json.dumps(answer.to_dict(), ensure_ascii=False), json.dumps(related), _now()),
                )
                db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (_now(), conversation_id))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return n

    def answers(self, user: str, conversation_id: str, passages: Callable[[str], Passage | None]) -> list[Answer]:
        rows = self._run(
            "SELECT t.answer, t.related FROM turns t JOIN conversations c ON c.id = t.conversation "
            "WHERE c.id = ? AND c.user = ? ORDER BY t.n",
            (conversation_id, user),
        )
        out = []
        for answer, related in rows:
            try:
                out.append(answer_from_dict(json.loads(answer), json.loads(related), passages))
            except (ValueError, TypeError) as exc:  # a damaged row costs that turn, not the conversation
                log.warning("conversation %s: a stored turn cannot be read: %s", conversation_id, exc)
        return out

    def title(self, user: str, conversation_id: str) -> str:
        rows = self._run("SELECT title FROM conversations WHERE id = ? AND user = ?", (conversation_id, user))
        return rows[0][0] if rows else ""

    def rename(self, user: str, conversation_id: str, title: str) -> bool:
        title = title_of(title)
        if not title:
            return False
        with self._lock:
            cursor = self._db.execute("UPDATE conversations SET title = ? WHERE id = ? AND user = ?", (title, conversation_id, user))
        return cursor.rowcount == 1

    def delete(self, user: str, conversation_id: str) -> bool:
        with self._lock:
            cursor = self._db.execute("DELETE FROM conversations WHERE id = ? AND user = ?", (conversation_id, user))
        return cursor.rowcount == 1
