"""Forms of statement a question's need must accept (and what it still refuses): a name after a
capitalised title, a share as "N out of M", a count of people by their kinds, a standing
timescale, a body as the agent of the question's verb, an action's owner as its lead, a role's
words naming a meeting; and an acronym spelt out in the plural. Made-up sentences throughout."""

import pytest

from assistant.answering.needs import need_of
from assistant.answering.question import forms_of


def met(question: str, text: str) -> bool:
    need = need_of(question)
    assert need is not None, question
    return need.met(text)


@pytest.mark.parametrize("text", [
    "The visit was carried out by His Majesty's Inspector Jane Roe and a colleague.",
    "Lead Inspector Sam Okafor led the team.",
    "Signed: Senior Inspector Priya Nair",
])
def test_a_name_after_a_capitalised_title_is_a_name(text):
    assert met("who was the HMI on the visit?", text)


def test_a_title_with_no_name_after_it_names_nobody():
    assert not met("who was the HMI on the visit?", "The visit was carried out by His Majesty's Inspectors in May.")


@pytest.mark.parametrize("text", [
    "Seven out of ten social workers are now permanent.",
    "Only 3 out of 4 plans were up to date.",
    "nine out of every ten families said so",
])
def test_a_share_may_be_written_as_a_count_of_a_whole(text):
    assert met("what proportion of plans were up to date?", text)


def test_a_count_that_is_no_share_is_still_refused():
    assert not met("what proportion of plans were up to date?", "Nine plans were up to date out of the set audited.")


@pytest.mark.parametrize("text", [
    "Inspectors spoke with more than 80 children, parents and carers.",
    "The team met 45 staff across the service.",
])
def test_a_count_of_people_is_met_by_a_count_of_a_kind_of_people(text):
    assert met("how many people did inspectors speak to?", text)


def test_a_count_of_a_kind_of_people_is_not_met_by_another_kind():
    assert not met("how many children did inspectors speak to?", "The team met 45 staff across the service.")


@pytest.mark.parametrize("cell", ["Ongoing", "ongoing", "Immediate"])
def test_a_standing_timescale_answers_a_deadline(cell):
    assert met("what is the deadline for the audit action?", f"Action: Audit every plan — Lead officer: Head of Service — Timescale: {cell} — RAG: Amber")


def test_a_row_without_a_timescale_gives_no_deadline():
    assert not met("what is the deadline for the audit action?", "Action: Audit every plan — Lead officer: Head of Service — RAG: Amber")


@pytest.mark.parametrize("question,text", [
    ("who monitors the improvement plan?", "A clear improvement plan, monitored by a Children's Improvement Board."),
    ("who delivers children's services in the county?", "Services are delivered on behalf of the county council by Shire Family Services, a company."),
    ("who does the council report plan progress to?", "Progress is reported every quarter to the Corporate Parenting Panel."),
    ("who approved the new plan?", "The new plan was approved by Cabinet in May."),
    # A body the report does not name, and the verb in another form.
    ("who oversaw the plan after the inspection?", "The plan was overseen by an independently chaired improvement board."),
    ("who oversaw the plan?", "The plan was agreed by the Department for Education and overseen by an improvement board."),
])
def test_a_body_named_as_the_verbs_agent_answers_who(question, text):
    assert met(question, text)


@pytest.mark.parametrize("question,text", [
    ("who monitors the improvement plan?", "The improvement plan is monitored every month."),
    ("who approved the new plan?", "The new plan was sent to Cabinet in May."),
    ("who does the council report plan progress to?", "Progress was reported in March."),
    # Another verb's agent answers nothing.
    ("who monitors the improvement plan?", "The plan was written by the Safeguarding Partnership Board."),
    ("who oversaw the plan after the inspection?", "The plan was written by an improvement board."),
])
def test_no_body_named_for_the_verb_is_no_answer(question, text):
    assert not met(question, text)


