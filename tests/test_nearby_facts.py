"""Answerable questions refused, or answered with a nearby fact, for the way they are asked: a
month typed short ("Sept 2024"), ... Each class is tested in several phrasings, made up here, over
a small real index."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from indexer.vocabulary import spell_out_months
from tests.docs import answerer_over, docs_store

DOCS = {
    "bury-2024-monitoring-letter.md": """---
kind: inspection report
authority: Bury
date: 2024-10-01
---
# Monitoring visit to Bury children's services

## Findings

This letter sets out the findings of the second monitoring visit to Bury children's services, carried out on 17 and 18 September 2024.
Inspectors found that the quality of supervision for social workers had improved since the first visit.
Managers now review every child's plan each month.

Yours sincerely

Harriet Okonjo
His Majesty's Inspector
""",
    "bury-2023-cabinet-minutes.md": """---
kind: committee minutes
authority: Bury
date: 2023-12-13
---
# Bury Cabinet, 13 December 2023

## Children's services improvement plan

The Cabinet resolved to endorse the children's services improvement plan and to receive a progress report every quarter.
""",
    "bury-2024-improvement-plan.md": """---
kind: action plan
authority: Bury
date: 2024-11-01
---
# Bury children's services improvement plan 2024

## Actions

| Ref | Area for improvement | Action | Lead officer | Deadline |
|---|---|---|---|---|
| 1 | Supervision of social workers | Monthly audit of supervision records | Head of Service, Safeguarding | March 2025 |
| 2 | Direct work with children | Practice toolkit for direct work in every team | Not stated | June 2025 |
""",
    "bury-2024-news.md": """---
kind: other
authority: Bury
date: 2024-10-05
---
# Ofsted praises progress in Bury

Inspectors who visited Bury in September said supervision of social workers had improved.

