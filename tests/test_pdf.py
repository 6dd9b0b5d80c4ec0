"""PDF loading on real fpdf2 reports: exact pages, running headers and footers removed,
tables as labelled rows, hyphenated line breaks joined, unreadable files refused clearly."""

from __future__ import annotations

import random

import pytest

from assistant.citations import quote_is_verbatim, source_text
from assistant.types import Citation
from indexer.loaders import LoadError, load
from tests.docs import make_image_pdf, make_pdf

HEADER = "Inspection of Manchester City Council children's services"
FOOTER = "ILACS report 2022\nOfsted  •  Page {page} of {pages}"
JUDGEMENTS = [
    ["Judgement", "Grade"],
    ["The impact of leaders on social work practice with children and families", "Good"],
    ["The experiences and progress of children who need help and protection", "Requires improvement to be good"],
    ["The experiences and progress of children in care", "Outstanding"],
    ["Overall effectiveness", "Requires improvement to be good"],
]
WIDTHS = (130, 60)  # the grade column is narrow: "Requires improvement to be good" wraps in its cell
FRONT_DOOR = "Leaders have strengthened the front door so that referrals about children are screened within a day."
IMPROVING = "Children in Manchester receive services that are improving."
CARE_LEAVERS = (
    "Personal advisers keep in touch with young people and know them well. Their safe-\n"
    "guarding needs are reviewed often, and their well-being is a priority for the\n"
    "whole service, as it is in Stockton-on-Tees."
)
CARE_LEAVERS_JOINED = (
    "Personal advisers keep in touch with young people and know them well. Their safeguarding needs are "
    "reviewed often, and their well-being is a priority for the whole service, as it is in Stockton-on-Tees."
)
VISITS = "Social workers see children alone on most visits and record what the children say in their own words."
RETURN_HOME = "Return home interviews are offered to every child who has been missing from home or care."
REPORT = [
    [("h", "Judgements"), ("table", JUDGEMENTS), ("p", IMPROVING)],
    [("h", "Care leavers"), ("lines", CARE_LEAVERS)],
    [("h", "Help and protection"), ("p", FRONT_DOOR), ("p", VISITS)],
    [("h", "Children missing from home"), ("p", RETURN_HOME)],
]
BODY = {IMPROVING: 1, CARE_LEAVERS_JOINED: 2, FRONT_DOOR: 3, VISITS: 3, RETURN_HOME: 4}


@pytest.fixture
def report(tmp_path):
    path = make_pdf(tmp_path / "report.pdf", REPORT, header=HEADER, footer=FOOTER, col_widths=WIDTHS)
    return path, load(path, "report.pdf")


def body_block(doc, text):
    found = [b for b in doc.blocks if not b.is_table_row and b.text == text]
    assert len(found) == 1, f"expected one block {text!r}, got {[b.text for b in doc.blocks]}"
    return found[0]


# --- pages, headings, furniture ------------------------------------------------------------


def test_each_paragraph_is_one_block_on_the_page_it_was_printed_on(report):
    _, doc = report
    for text, page in BODY.items():
        assert body_block(doc, text).page == page


def test_paragraphs_are_filed_under_the_heading_above_them(report):
    _, doc = report
    assert body_block(doc, CARE_LEAVERS_JOINED).heading == "Care leavers"
    assert body_block(doc, VISITS).heading == "Help and protection"
    assert body_block(doc, RETURN_HOME).heading == "Children missing from home"


def test_one_line_paragraphs_are_one_block_each(tmp_path):
    short = ["Children are seen alone.", "Records are up to date.", "Managers check every plan."]
    doc = load(make_pdf(tmp_path / "short.pdf", [[("h", "Practice")] + [("p", t) for t in short]]), "short.pdf")
    assert [b.text for b in doc.blocks] == short


def test_running_header_footer_and_page_numbers_are_in_no_block(report):
    _, doc = report
    for block in doc.blocks:
        for furniture in (HEADER, "ILACS report 2022", "Ofsted", "Page "):
            assert furniture not in block.text, block
            assert furniture not in block.heading, block
    assert doc.title == "Judgements"  # not the running header above it


def test_body_blocks_are_exactly_the_paragraphs(report):
    _, doc = report
    assert [b.text for b in doc.blocks if not b.is_table_row] == list(BODY)


def test_numbered_headings_at_the_top_of_pages_are_content_not_furniture(tmp_path):
    pages = [[("h", f"Area for improvement {n}"), ("p", f"Action {n} is owned by the head of service.")] for n in range(1, 5)]
    doc = load(make_pdf(tmp_path / "plan.pdf", pages, header=HEADER, footer=FOOTER), "plan.pdf")
    assert [(b.heading, b.text, b.page) for b in doc.blocks] == [
        (f"Area for improvement {n}", f"Action {n} is owned by the head of service.", n) for n in range(1, 5)
    ]


