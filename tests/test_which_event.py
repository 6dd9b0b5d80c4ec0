"""Traps answered with a nearby fact: the sixth visit answered with the first, the July visit
with the December one, the notice's lifting with its issue, 2025's cabinet member with 2019's,
the safeguarding board's grade with the council's. Each mechanism is tested on its class, in
several phrasings, over a small real index (assistant.answering.qualifiers, .events, and the
year and subject gates in .gates)."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from assistant.answering.events import event_forms, names_event
from assistant.answering.qualifiers import qualifiers_of
from indexer.words import terms
from tests.docs import answerer_over, docs_store, make_html, write_docs

DOCS = {
    "swindon-2024-monitoring-letter.md": """---
kind: inspection report
authority: Swindon
date: 2024-06-01
---
# Monitoring visit to Swindon children's services

## Findings

This letter sets out the findings of the second monitoring visit to Swindon children's services, carried out in May 2024.
Inspectors found that plans for children in need had improved since the first visit, although some still drift.
Managers now check plans every month and social workers said they valued the support.
""",
    "swindon-2023-inspection-report.md": """---
kind: inspection report
authority: Swindon
date: 2023-03-10
---
# Swindon inspection of children's services, 2023

## Summary

Services for children in Swindon have deteriorated and overall effectiveness is inadequate.

## Judgements

