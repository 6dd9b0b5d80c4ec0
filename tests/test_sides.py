"""Comparisons answered side by side, each side from its own documents:

1. Councils typed in lower case whose names are also words ("york", "sutton", "bedford") are the
   council where what follows can only follow a council: a possessive, a council word or the year
   of an inspection ("york's grades", "sutton (2025)", "York 2022 - who led it?"). Every council a
   question names is found, however each is typed.
2. Each council with its own year ("compare rutland 2019 and bury 2022", "rutland (2019) vs bury
   (2022)"): question.council_sides. Each side is asked about its own council's inspection of its
   own year (records, then sentences: pipeline.grade_over_time), never the other's year.
3. One council's grade at two inspections asked as a yes or no after a lead ("X 2016 vs 2022 -
   did the grade go down?") or as "better or worse?": one part a year, as without the lead.
4. The overall grade stated of a council's own services ("Ofsted judged X's children's services
   outstanding") is an overall grade.

Made-up councils' made-up documents, indexed into a real store.
"""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.needs import AREAS, grades_area
from assistant.answering.pipeline import grade_over_time
from assistant.answering.question import council_sides, parse_parts, scope_of
from assistant.types import Scope
from indexer import councils
from indexer.settings import Settings
from tests.docs import answerer_over, index_into

# --- 1. councils whose names are words --------------------------------------------------------


@pytest.mark.parametrize(
    "question, named",
    [
        ("compare york's grades in 2020 and 2024", ["York"]),
        ("what was bedford's overall grade", ["Bedford"]),
        ("compare the overall grades of sutton (2021) and rutland (2019)", ["Sutton", "Rutland"]),
        ("York 2020 - who was the lead inspector?", ["York"]),
        ("how did poole borough do", ["Poole"]),
        ("Compare Rutland 2019 and derby 2022", ["Rutland", "Derby"]),  # one capitalised, one not
        ("york: by when must the action plan go to ofsted?", ["York"]),  # the whole lead
        ("sutton - who led the inspection?", ["Sutton"]),
    ],
)
def test_a_council_whose_name_is_a_word_is_found_when_what_follows_makes_it_one(question, named):
    assert councils.find(question, question=True) == named


@pytest.mark.parametrize(
    "question",
    ["reading the 2021 report, what changed?", "bury the findings", "how did the york minster visit go",
     "readings of the report", "what did the kent team say", "reading the report: what changed?"],
)
def test_the_same_words_as_words_are_no_council(question):
    assert councils.find(question, question=True) == []


# --- 2. each council with its own year --------------------------------------------------------


@pytest.mark.parametrize(
    "question, sides",
    [
        ("compare rutland 2019 and bury 2022 overall grades", [("Rutland", (2019,)), ("Bury", (2022,))]),
        ("compare the overall grades of Rutland (2019) and Bury (2022)", [("Rutland", (2019,)), ("Bury", (2022,))]),
        ("did Rutland in 2019 and Bury in 2022 get the same grade?", [("Rutland", (2019,)), ("Bury", (2022,))]),
        ("Wigan 2017 and 2021 vs Bolton 2023", [("Wigan", (2017, 2021)), ("Bolton", (2023,))]),
    ],
)
def test_each_council_keeps_the_years_written_after_it(question, sides):
    found = council_sides(question, scope_of(question))
    assert [(s.authorities[0], s.years) for s in found] == sides


@pytest.mark.parametrize(
    "question",
    ["did Rutland or Bury do better in 2022?",  # one year for both
     "in 2022, did Rutland or Bury do better?",
     "Rutland's 2019 grade compared with Bury's",  # Bury's year is Rutland's
     "how did Rutland's grade change from 2019 to 2022?"],  # one council
)
def test_shared_years_are_no_sides(question):
    assert council_sides(question, scope_of(question)) == ()


def test_each_side_is_asked_its_own_grade():
    (q,) = parse_parts("compare rutland 2019 and bury 2022 overall grades", scope_of("compare rutland 2019 and bury 2022 overall grades"))
    parts = grade_over_time(q)
    assert [(p.scope.authorities, p.scope.years) for p in parts] == [(("Rutland",), (2019,)), (("Bury",), (2022,))]


def test_a_comparison_of_sides_asking_more_than_grades_is_left_whole():
    text = "what did rutland 2019 and bury 2022 say about caseloads"
    (q,) = parse_parts(text, scope_of(text))
    assert grade_over_time(q) == [q]


# --- 3. a grade over time asked after a lead --------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["rutland 2019 vs 2022 - did the grade go down?", "rutland: did the leadership grade go up or down from 2019 to 2022?",
     "rutland help and protection 2019 vs 2022 - better or worse?"],
)
def test_a_grade_over_time_asked_after_a_lead_is_asked_a_year_a_part(question):
    (q,) = parse_parts(question, scope_of(question))
    assert [p.scope.years for p in grade_over_time(q)] == [(2019,), (2022,)]