Jo McAllister-Reid, Bury's director of children's services, said the council welcomed the findings and would keep going.
""",
}


@pytest.fixture(scope="module")
def bury(tmp_path_factory, embedder) -> Answerer:
    return answerer_over(docs_store(tmp_path_factory.mktemp("nearby-facts"), embedder, DOCS), embedder)


def refused(answer) -> bool:
    return answer.answer.startswith(NOT_FOUND)


# --- a month typed short --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, read",
    [
        ("what did the Sept 2024 visit find?", "what did the September 2024 visit find?"),
        ("at cabinet on 13 Dec 2023 what was resolved", "at cabinet on 13 December 2023 what was resolved"),
        ("bury ofsted jan 2019 - what grade?", "bury ofsted january 2019 - what grade?"),
        ("the 3 Nov. 2022 meeting", "the 3 November 2022 meeting"),
        ("between feb 2021 and aug 2021", "between february 2021 and august 2021"),
    ],
)
def test_an_abbreviated_month_beside_a_day_or_year_is_read_in_full(typed, read):
    assert spell_out_months(typed) == read


@pytest.mark.parametrize("text", ["What did Jan Smith say?", "the mar report", "Dec said so", "in oct"])
def test_an_abbreviation_not_beside_a_number_is_left_alone(text):
    assert spell_out_months(text) == text


@pytest.mark.parametrize(
    "question, source, answered",
    [
        ("What did the Sept 2024 Bury monitoring visit find about supervision?", "monitoring-letter", True),
        # Its one close sentence is the letter's frame ("This letter sets out the findings of ..."),
        # which never answers what a visit found (pipeline.asks_findings); what matters here is
        # that the short month changes nothing.
        ("bury sept 2024 MV - what had improved?", "monitoring-letter", False),
        ("At Bury cabinet on 13 Dec 2023 what was resolved about the improvement plan?", "cabinet-minutes", True),
    ],
)
def test_a_question_with_an_abbreviated_month_is_answered_as_its_full_form_is(bury, question, source, answered):
    # Before, the names check looked for the word "Sept" itself and refused.
    answer, full = bury.run(question), bury.run(spell_out_months(question))
    assert answer.answer == full.answer
    assert all(part.refused_by != "names" for part in answer.trace), answer.answer
    assert refused(answer) is not answered, answer.answer
    if answered:
        assert source in answer.citations[0].source, answer.citations


# --- who held a role: the role by its acronym, names with inner capitals, leads that are posts ---


@pytest.mark.parametrize(
    "question",
    [
        "who is bury's DCS?",
        "Who's the dcs at Bury according to the 2024 news?",
        "Who was the director of children's services in Bury in 2024?",
    ],
)
def test_a_role_asked_by_its_acronym_is_the_role_its_spelt_out_form_names(question):
    from assistant.answering.needs import need_of

    need = need_of(question)
    assert need.what == "who the director was" and need.met("Jo Bloggs, director of children's services, said so.")
    assert not need.met("Councillor Jo Bloggs, the leader, said so.")


@pytest.mark.parametrize(
    "sentence, person",
    [
        ("Cath McEvoy-Carr, executive director of children's services, said the staff had earned it.", True),
        ("Sean O'Brien, the lead member, welcomed the report.", True),
        ("Ama DeSouza was appointed chair of the board.", True),
        ("Stockton-on-Tees Council welcomed the report.", False),
        ("The Children's Services Board met in May.", False),
    ],
)
def test_a_name_with_a_capital_inside_is_a_persons_name(sentence, person):
    from assistant.answering.needs import names_a_person

    assert names_a_person(sentence) is person


@pytest.mark.parametrize(
    "question",
    [
        "who leads the supervision audit action in the bury improvement plan?",
        "In Bury's 2024 plan, who is the lead officer for the supervision audit?",
    ],
)
def test_a_plan_actions_lead_that_is_a_post_answers_who_leads_it(bury, question):
    answer = bury.run(question)
    assert "Head of Service" in answer.answer, answer.answer


def test_a_lead_cell_that_says_not_stated_is_no_answer(bury):
    answer = bury.run("who leads the direct work toolkit action in the bury improvement plan?")
    assert "Head of Service" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "who is bury's DCS?",
        "Who's the dcs at Bury according to the 2024 news?",
        "who was bury's director of children's services when inspectors visited in 2024",
    ],
)
def test_the_person_named_in_the_role_asked_is_quoted_though_the_sentence_is_about_something_else(bury, question):
    # The sentence is about what the director said, so it is not close to the question in
    # meaning: naming a person in the role asked (the in_role feature) is what makes it the answer.
    answer = bury.run(question)
    assert "McAllister-Reid" in answer.answer, answer.answer


def test_a_role_nobody_is_named_in_is_still_refused(bury):
    answer = bury.run("who was bury's cabinet member for children in 2024?")
    assert refused(answer), answer.answer


# --- "which judgement was X?": the area is asked, the grade picks it --------------------------


@pytest.mark.parametrize(
    "question, row, answers",
    [
        ("which judgement was still requires improvement in 2018?", "Children looked after and achieving permanence: requires improvement", True),
        ("which judgement was still requires improvement in 2018?", "Judgement: Overall effectiveness — Grade: Good", False),
        ("which judgement was still requires improvement in 2018?", "Children looked after and achieving permanence: good", False),
        ("in 2017 which judgement was RI?", "Children who need help and protection were judged to require improvement.", True),
        ("Which judgement in 2016 was still inadequate?", "Judgement: 2.1 Adoption performance — Grade: Inadequate", True),
        ("which area did the council get RI for in 2023?", "Judgement: Help and protection — Grade: Requires improvement to be good", True),
        ("which area did the council get RI for in 2023?", "Judgement: Children in care — Grade: Good", False),
        ("which areas were outstanding at the 2024 inspection?", "Care leavers: Outstanding", True),
    ],
)
def test_a_which_judgement_question_needs_an_area_with_the_grade_it_names(question, row, answers):
    from assistant.answering.needs import need_of

    need = need_of(question)
    # The area is the answer, so it stands in for the subject (the question's other words,
    # "still", "RI", need not be in the row).
    assert need.names_subject
    assert need.met(row) is answers


@pytest.mark.parametrize(
    "question",
    ["what grade was adoption performance in 2014?", "rotherham 2014 SIF - how was adoption performance rated?"],
)
def test_a_single_inspection_framework_sub_judgement_is_an_area_asked_about(question):
    from assistant.answering.needs import need_of

    need = need_of(question)
    assert need.names_subject
    assert need.met("Judgement: Adoption performance — Grade: Requires improvement")
    assert not need.met("Judgement: Overall effectiveness — Grade: Inadequate")


# --- a date in the late months of the year before the one the question names ------------------


@pytest.mark.parametrize(
    "question, sentence, answers",
    [
        ("when did the re-inspection take place, the one reported in january 2018?", "The re-inspection took place in November 2017.", True),
        ("when was the inspection reported in feb 2023 carried out?", "After a two-week inspection in December 2022, inspectors judged services good.", True),
        ("2023 ILACS - what were the inspection dates?", "Inspection dates: 28 November to 9 December 2022", True),
        ("when was the 2023 inspection?", "The inspection took place in March 2022.", False),
        ("when was the 2023 inspection?", "The previous inspection was in November 2021.", False),
    ],
)
def test_a_date_late_in_the_year_before_answers_for_an_inspection_reported_in_the_year_named(question, sentence, answers):
    from assistant.answering.needs import need_of
    from indexer.vocabulary import YEAR_PATTERN, spell_out_months

    question = spell_out_months(question)
    years = tuple(int(y) for y in YEAR_PATTERN.findall(question))
    assert need_of(question, years).met(sentence) is answers


# --- "what month ...?", "what were the dates of ...?" ask for a date as "when" does -------------


@pytest.mark.parametrize(
    "question",
    [
        "what month was bury's 2024 monitoring visit?",
        "what were the dates of the bury monitoring visit in 2024?",
        "What were the exact dates of Bury's second monitoring visit?",
        "what year was the second bury monitoring visit?",
    ],
)
def test_a_question_asking_the_month_or_dates_of_an_event_needs_a_date(bury, question):
    from assistant.answering.needs import need_of

    assert need_of(question).what == "a date"
    answer = bury.run(question)
    assert "September 2024" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    ["what were the exact dates of bury's fourth monitoring visit?", "what month was bury's 2022 focused visit?"],
)
def test_the_dates_of_an_event_the_documents_never_describe_are_refused(bury, question):
    assert refused(bury.run(question))


@pytest.mark.parametrize(
    "question",
    ["what month did ofsted inspect bury in 2024?", "when did ofsted visit bury?", "when did the dfe intervene in bury?"],
)
def test_a_body_named_in_lower_case_is_not_read_as_the_event(question):
    from assistant.answering.events import event_forms

    assert not {"ofst", "ofste", "dfe"} & event_forms(question)


# --- an action plan's RAG colour is no grade; what someone said about a grade is their words ---


@pytest.mark.parametrize(
    "question, row, answers",
    [
        ("which action in the 2019 improvement plan is rated red?", "Ref: 2 — Action: Restructure the disabled children's team — RAG: Red", True),
        ("which action in the 2019 improvement plan is rated red?", "Ref: 3 — Action: Audit supervision — RAG: Green", False),
        ("which actions are marked amber in the plan?", "Ref: 4 — Action: Recruit social workers — Status: Amber", True),
        ("what is rated green in the action plan?", "Ref: 1 — Action: x — RAG status: Red", False),
    ],
)
def test_a_rag_colour_asked_about_is_needed_not_an_ofsted_grade(question, row, answers):
    from assistant.answering.needs import need_of

    need = need_of(question)
    assert need.what.startswith("an action rated")
    assert need.met(row) is answers


@pytest.mark.parametrize(
    "question",
    [
        "what did the council leader say about the 2025 rating?",
        "what did the cabinet member think of the grade?",
        "What did the DCS tell scrutiny about the inadequate judgement?",
    ],
)
def test_what_someone_said_about_a_grade_is_not_a_grade_question(question):
    from assistant.answering.needs import need_of

    need = need_of(question)
    assert need is None or not need.what.startswith("the grade")


# --- a grade word used as an adjective grades nothing ------------------------------------------


@pytest.mark.parametrize(
    "sentence, grades",
    [
        ("Care leavers receive a good level of targeted support.", False),
        ("Care leavers see an outstanding example of personal advice.", False),
        ("Staff praised the good work of care leavers' advisers.", False),
        ("Care leavers: Good", True),
        ("The experiences and progress of care leavers were judged good.", True),
        ("Care leavers received a good rating.", True),
        ("Services for care leavers are now a good service.", True),
    ],
)
def test_a_grade_word_before_a_noun_is_no_grade(sentence, grades):
    from assistant.answering.needs import need_of

    assert need_of("what grade did care leavers get in 2024?", (2024,)).met(sentence) is grades


# --- numbers written other ways: plural fractions, changes in counts, deadlines in figures -----


@pytest.mark.parametrize(
    "question, sentence, answers",
    [
        ("what proportion of care leavers had a personal adviser?", "Over three-quarters of care leavers had a personal adviser.", True),
        ("what share of children had a plan?", "Two-thirds of children had an up-to-date plan.", True),
        ("what percentage of staff were agency workers?", "One in five social workers was an agency worker.", True),
        ("what proportion of care leavers had a personal adviser?", "Care leavers valued their personal advisers.", False),
        ("how much did early help grow between 2019 and 2023?", "Families receiving early help went from 300 in 2019 to 1,200 in 2023.", True),
        ("by how much did the number of children in care rise?", "The number of children in care rose by a quarter.", True),
        ("how much did referrals fall after the new front door?", "Referrals halved in the first year.", True),
        ("how much did referrals fall after the new front door?", "Referrals fell sharply in the first year.", False),
        ("how much did the council spend on agency staff?", "Agency staff numbers went from 40 to 25.", False),
        ("when is the call-in deadline?", "Call-in deadline date: 27/12/2024", True),
        ("what is the deadline for the audit action?", "Ref: 2 — Action: audit — Due date: 31 March 2025", True),
        ("what is the deadline for the audit action?", "Ref: 2 — Action: audit — Due date: Not stated", False),
    ],
)
def test_numbers_written_as_words_changes_or_figures_meet_the_need(question, sentence, answers):
    from assistant.answering.needs import need_of

    assert need_of(question).met(sentence) is answers


# --- "was X good?": a yes-no question naming an area and a grade asks for the area's grade -----


@pytest.mark.parametrize(
    "question, row, answers",
    [
        ("was help and protection good in 2019?", "Judgement: Children who need help and protection — Grade: Good", True),
        ("was help and protection good in 2019?", "Judgement: Children who need help and protection — Grade: Inadequate", True),
        ("was help and protection good in 2019?", "Judgement: Overall effectiveness — Grade: Good", False),
        ("2023 - were care leavers inadequate too or something else?", "The experiences and progress of care leavers – Requires Improvement to be Good", True),
        ("2022 ILACS - was the impact of leaders RI?", "Impact of leaders: Inadequate", True),
        ("2022 ILACS - was the impact of leaders RI?", "Leaders were committed to improving services for children.", False),
    ],
)
def test_a_yes_no_question_on_an_areas_grade_is_answered_by_that_areas_grade(question, row, answers):
    from assistant.answering.needs import need_of

    need = need_of(question)
    assert need.what == "the grade asked about" and need.names_subject
    assert need.met(row) is answers


@pytest.mark.parametrize(
    "question, area",
    [
        ("remind me what the council's care leavers got in 2025?", True),
        ("what did the council get for children in care and care leavers in 2019?", True),
        ("what did they receive for help and protection?", True),
        ("what did ofsted rate the council in 2022?", False),
    ],
)
def test_what_an_area_got_or_how_ofsted_rates_asks_for_a_grade(question, area):
    from assistant.answering.needs import need_of

    need = need_of(question)
    assert need.what == "the grade asked about" and need.names_subject is area


@pytest.mark.parametrize("question", ["what support do care leavers get?", "how did care leavers get help with housing?"])
def test_what_an_area_gets_in_support_is_no_grade_question(question):
    from assistant.answering.needs import need_of

    need = need_of(question)
    assert need is None or not need.what.startswith("the grade")


@pytest.mark.parametrize(
    "question",
    ["what fail rate was mentioned for the licensing pilot?", "what's the rate of children in care per 10,000?"],
)
def test_rate_the_noun_is_no_grade_question(question):
    from assistant.answering.needs import need_of

    need = need_of(question)
    assert need is None or not need.what.startswith("the grade")


# --- a context-setting lead says why the user asks, not what about ------------------------------


@pytest.mark.parametrize(
    "question, lead_words, own_words",
    [
        ("Ahead of the supervision audit meeting: what did the Bury cabinet resolve in December 2023?", {"supervis", "audit"}, {"resolv"}),
        ("For the direct work toolkit briefing: what did Bury's cabinet resolve?", {"toolkit", "direct"}, {"resolv"}),
    ],
)
def test_the_subject_words_come_from_the_question_not_its_lead(bury, question, lead_words, own_words):
    from assistant.answering.gates import subject_words
    from assistant.answering.question import parse_parts, scope_of

    (part,) = parse_parts(question, scope_of(question))
    hits = bury.retriever.run(part.text, scope=part.scope)
    topic = subject_words(part, hits, bury.stats, bury.answer_settings.selection)
    assert own_words <= topic and not lead_words & topic, topic


def test_the_lead_gives_the_subject_when_the_question_has_none_of_its_own(bury):
    from assistant.answering.gates import subject_words
    from assistant.answering.question import parse_parts, scope_of

    question = "Bury's supervision audit was agreed in 2024. Who leads it?"
    (part,) = parse_parts(question, scope_of(question))
    hits = bury.retriever.run(part.text, scope=part.scope)
    assert subject_words(part, hits, bury.stats, bury.answer_settings.selection) & {"supervis", "audit"}


# The class: a judgement row of a report published early in the year after its inspection
# ("the 2023 inspection", reported in January 2024) answers a grade question for the year
# of the inspection; a row from a report later in that year, or dated by its year alone, does not.
@pytest.mark.parametrize(
    "question, date, answers",
    [
        ("what did the council get for children in care in the 2023 inspection?", "2024-01", True),
        ("care leavers judgement 2023?", "2024-02-13", True),
        ("what was help and protection rated in 2022?", "2023-03", True),
        ("what did the council get for children in care in the 2023 inspection?", "2023-06", True),
        ("what did the council get for children in care in the 2023 inspection?", "2024-07", False),
        ("care leavers judgement 2023?", "2024", False),
        ("what was help and protection rated in 2022?", "2024-01", False),
    ],
)
def test_a_grade_row_published_early_next_year_grades_the_inspection_year(question, date, answers):
    from assistant.answering.candidates import Unit
    from assistant.answering.gates import NeedGate
    from assistant.answering.question import parse_parts, scope_of
    from assistant.types import Hit
    from indexer.types import DocKind, Passage

    row = {
        "children in care": "Judgement: The experiences and progress of children in care — Grade: Requires improvement to be good",
        "care leavers": "Judgement: The experiences and progress of care leavers — Grade: Inadequate",
        "help and protection": "Judgement: The experiences and progress of children who need help and protection — Grade: Good",
    }
    text = next(t for area, t in row.items() if area in question)
    passage = Passage(
        id="p", source="report", title="Inspection report", kind=DocKind("inspection report"), page=1, heading="",
        text=text, ordinal=0, file_hash="h", is_table_row=True, date=date,
    )
    (part,) = parse_parts(question, scope_of(question))
    assert NeedGate(part).passes(Unit(Hit(passage, 1.0), text, text)) is answers


# The class: a role told by what its holder did ("led by", "chaired by") or a member named by
# initial and surname beside the role, as minutes and reports write them.
@pytest.mark.parametrize(
    "question, sentence, answers",
    [
        ("who was the lead inspector for the inspection?", "The inspection took place in May 2023 and was led by Jane Holt, His Majesty's Inspector.", True),
        ("who was the lead inspector?", "The visit was led by Tom Reid, Ofsted Inspector.", True),
        ("who was the lead inspector?", "The inspection was led by the local authority's partners.", False),
        ("who chaired the scrutiny meeting?", "Present: Councillors P. Ashworth (Chair), D. Byrne and L. Carney.", True),
        ("who chaired the scrutiny meeting?", "The meeting was chaired by Cllr Amy Lee.", True),
        ("who chaired the scrutiny meeting?", "Present: Councillors D. Byrne and L. Carney.", False),
        ("who chaired the scrutiny meeting?", "The Chair thanked officers for the report.", False),
    ],
)
def test_a_role_is_met_by_what_its_holder_did_or_a_member_named_by_initial(question, sentence, answers):
    from assistant.answering.needs import need_of

    assert need_of(question).met(sentence) is answers


# The class: "who signed the letter?" is answered by the letter's sign-off, a name under
# "Yours sincerely"; a sign-off with the name left out signs nobody.
@pytest.mark.parametrize(
    "question, sentence, answers",
    [
        ("who signed the monitoring visit letter?", "Yours sincerely Lorna Schlechte Her Majesty's Inspector", True),
        ("who signed the focused visit letter to the council?", "Yours faithfully\nDr Amy Lee\nHis Majesty's Inspector", True),
        ("Who was the HMI that signed the May 2024 letter?", "Yours sincerely His Majesty's Inspector", False),
        ("who signed the monitoring visit letter?", "This letter summarises the findings of the monitoring visit.", False),
        ("who signed the monitoring visit letter?", "Yours sincerely the children's services team", False),
    ],
)
def test_who_signed_a_letter_is_answered_by_its_sign_off(question, sentence, answers):
    from assistant.answering.needs import need_of

    need = need_of(question)
    assert need.names_subject and need.met(sentence) is answers
