"""Factories for real documents written by the tests: PDF (fpdf2), DOCX (python-docx), HTML."""

from __future__ import annotations

import io
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def make_pdf(
    path: Path,
    pages: list[list[tuple[str, object]]],
    title: str | None = None,
    *,
    header: str | None = None,
    footer: str | None = None,
    col_widths: tuple[float, ...] | None = None,
    repeat_headings: bool = True,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> Path:
    """pages: for each page, a list of (style, content):
    "h" a heading, "p" a paragraph (wrapped by fpdf2), "lines" a paragraph broken exactly
    at its "\n"s (to put a hyphen at the end of a line), "table" a list of rows, the first
    the column headers, drawn with borders by fpdf2's table() (long cells wrap inside them;
    a table that runs onto the next page repeats its header row unless repeat_headings=False).
    header / footer: running lines ("\n" between them) printed at the top / bottom of every
    page; "{page}" and "{pages}" in them become the page number and the page count.
    Passwords: an encrypted PDF (RC4, which pypdf decrypts without extra packages); an owner
    password alone leaves the user password empty, so any reader can open it."""
    from fpdf import FPDF

    family = "DejaVu" if Path(FONT).exists() else "Helvetica"  # core font: Latin-1 only

    class Report(FPDF):
        def header(self) -> None:
            if header:
                self._running(header, 10)

        def footer(self) -> None:
            if footer:
                self._running(footer, -10 - 5 * len(footer.split("\n")))

        def _running(self, template: str, y: float) -> None:
            self.set_y(y)
            self.set_font(family, "", 9)
            for line in template.split("\n"):
                text = line.replace("{page}", str(self.page_no())).replace("{pages}", "{nb}")
                if family == "Helvetica":  # the core font has no bullet
                    text = text.replace("•", "·")
                self.cell(0, 5, text, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

    pdf = Report(format="A4")
    if family == "DejaVu":
        pdf.add_font("DejaVu", "", FONT)
        pdf.add_font("DejaVu", "B", FONT_BOLD)
    if title:
        pdf.set_title(title)
    if user_password is not None or owner_password is not None:
        pdf.set_encryption(owner_password=owner_password or user_password or "", user_password=user_password)
    for page in pages:
        pdf.add_page()
        for style, content in page:
            if style == "h":
                pdf.set_font(family, "B", 14)
                pdf.multi_cell(0, 8, str(content), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            elif style == "lines":
                pdf.set_font(family, "", 11)
                for line in str(content).split("\n"):
                    pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(4)
            elif style == "table":
                pdf.set_font(family, "", 11)
                with pdf.table(
                    col_widths=col_widths, text_align="LEFT", line_height=6, repeat_headings=int(repeat_headings)
                ) as table:
                    for cells in content:  # type: ignore[union-attr]
                        row = table.row()
                        for cell in cells:
                            row.cell(cell)
                pdf.ln(4)
            else:
                pdf.set_font(family, "", 11)
                pdf.multi_cell(0, 6, str(content), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(4)
    pdf.output(str(path))
    return path


def make_image_pdf(path: Path, pages: int = 1) -> Path:
    """A "scanned" PDF: each page one image and no text layer at all."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    png = _grey_png(200, 280)
    for _ in range(pages):
        pdf.add_page()
        pdf.image(png, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def _grey_png(width: int, height: int) -> io.BytesIO:
    """A hand-written PNG (no Pillow needed): light grey with dark stripes, like a scanned page."""
    import struct
    import zlib

    rows = b"".join(
        b"\x00" + bytes((40 if (y // 6) % 3 == 0 and 10 < x < width - 10 else 230) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return io.BytesIO(png)


def make_docx(path: Path, paragraphs: list[tuple[str, str]], table: list[list[str]] | None = None, merge_first_row_cells: bool = False) -> Path:
    """paragraphs: (style, text), style "h1"/"h2"/"p"; table: header row then body rows."""
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        if style.startswith("h"):
            document.add_heading(text, level=int(style[1:]))
        else:
            document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
        if merge_first_row_cells and len(table) > 1:
            merged = t.cell(1, 1).merge(t.cell(1, 2))
            merged.text = table[1][1]
    document.save(str(path))
    return path


def make_html(path: Path, body: str, title: str = "Agenda item") -> Path:
    path.write_text(
        f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>", encoding="utf-8"
    )
    return path


# --- small stores: documents written by a test, indexed, and answered from ---------------------


def write_docs(folder: Path, docs: dict[str, str]) -> Path:
    """Each named text as a file in `folder` (made if missing): Markdown with front matter, plain
    text, HTML, whatever the name's suffix says."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def index_into(settings, embedder, *paths: Path):
    """`paths` indexed into `settings.store` with the session's loaded model; the settings back.
    The store holds only these documents (and whatever the store already had)."""
    from indexer.pipeline import Indexer

    indexer = Indexer(settings)
    indexer.embedder = embedder
    summary = indexer.warm_up().run(list(paths))
    assert summary.ok, summary.to_dict()
    return settings


def answerer_over(settings, embedder):
    """An Answerer over the store `settings` name, sharing the session's model."""
    from assistant.answering import Answerer
    from assistant.retrieval import Retriever

    return Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()


def docs_store(root: Path, embedder, docs: dict[str, str] | None = None, **overrides):
    """The common case: `docs` (and any files a test already wrote under root/docs) indexed into a
    fresh store under `root`; the store's Settings back (with `overrides`)."""
    from indexer.settings import Settings

    folder = write_docs(root / "docs", docs or {})
    return index_into(Settings(store=root / "store", **overrides), embedder, folder)


def grades_of(record) -> set:
    """(area, grade) of each grade an extracted record holds: what the records tests compare."""
    return {(g.area, g.grade) for g in record.grades}


def areas_of(record) -> list[str]:
    """The wording of each area for improvement an extracted record holds."""
    return [a.text for a in record.improvements]
