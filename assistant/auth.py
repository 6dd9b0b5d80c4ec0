"""Who may use the chat: a file of `username:hash` lines, checked at Gradio's login page.

    python -m assistant.auth users.txt alice        # asks for alice's password, adds or replaces her line
    python -m assistant.auth users.txt alice --role editor   # alice may add and remove documents

Each line is `username:hash` or `username:hash:role`, the role `reader` (the default, so files
written before roles keep working), `editor` (may upload and remove documents) or `admin`.

Hashes are bcrypt (`$2b$...`, written by the command above) or argon2 (`$argon2id$...`, read
only when argon2-cffi is installed). A plain-text password in the file is refused at start,
with the file and line named, so nobody can run the chat on a file that leaks passwords.
Blank lines and lines starting with `#` are ignored.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import getpass
import os
import re
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Awaitable, Callable

import bcrypt

_BCRYPT = re.compile(r"^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$")
_ARGON2 = re.compile(r"^\$argon2(id|i|d)\$")
_USERNAME = re.compile(r"^[^\s:]+$")
# Cost 12 takes about 0.25 s per check on this CPU: slow for guessing, quick enough for a login.
BCRYPT_ROUNDS = 12
MIN_PASSWORD = 8


class AuthFileError(ValueError):
    """The users file cannot be used; the message names the file and line and what to do."""


class Role(str, Enum):
    READER = "reader"  # asks questions
    EDITOR = "editor"  # also uploads and removes documents
    ADMIN = "admin"  # everything an editor may do

    @property
    def can_edit(self) -> bool:
        return self in (Role.EDITOR, Role.ADMIN)


@dataclass(frozen=True)
class User:
    name: str
    hash: str
    line: int
    role: Role = Role.READER


def _argon2_hasher():
    try:
        from argon2 import PasswordHasher
    except ImportError:
        return None
    return PasswordHasher()


def parse_line(text: str, where: str) -> User | None:
    """One line of the file: a User, None for a blank or comment line, or AuthFileError."""
    line = text.strip()
    if not line or line.startswith("#"):
        return None
    name, sep, hashed = line.partition(":")
    name, hashed = name.strip(), hashed.strip()
    fix = "set the password with `python -m assistant.auth FILE USERNAME`"
    role = Role.READER
    if ":" in hashed:  # neither bcrypt nor argon2 hashes contain ':', so a third field is the role
        hashed, _, role_name = hashed.rpartition(":")
        hashed = hashed.strip()
        try:
            role = Role(role_name.strip())
        except ValueError:
            raise AuthFileError(
                f"{where}: the role {role_name.strip()!r} for {name!r} is not one of reader, editor, admin; "
                f"set it with `python -m assistant.auth FILE {name} --role editor`"
            ) from None
    if not sep or not name or not hashed:
        raise AuthFileError(f"{where}: expected `username:password-hash`; {fix}")
    if not _USERNAME.match(name):
        raise AuthFileError(f"{where}: the username {name!r} contains spaces; use a name without spaces or ':'")
    if hashed.startswith("$2"):
        if not _BCRYPT.match(hashed):
            raise AuthFileError(f"{where}: the bcrypt hash for {name!r} is malformed (cut short or edited?); {fix}")
    elif _ARGON2.match(hashed):
        if _argon2_hasher() is None:
            raise AuthFileError(
                f"{where}: the password for {name!r} is an argon2 hash, but argon2-cffi is not installed: "
                f"`pip install argon2-cffi`, or {fix} (bcrypt)"
            )
    else:
        raise AuthFileError(
            f"{where}: the password for {name!r} is not a bcrypt or argon2 hash (plain text is never accepted); {fix}"
        )
    return User(name, hashed, 0, role)


def load_users(path: Path) -> dict[str, User]:
    """The users in `path`, or AuthFileError naming the file (and line) and what to do."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AuthFileError(f"auth file {path} does not exist; create it with `python -m assistant.auth {path} USERNAME`")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthFileError(f"auth file {path} cannot be read: {exc}")
    users: dict[str, User] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        where = f"{path} line {number}"
        user = parse_line(raw, where)
        if user is None:
            continue
        if user.name in users:
            raise AuthFileError(f"{where}: user {user.name!r} is listed twice (first on line {users[user.name].line}); keep one")
        users[user.name] = User(user.name, user.hash, number, user.role)
    if not users:
        raise AuthFileError(f"auth file {path} lists no users; add one with `python -m assistant.auth {path} USERNAME`")
    return users


def verify(password: str, hashed: str) -> bool:
    if hashed.startswith("$2"):
        try:
            return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
        except ValueError:
            return False
    hasher = _argon2_hasher()
    if hasher is None:
        return False
    try:
        return hasher.verify(hashed, password)
    except Exception:  # argon2's VerifyMismatchError, InvalidHashError...
        return False


