#!/usr/bin/env bash
# Measure one evaluation set at one checkout of the code, the way the README's Evaluation section does:
#   benchmarks/measure_set.sh CODE_DIR SET_DIR TAG
# CODE_DIR: a checkout (e.g. a detached worktree of the start commit, so a sealed set's first run
# sees none of the round's changes); SET_DIR: benchmarks/sealed/X (sources/, questions-*.jsonl,
# metadata-*.jsonl, records-*.jsonl). Prints only the summary figures; writes /tmp/TAG-{eval,meta,records}.txt and keeps the
# rendered corpus in /tmp/TAG-build and the store in /tmp/TAG-store for a later rerun.
set -euo pipefail
code=$(cd "$1" && pwd); set_dir=$(cd "$2" && pwd); tag=$3
py=${PYTHON:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python}
export PYTHONPATH="$code" HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1
cd "$code"
rm -rf "/tmp/$tag-build" "/tmp/$tag-store"
"$py" benchmarks/devset/build.py "/tmp/$tag-build" "$set_dir/sources"
"$py" -m indexer "/tmp/$tag-build" --store "/tmp/$tag-store" > "/tmp/$tag-index.txt" 2>&1
"$py" -m assistant.evaluate --store "/tmp/$tag-store" --questions "$set_dir"/questions-*.jsonl > "/tmp/$tag-eval.txt" 2>&1
"$py" benchmarks/metadata_truth.py "/tmp/$tag-build" "$set_dir"/metadata-*.jsonl > "/tmp/$tag-meta.txt" 2>&1
"$py" benchmarks/records/evaluate.py --store "/tmp/$tag-store" --truth "$set_dir"/records-*.jsonl > "/tmp/$tag-records.txt" 2>&1
# Only the summary rows reach the terminal: the per-document and per-question lines in the files
# are a sealed set's cases, which whoever changes the code must not read.
grep -E '^(kind |all |fact |unanswerable|list |yes-no|whose words|comparison|two documents|summary)' "/tmp/$tag-eval.txt" | head -n 11
grep -E '^(kind|council|year|date) +[0-9]' "/tmp/$tag-meta.txt"
grep -E '^(documents:|grades |areas for improvement:|action |inspections:)' "/tmp/$tag-records.txt"
