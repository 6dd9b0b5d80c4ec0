"""Links: each action-plan row to the area for improvement it answers, and each area to the
committee discussions after the inspection that dealt with it.

By number when the plan numbers its rows the way the report numbered its areas, else by
meaning: the cosine similarity of the embedding model's vectors (the same model the index
uses), with the score kept on the link so a reader can judge a weak match.
"""

from __future__ import annotations

import re
from typing import Callable

import numpy as np
from rapidfuzz import fuzz

from indexer.records.types import (
    ActionLink,
    ActionRow,
    Discussion,
    DiscussionLink,
    InspectionRecord,
)
from indexer.words import terms

Encode = Callable[[list[str]], np.ndarray]  # texts → unit vectors, one row each

# Calibrated on the development set (benchmarks/records_eval.py): below these a match is more
# often wrong than right.
ACTION_MIN_SCORE = 0.55
# A number is trusted only when its area is (nearly) the best match by meaning too: plans
# renumber, add rows of their own, or merge two of the report's points.
NUMBER_SLACK = 0.10
DISCUSSION_MIN_SCORE = 0.62
SAME_AREA_MIN_RATIO = 80
# Two wordings are one area when most of the shorter one's stemmed content words are the
# other's too. A character ratio merged areas that share a frame and differ in the word that
# matters ("the quality of plans for children in need" / "... in care": ratio 94) and missed
# an inflected restatement ("how it recognises and meets children's diverse needs" / "to
# recognise and meet the diverse needs of children": ratio 76). A false merge hides an area
# from the tracker; a missed one shows it twice, the lesser harm, so the bar is high.
SAME_AREA_MIN_SHARE = 0.8
SAME_AREA_MIN_SHARED = 2


def _content(text: str) -> set[str]:
    return {w for w in terms(text) if len(w) > 1}


def same_area(a: str, b: str) -> bool:
    """The same area for improvement worded twice (the report, and minutes restating it)."""
    words_a, words_b = _content(a), _content(b)
    if not words_a or not words_b:
        return fuzz.token_set_ratio(a.lower(), b.lower()) >= SAME_AREA_MIN_RATIO
    shared = len(words_a & words_b)
    return shared >= SAME_AREA_MIN_SHARED and shared / min(len(words_a), len(words_b)) >= SAME_AREA_MIN_SHARE


def _row_text(row: ActionRow) -> str:
    return row.area or row.action


def _number(row: ActionRow) -> int | None:
    m = re.fullmatch(r"\s*(\d{1,2})\s*", row.number)
    return int(m.group(1)) if m else None


def link_actions(record: InspectionRecord, rows: list[ActionRow], encode: Encode) -> None:
    # An area only a plan's table states is that table's own row: linking the row to it would
    # say nothing the row does not, so rows are linked to areas another document states.
    areas = [a for a in record.areas_for_improvement if not a.from_plan_table]
    if not rows:
        return
    if not areas:
        record.unlinked_actions = list(rows)
        return
    area_vectors = encode([a.text for a in areas])
    row_vectors = encode([_row_text(r) for r in rows])
    scores = row_vectors @ area_vectors.T
    for row, row_scores in zip(rows, scores):
        best = int(np.argmax(row_scores))
        n = _number(row)
        if n is not None and 1 <= n <= len(areas) and row_scores[n - 1] >= row_scores[best] - NUMBER_SLACK:
            areas[n - 1].actions.append(ActionLink(row=row, by="number", score=float(row_scores[n - 1])))
        elif row_scores[best] >= ACTION_MIN_SCORE:
            areas[best].actions.append(ActionLink(row=row, by="meaning", score=float(row_scores[best])))
        else:
            record.unlinked_actions.append(row)


def link_discussions(record: InspectionRecord, discussions: list[Discussion], encode: Encode) -> None:
    """For each area, the meetings after the inspection's fieldwork began that discussed it:
    the item's best-matching sentence is the quote."""
    start = (record.fieldwork_start or record.fieldwork_end or record.published)
    since = start.value if start else ""
    later = [d for d in discussions if d.meeting_date and (not since or d.meeting_date[: len(since)] >= since[: len(d.meeting_date)])]
    record.discussions = later
    areas = record.areas_for_improvement
    if not areas or not later:
        return
    area_vectors = encode([a.text for a in areas])
    for discussion in later:
        if not discussion.sentences:
            continue
        vectors = encode([s.text for s in discussion.sentences])
        scores = area_vectors @ vectors.T  # areas × sentences
        for area, row in zip(areas, scores):
            i = int(np.argmax(row))
            if row[i] >= DISCUSSION_MIN_SCORE:
                sentence = discussion.sentences[i]
                area.discussions.append(
                    DiscussionLink(committee=discussion.committee, date=discussion.meeting_date, item=discussion.item,
                                   quote=sentence.citation, score=float(row[i]))
                )
    for area in areas:
        area.discussions.sort(key=lambda d: d.date)
