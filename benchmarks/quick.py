"""Quick numbers for the README, on the sample corpus: `python benchmarks/quick.py`.

Measures, in one run: the model's raw encode rate on the corpus's own passages (the
practical ceiling on this CPU), indexing end to end, re-indexing an unchanged corpus, and
answer latency over the development questions. Prints a table; asserts nothing.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.chdir(REPO)

from assistant.answering import Answerer  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402
from indexer.pipeline import Indexer  # noqa: E402
from indexer.settings import Settings  # noqa: E402


def main() -> None:
    store = Path(tempfile.mkdtemp(prefix="bench-store-"))
    settings = Settings(store=store)

    started = time.perf_counter()
    indexer = Indexer(settings).warm_up()
    load_s = time.perf_counter() - started

    first = indexer.run([Path("corpus")])
    again = indexer.run([Path("corpus")])

    texts = [p.embed_text for p in indexer.store.passages()]
    indexer.embedder.encode(texts[:8])  # warm the kernels before timing
    started = time.perf_counter()
    indexer.embedder.encode(texts)
    raw_rate = len(texts) / (time.perf_counter() - started)
    end_to_end_rate = first.passages_written / first.seconds

    answerer = Answerer(settings, Retriever(settings, embedder=indexer.embedder)).warm_up()
    questions = [json.loads(l)["question"] for l in (REPO / "tests/qa/dev.jsonl").read_text().splitlines() if l.strip()]
    answerer.run(questions[0])
    latencies = []
    for q in questions:
        t = time.perf_counter()
        answerer.run(q)
        latencies.append(time.perf_counter() - t)
    latencies.sort()

    rows = [
        ("model load", f"{load_s:.1f} s"),
        ("index sample corpus", f"{first.seconds:.2f} s, {first.passages_written} passages from {len(first.indexed)} files"),
        ("raw encode rate (baseline)", f"{raw_rate:.1f} passages/s"),
        ("indexing end to end", f"{end_to_end_rate:.1f} passages/s ({end_to_end_rate / raw_rate:.2f} x raw)"),
        ("re-index unchanged", f"{again.seconds:.3f} s, {again.passages_written} passages embedded"),
        ("answer latency p50 / p95", f"{statistics.median(latencies):.2f} s / {latencies[int(len(latencies) * 0.95) - 1]:.2f} s over {len(latencies)} questions"),
        ("peak RSS", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
