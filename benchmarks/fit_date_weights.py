"""Fit the weights the indexer scores candidate dates with, and say how well they generalise:
`python benchmarks/fit_date_weights.py --devset BUILT_A_D --set BUILT_E E1.jsonl E2.jsonl --set BUILT_F F1.jsonl F2.jsonl`.

Each document's candidates (indexer.metadata.date_candidates) are labelled right when they are
right to the truth's precision, as benchmarks/metadata_truth.py counts them ("2019-07-15" and
"2019-07" are right for a truth of "2019-07"; "2019" is not). A logistic regression over the
named features scores them; the top candidate is the document's date.

Every document is read twice, as fit_kind_council_weights.py reads it: under its real file name
and under a neutral one ("doc.pdf", its kind detected again without the name), as a file on a
shared drive called "report.pdf" would be, so the weights cannot lean on the year in the name
where the content dates the document. Accuracy is reported per set and per naming, cross-validated
by document (both readings of a document in the same fold) and with each set held out, then the
weights fitted on everything are printed, ready for metadata.DATE_WEIGHTS.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.truth_documents import documents, truth_rows  # noqa: E402
from indexer.metadata import _name_years, date_candidates, date_features, detect_kind  # noqa: E402


def _documents(args) -> list[dict]:
    """One row per document with a truth date and naming: set, file, group, naming, title, name, blocks, kind, truth."""
    docs = documents(truth_rows(args.devset, args.set, keep=lambda row: bool(row.get("date"))))
    for d in docs:
        # Under the neutral name the kind is detected again: the real name may have given it.
        d["kind"] = d["loaded_kind"] if d["naming"] == "real" else detect_kind(d["title"], d["name"], d["blocks"])
        d["truth"] = str(d["truth"]["date"])
    return docs


def _rows(d: dict):
    truth = d["truth"]
    cands = date_candidates(d["title"], d["name"], d["blocks"])
    years = _name_years(d["title"], d["name"])
    feats = [date_features(c, cands, d["kind"], years) for c in cands]
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
    per_doc = [_rows(d) for d in docs]
    names = sorted({k for _, feats, _ in per_doc for f in feats for k in f})
    X, y, group = [], [], []
    for i, (_, feats, labels) in enumerate(per_doc):
        for f, lab in zip(feats, labels):
            X.append([f.get(k, 0.0) for k in names])
            y.append(int(lab))
            group.append(i)
    X, y, group = np.array(X), np.array(y), np.array(group)
    doc_of = np.array([docs[i]["group"] for i in group])  # the document a row's reading is of

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

    # Both readings of a document fall in the same fold: the neutral one is no test of the real one.
    cv_pick = held_out(GroupKFold(n_splits=args.folds).split(X, y, doc_of))
    # Harder: each set scored by weights fitted on the other sets only, as a new set will be.
    set_of = np.array([docs[i]["set"] for i in group])
    sets = list(dict.fromkeys(set_of))
    by_set = held_out((np.flatnonzero(set_of != s), np.flatnonzero(set_of == s)) for s in sets) if len(sets) > 1 else None
    full = LogisticRegression(C=args.C, max_iter=2000).fit(X, y)
    for title, chosen in (("cross-validated by document", cv_pick), ("each set held out (fitted on the others)", by_set),
                          ("fitted on all (in-sample)", {i: pick(full, i) for i in range(len(docs))})):
        if chosen is None:  # one set has no others to be fitted on
            continue
        print(title)
        for s in dict.fromkeys(d["set"] for d in docs):
            line = []
            for naming in ("real", "neutral"):
                idx = [i for i, d in enumerate(docs) if d["set"] == s and d["naming"] == naming]
                right = sum(chosen.get(i, "")[: len(docs[i]["truth"])] == docs[i]["truth"] for i in idx)
                line.append(f"{naming} {right}/{len(idx)} = {right / max(len(idx), 1):.3f}")
            print(f"  {s:6} date " + "   ".join(line))
    for i, d in enumerate(docs):
        if cv_pick.get(i, "")[: len(d["truth"])] != d["truth"]:
            print(f"  cross-validated miss {d['set']} {d['file']} ({d['naming']}): {cv_pick.get(i, '')!r} expected {d['truth']!r}")
    print("DATE_WEIGHTS: dict[str, float] = {")
    for k, w in sorted(zip(names, full.coef_[0]), key=lambda kw: -abs(kw[1])):
        if abs(w) >= 0.005:
            print(f'    "{k}": {w:.3f},')
    print("}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
