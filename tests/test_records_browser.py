"""The two records views in a real browser (Debian's Chromium via Playwright) against the real
app over a real index: both views open, the table across councils filters, a cell opens its
source passage in the document panel, and both views export as CSV and Excel."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.test_records import write_corpus

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def chat(tmp_path_factory, embedder):
    from assistant.answering import Answerer
    from assistant.app import launch
    from assistant.retrieval import Retriever
    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    root = tmp_path_factory.mktemp("records-chat")
    corpus = write_corpus(root / "documents")
    settings = Settings(store=root / "store", feedback_log=root / "feedback.jsonl", port=free_port())
    indexer = Indexer(settings)
    indexer.embedder = embedder
    assert indexer.warm_up().run([corpus]).ok
    answerer = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()
    app = launch(answerer, settings, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{settings.port}/"
    app.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def open_views(page: Page, url: str) -> None:
    """The chat opens on its Chat tab; the records views are tabs beside it."""
    page.goto(url)
    page.get_by_role("tab", name="Councils and grades").click(timeout=60_000)
    page.wait_for_selector("#timeline-table", timeout=60_000)


def choose(page: Page, dropdown: str, option: str) -> None:
    page.click(f"{dropdown} input")
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_councils_and_grades_timeline_reads_without_colour_and_shows_the_conflict(page, chat):
    open_views(page, chat)
    row = page.locator("#timeline-table tbody tr").first
    expect(row).to_contain_text("2023-03-24")
    expect(row).to_contain_text("ILACS standard inspection")
    expect(row.locator("td.grade-good").first).to_have_text("Good")
    expect(row.locator("td.grade-conflict")).to_contain_text("Conflict: Good (bristol-inspection-report.pdf) / Outstanding (bristol-news.html)")
    expect(page.locator("#grades-chart")).to_be_visible()


def test_the_table_across_councils_filters_by_grade_and_year(page, chat):
    open_views(page, chat)
    expect(page.locator("#grades-table tbody tr")).to_have_count(4)  # help and protection is a conflict, not a grade
    choose(page, "#filter-grade", "Requires improvement to be good")
    expect(page.locator("#grades-table tbody tr")).to_have_count(1)
    expect(page.locator("#grades-table tbody tr")).to_contain_text("Care leavers")
    page.fill("#filter-since textarea, #filter-since input", "2024")
    page.keyboard.press("Enter")
    expect(page.locator("#grades")).to_contain_text("No graded inspection matches these filters.")


def test_a_cell_opens_its_source_passage_in_the_document_panel(page, chat):
    open_views(page, chat)
    page.locator("#timeline-table td.grade-good").first.click()  # overall effectiveness: Good, first cited by the report
    cited = page.locator("#document .cited")
    expect(cited).to_contain_text("Overall effectiveness")
    expect(cited.locator("mark").first).to_contain_text("Overall effectiveness")
    expect(page.locator("#document .document-head")).to_contain_text("bristol-inspection-report.pdf")


def test_the_tracker_follows_areas_to_actions_meetings_and_flags_and_opens_a_meeting(page, chat):
    open_views(page, chat)
    page.get_by_role("tab", name="Tracker").click()
    rows = page.locator("#tracker-table tbody tr")
    expect(rows).to_have_count(3)
    abuse = rows.filter(has_text="The response to domestic abuse")
    expect(abuse.locator(".tracker-flags")).to_contain_text("no lead")
    expect(abuse.locator(".tracker-meetings")).to_contain_text("2023-07-10, Children and Families Scrutiny Commission")
    expect(rows.filter(has_text="pathway plans").locator(".tracker-actions")).to_contain_text("overdue")
    abuse.locator(".tracker-meetings [data-cite]").click()
    expect(page.locator("#document .cited")).to_contain_text("response to domestic abuse")
    expect(page.locator("#document .document-head")).to_contain_text("bristol-scrutiny-minutes.docx")


def download(page: Page, button: str, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.click(button)
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_both_views_export_as_csv_and_excel(page, chat, tmp_path):
    from openpyxl import load_workbook

    open_views(page, chat)
    grades_csv = download(page, "#grades-csv", tmp_path)
    lines = list(csv.reader(grades_csv.open(encoding="utf-8")))
    assert lines[0][:5] == ["council", "inspection", "type", "judgement", "grade"]
    assert ["Bristol", "2023-03-24", "ILACS standard inspection", "overall effectiveness", "Good"] in [l[:5] for l in lines]
    sheet = load_workbook(download(page, "#grades-xlsx", tmp_path)).active
    assert sheet.max_row == len(lines)

    page.get_by_role("tab", name="Tracker").click()
    page.wait_for_selector("#tracker-table")
    tracker_lines = list(csv.reader(download(page, "#tracker-csv", tmp_path).open(encoding="utf-8")))
    assert tracker_lines[0][3] == "area for improvement" and len(tracker_lines) == 4
    assert any("Head of Service, Leaving Care" in l for l in tracker_lines)
    sheet = load_workbook(download(page, "#tracker-xlsx", tmp_path)).active
    assert [c.value for c in sheet[1]][:4] == ["authority", "inspection", "number", "area for improvement"]


# --- following a re-index -------------------------------------------------------------------------


def inspection_report(path: Path, council: str, dates: str, grades: list[tuple[str, str]]) -> Path:
    from tests.docs import make_pdf

    return make_pdf(
        path,
        [[
            ("h", f"Inspection of {council} local authority children's services"),
            ("p", f"Inspection dates: {dates}"),
            ("h", "Judgements"),
            ("table", [["Judgement", "Grade"], *map(list, grades)]),
        ]],
        title=f"Inspection of {council} local authority children's services",
    )


def test_the_views_show_a_new_inspection_after_a_reindex_without_a_restart(browser, tmp_path, embedder):
    from assistant.answering import Answerer
    from assistant.app import launch
    from assistant.chat_settings import ChatSettings
    from assistant.retrieval import Retriever
    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    (tmp_path / "docs").mkdir()
    first = inspection_report(
        tmp_path / "docs" / "bristol-ilacs-2023.pdf", "Bristol", "13 to 24 March 2023",
        [("The experiences and progress of care leavers", "Requires improvement to be good"), ("Overall effectiveness", "Good")],
    )
    settings = Settings(store=tmp_path / "store", port=free_port())

    def index(path: Path) -> None:
        indexer = Indexer(settings)
        indexer.embedder = embedder
        assert indexer.warm_up().run([path]).ok

    index(first)
    answerer = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()
    app = launch(answerer, settings, ChatSettings(data_dir=tmp_path / "data", reload_every_s=0.5), prevent_thread_lock=True, quiet=True)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        open_views(page, f"http://127.0.0.1:{settings.port}/")
        expect(page.locator("#grades-table")).to_contain_text("Bristol")
        assert "Leeds" not in page.locator("#grades").inner_text()
        second = inspection_report(
            tmp_path / "docs" / "leeds-ilacs-2024.pdf", "Leeds", "5 to 16 February 2024",
            [("The experiences and progress of children in care", "Outstanding"), ("Overall effectiveness", "Outstanding")],
        )
        with app.live_index.writing():  # as the chat's own uploads index: reloaded when done
            index(second)
        # The same page, not reloaded: the table across councils, and the council lists, have Leeds.
        leeds = page.locator("#grades-table tbody tr", has_text="Leeds")
        expect(leeds.filter(has_text="Overall effectiveness")).to_contain_text("Outstanding", timeout=20_000)
        choose(page, "#timeline-council", "Leeds")
        expect(page.locator("#timeline-table td.grade-outstanding").first).to_have_text("Outstanding")
        page.get_by_role("tab", name="Tracker").click()
        choose(page, "#tracker-council", "Leeds")
        expect(page.locator("#tracker-inspection input")).to_have_value(re.compile("^2024"))
    finally:
        context.close()
        app.close()