def test_two_page_pdf_drops_its_identical_header_and_page_numbers_but_no_content(tmp_path):
    should = (  # long enough to wrap: the line spacing inside a paragraph tells paragraphs apart
        "The local authority should make sure that the recommendations below are acted on by the end of "
        "the year and that progress is reported to the scrutiny committee:"
    )
    pages = [
        [("p", should), ("p", "Recommendation 1: improve supervision for social workers.")],
        [("p", should), ("p", "Recommendation 2: improve supervision for social workers.")],
    ]
    doc = load(make_pdf(tmp_path / "two.pdf", pages, header=HEADER, footer="Page {page} of {pages}"), "two.pdf")
    assert [(b.text, b.page) for b in doc.blocks] == [
        (should, 1),
        ("Recommendation 1: improve supervision for social workers.", 1),
        (should, 2),
        ("Recommendation 2: improve supervision for social workers.", 2),
    ]


def test_two_page_pdf_keeps_lines_that_differ_only_in_a_number_at_the_top(tmp_path):
    pages = [[("p", f"Recommendation {n}: improve supervision for social workers.")] for n in (1, 2)]
    doc = load(make_pdf(tmp_path / "two.pdf", pages), "two.pdf")
    assert [b.text for b in doc.blocks] == [f"Recommendation {n}: improve supervision for social workers." for n in (1, 2)]


def test_one_page_pdf_keeps_every_line_of_content(tmp_path):
    pages = [[("h", "ILACS report 2022"), ("p", VISITS), ("p", "Ofsted, March 2022")]]
    doc = load(make_pdf(tmp_path / "one.pdf", pages, footer="Page {page} of {pages}"), "one.pdf")
    assert [b.text for b in doc.blocks] == [VISITS, "Ofsted, March 2022"]
    assert doc.blocks[0].heading == "ILACS report 2022"


# --- tables --------------------------------------------------------------------------------


def test_judgements_table_rows_are_blocks_labelled_with_their_column_headers(report):
    _, doc = report
    rows = [b for b in doc.blocks if b.is_table_row]
    assert [(b.text, b.verbatim) for b in rows] == [
        (f"Judgement: {judgement} — Grade: {grade}", f"{judgement}\n{grade}") for judgement, grade in JUDGEMENTS[1:]
    ]
    assert all(b.page == 1 and b.heading == "Judgements" for b in rows)


def test_a_grade_that_wraps_inside_its_cell_is_one_cell(report):
    _, doc = report
    overall = next(b for b in doc.blocks if b.is_table_row and "Overall effectiveness" in b.text)
    assert overall.verbatim.split("\n") == ["Overall effectiveness", "Requires improvement to be good"]


def test_table_text_is_neither_body_text_nor_a_heading(report):
    _, doc = report
    for block in doc.blocks:
        if not block.is_table_row:
            assert "Outstanding" not in block.text and "Grade" not in block.text
        assert "Grade" not in block.heading


