"""A summary is made of a document's findings, several of them, judgement first, never its frame
("This letter summarises the findings of ...", "Report published: ...", a byline, a sign-off),
nor the same point twice (pipeline._summary_points, assistant.answering.frame). The class: a
summary of a whole document ("summarise the X letter", "summarise what Ofsted found in X in
YEAR"), over several made-up letters and reports of different councils and formats."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.frame import is_frame
from indexer.settings import Settings
from tests.docs import answerer_over, index_into, make_docx, make_html

LETTER = """---
kind: inspection report
authority: Dorset
date: 2023-05-20
---
# Focused visit to Dorset children's services

This letter summarises the findings of the focused visit to Dorset children's services on 3 and 4 May 2023.

Inspectors looked at the local authority's arrangements for care leavers.

Personal advisers know their young people well and keep in touch with them often.
Pathway plans are written with young people and are reviewed when their circumstances change.

Too few care leavers are in education, employment or training, and this has not improved since the last inspection.
Some young people wait too long for help with their emotional wellbeing.

Ofsted will take the findings of this focused visit into account at the next inspection.

Yours sincerely
"""

# Findings set out as bullets under their own heading, a month written short in the question.
BULLETED = """---
kind: inspection report
authority: Dorset
date: 2022-03-10
---
# Monitoring visit to Dorset children's services

This letter summarises the findings of the monitoring visit to Dorset children's services in February 2022.

## Headline findings

- Too many children wait too long for their initial assessment to be completed.
- Reliance on agency social workers has grown and caseloads remain high in the east.
- Children's plans are not reviewed often enough, and some drift.

