"""Inspection records from material shaped like real documents: news pages with adverts, press
releases, run-on minutes, visit letters and plans, written here as real files (HTML, DOCX, PDF)
and read by the loaders and the extractor. Each class of phrasing is tested with several
wordings, and each has its refusals beside it: a grade wrongly taken is the worst failure.
No store and no model: `extract` is what the indexer runs on every file."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.loaders import load
from indexer.records.extract import extract
from indexer.records.links import same_area
from indexer.records.merge import build_records
from indexer.vocabulary import Grade, JudgementArea as A
from tests.docs import make_docx, make_html, make_pdf, areas_of, grades_of

G, O, RI, I = Grade.GOOD, Grade.OUTSTANDING, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
ADVERT = "<aside><p>Advertisement</p><p>Sign up to our newsletter for the latest council news.</p></aside>"


def news(tmp_path: Path, body: str, name: str = "rotherham-2023-news.html", title: str = "Ofsted report on children's services"):
    """A council news page: a headline, a date line, the paragraphs, an advert, a footer."""
    path = make_html(
        tmp_path / name,
        f"<header><nav>Home | News | Contact</nav></header><main><h1>{title}</h1><p>Published: 12 May 2023</p>"
        f"{body}{ADVERT}</main><footer><p>Rotherham Metropolitan Borough Council</p></footer>",
        title=title,
    )
    return extract(load(path, str(path)))




# --- grades in prose --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # the service named by what it is, or by its rating
        ("Inspectors rated the service inadequate after a two-week inspection.", {(A.OVERALL_EFFECTIVENESS, I)}),
        ("Following the inspection, the department was judged outstanding by Ofsted.", {(A.OVERALL_EFFECTIVENESS, O)}),
        ("In a report published today, the council's rating has been raised to 'good'.", {(A.OVERALL_EFFECTIVENESS, G)}),
        ("After the inspection, services have been given the improved grade of 'requires improvement to be good'.",
            {(A.OVERALL_EFFECTIVENESS, RI)}),
        ("Councillors are celebrating an overall 'outstanding' rating from Ofsted.", {(A.OVERALL_EFFECTIVENESS, O)}),
        # the council itself as the subject
        ("Rotherham was rated good.", {(A.OVERALL_EFFECTIVENESS, G)}),
        ("Rotherham Metropolitan Borough Council has been judged outstanding by Ofsted.", {(A.OVERALL_EFFECTIVENESS, O)}),
        # a long object before "to be"
        ("Ofsted has judged Rotherham Metropolitan Borough Council's children's social care services to be good.",
            {(A.OVERALL_EFFECTIVENESS, G)}),
        # the subject cut off by commas from its verb
        ("One area, the impact of leaders on social work practice with children and families, was rated 'inadequate'.",
            {(A.IMPACT_OF_LEADERS, I)}),
        ("The experiences and progress of children who need help and protection, and of care leavers, were judged good.",
            {(A.HELP_AND_PROTECTION, G), (A.CARE_LEAVERS, G)}),
        # a counted set of judgements, then as many areas
        ("The three outstanding judgements cover the impact of leaders; the experiences and progress of children who need "
         "help and protection; and overall effectiveness.",
            {(A.IMPACT_OF_LEADERS, O), (A.HELP_AND_PROTECTION, O), (A.OVERALL_EFFECTIVENESS, O)}),
    ],
)
def test_grades_stated_in_news_prose(tmp_path, paragraph, expected):
    assert grades_of(news(tmp_path, f"<p>{paragraph}</p>")) == expected


EVERY_2023 = {(a, G) for a in (A.OVERALL_EFFECTIVENESS, A.IMPACT_OF_LEADERS, A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE, A.CARE_LEAVERS)}


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ofsted has rated Rotherham's children's services good across the board.",
        "Ofsted has judged Rotherham Metropolitan Borough Council's children's social care services to be good in every area.",
        "The report rates the council good in all five areas.",
    ],
)
def test_one_grade_for_every_area(tmp_path, paragraph):
    assert grades_of(news(tmp_path, f"<p>{paragraph}</p>")) == EVERY_2023


def test_all_judgements_in_a_plans_opening(tmp_path):
    path = make_docx(tmp_path / "rotherham-2023-improvement-plan.docx", [
        ("h1", "Children's services improvement plan"),
        ("p", "Response to the Ofsted ILACS inspection of March 2023 (all judgements inadequate)."),
    ])
    assert grades_of(extract(load(path, str(path)))) == {(a, I) for a, _ in EVERY_2023}


@pytest.mark.parametrize(
    "paragraph",
    [
        "Children's services in the town were rated inadequate for eight years.",  # a state that lasted
        "Inspectors judged the leadership of both the council and the trust to be inadequate.",  # a part, not the whole
        "The council's rating was good in 2019 and has now been looked at again.",  # another year
        "Rotherham was rated good in 2019.",
        "The department hopes to be judged outstanding at the next inspection.",
    ],
)
def test_prose_that_grades_nothing_of_this_inspection(tmp_path, paragraph):
    assert grades_of(news(tmp_path, f"<p>{paragraph}</p>")) == set()


# --- a list of areas after the grade --------------------------------------------------------


@pytest.mark.parametrize(
    "intro, items, expected",
    [
        ("Inspectors judged the council good in:", ["help and protection", "children in care", "the impact of leaders"],
            {(A.HELP_AND_PROTECTION, G), (A.CHILDREN_IN_CARE, G), (A.IMPACT_OF_LEADERS, G)}),
        # the old framework's names, and an item that is no judgement area ("adoption") passed over
        ("It gives the council an overall rating of good, and three of the key areas are also rated outstanding:",
            ["children looked after and achieving permanence;", "adoption;", "leadership, management and governance."],
            {(A.OVERALL_EFFECTIVENESS, G), (A.CHILDREN_IN_CARE, O), (A.IMPACT_OF_LEADERS, O)}),
        ("Ofsted rated these areas requires improvement to be good:", ["care leavers", "help and protection"],
            {(A.CARE_LEAVERS, RI), (A.HELP_AND_PROTECTION, RI)}),
    ],
)
def test_areas_listed_after_the_grade(tmp_path, intro, items, expected):
    bullets = "".join(f"<li>{i}</li>" for i in items)
    assert grades_of(news(tmp_path, f"<p>{intro}</p><ul>{bullets}</ul><p>The council thanked its staff for their work over the year.</p>")) == expected


@pytest.mark.parametrize(
    "intro",
    [
        "At the last inspection in 2019 the council was judged inadequate in:",  # an earlier inspection
        "The council wants to be rated outstanding in:",  # hoped for
        "Inspectors saw good practice in:",  # not a judgement
    ],
)
def test_a_list_after_a_sentence_that_is_no_grade_takes_none(tmp_path, intro):
    assert grades_of(news(tmp_path, f"<p>{intro}</p><ul><li>help and protection</li><li>care leavers</li></ul>")) == set()


# --- 'Area: grade' lines run together ----------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Children who need help and protection: Good Leadership, management and governance: Outstanding",
            {(A.HELP_AND_PROTECTION, G), (A.IMPACT_OF_LEADERS, O)}),
        ("Overall effectiveness: requires improvement to be good. Impact of leaders: inadequate.",
            {(A.OVERALL_EFFECTIVENESS, RI), (A.IMPACT_OF_LEADERS, I)}),
        ("Response to the Ofsted inspection of local authority children's services, 6 to 17 March 2023 (overall effectiveness: good).",
            {(A.OVERALL_EFFECTIVENESS, G)}),
    ],
)
def test_area_grade_lines_run_together(tmp_path, paragraph, expected):
    assert grades_of(news(tmp_path, f"<p>{paragraph}</p>")) == expected


def test_bracketed_grade_of_another_year_is_not_this_inspections(tmp_path):
    paragraph = "The previous inspection in 2019 (overall effectiveness: inadequate) was followed by monitoring. Care leavers: good."
    assert grades_of(news(tmp_path, f"<p>{paragraph}</p>")) == {(A.CARE_LEAVERS, G)}


# --- the judgement a visit follows: the right inspection, or none ----------------------------------


def visit_letter(tmp_path: Path, sentence: str, name: str = "rotherham-2024-monitoring-visit.pdf"):
    path = make_pdf(tmp_path / name, [[
        ("h", "Monitoring visit to Rotherham children's services"),
        ("p", "Dear Director of Children's Services"),
        ("p", f"This letter summarises the findings of the monitoring visit to Rotherham children's services on 4 and 5 June 2024. {sentence}"),
        ("p", "Inspectors reviewed the progress made in the quality of planning for children in care."),
    ]], title="Monitoring visit to Rotherham children's services")
    return extract(load(path, str(path)))


@pytest.mark.parametrize(
    "sentence, year",
    [
        ("This was the third monitoring visit since the local authority was judged inadequate in May 2022.", 2022),
        ("It was the second monitoring visit since the local authority was judged inadequate following the inspection in March 2022.", 2022),
        ("The visit is one of several since services were judged inadequate two years ago.", 2022),
    ],
)
def test_a_visit_restates_the_judgement_it_follows_with_its_year(tmp_path, sentence, year):
    found = visit_letter(tmp_path, sentence)
    assert [(g.area, g.grade, g.of_year) for g in found.grades] == [(A.OVERALL_EFFECTIVENESS, I, year)]


def test_an_earlier_judgement_goes_to_its_own_inspection_or_nowhere(tmp_path):
    letter = visit_letter(tmp_path, "This was the third monitoring visit since the local authority was judged inadequate in May 2022.")
    report_path = make_pdf(tmp_path / "rotherham-2022-inspection-report.pdf", [[
        ("h", "Inspection of Rotherham local authority children's services"),
        ("p", "Inspection dates: 9 to 20 May 2022"),
        ("p", "Published: 4 July 2022"),
    ]], title="Inspection of Rotherham local authority children's services")
    report = extract(load(report_path, str(report_path)))
    records = build_records([letter, report], same_area)
    by_source = {r.sources[0]: r for r in records}
    assert by_source[report.source].grades[A.OVERALL_EFFECTIVENESS].grade is I
    assert by_source[report.source].grades[A.OVERALL_EFFECTIVENESS].citations[0].source == letter.source
    assert by_source[letter.source].grades == {}  # never the visit's own
    alone = build_records([letter], same_area)  # no record of 2022: left out
    assert all(r.grades == {} for r in alone)


def test_a_document_that_grades_its_own_inspection_does_not_restate_an_earlier_one(tmp_path):
    found = news(tmp_path, "<p>Ofsted has rated Rotherham's children's services good.</p>"
                           "<p>It follows six monitoring visits since the service was judged inadequate in 2019.</p>")
    assert [(g.area, g.grade, g.of_year) for g in found.grades] == [(A.OVERALL_EFFECTIVENESS, G, 0)]


def test_minutes_about_a_full_inspection_do_not_restate_the_earlier_judgement(tmp_path):
    found = news(tmp_path, "<p>Members discussed the inspection ahead of publication. Background: the service was first "
                           "judged inadequate in a report published in March 2020, after an inspection in January 2020.</p>"
                           "<p>Ofsted carried out monitoring visits in each year that followed.</p>",
                 name="rotherham-2024-scrutiny-minutes.html", title="Scrutiny committee: Ofsted inspection")
    assert found.grades == []


# --- areas for improvement ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    ["What does the local authority need to improve?", "What needs to improve in this area of social work practice",
     "What needs to improve in practice?", "Areas for development"],
)
def test_a_list_under_an_improvement_heading_ends_at_the_letters_closing(tmp_path, heading):
    path = make_pdf(tmp_path / "rotherham-2024-focused-visit.pdf", [[
        ("h", "Focused visit to Rotherham children's services"),
        ("p", "This letter summarises the findings of the focused visit."),
        ("h", heading),
        ("p", "• Management oversight of children in need in the assessment teams."),
        ("p", "• Staffing capacity in early help and family support."),
        ("p", "Leaders have plans in place to address these areas."),
        ("p", "Ofsted will take the findings from this focused visit into account when planning the next inspection."),
        ("p", "Yours sincerely"),
        ("p", "Jane Smith"),
        ("p", "His Majesty's Inspector"),
    ]], title="Focused visit to Rotherham children's services")
    assert areas_of(extract(load(path, str(path)))) == [
        "Management oversight of children in need in the assessment teams", "Staffing capacity in early help and family support"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The report asks the council to improve the consistency of planning for children, management oversight, "
         "the stability of the workforce and the arrangements for privately fostered children.",
            ["the consistency of planning for children", "management oversight", "the stability of the workforce",
             "the arrangements for privately fostered children"]),
        ("Inspectors told the council to strengthen return home interviews, the tracking of missing children, and supervision of practitioners.",
            ["return home interviews", "the tracking of missing children", "supervision of practitioners"]),
        ("Members noted the areas for improvement: pathway planning for care leavers, the response to neglect and the timeliness of assessments.",
            ["pathway planning for care leavers", "the response to neglect", "the timeliness of assessments"]),
        # run-on ModernGov minutes, lettered in the sentence
        ("He acknowledged issues that need to be addressed, which included: a) stability of placements; b) care leavers' knowledge "
         "of their rights; c) consistency of social workers.",
            ["stability of placements", "care leavers' knowledge of their rights", "consistency of social workers"]),
    ],
)
def test_areas_for_improvement_listed_in_a_sentence(tmp_path, sentence, expected):
    assert areas_of(news(tmp_path, f"<p>{sentence}</p>")) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Five areas needing improvement were highlighted in the report. Among them were the way missing children are "
         "followed up, and the recording of return home interviews so that patterns and trends can be seen.",
            ["the way missing children are followed up", "the recording of return home interviews so that patterns and trends can be seen"]),
        ("The report also sets out four areas for improvement. They include swifter court action in care proceedings and "
         "better planning for disabled children's transitions.",
            # two without a comma may be one point ("the recognition of and response to neglect"): kept whole
            ["swifter court action in care proceedings and better planning for disabled children's transitions"]),
    ],
)
def test_some_of_the_areas_after_a_sentence_naming_them(tmp_path, paragraph, expected):
    assert areas_of(news(tmp_path, f"<p>{paragraph}</p>")) == expected


@pytest.mark.parametrize(
    "first, second, expected",
    [
        ("One of the three areas for improvement in the March 2023 inspection is support for children placed with family and friends.",
         "The other two areas are the response to homeless 16- and 17-year-olds and the recognition of and response to neglect.",
         ["support for children placed with family and friends", "the response to homeless 16- and 17-year-olds",
          "the recognition of and response to neglect"]),
        ("One of the recommendations was the timeliness of initial health assessments.",
         "The other two recommendations were the quality of supervision and the stability of placements.",
         ["the timeliness of initial health assessments", "the quality of supervision", "the stability of placements"]),
    ],
)
def test_one_of_the_areas_then_the_others_in_the_next_paragraph(tmp_path, first, second, expected):
    assert areas_of(news(tmp_path, f"<p>{first}</p><p>{second}</p>")) == expected


def test_a_list_introduced_by_asked_to_improve(tmp_path):
    found = news(tmp_path, "<p>Inspectors asked the council to improve:</p><ul><li>the response to neglect</li>"
                           "<li>pathway plans for care leavers</li></ul><p>The director said she welcomed the report and its findings.</p>")
    assert areas_of(found) == ["the response to neglect", "pathway plans for care leavers"]


@pytest.mark.parametrize(
    "body",
    [
        # two parts that may be one point ("support, advice and guidance")
        "<p>Ofsted asked the council to improve the support, advice and guidance given to care leavers.</p>",
        "<p>It asked the council to improve personal education plans and to make its reports easier to understand.</p>",
        # a committee report's recommendations are to its members
        "<h2>Recommendations</h2><p>2.1 Members are asked to note the findings of the inspection.</p>",
        # narrative, not the list
        "<p>The director said the council had already started work on the areas for improvement, including tighter procedures.</p>",
    ],
)
def test_sentences_that_list_no_areas_for_improvement(tmp_path, body):
    assert areas_of(news(tmp_path, body)) == []


def test_a_minutes_section_about_a_visit_restates_the_judgement_it_follows(tmp_path):
    path = make_html(
        tmp_path / "rotherham-2025-cabinet-minutes.html",
        "<h1>Cabinet minutes</h1><h2>7. Ofsted Monitoring Visit</h2><p>7.1 The Cabinet Member presented the report on the "
        "fourth visit, carried out in June 2025. The inspectors recorded positive progress since Children's Services were "
        "judged inadequate two years ago, in particular for children in care.</p>",
        title="Cabinet minutes",
    )
    found = extract(load(path, str(path)))
    assert [(g.area, g.grade, g.of_year) for g in found.grades] == [(A.OVERALL_EFFECTIVENESS, I, 2023)]
