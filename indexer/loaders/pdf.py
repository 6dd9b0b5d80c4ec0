"""PDF: pypdf, page by page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from indexer.loaders.common import LoadError, clean
from indexer.types import Block


def load_pdf(path: Path) -> tuple[str, list[Block]]:
    # pypdf: BSD-licensed, pure Python, one page at a time so page numbers are exact;
    # its text visitor reports each run's font and position, which tell headings
    # (bold or larger) and paragraph breaks (a wider gap) apart without guessing from words.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise LoadError("the PDF is password-protected")
            except LoadError:
                raise
            except Exception as exc:  # pypdf raises several types for unsupported encryption
                raise LoadError("the PDF is password-protected") from exc
        pages = [_pdf_lines(page) for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, NotImplementedError, AttributeError) as exc:
        # pypdf reports damaged files through many exception types, e.g. an unsupported filter.
        raise LoadError(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc

    blocks: list[Block] = []
    heading = ""
    first_heading = ""
    previous_was_heading = False
    for number, lines in enumerate(pages, start=1):
        for is_heading, text in _pdf_paragraphs(lines):
            if is_heading:
                # Heading lines set with extra leading arrive as separate paragraphs: join them.
                heading = f"{heading} {text}" if previous_was_heading else text
                if not blocks:
                    first_heading = heading
            else:
                blocks.append(Block(text=text, page=number, heading=heading))
            previous_was_heading = is_heading
    return str(meta_title) or first_heading, blocks


@dataclass
class _Line:
    text: str
    y: float | None
    size: float
    bold: bool


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def _pdf_lines(page) -> list[_Line]:
    lines: list[_Line] = []
    parts: list[tuple[str, float | None, float, bool]] = []

    def end_line() -> None:
        text = clean("".join(t for t, *_ in parts))
        if text:
            inked = [p for p in parts if p[0].strip()]
            y = next((p[1] for p in inked if p[1] is not None), None)
            size = max((p[2] for p in inked), default=0.0)
            lines.append(_Line(text, y, size, all(p[3] for p in inked)))
        parts.clear()

    def visit(text, cm, tm, font, size) -> None:
        name = str((font or {}).get("/BaseFont", ""))
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] if tm and cm and tm[5] else None
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                end_line()
            if piece:
                parts.append((piece, y, float(size or 0) * abs(tm[3] or 1 if tm else 1), bool(_BOLD.search(name))))

    page.extract_text(visitor_text=visit)
    end_line()
    # A lone page number ("3", "Page 3 of 9") is page furniture, not content.
    return [l for l in lines if not re.fullmatch(r"(page\s*)?\d+(\s*(of|/)\s*\d+)?", l.text, re.I)]


def _pdf_paragraphs(lines: list[_Line]) -> list[tuple[bool, str]]:
    """(is_heading, text) for each paragraph: a wider gap between lines, or a change between
    heading and body type, ends a paragraph. Wrapped headings are joined."""
    if not lines:
        return []
    body_size = _mode([round(l.size, 1) for l in lines if not l.bold]) or _mode([round(l.size, 1) for l in lines])
    # Line spacing inside a paragraph is the smallest common gap; the lower quartile of
    # body-to-body gaps finds it even on pages of many short paragraphs.
    gaps = sorted(
        a.y - b.y
        for a, b in zip(lines, lines[1:])
        if a.y is not None and b.y is not None and a.y > b.y and not a.bold and not b.bold
    )
    line_gap = gaps[len(gaps) // 4] if gaps else 0.0

    def is_heading(line: _Line) -> bool:
        larger = body_size and line.size >= body_size * 1.15
        return (line.bold or bool(larger)) and len(line.text.split()) <= 20

    paragraphs: list[tuple[bool, list[str]]] = []
    previous: _Line | None = None
    for line in lines:
        heading = is_heading(line)
        new_para = (
            previous is None
            or heading != paragraphs[-1][0]
            or (line.y is not None and previous.y is not None and line_gap and previous.y - line.y > line_gap * 1.3)
            or (line_gap == 0 and previous.text.endswith((".", "?", "!")))
        )
        if new_para:
            paragraphs.append((heading, [line.text]))
        else:
            paragraphs[-1][1].append(line.text)
        previous = line
    return [(h, " ".join(texts)) for h, texts in paragraphs]


def _mode(values: list[float]) -> float:
    return max(set(values), key=values.count) if values else 0.0

