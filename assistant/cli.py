"""`python -m assistant`: the chat (default) or `ask` from the terminal.

    python -m assistant --store DIR [--host H --port P]     open the chat (default 127.0.0.1:7860)
    python -m assistant ask --store DIR "question" [--json]  one answer
    python -m assistant ask --store DIR < questions.txt       one JSON object per input line
    python -m assistant ask --session --store DIR             a conversation: follow-ups keep the council/year
    python -m assistant inspections --store DIR [--council NAME] --json   the inspection records
    python -m assistant tracker --store DIR --council NAME [--inspection DATE] --json|--csv
    ... --llm http://127.0.0.1:11434/v1 --llm-model llama3.1:8b   answers written by your LLM server, checked

Exit codes: 0 ok (an answer that says the documents don't say is still a success);
2 bad arguments or settings; 3 the store or model cannot be used.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import sys
import time
from pathlib import Path

from pydantic import ValidationError

from assistant.throttle import ThrottleSettings
from indexer.cli import add_store_arguments, quiet_on_closed_pipe, settings_from
from indexer.embedding import ModelNotFound, resolve_model
from indexer.store import StoreError

EXIT_OK, EXIT_USAGE, EXIT_STORE = 0, 2, 3
log = logging.getLogger(__name__)
_FIELDS = (
    "store", "chroma_host", "chroma_port", "serving_dir", "embedding_model", "host", "port",
    "llm_url", "llm_model", "llm_timeout_s", "auth_file", "insecure_no_auth", "feedback_log",
)


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
    commands = parser.add_subparsers(dest="command", metavar="{chat,ask,inspections,tracker}")

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
    ask.add_argument(
        "--session",
        action="store_true",
        help="a conversation on standard input: a follow-up that names no council or year "
        "(\"and what about care leavers?\") is answered about the previous question's",
    )
    _add_llm_arguments(ask)
    _add_records_commands(commands)
    return parser


def _add_records_commands(commands) -> None:
    inspections = commands.add_parser(
        "inspections",
        help="print the inspection records (grades, areas for improvement, actions, meetings)",
        description="Print every inspection record the indexer built, as a JSON list (see README).",
        argument_default=argparse.SUPPRESS,
    )
    add_store_arguments(inspections)
    inspections.add_argument("--council", help="only this council's inspections (short names like 'Stockton' work)")
    inspections.add_argument("--json", action="store_true", help="print JSON (the only format; accepted for clarity)")

    tracker = commands.add_parser(
        "tracker",
        help="print the scrutiny tracker of one inspection",
        description="Each area for improvement of one inspection, its actions, the meetings that "
        "discussed it, and flags (no action, no lead, no deadline, overdue, not discussed).",
        argument_default=argparse.SUPPRESS,
    )
    add_store_arguments(tracker)
    tracker.add_argument("--council", required=True, help="the council")
    tracker.add_argument("--inspection", help="its date (2022, 2022-03 or 2022-03-04); default the latest")
    form = tracker.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON (the default)")
    form.add_argument("--csv", action="store_true", help="print CSV, one line per area and action")


def _add_chat_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default 7860)")
    parser.add_argument("--auth", dest="auth_file", type=Path, help="file of users and bcrypt/argon2 password hashes")
    parser.add_argument(
        "--insecure-no-auth",
        action="store_true",
        default=None,
        help="allow binding to an address other than localhost without --auth",
    )
    parser.add_argument("--feedback-log", type=Path, help="where thumbs up/down are kept (default DATA_DIR/feedback.jsonl)")
    parser.add_argument(
        "--data-dir", type=Path, help="feedback log, conversations and uploads (default .data/ beside the store)"
    )
    _add_llm_arguments(parser)


def _add_llm_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--llm", dest="llm_url", help="OpenAI-compatible server URL (e.g. http://127.0.0.1:11434/v1)")
    parser.add_argument("--llm-model", help="model name on that server (required with --llm)")
    parser.add_argument("--llm-timeout", dest="llm_timeout_s", type=float, help="seconds before falling back (default 60)")


@quiet_on_closed_pipe
def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    try:
        settings = settings_from(args, _FIELDS)
        ThrottleSettings()  # IA_LOGIN_*: a bad value is refused here, named, not when the chat starts
    except ValidationError as exc:
        print(f"error: invalid setting: {exc}", file=sys.stderr)
        return EXIT_USAGE

    if args.command in ("inspections", "tracker"):
        return _records_command(args, settings)

    from assistant.answering import Answerer

    if settings.llm_url and not settings.llm_model:
        print("error: --llm needs --llm-model (the model name your server knows)", file=sys.stderr)
        return EXIT_USAGE
    if args.command != "ask":
        from assistant.app import check_access

        problem = check_access(settings) or port_problem(settings.host, settings.port)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return EXIT_USAGE

    if args.command != "ask":
        # Opening the index takes a second; writing its serving files (an older store) longer: say so.
        print(f"Opening the index ({settings.describe_store()})…", file=sys.stderr, flush=True)
    try:
        # The chat's page needs only the index; the model loads in the background once the
        # port answers (and the first question waits for it). `ask` needs it at once.
        answerer = Answerer(settings).warm_up(load_model=args.command == "ask")
        if args.command != "ask":
            resolve_model(settings.embedding_model)  # a missing model package is said now, not in the background
    except (StoreError, ModelNotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STORE
    if settings.llm_url:
        from assistant.generate import Generator

        answerer = Generator(settings, answerer).warm_up()

    if args.command == "ask":
        return _ask(answerer, getattr(args, "question", None), getattr(args, "json", False), getattr(args, "session", False))

    from assistant.app import launch
    from assistant.chat_settings import ChatSettings

    chat = ChatSettings(**({"data_dir": args.data_dir} if getattr(args, "data_dir", None) else {}))
    try:
        app = launch(answerer, settings, chat, prevent_thread_lock=True)
    except OSError as exc:  # taken between the check above and now
        print(f"error: {port_problem(settings.host, settings.port) or exc}", file=sys.stderr)
        return EXIT_USAGE
    # Only now: Gradio's launch returns once the server answers on the port.
    print(f"Chat on http://{settings.host}:{settings.port} (Ctrl+C to stop)", file=sys.stderr, flush=True)
    import threading

    embedder = getattr(answerer, "answerer", answerer).retriever.embedder
    live = app.live_index
    threading.Thread(
        target=_load_model, args=(embedder, lambda: live.current.example_questions()), name="model-loader", daemon=True
    ).start()
    try:
        while app.is_running:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        app.close()
    return EXIT_OK


def _load_model(embedder, then=None) -> None:
    """The model and the question parser, after the page is up; then `then` (the examples the
    page offers, which are checked by answering them)."""
    if embedder.loaded:  # said plainly: the page was meant not to wait for it
        print("Embedding model was already loaded before the page", file=sys.stderr, flush=True)
        return
    started = time.perf_counter()
    try:
        embedder.warm_up()
        from assistant.answering import events

        events.warm_up()  # the question parser (spaCy): a second or two, also not on the first question
    except Exception as exc:  # e.g. the model's files are damaged: questions will say so too
        print(f"error: the embedding model could not be loaded: {exc}", file=sys.stderr, flush=True)
        return
    print(f"Embedding model loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    if then is not None:
        try:
            then()
        except Exception:  # the page asks again when it loads
            log.exception("checking the example questions failed")


def port_problem(host: str, port: int) -> str | None:
    """A one-line reason when the chat cannot listen on host:port, checked before the model
    loads (Gradio's own error is a traceback that says to edit `launch()`)."""
    import socket

    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as s:
            # As the server will: a port left in TIME_WAIT by a chat just stopped is free.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            why = "is in use (is the chat already running?)" if exc.errno == errno.EADDRINUSE else "needs privileges"
            return f"port {port} on {host} {why}; choose another with --port, e.g. --port {port + 1 if port < 65535 else 7861}"
        return f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --host or --port"
    return None


def _records_command(args: argparse.Namespace, settings) -> int:
    """`inspections` and `tracker`: read the stored records; no model is loaded."""
    from assistant.records import inspection_on, load_records
    from assistant.tracker import tracker_csv, tracker_json

    council = getattr(args, "council", None)
    try:
        records = load_records(settings, council)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STORE
    if args.command == "inspections":
        print(json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not records:
        print(f"error: no inspection records for '{council}' in the store at {settings.describe_store()}", file=sys.stderr)
        return EXIT_USAGE
    when = getattr(args, "inspection", None)
    record = inspection_on(records, when) if when else max(records, key=lambda r: r.date)
    if record is None:
        dates = ", ".join(r.date or "(undated)" for r in records)
        print(f"error: no inspection of {records[0].authority} on '{when}'; its inspections: {dates}", file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "csv", False):
        sys.stdout.write(tracker_csv(record))
    else:
        print(json.dumps(tracker_json(record), ensure_ascii=False, indent=2))
    return EXIT_OK


def _ask(answerer, question: str | None, as_json: bool, session: bool = False) -> int:
    from assistant.citations import format_text
    from assistant.session import Conversation

    if question is not None:
        answer = answerer.run(question)
        print(json.dumps(answer.to_dict(), ensure_ascii=False) if as_json else format_text(answer))
        return EXIT_OK
    if session:
        # A conversation: each answer is printed as text (or JSON with --json), and a follow-up
        # naming no council or year is taken to mean the previous question's.
        conversation = Conversation(answerer)
        interactive = sys.stdin.isatty()
        while True:
            if interactive:
                print("> ", end="", file=sys.stderr, flush=True)
            line = sys.stdin.readline()
            if not line:
                return EXIT_OK
            text = line.strip()
            if not text:
                continue
            if text.lower() in ("/new", "/reset"):
                conversation.reset()
                print("(new conversation)", file=sys.stderr)
                continue
            answer = conversation.ask(text)
            if as_json:
                print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
            else:
                print(format_text(answer) + "\n", flush=True)
    # Batch mode for scripts: the model loads once, one JSON line out per line in.
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(answerer.run(line.strip()).to_dict(), ensure_ascii=False), flush=True)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
