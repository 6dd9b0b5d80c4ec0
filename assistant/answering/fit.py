"""Learn the feature weights from labelled questions instead of setting them by hand:
`python -m assistant.answering.fit --set STORE QUESTIONS.jsonl [QUESTIONS.jsonl ...] [--set ...] --out PRESET.json`.

Each answerable question is run through the pipeline; every candidate that passes the gates is
a training row (its features), labelled by whether it holds all of the question's expected
facts. A logistic regression (scikit-learn) is fitted on the rows, cross-validated by
document: the questions are grouped by the first document they cite, and each fold's model
scores only questions about documents it never saw, so a document's own questions never grade
the weights fitted on them. It prints, per fold and overall, how often the top-scored candidate
holds the facts (top-1) under the learned and under the current weights.

The preset it writes keeps the pipeline's scale: the learned logit is mapped linearly onto the
current score's spread, with the decision boundary at `min_score`, so the selection settings
(`min_score`, `keep_within`, slacks) keep their meaning.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answering.features import FEATURES
from assistant.answering.pipeline import Answerer
from assistant.answering.settings import AnswerSettings, FeatureWeights
from indexer.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Rows:
    """One question part's eligible candidates: features, labels, and the question's group."""

    x: np.ndarray
    y: np.ndarray
    group: str
    min_score: float


def collect(answerer: Answerer, questions: list[dict]) -> list[Rows]:
    # Facts are matched as evaluate matches them: the same folding of case, quotes and spaces.
    from assistant.evaluate import _fold

    found = []
    for q in questions:
        if not q.get("answerable") or not q.get("facts"):
            continue
        facts = [_fold(f) for f in q["facts"]]
        answer = answerer.run(q["question"])
        for part in answer.trace:
            if part.features is None:
                continue
            eligible = np.logical_and.reduce(list(part.gates.values()))
            labels = np.array([all(f in _fold(u.follow_on or u.text) for f in facts) for u in part.units])
            if not (eligible & labels).any():
                continue  # nothing to learn where no eligible candidate holds the facts (a retrieval miss)
            found.append(Rows(part.features[eligible], labels[eligible], str(q["sources"][0]), answerer.settings.min_score))
    return found


def _top1(rows: list[Rows], weights: np.ndarray) -> float:
    return float(np.mean([r.y[int(np.argmax(r.x @ weights))] for r in rows])) if rows else float("nan")


def fit(rows: list[Rows], c: float = 1.0):
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([r.x for r in rows])
    y = np.concatenate([r.y for r in rows])
    # The bias column is the intercept: sklearn fits it separately.
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(x[:, :-1], y)
    return np.append(model.coef_[0], model.intercept_[0])


def to_preset(learned: np.ndarray, current: FeatureWeights, rows: list[Rows]) -> FeatureWeights:
    """The learned logit mapped onto the current score's scale: spread matched to the current
    scores' standard deviation over the same candidates, boundary (logit 0) at min_score."""
    x = np.vstack([r.x for r in rows])
    hand = x @ np.array(list(current.model_dump().values()))
    logit = x @ learned
    k = float(np.std(hand) / (np.std(logit) or 1.0))
    scaled = learned * k
    scaled[-1] += rows[0].min_score
    return FeatureWeights(**{name: round(float(w), 4) for name, w in zip(FEATURES, scaled)})


def cross_validate(rows: list[Rows], current: np.ndarray, folds: int = 5, c: float = 1.0) -> tuple[float, float]:
    from sklearn.model_selection import GroupKFold

    groups = [r.group for r in rows]
    learned_hits, hand_hits = [], []
    for train, test in GroupKFold(n_splits=min(folds, len(set(groups)))).split(rows, groups=groups):
        w = fit([rows[i] for i in train], c)
        test_rows = [rows[i] for i in test]
        learned_hits += [r.y[int(np.argmax(r.x @ w))] for r in test_rows]
        hand_hits += [r.y[int(np.argmax(r.x @ current))] for r in test_rows]
    return float(np.mean(learned_hits)), float(np.mean(hand_hits))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.answering.fit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", nargs="+", action="append", required=True, metavar=("STORE", "QUESTIONS"),
                        help="a store and the question files about it; repeat for more")
    parser.add_argument("--out", type=Path, help="write the learned preset here")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    current = AnswerSettings.load()
    rows: list[Rows] = []
    for store, *files in args.set:
        answerer = Answerer(Settings(store=Path(store)), answer=current).warm_up()
        questions = [json.loads(line) for f in files for line in Path(f).read_text(encoding="utf-8").splitlines() if line.strip()]
        rows += collect(answerer, questions)
    hand = np.array(list(current.weights.model_dump().values()))
    learned_cv, hand_cv = cross_validate(rows, hand, c=args.c)
    print(f"{len(rows)} question parts, {sum(len(r.y) for r in rows)} eligible candidates, "
          f"{len({r.group for r in rows})} documents")
    print(f"top-1 holds the facts, cross-validated by document: learned {learned_cv:.3f}, current weights {hand_cv:.3f}")
    weights = to_preset(fit(rows, args.c), current.weights, rows)
    print(json.dumps(weights.model_dump()))
    if args.out:
        preset = AnswerSettings(preset=args.out.stem, weights=weights, selection=current.selection)
        args.out.write_text(preset.model_dump_json(indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