| Judgement | Grade |
|---|---|
| The impact of leaders on social work practice | Inadequate |
| Overall effectiveness | Inadequate |
""",
}
MINUTES = """<h1>Swindon Cabinet, 10 July 2025</h1>
<h2>Children's services improvement</h2>
<p>The Cabinet considered the findings of the fourth Ofsted monitoring visit, which took place in June 2025.</p>
<p>Members noted that the improvement notice had been issued by the minister on 3 March 2023 and remained in force.</p>
"""
NEWS = """<h1>Swindon children's services rated good</h1>
<p>Swindon's services for children were rated good overall after the 2019 inspection.</p>
<p>Councillor Mary Hale, the cabinet member for children, said the council was proud of its social workers.</p>
"""


@pytest.fixture(scope="module")
def swindon(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("which-event")
    corpus = write_docs(root / "docs", DOCS)
    make_html(corpus / "swindon-2025-cabinet-minutes.html", MINUTES, title="Swindon Cabinet minutes")
    make_html(corpus / "swindon-2019-news.html", NEWS, title="Swindon children's services rated good")
    return answerer_over(docs_store(root, embedder), embedder)


def refused(answer) -> bool:
    return answer.answer.startswith(NOT_FOUND)


# --- which one: ordinals and months -----------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "When was the third monitoring visit to Swindon?",
        "What did the third Swindon monitoring visit find?",
        "what did the 3rd monitoring visit in swindon say about plans?",
        "When was the sixth monitoring visit to Swindon?",
    ],
)
def test_an_ordinal_the_documents_never_name_is_refused_not_answered_with_another_visit(swindon, question):
    answer = swindon.run(question)
    assert refused(answer), answer.answer


@pytest.mark.parametrize(
    "question, fact",
    [
        ("When was the second monitoring visit to Swindon?", "May 2024"),
        ("When did the fourth monitoring visit to Swindon take place?", "June 2025"),
        ("When did the 4th monitoring visit to Swindon happen?", "June 2025"),
    ],
)
def test_the_visit_the_ordinal_names_is_the_one_quoted(swindon, question, fact):
    answer = swindon.run(question)
    assert fact in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    ["When was the letter for the July 2024 Swindon visit published?", "When did the October 2024 monitoring visit to Swindon happen?"],
)
def test_a_month_that_picks_an_event_the_documents_never_name_is_refused(swindon, question):
    assert refused(swindon.run(question))


@pytest.mark.parametrize(
    "question, ns",
    [
        ("When was the sixth monitoring visit?", {6}),
        ("When was the cabinet decision on the 4th MV feedback published", {4}),
        ("compare what the second and fourth swindon monitoring visits said", {2, 4}),
        ("when was the final monitoring visit?", {-1}),
        ("what was the fifth area for improvement?", {5}),
    ],
)
def test_ordinals_are_read_as_words_digits_and_pairs(question, ns):
    (q,) = qualifiers_of(question, months_too=False)
    assert q.ns == ns


@pytest.mark.parametrize("question", ["Was this the first time Ofsted found this?", "what happened in the first place?", "what were the first half's figures?"])
def test_an_ordinal_that_picks_no_event_is_no_qualifier(question):
    assert qualifiers_of(question, months_too=False) == ()


@pytest.mark.parametrize(
    "sentence, contradicts",
    [
        ("The Cabinet considered the findings of the fourth Ofsted monitoring visit.", True),
        ("This was the 2nd monitoring visit since the inspection.", True),
        ("The third monitoring visit took place in May.", False),
        ("It was the fourth time the board had met.", False),  # another ordinal, another thing
    ],
)
def test_a_sentence_naming_another_ordinal_for_the_same_thing_is_about_that_one(sentence, contradicts):
    (q,) = qualifiers_of("What did the third monitoring visit find?", months_too=False)
    assert q.contradicted_by(sentence) is contradicts


# --- the event asked about ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "When was Swindon's improvement notice lifted?",
        "When was the Swindon improvement notice removed?",
        "On what date was the improvement notice in Swindon revoked?",
        "When did the minister withdraw Swindon's improvement notice?",
    ],
)
def test_a_date_for_another_event_is_no_answer(swindon, question):
    answer = swindon.run(question)
    assert refused(answer), answer.answer


@pytest.mark.parametrize(
    "question", ["When was Swindon's improvement notice issued?", "On what date did the minister serve Swindon's improvement notice?"]
)
def test_the_date_of_the_event_asked_about_is_quoted(swindon, question):
    assert "3 March 2023" in swindon.run(question).answer


@pytest.mark.parametrize(
    "question, sentence, named",
    [
        ("When was the notice lifted?", "The notice was removed in May.", True),
        ("When was the notice lifted?", "The notice was issued in May.", False),
        ("Who led the review?", "The review was headed by Jo Bloggs.", True),
        ("How much did the council spend on agency staff?", "Agency staff cost £4m.", True),
        ("How much did the council spend on agency staff?", "Agency staff fell to 20%.", False),
        ("When was the plan approved?", "Cabinet agreed the plan on 3 May.", True),
    ],
)
def test_an_event_is_matched_by_its_verb_or_a_synonym_from_the_vocabulary(question, sentence, named):
    assert names_event(event_forms(question), terms(sentence)) is named


@pytest.mark.parametrize(
    "question",
    [
        "When did the inspection take place?",
        "When did Ofsted inspect Hackney in 2024?",
        "When was the inspection?",
        "How many areas for improvement did Ofsted set out?",
        # The small pipeline lemmatises "rated" as "rat": a generic verb still, as written.
        "How many local authorities were rated good in 2022?",
        "how many councils were rated outstanding last year",
    ],
)
def test_a_generic_verb_names_no_event(question):
    assert event_forms(question) == frozenset()


@pytest.mark.parametrize("question, sentence", [("When was the notice lifted?", "The notice was removed in May."), ("Who updated the plan?", "The plan was updated by the head of service.")])
def test_the_verb_as_written_finds_its_synonyms(question, sentence):
    assert names_event(event_forms(question), terms(sentence))


# --- a grade or an office holder is of a time -------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Who was Swindon's cabinet member for children in 2025?",
        "Which councillor was cabinet member for children in Swindon in 2025?",
        "who was the swindon cabinet member for children in 2025",
    ],
)
def test_an_office_holder_from_another_years_document_is_no_answer(swindon, question):
    answer = swindon.run(question)
    assert "Mary Hale" not in answer.answer, answer.answer


def test_the_office_holder_of_the_year_asked_is_quoted(swindon):
    assert "Mary Hale" in swindon.run("Who was Swindon's cabinet member for children in 2019?").answer


# --- a grade of something that is not a judgement area ---------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What grade did Swindon's youth offending service get in 2023?",
        "What rating did the Swindon fostering agency get in 2023?",
        "How was Swindon's adoption agency graded in 2023?",
    ],
)
def test_a_grade_for_something_else_is_not_answered_with_the_councils_grade(swindon, question):
    answer = swindon.run(question)
    assert "nadequate" not in answer.answer, answer.answer


def test_the_councils_own_grade_is_still_answered(swindon):
    assert "nadequate" in swindon.run("What grade did Swindon get overall in 2023?").answer


# --- an acronym as the subject is named by its spelt-out form ----------------------------------


@pytest.mark.parametrize(
    "acronym, sentence",
    [
        ("HMI", "The visit was carried out by Rebecca Quested, His Majesty's Inspector."),
        ("DCS", "The director of children's services, Jo Bloggs, welcomed the report."),
        ("LSCB", "The local safeguarding children board was judged good."),
    ],
)
def test_a_subject_acronym_is_met_by_its_spelt_out_form(acronym, sentence):
    from assistant.answering.candidates import Unit
    from assistant.answering.gates import SubjectGate, spelt_out
    from assistant.types import Hit
    from indexer.types import DocKind, Passage

    topic = terms(acronym)
    p = Passage(id="p", source="r.pdf", title="t", kind=DocKind.INSPECTION_REPORT, page=1, heading="", text=sentence, ordinal=0, file_hash="h")
    unit = Unit(Hit(p, 1.0), sentence, sentence)
    assert SubjectGate(topic, spelt=spelt_out(topic)).passes(unit)
    assert not SubjectGate(topic).passes(unit)  # without the spelt-out forms it would be refused


# --- a phrasal verb, an act reported, a grade as context ---------------------------------------


@pytest.mark.parametrize(
    "question, sentence, named",
    [
        # A phrasal verb the vocabulary lists is the event, not its first word's group.
        ("How much has the council set aside for the plan?", "The council has earmarked £2m for the plan.", True),
        ("How much has the council set aside for the plan?", "The council launched a new hub in May.", False),
        ("how much money did they put aside for foster carers", "Cabinet allocated £400,000 to foster carers.", True),
        ("how much money did they put aside for foster carers", "The service opened a new office.", False),
    ],
)
def test_a_listed_phrasal_verb_is_the_event(question, sentence, named):
    assert names_event(event_forms(question), terms(sentence)) is named


@pytest.mark.parametrize(
    "question, has_event",
    [
        # Reporting verbs that are acts done to a paper or decision keep the act as the event.
        ("who agreed the plan?", True),
        ("Who presented the report to the committee?", True),
        ("who introduced the item at scrutiny", True),
        ("who announced the new director?", True),
        # Speech: what was said has no event of its own the answer must name.
        ("who said caseloads were too high?", False),
        ("Who told members the service had improved?", False),
        ("who described the progress as fragile?", False),
    ],
)
def test_an_act_asked_by_a_reporting_verb_stays_the_event(question, has_event):
    from assistant.answering.question import Scope, parse_parts

    part = parse_parts(question, Scope())[0]
    assert bool(part.event) is has_event, part.event


@pytest.mark.parametrize(
    "question, grade_need",
    [
        # Areas asked by their grade: the grade is what the answer must state.
        ("which judgements were rated outstanding?", True),
        ("Which areas were judged good in 2023?", True),
        # Another plural noun asked by a grade: what is asked is those, which an answer may name
        # without the grade's word ("joins X and Y in holding the top grade").
        ("which councils were rated outstanding?", False),
        # A grade that says when, or despite what: the plural noun is asked, not the grade.
        ("what strengths did inspectors find despite the inadequate rating?", False),
        ("what measures did the council agree following the 2023 good rating?", False),
        ("What changes were made after the inadequate judgement?", False),
    ],
)
def test_a_grade_is_asked_of_areas_not_of_other_things_nor_as_a_time(question, grade_need):
    from assistant.answering.question import Scope, parse_parts

    part = parse_parts(question, Scope())[0]
    assert (part.need is not None and part.need.what == "the grade asked about") is grade_need, part.need
