"""A signed-in user's answers while someone floods the login: `python benchmarks/login_flood.py [--json]`.

Indexes the sample corpus into a temporary store, writes a users file (bcrypt at the cost the
app writes, `assistant.auth.BCRYPT_ROUNDS`), starts the real chat with `--auth` on 127.0.0.1,
signs one user in through `gradio_client`, and measures the latency of their `/ask` answers:

  normal   the user asks QUESTIONS twice, one after another (after an untimed warm-up pass),
           before the flood and again after it (the two pooled: other work on the machine moves)
  flood    the same, while another process posts waves of --attackers (200) wrong passwords
           to /login at once, a new wave --wave-gap (1 s) after the last was answered, for as
           long as the user is asking

for each of three configurations of the app, each started fresh:

  throttled     the defaults: lockout after 5 failures (IA_LOGIN_*), 1 hashing worker at nice 10
  pool only     lockout off (IA_LOGIN_MAX_FAILURES=100000), 1 hashing worker at nice 10
  6 workers     lockout off, 6 hashing workers (as many as asyncio.to_thread's default pool on 2 cores)

and prints p50/p95 latency of both phases, their ratio (flood ÷ normal, the issue asks for
under 2x), and how the flood's attempts were answered (400 checked and refused, 429 throttled).
Numbers, not asserts: the machine's other work moves them. The CPU and its flags are printed
beside them. Exit code 0 when every answer came back, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import multiprocessing
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.chat_load import (  # noqa: E402
    QUESTIONS, REPO, START_TIMEOUT_S, SetupError, answers_http, child_env, free_port, index_corpus, percentile,
    stop_app, tail,
)
from benchmarks.indexing import cpu_name  # noqa: E402

CONFIGS = {
    "throttled": {},
    "pool only": {"IA_LOGIN_MAX_FAILURES": "100000"},
    "6 workers": {"IA_LOGIN_MAX_FAILURES": "100000", "IA_LOGIN_HASH_WORKERS": "6"},
}
USER, PASSWORD = "trainer", "correct horse battery"
PASSES = 2  # each timed phase asks every question this many times


def cpu_flags() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                wanted = ("avx2", "avx512f", "avx512_bf16", "amx_bf16", "sha_ni")
                return " ".join(f for f in line.split(":", 1)[1].split() if f in wanted)
    except OSError:
        pass
    return "unknown"


def start(store: Path, users: Path, env_extra: dict[str, str], log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "--store", str(store), "--auth", str(users), "--port", str(port)],
            cwd=REPO, env={**child_env(), **env_extra}, stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + START_TIMEOUT_S
    while not answers_http(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_app(proc)
            raise SetupError(f"the app did not start; its log:\n{tail(log_path)}")
        time.sleep(0.5)
    return proc, url


def ask_all(client, passes: int = 1) -> list[float]:
    latencies = []
    for question in QUESTIONS * passes:
        started = time.perf_counter()
        client.predict(question, api_name="/ask")
        latencies.append(time.perf_counter() - started)
    return sorted(latencies)


def flood(url: str, attackers: int, gap_s: float, stop, results) -> None:
    """In its own process (so its threads don't slow the user's client): waves of `attackers`
    wrong passwords posted at once, a new wave `gap_s` after the last one was answered."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    codes: Counter = Counter()
    waves = 0
    with httpx.Client(timeout=120, limits=httpx.Limits(max_connections=attackers)) as http, ThreadPoolExecutor(attackers) as pool:

        def attempt(n: int) -> str:
            try:
                return str(http.post(url + "login", data={"username": f"user{n % 7}", "password": f"guess {waves}-{n}"}).status_code)
            except Exception as exc:  # a refused or timed-out connection counts too
                return exc.__class__.__name__

        while not stop.is_set():
            codes.update(pool.map(attempt, range(attackers)))
            waves += 1
            stop.wait(gap_s)
    results.put({"waves": waves, **codes})


def measure(name: str, env_extra: dict[str, str], store: Path, users: Path, work: Path, attackers: int, gap_s: float) -> dict:
    from gradio_client import Client

    proc, url = start(store, users, env_extra, work / f"app-{name.replace(' ', '-')}.log")
    try:
        client = Client(url, auth=(USER, PASSWORD), verbose=False)
        ask_all(client)  # warm the sentence cache: both phases are measured warm
        normal = ask_all(client, PASSES)
        stop, results = multiprocessing.Event(), multiprocessing.Queue()
        attacker = multiprocessing.Process(target=flood, args=(url, attackers, gap_s, stop, results), daemon=True)
        attacker.start()
        time.sleep(0.5)  # the first wave is in before the first timed question
        try:
            under = ask_all(client, PASSES)
        finally:
            stop.set()
            codes = results.get(timeout=300)
            attacker.join(timeout=60)
        normal = sorted(normal + ask_all(client, PASSES))  # normal again after the flood: the machine's load moves
    finally:
        stop_app(proc)
    result = {
        "config": name,
        "normal_p50_s": percentile(normal, 0.5),
        "normal_p95_s": percentile(normal, 0.95),
        "flood_p50_s": percentile(under, 0.5),
        "flood_p95_s": percentile(under, 0.95),
        "flood_attempts": dict(codes),
    }
    result["ratio_p50"] = round(result["flood_p50_s"] / result["normal_p50_s"], 2)
    result["ratio_p95"] = round(result["flood_p95_s"] / result["normal_p95_s"], 2)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attackers", type=int, default=200, help="wrong passwords posted at once, per wave")
    parser.add_argument("--wave-gap", type=float, default=1.0, help="seconds between one wave's last answer and the next wave")
    parser.add_argument("--config", choices=list(CONFIGS), action="append", help="only these (default all three)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from assistant.auth import set_user

    with tempfile.TemporaryDirectory(prefix="login-flood-") as tmp:
        work = Path(tmp)
        store = work / "store"
        users = work / "users.txt"
        set_user(users, USER, PASSWORD)
        try:
            index_corpus(store)
            results = [measure(n, CONFIGS[n], store, users, work, args.attackers, args.wave_gap) for n in (args.config or CONFIGS)]
        except SetupError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    report = {"cpu": cpu_name(), "cpu_flags": cpu_flags(), "cores": os.cpu_count(), "attackers": args.attackers,
              "questions": len(QUESTIONS), "results": results}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"CPU: {report['cpu']} ({report['cores']} cores; flags: {report['cpu_flags']})")
    print(f"waves of {args.attackers} parallel wrong passwords ({args.wave_gap:g} s apart) while one signed-in user asks {len(QUESTIONS)} questions")
    print(f"{'config':<12} {'normal p50/p95':>16} {'flood p50/p95':>16} {'ratio p50/p95':>14}  flood attempts")
    for r in results:
        print(
            f"{r['config']:<12} {r['normal_p50_s']:>7.3f} / {r['normal_p95_s']:<6.3f} {r['flood_p50_s']:>7.3f} / "
            f"{r['flood_p95_s']:<6.3f} {r['ratio_p50']:>5.2f} / {r['ratio_p95']:<5.2f}  "
            + ", ".join(f"{k}: {v}" for k, v in sorted(r["flood_attempts"].items()))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
