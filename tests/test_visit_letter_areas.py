"""Areas for improvement in visit letters, in the shapes letters take that a heading-only reader
misses: the section's heading set as a plain line of text, a heading worded "Areas for further
work", the letter's closing run into the last point, and prose naming what leaders must turn to
next. Wording made up; the councils and services are invented."""

from __future__ import annotations

import pytest

from indexer.loaders import load
from indexer.records.improvements import find_improvements
from indexer.types import Block


def _areas(blocks: list[Block]) -> list[str]:
    return [a.text for a in find_improvements(blocks, "letter")]


def test_a_section_heading_written_as_a_line_of_text_introduces_the_points_below_it():
    section = "Focused visit to Oakbridge children's services"
    blocks = [
        Block(text="This letter summarises the findings of the focused visit to Oakbridge children's services.", heading=section),
        Block(text="What needs to improve in this area of social work practice", heading=section),
        Block(text="- The consistency of return home interviews for children who go missing.", heading=section),
        Block(text="- Oversight of children placed at home with parents under a care order.", heading=section),
        Block(text="Ofsted will take the findings from this focused visit into account when planning the next inspection.", heading=section),
        Block(text="Yours sincerely", heading=section),
    ]
    assert _areas(blocks) == [
        "The consistency of return home interviews for children who go missing",
        "Oversight of children placed at home with parents under a care order",
    ]


def test_a_line_that_merely_mentions_what_needs_to_improve_opens_no_list():
    # A sentence, not a heading line: the points after it are the letter's strengths.
    blocks = [
        Block(text="Leaders have a clear understanding of what needs to improve and have already acted on it.", heading="Overview"),
        Block(text="- Social workers know their children well.", heading="Overview"),
    ]
    assert _areas(blocks) == []


def test_areas_for_further_work_is_a_list_heading():
    heading = "Monitoring visit > Areas for further work"
    blocks = [
        Block(text="• Supervision that sets clear actions for social workers.", heading=heading),
        Block(text="• Timely medical assessments for children entering care.", heading=heading),
    ]
    assert _areas(blocks) == ["Supervision that sets clear actions for social workers", "Timely medical assessments for children entering care"]


def test_the_closing_run_into_the_last_point_is_cut_off(tmp_path):
    path = tmp_path / "letter.md"
    path.write_text(
        "# Focused visit to Elmford children's services\n\n"
        "## What needs to improve in this area of social work practice?\n\n"
        "The quality of plans for disabled children. Ofsted will take the findings from this focused visit "
        "into account when planning your next inspection or visit.\n",
        encoding="utf-8",
    )
    doc = load(path, path.name)
    assert [a.text for a in find_improvements(doc.blocks, path.name)] == ["The quality of plans for disabled children"]


@pytest.mark.parametrize("sentence, expected", [
    ("Leaders should now focus on the timeliness of initial health assessments and the quality of pathway plans.",
     ["the timeliness of initial health assessments", "the quality of pathway plans"]),
    ("Senior managers need to concentrate on reducing social worker caseloads in the assessment teams.",
     ["reducing social worker caseloads in the assessment teams"]),
    ("The next steps are to strengthen management oversight, to improve the recording of direct work, and to reduce drift for children on child in need plans.",
     ["strengthen management oversight", "to improve the recording of direct work", "to reduce drift for children on child in need plans"]),
])
def test_prose_naming_what_leaders_must_turn_to_next_gives_the_areas(sentence, expected):
    blocks = [Block(text="Inspectors found practice that is improving, though unevenly.", heading="Findings"),
              Block(text=sentence, heading="Findings")]
    assert _areas(blocks) == expected


@pytest.mark.parametrize("sentence", [
    "Leaders have kept a relentless focus on improving practice.",
    "The next step for the service is a full inspection of local authority children's services.",
    "'Leaders should now focus on recruitment,' the director said.",
])
def test_prose_about_focus_already_kept_or_the_next_inspection_gives_none(sentence):
    assert _areas([Block(text=sentence, heading="Findings")]) == []
