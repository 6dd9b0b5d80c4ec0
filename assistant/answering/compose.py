"""The answer text from the chosen candidates: each quoted with its [n], grouped under the kind
of document it comes from."""

from __future__ import annotations

from assistant.answering.candidates import BULLET, Unit
from assistant.answering.question import ASKS_INSPECTORS
from assistant.types import Answer, Citation
from indexer.types import DocKind

NOT_FOUND = "The indexed documents don't say."


def compose(question: str, units: list[Unit]) -> Answer:
    """Each quoted sentence with its [n], grouped under the kind of document it comes from
    ("Inspection report: ... [1] Committee minutes: ... [2]"), so a member can see at a glance
    whose words each one is."""
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
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(f"{unit.text} [{numbers[key]}]")
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
