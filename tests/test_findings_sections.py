"""Findings questions of one leaning ("what concerns ...", "list the strengths ...") read the section
the inspection's document sets them out in (assistant.answering.sections), in made-up wording."""

from __future__ import annotations

import pytest

from assistant.answering.question import parse_parts, scope_of
from assistant.answering.sections import Leaning, leaning_asked, rank_documents, section_lines
from indexer.types import DocKind, Passage


def _question(text: str):
    return parse_parts(text, scope_of(text))[0]


def _passage(text: str, heading: str = "", ordinal: int = 0, source: str = "b.md", kind: DocKind = DocKind.OTHER,
             date: str = "2021-03", authority: str = "Rutland") -> Passage:
    return Passage(id=f"{source}{ordinal}", source=source, title="Briefing", kind=kind, page=None, heading=heading, text=text,
                   ordinal=ordinal, file_hash="h", authority=authority, date=date)


@pytest.mark.parametrize("text, leaning", [
    ("what concerns did inspectors raise about rutland in 2021?", Leaning.CONCERNS),
    ("what weak spots did ofsted find at rutland", Leaning.CONCERNS),
    ("list the weaker areas in rutland's 2021 inspection", Leaning.CONCERNS),
    ("what improvements did ofsted ask rutland for after the visit", Leaning.CONCERNS),
    ("what did inspectors want rutland to improve", Leaning.CONCERNS),
    ("list the strengths inspectors found in rutland", Leaning.STRENGTHS),
    ("what's working well in rutland according to ofsted", Leaning.STRENGTHS),
    ("what did ofsted praise at rutland in 2021", Leaning.STRENGTHS),
])
def test_a_set_of_findings_of_one_leaning_is_asked(text, leaning):
    assert leaning_asked(_question(text)) is leaning


@pytest.mark.parametrize("text", [
    "did inspectors raise concerns about rutland in 2021?",  # yes or no
    "what were rutland's strengths and weaknesses in 2021?",  # both leanings
    "when was rutland inspected?",
])
def test_other_questions_ask_for_no_section(text):
    assert leaning_asked(_question(text)) is None


def test_a_label_line_opens_its_items_up_to_the_next_label():
    p = _passage("Positives:\nthe front door responds quickly;\nfamily hubs are well used.\n"
                 "Worries:\nsome plans drift;\nagency staff turn over too often.\nThe plan goes to cabinet in May.")
    # "Worries" is not a section name; "Concerns" is.
    assert [line for _, line in section_lines([p], Leaning.CONCERNS)] == []
    p = _passage(p.text.replace("Worries:", "Concerns:"))
    assert [line for _, line in section_lines([p], Leaning.CONCERNS)] == ["some plans drift;", "agency staff turn over too often."]
    assert [line for _, line in section_lines([p], Leaning.STRENGTHS)] == ["the front door responds quickly;", "family hubs are well used."]


def test_a_list_runs_on_into_the_next_passage_until_its_last_item():
    first = _passage("Concerns:\nsome plans drift;\nagency staff turn over too often;", ordinal=0)
    second = _passage("supervision is not always recorded.\nThe plan goes to cabinet in May.", ordinal=1)
    lines = [line for _, line in section_lines([first, second], Leaning.CONCERNS)]
    assert lines == ["some plans drift;", "agency staff turn over too often;", "supervision is not always recorded."]


def test_a_heading_takes_its_lines_up_to_the_next_heading_and_not_the_sign_off():
    heading = _passage("• Timeliness of return interviews.\n• Recording of supervision.\nYours sincerely", heading="Letter > What needs to improve?")
    after = _passage("Children are safe.", heading="Letter > Main findings", ordinal=1)
    assert [line for _, line in section_lines([heading, after], Leaning.CONCERNS)] == [
        "• Timeliness of return interviews.", "• Recording of supervision."]