# Checked when the username is unknown, so a wrong name takes as long as a wrong password
# and the login page does not tell an attacker which usernames exist.
@functools.cache
def _dummy_hash() -> str:
    return bcrypt.hashpw(b"not a password", bcrypt.gensalt(BCRYPT_ROUNDS)).decode()


# Password checks run at a lower CPU priority than answers: under load a sign-in waits a
# little longer, and the people already signed in do not.
HASH_NICENESS = 10


def _lower_priority() -> None:
    try:  # Linux gives each thread its own nice value
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASH_NICENESS)
    except (AttributeError, OSError):
        pass


@functools.cache
def _hash_pool() -> ThreadPoolExecutor:
    """Where password checks run: a pool of IA_LOGIN_HASH_WORKERS threads (1 by default), so
    a flood of guesses queues here instead of taking every core from the answers."""
    from assistant.throttle import ThrottleSettings

    return ThreadPoolExecutor(
        max_workers=ThrottleSettings().hash_workers, thread_name_prefix="password-check", initializer=_lower_priority
    )


def authenticator(users: dict[str, User]) -> Callable[[str, str], Awaitable[bool]]:
    """Gradio's `auth=` callable. Async, with the hash check in a bounded pool of threads: a
    bcrypt check takes ~0.25 s and Gradio awaits a coroutine auth on its event loop, which
    would otherwise stall every other user's page for that long (attempts are throttled
    before they get here: assistant.throttle)."""

    async def check(username: str, password: str) -> bool:
        user = users.get(username)
        loop = asyncio.get_running_loop()
        ok = await loop.run_in_executor(_hash_pool(), verify, password, user.hash if user else _dummy_hash())
        return ok and user is not None

    return check


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(BCRYPT_ROUNDS)).decode("ascii")


def set_user(path: Path, username: str, password: str | None, role: Role | None = None) -> bool:
    """Add `username` with a bcrypt hash of `password` to `path`, or replace their line.
    `password` None keeps an existing user's password (a role change only); `role` None keeps
    their role (new users are readers). Other lines (and comments) are kept. Returns True
    when the user was new."""
    if not _USERNAME.match(username):
        raise AuthFileError(f"username {username!r} must not contain spaces or ':'")
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    existing = None
    for i, raw in enumerate(lines):
        name, sep, _ = raw.strip().partition(":")
        if sep and not raw.strip().startswith("#") and name.strip() == username:
            existing = (i, parse_line(raw, f"{path} line {i + 1}"))
    if password is None and existing is None:
        raise AuthFileError(f"{username!r} is not in {path}; give a password to add them")
    if password is not None:
        if len(password) < MIN_PASSWORD:
            raise AuthFileError(f"the password must be at least {MIN_PASSWORD} characters")
        if len(password.encode("utf-8")) > 72:
            # bcrypt reads only the first 72 bytes; a longer one would be silently cut.
            raise AuthFileError("the password must be at most 72 bytes (bcrypt ignores anything longer)")
        hashed = hash_password(password)
    else:
        hashed = existing[1].hash
    role = role or (existing[1].role if existing else Role.READER)
    # Readers are written as before roles existed, so older versions can still read the file.
    entry = f"{username}:{hashed}" + ("" if role == Role.READER else f":{role.value}")
    if existing:
        lines[existing[0]] = entry
    else:
        lines.append(entry)
    new = existing is None
    # Written whole and moved into place: a crash never leaves half a file, and it is
    # readable by its owner only (hashes are still worth guessing offline).
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return new


def read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise AuthFileError("the two passwords differ; nothing was changed")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.auth",
        description="Add a user to the chat's --auth file, or change their password. The password "
        "is asked for (or read as one line from standard input when it is not a terminal) and "
        "stored as a bcrypt hash.",
    )
    parser.add_argument("file", type=Path, help="the users file (created if missing)")
    parser.add_argument("username")
    parser.add_argument(
        "--role", choices=[r.value for r in Role],
        help="reader (asks questions; the default), editor (also uploads and removes documents) or admin. "
        "For a user already in the file, only the role changes and no password is asked.",
    )
    args = parser.parse_args(argv)
    role = Role(args.role) if args.role else None
    try:
        exists = args.file.exists() and args.username in _names(args.file)
        new = set_user(args.file, args.username, None if (role and exists) else read_password(), role)
        users = load_users(args.file)
    except (AuthFileError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    user = users[args.username]
    print(f"{'added' if new else 'updated'} {args.username} ({user.role.value}) in {args.file}", file=sys.stderr)
    if not any(u.role == Role.ADMIN for u in users.values()):
        print(
            f"nobody is an admin yet: `python -m assistant.auth {args.file} {args.username} --role admin` makes "
            f"{args.username} one (editors and admins may add and remove documents)",
            file=sys.stderr,
        )
    return 0


def _names(path: Path) -> set[str]:
    names = set()
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        name, sep, _ = raw.strip().partition(":")
        if sep and not raw.strip().startswith("#"):
            names.add(name.strip())
    return names


if __name__ == "__main__":
    sys.exit(main())
