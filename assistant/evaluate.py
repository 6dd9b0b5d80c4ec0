"""Score the assistant on a question set: `python -m assistant.evaluate [--questions F] [--store DIR]`.

Prints fact accuracy, source hit rate, quote validity, refusal accuracy, answered rate and
seconds per question; `--sweep` also shows how refusal and answered rate trade off across
`min_score` values, which is how the default threshold was chosen.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.answer import Answerer
from assistant.citations import quote_is_verbatim
from assistant.types import Answer
from indexer.cli import add_store_arguments, settings_from

DEFAULT_QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "qa" / "dev.jsonl"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("*", "")):
        text = text.replace(a, b)
    return " ".join(text.split())


@dataclass
class Graded:
    question: dict
    answer: Answer
    seconds: float

    @property
    def answerable(self) -> bool:
        return bool(self.question["answerable"])

    @property
    def facts_ok(self) -> bool:
        return self.answer.answered and all(_fold(f) in _fold(self.answer.answer) for f in self.question["facts"])

    @property
    def source_ok(self) -> bool:
        # The dev set names documents by stem: it is rendered into several formats.
        wanted = set(self.question["sources"])
        return any(Path(c.source).name in wanted or Path(c.source).stem in wanted for c in self.answer.citations)

    @property
    def quotes_ok(self) -> bool:
        return all(quote_is_verbatim(c) for c in self.answer.citations)


def grade(answerer: Answerer, questions: list[dict]) -> list[Graded]:
    graded = []
    for q in questions:
        started = time.perf_counter()
        answer = answerer.run(q["question"])
        graded.append(Graded(q, answer, time.perf_counter() - started))
    return graded


def metrics(graded: list[Graded]) -> dict[str, float]:
    answerable = [g for g in graded if g.answerable]
    unanswerable = [g for g in graded if not g.answerable]
    cited = [g for g in graded if g.answer.citations]

    def rate(items, test) -> float:
        return round(sum(1 for g in items if test(g)) / len(items), 3) if items else float("nan")

    return {
        "questions": len(graded),
        "fact_accuracy": rate(answerable, lambda g: g.facts_ok),
        "source_hit_rate": rate(answerable, lambda g: g.source_ok),
        "quote_validity": rate(cited, lambda g: g.quotes_ok),
        "refusal_accuracy": rate(unanswerable, lambda g: not g.answer.answered),
        "answered_rate": rate(answerable, lambda g: g.answer.answered),
        "seconds_per_question": round(statistics.mean(g.seconds for g in graded), 3) if graded else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.evaluate", description=__doc__)
    parser.add_argument("--questions", type=Path, nargs="+", default=[DEFAULT_QUESTIONS], help="JSONL question files")
    add_store_arguments(parser)
    parser.add_argument("--sweep", action="store_true", help="also try a range of min_score thresholds")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    settings = settings_from(args, ("store", "chroma_host", "chroma_port", "embedding_model"))
    questions = [
        json.loads(line)
        for path in args.questions
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    answerer = Answerer(settings).warm_up()
    graded = grade(answerer, questions)
    result = metrics(graded)
    print(json.dumps(result) if args.json else "\n".join(f"{k:>22}: {v}" for k, v in result.items()))

    if args.show_failures:
        for g in graded:
            problems = [
                name
                for name, bad in (
                    ("facts", g.answerable and not g.facts_ok),
                    ("source", g.answerable and not g.source_ok),
                    ("quotes", bool(g.answer.citations) and not g.quotes_ok),
                    ("answered-unanswerable", not g.answerable and g.answer.answered),
                )
                if bad
            ]
            if problems:
                print(f"\n{g.question['id']} {problems}: {g.question['question']}\n  -> {g.answer.answer[:300]}")

    if args.sweep:
        print("\nmin_score  answered  refusal  facts")
        for threshold in [x / 100 for x in range(25, 71, 3)]:
            answerer.settings.min_score = threshold
            m = metrics(grade(answerer, questions))
            print(f"  {threshold:.2f}     {m['answered_rate']:.3f}    {m['refusal_accuracy']:.3f}   {m['fact_accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
