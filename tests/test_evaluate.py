"""The evaluation's own rules, on a made-up report and hand-written answers: page accuracy for
PDF answers, the per-kind table, and the baseline's one llama-index Document per PDF page."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluate import (
    Graded,
    Retrieved,
    baseline_metrics,
    by_kind,
    format_table,
    llama_index_documents,
    metrics,
    metrics_by_kind,
)
from assistant.types import Answer, Citation

PAGE_1 = "Inspection of Wirral children's services. The council's plan was agreed in March."
PAGE_2 = ("Overall effectiveness was judged requires improvement", "to be good. There were 502 children in care.")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, PAGE_1)
    pdf.add_page()
    for line in PAGE_2:  # the judgement breaks across two lines, as a printed report's would
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path_factory.mktemp("corpus") / "wirral-2023-inspection-report.pdf"
    pdf.output(str(path))
    return path


def question(kind: str = "fact", facts: tuple[str, ...] = ("502",), answerable: bool = True) -> dict:
    return {"id": kind, "question": "?", "answerable": answerable, "facts": list(facts),
            "sources": ["wirral-2023-inspection-report", "wirral-2023-news"] if answerable else [], "kind": kind}


def cite(source: Path | str, page: int | None, quote: str, n: int = 1) -> Citation:
    return Citation(n=n, source=str(source), title="Wirral", kind="inspection report", page=page, quote=quote)


def answered(q: dict, text: str, *citations: Citation) -> Graded:
    return Graded(q, Answer(q["question"], text, True, list(citations)), seconds=0.5)


def refused(q: dict) -> Graded:
    return Graded(q, Answer(q["question"], "The indexed documents don't say.", False), seconds=0.25)


def test_citing_the_page_that_holds_a_fact_is_page_accurate(report):
    on_page_2 = answered(question(), "There were 502 children in care. [1]", cite(report, 2, "There were 502 children in care."))
    assert on_page_2.page_ok is True


def test_citing_a_page_without_any_fact_is_not(report):
    on_page_1 = answered(question(), "The plan was agreed. [1]", cite(report, 1, "The council's plan was agreed in March."))
    assert on_page_1.page_ok is False


def test_one_expected_pdf_page_with_a_fact_is_enough(report):
    both = answered(
        question(), "…", cite(report, 1, "The council's plan was agreed in March."), cite(report, 2, "There were 502 children in care.", 2)
    )
    assert both.page_ok is True


def test_a_fact_is_found_across_a_line_break_and_in_other_case_and_quotes(report):
    judgement = question(facts=("Requires improvement to be good",))
    assert answered(judgement, "…", cite(report, 2, "There were 502 children in care.")).page_ok is True
    plan = question(facts=("the council’s plan",))  # curly apostrophe in the fact, straight on the page
    assert answered(plan, "…", cite(report, 1, "The council's plan was agreed in March.")).page_ok is True


def test_the_page_rule_skips_what_it_cannot_judge(report, tmp_path):
    other_pdf = tmp_path / "kent-2022-inspection-report.pdf"
    other_pdf.write_bytes(report.read_bytes())
    assert answered(question(), "…", cite(other_pdf, 2, "There were 502 children in care.")).page_ok is None  # not expected
    assert answered(question(), "…", cite(tmp_path / "wirral-2023-news.txt", None, "502")).page_ok is None  # not a PDF
    assert answered(question(facts=()), "…", cite(report, 2, "There were 502 children in care.")).page_ok is None
    assert refused(question()).page_ok is None


def test_metrics_are_reported_for_all_questions_and_for_each_kind(report):
    graded = [
        answered(question("fact"), "There were 502 children in care. [1]", cite(report, 2, "There were 502 children in care.")),
        answered(question("fact"), "The plan was agreed. [1]", cite(report, 1, "The council's plan was agreed in March.")),
        answered(question("whose-words", facts=("agreed in March",)), "…", cite(report, 1, "Words nobody wrote.")),
        refused(question("unanswerable", facts=(), answerable=False)),
    ]
    rows = metrics_by_kind(graded)
    assert list(rows) == ["all", "fact", "whose-words", "unanswerable"]
    assert rows["all"] == metrics(graded)
    assert rows["all"]["questions"] == 4 and rows["all"]["page_questions"] == 3
    assert rows["all"]["page_accuracy"] == pytest.approx(0.667)
    assert rows["all"]["quote_validity"] == pytest.approx(0.667)  # the whose-words quote is not on its page
    assert rows["fact"]["fact_accuracy"] == 0.5 and rows["fact"]["page_accuracy"] == 0.5
    assert rows["whose-words"]["page_accuracy"] == 1.0 and rows["whose-words"]["quote_validity"] == 0.0
    assert rows["unanswerable"]["refusal_accuracy"] == 1.0 and rows["unanswerable"]["page_questions"] == 0
    assert rows["unanswerable"]["seconds_per_question"] == 0.25

    retrieved = [
        Retrieved(question("fact"), [(str(report), 2), ("other.docx", None)], 0.01),
        Retrieved(question("fact"), [("other.docx", None)], 0.01),
        Retrieved(question("whose-words", facts=("agreed in March",)), [(str(report), 2)], 0.01),
        Retrieved(question("unanswerable", facts=(), answerable=False), [(str(report), 1)], 0.01),
    ]
    theirs = by_kind(retrieved, baseline_metrics)
    assert theirs["fact"]["source_hit_rate"] == 0.5 and theirs["whose-words"]["page_accuracy"] == 0.0

    table = format_table(rows, theirs).splitlines()
    assert [line.split()[0] for line in table] == ["kind", "all", "fact", "whose-words", "unanswerable"]
    assert "li source" in table[0]
    unanswerable = table[-1].split()
    assert unanswerable[1] == "1" and unanswerable[2] == "—"  # no fact accuracy for a question with no answer


def test_baseline_documents_are_one_per_pdf_page_with_its_file_and_page(report, tmp_path):
    notes = tmp_path / "wirral-2023-news.md"
    notes.write_text("# Wirral news\n\nThe council welcomed the report.\n", encoding="utf-8")
    documents = llama_index_documents([(report, "corpus/wirral-2023-inspection-report.pdf"), (notes, "corpus/wirral-2023-news.md")])
    assert [d.metadata for d in documents] == [
        {"file_path": "corpus/wirral-2023-inspection-report.pdf", "page": 1},
        {"file_path": "corpus/wirral-2023-inspection-report.pdf", "page": 2},
        {"file_path": "corpus/wirral-2023-news.md"},
    ]
    assert "502 children in care" in documents[1].text and "502" not in documents[0].text
    assert "welcomed the report" in documents[2].text