def test_an_actions_owner_is_its_lead_but_the_plans_owner_is_its_owner_cell():
    row = "Action: Introduce a placements tracker — Lead officer: Head of Service, Placements — Timescale: May 2026"
    assert met("who owns the placements tracker?", row)
    assert not met("who owns the improvement plan?", row)
    assert met("who owns the improvement plan?", "Plan owner: Director of Children's Services — Version 2")


@pytest.mark.parametrize("question", [
    "who sent apologies to the lead member meeting in June?",
    "who spoke at the cabinet member briefing?",
])
def test_a_role_naming_a_meeting_asks_for_any_person(question):
    assert need_of(question).what == "a person"
    assert met(question, "Apologies were received from Councillor Jo Bright.")


def test_an_acronym_is_found_spelt_out_in_the_plural():
    assert "independent reviewing officers" in forms_of("IRO")
    assert "special educational needs" in forms_of("SEN")


@pytest.mark.parametrize("question", [
    "who owns the statement of action that answers the report?",
    "who owns the council's improvement plan for care leavers?",
    "who owns anytown's 2024 ofsted improvement plan?",
])
def test_the_plan_itself_is_owned_by_its_owner_cell(question):
    assert not met(question, "Action: Introduce a placements tracker — Lead officer: Head of Service, Placements — Timescale: May 2026")


@pytest.mark.parametrize("question", ["who owns the audit in the plan?", "who owns the placements tracker and when is it due?"])
def test_an_action_of_the_plan_is_owned_by_its_lead(question):
    assert met(question, "Action: Introduce a placements tracker — Lead officer: Head of Service, Placements — Timescale: May 2026")


def test_a_qualified_count_of_people_counts_only_those_people():
    assert not met("how many young people can the service look after?", "The team met 45 staff across the service.")
    assert met("how many young people can the service look after?", "It can look after as many as 300 young people at once.")


@pytest.mark.parametrize("question,what", [
    ("the review of the front door was led by who?", "a person"),
    ("the 2019 visit letter was addressed to who?", "who the letter was addressed to"),
    ("and the plan went to whom?", "a person"),
])
def test_who_asked_last_asks_for_a_person(question, what):
    assert need_of(question).what == what


@pytest.mark.parametrize("question", ["what dates did the 2018 inspection take place?", "which days was the visit?"])
def test_dates_asked_in_the_plural_need_a_date(question):
    assert met(question, "Inspection dates: 4 to 15 June 2018")
    assert not met(question, "The inspection looked at care leavers.")


@pytest.mark.parametrize("question", [
    "how much extra money did worcs put into fostering last year?",
    "how many staff did herts recruit in 2021?",
])
def test_a_councils_short_form_is_never_the_event(question):
    from assistant.answering.question import Question, scope_of, terms

    q = Question.parse(question, scope_of(question), False)
    assert q.scope.authorities
    named = set().union(*(terms(a) for a in q.scope.authorities))
    assert not any(n.startswith(f) for f in q.event for n in named)


@pytest.mark.parametrize("text", [
    "Monitoring visits do not result in a graded judgement.",
    "This was not an inspection, and no judgement is given.",
    "They look at one service and do not give a grade.",
])
def test_whether_a_grade_was_given_is_answered_by_visits_giving_none(text):
    assert met("did the council get a grade from its 2022 monitoring visit?", text)
    assert met("was the autumn visit graded?", text)
    # Which grade is asked for here: that visits give none is no grade.
    assert not met("what grade did the council get from its 2022 monitoring visit?", text)


def test_a_sentence_saying_no_grade_is_given_is_the_type_whether_asked():
    from assistant.answering.question import expected_type

    whether = expected_type("did the council get a grade from its 2022 monitoring visit?")
    assert whether.search("Monitoring visits do not result in a graded judgement.")
    assert whether.search("Overall effectiveness: Good")
    assert not expected_type("what grade did the council get in 2022?").search("Monitoring visits do not result in a graded judgement.")
