"""Loaders turn real PDF, DOCX, HTML, Markdown and text files into titled, headed blocks."""

from __future__ import annotations

import random
import zipfile

import pytest

from indexer.loaders import LoadError, load
from indexer.types import DocKind
from tests.docs import make_docx, make_html, make_pdf

REPORT_PAGES = [
    [
        ("h", "Overall effectiveness"),
        ("p", "Leaders have strengthened the front door so that referrals about children are screened within a day."),
    ],
    [
        ("h", "Care leavers"),
        ("p", "Personal advisers stay in touch with every young person after they leave care and help them find a home."),
    ],
    [
        ("h", "Children in need of help and protection"),
        ("p", "Social workers see children alone on most visits and record what the children say in their own words."),
    ],
]


def sentence(pages, page_number):
    return pages[page_number - 1][1][1]


def block_with(doc, text):
    found = [b for b in doc.blocks if text in b.text]
    assert len(found) == 1, f"expected one block containing {text!r}, got {[b.text for b in doc.blocks]}"
    return found[0]


# --- PDF -------------------------------------------------------------------------


@pytest.fixture
def report_pdf(tmp_path):
    return make_pdf(tmp_path / "report.pdf", REPORT_PAGES)


def test_pdf_blocks_carry_the_page_they_were_printed_on(report_pdf):
    doc = load(report_pdf, "report.pdf")
    for number in (1, 2, 3):
        assert block_with(doc, sentence(REPORT_PAGES, number)).page == number


def test_pdf_blocks_are_filed_under_the_heading_above_them(report_pdf):
    doc = load(report_pdf, "report.pdf")
    for number in (1, 2, 3):
        heading = REPORT_PAGES[number - 1][0][1]
        assert block_with(doc, sentence(REPORT_PAGES, number)).heading == heading


def test_pdf_heading_text_is_not_repeated_as_body_text(report_pdf):
    doc = load(report_pdf, "report.pdf")
    headings = [page[0][1] for page in REPORT_PAGES]
    for block in doc.blocks:
        for heading in headings:
            assert heading not in block.text


def test_pdf_body_text_is_kept_word_for_word(report_pdf):
    doc = load(report_pdf, "report.pdf")
    assert [b.text for b in doc.blocks] == [sentence(REPORT_PAGES, n) for n in (1, 2, 3)]


def test_pdf_title_is_its_first_heading_when_it_has_no_metadata_title(report_pdf):
    assert load(report_pdf, "report.pdf").title == "Overall effectiveness"


def test_pdf_metadata_title_is_preferred_to_the_first_heading(tmp_path):
    path = make_pdf(tmp_path / "report.pdf", REPORT_PAGES, title="Manchester ILACS inspection 2022")
    doc = load(path, "report.pdf")
    assert doc.title == "Manchester ILACS inspection 2022"
    assert doc.kind is DocKind.INSPECTION_REPORT


def test_pdf_wrapped_paragraph_is_one_block_and_the_next_paragraph_another(tmp_path):
    long = (
        "The director of children's services has set out a plan to recruit permanent social workers, "
        "reduce caseloads in the assessment teams, and make sure that every child has a named worker "
        "who knows them well and visits them at home at least once every six weeks."
    )
    path = make_pdf(tmp_path / "wrap.pdf", [[("h", "Workforce"), ("p", long), ("p", "A second paragraph follows here.")]])
    doc = load(path, "wrap.pdf")
    assert [b.text for b in doc.blocks] == [long, "A second paragraph follows here."]


# --- DOCX ------------------------------------------------------------------------

ACTIONS = [
    ["No.", "Area for improvement", "Lead"],
    ["1", "Quality and impact of supervision for social workers", "Head of Service, Locality"],
    ["2", "Suitability of accommodation for care leavers aged 18 to 21", "Strategic Lead, Leaving Care"],
    ["3", "Timeliness of return home interviews", "Service Manager, Complex Safeguarding"],
]


