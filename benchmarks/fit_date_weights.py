"""Fit the weights the indexer scores candidate dates with, and say how well they generalise:
`python benchmarks/fit_date_weights.py --devset BUILT_A_D --set BUILT_E E1.jsonl E2.jsonl --set BUILT_F F1.jsonl F2.jsonl`.

Each document's candidates (indexer.metadata.date_candidates) are labelled right when they are
right to the truth's precision, as benchmarks/metadata_truth.py counts them ("2019-07-15" and
"2019-07" are right for a truth of "2019-07"; "2019" is not). A logistic regression over the
named features scores them; the top candidate is the document's date. Accuracy is reported per
set cross-validated by document (each fold's documents are scored by weights fitted without
them) and then the weights fitted on everything are printed, ready for metadata.DATE_WEIGHTS.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.loaders import load  # noqa: E402
from indexer.metadata import _name_years, date_candidates, date_features  # noqa: E402


def _documents(args) -> list[tuple[str, str, object, str]]:
    """(set, file, loaded document, truth date) for every document with a truth date."""
    docs = []
    if args.devset:
        from benchmarks.devset.build import SUFFIX, read_sources

        for src in read_sources():
            name = f"{src.stem}{SUFFIX[str(src.meta['format'])]}"
            docs.append(("A-D", name, load(Path(args.devset) / name, name), str(src.meta["date"])))
    for folder, *truths in args.set or []:
        label = Path(truths[0]).parent.name if truths else folder
        for t in truths:
            for line in Path(t).read_text(encoding="utf-8").splitlines():
                if line.strip() and (row := json.loads(line)).get("date"):
                    docs.append((label, row["file"], load(Path(folder) / row["file"], row["file"]), str(row["date"])))
    return docs


def _rows(doc, truth: str):
    cands = date_candidates(doc.title, doc.source, doc.blocks)
    years = _name_years(doc.title, doc.source)
    feats = [date_features(c, cands, doc.kind, years) for c in cands]
    # Right is what the check counts right: the truth to its precision, so a whole date in the
    # truth's month is right for a month-level truth, but a bare year is not for a month.
    labels = [c.iso[: len(truth)] == truth for c in cands]
    return cands, feats, labels


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devset", help="the folder benchmarks/devset/build.py wrote A-D into")
    ap.add_argument("--set", nargs="+", action="append", metavar=("FOLDER", "TRUTH"), help="a built folder and its truth files")
    ap.add_argument("--C", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    docs = _documents(args)
    per_doc = [_rows(doc, truth) for _, _, doc, truth in docs]
    names = sorted({k for _, feats, _ in per_doc for f in feats for k in f})
    X, y, group = [], [], []
    for i, (_, feats, labels) in enumerate(per_doc):
        for f, lab in zip(feats, labels):
            X.append([f.get(k, 0.0) for k in names])
            y.append(int(lab))
            group.append(i)
    X, y, group = np.array(X), np.array(y), np.array(group)

    def pick(model, i):
        cands, feats, _ = per_doc[i]
        if not cands:
            return ""
        scores = model.decision_function(np.array([[f.get(k, 0.0) for k in names] for f in feats]))
        order = sorted(range(len(cands)), key=lambda j: (-scores[j], max(cands[j].line.index, 0), cands[j].start))
        return cands[order[0]].iso

    def held_out(split) -> dict[int, str]:
        chosen = {}
        for train, test in split:
            model = LogisticRegression(C=args.C, max_iter=2000).fit(X[train], y[train])
            for i in sorted(set(group[test])):
                chosen[i] = pick(model, i)
        return chosen

    cv_pick = held_out(GroupKFold(n_splits=args.folds).split(X, y, group))
    # Harder: each set scored by weights fitted on the other sets only, as a new set will be.
    set_of = np.array([docs[i][0] for i in group])
    by_set = held_out((np.flatnonzero(set_of != s), np.flatnonzero(set_of == s)) for s in dict.fromkeys(set_of))
    full = LogisticRegression(C=args.C, max_iter=2000).fit(X, y)
    for title, chosen in (("cross-validated by document", cv_pick), ("each set held out (fitted on the others)", by_set),
                          ("fitted on all (in-sample)", {i: pick(full, i) for i in range(len(docs))})):
        print(title)
        for s in dict.fromkeys(d[0] for d in docs):
            idx = [i for i, d in enumerate(docs) if d[0] == s]
            right = sum(chosen.get(i, "")[: len(docs[i][3])] == docs[i][3] for i in idx)
            print(f"  {s:6} date {right}/{len(idx)} = {right / len(idx):.3f}")
    for i, (_, name, _, truth) in enumerate(docs):
        if cv_pick.get(i, "")[: len(truth)] != truth:
            print(f"  cross-validated miss {name}: {cv_pick.get(i, '')!r} expected {truth!r}")
    print("DATE_WEIGHTS: dict[str, float] = {")
    for k, w in sorted(zip(names, full.coef_[0]), key=lambda kw: -abs(kw[1])):
        if abs(w) >= 0.005:
            print(f'    "{k}": {w:.3f},')
    print("}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
