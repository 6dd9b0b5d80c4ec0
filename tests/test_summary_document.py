"""A summary of a whole document is of the document the question names by its kind ("the
inspection", "the cabinet report", "the monitoring letter"), not of another of the same council
and year whose one sentence about it ranks first (pipeline.Answerer._summary_document). The
class: one council-year with an inspection report, a monitoring letter that mentions the
inspection, a cabinet report and a news page, each summary asked for by the kind it names."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from indexer.settings import Settings
from tests.docs import answerer_over, index_into, make_html

REPORT = """---
kind: inspection report
authority: Rochdale
date: 2022-04-02
---
# Inspection of Rochdale local authority children's services

Overall effectiveness: requires improvement to be good.

Children who need help and protection are seen quickly, but the quality of their assessments varies.
Permanence planning for children in care is too slow, and some children wait over a year for a decision.
The front door responds to contacts promptly and makes sound decisions about risk.
Leaders know where practice is weakest and have a realistic plan to improve it.
"""

LETTER = """---
kind: inspection report
authority: Rochdale
date: 2022-11-20
---
# Monitoring visit to Rochdale children's services

This letter summarises the findings of the monitoring visit to Rochdale children's services in October 2022.

Inspectors looked at the help given to children in need and to children on child protection plans.

Since the inspection in February 2022, leaders have strengthened the oversight of children's plans.
Supervision now happens regularly and records are clearer.
Caseloads in the court team remain too high.
"""

CABINET = """<h1>Rochdale Cabinet, 14 June 2022: report on the Ofsted inspection of children's services</h1>
<p>The purpose of this report is to inform Cabinet of the outcome of the Ofsted inspection in February 2022.</p>
<p>The council will recruit twelve more social workers for the assessment teams.</p>
<p>An improvement board chaired by the chief executive will meet every month.</p>
<p>Cabinet is asked to note the inspection outcome and approve the improvement plan.</p>
"""


@pytest.fixture(scope="module")
def documents(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("summary-document")
    corpus = root / "docs"
    corpus.mkdir()
    (corpus / "rochdale-2022-inspection-report.md").write_text(REPORT, encoding="utf-8")
    (corpus / "rochdale-2022-monitoring-visit-letter.md").write_text(LETTER, encoding="utf-8")
    make_html(corpus / "rochdale-2022-cabinet-report.html", CABINET, title="Rochdale Cabinet report: Ofsted inspection")
    settings = Settings(store=root / "store")
    index_into(settings, embedder, corpus)
    return answerer_over(settings, embedder)


@pytest.mark.parametrize(
    "question, document, said",
    [
        ("summarise the rochdale 2022 inspection findings", "inspection-report", ("Permanence planning", "front door")),
        ("give me a summary of rochdale's 2022 inspection", "inspection-report", ("Permanence planning", "front door")),
        ("summarise the rochdale october 2022 monitoring letter", "monitoring-visit-letter", ("Supervision", "Caseloads")),
        ("summarise rochdale's 2022 cabinet report on the ofsted outcome", "cabinet-report", ("twelve more social workers", "improvement board")),
    ],
)
def test_a_summary_is_of_the_document_the_question_names(documents, question, document, said):
    answer = documents.run(question)
    assert answer.answered, answer.answer
    sources = {c.source for c in answer.citations}
    assert all(document in s for s in sources), (sources, answer.answer)
    for text in said:
        assert text in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what did rochdale's october 2022 monitoring visit cover",
        "what did rochdale's october 2022 monitoring visit focus on?",
        "which children did the rochdale monitoring visit evaluate?",
        "rochdale october 2022 monitoring visit - what was examined",
    ],
)
def test_what_a_visit_looked_at_is_answered_by_what_it_looked_at_however_asked(documents, question):
    # "cover", "focus on", "evaluate", "examine" and the letter's "looked at" are one subject
    # (indexer.vocabulary.SCOPE_VERBS); the visit's frame and dates are not what it looked at.
    answer = documents.run(question)
    assert answer.answered, answer.answer
    assert "Inspectors looked at the help given to children in need" in answer.answer, answer.answer
    assert "This letter summarises" not in answer.answer


def test_the_focused_of_a_focused_visit_is_no_scope_word():
    from assistant.answering.gates import _SCOPE_ASKED

    assert not _SCOPE_ASKED.findall("what did the 2022 focused visit say about the front door")
    assert _SCOPE_ASKED.findall("what did the focused visit focus on")

