"""Class tests: areas for improvement written as a numbered list inside one paragraph ("1. X; and
2. Y.", "1. Make sure that … 2. Improve …"), under a news page's "Areas to develop", and named by
the improvement they need ("areas of practice where improvement is still needed, including X and
Y"). Made-up councils and wording."""

from __future__ import annotations

import pytest

from indexer.records.improvements import find_improvements
from indexer.types import Block


def areas(*paragraphs: tuple[str, str]) -> list[str]:
    return [a.text for a in find_improvements([Block(text=t, heading=h) for h, t in paragraphs], "doc")]


@pytest.mark.parametrize("heading", ["Report > What needs to improve?", "News > Areas to develop", "Letter > Areas for improvement"])
def test_a_numbered_list_in_one_paragraph_is_one_area_a_point(heading):
    assert areas((heading, "1. Ensure that pathway plans for young adults set out clear goals. 2. Improve the timeliness of "
                           "strategy meetings. 3. Strengthen the oversight of children placed out of the area.")) == [
        "Ensure that pathway plans for young adults set out clear goals", "Improve the timeliness of strategy meetings",
        "Strengthen the oversight of children placed out of the area"]


def test_a_note_in_brackets_after_the_last_point_is_not_the_points():
    assert areas(("Report > Areas for improvement", "1. Make reviews of plans timely. 2. Ensure that the views of children "
                  "shape their plans. (Points 3 to 9 are set out in full in the report.)")) == [
        "Make reviews of plans timely", "Ensure that the views of children shape their plans"]


def test_a_numbered_list_written_as_a_sentence_and_what_is_said_after_it():
    assert areas(("News > Areas to develop", "Inspectors identified the need for:"),
                 ("News > Areas to develop", "1. more foster homes in the borough; and 2. better recording of visits to disabled children."),
                 ("News > Areas to develop", "They noted that work had already started in both areas.")) == [
        "more foster homes in the borough", "better recording of visits to disabled children"]


@pytest.mark.parametrize(
    "text",
    [
        # numbers out of order, or not from the start, are no list's points
        "2. Improve the timeliness of strategy meetings. 3. Strengthen the oversight of children placed out of the area.",
        "Inspectors looked at 1. the front door and 3. the work of the court team.",
    ],
)
def test_numbers_that_are_not_a_list_from_one(text):
    assert areas(("Report > What needs to improve?", text)) in ([], [text.rstrip(".")])


def test_numbered_points_outside_an_improvement_section_are_no_areas():
    assert areas(("News > What inspectors found", "1. Plans are clear and thorough. 2. Children are seen often.")) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("There remain some areas of practice where improvement is still needed, including the response to young people who "
         "are homeless and the timeliness of reviews for children in care.",
         ["the response to young people who are homeless", "the timeliness of reviews for children in care"]),
        ("The report names areas where further improvement is required, such as the quality of supervision, the use of "
         "performance data and the recording of visits.",
         ["the quality of supervision", "the use of performance data", "the recording of visits"]),
    ],
)
def test_areas_named_by_the_improvement_they_need(sentence, expected):
    assert areas(("News", sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # what has improved, or what someone said, is no area for improvement
        "Inspectors saw areas of practice where improvement has been rapid, including the front door and the court team.",
        '"There are areas where improvement is still needed, including recruitment and retention," the director said.',
    ],
)
def test_near_misses_of_areas_named_by_the_improvement_they_need(sentence):
    assert areas(("News", sentence)) == []
