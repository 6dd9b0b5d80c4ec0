"""The chat under concurrent users: `python benchmarks/chat_load.py [--users 20] [--json]`.

Indexes the sample corpus (corpus/) into a temporary store (or uses `--store`), starts the real
app as a subprocess (`python -m assistant --store S --port P` on 127.0.0.1, a free port), and
asks through its `/ask` API endpoint with `gradio_client`, as a script or another service would:

  single user   one client asks every question of QUESTIONS once, one after another, after
                an untimed pass over them that warms the app's caches
  load          --users clients, each in its own thread with its own `Client`, start together
                and each asks --questions-per-user questions, one after another

Latency is measured around each call in the client, so it includes Gradio's queue and HTTP,
not only answering. Prints users, questions, errors (count and the first few), p50/p95/max
latency and throughput for both phases side by side; `--json` prints the same as one object.

An answer counts as an error when the call fails, times out, or does not have the `/ask` shape
({"answer", "answered", "citations"}), and also when the answer to a question under load differs
from its answer in the single-user phase: answering is deterministic, so a difference means
concurrent requests interfered with each other.

Exit codes: 0 every question answered; 1 some error (listed); 2 bad arguments, or the store or
the app could not be set up (the app's log is shown); 130/143 Ctrl+C/SIGTERM. The app is
stopped at the end in every case. With `--keep-app-url URL` an already-running app is measured
instead.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP_SOURCE = REPO / "assistant" / "app.py"
START_TIMEOUT_S = 300  # loading the model and the store takes ~10 s on 2 cores; others may share them
CALL_TIMEOUT_S = 300  # a queued call waits behind every other user's; a hang still ends
ERRORS_SHOWN = 5

# What staff, members and trainers ask about the sample corpus: 15 the documents answer and 5
# that sound answerable but are not (they must come back as "don't say", which is also work).
QUESTIONS = [
    "What did inspectors say about care leavers?",
    "What overall grade did Manchester get in 2022?",
    "What was Manchester rated back in 2014?",
    "Which of the four judgements was not rated good?",
    "What areas did Ofsted say needed to improve?",
    "What did the inspectors say about written records?",
    "What did Ofsted make of the early help service?",
    "How are children who go missing or are exploited supported?",
    "How many children were waiting for a social worker in 2014?",
    "Who declared an interest at the committee?",
    "What did the scrutiny committee decide about the Ofsted report?",
    "What share of social work staff qualified in the last two years?",
    "Which action came from the SEND inspection?",
    "What did Cllr Garry Bridges say about the Good rating?",
    "Which group could follow up progress on the action plan?",
    "What grade did Stockport get in its latest ILACS inspection?",
    "How big is Manchester's children's services budget?",
    "When is Ofsted next due to inspect Manchester?",
    "Who was the lead inspector for the 2022 inspection?",
    "What rating did Manchester get in its 2025 Ofsted inspection?",
]


class SetupError(Exception):
    """The store could not be built or the app did not start; the message says why."""


@dataclass
class Call:
    user: int
    question: str
    seconds: float
    answer: str | None = None
    error: str | None = None


@dataclass
class Phase:
    users: int
    questions: int
    seconds: float
    calls: list[Call] = field(default_factory=list)
    other_errors: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        latencies = sorted(c.seconds for c in self.calls if c.error is None)
        errors = [f"user {c.user}, {c.question!r}: {c.error}" for c in self.calls if c.error] + self.other_errors
        answered = [c for c in self.calls if c.error is None]
        return {
            "users": self.users,
            "questions": self.questions,
            "errors": len(errors),
            "error_messages": errors[:ERRORS_SHOWN],
            "p50_s": percentile(latencies, 0.50),
            "p95_s": percentile(latencies, 0.95),
            "max_s": round(latencies[-1], 3) if latencies else None,
            "seconds": round(self.seconds, 3),
            "answers_per_s": round(len(answered) / self.seconds, 2) if self.seconds else None,
        }


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Nearest-rank percentile: a value that was actually measured, never an interpolation."""
    if not sorted_values:
        return None
    return round(sorted_values[max(0, math.ceil(p * len(sorted_values)) - 1)], 3)


# ---------------------------------------------------------------------------------------------
# The app: a temporary store with the sample corpus, and `python -m assistant` serving it.
# ---------------------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE=os.environ.get("HF_HUB_OFFLINE", "1"))
    env["GRADIO_ANALYTICS_ENABLED"] = "False"  # offline machines: no telemetry calls from the app
    return env


