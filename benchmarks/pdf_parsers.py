"""Which PDF parser the PDF loader should use, measured: `python benchmarks/pdf_parsers.py`.

Builds realistic reports with fpdf2 (the factory the tests use): a 4-page ILACS-style report
with a running header, a two-line running footer with page numbers, a bordered judgements
table whose cells wrap (the grade "Requires improvement to be good" over two lines inside
its cell), hyphenated line breaks, real hyphens and headings; and a 50-page report for speed.
Then compares, on the same files:

- pypdf (BSD; the current dependency): plain `extract_text()`, and its visitors (text
  runs with position, font and size; painted lines and rectangles), which `indexer/loaders/pdf.py` uses;
- pypdfium2 (Apache-2.0/BSD-3): PDFium's text page, character boxes;
- pdfplumber (MIT, on pdfminer.six): text lines with positions and fonts, `extract_tables()`;
- llama-index: llama-index-core has no PDF parser; its default `PDFReader` (package
  llama-index-readers-file) is pypdf `extract_text()` per page with the page label. Used
  when installed, otherwise that same recipe is run here.

Columns:
- text: exact lines (whitespace aside) found on the right page, out of the checks below;
- furniture: running header/footer lines flagged by one rule applied to every parser's own
  line positions (same text, digits aside, at the same height among a page's top or bottom
  three lines on 3+ pages), and body lines wrongly flagged; "-" when the parser gives no positions;
- fonts: whether bold/size per line is available (headings);
- table: judgements table rows (header included) recovered with exactly their cells;
- pages/s: on the 50-page report, best of 3 runs, for the work the loader needs from it.

Optional parsers are skipped when not installed (`pip install -c constraints.txt pypdfium2 pdfplumber`).
Prints a table; asserts nothing.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.docs import make_pdf  # noqa: E402

HEADER = "Inspection of Manchester City Council children's services"
FOOTER = "ILACS report 2022\nOfsted  •  Page {page} of {pages}"
JUDGEMENTS = [
    ["Judgement", "Grade"],
    ["The impact of leaders on social work practice with children and families", "Good"],
    ["The experiences and progress of children who need help and protection", "Requires improvement to be good"],
    ["The experiences and progress of children in care", "Good"],
    ["Overall effectiveness", "Requires improvement to be good"],
]
PARA = (
    "Leaders have strengthened the front door so that referrals about children are screened within a day, "
    "and managers check that decisions are timely and proportionate to the risks that children face."
)
REPORT = [
    [("h", "Judgements"), ("table", JUDGEMENTS), ("p", "Children in Manchester receive services that are improving.")],
    [
        ("h", "Care leavers"),
        (
            "lines",
            "Personal advisers keep in touch with young people and know them well. Their safe-\n"
            "guarding needs are reviewed often, and their well-being is a priority for the\n"
            "whole service, as it is in Stockton-on-Tees.",
        ),
    ],
    [("h", "Help and protection"), ("p", PARA)],
    [("h", "Children in care"), ("p", "Social workers see children alone and record what they say in their own words.")],
]
# (page, a line exactly as printed): does the parser give these characters, on this page?
TEXT_CHECKS = [
    (1, "Judgements"),
    (1, "Requires improvement"),
    (1, "Children in Manchester receive services that are improving."),
    (2, "Personal advisers keep in touch with young people and know them well. Their safe-"),
    (2, "guarding needs are reviewed often, and their well-being is a priority for the"),
    (2, "whole service, as it is in Stockton-on-Tees."),
    (3, "Help and protection"),
    (3, "Leaders have strengthened the front door"),
    (4, "Social workers see children alone and record what they say in their own words."),
]
COL_WIDTHS = (130, 60)

Lines = list[tuple[str, float, bool | None]]  # (text, height from the top of the page, bold)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- parsers: page texts, positioned lines (or None), table rows (or None) ---------------------------


def pypdf_pages(path: Path) -> tuple[list[str], list[Lines] | None, list[list[str]] | None]:
    from pypdf import PdfReader

    from indexer.loaders.pdf import load_pdf

    reader = PdfReader(path)
    texts = [page.extract_text() for page in reader.pages]
    positioned = []
    for page in reader.pages:
        height = float(page.mediabox.top)
        lines: list[list] = []

        def visit(text, cm, tm, font, size, lines=lines, height=height):
            bold = "bold" in str((font or {}).get("/BaseFont", "")).lower()
            for i, piece in enumerate(text.split("\n")):
                if i or not lines:
                    lines.append(["", None, True])
                if piece.strip():
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    lines[-1][0] += piece
                    lines[-1][1] = lines[-1][1] if lines[-1][1] is not None else height - y
                    lines[-1][2] = lines[-1][2] and bold

        page.extract_text(visitor_text=visit)
        positioned.append([(t.strip(), y, b) for t, y, b in lines if t.strip() and y is not None])
    _, blocks = load_pdf(path)
    rows = [b.verbatim.split("\n") for b in blocks if b.is_table_row and b.page == 1]
    header = _loader_header(blocks)
    return texts, positioned, ([header] if header else []) + rows


def _loader_header(blocks) -> list[str]:
    first = next((b for b in blocks if b.is_table_row), None)
    if first is None:
        return []
    return [part.split(": ", 1)[0] for part in first.text.split(" — ")]


def pypdfium2_pages(path: Path) -> tuple[list[str], list[Lines] | None, list[list[str]] | None]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    texts, positioned = [], []
    for page in document:
        height = page.get_height()
        textpage = page.get_textpage()
        count = textpage.count_chars()
        text = textpage.get_text_range()
        texts.append(text)
        lines: Lines = []
        current, top = "", None
        for i in range(min(count, len(text))):
            ch = text[i]
            if ch in "\r\n":
                if current.strip():
                    lines.append((current.strip(), top, None))
                current, top = "", None
                continue
            if top is None and not ch.isspace():
                top = height - textpage.get_charbox(i)[3]
            current += ch
        if current.strip():
            lines.append((current.strip(), top, None))
        positioned.append(lines)
    document.close()
    return texts, positioned, None


def pdfplumber_pages(path: Path) -> tuple[list[str], list[Lines] | None, list[list[str]] | None]:
    import pdfplumber

    texts, positioned, rows = [], [], []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            texts.append(page.extract_text())
            lines = page.extract_text_lines()
            positioned.append(
                [(l["text"], l["top"], all("Bold" in c["fontname"] for c in l["chars"])) for l in lines]
            )
            if number == 1:
                for table in page.extract_tables():
                    rows.extend([[re.sub(r"\s+", " ", cell or "").strip() for cell in row] for row in table])
    return texts, positioned, rows


def llama_index_pages(path: Path) -> tuple[list[str], list[Lines] | None, list[list[str]] | None]:
    try:
        from llama_index.readers.file import PDFReader  # type: ignore[import-not-found]

        documents = PDFReader().load_data(path)
        return [d.text for d in documents], None, None
    except ImportError:  # llama-index-readers-file's PDFReader.load_data, as it is written
        from pypdf import PdfReader

        reader = PdfReader(path)
        return [reader.pages[i].extract_text() for i in range(len(reader.pages))], None, None


# --- speed: the work the loader needs from each parser -------------------------------------------


def speed_pypdf_plain(path: Path) -> int:
    from pypdf import PdfReader

    reader = PdfReader(path)
    for page in reader.pages:
        page.extract_text()
    return len(reader.pages)


def speed_pypdf_loader(path: Path) -> int:
    from indexer.loaders.pdf import load_pdf

    _, blocks = load_pdf(path)
    return max(b.page or 0 for b in blocks)


def speed_pypdfium2(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    pages = len(document)
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        for i in range(textpage.count_chars()):
            textpage.get_charbox(i)
    document.close()
    return pages


def speed_pypdfium2_text(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    pages = len(document)
    for page in document:
        page.get_textpage().get_text_range()
    document.close()
    return pages


def speed_pdfplumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text_lines()
            page.extract_tables()
        return len(pdf.pages)


def speed_llama_index(path: Path) -> int:
    return len(llama_index_pages(path)[0])


def pages_per_second(run: Callable[[Path], int], path: Path, repeats: int = 3) -> float:
    best = float("inf")
    pages = 0
    for _ in range(repeats):
        started = time.perf_counter()
        pages = run(path)
        best = min(best, time.perf_counter() - started)
    return pages / best


# --- scoring --------------------------------------------------------------------------------------


def text_score(texts: list[str]) -> int:
    return sum(
        1 for page, line in TEXT_CHECKS if page <= len(texts) and squash(line) in squash(texts[page - 1] or "")
    )


def furniture(pages: list[Lines]) -> set[tuple[int, str]]:
    """The one rule, on any parser's line positions: same text (digits aside) at the same
    height (±3 pt) among a page's top or bottom three lines, on 3+ pages."""
    seen: dict[tuple[str, str], list[tuple[int, str, float]]] = defaultdict(list)
    for number, lines in enumerate(pages, start=1):
        ordered = sorted(lines, key=lambda l: l[1])
        for zone, edge in (("top", ordered[:3]), ("bottom", ordered[-3:])):
            for text, top, _ in edge:
                seen[(zone, re.sub(r"\d+", "#", squash(text)))].append((number, text, top))
    found: set[tuple[int, str]] = set()
    for occurrences in seen.values():
        for _, _, ref in occurrences:
            group = [(n, t) for n, t, top in occurrences if abs(top - ref) <= 3]
            if len({n for n, _ in group}) >= 3:
                found.update(group)
    return found


