"""Exports for training material: the question, the answer and every quote in full, with where
it comes from, as Markdown and as a Word document."""

from __future__ import annotations

import docx

from assistant.export import md, to_docx, to_markdown
from assistant.types import Answer, Citation, Scope

QUOTE = "Inspectors found that care leavers receive strong support from their personal advisers."


def answer() -> Answer:
    return Answer(
        "What did inspectors say about care leavers?",
        f"{QUOTE} [1] No. | Action [2]",
        True,
        [
            Citation(1, "reports/stockton.pdf", "Inspection of Stockton-on-Tees", "inspection report", 2, QUOTE,
                     heading="Care leavers", passage_id="a", authority="Stockton-on-Tees", date="2023-03", answer_text=QUOTE),
            Citation(2, "plans/plan.docx", "Action plan <b>2023</b>", "action plan", None, "4\nReduce waiting times",
                     passage_id="b", authority="Stockton-on-Tees", date="2023", answer_text="No.: 4 — Action: Reduce waiting times"),
        ],
        scope=Scope(("Stockton-on-Tees",), (2023,), inherited=True),
    )


def test_markdown_has_the_question_answer_and_full_quotes_with_their_sources():
    text = to_markdown(answer())
    assert text.startswith("# What did inspectors say about care leavers?")
    assert f"> {md(QUOTE)}" in text
    for expected in ["### [1] Inspection of Stockton-on-Tees", "- Kind: Inspection report", "- Council: Stockton-on-Tees",
                     "- Date: 2023-03", "- Page: 2", "- File: reports/stockton.pdf", "> 4\n> Reduce waiting times",
                     "Taken to mean: Stockton-on-Tees, 2023 (from your previous question)"]:
        assert expected in text, expected


def test_markdown_shows_document_markup_as_text():
    escaped = md("See [the plan](javascript:alert(1)) <script>x</script> *now* & 1 < 2")
    assert "](javascript" not in escaped.replace("\\]", "")
    assert "<script>" not in escaped and "\\<script\\>" in escaped
    assert md("# not a heading") == "\\# not a heading" and md("1. not a list") == "1\\. not a list"


def test_docx_opens_and_holds_the_quotes_and_their_sources(tmp_path):
    path = to_docx(answer(), tmp_path / "answer.docx")
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "What did inspectors say about care leavers?" in text
    assert QUOTE in text and "Reduce waiting times" in text
    assert "Kind: Inspection report" in text and "Page: 2" in text and "File: plans/plan.docx" in text
    assert "Action plan <b>2023</b>" in text  # a title is text in Word, not markup


def test_docx_survives_characters_xml_cannot_hold(tmp_path):
    broken = answer()
    broken.citations[0] = Citation(1, "x.txt", "Title\x00\x0b", "other", None, "Quote with \x01 control", answer_text="")
    to_docx(broken, tmp_path / "broken.docx")
    assert "Quote with  control" in "\n".join(p.text for p in docx.Document(str(tmp_path / "broken.docx")).paragraphs)
