"""Inspection records: classes of phrasing found missing or wrongly read on the development sets
E and F, each tested with several made-up documents written as real files (HTML, DOCX, PDF)
and read by the loaders and the extractor, with the refusals beside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.loaders import load
from indexer.records.extract import extract
from indexer.vocabulary import Grade, JudgementArea as A
from tests.docs import make_docx, make_html, make_pdf, areas_of, grades_of

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


# --- areas for improvement: what a list is about, and where it ends ----------------------------



def text_file(tmp_path: Path, lines: list[str], name: str = "medway-2025-news.txt") -> object:
    path = tmp_path / name
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return extract(load(path, str(path)))


@pytest.mark.parametrize(
    "intro",
    [
        "Inspectors credited strong leadership with driving the improvements, which include:",
        "The improvements made since the last visit include:",
        "Inspectors found that improvements are evident across the service, including:",
    ],
)
def test_a_list_of_improvements_made_is_not_areas_for_improvement(tmp_path, intro):
    record = news(tmp_path, f"<p>{intro}</p><ul><li>direct work with children is now a strength;</li>"
                  "<li>care leavers are now very well supported;</li><li>social workers feel valued.</li></ul>")
    assert areas_of(record) == []


@pytest.mark.parametrize(
    "intro",
    [
        "The letter also identified areas for improvement:",
        "Inspectors said the council still needs to improve:",
        "The report identifies three areas for further improvement:",
    ],
)
def test_a_list_of_what_needs_improving_is_read(tmp_path, intro):
    record = news(tmp_path, f"<p>{intro}</p><ul><li>the quality of assessment and planning;</li>"
                  "<li>the timeliness of interventions;</li><li>management oversight and supervision.</li></ul>")
    assert areas_of(record) == ["the quality of assessment and planning", "the timeliness of interventions",
                                "management oversight and supervision"]


@pytest.mark.parametrize(
    "after",
    [
        "The letter recognised that progress had been affected by increased demand on the service.",
        "Related news: Medway Foster Carer Fortnight begins",
        "Leaders welcomed the findings and will report progress to cabinet.",
    ],
)
def test_a_bulleted_list_ends_at_a_paragraph_without_a_bullet(tmp_path, after):
    record = text_file(tmp_path, ["MEDWAY COUNCIL NEWS", "The letter also identified areas for improvement:",
                                  "- the quality of assessment and planning;", "- the timeliness of interventions;",
                                  "- the quality and impact of management oversight.", after])
    assert areas_of(record) == ["the quality of assessment and planning", "the timeliness of interventions",
                                "the quality and impact of management oversight"]


@pytest.mark.parametrize("joiner", ["; and", ", and", "; or"])
def test_the_joining_word_of_a_list_is_not_part_of_its_item(tmp_path, joiner):
    record = news(tmp_path, "<h2>What needs to improve</h2><ul>"
                  f"<li>the quality of assessments{joiner}</li><li>internal audit of practice.</li></ul>")
    assert areas_of(record) == ["the quality of assessments", "internal audit of practice"]


@pytest.mark.parametrize(
    "direction",
    [
        "The local authority should prepare an improvement action plan responding to the recommendations of this report, to be submitted to Ofsted.",
        "The council must prepare a written action plan in response to the recommendations.",
    ],
)
def test_the_standard_direction_to_write_a_plan_is_not_an_area(tmp_path, direction):
    record = news(tmp_path, f"<h2>What does the local authority need to improve?</h2><p>{direction}</p>")
    assert areas_of(record) == []


# --- areas for improvement: the column of a plan's table that restates them -------------------

PLAN_PARAGRAPHS = [("h1", "Children's services improvement plan"),
                   ("p", "Response to the Ofsted inspection of March 2023 (overall effectiveness: good).")]


def plan(tmp_path: Path, header: list[str], rows: list[list[str]], name: str = "sefton-2023-action-plan.docx"):
    path = make_docx(tmp_path / name, PLAN_PARAGRAPHS, [header, *rows])
    return extract(load(path, str(path)))


@pytest.mark.parametrize(
    "column",
    ["Area for improvement", "Area for improvement (Ofsted)", "Ofsted recommendation", "Improvement area", "Areas for development"],
)
def test_a_plan_tables_area_column_gives_its_areas_once_each(tmp_path, column):
    rows = [["1", "Quality of record-keeping", "Refresh recording standards", "Head of Service", "March 2024"],
            ["2", "Quality of record-keeping", "Monthly dip-sampling", "Team managers", "Ongoing"],
            ["3", "Use of multi-agency information in safeguarding responses", "Information-sharing standard", "Head of Front Door", "June 2024"]]
    record = plan(tmp_path, ["Ref", column, "Action", "Lead", "Deadline"], rows)
    assert areas_of(record) == ["Quality of record-keeping", "Use of multi-agency information in safeguarding responses"]
    assert all(a.from_plan_table for a in record.improvements)
    assert "Quality of record-keeping" in record.improvements[0].citation.quote


@pytest.mark.parametrize("column", ["Priority", "Theme", "Area", "Issue"])
def test_a_plans_own_grouping_column_is_not_areas_for_improvement(tmp_path, column):
    rows = [["1", "Workforce stability", "Recruitment strategy", "Head of Workforce", "March 2024"],
            ["2", "Early help offer", "Partnership strategy", "Assistant Director", "June 2024"]]
    assert areas_of(plan(tmp_path, ["Ref", column, "Action", "Lead", "Deadline"], rows)) == []


def test_a_table_that_is_not_a_plan_gives_no_areas(tmp_path):
    """Without who or by when, a table of recommendations is not a plan's: a committee's own
    recommendations to members, say."""
    rows = [["1", "Members note the report"], ["2", "Members agree the next steps"]]
    assert areas_of(plan(tmp_path, ["No.", "Recommendation"], rows)) == []


def test_a_plans_restatement_is_the_inspections_areas_only_when_no_other_document_states_them(tmp_path):
    from indexer.records.links import same_area
    from indexer.records.merge import build_records

    rows = [["1", "Consistency of planning for children", "Practice standards", "Head of Service", "March 2024"]]
    restated = plan(tmp_path, ["Ref", "Area for improvement", "Action", "Lead", "Deadline"], rows)
    only_plan, = build_records([restated], same_area)
    assert [a.text for a in only_plan.areas_for_improvement] == ["Consistency of planning for children"]
    assert only_plan.areas_for_improvement[0].from_plan_table
    report = news(tmp_path, "<h2>What needs to improve</h2><ul><li>The consistency of plans for children.</li></ul>",
                  name="sefton-2023-news.html")
    report = report.model_copy(update={"authority": restated.authority, "inspection_year": restated.inspection_year})
    with_report = [r for r in build_records([restated, report], same_area) if report.source in r.sources]
    assert restated.source in with_report[0].sources  # one inspection
    assert [a.text for a in with_report[0].areas_for_improvement] == ["The consistency of plans for children"]


def test_a_plan_row_is_not_linked_to_its_own_restatement(tmp_path):
    import numpy as np
    from indexer.records.links import link_actions, same_area
    from indexer.records.merge import build_records

    rows = [["1", "Consistency of planning for children", "Practice standards", "Head of Service", "March 2024"]]
    restated = plan(tmp_path, ["Ref", "Area for improvement", "Action", "Lead", "Deadline"], rows)
    record, = build_records([restated], same_area)
    link_actions(record, restated.actions, lambda texts: np.ones((len(texts), 4)) / 2)
    assert record.areas_for_improvement[0].actions == [] and len(record.unlinked_actions) == 1


# --- grades: a list of areas given one grade ------------------------------------------------------

LMG, HP, CL = A.IMPACT_OF_LEADERS, A.HELP_AND_PROTECTION, A.CARE_LEAVERS


@pytest.mark.parametrize(
    "year, sentence, expected",
    [
        (2018, "Children who need help and protection, children looked after, the experiences and progress of care leavers, "
               "and leadership, management and governance were all rated requires improvement, which gives the same grade overall.",
            {(HP, RI), (A.CHILDREN_IN_CARE, RI), (CL, RI), (LMG, RI)}),
        (2019, "They judged the impact of leaders, the experiences and progress of children who need help and protection, the "
               "experiences and progress of children in care and care leavers, and overall effectiveness all to be good.",
            {(LMG, G), (HP, G), (A.CHILDREN_IN_CARE_AND_CARE_LEAVERS, G), (A.OVERALL_EFFECTIVENESS, G)}),
        (2014, "Three areas were judged good: children who need help and protection, the experiences and progress of care "
               "leavers, and leadership, management and governance.", {(HP, G), (CL, G), (LMG, G)}),
        (2019, "Inspectors judged three areas inadequate: the impact of leaders on social work practice with children and "
               "families, the experiences and progress of children who need help and protection, and overall effectiveness.",
            {(LMG, I), (HP, I), (A.OVERALL_EFFECTIVENESS, I)}),
        (2018, "Two of the judgements were inadequate: services for children who need help and protection, and leadership, "
               "management and governance.", {(HP, I), (LMG, I)}),
    ],
)
def test_a_list_of_areas_takes_the_one_grade_it_is_given(tmp_path, year, sentence, expected):
    record = news(tmp_path, f"<p>{sentence}</p>", year=year)
    assert expected <= grades_of(record)


@pytest.mark.parametrize(
    "year, sentence",
    [
        # another inspection's
        (2019, "At the previous inspection, help and protection and the impact of leaders were both judged inadequate."),
        (2019, "In 2016, children who need help and protection, children looked after and leadership, management and governance were all rated inadequate."),
        # wished for, or a count that does not agree with the list
        (2023, "Leaders hope that help and protection and children in care will be judged outstanding."),
        (2023, "Three areas were judged good: help and protection, and children in care."),
        # each area its own grade: not one list
        (2023, "Help and protection, judged good, and children in care, judged outstanding, were praised."),
    ],
)
def test_a_list_of_areas_is_refused_when_the_grade_is_not_this_inspections_or_not_one(tmp_path, year, sentence):
    record = news(tmp_path, f"<p>{sentence}</p>", year=year)
    assert not {(HP, G), (HP, I), (HP, O), (A.CHILDREN_IN_CARE, G), (A.CHILDREN_IN_CARE, O), (LMG, I)} & grades_of(record)


def test_leadership_management_and_governance_is_one_area_though_it_has_a_comma(tmp_path):
    record = news(tmp_path, "<p>Leadership, management and governance were also judged to require improvement, although "
                  "the report recognised good relationships.</p>", year=2015)
    assert (LMG, RI) in grades_of(record)


def test_a_paragraph_that_names_its_own_inspection_and_an_earlier_one_is_about_its_own(tmp_path):
    record = news(tmp_path, "<p>Inspectors visited from 13 to 24 May 2019, the first full inspection since 2017, when a "
                  "report described serious failures. Help and protection was judged good.</p>", year=2019)
    assert (HP, G) in grades_of(record)
    record = news(tmp_path, "<p>The council was inspected in 2017 and found to be failing. Help and protection was judged "
                  "inadequate.</p>", year=2019, name="bromley-2019-b-news.html")
    assert (HP, I) not in grades_of(record)


# --- the judgement a visit follows ------------------------------------------------------------------


def of_years(record) -> set[tuple[A, Grade, int]]:
    return {(g.area, g.grade, g.of_year) for g in record.grades}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Bromley was judged good at its last inspection in 2019.", {(A.OVERALL_EFFECTIVENESS, G, 2019)}),
        ("Bromley was judged requires improvement to be good at its last inspection in January 2022.",
            {(A.OVERALL_EFFECTIVENESS, RI, 2022)}),
        ("Bromley was judged good at its last inspection, in November 2018, with the impact of leaders judged outstanding.",
            {(A.OVERALL_EFFECTIVENESS, G, 2018), (A.IMPACT_OF_LEADERS, O, 2018)}),
    ],
)
def test_a_visit_letter_restates_the_last_inspections_grades_with_its_year(tmp_path, sentence, expected):
    path = make_pdf(tmp_path / "bromley-2024-focused-visit-letter.pdf",
                    [[("h", "Focused visit to Bromley children's services"), ("p", "This letter summarises the findings of the "
                      "focused visit to Bromley children's services in March 2024."), ("p", sentence)]],
                    title="Focused visit to Bromley children's services")
    record = extract(load(path, str(path)))
    assert of_years(record) == expected


def test_a_grade_that_moved_gives_a_visit_nothing(tmp_path):
    path = make_pdf(tmp_path / "bromley-2024-monitoring-visit-letter.pdf",
                    [[("h", "Monitoring visit to Bromley children's services"), ("p", "Since it was judged inadequate in 2018, "
                      "the council has improved and is now good.")]], title="Monitoring visit to Bromley children's services")
    assert extract(load(path, str(path))).grades == []


def test_a_news_item_whose_opening_is_about_a_visit_restates_the_judgement_it_follows(tmp_path):
    record = news(tmp_path, "<p>We have welcomed the letter Ofsted has published after its recent focused visit.</p>"
                  "<p>It follows Ofsted's full inspection in July 2023, when the service was graded good overall.</p>", year=2025)
    assert of_years(record) == {(A.OVERALL_EFFECTIVENESS, G, 2023)}
    plain = news(tmp_path, "<p>Councillors met to discuss the budget.</p><p>It follows Ofsted's full inspection in July 2023, "
                 "when the service was graded good overall.</p>", year=2025, name="bromley-2025-b-news.html")
    assert plain.grades == []


# --- grades: (area, grade) pairs after "The grades were:" ------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The grades were: overall effectiveness, good; the impact of leaders on social work practice with children and "
         "families, good; the experiences and progress of children in care, outstanding; and the experiences and progress "
         "of care leavers, good.", {(A.OVERALL_EFFECTIVENESS, G), (A.IMPACT_OF_LEADERS, G), (A.CHILDREN_IN_CARE, O), (CL, G)}),
        ("Ofsted's judgements are: overall effectiveness, requires improvement to be good; help and protection, inadequate.",
            {(A.OVERALL_EFFECTIVENESS, RI), (HP, I)}),
        ("The ratings were: help and protection, good; children in care, good.", {(HP, G), (A.CHILDREN_IN_CARE, G)}),
    ],
)
def test_area_grade_pairs_after_an_introduction_naming_the_grades(tmp_path, sentence, expected):
    assert grades_of(news(tmp_path, f"<p>{sentence}</p>", year=2024)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The previous grades were: overall effectiveness, inadequate; help and protection, inadequate.",
        "The 2019 grades were: overall effectiveness, inadequate; help and protection, inadequate.",
        "The grades were: overall effectiveness, inadequate; the service, now much stronger and more stable.",
    ],
)
def test_area_grade_pairs_of_another_inspection_or_not_all_pairs_are_refused(tmp_path, sentence):
    assert grades_of(news(tmp_path, f"<p>{sentence}</p>", year=2024)) == set()


# --- grades: a comparison table whose other years' cells name areas -------------------------------


@pytest.mark.parametrize(
    "header, rows, expected",
    [
        (["Judgement", "Grade 2022", "Grade 2018"],
         [["Impact of leaders on social work practice", "Requires improvement to be good", "Inadequate (leadership, management and governance)"],
          ["Children in care and care leavers", "Requires improvement to be good", "Requires improvement (children looked after; care leavers)"]],
         {(A.IMPACT_OF_LEADERS, RI), (A.CHILDREN_IN_CARE_AND_CARE_LEAVERS, RI)}),
        (["Area", "2018 (SIF)", "2022 (ILACS)"],
         [["Help and protection", "Inadequate (children who need help and protection)", "Good"]],
         {(A.HELP_AND_PROTECTION, G)}),
    ],
)
def test_a_comparison_tables_other_years_do_not_name_the_row(tmp_path, header, rows, expected):
    path = make_docx(tmp_path / "surrey-2022-member-briefing.docx",
                     [("h1", "Surrey's children's services (ILACS), January 2022"), ("p", "The inspection took place in January 2022.")],
                     [header, *rows])
    record = extract(load(path, str(path)))
    assert grades_of(record) == expected


# --- grades: judgement words the gate did not know ------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Children's services in the London Borough of Bromley require improvement to be good.", (A.OVERALL_EFFECTIVENESS, RI)),
        ("Children's services provided by Bromley Council are inadequate, the government watchdog has found.",
            (A.OVERALL_EFFECTIVENESS, I)),
        ("Children's services in Bromley are good, the education watchdog said.", (A.OVERALL_EFFECTIVENESS, G)),
    ],
)
def test_the_grades_own_name_and_the_watchdog_make_a_judgement(tmp_path, sentence, expected):
    assert expected in grades_of(news(tmp_path, f"<p>{sentence}</p>", year=2018))


@pytest.mark.parametrize(
    "sentence",
    [
        "Children's services in Bromley are good at listening to families.",  # no judgement words
        "Practice for care leavers is good.",
        "The watchdog's chief said that good practice should be shared.",
    ],
)
def test_without_judgement_words_a_grade_word_is_not_a_grade(tmp_path, sentence):
    assert grades_of(news(tmp_path, f"<p>{sentence}</p>", year=2018)) == set()


def test_a_list_of_areas_each_with_for(tmp_path):
    record = news(tmp_path, "<p>Under the single inspection framework, inspectors judged the services for children who "
                  "need help and protection, for children looked after and for care leavers all to require improvement.</p>",
                  year=2016)
    assert {(HP, RI), (A.CHILDREN_IN_CARE, RI), (CL, RI)} <= grades_of(record)


# --- the year of the inspection a plan answers ----------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "Ofsted inspected Lancashire's children's services from 28 November to 9 December 2022 and judged every area good.",
        "Response to the Ofsted ILACS inspection of November 2022. Ofsted judged every area good.",
        "This plan follows the inspection of children's services in December 2022, which judged every area good.",
    ],
)
def test_a_plan_titled_the_next_year_is_about_the_inspection_its_opening_names(tmp_path, opening):
    path = make_docx(tmp_path / "lancashire-2023-action-plan.docx",
                     [("h1", "Lancashire children's services action plan 2023"), ("p", opening)],
                     [["Ref", "Area for improvement", "Action", "Lead", "Deadline"],
                      ["1", "Care leavers' health histories", "Health passports for all care leavers", "Head of Service", "March 2024"]])
    record = extract(load(path, str(path)))
    assert record.inspection_year == 2022
    # the 2022 framework: children in care and care leavers one judgement
    assert grades_of(record) == {(A.OVERALL_EFFECTIVENESS, G), (A.IMPACT_OF_LEADERS, G), (HP, G),
                                 (A.CHILDREN_IN_CARE_AND_CARE_LEAVERS, G)}


@pytest.mark.parametrize(
    "opening",
    [
        "Progress since the previous inspection in March 2022 has been steady.",  # an earlier one, named as such
        "Ofsted last inspected the council in March 2019.",  # not the year before the plan's
    ],
)
def test_a_plans_opening_naming_another_inspection_does_not_move_its_year(tmp_path, opening):
    path = make_docx(tmp_path / "lancashire-2023-action-plan.docx",
                     [("h1", "Lancashire children's services action plan 2023"), ("p", opening)],
                     [["Ref", "Area for improvement", "Action", "Lead", "Deadline"],
                      ["1", "Care leavers' health histories", "Health passports for all care leavers", "Head of Service", "March 2024"]])
    assert extract(load(path, str(path))).inspection_year == 2023


# --- areas for improvement: named, then listed in the same sentence; other introductions ---------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The report sets out 14 broad areas for improvement, including the management of staff and casework, performance "
         "and quality assurance, and timely access to services in urgent cases.",
            ["the management of staff and casework", "performance and quality assurance", "timely access to services in urgent cases"]),
        ("The three areas still to improve in 2024 are management oversight of supervision, return home interviews, and "
         "life-story work for children in long-term foster care.",
            ["management oversight of supervision", "return home interviews", "life-story work for children in long-term foster care"]),
        ("Inspectors identified two areas for improvement, namely the quality of assessments and the timeliness of plans.",
            ["the quality of assessments", "the timeliness of plans"]),
    ],
)
def test_areas_named_then_listed_in_one_sentence(tmp_path, sentence, expected):
    assert areas_of(news(tmp_path, f"<p>{sentence}</p>")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        '"The areas for improvement are clear," she said, "and they will be a focus for the service and our partners."',
        "The inspection dates and the two areas for improvement are public facts; the actions and leads are invented.",
        "The areas for improvement were discussed at length, and members thanked officers.",
    ],
)
def test_a_sentence_about_the_areas_is_not_a_list_of_them(tmp_path, sentence):
    assert areas_of(news(tmp_path, f"<p>{sentence}</p>")) == []


@pytest.mark.parametrize(
    "intro",
    ["Ofsted said the council should still improve:", "Inspectors named six areas that still need to get better. They include:",
     "The report lists what is still to improve:"],
)
def test_more_introductions_of_what_needs_improving(tmp_path, intro):
    record = news(tmp_path, f"<p>{intro}</p><p>the use of multi-agency information when responding to safeguarding concerns;</p>"
                  "<p>the quality of record-keeping.</p>")
    assert areas_of(record) == ["the use of multi-agency information when responding to safeguarding concerns",
                                "the quality of record-keeping"]


# --- grades: an earlier year named only to compare, or before a clause naming this inspection ----


@pytest.mark.parametrize(
    "paragraph",
    [
        "<p>Services have been given an overall rating of requires improvement to be good. This is the same overall grade "
        "as in 2019. One area, the impact of leaders on social work practice, was rated inadequate.</p>",
        "<p>Services were rated requires improvement, up from inadequate in 2019. One area, the impact of leaders on social "
        "work practice, was rated inadequate.</p>",
    ],
)
def test_a_year_named_only_to_compare_does_not_make_the_paragraph_earlier(tmp_path, paragraph):
    assert (A.IMPACT_OF_LEADERS, I) in grades_of(news(tmp_path, paragraph, year=2023))


def test_a_year_named_as_the_earlier_grade_still_makes_the_paragraph_earlier(tmp_path):
    record = news(tmp_path, "<p>In 2019 the council was inspected again. One area, the impact of leaders on social work "
                  "practice, was rated inadequate.</p>", year=2023)
    assert (A.IMPACT_OF_LEADERS, I) not in grades_of(record)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("She explained that the previous inspection, in 2013, had found that the service required improvement, and that "
         "the 2019 inspection had rated the service as good.", {(A.OVERALL_EFFECTIVENESS, G)}),
        ("Since the last inspection in 2016, progress has been steady, and the inspection in March 2019 judged the service good.",
            {(A.OVERALL_EFFECTIVENESS, G)}),
    ],
)
def test_a_clause_naming_this_inspection_is_about_it_after_an_earlier_one(tmp_path, sentence, expected):
    assert grades_of(news(tmp_path, f"<p>{sentence}</p>", year=2019)) == expected


# --- old-framework names: "looked after children" --------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Inspectors rated services for looked after children as good.", {(A.CHILDREN_IN_CARE, G)}),
        ("Services for looked-after children were judged to require improvement.", {(A.CHILDREN_IN_CARE, RI)}),
        ("The educational progress of looked-after children is not judged good enough.", set()),
        ("Ofsted said good practice with looked after children should be shared.", set()),
    ],
)
def test_looked_after_children_is_the_sifs_children_in_care(tmp_path, sentence, expected):
    assert grades_of(news(tmp_path, f"<p>{sentence}</p>", year=2017)) == expected


# --- areas for improvement: findings reported in prose under a 'Still to improve' heading --------


@pytest.mark.parametrize("heading", ["Still to improve", "Three areas to improve", "What still needs to improve"])
def test_findings_reported_under_an_improve_heading(tmp_path, heading):
    record = news(tmp_path, f"<h2>{heading}</h2><p>Inspectors said that 16- and 17-year-olds at risk of homelessness receive "
                  "an inconsistent response, that the response to children at risk of exploitation is variable, and that "
                  "practice for disabled children is still inconsistent. They also said that care leavers' access to mental "
                  "health support remains a challenge.</p>")
    assert areas_of(record) == [
        "16- and 17-year-olds at risk of homelessness receive an inconsistent response",
        "the response to children at risk of exploitation is variable",
        "practice for disabled children is still inconsistent",
        "care leavers' access to mental health support remains a challenge",
    ]


@pytest.mark.parametrize("heading", ["What inspectors found", "Strengths", "What people said"])
def test_findings_reported_under_another_heading_are_not_areas(tmp_path, heading):
    record = news(tmp_path, f"<h2>{heading}</h2><p>Inspectors said that leaders know their services well, that staff feel "
                  "supported, and that children are seen regularly. They also said that care leavers are well supported.</p>")
    assert areas_of(record) == []


# --- grades: a timeline of inspections; only the row of the document's own inspection -------------

TIMELINE = [["Year", "Inspection or visit", "Outcome"],
            ["2015", "Single inspection framework (SIF), May and June", "Requires improvement overall (down from good); adoption good"],
            ["2019", "ILACS standard inspection, January 2019", "Requires improvement to be good; six recommendations"],
            ["2021", "Focused visit, November 2021", "No grade; practice found to be improving"]]


@pytest.mark.parametrize(
    "own_row, expected",
    [
        (["2024", "ILACS standard inspection, May 2024", "Good overall"], {(A.OVERALL_EFFECTIVENESS, G)}),
        (["2024", "ILACS inspection, May 2024", "Outstanding (all judgements)"], {(A.OVERALL_EFFECTIVENESS, O)}),
        (["2024", "Monitoring visit, May 2024", "Good progress"], set()),  # a visit's row: not a grade
        (["2024", "ILACS inspection, May 2024", "Report due in July"], set()),
    ],
)
def test_a_timelines_row_for_the_documents_own_inspection_is_its_grade_and_no_other_row(tmp_path, own_row, expected):
    path = make_docx(tmp_path / "oldham-2024-member-briefing.docx",
                     [("h1", "Member briefing: Oldham children's services, inspection history 2015 to 2024"),
                      ("p", "This briefing sets out the council's inspections since 2015.")], TIMELINE + [own_row])
    record = extract(load(path, str(path)))
    assert record.inspection_year == 2024
    assert grades_of(record) == expected


# --- grades: the report's year, the one after its fieldwork ---------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Ofsted judged Bromley's children's social care inadequate in January 2019, after an inspection in November and "
         "December 2018.", {(A.OVERALL_EFFECTIVENESS, I)}),
        ("Children's services were rated good in February 2019, following the inspection in December 2018.",
            {(A.OVERALL_EFFECTIVENESS, G)}),
        # a later judgement beside this inspection's year is not this one's
        ("The council was inspected in 2018; in 2019 it was judged good.", set()),
        ("Children's services were rated good in 2020, after a long period of improvement.", set()),
    ],
)
def test_the_year_after_the_fieldwork_is_the_reports(tmp_path, sentence, expected):
    path = make_pdf(tmp_path / "bromley-2019-member-briefing.pdf",
                    [[("h", "Member briefing: Ofsted inspection of children's services"),
                      ("p", "Inspection dates: 26 November to 7 December 2018"), ("p", sentence)]],
                    title="Member briefing: Ofsted inspection of children's services")
    record = extract(load(path, str(path)))
    assert record.inspection_year == 2018
    assert grades_of(record) == expected


@pytest.mark.parametrize("column", ["Improvement action", "Ofsted improvement action", "Improvement actions"])
def test_an_improvement_action_column_beside_the_plans_own_actions_gives_the_areas(tmp_path, column):
    rows = [["CL1", "Improvement action 1 (care leavers)", "Review the local offer", "Head of Leaving Care", "June 2026"],
            ["CL2", "Improvement action 2 (care leavers)", "Audit pathway plans", "Service Manager", "Q1 2026/27"]]
    record = plan(tmp_path, ["Ref", column, "Action", "Lead officer", "Timescale"], rows)
    assert areas_of(record) == ["Improvement action 1 (care leavers)", "Improvement action 2 (care leavers)"]


def test_an_improvement_actions_column_that_is_the_plans_actions_gives_no_areas(tmp_path):
    rows = [["1", "Review the local offer with the care leavers' forum", "Head of Leaving Care", "June 2026"],
            ["2", "Audit pathway plans for all care leavers", "Service Manager", "Q1 2026/27"]]
    assert areas_of(plan(tmp_path, ["Ref", "Improvement actions", "Lead officer", "Timescale"], rows)) == []


# --- grades: the inspection's one-line result ------------------------------------------------------


@pytest.mark.parametrize(
    "line, grade",
    [("Judgement: requires improvement to be good.", RI), ("Inspection outcome: Good", G), ("Ofsted rating: inadequate", I),
     ("Overall outcome: outstanding.", O)],
)
def test_the_inspections_one_line_result_is_its_overall_effectiveness(tmp_path, line, grade):
    assert grades_of(news(tmp_path, f"<p>{line}</p>")) == {(A.OVERALL_EFFECTIVENESS, grade)}


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Help and protection", {(HP, G)}),  # the area's own heading: that area
        ("Monitoring visit, March 2023", set()),  # a visit is not graded
        ("The 2019 inspection", set()),  # another year's
    ],
)
def test_a_bare_judgement_line_under_a_heading(tmp_path, heading, expected):
    assert grades_of(news(tmp_path, f"<h2>{heading}</h2><p>Judgement: good.</p>")) == expected


# --- grades: reported speech in minutes shifts 'has been' back to 'had been' ------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("He explained that the overall effectiveness of the service had been judged inadequate.", {(A.OVERALL_EFFECTIVENESS, I)}),
        ("The cabinet member said that the inspection had concluded that the overall effectiveness of children's services "
         "was inadequate, and that every area of the service had been judged inadequate.",
            {(A.OVERALL_EFFECTIVENESS, I), (A.IMPACT_OF_LEADERS, I), (HP, I), (A.CHILDREN_IN_CARE_AND_CARE_LEAVERS, I)}),
        ("Members heard that help and protection had been judged good.", {(HP, G)}),
    ],
)
def test_had_been_in_reported_speech_is_this_inspections(tmp_path, sentence, expected):
    assert grades_of(news(tmp_path, f"<p>{sentence}</p>", year=2022, name="bromley-2022-scrutiny-minutes.html")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The overall effectiveness of the service had been judged inadequate.",  # no one reports it: an earlier state
        "He explained that the overall effectiveness of the service had previously been judged inadequate.",
        "He explained that at the last inspection the overall effectiveness had been judged inadequate.",
        "He explained that the overall effectiveness of the service had been judged inadequate in 2018.",
    ],
)
def test_had_been_outside_reported_speech_or_beside_an_earlier_inspection_is_refused(tmp_path, sentence):
    assert grades_of(news(tmp_path, f"<p>{sentence}</p>", year=2022, name="bromley-2022-scrutiny-minutes.html")) == set()


# --- grades: a sub-judgement's or a named area's grade in "Judgement: X; Grade: Y" pairs ---------
# A bare "Grade: good" is the overall judgement only where nothing names another area: after
# "Judgement: Adoption performance;" it is the sub-judgement's, which grades no area of the record.

PAIRS = [
    "Judgement: Children who need help and protection; Grade: Inadequate",
    "Judgement: Adoption performance; Grade: Good",
    "Judgement: Experiences and progress of care leavers; Grade: Requires improvement",
    "Judgement: Leadership, management and governance; Grade: Inadequate",
]


@pytest.mark.parametrize(
    "lines, expected",
    [
        (PAIRS, {(A.HELP_AND_PROTECTION, I), (A.CARE_LEAVERS, RI), (A.IMPACT_OF_LEADERS, I)}),
        (["Judgement: Adoption performance; Grade: Outstanding"], set()),  # a sub-judgement only
        (["Judgement: Adoption performance; Grade: Good", "Judgement area: Overall effectiveness; Grade: Requires improvement"],
         {(A.OVERALL_EFFECTIVENESS, RI)}),
        (["Area: The impact of leaders on social work practice; Rating: Good",
          "Area: Fostering service; Rating: Outstanding"], {(A.IMPACT_OF_LEADERS, G)}),  # another service's grade
    ],
)
def test_a_judgement_grade_pair_grades_the_named_judgement_never_the_overall_one(tmp_path, lines, expected):
    record = text_file(tmp_path, ["Member briefing: Ofsted inspection of children's services",
                                  "Briefing for members, May 2025.", *lines], name="medway-2025-member-briefing.txt")
    assert grades_of(record) == expected
    assert all("; " in g.citation.quote for g in record.grades)  # the pair is quoted, not the bare grade


# --- areas for improvement: a section's bullets run into one paragraph --------------------------
# A PDF's loader can join a bulleted list into one paragraph: "• X. • Y. • Z." Each point is an area.


@pytest.mark.parametrize(
    "heading, paragraph, expected",
    [
        ("What needs to improve?",
         "• The quality of case recording, so that records explain what is happening. • The completion of life-story work "
         "for children in care. • Management oversight, so that it moves plans forward.",
         ["The quality of case recording, so that records explain what is happening", "The completion of life-story work for children in care",
          "Management oversight, so that it moves plans forward"]),
        ("Areas for improvement", "• Updating children's assessments. • The use of the Public Law Outline at the pre-proceedings stage.",
         ["Updating children's assessments", "The use of the Public Law Outline at the pre-proceedings stage"]),
        ("Recommendations", "■ Sufficiency of local foster placements; ■ Timeliness of initial health assessments for children in care",
         ["Sufficiency of local foster placements", "Timeliness of initial health assessments for children in care"]),
    ],
)
def test_bullets_run_into_one_paragraph_under_the_section_are_each_an_area(tmp_path, heading, paragraph, expected):
    path = make_docx(tmp_path / "medway-2025-inspection-report.docx",
                     [("h1", "Medway inspection of children's social care services"), ("h2", heading), ("p", paragraph)])
    record = extract(load(path, str(path)))
    assert areas_of(record) == expected
    # each point quoted on its own, verbatim
    assert [a.citation.quote.rstrip(".;") for a in record.improvements] == expected
    assert all(a.citation.quote in paragraph for a in record.improvements)


@pytest.mark.parametrize(
    "heading, paragraph",
    [
        ("Summary of findings", "• Leaders know the service well. • Caseloads are manageable."),  # not the section
        ("What needs to improve?", "• Inspectors said the council must improve:"),  # one mark only, an introduction
        ("Areas for improvement", "• The director said the plan was on track. • Leaders welcomed the findings."),  # narrative
    ],
)
def test_run_together_bullets_elsewhere_or_narrative_are_no_areas(tmp_path, heading, paragraph):
    path = make_docx(tmp_path / "medway-2025-inspection-report.docx",
                     [("h1", "Medway inspection of children's social care services"), ("h2", heading), ("p", paragraph)])
    assert areas_of(extract(load(path, str(path)))) == []


# --- areas for improvement: a visit letter's "Areas for further improvement" section ---------------


@pytest.mark.parametrize("heading", ["Areas for further improvement", "Area for continued development", "Areas for continuing improvement"])
def test_a_visit_letters_further_improvement_section_lists_areas(tmp_path, heading):
    path = make_docx(tmp_path / "medway-2025-monitoring-visit-letter.docx",
                     [("h1", "Monitoring visit to Medway children's services"), ("h2", "Headline findings"),
                      ("p", "Leaders have built on the improvements found at the earlier visits."), ("h2", heading),
                      ("p", "• More permanent recruitment of staff, to reduce reliance on agency workers."),
                      ("p", "• The consistency of pathway plans, so that each plan is specific.")])
    assert areas_of(extract(load(path, str(path)))) == [
        "More permanent recruitment of staff, to reduce reliance on agency workers", "The consistency of pathway plans, so that each plan is specific"]


# --- grades: a sub-judgement listed among the areas; "and B as Y" after the list ------------------
# "judged A, B, adoption performance and C as requires improvement, and care leavers as good":
# adoption is a member of the list that grades nothing; the verb carries on to the last area.


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("The re-inspection judged help and protection, children looked after and achieving permanence, adoption performance "
         "and leadership, management and governance as requires improvement, and the experiences and progress of care leavers as good.",
         {(A.HELP_AND_PROTECTION, RI), (A.CHILDREN_IN_CARE, RI), (A.IMPACT_OF_LEADERS, RI), (A.CARE_LEAVERS, G)}),
        ("Inspectors judged help and protection, adoption and the impact of leaders as good.",
         {(A.HELP_AND_PROTECTION, G), (A.IMPACT_OF_LEADERS, G)}),
        ("Inspectors judged help and protection and the impact of leaders as good, and children in care as outstanding.",
         {(A.HELP_AND_PROTECTION, G), (A.IMPACT_OF_LEADERS, G), (A.CHILDREN_IN_CARE, O)}),
        # the last area's own service, or a grade qualified after it, is not carried on to
        ("Inspectors judged help and protection and the impact of leaders as good, and the fostering service as outstanding.",
         {(A.HELP_AND_PROTECTION, G), (A.IMPACT_OF_LEADERS, G)}),
        # "at the last inspection" may qualify the whole sentence: nothing of it is taken
        ("Inspectors judged help and protection and the impact of leaders as good, and care leavers as outstanding at the last inspection.",
         set()),
    ],
)
def test_a_list_with_a_sub_judgement_and_a_last_area_graded_apart(tmp_path, paragraph, expected):
    assert grades_of(news(tmp_path, f"<p>{paragraph}</p>")) == expected


# --- grades: a history line "Area: X; 2014: …; 2017: …"; a visit's year is not the inspection's ---


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["Area: Overall effectiveness; 2014: Inadequate; 2017: Requires improvement to be good",
          "Area: Experiences and progress of care leavers; 2014: Not restated here; 2017: Good",
          "Area: Adoption performance; 2014: Good; 2017: Outstanding"],  # a sub-judgement: nothing
         {(A.OVERALL_EFFECTIVENESS, RI), (A.CARE_LEAVERS, G)}),
        # only the earlier year's value: an earlier inspection's grade, none of this one's
        (["Area: Overall effectiveness; 2014: Inadequate", "Area: Leadership, management and governance; 2014: Inadequate"], set()),
        (["Area: Children who need help and protection; 2017: Good; 2014: Requires improvement"], {(A.HELP_AND_PROTECTION, G)}),
    ],
)
def test_a_history_line_gives_only_the_documents_own_years_grade(tmp_path, lines, expected):
    record = text_file(tmp_path, ["Member briefing: Ofsted re-inspection of children's services",
                                  "Date: 13 June 2017", "Judgements", *lines], name="coventry-2017-member-briefing.txt")
    assert record.inspection_year == 2017
    assert grades_of(record) == expected
    assert all(g.citation.quote.startswith("Area: ") for g in record.grades)


@pytest.mark.parametrize(
    "background",
    [
        "Ofsted's first monitoring visit after that inspection, at the start of November 2016, found some children at risk.",
        "Ofsted carried out a focused visit in December 2016 on the front door.",
        "Inspectors' monitoring visits in 2016 found that progress was slow.",
    ],
)
def test_a_visits_year_is_not_the_inspections(tmp_path, background):
    record = text_file(tmp_path, ["Member briefing: Ofsted re-inspection of children's services", "Date: 13 June 2017",
                                  "Ofsted has today published its report on the re-inspection of the council's services for children.",
                                  background], name="coventry-2017-member-briefing.txt")
    assert record.inspection_year == 2017


# --- grades: a listed subject with its adverb before "been" ("had both been judged") -------------


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("The impact of leaders on social work practice with children and families, and the experiences and progress of "
         "children in care and care leavers, had both been judged outstanding.", {(A.IMPACT_OF_LEADERS, O), (A.CHILDREN_IN_CARE_AND_CARE_LEAVERS, O)}),
        ("Help and protection and the impact of leaders have all been rated good.", {(A.HELP_AND_PROTECTION, G), (A.IMPACT_OF_LEADERS, G)}),
        ("Help and protection and the impact of leaders had both been judged good in 2014.", set()),  # an earlier year's
        # an earlier inspection's grade, named after it
        ("Help and protection and the impact of leaders have both been judged good at the last inspection.", set()),
        ("Help and protection and the impact of leaders were judged good at the previous inspection.", set()),
        # graded now, and before as well: this inspection's grade still
        ("Help and protection and the impact of leaders were rated inadequate, as they had been three years ago.",
         {(A.HELP_AND_PROTECTION, I), (A.IMPACT_OF_LEADERS, I)}),
        ("Help and protection and the impact of leaders were rated inadequate, with caseloads too high.",
         {(A.HELP_AND_PROTECTION, I), (A.IMPACT_OF_LEADERS, I)}),  # a tail that names no earlier time
    ],
)
def test_a_list_then_an_adverb_before_been(tmp_path, paragraph, expected):
    assert grades_of(news(tmp_path, f"<p>{paragraph}</p>")) == expected


# --- areas for improvement: the weaknesses the inspection named, introducing a list ---------------


@pytest.mark.parametrize(
    "intro, expected",
    [
        ("The weaknesses listed by inspectors included:", ["not enough approved local adopters", "unclear plans for some children in care"]),
        ("Weaknesses identified in the report were:", ["not enough approved local adopters", "unclear plans for some children in care"]),
        ("The main shortcomings highlighted by Ofsted include:", ["not enough approved local adopters", "unclear plans for some children in care"]),
        ("Strengths identified by inspectors included:", []),  # what is good, not what must improve
        ("Weaknesses in the council's budget position included:", []),  # not the inspection's
    ],
)
def test_the_weaknesses_an_inspection_listed_are_its_areas(tmp_path, intro, expected):
    record = text_file(tmp_path, ["Sheffield children's services told they require improvement", "24 February 2014",
                                  "Sheffield City Council's children's services require improvement, Ofsted has found.", intro,
                                  "- not enough approved local adopters", "- unclear plans for some children in care"],
                       name="sheffield-2014-news.txt")
    assert areas_of(record) == expected


@pytest.mark.parametrize(
    "none",
    [
        "There are no areas for improvement arising from this inspection.",
        "Inspectors made no recommendations.",
        "Ofsted did not identify any areas for improvement.",
        "No areas for priority action were identified.",
    ],
)
def test_a_line_saying_there_are_no_areas_for_improvement_is_none(tmp_path, none):
    assert areas_of(news(tmp_path, f"<h2>What needs to improve?</h2><p>{none}</p>")) == []


def test_an_area_about_places_with_no_services_is_still_an_area(tmp_path):
    area = "Make sure there are no areas of the county without an early help offer."
    assert areas_of(news(tmp_path, f"<h2>What needs to improve?</h2><p>{area}</p>")) == [area.rstrip(".")]


# One area in two wordings is one area; two areas in one frame are two. The tracker must never
# hide an area behind another, so the near-misses (same frame, another cohort or practice)
# matter as much as the restatements.
SAME_AREA = [
    ("how it recognises and meets children's diverse needs arising from race and culture",
     "Further work is needed to recognise and meet the diverse needs of children arising from their race and culture"),
    ("sufficiency of placements", "placement sufficiency"),
    ("Disabled children", "Practice in the care and protection of disabled children needs further improvement"),
    ("the timeliness of initial health assessments", "Initial health assessments lack timeliness"),
]
OTHER_AREAS = [
    ("the quality of plans for children in need", "the quality of plans for children in care"),
    ("the quality and impact of supervision", "the quality and impact of return home interviews"),
    ("The experiences and progress of children in care", "The experiences and progress of care leavers"),
    ("the response to children at risk of exploitation", "the response to children who go missing"),
]


@pytest.mark.parametrize("a, b", SAME_AREA)
def test_one_area_in_two_wordings_is_one(a, b):
    from indexer.records.links import same_area
    assert same_area(a, b) and same_area(b, a)


@pytest.mark.parametrize("a, b", OTHER_AREAS)
def test_two_areas_in_one_frame_stay_two(a, b):
    from indexer.records.links import same_area
    assert not same_area(a, b) and not same_area(b, a)
