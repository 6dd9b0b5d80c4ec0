"""Class tests: areas for improvement that minutes, briefings and news pages state outside a
heading's list: lettered points run into one paragraph ("(c) the areas for development were X, Y
and Z; (d) …"), a definite list ("the key areas for the council to improve included …"), the areas
named before what they are ("identified X and Y as areas needing focus"), one area by its place
("the first priority area concerned X"), "These include …" after the count, a lead-in asking for
improvement ("Ofsted wants improvement in:"), a heading run into its numbered list, one-word areas in
a named list, and an item that says "remaining". Made-up councils and wording."""

from __future__ import annotations

from indexer.records.improvements import find_improvements
from indexer.types import Block


def areas(*paragraphs: tuple[str, str]) -> list[str]:
    return [a.text for a in find_improvements([Block(text=t, heading=h) for h, t in paragraphs], "doc")]


def test_lettered_points_in_one_paragraph_are_read_one_by_one():
    text = ("The Director reported that: a) the council had been judged good overall; b) strengths included early help and "
            "fostering; c) the areas for development were the timeliness of reviews for disabled children, the recording of "
            "supervision, and the offer to young adults leaving care, all of which the service had already recognised; d) a "
            "plan would follow in the spring.")
    assert areas(("Minutes > 12. Inspection outcome", text)) == [
        "the timeliness of reviews for disabled children", "the recording of supervision", "the offer to young adults leaving care"]


def test_the_key_areas_for_the_council_to_improve_in_a_lettered_point():
    text = ("Councillor Amble reported that (a) services had been judged to require improvement; (b) the key areas for the "
            "council to improve included shortening delays in court work, improving the quality of chronologies, and "
            "improving joint work with schools; (c) plans were in hand.")
    assert areas(("Cabinet > 7. Ofsted report", text)) == [
        "shortening delays in court work", "improving the quality of chronologies", "improving joint work with schools"]


def test_a_list_that_is_the_lettered_points_themselves_stays_whole():
    text = ("She acknowledged issues that need to be addressed, which included: a) the sufficiency of local foster homes; "
            "b) the timeliness of return interviews; c) the use of agency staff.")
    assert areas(("Minutes > Item 4", text)) == [
        "the sufficiency of local foster homes", "the timeliness of return interviews", "the use of agency staff"]


def test_areas_named_before_what_they_are_with_one_word_areas():
    text = ("He advised that the letter recognised progress, but that inspectors had identified planning, the pace of "
            "reunification work, recording and multi-agency attendance as areas needing sustained focus.")
    assert areas(("Minutes > 9. Focused visit", text)) == [
        "planning", "the pace of reunification work", "recording", "multi-agency attendance"]


def test_areas_for_continued_improvement_with_one_word_areas():
    assert areas(("Minutes > 3", "Areas for continued improvement included the consistency of assessments, supervision, "
                                 "chronologies and the voice of fathers.")) == [
        "the consistency of assessments", "supervision", "chronologies", "the voice of fathers"]


def test_a_single_word_in_a_short_or_asked_for_list_is_no_area():
    # "advice" alone, from "asked the council to improve the support, advice and guidance …", is a fragment
    found = areas(("News", "Ofsted asked the council to improve the help, advice and guidance given to young carers and the "
                           "quality of the letters they receive."))
    assert "advice" not in found


def test_one_area_named_by_its_place_in_lettered_points():
    assert areas(("Minutes > 5", "d) the first priority area concerned the use of respite care; a workshop would be held in May;"),
                 ("Minutes > 5", "f) the second priority action concerned the timeliness of initial health assessments;")) == [
        "the use of respite care", "the timeliness of initial health assessments"]


def test_these_include_after_the_count_of_recommendations():
    assert areas(("News", "The report makes nine recommendations. These include quicker decisions on kinship placements, "
                          "particularly for babies, and better advice for young people moving into their own homes.")) == [
        "quicker decisions on kinship placements, particularly for babies",
        "better advice for young people moving into their own homes"]


def test_a_lead_in_asking_for_improvement_introduces_its_list():
    assert areas(("News", "The report says the task now is to keep up the pace. Ofsted wants improvement in:"),
                 ("News", "the recording of home visits;"),
                 ("News", "support for young carers.")) == ["the recording of home visits", "support for young carers"]


