"""List questions whose items the documents run into one sentence, or that ask for a list without a
plural noun ("what needs to improve?", "what did the visit look at?"): answered by the sentence
giving the items, not by the letter's frame or a sentence about the list
(assistant.answering.lists; features._list_asked; the frame gate of pipeline._judge). The wording,
councils and figures are made up."""

from __future__ import annotations

import pytest

from assistant.answering.events import asks_for_many
from assistant.answering.lists import asks_improvements, asks_scope, sets_out_items, states_scope
from indexer.settings import Settings
from tests.docs import answerer_over, docs_store, index_into, make_pdf


@pytest.mark.parametrize(
    "sentence, gives",
    [
        # after a colon
        ("The letter names two things to work on: the recording of visits, and supervision for new staff.", True),
        ("Three services stood out: the edge of care team; the fostering service; and the virtual school.", True),
        # a series closing the sentence
        ("The report asks the council to improve return interviews, the pace of adoption, the use of chronologies and the voice of fathers.", True),
        ("The review was carried out by Ofsted, the Care Quality Commission, the police inspectorate and the probation inspectorate.", True),
        ("Praise went to the youth offending team, the leaving care service, the family hubs and the adoption agency.", True),
        # numbered inside the paragraph
        ("Members agreed (a) to note the letter, (b) to ask for a progress report and (c) to invite the director in June.", True),
        # a series that is the sentence's subject, a label, clauses, a plain sentence
        ("Leads, deadlines, budgets and RAG ratings are shown for illustration only.", False),
        ("Owner: Head of Safeguarding", False),
        ("By March 2021, 84% of reviews were on time, above the regional figure of 79% and 5% higher than a year before.", False),
        ("In 2020, the council, which had been judged to require improvement, and its partners agreed a joint plan.", False),
        ("Inspectors found that managers know their teams well and that caseloads have fallen.", False),
    ],
)
def test_a_sentence_giving_its_items_itself_is_read_by_its_form(sentence, gives):
    assert sets_out_items(sentence) is gives


@pytest.mark.parametrize(
    "sentence, says",
    [
        ("Inspectors reviewed the support for young carers and for children missing education.", True),
        ("This visit looked at the front door and the out-of-hours service.", True),
        ("The monitoring visit had evaluated planning for children in care.", True),
        ("Inspectors focused on care leavers aged 18 to 21.", True),
        ("The focused visit took place in June.", False),
        ("Leaders reviewed the plan twice a year.", False),
    ],
)
def test_a_sentence_saying_what_a_visit_looked_at_is_told_from_others(sentence, says):
    assert states_scope(sentence) is says


@pytest.mark.parametrize(
    "question, improvements, scope",
    [
        ("what needs to improve after the poppleton focused visit?", True, False),
        ("what did ofsted tell the council to improve in 2021?", True, False),
        ("what did inspectors want the county to improve?", True, False),
        ("list the things the borough has to improve after its ILACS", True, False),
        ("what did the 2019 letter say still needed work?", True, False),
        ("what did the last visit say the council still needed to work on?", True, False),
        ("what was the first area for improvement?", False, False),
        ("has the service improved since 2018?", False, False),
        ("what did the march monitoring visit look at?", False, True),
        ("what did the 2022 focused visit cover", False, True),
        ("list the topics the visit examined", False, True),
        ("which visit looked at care leavers?", False, False),  # asks for the visit
        ("when was the focused visit?", False, False),
    ],
)
def test_a_list_asked_without_a_plural_noun_is_read_from_the_question(question, improvements, scope):
    assert asks_improvements(question) is improvements
    assert asks_scope(question) is scope
    assert asks_for_many(question) is (improvements or scope)


# A focused visit letter whose frame names the visit, whose scope and areas to improve are each one
# sentence, and whose other sentences share more words with the questions than the items do.
VISIT = """---
kind: inspection report
authority: Torbay
date: 2023-04-20
---
# Focused visit to Torbay children's services

This letter summarises the findings of the focused visit to Torbay children's services on 7 and 8 March 2023.

Inspectors looked at the arrangements for children on the edge of care and for young carers.

Headline findings

The council has made steady progress since the last inspection. Senior leaders know their services well.
Social workers told inspectors that they feel well supported by their managers.

The letter asks the council to improve the timeliness of strategy meetings, the recording of management decisions, the voice of fathers and the use of chronologies.

Ofsted will follow up the findings of this focused visit at the next inspection of Torbay.
"""

