"""How well the indexer detects kind, council and date on the development corpus:
`python benchmarks/devset/metadata_check.py` (builds the corpus into a temporary folder).

Compares what the loaders detect with what each source's front matter says. Prints the
share right per field (a date counts as right when the year is right, and separately
when it agrees to the precision the front matter gives) and lists every miss.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.devset.build import SUFFIX, build, read_sources  # noqa: E402
from indexer.loaders import load  # noqa: E402


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="devset-"))
    build(out)
    rows = []
    for src in read_sources():
        path = out / f"{src.stem}{SUFFIX[str(src.meta['format'])]}"
        doc = load(path, path.name)
        want_date = str(src.meta["date"])
        rows.append(
            (src.stem, doc.kind.value == src.meta["kind"], doc.authority == src.meta["authority"],
             doc.date[:4] == want_date[:4], doc.date[: len(want_date)] == want_date, doc, src.meta)
        )
    n = len(rows)
    for i, field in enumerate(["kind", "council", "year", "date (to the given precision)"], start=1):
        print(f"{field:32} {sum(r[i] for r in rows)}/{n}")
    for stem, kind_ok, council_ok, year_ok, date_ok, doc, meta in rows:
        if not (kind_ok and council_ok and date_ok):
            print(f"  {stem}: detected ({doc.kind.value}, {doc.authority}, {doc.date}) "
                  f"expected ({meta['kind']}, {meta['authority']}, {meta['date']})")


if __name__ == "__main__":
    main()
