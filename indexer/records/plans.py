"""Action-plan rows from any table whose columns say what is done, by whom and by when.

Loaders give each table row its (column header, cell) pairs, the same for DOCX, PDF, HTML
and Markdown, so one reader serves all four. Columns are recognised by their headers.
"""

from __future__ import annotations

import re

from indexer.metadata import parse_date
from indexer.records.types import ActionRow, Citation, Rag
from indexer.types import Block

# Header patterns, tried in this order for each column; the first that matches claims it.
_COLUMNS: list[tuple[str, re.Pattern]] = [
    ("number", re.compile(r"^\s*(?:no\.?|number|ref(?:erence)?\.?|#|item|rec(?:ommendation)? no\.?)\s*$", re.I)),
    ("rag", re.compile(r"\bRAG\b", re.I)),
    ("status", re.compile(r"\bstatus\b", re.I)),
    ("progress", re.compile(r"progress|update|comment|evidence of impact|position", re.I)),
    ("deadline", re.compile(r"deadline|by when|due|timescale|target date|completion date|date", re.I)),
    ("lead", re.compile(r"\blead\b|owner|responsib|accountable|officer", re.I)),
    ("area", re.compile(r"area for improvement|areas? for improvement|recommendation|improvement area|area|priority|finding|issue", re.I)),
    ("action", re.compile(r"action|what we will do|what will we do|activity|activities|response|measures?|steps", re.I)),
]
_NOT_STATED = re.compile(r"^\s*(?:not stated|n/?a|tbc|tbd|none|-|–|—)?\s*$", re.I)
_RAG = re.compile(r"\b(red|amber|green|blue)\b", re.I)


def _columns(headers: list[str]) -> dict[str, int]:
    claimed: dict[str, int] = {}
    for i, header in enumerate(headers):
        # A PDF's narrow column wraps its header mid-word ("Recommenda tion"): try it joined too.
        joined = re.sub(r"(?<=[a-z])\s+(?=[a-z])", "", header)
        for name, pattern in _COLUMNS:
            if name not in claimed and (pattern.search(header) or pattern.search(joined)):
                claimed[name] = i
                break
    return claimed


def column_index(headers: list[str], name: str) -> int | None:
    """The index of the column a plan table's headers give to `name` ("area", "action", …)."""
    return _columns(headers).get(name)


def is_plan_table(headers: list[str]) -> bool:
    """A plan table says what will be done and at least one of who or by when."""
    cols = _columns(headers)
    return ("action" in cols or "area" in cols) and ("lead" in cols or "deadline" in cols or "rag" in cols or "status" in cols)


def _value(cells: list[str], cols: dict[str, int], name: str) -> str:
    i = cols.get(name)
    if i is None or i >= len(cells):
        return ""
    return cells[i].strip()


def row_from(block: Block, source: str) -> ActionRow | None:
    headers = [h for h, _ in block.cells]
    if not is_plan_table(headers):
        return None
    cols = _columns(headers)
    cells = [t for _, t in block.cells]
    deadline = _value(cells, cols, "deadline")
    status = _value(cells, cols, "status")
    rag_text = _value(cells, cols, "rag") or status
    rag = _RAG.search(rag_text)
    return ActionRow(
        number=_value(cells, cols, "number").rstrip("."),
        area=_value(cells, cols, "area"),
        action=_value(cells, cols, "action"),
        lead="" if _NOT_STATED.match(lead := _value(cells, cols, "lead")) else lead,
        deadline=deadline,
        deadline_date="" if _NOT_STATED.match(deadline) else parse_date(deadline),
        status=status,
        rag=Rag(rag.group(1).capitalize()) if rag else None,
        progress=_value(cells, cols, "progress"),
        citation=Citation(source=source, page=block.page, quote=block.verbatim or block.text),
    )


def find_actions(blocks: list[Block], source: str) -> list[ActionRow]:
    rows = []
    for block in blocks:
        if block.is_table_row and block.cells and (row := row_from(block, source)) is not None:
            if row.area or row.action:
                rows.append(row)
    return rows


def is_complete(row: ActionRow) -> bool:
    """The plan records the action as done: a completed status, or blue/green-complete RAG."""
    text = f"{row.status} {row.progress}"
    return bool(re.search(r"\b(?:complete[d]?|done|achieved|closed|delivered)\b", text, re.I)) or row.rag is Rag.BLUE
