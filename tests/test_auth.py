"""The --auth file: hashed passwords only, errors that name the file and line, and the command
that writes it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import bcrypt
import pytest

from assistant.auth import AuthFileError, authenticator, load_users, set_user


def bcrypt_hash(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode()


def test_users_file_with_bcrypt_hashes_logs_in_only_with_the_right_password(tmp_path):
    users = tmp_path / "users.txt"
    users.write_text(f"# trainers\n\nalice:{bcrypt_hash('correct horse')}\nbob:{bcrypt_hash('battery staple')}\n")
    check = authenticator(load_users(users))
    assert asyncio.run(check("alice", "correct horse")) is True
    assert asyncio.run(check("alice", "battery staple")) is False
    assert asyncio.run(check("carol", "correct horse")) is False
    assert asyncio.run(check("", "")) is False


@pytest.mark.parametrize(
    "line, says",
    [
        ("alice:correct horse", "not a bcrypt or argon2 hash"),
        ("alice", "expected `username:password-hash`"),
        ("alice:$2b$04$tooshort", "malformed"),
        ("al ice:$2b$04$" + "a" * 53, "contains spaces"),
        (":$2b$04$" + "a" * 53, "expected `username:password-hash`"),
    ],
)
def test_a_bad_line_is_refused_naming_the_file_and_line_without_echoing_the_password(tmp_path, line, says):
    users = tmp_path / "users.txt"
    users.write_text(f"ok:{bcrypt_hash('whatever1')}\n{line}\n")
    with pytest.raises(AuthFileError) as error:
        load_users(users)
    assert f"{users} line 2" in str(error.value) and says in str(error.value)
    assert "correct horse" not in str(error.value)


def test_argon2_hashes_need_argon2_cffi(tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("alice:$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA\n")
    try:
        import argon2  # noqa: F401
    except ImportError:
        with pytest.raises(AuthFileError, match="line 1.*argon2-cffi"):
            load_users(users)
    else:
        assert "alice" in load_users(users)


def test_a_missing_empty_or_duplicated_file_is_refused(tmp_path):
    with pytest.raises(AuthFileError, match="does not exist"):
        load_users(tmp_path / "missing.txt")
    (tmp_path / "empty.txt").write_text("# nobody yet\n")
    with pytest.raises(AuthFileError, match="lists no users"):
        load_users(tmp_path / "empty.txt")
    twice = tmp_path / "twice.txt"
    twice.write_text(f"alice:{bcrypt_hash('aaaaaaaa')}\nalice:{bcrypt_hash('bbbbbbbb')}\n")
    with pytest.raises(AuthFileError, match="line 2.*listed twice"):
        load_users(twice)


def test_set_user_adds_then_replaces_keeping_other_lines(tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("# staff\n")
    assert set_user(users, "alice", "first password") is True
    assert set_user(users, "bob", "bobs password") is True
    assert set_user(users, "alice", "second password") is False
    text = users.read_text()
    assert text.startswith("# staff\n") and text.count("alice:") == 1 and "password" not in text
    check = authenticator(load_users(users))
    assert asyncio.run(check("alice", "second password")) and not asyncio.run(check("alice", "first password"))
    assert oct(users.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(AuthFileError, match="at least 8"):
        set_user(users, "carol", "short")


def test_auth_command_reads_the_password_from_stdin(tmp_path):
    users = tmp_path / "users.txt"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "assistant.auth", str(users), "trainer"],
        input="a long passphrase\n", capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "added trainer" in done.stderr
    assert asyncio.run(authenticator(load_users(users))("trainer", "a long passphrase"))

    refused = subprocess.run(
        [sys.executable, "-m", "assistant.auth", str(users), "trainer"],
        input="short\n", capture_output=True, text=True, env=env, timeout=60,
    )
    assert refused.returncode == 2 and "at least 8" in refused.stderr
