"""Start-up, memory and answer time against the size of the store:
`python benchmarks/scale.py --passages 10000 100000 [300000] [--json]`.

Builds one really embedded store (the sample corpus and the development corpus, indexed by the
project's own Indexer), then for each size a store of that many passages by replicating it
through the project's own store API (`Store.upsert`, `Store.record_files`: each copy's files get
a new name, new ids and a council of their own, so a question naming a council searches one
council's share as it would in a national corpus), and publishes its serving index
(`Indexer.republish`, which reads the store back and reuses every piece vector already computed).
Then, for the base store and each size, in a fresh process each:

  start_s / start_cpu_s   process start (imports included) to an Answerer ready to answer,
                          model loaded: wall and CPU seconds
  rss_mib                 resident memory when ready
  new_p50_s / new_p95_s   50 questions not asked before in that process (half name a council)
  warm_p95_s              the same 50 again

and, once, the time to encode one question with the model. The last line printed is one JSON
object: {"question_encode_s", "cpu", "cpu_flags", "sizes": [{"passages", "start_s", ...}, ...]}.
Targets (ratios within this run): start CPU at 100k <= 1.5x that at 10k; RSS growth <= 2 KB a
passage; new-question p95 at 100k <= 10x one question's encode. Asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTION_SETS = [REPO / "benchmarks" / "devset" / f"questions-{s}.jsonl" for s in "ABCD"]


def cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.lower().startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def cpu_flags() -> str:
    flags = Path("/proc/cpuinfo").read_text()
    found = [f for f in ("avx2", "avx512f", "avx512_bf16", "amx_bf16") if re.search(rf"\b{f}\b", flags)]
    return " ".join(found) + ("" if {"avx512_bf16", "amx_bf16"} & set(found) else " (no native bf16: float32)")


# --- building the stores -------------------------------------------------------------------


def build_base(folder: Path) -> Path:
    """The sample corpus and the development corpus, really embedded."""
    from benchmarks.devset.build import build
    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    docs = folder / "docs"
    build(docs / "devset")
    shutil.copytree(REPO / "corpus", docs / "corpus", ignore=shutil.ignore_patterns("*.py", "README.md"))
    store = folder / "base"
    indexer = Indexer(Settings(store=store)).warm_up()
    summary = indexer.run([docs])
    print(f"base store: {summary.total_passages} passages from {len(summary.indexed)} files", file=sys.stderr)
    return store


def replicate(base: Path, target: Path, passages: int) -> None:
    """A store of `passages` passages: the base store's files copied under new names (and new
    councils, "Copy 7 of Manchester") until there are enough, written through Store."""
    import numpy as np

    from indexer.settings import Settings
    from indexer.store import Store

    shutil.copytree(base, target)
    settings = Settings(store=target)
    store = Store(settings).warm_up(create=False)
    files = store.files()
    originals: dict[str, list] = {}
    vectors: dict[str, np.ndarray] = {}
    for batch, vecs in store._pages(include_vectors=True):
        for p, v in zip(batch, vecs):
            originals.setdefault(p.source, []).append(p)
            vectors[p.id] = v
    have = store.count()
    copy = 0
    started = time.perf_counter()
    while have < passages:
        copy += 1
        batch, batch_vecs, records = [], [], []
        for source, ps in originals.items():
            if have + len(batch) >= passages:
                break
            name = f"copy-{copy:05d}/{source}"
            for p in ps:
                pid = hashlib.sha256(f"{copy}\0{p.id}".encode()).hexdigest()[:32]
                authority = f"Copy {copy} of {p.authority}" if p.authority else ""
                batch.append(replace(p, id=pid, source=name, authority=authority))
                batch_vecs.append(vectors[p.id])
            r = files[source]
            records.append(replace(r, source=name, authority=f"Copy {copy} of {r.authority}" if r.authority else ""))
        store.upsert(batch, np.stack(batch_vecs))
        store.record_files(records)
        have += len(batch)
    print(f"  {target.name}: {have} passages written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    publish(target)


def _built(target: Path, n: int) -> str:
    """"done", "replicated" (the store holds the passages; its serving index is not written yet)
    or "missing", for a kept folder (--keep) from an earlier run."""
    from indexer.serving import ServingIndex
    from indexer.settings import Settings
    from indexer.store import Store

    if not (target / "chroma.sqlite3").exists():
        return "missing"
    index = ServingIndex.open_current(target / "serving")
    if index is not None and index.n >= 0.99 * n:
        return "done"
    return "replicated" if Store(Settings(store=target)).warm_up(create=False).count() >= 0.99 * n else "missing"


def publish(target: Path) -> None:
    """The replicated store's serving index, read back from Chroma (every piece vector reused)."""
    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    started = time.perf_counter()
    Indexer(Settings(store=target)).republish()
    print(f"  {target.name}: serving index published in {time.perf_counter() - started:.0f} s", file=sys.stderr)


# --- measuring, in a fresh process -----------------------------------------------------------


