"""Why retrieval never offered the expected sentence, for the failures `failure_causes.py`
classes as "retrieval": `python benchmarks/retrieval_misses.py STORE EVAL.txt QUESTIONS.jsonl...`.

For each such question it looks through every stored passage for the expected facts (folded as
evaluate folds them) and classes the miss:
  not stored     no passage holds all the facts (loading, or facts worded otherwise);
  split          the facts are in the store, but no one passage holds them all (chunking);
  out of scope   a passage holds them, of a council the question's scope leaves out;
  depth N        a passage holds them, in scope, ranked N-th by retrieval (k = `top_k`: past
                 it, deeper retrieval would find it; N > 100: dense and keyword miss it both);
  found          it is in the top_k now (the failure was later: candidates, another part).
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import Counter
from pathlib import Path

from assistant.answering.pipeline import Answerer
from assistant.evaluate import _fold
from assistant.retrieval import Retriever
from benchmarks.failure_causes import cause, failures
from assistant.answering.settings import AnswerSettings
from indexer.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("eval", type=Path)
    parser.add_argument("questions", nargs="+", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    weights = AnswerSettings.load().weights.model_dump()
    missed = {f["id"] for f in failures(args.eval.read_text(encoding="utf-8")) if cause(f, weights) == "retrieval"}
    questions = [json.loads(line) for p in args.questions for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    settings = Settings(store=args.store)
    answerer = Answerer(settings).warm_up()
    deep = Retriever(Settings(store=args.store, top_k=100), embedder=answerer.retriever.embedder).warm_up()
    index = deep.index
    texts = [_fold(f"{index.passage(r).heading} {index.passage(r).text}") for r in range(index.n)]
    classes = Counter()
    for q in questions:
        if q["id"] not in missed:
            continue
        facts = [_fold(f) for f in q["facts"]]
        whole = [r for r, t in enumerate(texts) if all(f in t for f in facts)]
        some = [all(any(f in t for t in texts) for f in facts)]
        part = answerer.run(q["question"]).trace[0]
        scope = part.question.scope
        if not whole:
            label = "split" if some[0] else "not stored"
        else:
            ids = {index.passage(r).id for r in whole}
            councils = {index.passage(r).authority for r in whole}
            hits = deep.run(part.question.text, scope=scope, prefer_reports=part.question.inspectors)
            rank = next((i + 1 for i, h in enumerate(hits) if h.passage.id in ids), None)
            if rank is None:
                label = "out of scope" if scope.authorities and not councils & set(scope.authorities) else "depth >100"
            elif rank <= settings.top_k:
                label = "found"
            else:
                label = f"depth {'9-16' if rank <= 16 else '17-32' if rank <= 32 else '33-100'}"
        classes[label] += 1
        print(f"  {q['id']:<8} {label:<13} {q['question'][:90]}")
    print(f"== {args.eval.name}: " + ", ".join(f"{k} {v}" for k, v in classes.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