# A joint inspection whose frame itself names the inspectorates.
JOINT = """---
kind: inspection report
authority: Rutland
date: 2024-06-12
---
# Joint targeted area inspection of Rutland

This letter sets out the findings of a joint targeted area inspection of the response to children at risk of exploitation in Rutland, carried out in May 2024 by Ofsted, the Care Quality Commission and His Majesty's Inspectorate of Constabulary and Fire & Rescue Services.

The partnership knows its children well. Information is shared quickly between schools, the police and health services.
"""


@pytest.fixture(scope="module")
def visits(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("list-classes")
    settings = docs_store(root, embedder, {"torbay-2023-focused-visit.md": VISIT, "rutland-2024-jtai-letter.md": JOINT})
    return answerer_over(settings, embedder)


@pytest.mark.parametrize(
    "question",
    [
        "what did the torbay focused visit in 2023 look at?",
        "what did the march 2023 torbay visit cover",
        "list the areas the torbay focused visit examined",
    ],
)
def test_what_a_visit_looked_at_is_answered_by_the_sentence_saying_it_not_the_frame(visits, question):
    answer = visits.run(question)
    assert answer.answered, answer.answer
    assert "edge of care" in answer.answer and "young carers" in answer.answer, answer.answer
    assert "This letter summarises" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what did ofsted ask torbay to improve in 2023?",
        "what did inspectors want torbay to improve after the focused visit",
        "list the things torbay was told to improve in 2023",
    ],
)
def test_what_to_improve_is_answered_by_the_sentence_giving_the_items(visits, question):
    answer = visits.run(question)
    assert answer.answered, answer.answer
    for item in ("strategy meetings", "management decisions", "voice of fathers", "chronologies"):
        assert item in answer.answer, (item, answer.answer)
    assert "This letter summarises" not in answer.answer


@pytest.mark.parametrize("question", ["which inspectorates carried out the rutland JTAI?", "which inspectorates did the 2024 rutland joint inspection?"])
def test_a_frame_line_giving_the_items_itself_answers_which_ones(visits, question):
    answer = visits.run(question)
    assert answer.answered, answer.answer
    assert "Care Quality Commission" in answer.answer and "Constabulary" in answer.answer, answer.answer


# A report's list under its "What needs to improve?" heading, whose items share no word with how
# the question asks for them ("still needed work", "recommendations").
SUMMARY = (
    "Children's services in Thurrock require improvement to be good. Leaders have a clear plan and have used it to steady the "
    "service after a difficult year. The director and the lead member meet every month to review what the plan has achieved, and "
    "the council has added money to the budget for social workers. Partners in health and the police say that the council listens "
    "to them more than it did. Most children are seen quickly once a concern is raised."
)
ITEMS_TO_IMPROVE = (
    "\u2022 Ensure that supervision of social workers is regular and recorded.\n"
    "\u2022 Reduce the time families wait for a first visit from the family support team.\n"
    "\u2022 Make sure the views of children shape their plans."
)
STRENGTHS = (
    "Leaders and managers know their services well and staff morale is high. Social workers are proud to work in the borough and "
    "few leave in their first year. The fostering service recruits well, and young people who leave care are helped to find a home."
)


@pytest.fixture(scope="module")
def report(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("list-heading")
    folder = root / "docs"
    folder.mkdir()
    make_pdf(
        folder / "thurrock-2017-inspection-report.pdf",
        [[
            ("h", "Inspection of services for children in need of help and protection: Thurrock"),
            ("p", "Inspection dates: 16 January 2017 to 9 February 2017"),
            ("h", "Summary"), ("p", SUMMARY),
            ("h", "What does the local authority need to improve?"), ("lines", ITEMS_TO_IMPROVE),
            ("h", "The local authority's strengths"), ("p", STRENGTHS),
        ]],
    )
    return answerer_over(index_into(Settings(store=root / "store"), embedder, folder), embedder)


@pytest.mark.parametrize("question", ["thurrock 2017 inspection, what were the recommendations", "what were thurrock's 2017 recommendations?"])
def test_items_under_a_what_needs_to_improve_heading_are_the_list_whatever_their_words(report, question):
    # The items say "Ensure", "Reduce", "Make sure", never "recommend": the heading says what they are.
    part = report.run(question).trace[0]
    under = [k for k, u in enumerate(part.units) if "supervision of social workers" in u.text or "first visit" in u.text]
    assert under, [u.text for u in part.units]
    for name in ("need", "subject"):
        assert all(part.gates[name][k] for k in under), (name, [part.units[k].text for k in under])
    # A sentence of another section is not let through by it (where the need names the list).
    if part.question.need is not None:
        other = [k for k, u in enumerate(part.units) if "steady the service" in u.text]
        assert other and not any(part.gates["need"][k] for k in other)