def furniture_score(pages: list[Lines]) -> tuple[int, int, int]:
    expected = {
        (n, squash(line.replace("{page}", str(n)).replace("{pages}", str(len(pages)))))
        for n in range(1, len(pages) + 1)
        for line in [HEADER, *FOOTER.split("\n")]
    }
    flagged = {(n, squash(t)) for n, t in furniture(pages)}
    return len(flagged & expected), len(expected), len(flagged - expected)


def table_score(rows: list[list[str]] | None) -> str:
    if rows is None:
        return "no table API"
    got = [[re.sub(r"\s+", " ", c).strip() for c in row] for row in rows]
    return f"{sum(1 for row in JUDGEMENTS if row in got)}/{len(JUDGEMENTS)}"


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="pdf-bench-"))
    report = make_pdf(folder / "report.pdf", REPORT, header=HEADER, footer=FOOTER, col_widths=COL_WIDTHS)
    long_pages = [
        [("h", f"Section {n}")] + ([("table", JUDGEMENTS)] if n % 5 == 1 else []) + [("p", PARA)] * 5
        for n in range(1, 51)
    ]
    big = make_pdf(folder / "fifty.pdf", long_pages, header=HEADER, footer=FOOTER, col_widths=COL_WIDTHS)

    parsers = [
        ("pypdf (loader: visitors)", pypdf_pages, [("extract_text", speed_pypdf_plain), ("load_pdf", speed_pypdf_loader)]),
        ("pypdfium2", pypdfium2_pages, [("text", speed_pypdfium2_text), ("text+boxes", speed_pypdfium2)]),
        ("pdfplumber", pdfplumber_pages, [("lines+tables", speed_pdfplumber)]),
        ("llama-index PDFReader", llama_index_pages, [("load_data", speed_llama_index)]),
    ]
    print(f"{'parser':26} {'text':>5} {'furniture':>14} {'fonts':>6} {'table':>13}  pages/s (50 pages)")
    notes = []
    for name, pages_of, speeds in parsers:
        try:
            texts, positioned, rows = pages_of(report)
        except ImportError as exc:
            print(f"{name:26} not installed ({exc.name})")
            continue
        if any("\ufffe" in t or "\x02" in t for t in texts):
            notes.append(f"{name}: a hyphen at a line end comes back as U+FFFE/U+0002, the line break dropped")
        text = f"{text_score(texts)}/{len(TEXT_CHECKS)}"
        if positioned is None:
            furn, fonts = "-", "no"
        else:
            hit, total, wrong = furniture_score(positioned)
            furn = f"{hit}/{total}, {wrong} wrong"
            fonts = "yes" if any(b is not None for lines in positioned for _, _, b in lines) else "no"
        rates = ", ".join(f"{label} {pages_per_second(run, big):.0f}" for label, run in speeds)
        print(f"{name:26} {text:>5} {furn:>14} {fonts:>6} {table_score(rows):>13}  {rates}")
    for note in notes:
        print("note:", note)


if __name__ == "__main__":
    main()
