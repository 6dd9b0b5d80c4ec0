"""Failures of `assistant.evaluate --show-failures`, classed by cause, one table a set:
`python benchmarks/failure_causes.py EVAL.txt [EVAL.txt ...] [--preset default]`.

Each failed question's first part with a diagnosis is put in one class:
  retrieval   no candidate of the passages retrieved holds the expected facts ("facts
              spread" for the kinds whose facts lie in several sentences);
  trap answered  an unanswerable question was answered;
  gate:NAME   the candidate holding them was refused by that gate (the first named);
  threshold   it passed every gate, but the best candidate scored under min_score;
  ranking:F   it passed every gate and another candidate outscored it; F is the feature whose
              weighted difference (chosen minus expected) favoured the chosen one most;
  answered    the chosen candidate holds the facts (the failure is the source, quotes, form).
"""

from __future__ import annotations

import argparse
import ast
import re
from collections import Counter
from pathlib import Path

from assistant.answering.settings import AnswerSettings

_HEAD = re.compile(r"^(\S+) \[([^\]]+)\] \[([^\]]*)\]: ")
_LINE = re.compile(r"^\s+(chosen|expected): (?:score (-?[\d.]+))?(?: failed gates (\[[^\]]*\]))? ?(\{.*\})?")


def failures(text: str) -> list[dict]:
    found, cur = [], None
    for line in text.splitlines():
        head = _HEAD.match(line)
        if head:
            cur = {"id": head.group(1), "kind": head.group(2), "failed": head.group(3), "parts": []}
            found.append(cur)
            continue
        if cur is None:
            continue
        if line.strip().startswith("part:"):
            refused = re.search(r"refused by (\w+)", line)
            cur["parts"].append({"refused": refused.group(1) if refused else None})
        m = _LINE.match(line)
        if m and cur["parts"]:
            part = cur["parts"][-1]
            if "no candidate holds" in line:
                part[m.group(1)] = None
            else:
                part[m.group(1)] = {
                    "score": float(m.group(2)) if m.group(2) else None,
                    "gates": ast.literal_eval(m.group(3)) if m.group(3) else [],
                    "features": ast.literal_eval(m.group(4)) if m.group(4) else {},
                }
    return found


# Kinds whose expected facts lie in more than one sentence: no one candidate holds them all, so
# "no candidate holds the facts" there is often the composing, not retrieval.
_SPREAD = {"list", "summary", "two documents", "two-docs", "comparison"}


def cause(failure: dict, weights: dict[str, float]) -> str:
    if failure["kind"] == "unanswerable":
        return "trap answered"
    for part in failure["parts"]:
        if "expected" not in part:
            continue
        exp, chosen = part["expected"], part.get("chosen")
        if exp is None:
            return "retrieval (facts spread)" if failure["kind"] in _SPREAD else "retrieval"
        if exp["gates"]:
            return f"gate:{exp['gates'][0]}"
        if chosen is None or part["refused"] == "threshold" and not chosen["gates"] and chosen["score"] <= exp["score"]:
            return "threshold"
        if chosen["score"] is not None and exp["score"] is not None and chosen["score"] > exp["score"]:
            names = set(chosen["features"]) | set(exp["features"])
            diff = {n: weights.get(n, 0.0) * (chosen["features"].get(n, 0.0) - exp["features"].get(n, 0.0)) for n in names}
            return f"ranking:{max(diff, key=diff.get)}"
        if part["refused"] == "threshold":
            return "threshold"
        return "answered"
    return "undiagnosed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("evals", nargs="+", type=Path)
    parser.add_argument("--preset", default="default", help="the weights the evaluation ran with")
    args = parser.parse_args(argv)
    weights = AnswerSettings.load(args.preset).weights.model_dump()
    for path in args.evals:
        fails = failures(path.read_text(encoding="utf-8"))
        counts = Counter(cause(f, weights) for f in fails)
        by_kind: dict[str, Counter] = {}
        for f in fails:
            by_kind.setdefault(cause(f, weights), Counter())[f["kind"]] += 1
        print(f"== {path.name}: {len(fails)} failed questions")
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            kinds = ", ".join(f"{k} {v}" for k, v in by_kind[name].most_common())
            print(f"  {name:<28} {n:>3}   {kinds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