@pytest.mark.parametrize(
    "question", ["rutland 2019 vs 2022 - did caseloads go down?", "rutland 2019 vs 2022 - did the grade help recruitment?"]
)
def test_a_yes_or_no_about_something_else_is_left_whole(question):
    (q,) = parse_parts(question, scope_of(question))
    assert grade_over_time(q) == [q]


# --- 4. the overall grade stated of the council's own services --------------------------------


@pytest.mark.parametrize(
    "text, graded",
    [("Ofsted judged Rutland's children's services outstanding in a report published in May.", True),
     ("Bury Council's children's services have been rated good by Ofsted.", True),
     ("Rutland's children's services thanked staff for good work on caseloads.", False),
     ("Bury's children's services worked hard to keep care leavers safe, which was good.", False)],
)
def test_the_councils_own_services_graded_is_an_overall_grade(text, graded):
    assert grades_area(text, AREAS["overall effectiveness"]) is graded


@pytest.mark.parametrize(
    "text, graded",
    [("Rutland County Council has kept its outstanding rating from Ofsted after a three-week inspection.", True),
     ("Bury's children's services have been awarded Ofsted's top grade of good.", True),
     ("Rutland Council has retained its requires improvement judgement.", True),
     ("Bury Council received a good number of foster carer applications.", False),
     ("Rutland Council has been given an inadequate rating for care leavers.", False)],  # an area's
)
def test_a_rating_the_council_was_given_or_kept_is_an_overall_grade(text, graded):
    assert grades_area(text, AREAS["overall effectiveness"]) is graded


@pytest.mark.parametrize(
    "text, graded",
    [("Rutland was last inspected in 2016 and judged inadequate in every area.", True),
     ("Its services were rated outstanding across the board.", True),
     ("Result: Requires improvement to be good in all five judgements.", True),
     ("All of the judgements were found to be good.", True),
     ("Supervision was good in every team inspectors met.", False),
     ("Care leavers' support was good in all areas.", False)],  # an area's, however widely
)
def test_a_grade_of_every_judgement_is_the_overall_grade_too(text, graded):
    assert grades_area(text, AREAS["overall effectiveness"]) is graded


# --- the sides answered, from a store -----------------------------------------------------------