def test_a_heading_run_into_its_numbered_list():
    assert areas(("Briefing > The inspection", "Areas for improvement 1. Assessments of parents with learning needs. "
                                               "2. The sufficiency of supported lodgings. 3. The recording of visits.")) == [
        "Assessments of parents with learning needs", "The sufficiency of supported lodgings", "The recording of visits"]


def test_an_item_saying_remaining_does_not_end_the_list():
    assert areas(("News", "Inspectors also set out where further improvement is needed:"),
                 ("News", "plans that do not say who will do what;"),
                 ("News", "some teenagers remaining in residential care for longer than they need;"),
                 ("News", "the timeliness of dental checks.")) == [
        "plans that do not say who will do what", "some teenagers remaining in residential care for longer than they need",
        "the timeliness of dental checks"]


def test_the_remaining_recommendations_is_still_about_the_list():
    assert areas(("Report > Recommendations", "The remaining recommendations are set out in the full report.")) == []


def test_the_question_heading_with_its_sub_heading_run_on_and_an_empty_section():
    assert areas(("What does the local authority need to improve? Priority and immediate action",
                  "• Make sure that every child at risk is seen by a qualified social worker the same day."),
                 ("What does the local authority need to improve? Priority and immediate action", "None.")) == [
        "Make sure that every child at risk is seen by a qualified social worker the same day"]
    assert areas(("What does the local authority need to improve? Priority and immediate action", "None.")) == []


def test_the_council_told_in_the_passive_what_to_do():
    assert areas(("News", "The council has been told to cut the waiting time for child protection conferences and to "
                          "build closer links with local schools on attendance.")) == [
        "cut the waiting time for child protection conferences", "build closer links with local schools on attendance"]


def test_what_the_council_was_told_to_expect_or_to_plan_is_no_area():
    assert areas(("News", "The visit came months before the council had been told to expect it.")) == []
    assert areas(("News", "The council has been told to draw up an improvement plan within weeks.")) == []


def test_a_briefing_heading_in_the_inspectors_voice():
    assert areas(("Briefing > What inspectors want improved", "- Support for young carers at school."),
                 ("Briefing > What inspectors want improved", "- Clearer goals in pathway plans.")) == [
        "Support for young carers at school", "Clearer goals in pathway plans"]


def test_the_areas_where_inspectors_want_progress_then_a_colon_list():
    text = ("The Director then summarised the areas where inspectors wanted further progress: slow matching of children with "
            "adopters; weak oversight of children placed with relatives; and delays in dental checks for children in care.")
    assert areas(("Minutes > 8. Inspection", text)) == [
        "slow matching of children with adopters", "weak oversight of children placed with relatives",
        "delays in dental checks for children in care"]


def test_other_concerns_included_names_the_inspections_concerns():
    assert areas(("News", "Other concerns included the support for young carers, delays in adoption matching, and the "
                          "recording of home visits.")) == [
        "the support for young carers", "delays in adoption matching", "the recording of home visits"]


def test_members_concerns_are_not_the_inspections():
    assert areas(("Minutes > 5", "Members asked about staffing; concerns were raised about agency costs, travel times and "
                                 "the recruitment of foster carers.")) == []


def test_a_visit_letters_heading_in_this_area_of_social_care_practice():
    heading = "Letter > What needs to improve in this area of social care practice"
    assert areas((heading, "• The timeliness of return interviews for children who go missing."),
                 (heading, "• Oversight of children placed with connected carers.")) == [
        "The timeliness of return interviews for children who go missing", "Oversight of children placed with connected carers"]


def test_prose_before_a_sections_bulleted_points_is_narrative():
    heading = "Letter > What needs to improve in this area of social work practice"
    assert areas((heading, "Reviews of plans are not always timely, so some children wait for decisions."),
                 (heading, "• The timeliness of reviews of children's plans."),
                 (heading, "• The recording of management decisions.")) == [
        "The timeliness of reviews of children's plans", "The recording of management decisions"]


def test_an_unmarked_section_keeps_its_paragraphs():
    heading = "Report > Areas for improvement"
    assert areas((heading, "The timeliness of reviews of children's plans."),
                 (heading, "The recording of management decisions.")) == [
        "The timeliness of reviews of children's plans", "The recording of management decisions"]