@pytest.fixture
def action_plan_docx(tmp_path):
    return make_docx(
        tmp_path / "plan.docx",
        [
            ("h1", "Improvement plan 2022"),
            ("p", "This plan responds to the findings of the inspection in March."),
            ("h2", "Areas for improvement"),
        ],
        table=ACTIONS,
    )


def test_docx_table_body_rows_each_become_one_table_row_block(action_plan_docx):
    doc = load(action_plan_docx, "plan.docx")
    rows = [b for b in doc.blocks if b.is_table_row]
    assert len(rows) == len(ACTIONS) - 1
    for block, cells in zip(rows, ACTIONS[1:]):
        assert f"Area for improvement: {cells[1]}" in block.text
        assert f"Lead: {cells[2]}" in block.text


def test_docx_table_header_row_is_not_a_block_of_its_own(action_plan_docx):
    doc = load(action_plan_docx, "plan.docx")
    assert not any(b.text.strip() in ("No. — Area for improvement — Lead", "No.\nArea for improvement\nLead") for b in doc.blocks)
    assert len([b for b in doc.blocks if b.is_table_row]) == 3


def test_docx_table_row_verbatim_is_its_cells_one_per_line(action_plan_docx):
    doc = load(action_plan_docx, "plan.docx")
    rows = [b for b in doc.blocks if b.is_table_row]
    assert [b.verbatim for b in rows] == ["\n".join(cells) for cells in ACTIONS[1:]]


def test_docx_table_rows_carry_the_heading_path_above_the_table(action_plan_docx):
    doc = load(action_plan_docx, "plan.docx")
    for block in doc.blocks:
        if block.is_table_row:
            assert block.heading == "Improvement plan 2022 > Areas for improvement"


def test_docx_paragraph_under_h1_has_h1_path_and_title_comes_from_h1(action_plan_docx):
    doc = load(action_plan_docx, "plan.docx")
    para = block_with(doc, "responds to the findings")
    assert para.heading == "Improvement plan 2022"
    assert not para.is_table_row and para.verbatim is None
    assert doc.title == "Improvement plan 2022"
    assert not any(b.text in ("Improvement plan 2022", "Areas for improvement") for b in doc.blocks)


def test_docx_merged_cell_text_appears_once_in_its_row(tmp_path):
    path = make_docx(
        tmp_path / "merged.docx",
        [("h1", "Improvement plan"), ("h2", "Actions")],
        table=ACTIONS,
        merge_first_row_cells=True,
    )
    doc = load(path, "merged.docx")
    rows = [b for b in doc.blocks if b.is_table_row]
    merged_text = ACTIONS[1][1]
    assert rows[0].text.count(merged_text) == 1
    assert rows[0].verbatim.count(merged_text) == 1
    # the unmerged rows are untouched
    assert f"Lead: {ACTIONS[2][2]}" in rows[1].text


def test_docx_cells_after_a_merged_cell_keep_their_own_column_header(tmp_path):
    # "No." and "Area for improvement" merged in a body row: "Director" is still under "Lead".
    import docx

    document = docx.Document()
    document.add_heading("Improvement plan", level=1)
    table = document.add_table(rows=2, cols=3)
    for column, header in enumerate(ACTIONS[0]):
        table.cell(0, column).text = header
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Supervision of social workers"
    table.cell(1, 2).text = "Director"
    document.save(str(tmp_path / "merged-left.docx"))

    row = load(tmp_path / "merged-left.docx", "merged-left.docx").blocks[0]
    assert row.is_table_row
    assert row.verbatim == "Supervision of social workers\nDirector"
    assert "Lead: Director" in row.text
    assert "Area for improvement: Director" not in row.text


# --- HTML ------------------------------------------------------------------------

