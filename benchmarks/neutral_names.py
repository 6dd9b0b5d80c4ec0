"""Copy a rendered set under neutral file names and write its truth with those names, so the
metadata check cannot lean on a council, kind or year in the file name (a shared drive's files
are called "agenda item 5.pdf" or "report.docx"):

    python benchmarks/neutral_names.py BUILT OUT [TRUTH.jsonl ...]

writes OUT/doc-NN.ext and OUT-truth.jsonl; then `python benchmarks/metadata_truth.py OUT OUT-truth.jsonl`.
With no truth files, BUILT is taken to be A-D (benchmarks/devset/build.py with its default
sources) and the truth is each source's front matter.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def devset_truth() -> list[dict]:
    from benchmarks.devset.build import SUFFIX, read_sources

    return [{"file": f"{s.stem}{SUFFIX[str(s.meta['format'])]}", "kind": s.meta["kind"],
             "authority": s.meta["authority"], "date": str(s.meta["date"])} for s in read_sources()]


def main(argv: list[str]) -> int:
    built, out, truths = Path(argv[0]), Path(argv[1]), [Path(t) for t in argv[2:]]
    rows = ([json.loads(line) for t in truths for line in t.read_text(encoding="utf-8").splitlines() if line.strip()]
            if truths else devset_truth())
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with open(out.parent / f"{out.name}-truth.jsonl", "w", encoding="utf-8") as f:
        for i, row in enumerate(rows):
            src = built / row["file"]
            name = f"doc-{i:02d}{src.suffix}"
            shutil.copy(src, out / name)
            f.write(json.dumps({**row, "file": name}) + "\n")
    print(f"wrote {len(rows)} documents to {out} and their truth to {out.parent / (out.name + '-truth.jsonl')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
