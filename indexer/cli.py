"""`python -m indexer PATH... --store DIR`: index documents; `--status` shows what a store holds.

Exit codes: 0 every document indexed or unchanged (files of other types are skipped and
listed, but do not fail a run); 1 some file could not be indexed (named in the summary with
the reason; the rest were indexed), or with --strict, any file failed or was skipped and
nothing was written; 2 bad arguments or settings; 3 the store cannot be used (including
another indexer holding it).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from indexer.embedding import ModelNotFound
from indexer.settings import Settings
from indexer.store import Store, StoreError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3


def quiet_on_closed_pipe(main: Callable[..., int]) -> Callable[..., int]:
    """`... | head` closes our output early; that is the reader's choice, not an error to trace."""

    @functools.wraps(main)
    def wrapper(*args, **kwargs) -> int:
        try:
            return main(*args, **kwargs)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
            return EXIT_OK

    return wrapper


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    """Flags shared by the indexer and the assistant, so both find the same store."""
    parser.add_argument("--store", type=Path, help="index folder (default .index, or IA_STORE)")
    parser.add_argument("--chroma-host", help="use a Chroma server (`chroma run`) at this host instead of a folder")
    parser.add_argument("--chroma-port", type=int, help="Chroma server port (default 8000)")
    parser.add_argument(
        "--serving-dir", type=Path,
        help="folder of the files the chat maps (default: serving/ in the store folder; with a Chroma server, "
        "one folder shared by the indexer and every chat process)",
    )
    parser.add_argument("--model", dest="embedding_model", help="embedding model: package name, folder or hub name")


def settings_from(args: argparse.Namespace, fields: tuple[str, ...]) -> Settings:
    overrides = {f: getattr(args, f) for f in fields if getattr(args, f, None) is not None}
    return Settings(**overrides)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m indexer",
        description="Index inspection reports, minutes and action plans (PDF, DOCX, HTML, TXT, Markdown) "
        "into a ChromaDB store. Re-running is cheap: unchanged files are skipped, changed files "
        "replaced, deleted files removed.",
        epilog="Exit codes: 0 ok (skipped files of other types allowed); 1 some files could not be indexed "
        "(listed), or --strict and any file failed or was skipped; 2 bad arguments; 3 store unusable or busy.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to index")
    add_store_arguments(parser)
    parser.add_argument("--status", action="store_true", help="print what the store holds and exit")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "--strict", action="store_true", help="any file that fails or is skipped stops the run before anything is written"
    )
    parser.add_argument(
        "--verify", action="store_true",
        help="check every unchanged file's stored passages against its bytes and repair any that differ "
        "(each run checks a few at random; IA_VERIFY_SAMPLE)",
    )
    parser.add_argument(
        "--allow-outside-links", action="store_true", default=None,
        help="follow symbolic links to files and folders outside the folders given (off: they are skipped; "
        "anyone who can write a link into the folder could otherwise index any file this account can read)",
    )
    parser.add_argument(
        "--wait", type=float, dest="lock_wait_s", metavar="SECONDS",
        help="if another indexer is writing to the store, wait this long for it (default: refuse at once)",
    )
    return parser


@quiet_on_closed_pipe
def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = settings_from(
            args, ("store", "chroma_host", "chroma_port", "serving_dir", "embedding_model", "lock_wait_s", "allow_outside_links")
        )
    except ValidationError as exc:
        print(f"error: invalid setting: {exc}", file=sys.stderr)
        return EXIT_USAGE

    try:
        if args.status:
            status = Store(settings).warm_up(create=False).status()
            print(json.dumps(status, indent=2) if args.json else _format_status(status))
            return EXIT_OK
        if not args.paths:
            parser.error("give at least one file or folder to index (or --status)")

        from indexer.pipeline import Indexer

        summary = Indexer(settings).warm_up().run(
            args.paths, progress=not (args.quiet or args.json), strict=args.strict, verify=args.verify
        )
    except (StoreError, ModelNotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STORE

    print(json.dumps(summary.to_dict(), indent=2) if args.json else _format_summary(summary, settings))
    return EXIT_OK if summary.ok else EXIT_SOME_FAILED


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(name: str) -> str:
    """A file name on one line: a newline or other control character in it (a name is any
    bytes but '/') is shown escaped, as Python writes it ('\\n', '\\x1b'), so one file is one line."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), name)


def _format_summary(summary, settings: Settings) -> str:
    reused = summary.passages_written - summary.passages_embedded
    lines = [
        f"Indexed {len(summary.indexed)} file(s) ({summary.passages_written} passages"
        f"{f', {reused} of them reusing stored vectors' if reused else ''}), "
        f"{len(summary.unchanged)} unchanged, {len(summary.skipped)} skipped, "
        f"{len(summary.failed)} failed, {len(summary.removed)} removed "
        f"in {summary.seconds:.1f}s. The store ({settings.describe_store()}) holds {summary.total_passages} passages."
    ]
    lines += [f"  indexed   {printable(s)} ({n} passages)" for s, n in summary.indexed]
    lines += [f"  repaired  {printable(s)} (its stored passages did not match the file)" for s in summary.repaired]
    lines += [f"  skipped   {printable(s)}: {printable(r)}" for s, r in summary.skipped]
    lines += [f"  FAILED    {printable(s)}: {printable(r)}" for s, r in summary.failed]
    lines += [f"  removed   {printable(s)}" for s in summary.removed]
    if summary.aborted:
        lines.append(f"STOPPED: {summary.aborted}. The store is as it was before this run.")
    return "\n".join(lines)


def _format_status(status: dict) -> str:
    lines = [
        f"Store: {status['store']}",
        f"Embedding model: {status['embedding_model'] or '(none yet)'}",
        f"{status['total_files']} file(s), {status['total_passages']} passages",
    ]
    for f in status["files"]:
        about = ", ".join(x for x in (f.get("kind"), f.get("authority"), f.get("date")) if x)
        unfinished = "  (INTERRUPTED: re-run the indexer)" if f.get("state") == "writing" else ""
        about = printable(about)
        lines.append(f"  {printable(f['source'])}  [{about}]  {f['passages']} passages  indexed {f['indexed_at']}{unfinished}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
