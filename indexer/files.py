"""Reading a document's bytes safely: once, from inside the folders given, and all of one version.

- **Confined.** A symbolic link is followed only to a target inside the folders (or files)
  named on the command line. `ln -s /etc/passwd corpus/notes.txt` would otherwise put any
  file the indexer's account can read into the chat's answers. `allow_outside` (the CLI's
  `--allow-outside-links`) lifts that, by name.
- **One read.** The hash and the passages come from the same bytes, so the manifest never
  records one version of a file with another version's passages.
- **One version.** A file written to while it is read (an editor saving over it in place)
  gives a mix of two versions; the read notices (the file's size or modification time
  changed under it), tries again, and reports it as changing if it never holds still.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from indexer.loaders import LoadError

# A file that changes under every read this many times is left for the next run.
READ_TRIES = 3
RETRY_PAUSE_S = 0.05
CHANGED_WHILE_READING = "changed while reading; will be indexed next run"


class ChangedWhileReading(LoadError):
    """The file was being written while it was read, on every try."""

    def __init__(self) -> None:
        super().__init__(CHANGED_WHILE_READING)


class OutsideLink(LoadError):
    """A symbolic link whose target is outside the folders being indexed."""


@dataclass(frozen=True)
class Confinement:
    """Where links may lead: the real paths of the folders and files given, or anywhere."""

    roots: tuple[str, ...]
    allow_outside: bool = False

    @classmethod
    def of(cls, paths: list[Path], allow_outside: bool = False) -> "Confinement":
        return cls(tuple(os.path.realpath(p) for p in paths), allow_outside)

    def contains(self, real: str) -> bool:
        return any(real == root or real.startswith(root.rstrip("/") + "/") for root in self.roots)

    def problem(self, path: Path, real: str | None = None, kind: str = "file") -> str | None:
        """Why `path` must not be read (its real location is outside), or None."""
        if self.allow_outside:
            return None
        real = real or os.path.realpath(path)
        if self.contains(real):
            return None
        return (
            f"symbolic link to a {kind} outside the indexed folders ({real}); not followed. "
            "Index that folder itself, or pass --allow-outside-links to follow such links"
        )


def confined(path: Path, roots: list[Path], allow_outside: bool = False) -> str | None:
    """Why a file (one added through the chat, say) may not be read given `roots`, or None."""
    return Confinement.of(roots, allow_outside).problem(path)


@dataclass(frozen=True)
class FileBytes:
    data: bytes
    sha256: str


def read_file(path: Path, max_bytes: int, confinement: Confinement | None = None) -> FileBytes:
    """The file's bytes and their SHA-256, from one read of one version of the file.

    Raises LoadError (too large, not a regular file, a link leading outside, changing on
    every try) or OSError (gone, no permission), which the pipeline words for the user."""
    for attempt in range(READ_TRIES):
        if attempt:
            time.sleep(RETRY_PAUSE_S)
        # O_NONBLOCK: opening a named pipe must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise LoadError("not a regular file (a folder, pipe or device)")
            if confinement is not None:
                # Checked on what was opened, not on the name: a link swapped in after the
                # folder was listed is caught here.
                if problem := confinement.problem(path, _opened_path(fd, path)):
                    raise OutsideLink(problem)
            if before.st_size > max_bytes:
                raise LoadError(
                    f"larger than the {max_bytes / 1e6:g} MB limit (IA_MAX_FILE_MB): {before.st_size / 1e6:.1f} MB"
                )
            data = _read_all(fd, max_bytes)
            after = os.fstat(fd)
        finally:
            os.close(fd)
        if len(data) > max_bytes:
            raise LoadError(f"larger than the {max_bytes / 1e6:g} MB limit (IA_MAX_FILE_MB): it grew while being read")
        if _same_version(before, after) and len(data) == after.st_size:
            return FileBytes(data, hashlib.sha256(data).hexdigest())
    raise ChangedWhileReading()


def _same_version(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_size, a.st_mtime_ns, a.st_ctime_ns) == (b.st_size, b.st_mtime_ns, b.st_ctime_ns)


def _read_all(fd: int, max_bytes: int) -> bytes:
    parts, total = [], 0
    while total <= max_bytes:
        block = os.read(fd, 1 << 20)
        if not block:
            break
        parts.append(block)
        total += len(block)
    return b"".join(parts)


def _opened_path(fd: int, path: Path) -> str:
    """The real path of the open file (Linux names it in /proc), else of the name."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return os.path.realpath(path)
