"""The answer text from the chosen candidates: each quoted with its [n], grouped under the kind
of document it comes from."""

from __future__ import annotations

from assistant.answering.candidates import BULLET, Unit
from assistant.answering.question import ASKS_INSPECTORS
from assistant.types import Answer, Citation
from indexer.types import DocKind
from indexer.vocabulary import MONTH_NAMES, ROW_AREA_HEADERS, ROW_GRADE_HEADERS, ROW_ID_HEADERS, ROW_TIME_HEADERS

NOT_FOUND = "The indexed documents don't say."


def row_as_line(text: str) -> str:
    """A table row ("Key: value — Key: value", as the indexer labels its cells) as the line a
    person would write: "Ref: 2.2 — Area for improvement: X — Action: Y" reads "Area for
    improvement 2.2: X; action: Y.", "Judgement: Overall effectiveness — Grade: Inadequate" reads
    "Overall effectiveness: Inadequate.", "Year: 2023 — Overall effectiveness: Good" reads "In
    2023, overall effectiveness: Good.". Only the labels move; each value stays the cell's own
    words (the citation's quote is the cells themselves). A row not labelled so is left as it is."""
    cells = [c.split(": ", 1) for c in text.split(" — ")]
    if len(cells) < 2 or any(len(c) != 2 or not c[0].strip() or len(c[0]) > 40 for c in cells):
        return text
    ident = next((v for k, v in cells if k.strip().lower() in ROW_ID_HEADERS and len(v.split()) == 1), None)
    cells = [(k, v) for k, v in cells if not (ident is not None and v == ident and k.strip().lower() in ROW_ID_HEADERS)]
    if not cells:
        return text

    def label(key: str) -> str:
        return key[:1].lower() + key[1:] if key[:1].isupper() and not key.isupper() and key[1:2].islower() else key

    (k1, v1), rest = cells[0], cells[1:]
    key1 = k1.strip().lower()
    # Cells that hold semicolons of their own are told apart as sentences.
    sep = ". " if any(";" in v for _, v in cells) else "; "
    if sep == ". ":
        label = str  # noqa: F811 - each cell starts its own sentence, its label as printed
    if key1 in ROW_AREA_HEADERS and rest and rest[0][0].strip().lower() in ROW_GRADE_HEADERS:
        head, rest = f"{v1}: {rest[0][1]}", rest[1:]
    elif key1 in ROW_AREA_HEADERS and rest:
        head = f"{v1}: " + sep.join(f"{k}: {v}" for k, v in rest)
        rest = []
    elif key1 in ROW_TIME_HEADERS and rest:
        head, rest = f"In {v1}, " + sep.join(f"{label(k) if i == 0 else label(k)}: {v}" for i, (k, v) in enumerate(rest)), []
    else:
        head = f"{k1} {ident}: {v1}" if ident else f"{k1}: {v1}"
    line = head + "".join(f"{sep}{label(k)}: {v}" for k, v in rest)
    return line if line[-1:] in ".!?;" else line + "."


def dated_label(label: str, date: str) -> str:
    """A document's kind with its date ("Committee minutes, March 2022"), as a history's points
    are labelled: the reader follows the inspections by when each was written. An undated one
    keeps its kind alone."""
    if not date[:4].isdigit():
        return label
    month = int(date[5:7]) if date[5:7].isdigit() else 0
    return f"{label}, {MONTH_NAMES[month - 1].capitalize()} {date[:4]}" if 1 <= month <= 12 else f"{label}, {date[:4]}"


def compose(question: str, units: list[Unit], dated: bool = False) -> Answer:
    """Each quoted sentence with its [n], grouped under the kind of document it comes from
    ("Inspection report: ... [1] Committee minutes: ... [2]"), so a member can see at a glance
    whose words each one is; with `dated` (a summary over time), under its kind and its date
    ("Inspection report, May 2019: ...")."""
    citations: list[Citation] = []
    numbers: dict[tuple[str, str], int] = {}
    groups: list[tuple[str, list[str]]] = []
    for unit in units:
        p = unit.hit.passage
        key = (p.id, unit.quote)
        if key not in numbers:
            numbers[key] = len(citations) + 1
            citations.append(Citation.of(numbers[key], p, unit.quote, unit.text))
        label = citations[numbers[key] - 1].kind_label
        if dated:
            label = dated_label(label, p.date)
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        shown = row_as_line(unit.text) if p.is_table_row else unit.text
        groups[-1][1].append(f"{shown} [{numbers[key]}]")
    # A list's items each start a line, as the document sets them out.
    text = "\n".join(
        f"{label}: " + "".join((("\n" if BULLET.match(p) else " ") + p) if i else p for i, p in enumerate(parts))
        for label, parts in groups
    )
    answer = Answer(question, text, True, citations)
    if ASKS_INSPECTORS.search(question) and not any(c.kind == DocKind.INSPECTION_REPORT.value for c in citations):
        kinds = sorted({c.kind_label.lower() for c in citations})
        answer.notice = (
            f"No inspection report in the index says this; these quotes are from {' and '.join(kinds)}, "
            "which report on the inspection in their own words."
        )
    return answer