def _news(council: str, date: str, title: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"---\nkind: other\nauthority: {council}\ndate: {date}\n---\n# {title}\n\n{body}\n"


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("sides")
    docs = root / "docs"
    docs.mkdir()
    (docs / "rutland-2019-news.md").write_text(_news(
        "Rutland", "2019-07-02", "Rutland children's services told to improve",
        "Ofsted judged Rutland's children's services requires improvement to be good after an inspection in May 2019.",
        "Inspectors found that assessments in Rutland were too slow for children at risk.",
    ), encoding="utf-8")
    (docs / "rutland-2022-news.md").write_text(_news(
        "Rutland", "2022-11-20", "Rutland children's services rated outstanding",
        "Rutland County Council's children's services have been rated outstanding by Ofsted after an inspection in October 2022.",
        "Inspectors praised the stability of the social work teams in Rutland.",
    ), encoding="utf-8")
    (docs / "bury-2022-news.md").write_text(_news(
        "Bury", "2022-06-14", "Bury children's services judged good",
        "Bury Council's children's services have been rated good by Ofsted after an inspection in April 2022.",
        "Inspectors said that Bury's care leavers were well supported into work and training.",
    ), encoding="utf-8")
    settings = Settings(store=root / "store")
    index_into(settings, embedder, docs)
    return answerer_over(settings, embedder)


@pytest.mark.parametrize(
    "question",
    ["compare rutland 2019 and bury 2022 overall grades", "compare the overall grades of rutland (2019) and bury (2022)"],
)
def test_each_council_is_answered_from_its_own_years_documents(answerer, question):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    sources = {c.source.rsplit("/", 1)[-1] for c in answer.citations}
    assert {"rutland-2019-news.md", "bury-2022-news.md"} <= sources, answer.answer
    assert "rutland-2022-news.md" not in sources, answer.answer  # the other side's year


def test_a_side_its_documents_do_not_answer_is_never_left_out_silently(answerer):
    # Bury has no 2017 document: the comparison is refused, not answered by Rutland's side alone.
    answer = answerer.run("compare rutland 2019 and bury 2017 overall grades")
    assert not answer.answered or "bury" in answer.answer.lower().split("don't say")[-1], answer.answer
    assert "bury-2022-news.md" not in {c.source.rsplit("/", 1)[-1] for c in answer.citations}, answer.answer


# --- 5. a split question's parts keep its lead; "the later X" is after the year ----------------


@pytest.mark.parametrize(
    "question, second",
    [("Rutland: what was the grade in 2022 and what did inspectors say about caseloads?",
      "Rutland: what did inspectors say about caseloads?"),
     ("Bury 2022: when were inspectors on site, and what is the deadline for the action plan?",
      "Bury 2022: what is the deadline for the action plan?")],
)
def test_every_part_of_a_split_question_keeps_its_lead(question, second):
    parts = parse_parts(question, scope_of(question))
    assert [p.text for p in parts][1] == second


def test_a_part_naming_its_own_council_has_its_own_lead():
    question = "Rutland 2022: what grade did it get, and what did Bury get?"
    parts = parse_parts(question, scope_of(question))
    assert parts[1].text == "what did Bury get?"


@pytest.mark.parametrize(
    "question, after",
    [("Rutland: what was the grade in 2019 and what did the later focused visit say about caseloads?", 2019),
     ("what did the 2019 report say about caseloads and did the subsequent monitoring letter agree?", 2019),
     ("what did the 2019 report say and what did the 2022 focused visit say?", None),  # its own year
     ("what was the grade in 2019 and when is the next inspection due?", None)],  # still to come
)
def test_a_part_about_a_later_document_is_about_documents_after_the_year(question, after):
    parts = parse_parts(question, scope_of(question))
    assert parts[-1].after == after
    if after is not None:
        assert parts[-1].scope.years == ()  # not the earlier year's documents


def test_a_later_document_is_answered_from_documents_dated_after_the_year(answerer):
    answer = answerer.run("Rutland: what did the 2019 news say about assessments, and what did the later news say about social work teams?")
    sources = {c.source.rsplit("/", 1)[-1] for c in answer.citations}
    assert "rutland-2022-news.md" in sources, answer.answer


@pytest.mark.parametrize(
    "term, years, implied",
    [("SIF", (2016,), True), ("ILACS", (2022,), True), ("SIF", (2022,), False), ("ILACS", (2015,), False),
     ("SIF", (), False), ("MASH", (2016,), False)],
)
def test_a_framework_named_with_a_year_of_it_needs_no_mention(term, years, implied):
    from assistant.answering.pipeline import _framework_of_years

    assert _framework_of_years(term, years) is implied


@pytest.mark.parametrize(
    "question, asks",
    [("Bury 2022 - who was the lead inspector?", "who was the lead inspector?"),
     ("rutland fostering – what did the 2019 report say?", "what did the 2019 report say?"),
     ("what did the follow-up visit in Bury find?", "what did the follow-up visit in Bury find?"),  # a hyphen is no dash
     ("which judgement - if any - was inadequate in Rutland?", "which judgement - if any - was inadequate in Rutland?")],
)
def test_a_lead_set_off_by_a_dash_is_a_lead(question, asks):
    (q,) = parse_parts(question, scope_of(question))
    assert q.asks == asks


def test_a_dash_lead_is_every_parts_lead():
    question = "Bury 2022 - who was the lead inspector, and what is the deadline for the action plan?"
    parts = parse_parts(question, scope_of(question))
    assert [p.text for p in parts] == ["Bury 2022 - who was the lead inspector", "Bury 2022 - what is the deadline for the action plan?"]


@pytest.mark.parametrize(
    "published, fieldwork, years",
    [("2023-01-13", None, {2023, 2022}), ("2023-03-30", None, {2023, 2022}), ("2023-06-01", None, {2023}),
     ("2023-01-13", "2023-01-05", {2023})],  # its fieldwork says which year it was
)
def test_a_report_published_early_in_a_year_may_be_of_the_year_befores_inspection(published, fieldwork, years):
    from assistant.answering.records_answer import _reported_years
    from indexer.records.types import Fact, InspectionRecord

    record = InspectionRecord(authority="Rutland", published=Fact(value=published),
                              fieldwork_end=Fact(value=fieldwork) if fieldwork else None)
    assert _reported_years(record) == years


@pytest.mark.parametrize(
    "question, picked",
    [("Rutland's second monitoring visit in 2023 - what had improved?", True),
     ("Rutland's second monitoring visit in 2023: what had improved?", True),
     ("Rutland's second monitoring visit found delays. What had improved by 2024?", False)],  # a claim, not the document
)
def test_a_lead_naming_the_document_picks_it(question, picked):
    (q,) = parse_parts(question, scope_of(question))
    assert bool(q.qualifiers) is picked


def test_rows_grading_two_areas_between_them_answer_every_judgement():
    from types import SimpleNamespace

    from assistant.answering.pipeline import _several_areas_graded

    row = lambda text: SimpleNamespace(follow_on="", text=text)  # noqa: E731
    headline = "Services in Anyshire are good:"
    assert _several_areas_graded([row(f"{headline} 1. Children who need help and protection — Good"),
                                  row(f"{headline} 3. Leadership, management and governance — Outstanding")])
    assert not _several_areas_graded([row(f"{headline} 1. Children who need help and protection — Good")])
    assert not _several_areas_graded([row("Overall effectiveness — Good"), row("Help and protection was discussed.")])
