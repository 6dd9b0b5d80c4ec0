"""How well the indexer detects kind, council and date against a hand-read truth file:
`python benchmarks/metadata_truth.py FOLDER TRUTH.jsonl [TRUTH.jsonl ...]`.

Each truth line is `{"file", "kind", "authority", "date"}` (the document's own date, to the
precision it gives). Prints the share right per field and every miss. A date counts when it
agrees to the truth's precision ("2023-05" is right for a detected "2023-05-17").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.loaders import load  # noqa: E402


def main(argv: list[str]) -> int:
    folder, truths = Path(argv[0]), [Path(a) for a in argv[1:]]
    rows = [json.loads(line) for t in truths for line in t.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = {"kind": 0, "council": 0, "year": 0, "date": 0}
    misses = []
    for row in rows:
        doc = load(folder / row["file"], row["file"])
        want = str(row.get("date") or "")
        ok = {
            "kind": doc.kind.value == row["kind"],
            "council": doc.authority == row["authority"],
            "year": doc.date[:4] == want[:4],
            "date": bool(want) and doc.date[: len(want)] == want,
        }
        for k, v in ok.items():
            right[k] += v
        if not all(ok.values()):
            misses.append(f"  {row['file']}: detected ({doc.kind.value}, {doc.authority!r}, {doc.date!r}) "
                          f"expected ({row['kind']}, {row['authority']!r}, {want!r})")
    n = len(rows)
    for k, v in right.items():
        print(f"{k:8} {v}/{n} = {v / n:.3f}")
    print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
