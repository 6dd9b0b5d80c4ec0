"""Class tests: grades stated over several areas at once in prose.

Two classes, in made-up wording and councils:
- a verb, a list of areas worded as the SIF words them, then "as" and the grade ("Inspectors rated
  the impact of leaders and services for children in need of help and protection as good");
- a grade stated before its area, the list of areas going on in the clauses after it ("rated as
  inadequate the services for children who need help and protection, its leadership, management
  and governance, and the experiences and progress of care leavers").
"""

from __future__ import annotations

import pytest

from indexer.records import grades as g
from indexer.types import Block

CTX = g.Context(source="doc", authority="Northmere", inspection_year=2021)


def found(sentence: str, ctx: g.Context = CTX) -> set[tuple[str, str]]:
    """What the document's grade finder takes from a paragraph holding only this sentence."""
    return {(f.area.value, f.grade.value) for f in g.find_grades([Block(text=sentence, heading="News")], ctx)}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Inspectors rated the impact of leaders and services for children in need of help and protection as good.",
         {("impact of leaders", "Good"), ("help and protection", "Good")}),
        ("The inspectors judged services for children in need of help and protection and the experiences and progress of care "
         "leavers as outstanding.", {("help and protection", "Outstanding"), ("care leavers", "Outstanding")}),
        ("Ofsted rated children in need of help and protection, and the impact of leaders, as inadequate.",
         {("help and protection", "Inadequate"), ("impact of leaders", "Inadequate")}),
    ],
)
def test_a_list_in_the_sifs_words_then_as_and_the_grade(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a bound is no grade
        "Inspectors rated the impact of leaders and services for children in need of help and protection as at least good.",
        # another year's grade
        "In 2017 inspectors rated the impact of leaders and services for children in need of help and protection as good.",
        "Inspectors rated the impact of leaders and services for children in need of help and protection as good at the last inspection.",
        # another council's
        "Inspectors rated the impact of leaders and services for children in need of help and protection as good in Cornwall.",
    ],
)
def test_a_list_in_the_sifs_words_near_misses_are_no_grade(sentence):
    assert found(sentence) == set()


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The report, published on Thursday, rated as inadequate the council's services for children who need help and "
         "protection, its leadership, management and governance, and the experiences and progress of care leavers.",
         {("help and protection", "Inadequate"), ("impact of leaders", "Inadequate"), ("care leavers", "Inadequate")}),
        ("Inspectors judged as outstanding the impact of leaders, and the experiences of care leavers.",
         {("impact of leaders", "Outstanding"), ("care leavers", "Outstanding")}),
    ],
)
def test_a_grade_before_its_list_of_areas(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the next clause says something of its own: the list has ended
        ("Ofsted rated as good the help and protection of children, and care leavers were praised for their resilience.",
         {("help and protection", "Good")}),
        # the grade came after its area: no list goes on after it
        ("Help and protection was judged good, and care leavers.", {("help and protection", "Good")}),
        # a list item that is hoped for is no grade
        ("Inspectors rated as good the impact of leaders, and could in time rate care leavers.", {("impact of leaders", "Good")}),
    ],
)
def test_a_list_ends_where_a_clause_says_more(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Inspectors rated as good the impact of leaders, and care leavers, at the last inspection.",
        "Inspectors rated as good the impact of leaders, the experiences of care leavers, and the front door.",
    ],
)
def test_a_list_that_goes_on_to_other_words_gives_its_further_areas_nothing(sentence):
    # words after the list may qualify it ("at the last inspection"), or the list is not only of areas
    assert ("care leavers", "Good") not in found(sentence)


# --- "Every one of these areas was ...": the areas named in the sentence before --------------------


def found_in(paragraph: str, ctx: g.Context = CTX) -> set[tuple[str, str]]:
    return found(paragraph, ctx)


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Inspectors looked at help and protection, the experiences and progress of care leavers, and the impact of leaders. "
         "Every one of these areas was found to require improvement.",
         {("help and protection", "Requires improvement to be good"), ("care leavers", "Requires improvement to be good"),
          ("impact of leaders", "Requires improvement to be good")}),
        ("The report covered the impact of leaders and help and protection. Both of these judgements were rated good.",
         {("impact of leaders", "Good"), ("help and protection", "Good")}),
    ],
)
def test_these_areas_take_the_grade_after_them(paragraph, expected):
    assert found_in(paragraph) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        # another year's, or an earlier inspection's
        "In 2016 inspectors looked at help and protection and the impact of leaders. All of these were judged inadequate.",
        "Inspectors looked at help and protection and the impact of leaders. All of these were judged inadequate at the last inspection.",
        # a bound or a hope is no grade
        "Inspectors looked at help and protection and the impact of leaders. Each of these areas is expected to become good.",
        # one area named before is not a list
        "Inspectors looked closely at help and protection. All of these were judged good.",
    ],
)
def test_these_areas_near_misses(paragraph):
    assert found_in(paragraph) == set()


def test_these_areas_after_a_sentence_that_graded_already():
    # 'these' may be anything the sentence before spoke of: only its own grade is taken
    assert found_in("Help and protection was judged inadequate, with the impact of leaders also weak. "
                    "All of these were judged good.") == {("help and protection", "Inadequate")}
