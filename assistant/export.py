"""An answer as a trainer pastes it into training material: the question, the answer, and every
quote in full with where it comes from (title, kind, council, date, page, file).

Markdown: document text is backslash-escaped, so a quote containing `[x](javascript:...)`,
`<script>` or `*` shows those characters when rendered instead of becoming a link, HTML or
emphasis. DOCX: python-docx, with characters XML cannot hold removed (python-docx refuses them).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from assistant.types import Answer, Citation

# The characters that make links, images, HTML, entities, code, emphasis or tables inline;
# a backslash before ASCII punctuation shows it literally. Escaping every punctuation mark
# would also work but would litter "2022\-05\." through text trainers read as plain Markdown.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# At the start of a line these make a heading, list or quote.
_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))", re.M)
# What XML 1.0 (so a .docx) cannot contain: control characters other than tab and newlines.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def md(text: str) -> str:
    """Document text for Markdown: shown as written, never as markup."""
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match) -> str:
    if m.group(2):  # "# ...", "- ...": the mark itself
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"  # "1. ...": the full stop, not the digit


def details(c: Citation) -> list[tuple[str, str]]:
    """(label, value) pairs describing where a quote comes from, the empty ones left out."""
    rows = [
        ("Document", c.title),
        ("Kind", c.kind_label),
        ("Council", c.authority),
        ("Date", c.date),
        ("Page", str(c.page) if c.page else ""),
        ("Section", c.heading),
        ("File", c.source),
    ]
    return [(label, value) for label, value in rows if value]


def _stamp() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")


def to_markdown(answer: Answer) -> str:
    out = _markdown_answer(answer, 1)
    out += ["---", "", f"Exported from the inspection assistant on {_stamp()}. Quotes are verbatim from the documents."]
    return "\n".join(out) + "\n"


def conversation_to_markdown(title: str, answers: list[Answer]) -> str:
    """A whole conversation: each question with its answer and sources, in order."""
    out = [f"# {md(title)}", ""]
    for answer in answers:
        out += _markdown_answer(answer, 2)
    out += ["---", "", f"Exported from the inspection assistant on {_stamp()}. Quotes are verbatim from the documents."]
    return "\n".join(out) + "\n"


def _markdown_answer(answer: Answer, level: int) -> list[str]:
    h = "#" * level
    out = [f"{h} {md(answer.question)}", "", f"{h}# Answer", ""]
    if answer.scope.inherited and answer.scope:
        out += [f"*Taken to mean: {md(answer.scope.describe())}*", ""]
    if answer.notice:
        out += [f"*{md(answer.notice)}*", ""]
    out += [md(answer.answer), ""]
    if answer.citations:
        out += [f"{h}# Sources", ""]
        for c in answer.citations:
            out += [f"{h}## [{c.n}] {md(c.title)}", ""]
            out += [f"- {label}: {md(value)}" for label, value in details(c)]
            out += [""] + [f"> {md(line)}" if line.strip() else ">" for line in c.quote.splitlines()] + [""]
            if c.answer_text and c.answer_text.strip() != c.quote.strip():
                out += [f"Answer sentence: {md(c.answer_text)}", ""]
    elif answer.related:
        out += [f"{h}# Closest documents (they do not answer the question)", ""]
        for hit in answer.related[:3]:
            page = f", page {hit.passage.page}" if hit.passage.page else ""
            out.append(f"- {md(hit.passage.title)}{page} ({md(hit.passage.source)})")
        out.append("")
    return out


def _x(text: str) -> str:
    return _NOT_XML.sub("", text)


def to_docx(answer: Answer, path: Path) -> Path:
    import docx

    document = docx.Document()
    _docx_answer(document, answer, 1)
    return _save(document, path)


def conversation_to_docx(title: str, answers: list[Answer], path: Path) -> Path:
    """A whole conversation as one Word document: each question a heading, in order."""
    import docx

    document = docx.Document()
    document.add_heading(_x(title), level=1)
    for answer in answers:
        _docx_answer(document, answer, 2)
    return _save(document, path)


def _save(document, path: Path) -> Path:
    from docx.shared import Pt

    footer = document.add_paragraph()
    footer.add_run(f"Exported from the inspection assistant on {_stamp()}. Quotes are verbatim from the documents.").font.size = Pt(8)
    path = Path(path)
    document.save(str(path))
    return path


def _docx_answer(document, answer: Answer, level: int) -> None:
    document.add_heading(_x(answer.question), level=level)
    if answer.scope.inherited and answer.scope:
        document.add_paragraph().add_run(_x(f"Taken to mean: {answer.scope.describe()}")).italic = True
    if answer.notice:
        document.add_paragraph().add_run(_x(answer.notice)).italic = True
    document.add_paragraph(_x(answer.answer))
    if answer.citations:
        document.add_heading("Sources", level=level + 1)
        for c in answer.citations:
            document.add_heading(_x(f"[{c.n}] {c.title}"), level=level + 2)
            for label, value in details(c):
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(_x(value))
            quote = document.add_paragraph(style="Quote")
            # A table row's quote is its cells, one per line: kept as lines of one quote.
            for i, line in enumerate(c.quote.splitlines()):
                if i:
                    quote.add_run().add_break()
                quote.add_run(_x(line))
            if c.answer_text and c.answer_text.strip() != c.quote.strip():
                document.add_paragraph(_x(f"Answer sentence: {c.answer_text}"))
    elif answer.related:
        document.add_heading("Closest documents (they do not answer the question)", level=level + 1)
        for h in answer.related[:3]:
            page = f", page {h.passage.page}" if h.passage.page else ""
            document.add_paragraph(_x(f"{h.passage.title}{page} ({h.passage.source})"), style="List Bullet")
