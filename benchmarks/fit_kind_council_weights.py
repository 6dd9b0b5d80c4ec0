"""Fit the weights the indexer scores a document's kind and council with, and say how well they
generalise: `python benchmarks/fit_kind_council_weights.py --devset BUILT_A_D --set BUILT_E E1.jsonl E2.jsonl
--set BUILT_F F1.jsonl F2.jsonl`.

Every document is read twice: under its real file name and under a neutral one ("doc.pdf"), as a
file on a shared drive called "agenda item 5.pdf" would be, so the weights cannot lean on the name
where the content is clear. Kind: a multinomial logistic regression over metadata.kind_features.
Council: each council a document names is a candidate (metadata.council_features), labelled right
when it is the truth's; a logistic regression scores them and the top one is the document's.
Accuracy is reported per set and per naming, cross-validated by document (both readings of a
document in the same fold) and with each set held out, then the weights fitted on everything are
printed, ready for metadata.KIND_WEIGHTS and metadata.COUNCIL_WEIGHTS.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.truth_documents import documents, truth_rows  # noqa: E402
from indexer.metadata import _KIND_ORDER, council_features, council_mentions, kind_features  # noqa: E402


def _documents(args) -> list[dict]:
    """One row per document and naming: set, file, naming, title, name, blocks, truth kind and council."""
    docs = documents(truth_rows(args.devset, args.set))
    for d in docs:
        d["kind"], d["authority"] = d["truth"]["kind"], d["truth"]["authority"]
    return docs


def _report(docs, chosen: dict[int, str], field: str, title: str) -> None:
    print(title)
    for s in dict.fromkeys(d["set"] for d in docs):
        line = []
        for naming in ("real", "neutral"):
            idx = [i for i, d in enumerate(docs) if d["set"] == s and d["naming"] == naming]
            right = sum(chosen.get(i) == docs[i][field] for i in idx)
            line.append(f"{naming} {right}/{len(idx)} = {right / len(idx):.3f}")
        print(f"  {s:6} {field:9} " + "   ".join(line))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devset", help="the folder benchmarks/devset/build.py wrote A-D into")
    ap.add_argument("--set", nargs="+", action="append", metavar=("FOLDER", "TRUTH"), help="a built folder and its truth files")
    ap.add_argument("--C", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", choices=("kind", "council"))
    args = ap.parse_args(argv)

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    docs = _documents(args)
    groups = np.array([d["group"] for d in docs])
    set_of = np.array([d["set"] for d in docs])

    def splits():
        yield "cross-validated by document", list(GroupKFold(n_splits=args.folds).split(groups, groups, groups))
        if len(set(set_of)) < 2:  # one set has no others to be fitted on
            return
        yield "each set held out (fitted on the others)", [
            (np.flatnonzero(set_of != s), np.flatnonzero(set_of == s)) for s in dict.fromkeys(set_of)]

    if args.only != "council":
        held_kind: dict = {}
        feats = [kind_features(d["title"], d["name"], d["blocks"]) for d in docs]
        names = sorted({k for f in feats for k in f})
        X = np.array([[f.get(k, 0.0) for k in names] for f in feats])
        y = np.array([d["kind"] for d in docs])
        # The gate detect_kind applies: a page with a news page's furniture is not the report.
        press = np.array([f["press_furniture"] for f in feats])

        def pick_kinds(model, idx):
            scores = model.decision_function(X[idx])
            out = {}
            for row, i in zip(scores, idx):
                allowed = [(s, -_KIND_ORDER.index(next(k for k in _KIND_ORDER if k.value == c)), c)
                           for s, c in zip(row, model.classes_) if not (press[i] and c == "inspection report")]
                out[i] = max(allowed)[2]
            return out

        for title, split in splits():
            chosen = {}
            for train, test in split:
                chosen |= pick_kinds(LogisticRegression(C=args.C, max_iter=5000).fit(X[train], y[train]), test)
            _report(docs, chosen, "kind", title)
            if title.startswith("cross"):
                cv_kind = chosen
            else:
                held_kind = chosen
        full = LogisticRegression(C=args.C, max_iter=5000).fit(X, y)
        _report(docs, pick_kinds(full, np.arange(len(docs))), "kind", "fitted on all (in-sample)")
        for i, d in enumerate(docs):
            for how, chosen in (("cross-validated", cv_kind), ("set held out", held_kind)):
                if i in chosen and chosen[i] != d["kind"]:
                    print(f"  {how} miss {d['set']} {d['file']} ({d['naming']}): {str(chosen[i])!r} expected {d['kind']!r}")
        print("KIND_WEIGHTS: dict[str, dict[str, float]] = {")
        for c, coef, bias in zip(full.classes_, full.coef_, full.intercept_):
            kind = next(k for k in _KIND_ORDER if k.value == c)
            print(f"    DocKind.{kind.name}.value: {{\"bias\": {bias:.3f}, " + ", ".join(
                f'"{k}": {w:.3f}' for k, w in sorted(zip(names, coef), key=lambda kw: -abs(kw[1])) if abs(w) >= 0.005) + "},")
        print("}")

    if args.only != "kind":
        per_doc = []
        for d in docs:
            found = council_mentions(d["title"], d["name"], d["blocks"])
            cands = list(dict.fromkeys(m.name for m in found if m.where != "name"))
            cands += [m.name for m in found if m.where == "name" and m.name not in cands]
            per_doc.append((cands, [council_features(n, found) for n in cands]))
        names = sorted({k for _, fs in per_doc for f in fs for k in f})
        rows, labels, owner = [], [], []
        for i, (cands, fs) in enumerate(per_doc):
            for n, f in zip(cands, fs):
                rows.append([f.get(k, 0.0) for k in names])
                labels.append(int(n == docs[i]["authority"]))
                owner.append(i)
        X, y, owner = np.array(rows), np.array(labels), np.array(owner)

        def pick_councils(model, doc_idx):
            out = {}
            for i in doc_idx:
                cands, fs = per_doc[i]
                if not cands:
                    out[i] = ""
                    continue
                scores = model.decision_function(np.array([[f.get(k, 0.0) for k in names] for f in fs]))
                out[i] = cands[max(range(len(cands)), key=lambda j: (scores[j], -j))]
            return out

        for title, split in splits():
            chosen = {}
            for train_docs, test_docs in split:
                train = np.isin(owner, train_docs)
                chosen |= pick_councils(LogisticRegression(C=args.C, max_iter=5000).fit(X[train], y[train]), test_docs)
            _report(docs, chosen, "authority", title)
            if title.startswith("cross"):
                cv_council = chosen
        full = LogisticRegression(C=args.C, max_iter=5000).fit(X, y)
        _report(docs, pick_councils(full, range(len(docs))), "authority", "fitted on all (in-sample)")
        for i, d in enumerate(docs):
            if cv_council[i] != d["authority"]:
                print(f"  cross-validated miss {d['set']} {d['file']} ({d['naming']}): {cv_council[i]!r} expected {d['authority']!r}")
        print("COUNCIL_WEIGHTS: dict[str, float] = {")
        for k, w in sorted(zip(names, full.coef_[0]), key=lambda kw: -abs(kw[1])):
            if abs(w) >= 0.005:
                print(f'    "{k}": {w:.3f},')
        print("}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
