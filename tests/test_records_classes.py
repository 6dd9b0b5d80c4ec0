"""Inspection records: classes of phrasing found missing or wrongly read on the development sets
E and F, each tested with several made-up documents written as real files (HTML, DOCX, PDF)
and read by the loaders and the extractor, with the refusals beside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.loaders import load
from indexer.records.extract import extract
from indexer.vocabulary import Grade, JudgementArea as A
from tests.docs import make_docx, make_html, make_pdf

G, O, RI, I = Grade.GOOD, Grade.OUTSTANDING, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
FIVE = [A.OVERALL_EFFECTIVENESS, A.IMPACT_OF_LEADERS, A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE, A.CARE_LEAVERS]


def news(tmp_path: Path, body: str, year: int = 2023, name: str = "", title: str = "Ofsted report on children's services"):
    """A council news page of `year`: a headline, a date line, the paragraphs, an advert."""
    path = make_html(
        tmp_path / (name or f"bromley-{year}-news.html"),
        f"<header><nav>Home | News</nav></header><main><h1>{title}</h1><p>Published: 12 May {year}</p>{body}"
        "<aside><p>Advertisement</p></aside></main><footer><p>Bromley Council</p></footer>",
        title=title,
    )
    return extract(load(path, str(path)))


def grades_of(record) -> set[tuple[A, Grade]]:
    return {(g.area, g.grade) for g in record.grades}


# --- grades: an exception names the area the grade is NOT given to ---------------------------


@pytest.mark.parametrize(
    "sentence, wrong",
    [
        ("Every other judgement was also graded outstanding except the experiences and progress of care leavers, which was graded good.",
            (A.CARE_LEAVERS, O)),
        ("All the other judgements were rated outstanding apart from help and protection, which was judged good.",
            (A.HELP_AND_PROTECTION, O)),
        ("Inspectors judged the remaining areas outstanding other than the impact of leaders.", (A.IMPACT_OF_LEADERS, O)),
        ("The service was rated outstanding, except for children in care, judged good.", (A.CHILDREN_IN_CARE, O)),
    ],
)
def test_an_area_after_except_does_not_take_the_grade(tmp_path, sentence, wrong):
    record = news(tmp_path, f"<p>{sentence}</p>")
    assert wrong not in grades_of(record)


# --- grades: 'every area' is the framework's headline judgements ----------------------------------


@pytest.mark.parametrize(
    "year, sentence, grade",
    [
        (2016, "Ofsted inspectors have rated the council's children's services inadequate in every area.", I),
        (2014, "The Ofsted report gives the council the requires improvement grade across the board.", RI),
        (2015, "Inspectors judged services to be good in all judgement areas.", G),
    ],
)
def test_every_area_under_the_sif_is_its_four_headline_judgements(tmp_path, year, sentence, grade):
    """The SIF graded care leavers (and adoption) inside children looked after: 'every area'
    does not grade them, the four headline judgements it does."""
    record = news(tmp_path, f"<p>{sentence}</p>", year=year)
    areas = {a for a, g in grades_of(record) if g is grade}
    assert A.CARE_LEAVERS not in areas
    assert {A.OVERALL_EFFECTIVENESS, A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE} <= areas


def test_every_area_including_care_leavers_names_them(tmp_path):
    record = news(tmp_path, "<p>Ofsted found the service to be good in every area it judged, including help and "
                  "protection, adoption and services for care leavers, as well as leadership.</p>", year=2017)
    assert (A.CARE_LEAVERS, G) in grades_of(record)


@pytest.mark.parametrize(
    "sentence",
    [
        "All four areas were judged good, as was overall effectiveness.",
        "Each of the four judgement areas was rated good, and so was overall effectiveness.",
        "Inspectors graded all four areas good; overall effectiveness was also judged good.",
    ],
)
def test_all_four_areas_in_the_2023_framework_are_the_four_beside_overall(tmp_path, sentence):
    """From 2023 there are five judgements: 'all four areas … as was overall effectiveness' are
    the other four, children in care and care leavers apart (never the old combined judgement)."""
    record = news(tmp_path, f"<p>{sentence}</p>", year=2025)
    assert A.CHILDREN_IN_CARE_AND_CARE_LEAVERS not in {a for a, _ in grades_of(record)}
    assert {(a, G) for a in FIVE[1:]} <= grades_of(record)


def test_all_four_areas_before_2023_are_the_whole_framework(tmp_path):
    record = news(tmp_path, "<p>Ofsted rated the council good in all four areas.</p>", year=2019)
    assert grades_of(record) == {(A.OVERALL_EFFECTIVENESS, G), (A.IMPACT_OF_LEADERS, G), (A.HELP_AND_PROTECTION, G),
                                 (A.CHILDREN_IN_CARE_AND_CARE_LEAVERS, G)}
