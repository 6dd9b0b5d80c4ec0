"""Shapes of areas for improvement and of grades that news pages, press releases and minutes use
(made-up wording, made-up places): each class with several members and its near misses beside
it. `extract` is what the indexer runs on every file; no store, no model."""

from __future__ import annotations

import pytest

from indexer.loaders import load
from indexer.records.extract import extract
from indexer.vocabulary import Grade, JudgementArea as A
from tests.docs import make_html
from tests.test_records_recall import areas_of, grades_of, news

G, O, RI, I = Grade.GOOD, Grade.OUTSTANDING, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE


# --- areas for improvement ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # recommendations reported as that-clauses
        ("To reach good, inspectors recommend that young people leaving care get their passports on time, that "
         "practice reflects families' languages, and that the council widens its pool of foster carers for teenagers.",
            ["young people leaving care get their passports on time", "practice reflects families' languages",
             "the council widens its pool of foster carers for teenagers"]),
        ("Ofsted recommended that return interviews happen within three days and that supervision records show the reasoning.",
            ["return interviews happen within three days", "supervision records show the reasoning"]),
        ("The report has recommended that the front door records why each referral is closed.",
            ["the front door records why each referral is closed"]),
        # the areas named, then what they concern
        ("The report identifies a small number of areas for improvement, relating to support for young carers and to the "
         "response to children missing from school.",
            ["support for young carers", "the response to children missing from school"]),
        ("Members noted that the letter found two areas for improvement, concerning short-break provision and the "
         "timeliness of reviews for disabled children.",
            ["short-break provision", "the timeliness of reviews for disabled children"]),
        # where the council must improve, as a place
        ("The report also sets out where the council must improve, including its recording of home visits and its "
         "tracking of children placed out of area.",
            ["its recording of home visits", "its tracking of children placed out of area"]),
        ("Inspectors were clear about what the local authority needs to improve, such as pathway plans, the quality of "
         "supervision and the sufficiency of local placements.",
            ["pathway plans", "the quality of supervision", "the sufficiency of local placements"]),
    ],
)
def test_areas_for_improvement_in_news_and_minutes_shapes(tmp_path, sentence, expected):
    assert areas_of(news(tmp_path, f"<p>{sentence}</p>")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # someone else's recommendation: to the committee, not the inspection's
        "The director recommended that members note the report and its findings.",
        "Officers recommend that the committee receives a progress report in six months.",
        # what someone said they recommend
        "The cabinet member said inspectors recommended that the council keeps doing what it does well.",
        # where the council has improved is no area for improvement
        "The report sets out where the council has improved, including its recording of home visits and its planning.",
    ],
)
def test_sentences_that_are_not_those_shapes(tmp_path, sentence):
    assert areas_of(news(tmp_path, f"<p>{sentence}</p>")) == []


def test_two_points_only_when_both_are_whole(tmp_path):
    # "and their families" closes one point; it does not open a second
    found = news(tmp_path, "<p>The report identifies one area for improvement, relating to support for young carers and their families.</p>")
    assert areas_of(found) == []  # one point is no list of two: not read as a list (precision first)


# --- grades ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # one judging verb, then a grade 'for' each area
        ("<p>It was judged good overall, outstanding for help and protection and good for care leavers.</p>",
            {(A.OVERALL_EFFECTIVENESS, G), (A.HELP_AND_PROTECTION, O), (A.CARE_LEAVERS, G)}),
        ("<p>Inspectors rated the service requires improvement to be good overall, inadequate for children in care and "
         "inadequate for the impact of leaders.</p>",
            {(A.OVERALL_EFFECTIVENESS, RI), (A.CHILDREN_IN_CARE, I), (A.IMPACT_OF_LEADERS, I)}),
        # a rating that moved, with the year it moved from between the grades
        ("<p>The impact of leaders, from elected members to team managers, rose from good in 2019 to outstanding.</p>",
            {(A.IMPACT_OF_LEADERS, O)}),
        ("<p>Help and protection improved from requires improvement to be good at the last inspection to good.</p>",
            {(A.HELP_AND_PROTECTION, G)}),
    ],
)
def test_grades_in_press_shapes(tmp_path, paragraph, expected):
    assert grades_of(news(tmp_path, paragraph)) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        # a bound is no grade
        "<p>Services were rated at least good across all categories.</p>",
        "<p>Every judgement area was judged good or better.</p>",
        "<p>Leaders want every area to be rated no lower than good.</p>",
        # 'good for' without a judging verb before it is an adjective
        "<p>The new hub is good for families, and good for children who need help and protection.</p>",
        # the grade it moved from is not taken, and a move into the future is no grade
        "<p>Leaders aim to move help and protection from good in 2019 to outstanding.</p>",
    ],
)
def test_press_shapes_that_grade_nothing(tmp_path, paragraph):
    assert grades_of(news(tmp_path, paragraph)) == set()


