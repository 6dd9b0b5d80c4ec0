"""A summary of an inspection drawn from committee minutes takes the minutes' item about the
inspection, not the meeting's other business (pipeline.inspection_items). The class: minutes of
several items (declarations, the previous minutes, a budget or an emergency, the Ofsted item, the
next meeting), with item headings or run on without them, and summaries asked of "the
inspection", "the Ofsted outcome" or "the ILACS item"; a summary of the whole meeting still
reads the whole meeting.

Made-up wording throughout (no evaluation set's sentences)."""

from __future__ import annotations

import pytest

from tests.docs import answerer_over, docs_store

HEADED = """---
kind: committee minutes
authority: Swindon
date: 2023-06-14
---
# Swindon Borough Council – Cabinet

Minutes of the meeting held on 14 June 2023 at 6.30 pm. Present: Councillors Abbot (Chair), Bright, Carver and Dunmore.

## 12. Declarations of interest

There were no declarations of interest. The minutes of the meeting held in May were agreed as a correct record.

## 13. Revenue budget monitoring

Cabinet noted a forecast overspend of £2.1 million on highways maintenance and asked for a recovery plan by September.

## 14. Ofsted inspection of children's social care services

Cabinet received the report of the Ofsted inspection carried out in April 2023, which judged the council's children's services good overall.

The Director of Children's Services said that inspectors had praised the stability of the social work workforce and the quality of direct work with children.

Members noted that inspectors wanted quicker permanence decisions for the youngest children in care.

## 15. Date of next meeting

The next meeting will be held on 12 July 2023.
"""

RUN_ON = """---
kind: committee minutes
authority: Torbay
date: 2022-11-09
---
# Torbay Council – Children and Young People's Overview and Scrutiny Board

Minutes of the meeting held on 9 November 2022. Present: Councillors Ellery (Chair), Foyle and Grant. Apologies were received from Councillor Hale.

Declarations of interest: none were made. The minutes of the September meeting were confirmed.

The board considered the school transport contract and agreed to review the eligibility policy in the spring.

The board received a presentation on the Ofsted inspection of children's services held in September 2022, in which inspectors judged the service to require improvement to be good.

The Director said inspectors had found that assessments of risk to children at home were not always updated when circumstances changed.

The meeting closed at 8.40 pm.
"""

OTHER_BUSINESS = ("declarations of interest", "overspend", "next meeting", "school transport", "Apologies", "meeting closed")


@pytest.fixture(scope="module")
def answerer(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("summary-minutes")
    settings = docs_store(root, embedder, {
        "swindon-cabinet-minutes-2023-06.md": HEADED,
        "torbay-scrutiny-minutes-2022-11.md": RUN_ON,
    })
    return answerer_over(settings, embedder)


@pytest.mark.parametrize(
    "question, finding",
    [
        ("give me a quick summary of swindon's 2023 inspection", "stability of the social work workforce"),
        ("summarise the swindon 2023 ofsted outcome", "stability of the social work workforce"),
        ("can you summarise the swindon 2023 ilacs item from the cabinet minutes", "stability of the social work workforce"),
        ("summarise torbay's 2022 inspection for members", "not always updated"),
        ("quick overview of the torbay 2022 ofsted result please", "not always updated"),
    ],
)
def test_a_summary_of_an_inspection_from_minutes_takes_the_inspection_item(answerer, question, finding):
    answer = answerer.run(question)
    assert answer.answered, answer.answer
    assert finding in answer.answer, answer.answer
    for other in OTHER_BUSINESS:
        assert other.lower() not in answer.answer.lower(), (other, answer.answer)


def test_a_summary_of_the_whole_meeting_still_reads_its_other_items(answerer):
    answer = answerer.run("summarise the swindon cabinet minutes of june 2023")
    assert answer.answered, answer.answer
    # Not the inspection item alone: the meeting's other business is part of what was asked.
    assert any(other.lower() in answer.answer.lower() for other in OTHER_BUSINESS), answer.answer