def test_a_heading_run_into_its_paragraph_is_the_section():
    p = _passage("Areas of strength Early help; kinship care; the virtual school's reach.\nNext steps A plan by June.")
    assert [line for _, line in section_lines([p], Leaning.STRENGTHS)] == ["Areas of strength Early help; kinship care; the virtual school's reach."]
    # A sentence about concerns is no section.
    assert section_lines([_passage("Concerns were raised about caseloads in the east of the county last winter.")], Leaning.CONCERNS) == []


def test_documents_are_read_year_first_then_the_inspection_s_own_report():
    q = _question("what concerns did inspectors raise about rutland in 2021?")
    report = ("r.pdf", DocKind.INSPECTION_REPORT, "Inspection of Rutland", [_passage("x", source="r.pdf", kind=DocKind.INSPECTION_REPORT)])
    news = ("n.html", DocKind.OTHER, "News", [_passage("x", source="n.html")])
    old = ("o.pdf", DocKind.INSPECTION_REPORT, "Inspection of Rutland", [_passage("x", source="o.pdf", kind=DocKind.INSPECTION_REPORT, date="2016-05")])
    assert rank_documents(q, [news, old, report], ranked=["n.html", "o.pdf", "r.pdf"]) == ["r.pdf", "n.html"]


def test_a_named_kind_of_visit_picks_its_letter_first():
    q = _question("rutland monitoring visit - what needs to improve?")
    letter = ("l.pdf", DocKind.INSPECTION_REPORT, "Letter", [_passage("This letter summarises the monitoring visit.", source="l.pdf")])
    news = ("n.html", DocKind.OTHER, "News", [_passage("Rutland was inspected.", source="n.html")])
    assert rank_documents(q, [news, letter], ranked=["n.html", "l.pdf"])[0] == "l.pdf"


def test_a_briefing_s_improvements_are_its_strengths_unless_needed():
    p = _passage("Improvements:\nthe front door responds quickly;\nfamily hubs are well used.\nConcerns:\nsome plans drift.")
    assert [line for _, line in section_lines([p], Leaning.STRENGTHS)] == ["the front door responds quickly;", "family hubs are well used."]
    needed = _passage("Improvements needed:\nsome plans drift;\nrecording is late.")
    assert section_lines([needed], Leaning.STRENGTHS) == []
    assert [line for _, line in section_lines([needed], Leaning.CONCERNS)] == ["some plans drift;", "recording is late."]


def test_a_sentence_leading_into_a_list_by_its_leaning_opens_it():
    p = _passage("The visit found a service much changed since the spring. Positive findings:\nkinship assessments\n"
                 "the edge of care team\nThe letter was shared with partners.")
    assert section_lines([p], Leaning.STRENGTHS) == []
    p = _passage(p.text.replace("Positive findings:", "Key strengths included:"))
    assert [line for _, line in section_lines([p], Leaning.STRENGTHS)] == ["kinship assessments", "the edge of care team"]
    # A long sentence that only mentions strengths on its way is no lead-in.
    long = _passage("Leaders know the service's strengths and its weaker areas well and have set out in the plan the steps below:\nx;\ny.")
    assert section_lines([long], Leaning.STRENGTHS) == []


def test_a_paragraph_announcing_its_findings_by_number_gives_the_sentences_after():
    text = ("Rutland was rated good. The letter found three weak points. Kinship assessments are slow, it said. "
            "Return interviews are patchy.")
    lines = [line for _, line in section_lines([_passage(text)], Leaning.CONCERNS)]
    assert lines == ["The letter found three weak points. Kinship assessments are slow, it said. Return interviews are patchy."]
    # Announced with no sentence after it, or not by number: no section.
    assert section_lines([_passage("Rutland was rated good. The letter found three weak points.")], Leaning.CONCERNS) == []
    assert section_lines([_passage("Weak points were few. Kinship assessments are slow.")], Leaning.CONCERNS) == []