MINUTES_PAGE = """
<div id="cookie-banner"><p>Accept cookies to use this site</p><button>Accept all</button></div>
<header><p>Manchester City Council masthead</p></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/meetings">Browse council meetings</a></li></ul></nav>
<main>
  <h1>Children and Young People Scrutiny Committee</h1>
  <p>The committee considered the outcome of the inspection of children's services.</p>
  <h2>Inspection outcome</h2>
  <p>Overall effectiveness was judged <b>Good</b>, an improvement since 2017.</p>
  <ul>
    <li>Members welcomed the report.</li>
    <li>The Director thanked social workers for their commitment.</li>
  </ul>
</main>
<aside><p>Related documents sidebar</p></aside>
<footer><p>Copyright Manchester City Council footer</p></footer>
"""


@pytest.fixture
def minutes_html(tmp_path):
    return make_html(tmp_path / "minutes.html", MINUTES_PAGE, title="Agenda item - Manchester City Council")


def test_html_keeps_only_the_main_content(minutes_html):
    doc = load(minutes_html, "minutes.html")
    everything = "\n".join(b.text for b in doc.blocks)
    for chrome in ("Accept cookies", "Accept all", "masthead", "Home", "Browse council meetings", "sidebar", "footer"):
        assert chrome not in everything
    assert [b.text for b in doc.blocks] == [
        "The committee considered the outcome of the inspection of children's services.",
        "Overall effectiveness was judged Good, an improvement since 2017.",
        "Members welcomed the report.",
        "The Director thanked social workers for their commitment.",
    ]


def test_html_heading_path_follows_h1_and_h2(minutes_html):
    doc = load(minutes_html, "minutes.html")
    assert block_with(doc, "considered the outcome").heading == "Children and Young People Scrutiny Committee"
    for text in ("judged Good", "welcomed the report", "thanked social workers"):
        assert block_with(doc, text).heading == "Children and Young People Scrutiny Committee > Inspection outcome"


def test_html_title_is_the_h1_not_the_browser_title(minutes_html):
    doc = load(minutes_html, "minutes.html")
    assert doc.title == "Children and Young People Scrutiny Committee"
    assert doc.kind is DocKind.MINUTES


def test_html_inline_bold_adds_no_space_before_punctuation(minutes_html):
    doc = load(minutes_html, "minutes.html")
    text = block_with(doc, "judged").text
    assert "judged Good," in text
    assert "Good ," not in text


def test_html_line_break_keeps_the_words_on_either_side_apart(tmp_path):
    # <br> is a line break: "Town Hall<br>Albert Square" must not read "HallAlbert".
    path = make_html(tmp_path / "venue.html", "<main><h1>Venue</h1><p>Town Hall Extension<br>Albert Square</p></main>")
    text = load(path, "venue.html").blocks[0].text
    assert text.split() == ["Town", "Hall", "Extension", "Albert", "Square"]


def test_html_table_rows_label_cells_with_their_column_headers(tmp_path):
    # As for DOCX (and as Block documents): a row's text labels each cell with its header,
    # its verbatim is the cells one per line, and the header row is not a row of its own.
    path = make_html(
        tmp_path / "actions.html",
        "<main><h1>Actions</h1><table>"
        "<tr><th>Area for improvement</th><th>Lead</th></tr>"
        "<tr><td>Supervision of social workers</td><td>Head of Service</td></tr>"
        "</table></main>",
    )
    rows = [b for b in load(path, "actions.html").blocks if b.is_table_row]
    assert [b.verbatim for b in rows] == ["Supervision of social workers\nHead of Service"]
    assert "Area for improvement: Supervision of social workers" in rows[0].text
    assert "Lead: Head of Service" in rows[0].text


# --- Markdown --------------------------------------------------------------------

BRIEFING_MD = """# Member briefing

The inspection took place over two weeks
in February and March.

## Findings

- Leaders know their services well and have
  a clear plan to improve them further.
- Caseloads are manageable.

Members are asked to note the report.

## Next steps

A monitoring visit is expected next year.
"""


@pytest.fixture
def briefing_md(tmp_path):
    path = tmp_path / "briefing.md"
    path.write_text(BRIEFING_MD, encoding="utf-8")
    return path


