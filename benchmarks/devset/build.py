"""Render the development corpus: `python benchmarks/devset/build.py [OUT]` (default
benchmarks/devset/build/, git-ignored).

Each file in sources/ is one document written in simple Markdown with front matter saying
which format to render it as (pdf, docx, html, md, txt). The rendered files carry no
metadata beyond what a real document would: no sidecars, no front matter. The indexer has
to detect kind, council and date the way it does on a real shared drive. PDFs get a running
header and a "Page n of N" footer, and HTML pages get council-site chrome, as real ones do.

Needs fpdf2 and python-docx (the `test` extra) and the DejaVu fonts.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass
class Source:
    stem: str
    meta: dict
    body: str


def read_sources(folder: Path = HERE / "sources") -> list[Source]:
    sources = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = FRONT.match(text)
        if not match:
            raise SystemExit(f"{path}: no front matter")
        meta = yaml.safe_load(match.group(1))
        sources.append(Source(path.stem, meta, text[match.end():]))
    return sources


def parse(body: str) -> list[tuple[str, object]]:
    """(kind, content) items: ("h1".."h3", text), ("p", text), ("li", text), ("table", rows), ("page", None)."""
    items: list[tuple[str, object]] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [l.rstrip() for l in chunk.strip().splitlines() if l.strip()]
        if not lines:
            continue
        if lines == ["[page]"]:
            items.append(("page", None))
        elif all(l.lstrip().startswith("|") for l in lines):
            rows = [[c.strip() for c in l.strip().strip("|").split("|")] for l in lines]
            items.append(("table", [r for r in rows if not all(re.fullmatch(r":?-{2,}:?", c) for c in r)]))
        else:
            para: list[str] = []
            for line in lines:
                heading = re.match(r"^(#{1,3})\s+(.*)$", line)
                bullet = re.match(r"^\s*[-*]\s+(.*)$", line)
                if heading or bullet or line == "[page]":
                    if para:
                        items.append(("p", " ".join(para)))
                        para = []
                if heading:
                    items.append((f"h{len(heading.group(1))}", heading.group(2).strip()))
                elif bullet:
                    items.append(("li", bullet.group(1).strip()))
                elif line == "[page]":
                    items.append(("page", None))
                else:
                    para.append(line.strip())
            if para:
                items.append(("p", " ".join(para)))
    return items


def render_pdf(src: Source, items, out: Path) -> None:
    from fpdf import FPDF

    running = src.meta.get("authority", "") + " children's services"

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", "", 8)
            self.cell(0, 6, running, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", "", 8)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Report(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_title(str(src.meta["title"]))
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))  # same bytes on every build
    pdf.add_page()
    for kind, content in items:
        if kind == "page":
            pdf.add_page()
        elif kind.startswith("h"):
            pdf.set_font("DejaVu", "B", {"h1": 15, "h2": 13, "h3": 12}[kind])
            pdf.multi_cell(0, 7, str(content), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            pdf.set_font("DejaVu", "", 9)
            with pdf.table(first_row_as_headings=True, line_height=5) as table:
                for row in content:
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(3)
        else:
            pdf.set_font("DejaVu", "", 11)
            text = f"• {content}" if kind == "li" else str(content)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2 if kind == "li" else 3)
    pdf.output(str(out))


def render_docx(src: Source, items, out: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = str(src.meta["title"])
    for kind, content in items:
        if kind == "page":
            continue
        if kind.startswith("h"):
            document.add_heading(str(content), level=int(kind[1]))
        elif kind == "li":
            document.add_paragraph(str(content), style="List Bullet")
        elif kind == "table":
            table = document.add_table(rows=len(content), cols=max(len(r) for r in content))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            document.add_paragraph(str(content))
    document.save(str(out))


def render_html(src: Source, items, out: Path) -> None:
    from html import escape

    parts, in_list = [], False
    for kind, content in items:
        if kind != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        if kind == "page":
            continue
        if kind.startswith("h"):
            parts.append(f"<{kind}>{escape(str(content))}</{kind}>")
        elif kind == "li":
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f"<li>{escape(str(content))}</li>")
        elif kind == "table":
            head, *rows = content
            parts.append("<table><tr>" + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr>")
            parts += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows]
            parts.append("</table>")
        else:
            parts.append(f"<p>{escape(str(content))}</p>")
    if in_list:
        parts.append("</ul>")
    council = escape(str(src.meta.get("authority", "")))
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{escape(str(src.meta['title']))} | {council} Council</title></head><body>
<div id="cookie-banner">We use cookies to make this site work. Accept all cookies. Manage cookie settings.</div>
<header class="masthead"><a href="/">{council} Council</a><nav><a href="/bins">Bins and recycling</a> <a href="/jobs">Jobs and careers</a></nav></header>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/meetings">Councillors and meetings</a></div>
<main id="modgov">{''.join(parts)}</main>
<aside class="sidebar"><h2>Related pages</h2><ul><li><a href="/school-admissions">School admissions</a></li><li><a href="/council-tax">Pay your council tax</a></li></ul></aside>
<footer>© {council} Council. Accessibility statement. Privacy notice. Contact us.</footer>
</body></html>"""
    out.write_text(page, encoding="utf-8")


def render_text(items, out: Path, markdown: bool) -> None:
    lines = []
    for kind, content in items:
        if kind == "page":
            continue
        if kind.startswith("h"):
            lines.append(("#" * int(kind[1]) + " " if markdown else "") + str(content))
        elif kind == "li":
            lines.append(f"- {content}")
        elif kind == "table":
            head, *rows = content
            if markdown:
                lines.append("\n".join(
                    ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in rows]
                ))
            else:
                lines.append("\n".join("; ".join(f"{h}: {v}" for h, v in zip(head, r)) for r in rows))
        else:
            lines.append(str(content))
    out.write_text("\n\n".join(lines) + "\n", encoding="utf-8")


SUFFIX = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "md": ".md", "txt": ".txt"}


def build(out: Path, sources: Path = HERE / "sources") -> list[Path]:
    """Render every `*.md` source in `sources` into `out`, and copy files in `sources/raw/`
    verbatim: a news page with its adverts or a ModernGov page is written as the site serves it,
    which the simple renderer cannot imitate."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    raw = sources / "raw"
    for path in sorted(raw.iterdir()) if raw.is_dir() else []:
        if path.is_file():
            target = out / path.name
            target.write_bytes(path.read_bytes())
            written.append(target)
    for src in read_sources(sources):
        fmt = str(src.meta["format"])
        items = parse(src.body)
        path = out / f"{src.stem}{SUFFIX[fmt]}"
        if fmt == "pdf":
            render_pdf(src, items, path)
        elif fmt == "docx":
            render_docx(src, items, path)
        elif fmt == "html":
            render_html(src, items, path)
        else:
            render_text(items, path, markdown=fmt == "md")
        written.append(path)
    return written


if __name__ == "__main__":
    # build.py [OUT [SOURCES]]: another set (a sealed one) renders with the same code.
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "build"
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "sources"
    files = build(target, folder)
    print(f"wrote {len(files)} documents to {target}")