Ofsted will continue to monitor progress through further monitoring visits.
"""

FACTS_LETTER = ("Personal advisers", "Pathway plans", "education, employment or training", "emotional wellbeing")


@pytest.fixture(scope="module")
def summaries(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("summaries")
    corpus = root / "docs"
    corpus.mkdir()
    (corpus / "dorset-2023-focused-visit-letter.md").write_text(LETTER, encoding="utf-8")
    make_html(
        corpus / "wigan-2022-news.html",
        "<h1>Wigan children's services judged good</h1>"
        "<p>By Local Democracy Reporter · 14th June 2022</p>"
        "<p>Report published: June 2022</p>"
        "<p>Ofsted has judged Wigan's children's services good overall after an inspection in April 2022.</p>"
        "<p>Inspectors found that social workers visit children regularly and know them well.</p>"
        "<p>Caseloads have fallen since the council recruited forty new social workers.</p>"
        "<p>The report said the quality of supervision for social workers was still too variable.</p>",
        title="Wigan children's services judged good",
    )
    make_docx(
        corpus / "halton-2021-monitoring-visit-letter.docx",
        [
            ("h1", "Monitoring visit to Halton children's services"),
            ("p", "This letter summarises the findings of the third monitoring visit to Halton children's services in March 2021."),
            ("p", "Inspectors reviewed the help given to children at risk of exploitation."),
            ("p", "Return home interviews are now completed quickly and their findings shape safety plans."),
            ("p", "Drift and delay remain for some children whose plans are not reviewed often enough."),
            ("p", "Managers do not always record the reasons for their decisions."),
        ],
    )
    (corpus / "dorset-2022-monitoring-visit-letter.md").write_text(BULLETED, encoding="utf-8")
    return answerer_over(index_into(Settings(store=root / "store"), embedder, corpus), embedder)


@pytest.mark.parametrize(
    "question, facts",
    [
        ("summarise the dorset 2023 focused visit letter", FACTS_LETTER),
        ("give me an overview of dorset's focused visit", FACTS_LETTER[:2]),
        ("summarise what ofsted found in wigan in 2022", ("good", "visit children regularly", "Caseloads", "supervision")),
        ("summarise the headline findings of dorset's feb 2022 monitoring visit", ("initial assessment", "agency social workers", "drift")),
        ("summarise the halton third monitoring visit findings", ("Return home interviews", "Drift and delay", "reasons for their decisions")),
    ],
)
def test_a_summary_of_a_document_gives_several_of_its_findings_each_cited(summaries, question, facts):
    answer = summaries.run(question)
    assert answer.answered, answer.answer
    for fact in facts:
        assert fact.lower() in answer.answer.lower(), answer.answer
    assert len(answer.citations) >= 3
    for c in answer.citations:
        assert not is_frame(c.quote), c.quote  # no frame line is a point
    quotes = [c.quote for c in answer.citations]
    assert not any(a != b and a in b for a in quotes for b in quotes), quotes  # no point twice


def test_a_summary_leads_with_the_judgement(summaries):
    answer = summaries.run("summarise what ofsted found in wigan in 2022")
    assert "good overall" in answer.citations[0].quote


@pytest.mark.parametrize(
    "line",
    [
        "This letter summarises the findings of the monitoring visit to Leeds children's services.",
        "The briefing sets out the outcome of the inspection.",
        "Report published: 12 March 2024",
        "Inspection dates: 4 to 15 March 2024",
        "By Gazette Reporter · Published 16 May 2018",
        "Yours sincerely",
        "Ofsted will take the findings of this visit into account at the next inspection.",
        "This note restates the findings of the inspection.",
        # A meeting's header lines and a plan's running header: what and who, not what was said.
        "Minutes of the meeting held on Wednesday 3 April 2024 at 6.00 pm, Town Hall",
        "Minutes of the virtual meeting held on Monday, 9 November 2020",
        "Present: Councillor A Smith (Chair), Councillors B Jones and C Patel",
        "Apologies for absence: Councillor D Khan",
        "Improvement plan following the 2022 inspection | Version 3 | May 2022",
        # Running headers however their fields are set apart, with a version or only a date.
        "Children's services improvement plan · Version 2 · June 2019",
        "Plan | Version 2",
        "Improvement plan | v1.3 draft",
        "Ofsted action plan | June 2019",
        # A document saying what it is not.
        "It is not Ofsted's report and does not reproduce its wording.",
        "This summary is not the full report.",
        "This page is not an official Ofsted publication.",
        # A note on what the document leaves out or changes of its own details.
        "Where a detail was not publicly reported, it has been left out.",
        "If a figure was not published, it is not included.",
        "Names have been changed to protect the families.",
        "Identifying details have been removed from this report.",
        "Personal details are redacted.",
        "Some details have been withheld for privacy.",
    ],
)
def test_frame_lines_are_recognised(line):
    assert is_frame(line)


@pytest.mark.parametrize(
    "line",
    [
        "Overall effectiveness: Good",
        "This is a serious weakness that leaders know about.",
        "The report found that leaders had made progress.",
        "By 2019, services had improved.",
        "Inspectors found that drift and delay persist for disabled children.",
        "The report said caseloads were too high.",
        "Members present were concerned about caseloads.",
        "Apologies were received from the lead member, who was at another meeting.",
        "RESOLVED: That the minutes of the meeting held on 7 March be agreed.",
        "Version control has been a weakness of the plan.",
        # A plan's rows written with bars: action, owner and deadline are what the plan says.
        "Improve the quality of supervision | Head of Service | March 2024",
        "Strengthen management oversight | Service manager | Q3 2023/24",
        "Care leavers | Increase the number in suitable accommodation | Head of Care Leavers",
        "Review the plan | Head of Service | June 2024",
        # A finding that says what something is not.
        "It is not clear that the plan has made a difference.",
        "This is not a good enough response to neglect.",
        "It was not the first time inspectors had raised caseloads.",
        # Something removed, changed or left out that is no detail of the document's own.
        "Three children were removed from unregistered homes.",
        "Where children were at risk, they were removed.",
        "It has been removed from the list of councils in intervention.",
        "Details of the plan have been changed twice since March.",
        "Their names were withheld by the court.",
        "Where risks were identified, they were not always acted on.",
        "The cap on caseloads has been removed.",
    ],
)
def test_findings_are_not_frame(line):
    assert not is_frame(line)