def questions() -> list[str]:
    """50 development questions, half naming a council."""
    from indexer import councils

    asked = [json.loads(line)["question"] for path in QUESTION_SETS for line in path.read_text().splitlines() if line.strip()]
    named = [q for q in asked if councils.find(q, question=True)]
    unnamed = [q for q in asked if not councils.find(q, question=True)]
    return named[:25] + unnamed[:25]


def child(store: str, asked: list[str]) -> dict:
    import resource

    started_cpu = time.process_time()
    from assistant.answering import Answerer
    from indexer.settings import Settings

    answerer = Answerer(Settings(store=Path(store))).warm_up()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    ready_cpu = usage.ru_utime + usage.ru_stime
    rss = int(re.search(r"VmRSS:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
    ready_wall = time.time()
    new, warm = [], []
    for q in asked:
        t = time.perf_counter()
        answerer.run(q)
        new.append(time.perf_counter() - t)
    for q in asked:
        t = time.perf_counter()
        answerer.run(q)
        warm.append(time.perf_counter() - t)
    encode = []
    for q in asked[:20]:
        t = time.perf_counter()
        answerer.retriever.embedder.encode([q + " (timing)"])
        encode.append(time.perf_counter() - t)
    rss_after = int(re.search(r"VmRSS:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
    del started_cpu
    return {
        "passages": answerer.retriever.index.n,
        "ready_at": ready_wall,
        "start_cpu_s": round(ready_cpu, 2),
        "rss_mib": round(rss, 1),
        "rss_after_mib": round(rss_after, 1),
        "new_p50_s": round(statistics.median(new), 3),
        "new_p95_s": round(_p95(new), 3),
        "warm_p50_s": round(statistics.median(warm), 3),
        "warm_p95_s": round(_p95(warm), 3),
        "question_encode_s": round(statistics.median(encode), 4),
    }


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def measure(store: Path, asked: list[str]) -> dict:
    started = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(store)], input=json.dumps(asked), capture_output=True, text=True, check=True
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    got["start_s"] = round(got.pop("ready_at") - started, 2)
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--json", action="store_true", help="also write benchmarks/results/scale.json")
    parser.add_argument("--keep", type=Path, help="build the stores in this folder and keep them (default: a temporary one)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, json.loads(sys.stdin.read()))))
        return 0

    folder = args.keep or Path(tempfile.mkdtemp(prefix="scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        base = folder / "base" if (folder / "base" / "serving" / "CURRENT").exists() else build_base(folder)
        stores = [("base", base)]
        for n in args.passages:
            target = folder / f"n{n}"
            state = _built(target, n)
            if state == "replicated":
                publish(target)  # a run stopped after writing the store, before its serving index
            elif state == "missing":
                shutil.rmtree(target, ignore_errors=True)
                replicate(base, target, n)
            stores.append((f"n{n}", target))
        asked = questions()
        sizes = []
        for name, store in stores:
            got = measure(store, asked)
            got["store"] = name
            sizes.append(got)
            print(f"  measured {name}: {got}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    encode = statistics.median(s.pop("question_encode_s") for s in sizes)
    print(f"\nCPU: {cpu_name()} ({os.cpu_count()} cores); flags: {cpu_flags()}")
    print(f"one question's encode: {encode * 1000:.1f} ms\n")
    print("| passages | start, wall / CPU s | RSS ready (after 100 questions), MiB | new p50 / p95 s | repeated p50 / p95 s |")
    print("|---|---|---|---|---|")
    for s in sizes:
        print(f"| {s['passages']:,} | {s['start_s']} / {s['start_cpu_s']} | {s['rss_mib']:.0f} ({s['rss_after_mib']:.0f}) | "
              f"{s['new_p50_s']} / {s['new_p95_s']} | {s['warm_p50_s']} / {s['warm_p95_s']} |")
    by_n = {s["passages"]: s for s in sizes}
    small = min((s for s in sizes if s["store"] != "base"), key=lambda s: s["passages"], default=None)
    large = max(sizes, key=lambda s: s["passages"])
    if small and large is not small:
        cpu_ratio = large["start_cpu_s"] / small["start_cpu_s"]
        per_passage = (large["rss_mib"] - small["rss_mib"]) * 1024 / (large["passages"] - small["passages"])
        print(f"\nstart CPU {large['passages']:,} / {small['passages']:,}: {cpu_ratio:.2f}x (target <= 1.5x)")
        print(f"RSS growth: {per_passage:.2f} KB a passage (target <= 2)")
        print(f"new-question p95 at {large['passages']:,}: {large['new_p95_s'] / encode:.1f}x one encode (target <= 10x)")
    del by_n
    result = {"question_encode_s": round(encode, 4), "cpu": cpu_name(), "cpu_flags": cpu_flags(),
              "sizes": [{k: s[k] for k in ("passages", "start_s", "start_cpu_s", "rss_mib", "new_p50_s", "new_p95_s", "warm_p95_s")}
                        for s in sizes]}
    if args.json:
        out = REPO / "benchmarks" / "results"
        out.mkdir(exist_ok=True)
        (out / "scale.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