def test_markdown_heading_paths_follow_hash_levels(briefing_md):
    doc = load(briefing_md, "briefing.md")
    assert doc.title == "Member briefing"
    assert block_with(doc, "over two weeks").heading == "Member briefing"
    assert block_with(doc, "Caseloads").heading == "Member briefing > Findings"
    assert block_with(doc, "asked to note").heading == "Member briefing > Findings"
    # a second h2 replaces the first rather than nesting under it
    assert block_with(doc, "monitoring visit").heading == "Member briefing > Next steps"


def test_markdown_wrapped_list_item_is_one_block(briefing_md):
    doc = load(briefing_md, "briefing.md")
    item = block_with(doc, "Leaders know their services")
    assert item.text == "Leaders know their services well and have a clear plan to improve them further."
    assert block_with(doc, "Caseloads").text == "Caseloads are manageable."


def test_markdown_wrapped_paragraph_is_one_block_without_hashes(briefing_md):
    doc = load(briefing_md, "briefing.md")
    assert block_with(doc, "over two weeks").text == "The inspection took place over two weeks in February and March."
    assert not any("#" in b.text for b in doc.blocks)
    assert len(doc.blocks) == 5


# --- plain text ------------------------------------------------------------------


def test_text_title_comes_from_a_short_first_line(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(
        "Council praised for its work with children\n\n"
        "The council's services for children were rated good in 2022.\n\n"
        "Inspectors found that leaders know their services well.\n",
        encoding="utf-8",
    )
    doc = load(path, "news.txt")
    assert doc.title == "Council praised for its work with children"
    assert [b.text for b in doc.blocks] == [
        "The council's services for children were rated good in 2022.",
        "Inspectors found that leaders know their services well.",
    ]


def test_text_without_a_title_line_is_titled_from_its_file_name(tmp_path):
    path = tmp_path / "quarterly_update-2022.txt"
    path.write_text("This is a long first sentence of the update, which ends with a full stop.\n", encoding="utf-8")
    assert load(path, "quarterly_update-2022.txt").title == "quarterly update 2022"


def test_cp1252_text_loads_with_its_curly_apostrophe(tmp_path):
    path = tmp_path / "legacy.txt"
    body = "Children’s services in Manchester were judged “good” overall – a first for the city."
    path.write_bytes(f"Legacy notes\n\n{body}\n".encode("cp1252"))
    doc = load(path, "legacy.txt")
    assert doc.blocks[0].text == body
    assert "Children’s services" in doc.blocks[0].text


def test_utf8_text_with_a_byte_order_mark_loses_the_mark(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("Notes\n\nChildren’s services improved.\n".encode("utf-8-sig"))
    doc = load(path, "bom.txt")
    assert doc.title == "Notes"
    assert doc.blocks[0].text == "Children’s services improved."


# --- kind ------------------------------------------------------------------------

NEUTRAL = "# Notes\n\nThe group met to discuss recruitment and retention of social workers.\n"


@pytest.mark.parametrize(
    "name, kind",
    [
        ("scrutiny-minutes-2022-10-05.md", DocKind.MINUTES),
        ("ilacs-action-plan-2022.md", DocKind.ACTION_PLAN),
        ("Action Plan March.md", DocKind.ACTION_PLAN),
        ("manchester-inspection-summary.md", DocKind.INSPECTION_REPORT),
        ("notes.md", DocKind.OTHER),
    ],
)
def test_kind_is_detected_from_the_file_name(tmp_path, name, kind):
    path = tmp_path / name
    path.write_text(NEUTRAL, encoding="utf-8")
    assert load(path, name).kind is kind


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Minutes of the Children's Scrutiny Committee", DocKind.MINUTES),
        ("Improvement action plan", DocKind.ACTION_PLAN),
        ("Inspection of Manchester local authority children's services", DocKind.INSPECTION_REPORT),
    ],
)
def test_kind_is_detected_from_the_title(tmp_path, title, kind):
    path = tmp_path / "document.md"
    path.write_text(f"# {title}\n\nThe group met to discuss recruitment of social workers.\n", encoding="utf-8")
    doc = load(path, "document.md")
    assert doc.title == title
    assert doc.kind is kind


