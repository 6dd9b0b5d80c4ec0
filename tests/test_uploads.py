"""Uploads checked before anything is written, and roles in the users file: real files, a real
store and the real indexer."""

from __future__ import annotations

from pathlib import Path

from assistant.auth import Role, load_users, main as auth_main, set_user
from assistant.chat_settings import ChatSettings
from assistant.uploads import Uploads, safe_name
from indexer.settings import Settings
from indexer.store import Store
from tests.docs import make_docx


def test_a_batch_with_one_bad_file_writes_nothing(tmp_path, embedder):
    settings = Settings(store=tmp_path / "store")
    chat = ChatSettings(data_dir=tmp_path / "data", max_upload_mb=0.1)
    good = make_docx(tmp_path / "plan.docx", [("p", "Managers will record supervision every month in Kent.")])
    big = tmp_path / "big.txt"
    big.write_text("Kent. " * 40000)
    script = tmp_path / "run.exe"
    script.write_bytes(b"MZ")
    outcomes = list(Uploads(settings, chat, embedder).add([("plan.docx", good), ("big.txt", big), ("run.exe", script)]))
    by_name = {o.name: o for o in outcomes}
    assert not any(o.ok for o in outcomes)
    assert "over the 0.1 MB limit" in by_name["big.txt"].message
    assert "not a type the indexer reads (.exe)" in by_name["run.exe"].message
    assert "nothing was written" in by_name["plan.docx"].message
    assert not chat.uploads(settings).exists() and not settings.store.exists()


def test_an_upload_is_indexed_and_a_bad_one_says_why(tmp_path, embedder):
    settings = Settings(store=tmp_path / "store")
    chat = ChatSettings(data_dir=tmp_path / "data")
    good = make_docx(tmp_path / "plan.docx", [("p", "Managers will record supervision every month in Kent.")])
    fake = tmp_path / "minutes.docx"
    fake.write_bytes(b"this is not a word document at all")
    outcomes = list(Uploads(settings, chat, embedder).add([("plan.docx", good), ("../../minutes.docx", fake)]))
    assert outcomes[0].ok and "passages" in outcomes[0].message
    assert not outcomes[1].ok and "Word" in outcomes[1].message, outcomes[1]
    kept = sorted(p.name for p in chat.uploads(settings).iterdir())
    assert kept == ["plan.docx"]  # the name cannot climb out of the folder, and a failed file is not kept
    sources = Store(settings).warm_up(create=False).files()
    assert [Path(s).name for s in sources] == ["plan.docx"]

    removed = Uploads(settings, chat, embedder).remove(list(sources))
    assert removed[0].ok and not (chat.uploads(settings) / "plan.docx").exists()
    assert Store(settings).warm_up(create=False).files() == {}


def test_safe_names_stay_in_the_folder():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\\\Users\\\\x\\\\report.pdf") == "report.pdf"
    assert safe_name(".hidden.md") == "hidden.md"
    assert safe_name("<script>.html") == "script-.html"


def test_roles_are_kept_in_the_users_file_and_old_files_are_readers(tmp_path, monkeypatch, capsys):
    import io

    users = tmp_path / "users.txt"
    set_user(users, "alice", "correct horse")
    assert load_users(users)["alice"].role == Role.READER
    assert users.read_text().count(":") == 1  # a reader's line is as before roles
    set_user(users, "alice", None, Role.EDITOR)  # a role change keeps the password
    alice = load_users(users)["alice"]
    assert alice.role == Role.EDITOR and alice.role.can_edit
    monkeypatch.setattr("sys.stdin", io.StringIO("battery staple\n"))
    assert auth_main([str(users), "bob"]) == 0
    told = capsys.readouterr().err
    assert "nobody is an admin yet" in told and f"{users} bob --role admin" in told
    assert auth_main([str(users), "bob", "--role", "admin"]) == 0
    assert load_users(users)["bob"].role == Role.ADMIN and not Role.READER.can_edit
    users.write_text(users.read_text() + "carol:$2b$04$" + "a" * 53 + ":boss\n")
    try:
        load_users(users)
    except ValueError as exc:
        assert "line 3" in str(exc) and "'boss'" in str(exc) and "reader, editor, admin" in str(exc)
    else:
        raise AssertionError("an unknown role was accepted")