@pytest.mark.parametrize("repeat_headings", [True, False], ids=["header-repeated", "header-not-repeated"])
def test_a_table_running_onto_the_next_page_keeps_its_header_and_exact_pages(tmp_path, repeat_headings):
    rows = [["No.", "Action"]] + [[str(n), f"Action number {n} for the leaving care service"] for n in range(1, 61)]
    path = make_pdf(
        tmp_path / "plan.pdf", [[("h", "Action plan"), ("table", rows)]], header=HEADER, footer=FOOTER,
        col_widths=(20, 170), repeat_headings=repeat_headings,
    )
    doc = load(path, "plan.pdf")
    blocks = [b for b in doc.blocks if b.is_table_row]
    assert [b.text for b in blocks] == [f"No.: {n} — Action: Action number {n} for the leaving care service" for n in range(1, 61)]
    pages = [b.page for b in blocks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 2
    for block in blocks:  # each row really is printed on the page it claims
        assert block.verbatim.split("\n")[1] in source_text(str(path), block.page)


def test_text_in_a_ruled_box_with_an_empty_column_is_body_text_not_a_table(tmp_path):
    boxed = [["Key message", ""], [VISITS, ""]]
    doc = load(make_pdf(tmp_path / "box.pdf", [[("table", boxed)]], col_widths=(150, 40)), "box.pdf")
    assert [(b.text, b.heading, b.is_table_row) for b in doc.blocks] == [(VISITS, "Key message", False)]


# --- hyphens at line ends ------------------------------------------------------------------------


def test_a_word_hyphenated_across_lines_is_joined_and_real_hyphens_are_kept(report):
    _, doc = report
    text = body_block(doc, CARE_LEAVERS_JOINED).text
    assert "Their safeguarding needs" in text
    assert "well-being" in text and "Stockton-on-Tees" in text
    assert "safe-" not in text


def test_line_end_hyphens_of_real_compounds_are_kept(tmp_path):
    lines = (
        "Managers arranged a follow-\n"
        "up visit for every family; advisers in Stockton-\n"
        "on-Tees and Manchester-\n"
        "based teams check their well-\n"
        "being, and safe-\n"
        "guarding leads review it."
    )
    pages = [[("h", "Practice"), ("p", "Emotional well-being is discussed at every visit."), ("lines", lines)]]
    doc = load(make_pdf(tmp_path / "hyphens.pdf", pages), "hyphens.pdf")
    assert doc.blocks[1].text == (
        "Managers arranged a follow-up visit for every family; advisers in Stockton-on-Tees and "
        "Manchester-based teams check their well-being, and safeguarding leads review it."
    )


# --- quotes are verbatim on their page ----------------------------------------------------------


def cite(path, block, quote=None, page=None):
    return Citation(
        n=1, source=str(path), title="report", kind="inspection report", page=page or block.page,
        quote=quote or block.verbatim or block.text,
    )


def test_every_block_quotes_verbatim_on_its_own_page_only(report):
    path, doc = report
    for block in doc.blocks:
        assert quote_is_verbatim(cite(path, block)), block
        other = block.page % len(REPORT) + 1
        assert not quote_is_verbatim(cite(path, block, page=other)), block


def test_quote_check_forgives_hyphens_at_line_breaks_only(report):
    path, doc = report
    block = body_block(doc, CARE_LEAVERS_JOINED)
    assert quote_is_verbatim(cite(path, block, "Their safeguarding needs are reviewed often"))
    assert quote_is_verbatim(cite(path, block, "Their safe-guarding needs are reviewed often"))  # as printed
    assert not quote_is_verbatim(cite(path, block, "their wellbeing is a priority"))  # hyphen mid-line
    assert not quote_is_verbatim(cite(path, block, "Their safeguardingneeds were reviewed"))


# --- files that cannot be read ----------------------------------------------------------------


def test_password_protected_pdf_is_refused_as_password_protected(tmp_path):
    path = make_pdf(tmp_path / "locked.pdf", REPORT, user_password="s3cret", owner_password="owner")
    with pytest.raises(LoadError, match="password-protected"):
        load(path, "locked.pdf")


def test_pdf_encrypted_with_only_an_owner_password_still_loads(tmp_path):
    path = make_pdf(tmp_path / "owner.pdf", REPORT, header=HEADER, footer=FOOTER, col_widths=WIDTHS, owner_password="owner")
    doc = load(path, "owner.pdf")
    assert [b.text for b in doc.blocks if not b.is_table_row] == list(BODY)


@pytest.mark.parametrize(
    "damage",
    [
        lambda good: b"%PDF-1.4\n" + random.Random(3).randbytes(3000),
        lambda good: good[:200],
        lambda good: good.replace(b"/Root", b"/Ruut").replace(b"xref", b"xxxx").replace(b"obj", b"jbo"),
    ],
    ids=["pdf-header-then-garbage", "first-200-bytes", "objects-renamed"],
)
def test_damaged_pdf_is_refused_as_not_readable(tmp_path, damage):
    good = make_pdf(tmp_path / "good.pdf", REPORT).read_bytes()
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damage(good))
    with pytest.raises(LoadError, match=r"not a readable PDF \(\w+"):
        load(path, "damaged.pdf")


def test_scanned_pdf_without_a_text_layer_is_refused_as_needing_ocr(tmp_path):
    path = make_image_pdf(tmp_path / "scan.pdf", pages=2)
    with pytest.raises(LoadError, match=r"no text found.*OCR"):
        load(path, "scan.pdf")


def test_a_header_printed_from_page_two_on_is_removed_from_a_three_page_report(tmp_path):
    from fpdf import FPDF

    from tests.docs import FONT, FONT_BOLD

    header = "Wigan Council: inspection of local authority children’s services"

    class Report(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("DejaVu", "", 8)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")

    pdf = Report(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    bodies = [f"Page {n} sets out what inspectors found about care leavers in section {n}." for n in (1, 2, 3)]
    for body in bodies:
        pdf.add_page()
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 6, body)
    path = tmp_path / "wigan-report.pdf"
    pdf.output(str(path))

    doc = load(path, "wigan-report.pdf")

    assert all(header not in b.text for b in doc.blocks)
    assert [b.text for b in doc.blocks] == bodies


def test_splitting_never_loops_on_a_counter_that_never_reaches_the_budget():
    from indexer.chunking import _split_words

    pieces = list(_split_words("supercalifragilistic", lambda text: 500, 10))
    assert "".join(pieces) == "supercalifragilistic"