def test_kind_from_the_name_wins_over_an_inspection_mentioned_in_the_text(tmp_path):
    path = tmp_path / "action-plan.md"
    path.write_text("# Response\n\nThis responds to the Ofsted inspection of March 2022.\n", encoding="utf-8")
    assert load(path, "action-plan.md").kind is DocKind.ACTION_PLAN


def test_kind_falls_back_to_ofsteds_own_opening_words_when_name_and_title_say_nothing(tmp_path):
    path = tmp_path / "document.md"
    path.write_text(
        "# Summary\n\nInspection of Stockton-on-Tees local authority children’s services\n\n"
        "Inspection dates: 6 to 10 March 2023\n",
        encoding="utf-8",
    )
    assert load(path, "document.md").kind is DocKind.INSPECTION_REPORT


def test_a_story_that_mentions_an_inspection_is_not_filed_as_an_inspection_report(tmp_path):
    path = tmp_path / "document.md"
    path.write_text("# Summary\n\nThis summarises the findings of the inspection in March.\n", encoding="utf-8")
    assert load(path, "document.md").kind is DocKind.OTHER


# --- errors ----------------------------------------------------------------------


def test_zero_byte_file_is_refused_as_empty(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(LoadError, match="empty"):
        load(path, "empty.pdf")


def test_random_bytes_named_pdf_are_refused_as_unreadable_pdf(tmp_path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(LoadError, match="not a readable PDF"):
        load(path, "corrupt.pdf")


def test_truncated_pdf_is_refused_as_unreadable_pdf(tmp_path):
    good = make_pdf(tmp_path / "good.pdf", REPORT_PAGES).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(LoadError, match="not a readable PDF"):
        load(path, "truncated.pdf")


def test_zip_of_junk_named_docx_is_refused_as_unreadable_word_document(tmp_path):
    path = tmp_path / "junk.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "this is not a word document")
    with pytest.raises(LoadError, match="not a readable Word document"):
        load(path, "junk.docx")


def test_unsupported_extension_is_refused_naming_the_extension(tmp_path):
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    with pytest.raises(LoadError, match=r"unsupported file type '\.xlsx'"):
        load(path, "tracker.xlsx")


def test_text_file_with_binary_content_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with pytest.raises(LoadError, match="binary"):
        load(path, "image.txt")


def test_html_with_no_text_is_refused_as_having_no_text(tmp_path):
    path = make_html(tmp_path / "blank.html", "<main><div><img src='x.png'></div></main>")
    with pytest.raises(LoadError, match="no text found"):
        load(path, "blank.html")


def test_html_content_whose_class_merely_contains_a_chrome_word_is_kept(tmp_path):
    path = make_html(
        tmp_path / "minutes.html",
        '<nav class="main-nav"><a href="/">Home</a></nav><div class="navigation-panel">Site map</div>'
        '<main><div class="shared-content"><p>The committee noted the action plan for care leavers.</p></div>'
        '<div class="social-links"><p>Share this page</p></div></main>',
    )
    text = " ".join(b.text for b in load(path, str(path)).blocks)
    assert "The committee noted the action plan for care leavers." in text
    assert "Share this page" not in text and "Home" not in text and "Site map" not in text


def test_moderngov_page_title_names_the_agenda_item_not_just_agenda_item(tmp_path):
    path = make_html(
        tmp_path / "item.html",
        "<main><h1>Agenda item</h1><h2>Ofsted Inspection of Children's Services</h2><p>The committee noted the report.</p></main>",
        title="Agenda item - Ofsted Inspection of Children's Services | Council democracy pages",
    )
    assert load(path, str(path)).title == "Agenda item - Ofsted Inspection of Children's Services"
