"""Learn the feature weights from labelled questions instead of setting them by hand:
`python -m assistant.answering.fit --set STORE QUESTIONS.jsonl [QUESTIONS.jsonl ...] [--set ...] --out PRESET.json`.

Each answerable question is run through the pipeline; every candidate that passes the gates is
a training row (its features), labelled by whether it holds all of the question's expected
facts. A logistic regression (scikit-learn) is fitted on the rows, cross-validated by
document: the questions are grouped by the first document they cite, and each fold's model
scores only questions about documents it never saw, so a document's own questions never grade
the weights fitted on them. With more than one set it also leaves one set out (fit on the
others, score it): a new council's documents are written by other hands, which folds by
document within a set do not test. It prints how often the top-scored candidate holds the
facts (top-1) under the learned and under the current weights.

The regularisation strength (C) and whether features are standardised before fitting are
chosen by the leave-one-set-out top-1 (mean over the sets left out), not by one set's: a
choice that suits one corpus is what the held-out set would punish. Standardising changes what
the penalty shrinks (each feature's spread, not its raw scale), not the form of the model: the
fitted weights are mapped back onto the raw features, so the preset is still one weight a
feature.

The preset it writes keeps the pipeline's scale: the learned logit is mapped linearly onto the
hand-set scores' spread and mean (`--anchor mean`, the default), so the selection settings
(`min_score`, `keep_within`, slacks), tuned with the hand-set weights, keep their meaning. Put
at the logit's own boundary instead (`--anchor boundary`), min_score refused far more often:
end to end, facts fell on A-D from 0.837 to 0.798 and on E from 0.672 to 0.634, while anchored
at the mean they held or rose on the sets left out of the fit.

`presets/learned.json` is this file, fitted on A-D, E, F and G: `python -m
assistant.answering.fit --rows /tmp/rows --set STORE Q.jsonl... [--set ...] --out
assistant/answering/presets/learned.json`. It is not the default: end to end it is better on
E, F and G fitted without them, but the labels ("holds the facts", among candidates that passed
the gates) say nothing of refusal, so a penalty such as `wrong_type` (-0.15 by hand) is fitted
to about 0, and a trap the hand-set penalty refuses ("how big is X's budget?" met by a sentence
with no amount) is answered. A fit that keeps the trust penalties' signs is the next step.
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
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
    set: str = ""


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


def fit(rows: list[Rows], c: float = 1.0, scale: bool = False):
    """Logistic regression weights (last: the intercept, the bias feature's weight) on the raw
    features. With `scale`, fitted on standardised features and mapped back."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([r.x for r in rows])[:, :-1]  # the bias column is the intercept: fitted separately
    y = np.concatenate([r.y for r in rows])
    mean, sd = np.zeros(x.shape[1]), np.ones(x.shape[1])
    if scale:
        mean, sd = x.mean(axis=0), x.std(axis=0)
        sd[sd == 0] = 1.0  # a feature constant in training (never on) keeps weight 0 either way
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    model.fit((x - mean) / sd, y)
    coef = model.coef_[0] / sd
    return np.append(coef, model.intercept_[0] - float(coef @ mean))


def to_preset(learned: np.ndarray, current: FeatureWeights, rows: list[Rows], anchor: str = "mean") -> FeatureWeights:
    """The learned logit mapped onto the current score's scale: spread matched to the current
    scores' standard deviation over the same candidates, and either the boundary (logit 0) put
    at min_score ("boundary") or the mean matched to the current scores' mean ("mean"). The
    second keeps min_score where it was tuned with the current weights: the learned boundary is
    fitted to "holds the facts", which is not "worth answering" (a close sentence that holds
    only part of the facts is still a fair answer, and refusing it loses the answer)."""
    x = np.vstack([r.x for r in rows])
    hand = x @ np.array(list(current.model_dump().values()))
    logit = x @ learned
    k = float(np.std(hand) / (np.std(logit) or 1.0))
    scaled = learned * k
    if anchor == "mean":
        scaled[-1] += float(np.mean(hand) - np.mean(logit) * k)
    else:
        scaled[-1] += rows[0].min_score
    return FeatureWeights(**{name: round(float(w), 4) for name, w in zip(FEATURES, scaled)})


def cross_validate(rows: list[Rows], current: np.ndarray, folds: int = 5, c: float = 1.0,
                   scale: bool = False) -> tuple[float, float]:
    """Top-1 of the learned and of the current weights, folds grouped by document (a set's name
    is part of the group: two sets' files may share a name)."""
    from sklearn.model_selection import GroupKFold

    groups = [f"{r.set}/{r.group}" for r in rows]
    learned_hits, hand_hits = [], []
    for train, test in GroupKFold(n_splits=min(folds, len(set(groups)))).split(rows, groups=groups):
        w = fit([rows[i] for i in train], c, scale)
        test_rows = [rows[i] for i in test]
        learned_hits += [r.y[int(np.argmax(r.x @ w))] for r in test_rows]
        hand_hits += [r.y[int(np.argmax(r.x @ current))] for r in test_rows]
    return float(np.mean(learned_hits)), float(np.mean(hand_hits))


def leave_one_set_out(rows: list[Rows], current: np.ndarray, c: float = 1.0,
                      scale: bool = False) -> dict[str, tuple[float, float]]:
    """For each set: top-1 on it of weights fitted on the other sets, and of the current weights."""
    found = {}
    for name in dict.fromkeys(r.set for r in rows):
        test = [r for r in rows if r.set == name]
        w = fit([r for r in rows if r.set != name], c, scale)
        found[name] = (_top1(test, w), _top1(test, current))
    return found


# The grid C and scaling are chosen from (by leave-one-set-out).
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.answering.fit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", nargs="+", action="append", required=True, metavar=("STORE", "QUESTIONS"),
                        help="a store and the question files about it; repeat for more")
    parser.add_argument("--out", type=Path, help="write the learned preset here")
    parser.add_argument("--c", type=float, help="inverse regularisation strength (default: chosen by leave-one-set-out)")
    parser.add_argument("--scale", choices=("yes", "no"), help="standardise features (default: chosen by leave-one-set-out)")
    parser.add_argument("--preset", default="default",
                        help="the weights to compare with, whose scale the preset keeps, and whose candidates and selection are used")
    parser.add_argument("--anchor", choices=("boundary", "mean"), default="mean",
                        help="where the learned scale is anchored: its boundary at min_score, or its mean at the current scores' mean")
    parser.add_argument("--rows", type=Path, help="folder caching each set's collected candidates (SET.pkl): read when there, else written")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    current = AnswerSettings.load(args.preset)
    rows: list[Rows] = []
    for store, *files in args.set:
        name = Path(store).name.removesuffix("-store")
        cache = args.rows / f"{name}.pkl" if args.rows else None
        if cache and cache.exists():
            rows += pickle.loads(cache.read_bytes())
            continue
        answerer = Answerer(Settings(store=Path(store)), answer=current).warm_up()
        questions = [json.loads(line) for f in files for line in Path(f).read_text(encoding="utf-8").splitlines() if line.strip()]
        found = collect(answerer, questions)
        for r in found:
            r.set = name
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(pickle.dumps(found))
        rows += found
    hand = np.array(list(current.weights.model_dump().values()))
    sets = list(dict.fromkeys(r.set for r in rows))
    print(f"{len(rows)} question parts, {sum(len(r.y) for r in rows)} eligible candidates, "
          f"{len({(r.set, r.group) for r in rows})} documents, sets {', '.join(sets)}")
    choices = [(c, s) for c in ([args.c] if args.c else C_GRID) for s in ([args.scale == "yes"] if args.scale else (False, True))]
    best, best_loso = choices[0], -1.0
    if len(sets) > 1:
        print(f"leave one set out, top-1 (learned / {current.preset}); document folds; C, scaled")
        for c, scale in choices:
            loso = leave_one_set_out(rows, hand, c, scale)
            mean = float(np.mean([v[0] for v in loso.values()]))
            learned_cv, hand_cv = cross_validate(rows, hand, c=c, scale=scale)
            cells = "  ".join(f"{k} {v[0]:.3f}/{v[1]:.3f}" for k, v in loso.items())
            print(f"  C={c:<6} scaled={'yes' if scale else 'no ':<3}  {cells}  mean {mean:.3f}/"
                  f"{np.mean([v[1] for v in loso.values()]):.3f}  by document {learned_cv:.3f}/{hand_cv:.3f}")
            if mean > best_loso + 1e-9:
                best, best_loso = (c, scale), mean
        print(f"chosen: C={best[0]}, scaled={'yes' if best[1] else 'no'}")
    c, scale = best
    learned_cv, hand_cv = cross_validate(rows, hand, c=c, scale=scale)
    print(f"top-1 holds the facts, cross-validated by document: learned {learned_cv:.3f}, {current.preset} weights {hand_cv:.3f}")
    weights = to_preset(fit(rows, c, scale), current.weights, rows, args.anchor)
    print(json.dumps(weights.model_dump()))
    if args.out:
        preset = AnswerSettings(preset=args.out.stem, weights=weights, selection=current.selection)
        args.out.write_text(preset.model_dump_json(indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
