"""Traps answered with a nearby fact because a need or the subject was read loosely, by class: a
count met by a number that counts something else (a paragraph's number, "the one council
approach" for children, a phrase a preposition leads on from) or that misses the head noun
asked ("how many social work posts"); a chair "named" by a title with no name after it; a date
asked to the day met by the day of the report's publication; a list asked "what areas for
improvement did Ofsted set?" met by a sentence that only mentions areas; what a named document
said about a subject met by a sentence naming only the document. Each in made-up wording, with
the answerable near-miss beside the trap so that refusing everything fails too."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.compose import NOT_FOUND
from assistant.answering.needs import need_of
from tests.docs import answerer_over, docs_store

# --- a count counts the noun asked ----------------------------------------------------------


@pytest.mark.parametrize(
    "question, sentence, met",
    [
        # A paragraph's number near the noun counts nothing.
        ("how many children are in care in the borough?", "12.3 The Director of Children's Services presented the annual report.", False),
        ("how many children were looked after in 2021?", "4. The Director of Children's Services, Jo Amis, introduced the item.", False),
        ("how many children are in care in the borough?", "2.4 There are 517 children in care.", True),
        ("how many children are in care in the borough?", "3. 517 children are in care.", True),
        # A number counting another noun, which a preposition or a verb leads on from.
        ("how many children are in care?", 'Inspectors praised the "one front door approach" for children.', False),
        ("how many children are in care?", "Five homes were inspected and children there were safe.", False),
        ("how many children are in care?", "The council looks after 517 children.", True),
        ("how many children are in care?", "The council looks after 517 of its children.", True),
        ("how many children are in care?", "About 1,240 looked-after children live in the county.", True),
        ("how many children are in care?", "The number of children in care rose to 517 in March.", True),
        # A unit is not the noun: "over two weeks" counts weeks.
        ("how many children are in care?", "Children were seen over two weeks in March.", False),
        # The phrase's head noun is counted too: "social work posts" counts posts.
        ("how many social work posts has the council filled?", "Progress: nine posts filled, three still advertised.", True),
        ("how many looked after children are there?", "There are 517 children looked after.", True),
    ],
)
def test_a_count_is_met_by_a_number_counting_the_noun_asked(question, sentence, met):
    assert need_of(question).met(sentence) is met


# --- a chair is a person, not a title ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, met",
    [
        ("Present: Councillors (Chair) and eight members of the panel.", False),
        ("Present: Cllr (Chair), Cllrs Bell, Moss and Ward.", False),
        ("Present: Councillor Imogen Vale (Chair), Councillors Bell, Moss and Ward.", True),
        ("Present: Councillor Vale (Chair) and eight members.", True),
        ("Present: Councillor I Vale (Chair) and eight members.", True),
    ],
)
def test_a_title_with_no_name_chairs_no_meeting(sentence, met):
    assert need_of("who chaired the scrutiny panel meeting on 3 march 2022?").met(sentence) is met


# --- a date to the day is the inspection's day ----------------------------------------------


@pytest.mark.parametrize(
    "question, sentence, met",
    [
        ("what were the exact inspection dates of the 2021 ILACS?",
         "The Director introduced the report on the inspection carried out in June 2021 and published on 9 August 2021.", False),
        ("what were the exact dates of the 2021 inspection?",
         "The inspection took place in June 2021; the report was published on 9 August 2021.", False),
        ("what were the exact inspection dates of the 2021 ILACS?",
         "Inspectors were on site from 7 to 18 June 2021; the report was published on 9 August 2021.", True),
        ("what were the exact dates of the 2021 inspection?", "Inspection dates: 7 to 18 June 2021", True),
        # Asked to the month, the month is the answer still.
        ("when was the 2021 inspection?",
         "The Director introduced the report on the inspection carried out in June 2021 and published on 9 August 2021.", True),
    ],
)
def test_a_date_asked_to_the_day_is_the_inspections_own_day(question, sentence, met):
    assert need_of(question, (2021,)).met(sentence) is met


# --- a list asked for is listed ---------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what areas for improvement did ofsted set the council in 2022?",
        "which recommendations has the letter made?",
        "what were the areas for improvement?",
        "what key strengths did inspectors identify?",
    ],
)
def test_a_list_asked_however_worded_needs_its_items(question):
    need = need_of(question)
    assert need is not None and need.what.endswith("themselves"), need


@pytest.mark.parametrize(
    "sentence, met",
    [
        # Mentions the judgement areas, and the list asked for not at all.
        ("She told members the council had been judged good overall, with the top grade in two of the four areas, and that leaders were pleased.", False),
        ("The report identified a small number of areas for improvement. This plan responds to them.", False),
        ("Inspectors set two areas for improvement in 2022 and the council accepted them.", False),
        ("Inspectors identified two areas for improvement: the timeliness of assessments and the quality of supervision.", True),
        ("The report names two areas for improvement, relating to care leavers' housing and to return interviews.", True),
        ("Areas of improvement:\n- Supervision\n- Return interviews", True),
    ],
)
def test_a_list_of_several_words_is_named_as_a_phrase(sentence, met):
    assert need_of("what areas for improvement did ofsted set the council in 2022?").met(sentence) is met


# --- what a named document said about something is about that thing --------------------------

DOCS = {
    "rutland-2024-news.md": """---
