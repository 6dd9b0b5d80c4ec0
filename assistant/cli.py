"""`python -m assistant`: the chat (default) or `ask` from the terminal.

    python -m assistant --store DIR [--host H --port P]     open the chat (default 127.0.0.1:7860)
    python -m assistant ask --store DIR "question" [--json]  one answer
    python -m assistant ask --store DIR < questions.txt       one JSON object per input line

Exit codes: 0 ok (an answer that says the documents don't say is still a success);
2 bad arguments or settings; 3 the store or model cannot be used.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from pydantic import ValidationError

from indexer.cli import add_store_arguments, quiet_on_closed_pipe, settings_from
from indexer.embedding import ModelNotFound
from indexer.store import StoreError

EXIT_OK, EXIT_USAGE, EXIT_STORE = 0, 2, 3
_FIELDS = ("store", "chroma_host", "chroma_port", "embedding_model", "host", "port")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="Answer questions about indexed inspection reports, minutes and action plans, "
        "quoting the documents with numbered citations (document, page, passage).",
        epilog="Exit codes: 0 ok; 2 bad arguments; 3 store or model unusable. Settings can also come "
        "from IA_* environment variables (IA_STORE, IA_CHROMA_HOST, IA_EMBEDDING_MODEL, ...).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_store_arguments(parser)
    _add_chat_arguments(parser)
    commands = parser.add_subparsers(dest="command", metavar="{chat,ask}")

    chat = commands.add_parser("chat", help="open the web chat (the default)", argument_default=argparse.SUPPRESS)
    add_store_arguments(chat)
    _add_chat_arguments(chat)

    ask = commands.add_parser(
        "ask",
        help="answer from the terminal",
        description="Answer one question, or with no question argument one per line of standard "
        "input, printing one JSON object per line.",
        argument_default=argparse.SUPPRESS,
    )
    add_store_arguments(ask)
    ask.add_argument("question", nargs="?", help="the question (omit to read questions from standard input)")
    ask.add_argument("--json", action="store_true", help='print {"question","answer","answered","citations"}')
    return parser


def _add_chat_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default 7860)")


@quiet_on_closed_pipe
def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    try:
        settings = settings_from(args, _FIELDS)
    except ValidationError as exc:
        print(f"error: invalid setting: {exc}", file=sys.stderr)
        return EXIT_USAGE

    from assistant.answer import Answerer

    try:
        answerer = Answerer(settings).warm_up()
    except (StoreError, ModelNotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STORE

    if args.command == "ask":
        return _ask(answerer, getattr(args, "question", None), getattr(args, "json", False))

    from assistant.app import launch

    print(f"Chat on http://{settings.host}:{settings.port} (Ctrl+C to stop)", file=sys.stderr)
    launch(answerer, settings.host, settings.port)
    return EXIT_OK


def _ask(answerer, question: str | None, as_json: bool) -> int:
    from assistant.citations import format_text

    if question is not None:
        answer = answerer.run(question)
        print(json.dumps(answer.to_dict(), ensure_ascii=False) if as_json else format_text(answer))
        return EXIT_OK
    # Batch mode for scripts: the model loads once, one JSON line out per line in.
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(answerer.run(line.strip()).to_dict(), ensure_ascii=False), flush=True)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
