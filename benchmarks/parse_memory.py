"""Peak memory of parsing large files: `python benchmarks/parse_memory.py [--json] [--sizes 1 10 50]`.

Writes council-shaped files of each size (HTML minutes pages of prose paragraphs and headings,
on one line; plain text of paragraphs; an HTML page of many short tags; a 500-page PDF report),
then loads each with `indexer.loaders.load` in a fresh process, as the indexer does (its limits
included: IA_MAX_HTML_MB, IA_MAX_HTML_TAGS), and prints the seconds, the peak RSS of that
process (VmHWM), the same for a process that loads a one-paragraph file (the baseline: Python and the
parsers' imports), the difference, and that difference over the file's size. A file the
loader refuses shows the refusal: it was refused before parsing, so its memory is the read.

Numbers, not asserts. The CPU and its flags are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.indexing import cpu_name  # noqa: E402
from benchmarks.login_flood import cpu_flags  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "Members of the scrutiny committee discussed the Ofsted inspection of children's services and the action "
    "plan for care leavers, supervision of social workers and caseloads in the front door team."
)

CHILD = """
import json, sys, time
from pathlib import Path
from indexer.loaders import LoadError, load
path = Path(sys.argv[1])
started = time.perf_counter()
try:
    document = load(path, path.name)
    outcome = f"{len(document.blocks)} blocks"
except LoadError as exc:
    outcome = f"refused: {exc}"
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the parent, which wrote the file.
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": time.perf_counter() - started, "peak_kib": peak, "outcome": outcome}))
"""


def write_html(path: Path, megabytes: float) -> Path:
    parts, size, i = ["<html><head><title>Children's Scrutiny Committee minutes</title></head><body><main><h1>Minutes</h1>"], 0, 0
    while size < megabytes * 1e6:
        piece = (f"<h2>Item {i}</h2>" if i % 10 == 0 else "") + f"<p>{PARAGRAPH} Item {i}.</p>"
        parts.append(piece)
        size += len(piece)
        i += 1
    path.write_text("".join(parts) + "</main></body></html>", encoding="utf-8")  # one line, as the page
    return path


def write_tags(path: Path, megabytes: float) -> Path:
    n = int(megabytes * 1e6 / len("<b>ab</b> "))
    path.write_text("<html><body><main><p>" + "<b>ab</b> " * n + "</p></main></body></html>", encoding="utf-8")
    return path


def write_text(path: Path, megabytes: float) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Children's Scrutiny Committee minutes\n\n")
        size, i = 0, 0
        while size < megabytes * 1e6:
            piece = f"{PARAGRAPH} Item {i}.\n\n"
            fh.write(piece)
            size += len(piece)
            i += 1
    return path


def write_pdf(path: Path, pages: int) -> Path:
    from tests.docs import make_pdf

    content = [[("h", f"Section {n}"), ("p", f"{PARAGRAPH} Page {n}. " * 6), ("p", PARAGRAPH * 3)] for n in range(pages)]
    return make_pdf(path, content, title="Inspection of Anytown children's services", footer="Page {page} of {pages}")


def measure(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], cwd=REPO, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    if done.returncode != 0:
        return {"seconds": None, "peak_kib": None, "outcome": f"crashed: {done.stderr[-300:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50], help="file sizes in MB")
    parser.add_argument("--pdf-pages", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory(prefix="parse-memory-") as tmp:
        folder = Path(tmp)
        baselines = {}
        for kind, writer in (("html", write_html), ("txt", write_text)):
            base = measure(writer(folder / f"baseline.{'html' if kind == 'html' else 'txt'}", 0.0002))
            baselines[kind] = base["peak_kib"]
        baselines["pdf"] = measure(write_pdf(folder / "baseline.pdf", 1))["peak_kib"]
        cases = [(f"HTML, {s:g} MB", "html", write_html, s, "html") for s in args.sizes]
        cases += [(f"HTML of short tags, {s:g} MB", "html", write_tags, s, "html") for s in (0.5, 2)]
        cases += [(f"text, {s:g} MB", "txt", write_text, s, "txt") for s in args.sizes]
        for name, kind, writer, size, suffix in cases:
            path = writer(folder / f"case.{suffix}", size)
            rows.append({"file": name, "bytes": path.stat().st_size, **measure(path), "baseline_kib": baselines[kind]})
            path.unlink()
        pdf = write_pdf(folder / "report.pdf", args.pdf_pages)
        rows.append({"file": f"PDF, {args.pdf_pages} pages", "bytes": pdf.stat().st_size, **measure(pdf), "baseline_kib": baselines["pdf"]})

    for r in rows:
        # A refused file is never parsed (the HTML parser is not even imported), so it has no
        # parsing memory to compare with the baseline.
        if r["peak_kib"] and not r["outcome"].startswith("refused"):
            r["over_baseline_mib"] = round((r["peak_kib"] - r["baseline_kib"]) / 1024, 1)
            r["over_baseline_per_mb"] = round((r["peak_kib"] - r["baseline_kib"]) * 1024 / r["bytes"], 1)
    report = {"cpu": cpu_name(), "cpu_flags": cpu_flags(), "rows": rows}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"CPU: {report['cpu']} (flags: {report['cpu_flags']})")
    print(f"{'file':<30} {'size MB':>8} {'seconds':>8} {'peak MiB':>9} {'baseline':>9} {'+MiB':>7} {'+ per MB':>8}  outcome")
    for r in rows:
        print(
            f"{r['file']:<30} {r['bytes'] / 1e6:>8.1f} {r['seconds'] or 0:>8.2f} {(r['peak_kib'] or 0) / 1024:>9.0f} "
            f"{r['baseline_kib'] / 1024:>9.0f} {r.get('over_baseline_mib', '—'):>7} {r.get('over_baseline_per_mb', '—'):>8}  "
            f"{r['outcome'][:110]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
