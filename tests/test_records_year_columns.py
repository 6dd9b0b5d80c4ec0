"""Class test: a judgement table whose grade column is headed by the report's year, the year after
the fieldwork ("Judgement | 2020 grade" in the news of an inspection carried out in December 2019).
Made-up councils and wording."""

from __future__ import annotations

from indexer.records import grades as g
from indexer.types import Block
from indexer.vocabulary import Grade, JudgementArea as A


def row(cells: list[tuple[str, str]]) -> Block:
    return Block(text=" — ".join(f"{h}: {t}" for h, t in cells), heading="News", is_table_row=True,
                 verbatim="\n".join(t for _, t in cells), cells=tuple(cells), page=1)


def table(header: str, *others: str) -> list[Block]:
    rows = [("Overall effectiveness", "Inadequate", "Good"), ("Children who need help and protection", "Inadequate", "Good")]
    return [row([("Judgement", area), (header, grade), *[(o, before) for o in others]]) for area, grade, before in rows]


def grades(rows: list[Block], year: int) -> set[tuple[A, Grade]]:
    return {(f.area, f.grade) for f in g.from_tables(rows, g.Context("doc", "Northmere", year))}


def test_the_report_years_column_grades_the_inspection_of_the_year_before():
    assert grades(table("2020 grade"), 2019) == {(A.OVERALL_EFFECTIVENESS, Grade.INADEQUATE), (A.HELP_AND_PROTECTION, Grade.INADEQUATE)}


def test_the_inspection_years_own_column_comes_first():
    # "2019 grade" is the inspection's own; the later column is not read
    rows = [row([("Judgement", "Overall effectiveness"), ("2019 grade", "Inadequate"), ("2020 grade", "Good")])]
    assert grades(rows, 2019) == {(A.OVERALL_EFFECTIVENESS, Grade.INADEQUATE)}


def test_other_years_columns_are_no_grade_of_this_inspection():
    assert grades(table("2016 grade"), 2019) == set()  # an earlier inspection's
    assert grades(table("2022 grade"), 2019) == set()  # two years on: another inspection's
    assert grades(table("2018 grade"), 2019) == set()
