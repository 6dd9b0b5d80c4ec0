"""Conversations in SQLite (per user), the feedback log's one line per answer, and the scope the
next question inherits: real files in temporary folders."""

from __future__ import annotations

import json

from assistant.app import kept_scope
from assistant.chat_settings import ChatSettings
from assistant.conversations import ConversationStore
from assistant.feedback import FeedbackLog
from assistant.types import Answer, Citation, Scope
from indexer.settings import Settings


def answer(question: str, text: str = "It says so. [1]", scope: Scope = Scope()) -> Answer:
    cite = Citation(1, "a.pdf", "A report", "inspection report", 2, "It says so.", passage_id="p1", authority="Kent")
    return Answer(question, text, True, [cite], scope=scope)


def test_conversations_are_kept_per_user_across_a_reopen(tmp_path):
    db = tmp_path / "data" / "conversations.sqlite3"
    store = ConversationStore(db)
    alice = store.create("alice", "What did Kent's report say about care leavers?")
    store.add_turn("alice", alice, answer("What did Kent's report say about care leavers?", scope=Scope(("Kent",))))
    store.add_turn("alice", alice, answer("And about fostering?"))
    bob = store.create("bob", "Bob's question")
    store.close()

    store = ConversationStore(db)  # a restart
    assert [c.title for c in store.list("alice")] == ["What did Kent's report say about care leavers?"]
    turns = store.answers("alice", alice, lambda _: None)
    assert [a.question for a in turns] == ["What did Kent's report say about care leavers?", "And about fostering?"]
    assert turns[0].citations[0].page == 2 and turns[0].scope.authorities == ("Kent",)
    # Nobody reaches another user's conversation, even with its id.
    assert store.answers("bob", alice, lambda _: None) == []
    assert not store.rename("bob", alice, "mine now") and not store.delete("bob", alice)
    assert store.title("alice", alice) == "What did Kent's report say about care leavers?"
    assert [c.id for c in store.list("bob")] == [bob]
    assert store.rename("alice", alice, "Kent follow-up") and store.title("alice", alice) == "Kent follow-up"
    assert store.delete("alice", alice) and store.list("alice") == []


def test_rating_an_answer_again_replaces_its_line(tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    log.record(answer("one"), "up", answer_id="c:0")
    log.record(answer("two"), "up", answer_id="c:1")
    log.record(answer("one"), "down", "changed my mind", answer_id="c:0")
    entries = [json.loads(line) for line in (tmp_path / "feedback.jsonl").read_text().splitlines()]
    assert [(e["answer_id"], e["rating"]) for e in entries] == [("c:1", "up"), ("c:0", "down")]
    assert entries[-1]["comment"] == "changed my mind"


def test_a_council_the_index_does_not_hold_is_never_inherited():
    indexed = {"Kent", "Stockton-on-Tees"}
    stockport = answer("Stockport?", "No indexed document is about Stockport.", Scope(("Stockport",), (2019,)))
    assert kept_scope(stockport, Scope(("Kent",)), indexed) is None
    kent = answer("Kent?", scope=Scope(("Kent",), (2022,)))
    assert kept_scope(kent, None, indexed) == Scope(("Kent",), (2022,))
    follow_up = answer("and fostering?")  # names nothing: the previous scope carries on
    assert kept_scope(follow_up, Scope(("Kent",)), indexed) == Scope(("Kent",))


def test_the_data_folder_is_beside_the_store_unless_given(tmp_path):
    settings = Settings(store=tmp_path / "idx")
    chat = ChatSettings()
    assert chat.folder(settings) == tmp_path / ".data"
    assert chat.feedback_log(settings) == tmp_path / ".data" / "feedback.jsonl"
    assert ChatSettings(data_dir=tmp_path / "d").conversations_db(settings) == tmp_path / "d" / "conversations.sqlite3"
    assert ChatSettings().feedback_log(Settings(store=tmp_path / "idx", feedback_log=tmp_path / "f.jsonl")) == tmp_path / "f.jsonl"