@pytest.mark.parametrize(
    "opening, year",
    [
        # the fieldwork's length and months between the word and the year
        ("The judgement follows an unannounced inspection over four weeks in November and December 2022.", 2022),
        ("Ofsted inspectors, who spent three weeks in the borough in late November 2022, published their findings today.", 2022),
        # a year too far back is background, not this news item's inspection
        ("The judgement follows an unannounced inspection over four weeks in November and December 2019.", 2023),
    ],
)
def test_the_inspection_year_of_a_news_item_from_its_opening(tmp_path, opening, year):
    # a page with no date line: its date is its name's, the inspection's year is read from its opening
    path = make_html(tmp_path / "wealdmoor-2023-press-release.html",
                     f"<main><h1>Ofsted rates children's services</h1><p>{opening}</p></main>", title="Ofsted rates children's services")
    assert extract(load(path, str(path))).inspection_year == year


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a rating that held, with the earlier year named only to compare
        ("<p>Overall effectiveness stays at good, the same as in the last report in 2019.</p>", {(A.OVERALL_EFFECTIVENESS, G)}),
        ("<p>Help and protection stayed at 'outstanding' after the inspection.</p>", {(A.HELP_AND_PROTECTION, O)}),
        # a rating that held in an earlier inspection is that one's
        ("<p>In 2019 overall effectiveness stayed at good.</p>", set()),
        # 'stays at' a place grades nothing
        ("<p>The service stays at the council's offices, which inspectors judged good for families.</p>", set()),
    ],
)
def test_a_rating_that_held(tmp_path, paragraph, expected):
    assert grades_of(news(tmp_path, paragraph)) == expected


# --- a section's numbered points with titles, and the sentence about them ------------------------


def test_numbered_points_with_titles_are_areas_and_the_sentence_about_them_is_none(tmp_path):
    # "1. Domestic abuse. The local authority needs ..." is one titled point; "They are the
    # matters that the council's plan, prepared after the inspection, responds to." describes the
    # points (a relative clause), and is split into no areas.
    body = (
        "<h2>What needs to improve</h2>"
        "<p>Inspectors identified three areas for improvement. Each of them is set out below.</p>"
        "<p>1. Missing children. Return home interviews need to happen sooner.</p>"
        "<p>2. Case records. The quality of written records needs to improve.</p>"
        "<p>3. Foster care. The council needs more carers for teenagers.</p>"
        "<p>They are the matters that the council’s plan, prepared after the inspection, responds to.</p>"
    )
    areas = areas_of(news(tmp_path, body))
    assert len(areas) == 3, areas
    assert areas[0].startswith("1. Missing children") or areas[0].startswith("Missing children"), areas
    assert not any("matters" in a or "prepared after" in a or a == "responds to" for a in areas), areas


@pytest.mark.parametrize(
    "sentence",
    [
        "They are the points which the improvement board will track.",
        "They are set out below in the order of the report.",
        "They were listed in the letter to the director.",
    ],
)
def test_a_they_are_sentence_about_the_areas_lists_none(tmp_path, sentence):
    body = f"<p>Inspectors identified two areas for improvement in the report.</p><p>{sentence}</p>"
    assert areas_of(news(tmp_path, body)) == []


def test_a_they_are_sentence_that_lists_them_still_does(tmp_path):
    body = ("<p>Inspectors identified two areas for improvement in the report.</p>"
            "<p>They are the timeliness of health assessments and the stability of placements for teenagers.</p>")
    assert areas_of(news(tmp_path, body)) == ["the timeliness of health assessments", "the stability of placements for teenagers"]