def index_corpus(store: Path) -> None:
    # Sources are recorded relative to the working folder, so index from the repository root,
    # as the app is started from.
    done = subprocess.run(
        [sys.executable, "-m", "indexer", "corpus", "--store", str(store), "--quiet", "--json"],
        cwd=REPO, env=child_env(), capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise SetupError(
            f"indexing corpus/ into {store} failed (exit {done.returncode}):\n{done.stderr[-2000:] or done.stdout[-2000:]}"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(store: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO, env=child_env(), stdout=log, stderr=subprocess.STDOUT,
    )
    log.close()  # the child holds its own copy
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while not answers_http(url):
            if proc.poll() is not None:
                raise SetupError(f"the app exited with code {proc.returncode} before answering; its log:\n{tail(log_path)}")
            if time.monotonic() > deadline:
                raise SetupError(f"the app did not answer on {url} within {START_TIMEOUT_S} s; its log:\n{tail(log_path)}")
            time.sleep(0.5)
    except BaseException:  # Ctrl+C while waiting too: the caller never got the process to stop
        stop_app(proc)
        raise
    return proc, url


def answers_http(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def stop_app(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no log)"


def concurrency_settings() -> list[str]:
    """The lines of assistant/app.py that set Gradio's queue or concurrency, and the environment
    override: Gradio runs 1 call of an event at a time unless one of these says otherwise."""
    source = list(enumerate(APP_SOURCE.read_text().splitlines(), 1))
    settings = [(n, line) for n, line in source if re.search(r"queue\(|concurrency_limit|concurrency_id", line)]
    # A limit given as a module constant (`concurrency_limit=ANSWER_CONCURRENCY`): show its value too.
    constants = {name for _, line in settings for name in re.findall(r"\b[A-Z][A-Z0-9_]+\b", line)}
    settings += [(n, line) for n, line in source if (m := re.match(r"([A-Z][A-Z0-9_]+)\s*[:=]", line)) and m[1] in constants]
    lines = [f"assistant/app.py:{n}: {line.strip()}" for n, line in sorted(settings)]
    if "GRADIO_DEFAULT_CONCURRENCY_LIMIT" in os.environ:
        lines.append(f"GRADIO_DEFAULT_CONCURRENCY_LIMIT={os.environ['GRADIO_DEFAULT_CONCURRENCY_LIMIT']}")
    return lines or ["none in assistant/app.py: Gradio's default, one /ask call at a time"]


# ---------------------------------------------------------------------------------------------
# Simulated users.
# ---------------------------------------------------------------------------------------------


def make_client(url: str):
    from gradio_client import Client

    try:
        return Client(url, verbose=False, analytics_enabled=False, download_files=False)
    except Exception as exc:
        raise SetupError(f"could not connect to the app at {url}: {type(exc).__name__}: {exc}") from exc


def ask(client, user: int, question: str) -> Call:
    started = time.perf_counter()
    try:
        result = client.submit(question, api_name="/ask").result(timeout=CALL_TIMEOUT_S)
    except Exception as exc:  # any failure is what we count and show
        return Call(user, question, time.perf_counter() - started, error=f"{type(exc).__name__}: {exc}"[:300])
    seconds = time.perf_counter() - started
    if not isinstance(result, dict) or not {"answer", "answered", "citations"} <= result.keys():
        return Call(user, question, seconds, error=f"not the /ask shape: {str(result)[:200]}")
    return Call(user, question, seconds, answer=result["answer"])


def single_user(url: str, questions: list[str]) -> Phase:
    client = make_client(url)
    try:
        # A question's first answer embeds its passages' sentences, later ones reuse the app's
        # cache: one untimed pass first, so both phases measure warm answers and differ only in
        # how many users ask at once.
        warm = [ask(client, 0, q) for q in questions]
        if all(c.error for c in warm):
            raise SetupError(f"the app answered none of {len(warm)} questions, e.g. {warm[0].question!r}: {warm[0].error}")
        started = time.perf_counter()
        calls = [ask(client, 0, q) for q in questions]
        failed_warming = [f"(untimed pass) {c.question!r}: {c.error}" for c in warm if c.error]
        return Phase(1, len(calls), time.perf_counter() - started, calls, failed_warming)
    finally:
        client.close()


def many_users(url: str, users: int, per_user: int) -> Phase:
    """Each user connects first, then all start asking together, so the clock covers asking only."""
    calls: list[Call] = []
    lock = threading.Lock()
    start = threading.Barrier(users + 1)
    setup_errors: list[str] = []

    def user(n: int) -> None:
        try:
            client = make_client(url)
        except SetupError as exc:
            setup_errors.append(f"user {n}: {exc}"[:300])
            start.abort()
            return
        try:
            start.wait()
            # Users start at different places in the list, so different questions are in flight.
            for i in range(per_user):
                call = ask(client, n, QUESTIONS[(n * per_user + i) % len(QUESTIONS)])
                with lock:
                    calls.append(call)
        except threading.BrokenBarrierError:
            pass
        finally:
            client.close()

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    for t in threads:
        t.start()
    try:
        start.wait(timeout=START_TIMEOUT_S)
    except threading.BrokenBarrierError:
        raise SetupError("; ".join(setup_errors[:ERRORS_SHOWN]) or "the users did not all connect") from None
    started = time.perf_counter()
    for t in threads:
        while t.is_alive():  # join in slices so Ctrl+C reaches the main thread at once
            t.join(timeout=0.5)
    return Phase(users, len(calls), time.perf_counter() - started, calls)


def mark_differing_answers(load: Phase, alone: Phase) -> None:
    expected = {c.question: c.answer for c in alone.calls if c.error is None}
    for call in load.calls:
        if call.error is None and call.question in expected and call.answer != expected[call.question]:
            call.error = (
                f"answer under load differs from the single-user answer: {call.answer[:120]!r} "
                f"vs {expected[call.question][:120]!r}"
            )


# ---------------------------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------------------------


def print_table(result: dict) -> None:
    alone, load = result["single_user"], result["load"]
    print(f"App: {result['url']} ({'started here, store ' + result['store'] if result['launched'] else 'already running'})")
    print("Concurrency settings (this checkout):")
    for line in result["concurrency_settings"]:
        print(f"  {line}")

    def seconds(v: float | None) -> str:
        return "-" if v is None else f"{v:.3f} s"

    rows = [
        ("users", str(alone["users"]), str(load["users"])),
        ("questions", str(alone["questions"]), str(load["questions"])),
        ("errors", str(alone["errors"]), str(load["errors"])),
        ("p50 latency", seconds(alone["p50_s"]), seconds(load["p50_s"])),
        ("p95 latency", seconds(alone["p95_s"]), seconds(load["p95_s"])),
        ("max latency", seconds(alone["max_s"]), seconds(load["max_s"])),
        ("wall clock", seconds(alone["seconds"]), seconds(load["seconds"])),
        ("throughput", f"{alone['answers_per_s']} answers/s", f"{load['answers_per_s']} answers/s"),
    ]
    print(f"\n{'':<13}{'single user':>18}{str(load['users']) + ' users':>18}")
    for name, a, b in rows:
        print(f"{name:<13}{a:>18}{b:>18}")
    for label, phase in (("single user", alone), (f"{load['users']} users", load)):
        if phase["errors"]:
            print(f"\nErrors ({label}, first {len(phase['error_messages'])} of {phase['errors']}):")
            for message in phase["error_messages"]:
                print(f"  {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Latency and throughput of the chat's /ask endpoint: one user alone, then many "
        "users at once, each with its own gradio_client.",
        epilog="Exit codes: 0 no errors; 1 some question failed, timed out, came back malformed or "
        "differed under load; 2 bad arguments, or the store or app could not be set up.",
    )
    parser.add_argument("--users", type=int, default=20, help="simulated users asking at once (default 20)")
    parser.add_argument("--questions-per-user", type=int, default=5, help="questions each user asks (default 5)")
    parser.add_argument("--store", type=Path, help="an existing store to serve (default: index corpus/ into a temporary one)")
    parser.add_argument("--keep-app-url", metavar="URL", help="measure an app already running at URL instead of starting one")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.users < 1 or args.questions_per_user < 1:
        parser.error("--users and --questions-per-user must be at least 1")
    if args.store and args.keep_app_url:
        parser.error("--store starts an app on that store; --keep-app-url uses one already running: give one")
    if args.store and not args.store.is_dir():
        parser.error(f"--store {args.store}: no such folder (index one with `python -m indexer corpus --store DIR`)")
    # `kill` (SIGTERM) should stop the app too, as Ctrl+C does: both unwind through `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))

    workdir = Path(tempfile.mkdtemp(prefix="chat-load-"))
    proc = None
    try:
        if args.keep_app_url:
            url, store = args.keep_app_url.rstrip("/") + "/", None
        else:
            store = args.store.resolve() if args.store else workdir / "store"
            if not args.store:
                index_corpus(store)
            proc, url = start_app(store, workdir / "app.log")

        alone = single_user(url, QUESTIONS)
        load = many_users(url, args.users, args.questions_per_user)
        mark_differing_answers(load, alone)
        result = {
            "url": url,
            "launched": proc is not None,
            "store": str(store) if store else None,
            "concurrency_settings": concurrency_settings(),
            "single_user": alone.summary(),
            "load": load.summary(),
        }
        if proc is not None and proc.poll() is not None:
            result["load"]["error_messages"].append(f"the app exited with code {proc.returncode}: {tail(workdir / 'app.log', 500)}")
            result["load"]["errors"] += 1
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; stopping the app", file=sys.stderr)
        return 130
    finally:
        if proc is not None:
            stop_app(proc)
        shutil.rmtree(workdir, ignore_errors=True)

    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 1 if result["single_user"]["errors"] or result["load"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
