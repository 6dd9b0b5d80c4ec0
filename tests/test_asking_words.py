"""Words that say how a question asks, or which document, not what it is about: the subject gate
(assistant.answering.gates.SubjectGate) must not demand them of an answer, or an answerable
question is refused. On made-up documents indexed into a real store:

1. How long, how often: a length is asked as "how many" is ("over two weeks").
2. The council as the question types it, initials included ("BCP's visit"): no word of its name.
3. A generic main verb ("how many inspectors did it use?", "where does it put them?", "which
   bodies took part?"); a verb of a clause inside ("the support care leavers received") stays.
4. Recency ("the latest inspection"): which one, for every kind of question.
5. A role's "about" naming only the document ("the cabinet member quoted about the visit").
6. A question that stands for its lead by a pronoun ("The improvement notice: when was it
   issued?"): the lead says what it is about.
7. A yes-or-no question's scope word used as a noun ("the scrutiny review"): not what it asks.
8. How a summary is asked ("the main findings", "key points").
9. A placeholder noun ("what three things did the visit look at?"): the items, whatever they are.
10. The service by another of its names ("the children's social care report").
11. A date's label ("Publication date: ...") is what a when-question asks, whatever its verb.
Each with a trap of the same class that must stay refused.
"""

from __future__ import annotations

import pytest

from assistant.answering.events import generic_verb_stems
from assistant.answering.gates import subject_words, topic_words
from assistant.answering.question import parse_parts, scope_of
from tests.docs import answerer_over, docs_store

_REPORT = """---
kind: inspection report
authority: Bournemouth, Christchurch and Poole
date: 2023-07-14
---
# Inspection of Bournemouth, Christchurch and Poole local authority children's services

Inspection dates: 5 to 16 June 2023

The inspection took place over two weeks in June 2023.

A team of seven inspectors from Ofsted and the Care Quality Commission carried out the fieldwork.

The council's improvement places it among the top fifth of councils in England.

Care leavers receive a dependable service from personal advisers who keep in touch.
"""

_LETTER = """---
kind: inspection report
authority: Bournemouth, Christchurch and Poole
date: 2024-03-08
---
# Monitoring visit to Bournemouth, Christchurch and Poole children's services

Publication date: 8 March 2024

The second monitoring visit, in February 2024, had looked at children in care.

Inspectors examined the front door, the quality of plans, and the support for young carers.

Personal advisers now see most young people every month.
"""

_NEWS = """---
kind: other
authority: Bournemouth, Christchurch and Poole
date: 2024-03-12
---
# Council welcomes monitoring visit letter

Councillor Petra Quayle, Cabinet Member for Children and Families, welcomed the findings.

The Department for Education improvement notice, received by the council on 9 May 2022, still applies.
"""

_MINUTES = """---
kind: minutes
authority: Bournemouth, Christchurch and Poole
date: 2023-11-20
---
# Children's Services Overview and Scrutiny Committee, 20 November 2023

The committee considered the report of its scrutiny review of placement sufficiency.

Both recommendations were agreed unanimously.
"""


@pytest.fixture(scope="module")
def bcp(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("asking-words")
    settings = docs_store(root, embedder, {
        "bcp-2023-inspection-report.md": _REPORT,
        "bcp-2024-monitoring-visit-letter.md": _LETTER,
        "bcp-2024-press-release.md": _NEWS,
        "bcp-2023-scrutiny-minutes.md": _MINUTES,
    })
    return answerer_over(settings, embedder)


def _topic(answerer, question: str) -> set[str]:
    (part,) = parse_parts(question, scope_of(question))
    hits = answerer.retriever.run(part.text, scope=part.scope)
    return subject_words(part, hits, answerer.stats, answerer.answer_settings.selection)


@pytest.mark.parametrize(
    "question, said",
    [
        ("how long was the 2023 BCP inspection?", "two weeks"),
        ("what was the focus of bcp's second monitoring visit?", "children in care"),
        ("how many inspectors did the 2023 bcp inspection use?", "seven inspectors"),
        ("where does the 2023 inspection put bcp in england?", "top fifth"),
        ("when was bcp's latest full inspection?", "June 2023"),
        ("who is the bcp cabinet member quoted about the monitoring visit?", "Petra Quayle"),
    ],
)
def test_a_word_saying_how_it_asks_is_not_demanded_of_the_answer(bcp, question, said):
    answer = bcp.run(question)
    assert answer.answered and said in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        # The same classes, about what no document holds.
        "how long was the bcp JTAI in 2021?",
        "how many inspectors did the 2019 bcp focused visit use?",
    ],
)
def test_the_same_asking_words_about_what_no_document_holds_are_still_refused(bcp, question):
    assert not bcp.run(question).answered


