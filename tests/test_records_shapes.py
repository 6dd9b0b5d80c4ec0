"""Shapes of areas for improvement and of grades that news pages, press releases and minutes use
(made-up wording, made-up places): each class with several members and its near misses beside
it. `extract` is what the indexer runs on every file; no store, no model."""

from __future__ import annotations

import pytest

from indexer.vocabulary import Grade, JudgementArea as A
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