kind: other
authority: Rutland
date: 2024-12-12
---
# Inspectors praise Rutland's children's services

The focused visit took place in November 2024.
Inspectors from Ofsted have recognised strong progress in Rutland following the focused visit.
In her letter to the council, the inspector noted that leadership had changed since the last inspection.
The council's earlier inspection included a joint targeted area inspection (JTAI), which was also positive.
""",
    "rutland-2024-focused-visit-letter.md": """---
kind: inspection report
authority: Rutland
date: 2024-12-05
---
# Focused visit to Rutland children's services

This letter summarises the findings of the focused visit to Rutland children's services in November 2024.
Inspectors looked at the council's front door and its response to children at risk of exploitation.
Managers review referrals promptly and decisions about children at risk are timely.
""",
}


@pytest.fixture(scope="module")
def rutland(tmp_path_factory, embedder) -> Answerer:
    return answerer_over(docs_store(tmp_path_factory.mktemp("quoted-needs"), embedder, DOCS), embedder)


def refused(answer) -> bool:
    return answer.answer.startswith(NOT_FOUND)


@pytest.mark.parametrize(
    "question",
    [
        "what did the rutland 2024 focused visit letter say about care leavers?",
        "what did the latest rutland visit letter say about fostering?",
        "what theme did the recent rutland JTAI look at?",
    ],
)
def test_what_a_named_document_said_about_a_subject_it_never_mentions_is_refused(rutland, question):
    answer = rutland.run(question)
    assert refused(answer), answer.answer


def test_what_a_named_document_said_about_a_subject_it_mentions_is_answered(rutland):
    answer = rutland.run("what did the rutland 2024 focused visit letter say about referrals?")
    assert not refused(answer), answer.answer
    assert "referrals" in answer.answer


# --- answers the gates refused: what the answer gives, in the documents' own form ------------


@pytest.mark.parametrize(
    "question, sentence, met",
    [
        # Who holds a chair, given by the post that holds it where no one is named.
        ("who chairs the corporate parenting board?", "The board, chaired by the Chief Executive, meets every month.", True),
        ("who chairs the corporate parenting board?", "The plan is overseen by the board, which is chaired by the Chief Operating Officer.", True),
        ("who chairs the corporate parenting board?", "The board is chaired by an independent chair.", False),
        ("who chairs the corporate parenting board?", "Present: Councillors (Chair) and seven members.", False),
        # A body as the agent, its verb opening the sentence.
        ("who monitors the sufficiency plan and how often?", "Monitored by the Corporate Parenting Panel every two months.", True),
        ("who monitors the sufficiency plan and how often?", "The plan was agreed in May.", False),
        # A role after a verb of giving is whom to: the giver is asked, by name.
        ("who gave councillors a briefing on the 2016 report?", "The Director, Ana Pryce, had given members a short briefing on the report.", True),
        ("who gave councillors a briefing on the 2016 report?", "Members received a briefing on the report.", False),
    ],
)
def test_a_person_asked_is_met_by_the_form_the_document_gives(question, sentence, met):
    assert need_of(question).met(sentence) is met


@pytest.mark.parametrize(
    "text, date, later",
    [
        ("The guide will be in place by November 2021.", "2021-06-10", True),
        ("An update will come to the panel in September 2023.", "2023-02-01", True),
        ("The guide was in place by March 2021.", "2021-06-10", False),
        ("The guide will be in place by November 2021.", "2021", False),  # no month to compare
    ],
)
def test_a_month_later_in_the_documents_own_year_looks_ahead(text, date, later):
    from assistant.answering.gates import later_in_its_year

    assert later_in_its_year(text, date) is later


def test_a_council_name_the_scope_did_not_read_is_not_the_subject():
    from assistant.answering.features import CorpusStats
    from assistant.answering.gates import subject_words
    from assistant.answering.question import Question
    from assistant.answering.settings import AnswerSettings
    from assistant.types import Hit, Scope
    from indexer.types import DocKind, Passage

    def hit(text: str, authority: str) -> Hit:
        p = Passage(id=text[:8], source="r.pdf", title="t", kind=DocKind.INSPECTION_REPORT, page=1, heading="", text=text,
                    ordinal=0, file_hash="h", authority=authority)
        return Hit(p, 1.0)

    hits = [hit("Leaders in Reading are visible and easy to approach.", "Reading"), hit("Managers know their teams.", "Reading")]
    stats = CorpusStats.from_counts({"leader": 1, "read": 1, "manag": 1}, 40)
    q = Question.parse("how did inspectors describe reading's leaders?", Scope(), inspectors=False)
    topic = subject_words(q, hits, stats, AnswerSettings.load("default").selection)
    assert "read" not in topic and "leader" in topic


@pytest.mark.parametrize(
    "sentence, met",
    [
        ("Resolved: That cabinet agree the plan responding to the areas for improvement.", False),
        ("Inspectors found two areas for priority action: return interviews and private fostering.", True),
        ("Two areas needed action at once: return interviews, and private fostering.", True),
    ],
)
def test_a_list_set_out_after_its_noun_needs_its_colon_after_the_noun(sentence, met):
    assert need_of("what were the areas for priority action from the 2020 focused visit?").met(sentence) is met


def test_a_visit_asked_by_its_kind_alone_is_the_document_that_names_itself_so():
    from assistant.answering.gates import kind_documents, spelt_out
    from assistant.types import Hit
    from indexer.types import DocKind, Passage

    def hit(source: str, title: str, text: str) -> Hit:
        p = Passage(id=source, source=source, title=title, kind=DocKind.INSPECTION_REPORT, page=1, heading="", text=text,
                    ordinal=0, file_hash="h", authority="Rutland")
        return Hit(p, 1.0)

    hits = [
        hit("rutland-2024-focused-visit-letter.pdf", "Focused visit to Rutland", "The visit took place in November."),
        hit("rutland-2024-news.html", "Council news", "Ofsted's recent focused visit praised the front door."),
        hit("rutland-2023-monitoring-visit-letter.pdf", "Monitoring visit to Rutland", "The visit took place in May."),
    ]
    # "What month was the 2024 focused visit?": its letter's "The visit took place in November"
    # names no "focused"; the letter names itself so. A news page mentioning the visit does not.
    assert kind_documents({"focus"}, spelt_out({"focus"}), hits) == {"rutland-2024-focused-visit-letter.pdf"}
    assert kind_documents({"monitor"}, spelt_out({"monitor"}), hits) == {"rutland-2023-monitoring-visit-letter.pdf"}
    # Another subject word beside the kind ("what did the focused visit say about fostering?")
    # is the subject still: no document stands in for it.
    assert kind_documents({"focus", "foster"}, spelt_out({"focus", "foster"}), hits) == frozenset()

