"""Factories for real documents written by the tests: PDF (fpdf2), DOCX (python-docx), HTML."""

from __future__ import annotations

from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def make_pdf(path: Path, pages: list[list[tuple[str, str]]], title: str | None = None) -> Path:
    """pages: for each page, a list of (style, text) where style is "h" (heading) or "p"."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    if Path(FONT).exists():
        pdf.add_font("DejaVu", "", FONT)
        pdf.add_font("DejaVu", "B", FONT_BOLD)
        family = "DejaVu"
    else:  # core font: Latin-1 only
        family = "Helvetica"
    if title:
        pdf.set_title(title)
    for page in pages:
        pdf.add_page()
        for style, text in page:
            if style == "h":
                pdf.set_font(family, "B", 14)
                pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            else:
                pdf.set_font(family, "", 11)
                pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(4)
    pdf.output(str(path))
    return path


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
