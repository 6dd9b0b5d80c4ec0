"""Inspection records: grades and areas for improvement stated in the prose of news pages, press
releases, minutes and briefings (found missing on the development sets I–L), each class tested
with made-up documents written as real files and read by the loaders and the extractor, with
the near misses that must stay no grade (or no area) beside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.loaders import load
from indexer.records.extract import extract
from indexer.vocabulary import Grade, JudgementArea as A
from tests.docs import make_html, areas_of, grades_of

G, O, RI, I = Grade.GOOD, Grade.OUTSTANDING, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE


def news(tmp_path: Path, body: str, year: int = 2019, council: str = "bromley", title: str = "Ofsted report on children's services"):
    path = make_html(
        tmp_path / f"{council}-{year}-news.html",
        f"<main><h1>{title}</h1><p>Published: 12 May {year}</p>{body}</main>",
        title=title,
    )
    return extract(load(path, str(path)))


def markdown(tmp_path: Path, body: str, year: int = 2025, council: str = "bromley"):
    path = tmp_path / f"{council}-{year}-press-release.md"
    path.write_text(f"# Ofsted publishes its inspection of children's services\n\nPublished 3 June {year}\n\n{body}\n", encoding="utf-8")
    return extract(load(path, str(path)))




# --- grades: markdown emphasis around the grade -------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The experiences and progress of care leavers were judged **outstanding**.", {(A.CARE_LEAVERS, O)}),
        ("Help and protection was rated *requires improvement to be good*.", {(A.HELP_AND_PROTECTION, RI)}),
        ("The impact of leaders and the experiences and progress of children in care were both judged __good__.",
            {(A.IMPACT_OF_LEADERS, G), (A.CHILDREN_IN_CARE, G)}),
    ],
)
def test_a_grade_in_emphasis_marks_is_read(tmp_path, sentence, expected):
    record = markdown(tmp_path, sentence)
    assert expected <= grades_of(record)
    # the quote stays as the document writes it
    assert all("*" in g.citation.quote or "_" in g.citation.quote for g in record.grades if (g.area, g.grade) in expected)


def test_emphasis_on_a_word_that_is_no_grade_gives_none(tmp_path):
    assert not grades_of(markdown(tmp_path, "Inspectors saw **good** practice in the youth offending team."))


# --- grades: the grade as the adjective of 'grades', 'scores', 'ratings' -------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The inspectors awarded outstanding grades for the impact of leaders and for the experiences and progress of care leavers.",
            {(A.IMPACT_OF_LEADERS, O), (A.CARE_LEAVERS, O)}),
        ("Ofsted gave good ratings for help and protection.", {(A.HELP_AND_PROTECTION, G)}),
    ],
)
def test_a_grade_before_grades_for_the_areas(tmp_path, sentence, expected):
    assert expected <= grades_of(news(tmp_path, f"<p>{sentence}</p>"))


def test_across_the_board_scores_grade_every_area(tmp_path):
    record = news(tmp_path, "<p>The borough kept its across-the-board 'good' Ofsted scores in the new report.</p>", year=2021)
    assert {(A.OVERALL_EFFECTIVENESS, G), (A.HELP_AND_PROTECTION, G), (A.IMPACT_OF_LEADERS, G)} <= grades_of(record)


# --- grades: the council as the object of the judging verb ------------------------------------------


@pytest.mark.parametrize(
    "sentence, grade",
    [
        ("I am delighted to tell you that inspectors graded Bromley outstanding.", O),
        ("This week Ofsted rated Bromley Council good, a real credit to the team.", G),
    ],
)
def test_the_council_judged_is_its_overall_effectiveness(tmp_path, sentence, grade):
    assert (A.OVERALL_EFFECTIVENESS, grade) in grades_of(news(tmp_path, f"<p>{sentence}</p>"))


def test_another_council_judged_is_not_this_ones(tmp_path):
    record = news(tmp_path, "<p>Bromley Council news.</p><p>Last month inspectors graded Croydon outstanding.</p>")
    assert not grades_of(record)


# --- grades: a relative clause carries the verb; a relative clause in the subject names no area ---------------


def test_which_were_both_rated_takes_the_areas_before_it(tmp_path):
    record = news(tmp_path, "<p>Inspectors were more positive about adoption and about the experiences and progress of care leavers, "
                  "which were both judged good.</p>", year=2016)
    assert (A.CARE_LEAVERS, G) in grades_of(record)


def test_the_adoption_service_graded_alone_is_no_area(tmp_path):
    assert not grades_of(news(tmp_path, "<p>The adoption service was rated good, and care leavers were praised.</p>", year=2016))


@pytest.mark.parametrize(
    "sentence",
    [
        "The department, which works with children who need help and protection, children in care and care leavers, was rated good overall.",
        "Our service, which supports care leavers, was judged good overall.",
    ],
)
def test_areas_in_a_relative_clause_of_the_subject_are_not_graded(tmp_path, sentence):
    record = news(tmp_path, f"<p>{sentence}</p>")
    assert {a for a, _ in grades_of(record)} <= {A.OVERALL_EFFECTIVENESS}


# --- grades: list items stating their own grades after a graded introduction ----------------------------


def test_list_items_with_their_own_grades_keep_them(tmp_path):
    record = news(
        tmp_path,
        "<p>Two of the areas were judged good:</p><ul><li>Care leavers – Good</li><li>Adoption performance – Good</li>"
        "<li>Children who need help and protection – Requires improvement</li></ul>",
        year=2016,
    )
    found = grades_of(record)
    assert (A.CARE_LEAVERS, G) in found and (A.HELP_AND_PROTECTION, RI) in found
    assert (A.HELP_AND_PROTECTION, G) not in found


# --- areas for improvement stated in prose -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Aspects of practice that still need work include the recording of supervision; the timeliness of return home "
         "interviews; and the sufficiency of local foster homes.",
            ["recording of supervision", "timeliness of return home interviews", "sufficiency of local foster homes"]),
        ("Areas for improvement were the quality of pathway plans and achieving stable placements for older children.",
            ["quality of pathway plans"]),
        ("The board heard that inspectors had found more work was needed to improve consistency in: early help assessments; "
         "the response to young carers; and the use of chronologies.",
            ["early help assessments", "response to young carers", "use of chronologies"]),
        ("Inspectors want to see better oversight of disabled children's plans, and stronger joint work with housing.",
            ["oversight of disabled children's plans", "joint work with housing"]),
    ],
)
def test_areas_for_improvement_in_prose(tmp_path, sentence, expected):
    found = " | ".join(areas_of(news(tmp_path, f"<p>{sentence}</p>"))).lower()
    for area in expected:
        assert area in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The areas for improvement were discussed at length by members.",
        "The areas for improvement were the same as those the council had identified itself.",
        "Leaders said they want to see better outcomes for every child in the borough.",
    ],
)
def test_prose_about_the_areas_lists_none(tmp_path, sentence):
    assert not areas_of(news(tmp_path, f"<p>{sentence}</p>"))


# --- grades: a list of areas 'for A, for B, and for C', then a clause grading another area --------------


def test_a_list_then_another_areas_grade_keeps_both(tmp_path):
    record = news(
        tmp_path,
        "<p>Members heard that good grades were given for the impact of leaders, for the experiences and progress of children "
        "who need help and protection, and for overall effectiveness, and that an outstanding grade was given for care leavers.</p>",
        year=2023,
    )
    assert {(A.IMPACT_OF_LEADERS, G), (A.HELP_AND_PROTECTION, G), (A.OVERALL_EFFECTIVENESS, G), (A.CARE_LEAVERS, O)} <= grades_of(record)


def test_a_list_qualified_after_it_is_still_refused(tmp_path):
    record = news(tmp_path, "<p>It was rated good for the impact of leaders, for help and protection, at the last inspection in 2015.</p>",
                  year=2019)
    assert (A.HELP_AND_PROTECTION, G) not in grades_of(record)


# --- grades: the verb's object, then 'as' and the grade ------------------------------------------------


def test_rated_the_services_as_the_grade(tmp_path):
    record = news(tmp_path, "<p>After a three-week inspection, Ofsted rated the services offered to children and their families as good.</p>")
    assert (A.OVERALL_EFFECTIVENESS, G) in grades_of(record)


# --- grades: some of the areas, counted, are no area's grade -------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Ofsted found that services require improvement to be good in three of the four judgement areas.", set()),
        ("Inspectors judged the service inadequate in two of the five areas, including overall effectiveness.", {(A.OVERALL_EFFECTIVENESS, I)}),
    ],
)
def test_some_of_the_areas_counted(tmp_path, sentence, expected):
    assert grades_of(news(tmp_path, f"<p>{sentence}</p>", year=2023)) == expected


# --- grades: 'all four of the judgements'; minutes telling the report they were given ------------------


def test_all_four_of_the_judgements_is_every_area(tmp_path):
    record = news(tmp_path, "<p>Ofsted judged the service good in all four of the judgements it made.</p>", year=2021)
    assert {(A.OVERALL_EFFECTIVENESS, G), (A.HELP_AND_PROTECTION, G), (A.IMPACT_OF_LEADERS, G)} <= grades_of(record)


def test_minutes_telling_the_report_in_the_past_perfect(tmp_path):
    record = news(
        tmp_path,
        "<p>The Director presented the report, which set out the findings of Ofsted's inspection of children's services. "
        "Help and protection had been judged outstanding.</p>",
        year=2021,
    )
    assert (A.HELP_AND_PROTECTION, O) in grades_of(record)


def test_past_perfect_without_the_report_told_is_still_earlier(tmp_path):
    record = news(tmp_path, "<p>The committee discussed the new plan. Help and protection had been judged outstanding.</p>", year=2021)
    assert (A.HELP_AND_PROTECTION, O) not in grades_of(record)


# --- the inspection year of minutes titled with their meeting's date ----------------------------------


def test_minutes_dated_in_their_title_take_the_inspection_year_from_the_opening(tmp_path):
    path = make_html(
        tmp_path / "bromley-2019-cabinet-minutes.html",
        "<main><h1>Bromley Council Cabinet minutes 12 February 2019</h1>"
        "<p>The Cabinet Member introduced the report on the outcome of Ofsted's inspection of the council's children's "
        "services carried out in November 2018. Services had been judged good in every area.</p></main>",
        title="Bromley Council Cabinet minutes 12 February 2019",
    )
    record = extract(load(path, str(path)))
    assert record.inspection_year == 2018
    assert (A.OVERALL_EFFECTIVENESS, G) in grades_of(record)
