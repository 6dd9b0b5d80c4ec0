"""The documents of the metadata truth sets, each loaded once and read under two names, for the
scripts that fit the indexer's metadata weights (fit_date_weights.py, fit_kind_council_weights.py).

A set is the development corpus (its truth is each source's front matter) or FOLDER TRUTH...
(benchmarks/metadata_truth.py's files). Each document is read under its real file name and under
a neutral one ("doc.pdf"), as a file on a shared drive called "report.pdf" would be.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from indexer.loaders import load


def truth_rows(devset: str | None, sets: list[list[str]] | None, keep: Callable[[dict], bool] = bool) -> list[tuple[str, Path, dict]]:
    """(set label, file, truth row with kind, authority and date) per document; `keep` chooses
    among the truth files' rows (the development corpus's front matter gives every field)."""
    raw = []
    if devset:
        from benchmarks.devset.build import SUFFIX, read_sources

        for src in read_sources():
            name = f"{src.stem}{SUFFIX[str(src.meta['format'])]}"
            meta = {"kind": src.meta["kind"], "authority": src.meta["authority"], "date": str(src.meta["date"])}
            raw.append(("A-D", Path(devset) / name, meta))
    for folder, *truths in sets or []:
        label = Path(truths[0]).parent.name if truths else folder
        for t in truths:
            for line in Path(t).read_text(encoding="utf-8").splitlines():
                if line.strip() and keep(row := json.loads(line)):
                    raw.append((label, Path(folder) / row["file"], row))
    return raw


def documents(rows: list[tuple[str, Path, dict]]) -> list[dict]:
    """Two readings per row: set, file, group (the row's number: both readings share it, so a
    cross-validation fold holds both), naming ("real" or "neutral"), title, name, blocks, the
    loaded document's kind, and the truth row."""
    docs = []
    for i, (label, path, truth) in enumerate(rows):
        doc = load(path, path.name)
        for naming, name in (("real", path.name), ("neutral", f"doc{path.suffix}")):
            # A title the loader took from the file name is a file name too.
            title = doc.title if naming == "real" or doc.title != path.stem.replace("_", " ").replace("-", " ") else "doc"
            docs.append(dict(set=label, file=path.name, group=i, naming=naming, title=title, name=name,
                             blocks=doc.blocks, loaded_kind=doc.kind, truth=truth))
    return docs