@pytest.mark.parametrize(
    "question, verbs",
    [
        ("how many inspectors did the inspection use", {"use"}),
        ("where does the 2025 result put the council nationally?", {"put"}),
        ("which bodies took part in the joint inspection?", {"took", "part"}),
        # A clause's verb says what about; the noun "use" is no verb.
        ("what did the 2019 inspection say about the service care leavers received", set()),
        ("what did the report say about the use of agency staff?", set()),
        # What a visit looked at is asked by its scope verb: kept (gates.spelt_out reads it).
        ("what did the monitoring visit look at?", set()),
    ],
)
def test_the_generic_main_verb_is_how_the_question_asks(question, verbs):
    assert generic_verb_stems(question) == verbs


def test_the_council_as_the_question_types_it_is_no_subject_word(bcp):
    (part,) = parse_parts("what changed in bcp's placements since 2023?", scope_of("what changed in bcp's placements since 2023?"))
    assert "bcp" not in topic_words(part, bcp.stats, 1.0)


def test_a_question_standing_for_its_lead_by_a_pronoun_takes_the_lead_as_its_subject(bcp):
    assert _topic(bcp, "BCP improvement notice - when was it received?") & {"notic"}


def test_a_lead_the_question_does_not_refer_to_stays_out_of_the_subject(bcp):
    assert not _topic(bcp, "For the improvement notice slide: what did the 2023 bcp inspection say about care leavers?") & {"notic", "slide"}


def test_a_yes_no_question_is_about_its_proposition_not_a_scope_word_used_as_a_noun(bcp):
    assert "unanim" in _topic(bcp, "were bcp's votes on the scrutiny review unanimous?")


def test_how_a_summary_is_asked_is_no_subject_word(bcp):
    question = "summarise the 2023 bcp inspection report's main findings and key points"
    (part,) = parse_parts(question, scope_of(question))
    assert not topic_words(part, bcp.stats, 1.0) & {"main", "find", "key", "point"}


def test_a_placeholder_noun_is_met_by_the_items_themselves():
    from assistant.answering.needs import need_of

    need = need_of("what three things did the visit look at?")
    assert need.met("Inspectors examined the front door, the quality of plans, and the support for young carers.")
    assert not need.met("The visit took place in February 2024.")


def test_the_service_by_another_name_is_no_subject_word_but_care_elsewhere_stays(bcp):
    question = "when was the bcp children's social care monitoring letter published?"
    (part,) = parse_parts(question, scope_of(question))
    assert not topic_words(part, bcp.stats, 1.0) & {"social", "care"}
    question = "what did the bcp children's social care letter say about children in care?"
    (part,) = parse_parts(question, scope_of(question))
    assert "care" in topic_words(part, bcp.stats, 1.0)


def test_a_when_question_asks_what_a_date_label_holds_whatever_its_verb(bcp):
    from assistant.answering.features import FEATURES

    answer = bcp.run("when was the bcp children's social care monitoring letter published?")
    column = list(FEATURES).index("unasked_label")
    rows = [(u.text, f[column]) for part in answer.trace for u, f in zip(part.units, part.features)]
    assert ("Publication date: 8 March 2024", 0.0) in rows, rows
    # A label the question asks nothing of still counts against it.
    answer = bcp.run("what did the bcp monitoring letter say about children in care?")
    rows = [(u.text, f[column]) for part in answer.trace for u, f in zip(part.units, part.features)]
    assert ("Publication date: 8 March 2024", 1.0) in rows, rows
