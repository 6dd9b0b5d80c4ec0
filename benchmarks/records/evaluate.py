"""Inspection records against a hand-read truth file.

    python benchmarks/records/evaluate.py --store /tmp/devset-12-store \
        [--truth benchmarks/records/devset-truth.jsonl] [--show] [--json]

Truth: one JSON line per document (matched by file stem), with the grades the document states
for the inspection it is about ({area: grade}, canonical names), its areas for improvement,
and for a plan, which area for improvement each numbered row answers (null: none).

A document's grades are those of the inspection it is about (benchmarks/sealed/WRITING-A-SEALED-SET.md):
a visit letter, or news or minutes about a visit, restating the judgement the visit follows holds
none of its own, and what the indexer read as an earlier inspection's (`of_year`) is not scored
as the document's; it is counted apart, as "restated".

Prints precision and recall of (document, area, grade); recall (and precision) of areas for
improvement per document, an area counting as found when its wording matches (rapidfuzz
token-set ratio ≥ 80, over the words with punctuation dropped); and precision (and recall) of
action → area links.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer.records.persist import load_extracts, load_records  # noqa: E402
from indexer.settings import Settings  # noqa: E402
from indexer.store import Store  # noqa: E402
from indexer.vocabulary import JudgementArea, area_of, grade_of  # noqa: E402

MATCH = 80


def same(a: str, b: str) -> bool:
    # Compared as words, punctuation dropped: "caseloads" is the area "Caseloads, which are too
    # high …" names, though its first token is "caseloads," with the comma.
    return fuzz.token_set_ratio(a, b, processor=default_process) >= MATCH


# Before 2023 children in care and care leavers were one ILACS judgement; the truth files name it
# either way ("children in care and care leavers": Good, or each half: Good). Both sides are
# compared as the halves, so one reading of the same grade is not an error against the other.
_HALVES = (JudgementArea.CHILDREN_IN_CARE.value, JudgementArea.CARE_LEAVERS.value)


def canonical(grades: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """(area, grade) pairs by the vocabulary's names: a grade as written ("Requires improvement",
    "RI") as its Grade, the combined judgement as its two halves."""
    out = set()
    for area, grade in grades:
        a, g = area_of(area), grade_of(grade)
        area, grade = (a.value if a else area), (g.value if g else grade)
        if area == JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS.value:
            out.update((half, grade) for half in _HALVES)
        else:
            out.add((area, grade))
    return out


def stem(source: str) -> str:
    return Path(source).stem


def evaluate(store_dir: Path, truth_paths: list[Path]) -> dict:
    store = Store(Settings(store=store_dir)).warm_up(create=False)
    extracts = {stem(e.source): e for e in load_extracts(store)}
    _, records = load_records(store)
    truth = [json.loads(l) for path in truth_paths for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    for t in truth:  # the sealed sets name the file ("file"), ours the stem ("document")
        t.setdefault("document", stem(t.get("file", "")))
    missing = [t["document"] for t in truth if t["document"] not in extracts]

    g_tp = g_fp = g_fn = restated = 0
    a_found = a_total = a_pred = a_pred_ok = 0
    errors: list[str] = []
    for t in truth:
        e = extracts.get(t["document"])
        predicted = canonical({(g.area.value, g.grade.value) for g in e.grades if not g.of_year} if e else set())
        restated += sum(1 for g in e.grades if g.of_year) if e else 0
        expected = canonical(set(t.get("grades", {}).items()))
        g_tp += len(predicted & expected)
        for area, grade in sorted(predicted - expected):
            g_fp += 1
            errors.append(f"grade  FP {t['document']}: {area} = {grade}")
        for area, grade in sorted(expected - predicted):
            g_fn += 1
            errors.append(f"grade  FN {t['document']}: {area} = {grade}")
        found = [a.text for a in e.improvements] if e else []
        for area in t.get("areas_for_improvement", []):
            a_total += 1
            if any(same(area, f) for f in found):
                a_found += 1
            else:
                errors.append(f"area   FN {t['document']}: {area}")
        for f in found:
            a_pred += 1
            if any(same(f, area) for area in t.get("areas_for_improvement", [])):
                a_pred_ok += 1
            else:
                errors.append(f"area   FP {t['document']}: {f}")

    # Links: every plan row the truth names, looked up in the merged records.
    linked: dict[tuple[str, str], str | None] = {}
    for r in records:
        for area in r.areas_for_improvement:
            for link in area.actions:
                linked[(stem(link.row.citation.source), link.row.number)] = area.text
    l_made = l_ok = l_total = l_found = 0
    for t in truth:
        for row in t.get("actions", []):
            want, got = row["area_for_improvement"], linked.get((t["document"], row["row"]))
            if got is not None:
                l_made += 1
                if want is not None and same(want, got):
                    l_ok += 1
                else:
                    errors.append(f"link   FP {t['document']} row {row['row']}: linked to '{got[:60]}', truth {want!r:.60}")
            if want is not None:
                l_total += 1
                if got is not None and same(want, got):
                    l_found += 1
                elif got is None:
                    errors.append(f"link   FN {t['document']} row {row['row']}: not linked, truth '{want[:60]}'")

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "documents": len(truth),
        "missing_documents": missing,
        "grades": {"precision": ratio(g_tp, g_tp + g_fp), "recall": ratio(g_tp, g_tp + g_fn), "tp": g_tp, "fp": g_fp, "fn": g_fn,
                   "restated": restated},
        "areas_for_improvement": {"recall": ratio(a_found, a_total), "precision": ratio(a_pred_ok, a_pred),
                                  "found": a_found, "expected": a_total, "predicted": a_pred},
        "action_links": {"precision": ratio(l_ok, l_made), "recall": ratio(l_found, l_total), "made": l_made,
                         "correct": l_ok, "expected": l_total},
        "conflicts": sum(len(r.conflicts) for r in records),
        "inspections": len(records),
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--truth", type=Path, nargs="+", default=[ROOT / "benchmarks/records/devset-truth.jsonl"])
    parser.add_argument("--show", action="store_true", help="list every miss and every wrong value")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.store, args.truth)
    if args.json:
        print(json.dumps(result if args.show else {k: v for k, v in result.items() if k != "errors"}, indent=2))
        return 0
    g, a, l = result["grades"], result["areas_for_improvement"], result["action_links"]
    print(f"documents: {result['documents']} (not in the store: {len(result['missing_documents'])})")
    print(f"grades (document, area, grade): precision {g['precision']}  recall {g['recall']}  (tp {g['tp']}, fp {g['fp']}, fn {g['fn']}; "
          f"restated from an earlier inspection, not scored: {g['restated']})")
    print(f"areas for improvement: recall {a['recall']} ({a['found']}/{a['expected']})  precision {a['precision']} (of {a['predicted']})")
    print(f"action → area links: precision {l['precision']} ({l['correct']}/{l['made']})  recall {l['recall']} (of {l['expected']})")
    print(f"inspections: {result['inspections']}, conflicts: {result['conflicts']}")
    if args.show:
        print("\n".join(result["errors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
