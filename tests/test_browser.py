"""The chat as people use it, in a real browser: Debian's Chromium driven by Playwright, against
the real app (served on a free port) over a real index of real PDF, DOCX, HTML and Markdown files,
one of them hostile."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from gradio_client import Client

from tests.conftest import free_port
from tests.docs import make_docx, make_html, make_pdf

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

PDF_TITLE = "Inspection of Stockton-on-Tees children's services"
PDF_SENTENCE = "Inspectors found that care leavers in Stockton-on-Tees receive strong support from their personal advisers."
DOCX_SENTENCE = "Reduce the waiting time for return home interviews for children who go missing to five working days."
HTML_SENTENCE = "Members heard that care leavers in Kent praised the support of their personal advisers."
HOSTILE_TITLE = "Zebra audit <img src=x onerror=\"window.__xss='title'\">"
LONG_WORD = "Z" * 5000
HOSTILE_TEXT = (
    "The zebra crossing audit recorded <script>window.__xss='script';alert(1)</script> in its findings "
    "and <img src=x onerror=\"window.__xss='img';alert(2)\"> beside them, "
    "with [a link to the audit](javascript:alert(3)) and ${alert(4)} and {{constructor.constructor('alert(5)')()}}."
)
LONG_TEXT = f"The zebra crossing audit reference was {LONG_WORD} according to the auditors."


def write_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True)
    pdf = make_pdf(
        folder / "stockton-ilacs-2023.pdf",
        [
            [
                ("h", PDF_TITLE),
                ("p", "Inspection dates: 6 to 17 March 2023. Lead inspector: Not stated."),
                ("p", "Overall effectiveness: Good. This report sets out what inspectors found in the local authority."),
            ],
            [
                ("h", "Care leavers"),
                ("p", PDF_SENTENCE + " They keep in touch regularly and help young people find homes and work."),
                ("h", "Help and protection"),
                ("p", "Children who need help are identified quickly by the front door service in Stockton-on-Tees."),
            ],
        ],
        title=PDF_TITLE,
    )
    docx = make_docx(
        folder / "stockton-action-plan-2023.docx",
        [
            ("h1", "Stockton-on-Tees action plan 2023"),
            ("p", "This action plan answers the areas for improvement in the 2023 inspection of Stockton-on-Tees."),
            ("h2", "Return home interviews"),
            ("p", DOCX_SENTENCE + " The head of service will report progress every quarter."),
            ("h2", "Supervision"),
            ("p", "Managers will record supervision of social workers every month, and audits will check its quality."),
        ],
    )
    html = make_html(
        folder / "kent-scrutiny-minutes-2022.html",
        "<main><h1>Children's Scrutiny Committee minutes, Kent County Council, 14 June 2022</h1>"
        "<p>Present: Councillors of the committee. RESOLVED that the report be noted.</p>"
        f"<h2>Care leavers</h2><p>{HTML_SENTENCE} The committee asked for a further report.</p>"
        "<h2>Fostering</h2><p>The committee discussed recruiting more foster carers in Kent during 2022.</p></main>",
        title="Children's Scrutiny Committee minutes - Kent",
    )
    hostile = folder / "norfolk-zebra-audit-2021.md"
    hostile.write_text(
        f"# {HOSTILE_TITLE}\n\nNorfolk County Council, 2021.\n\n{HOSTILE_TEXT}\n\n{LONG_TEXT}\n", encoding="utf-8"
    )
    return {"pdf": pdf, "docx": docx, "html": html, "hostile": hostile}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, embedder):
    from assistant.answering import Answerer
    from assistant.retrieval import Retriever
    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    root = tmp_path_factory.mktemp("chat")
    files = write_corpus(root / "documents")
    settings = Settings(store=root / "store", feedback_log=root / "feedback.jsonl", port=free_port())
    indexer = Indexer(settings)
    indexer.embedder = embedder
    summary = indexer.warm_up().run([root / "documents"])
    assert summary.ok and len(summary.indexed) == 4, summary.to_dict()
    answerer = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()
    return {"root": root, "files": files, "settings": settings, "answerer": answerer}


@pytest.fixture(scope="module")
def chat(corpus):
    from assistant.app import launch

    app = launch(corpus["answerer"], corpus["settings"], prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{corpus['settings'].port}/"
    app.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.dialogs = []  # every alert/confirm/prompt the page tries to open
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def ask(page: Page, question: str) -> None:
    asked_before = page.locator("#chat").inner_text().count(question)
    page.fill("#question textarea", question)
    page.click("#ask")
    # The question joins the chat as the old cards are cleared; the new cards come last,
    # after the answer has finished appearing.
    try:
        page.wait_for_function(
            """([q, n]) => document.querySelector('#chat').innerText.split(q).length - 1 > n
                          && document.querySelector('#sources .sources')""",
            arg=[question, asked_before],
            timeout=90_000,
        )
    except PlaywrightTimeoutError:
        # The full CI run once timed out here (never alone): say what the page showed instead,
        # so that a refusal, an error message or a question still waiting can be told apart.
        chat_text = page.locator("#chat").inner_text()
        notice = page.locator("#answer-notice").inner_text() if page.locator("#answer-notice").count() else ""
        box_enabled = page.locator("#question textarea").is_enabled()
        raise AssertionError(
            f"no answer with sources to {question!r} within 90 s; question box enabled: {box_enabled}; "
            f"notice: {notice!r}; chat ends: {chat_text[-600:]!r}"
        ) from None


def open_chat(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#question textarea", timeout=60_000)


def choose(page: Page, dropdown: str, option: str) -> None:
    page.click(f"{dropdown} input")
    page.get_by_role("option", name=option).click()
    page.keyboard.press("Escape")


# --- answering -------------------------------------------------------------------------------


def test_answer_appears_progressively_with_marker_and_a_card(page, chat):
    open_chat(page, chat)
    # Every state the answer area passes through, recorded as the page changes.
    page.evaluate(
        """() => {
          window.__states = [];
          new MutationObserver(() => window.__states.push({
            chat: document.querySelector('#chat').innerText,
            cards: document.querySelectorAll('#sources .source-card').length,
          })).observe(document.body, {subtree: true, childList: true, characterData: true});
        }"""
    )
    ask(page, "What support do care leavers in Stockton-on-Tees get from personal advisers?")

    answer = page.locator("#chat").inner_text()
    assert PDF_SENTENCE in answer and "[1]" in answer
    states = page.evaluate("window.__states")
    assert any("Searching 4 documents" in s["chat"] for s in states), "no 'Searching…' status before the answer"
    assert any(PDF_SENTENCE in s["chat"] and s["cards"] == 0 for s in states), "the answer did not appear before its cards"

    card = page.locator("#sources .source-card").first
    expect(card.locator(".source-title")).to_have_text(PDF_TITLE)
    expect(card.locator(".source-meta")).to_contain_text("Inspection report")
    expect(card.locator(".source-meta")).to_contain_text("Stockton-on-Tees")
    expect(card.locator(".source-meta")).to_contain_text("page 2")
    expect(card.locator(".source-quote mark").first).to_contain_text("care leavers in Stockton-on-Tees receive strong support")


def test_index_status_and_examples_come_from_the_indexed_documents(page, chat):
    open_chat(page, chat)
    expect(page.locator("#index-status")).to_contain_text("4 documents")
    # Filled in when the page loads (checked by answering them, with the model loaded after the page).
    page.wait_for_function(
        "() => /Stockton-on-Tees|Kent/.test(document.querySelector('#examples')?.innerText || '')", timeout=60_000
    )
    examples = page.locator("#examples").inner_text()
    assert "Stockton-on-Tees" in examples or "Kent" in examples, examples
    assert "Manchester" not in examples
    page.locator("#examples button").first.click()  # an example puts its question in the box
    expect(page.locator("#question textarea")).to_have_value(re.compile(r"Stockton-on-Tees|Kent"))


def test_a_question_the_documents_do_not_answer_says_so(page, chat):
    open_chat(page, chat)
    page.fill("#question textarea", "What did inspectors say about Stockport's adoption panel in 2019?")
    page.click("#ask")
    expect(page.locator("#chat")).to_contain_text("The indexed documents don't say", timeout=60_000)
    expect(page.locator("#sources .source-card")).to_have_count(0)


def test_a_follow_up_keeps_the_council_until_a_new_conversation(page, chat):
    open_chat(page, chat)
    ask(page, "What will Stockton-on-Tees do about return home interviews?")
    expect(page.locator("#answer-notice")).not_to_contain_text("Taken to mean")
    ask(page, "And what about supervision?")
    expect(page.locator("#answer-notice")).to_contain_text("Taken to mean: Stockton-on-Tees (from your previous question)")

    page.click("#new-conversation")
    expect(page.locator("#sources .source-card")).to_have_count(0)
    ask(page, "And what about supervision?")
    expect(page.locator("#answer-notice")).not_to_contain_text("Taken to mean")


# --- opening sources -------------------------------------------------------------------------


def test_a_pdf_card_opens_the_original_at_its_page(page, chat, corpus):
    open_chat(page, chat)
    ask(page, "What support do care leavers in Stockton-on-Tees get from personal advisers?")
    link = page.locator("#sources .source-card").first.locator("a.open-original")
    href = link.get_attribute("href")
    assert href.endswith("#page=2"), href
    assert link.get_attribute("target") == "_blank"
    url = page.evaluate("h => new URL(h, document.baseURI).href", href).split("#")[0]
    response = page.request.get(url)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == corpus["files"]["pdf"].read_bytes()


def test_a_pdf_citation_shows_its_page_with_the_quote_highlighted_on_it(page, chat):
    open_chat(page, chat)
    ask(page, "What support do care leavers in Stockton-on-Tees get from personal advisers?")
    page.locator("#sources .source-card").first.locator("button.show-passage").click()
    view = page.locator("#document .pdf-page")
    expect(view).to_be_visible(timeout=20_000)
    expect(page.locator("#document .pdf-page-view figcaption")).to_contain_text("Page 2")
    hits = view.locator("mark.pdf-hit")
    expect(hits.first).to_be_visible()
    highlighted = " ".join(hits.all_inner_texts())
    assert "personal advisers" in highlighted or "care leavers" in highlighted, highlighted
    # Drawn where it is printed: the heading above it, on the page, not highlighted.
    assert "Children who need help" not in highlighted
    page_box, hit_box = view.bounding_box(), hits.first.bounding_box()
    assert page_box["y"] <= hit_box["y"] <= page_box["y"] + page_box["height"]
    heading = view.locator(".pdf-run", has_text="Care leavers").first.bounding_box()
    assert heading["y"] < hit_box["y"]


def test_clicking_a_docx_card_shows_the_passage_highlighted_in_its_document(page, chat):
    open_chat(page, chat)
    ask(page, "How quickly will return home interviews for children who go missing happen?")
    card = page.locator("#sources .source-card").first
    expect(card).to_contain_text("Action plan")
    assert card.locator("a.open-original").count() == 0  # a DOCX is shown as text, never served
    card.locator(".source-quote").click()
    cited = page.locator("#document .doc-passage.cited")
    expect(cited).to_have_count(1, timeout=20_000)
    assert (cited.get_attribute("id") or "").startswith("passage-")
    expect(cited.locator("mark")).to_contain_text("return home interviews")
    # The whole document is there, in order, around the cited passage.
    expect(page.locator("#document")).to_contain_text("Managers will record supervision")
    expect(page.locator("#document .document-head")).to_contain_text("Stockton-on-Tees action plan 2023")


def test_clicking_an_html_card_shows_its_text_not_the_page(page, chat):
    open_chat(page, chat)
    choose(page, "#filter-kind", "Committee minutes")
    ask(page, "What did members hear about care leavers and personal advisers?")
    page.locator("#sources .source-card").first.locator("button.show-passage").click()
    expect(page.locator("#document .cited mark")).to_contain_text("care leavers in Kent praised", timeout=20_000)
    assert page.locator("#sources a.open-original").count() == 0


# --- filters ------------------------------------------------------------------------------------


def test_a_filter_changes_the_sources(page, chat):
    open_chat(page, chat)
    question = "What did they say about care leavers and their personal advisers?"
    ask(page, question)
    unfiltered = page.locator("#sources .source-title").all_inner_texts()
    assert PDF_TITLE in unfiltered

    choose(page, "#filter-kind", "Committee minutes")
    ask(page, question)
    filtered = page.locator("#sources .source-card")
    expect(filtered.first.locator(".source-meta")).to_contain_text("Committee minutes")
    for text in filtered.all_inner_texts():
        assert "Kent" in text and PDF_TITLE not in text
    expect(page.locator("#answer-notice")).to_contain_text("Searched 1 of 4 documents")


def test_an_impossible_date_is_refused_with_a_message(page, chat):
    open_chat(page, chat)
    page.fill("#filter-from textarea, #filter-from input", "2022-13")
    page.fill("#question textarea", "What did they say about care leavers?")
    page.click("#ask")
    expect(page.get_by_text("Date from is not a date").first).to_be_visible(timeout=20_000)


# --- export and feedback --------------------------------------------------------------------


def test_export_gives_markdown_and_docx_with_the_full_quote(page, chat, tmp_path):
    import docx

    open_chat(page, chat)
    ask(page, "How quickly will return home interviews for children who go missing happen?")
    with page.expect_download() as got:
        page.click("#export-md")
    markdown = Path(got.value.path()).read_text(encoding="utf-8")
    assert got.value.suggested_filename.endswith(".md")
    assert "Reduce the waiting time for return home interviews" in markdown
    assert "Stockton-on-Tees action plan 2023" in markdown and "Action plan" in markdown

    with page.expect_download() as got:
        page.click("#export-docx")
    assert got.value.suggested_filename.endswith(".docx")
    saved = tmp_path / "answer.docx"
    got.value.save_as(saved)
    text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    assert DOCX_SENTENCE.split(" to five")[0] in text
    assert "How quickly will return home interviews" in text


def test_thumbs_down_with_a_comment_is_logged_with_the_answer(page, chat, corpus):
    log = corpus["settings"].feedback_log
    before = log.read_text().count("\n") if log.exists() else 0
    open_chat(page, chat)
    ask(page, "How quickly will return home interviews for children who go missing happen?")
    page.fill("#feedback-comment textarea", "Should also cite the quarterly report.")
    page.click("#thumbs-down")
    expect(page.locator("#feedback-status")).to_contain_text("recorded")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == before + 1
    entry = json.loads(lines[-1])
    assert entry["rating"] == "down" and entry["comment"] == "Should also cite the quarterly report."
    assert entry["question"].startswith("How quickly will return home interviews")
    assert entry["citations"] and "return home interviews" in entry["citations"][0]["quote"]


def test_rating_an_answer_again_changes_its_one_rating(page, chat, corpus):
    log = Path(corpus["settings"].feedback_log)
    open_chat(page, chat)
    ask(page, "What will Stockton-on-Tees do about supervision of social workers?")
    page.click("#thumbs-up")
    expect(page.locator("#feedback-status")).to_contain_text("Helpful")
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    answer_id = entries[-1]["answer_id"]
    assert answer_id and entries[-1]["rating"] == "up"
    page.click("#thumbs-down")
    expect(page.locator("#feedback-status")).to_contain_text("Not helpful")
    mine = [e for e in (json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()) if e["answer_id"] == answer_id]
    assert [e["rating"] for e in mine] == ["down"]
    assert len([json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]) == len(entries)


# --- messages that read as messages ----------------------------------------------------------


def test_a_date_the_chat_cannot_read_is_shown_by_its_box_and_the_chat_stays(page, chat):
    open_chat(page, chat)
    ask(page, "What will Stockton-on-Tees do about return home interviews?")
    before = page.locator("#chat").inner_text()
    page.fill("#filter-from textarea, #filter-from input", "May 2022")
    page.fill("#question textarea", "What did they say about care leavers?")
    page.click("#ask")
    expect(page.locator("#filter-problem")).to_contain_text("Date from is not a date", timeout=20_000)
    page.wait_for_timeout(500)  # any error badge or toast would be there by now
    assert page.locator("#chat").inner_text() == before  # nothing blanked, no question lost in it
    assert page.locator(".toast-body, .toast-wrap .error").count() == 0
    assert page.get_by_text("Error", exact=True).count() == 0
    assert page.input_value("#question textarea") == "What did they say about care leavers?"
    # Fixing the box clears the message with the next question.
    page.fill("#filter-from textarea, #filter-from input", "2022")
    ask(page, "What did they say about care leavers?")
    expect(page.locator("#filter-problem")).to_have_text("")


def test_the_scope_is_a_chip_that_can_be_removed(page, chat):
    open_chat(page, chat)
    ask(page, "What will Stockton-on-Tees do about return home interviews?")
    chip = page.locator("#scope-chip")
    expect(chip).to_be_visible()
    expect(chip).to_contain_text("Stockton-on-Tees")
    chip.click()
    expect(chip).to_be_hidden()
    ask(page, "And what about supervision?")
    expect(page.locator("#answer-notice")).not_to_contain_text("Taken to mean")


def test_a_council_the_index_does_not_hold_never_sticks(page, chat):
    open_chat(page, chat)
    page.fill("#question textarea", "What did Ofsted say about care leavers in Stockport?")
    page.click("#ask")
    # The refusal itself, not the question (which names Stockport too): the next question
    # waits for this answer to be shown, so the test must as well.
    expect(page.locator("#chat")).to_contain_text("No indexed document is about Stockport", timeout=60_000)
    expect(page.locator("#question textarea")).to_be_enabled(timeout=60_000)
    expect(page.locator("#scope-chip")).to_be_hidden()
    ask(page, "What support do care leavers in Stockton-on-Tees get from personal advisers?")
    ask(page, "What support do care leavers get from personal advisers?")
    expect(page.locator("#answer-notice")).not_to_contain_text("Stockport")
    assert PDF_SENTENCE in page.locator("#chat").inner_text()


def test_clearing_the_chat_clears_the_scope(page, chat):
    open_chat(page, chat)
    ask(page, "What will Stockton-on-Tees do about return home interviews?")
    expect(page.locator("#scope-chip")).to_be_visible()
    page.locator("#chat").get_by_role("button", name="Clear").click()
    expect(page.locator("#scope-chip")).to_be_hidden()
    ask(page, "And what about supervision?")
    expect(page.locator("#answer-notice")).not_to_contain_text("Taken to mean")


# --- conversations kept ------------------------------------------------------------------------


def watch_events(page: Page) -> list[str]:
    """What the page sent to the app's queue (the event's fn index, its first inputs) and every
    value the conversation's name box took, in order: a failure of the rename says which event
    wrote what, rather than only that the name was wrong."""
    seen: list[str] = []

    def sent(request) -> None:
        if "/queue/join" in request.url and request.method == "POST":
            try:
                body = json.loads(request.post_data or "{}")
            except ValueError:
                body = {}
            seen.append(f"sent fn {body.get('fn_index')} trigger {body.get('trigger_id')}")

    page.on("request", sent)
    page.evaluate(
        """() => { window.__titles = []; let last = null; setInterval(() => {
             const box = document.querySelector('#conversation-title input, #conversation-title textarea');
             const v = box ? box.value : null;
             if (v !== last) { window.__titles.push([Math.round(performance.now()), v]); last = v; } }, 25); }"""
    )
    return seen


def test_a_conversation_survives_a_reload_and_can_be_renamed_exported_and_deleted(page, chat, tmp_path):
    open_chat(page, chat)
    page.click("#new-conversation")
    first = "How quickly will return home interviews for children who go missing happen?"
    ask(page, first)
    ask(page, "And what about supervision?")
    page.reload()
    page.wait_for_selector("#question textarea", timeout=60_000)
    events = watch_events(page)
    expect(page.locator("#chat")).not_to_contain_text(first)
    entry = page.locator("#conversations label", has_text=first[:40]).first
    entry.click()
    expect(page.locator("#chat")).to_contain_text(first, timeout=20_000)
    expect(page.locator("#chat")).to_contain_text("Managers will record supervision")
    expect(page.locator("#sources .source-card").first).to_be_visible()
    # Each answer reopened with its own sources under it, not only the latest.
    reopened = page.locator("#chat [data-testid='bot']")
    expect(reopened).to_have_count(2)
    reopened.first.locator("details.answer-sources summary").click()
    expect(reopened.first.locator(".message-source").first).to_contain_text("Stockton-on-Tees action plan 2023")
    expect(reopened.first.locator(".message-source .source-quote").first).to_contain_text("return home interviews")

    try:
        rename_and_check(page, first, tmp_path)
    except AssertionError as failed:
        titles = page.evaluate("() => window.__titles")
        raise AssertionError(f"{failed}\nevents sent: {events}\nname box values (ms, value): {titles}") from None


def rename_and_check(page: Page, first: str, tmp_path: Path) -> None:
    import docx

    page.locator("#conversation-tools").get_by_text("This conversation").click()
    # The reopened conversation's title arrives with the rest of it: a name typed before it comes
    # is overwritten by it (the full CI run once renamed the conversation to its old title).
    title = page.locator("#conversation-title input, #conversation-title textarea")
    expect(title).to_have_value(re.compile("return home interviews"), timeout=20_000)
    title.fill("Missing children follow-up")
    expect(title).to_have_value("Missing children follow-up")
    page.click("#rename-conversation")
    # The rename waits in the app's queue behind this session's other events; with the whole
    # suite's conversations in the list it has taken over the default 5 s.
    expect(page.locator("#conversations")).to_contain_text("Missing children follow-up", timeout=20_000)
    with page.expect_download() as got:
        page.click("#export-conversation-md")
    markdown = Path(got.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# Missing children follow-up")
    assert first in markdown and "And what about supervision?" in markdown
    assert "Reduce the waiting time for return home interviews" in markdown and "Managers will record supervision" in markdown
    with page.expect_download() as got:
        page.click("#export-conversation-docx")
    saved = tmp_path / "conversation.docx"
    got.value.save_as(saved)
    text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    assert first in text and "And what about supervision?" in text

    page.click("#delete-conversation")
    expect(page.locator("#conversations")).not_to_contain_text("Missing children follow-up", timeout=20_000)
    expect(page.locator("#chat")).not_to_contain_text(first)


# --- citations you can follow ------------------------------------------------------------------


def test_a_citation_marker_is_a_link_that_opens_its_passage(page, chat):
    open_chat(page, chat)
    ask(page, "How quickly will return home interviews for children who go missing happen?")
    marker = page.locator("#chat a.cite").first
    expect(marker).to_have_text("[1]")
    assert "return home interviews" in (marker.get_attribute("title") or "")
    marker.focus()
    # Keyboard users see the quote too: the focused marker shows it.
    shown = page.evaluate("() => getComputedStyle(document.activeElement, '::after').content")
    assert "return home interviews" in shown, shown
    marker.click()
    cited = page.locator("#document .doc-passage.cited")
    expect(cited).to_have_count(1, timeout=20_000)
    expect(cited.locator("mark")).to_contain_text("return home interviews")


def test_every_answer_keeps_its_own_sources_and_an_older_marker_opens_its_own(page, chat):
    open_chat(page, chat)
    ask(page, "How quickly will return home interviews for children who go missing happen?")
    ask(page, "What support do care leavers in Stockton-on-Tees get from personal advisers?")
    first, latest = page.locator("#chat [data-testid='bot']").first, page.locator("#chat [data-testid='bot']").last
    expect(latest.locator("details.answer-sources summary")).to_contain_text("Sources (")
    expect(latest.locator(".message-source").first).to_contain_text(PDF_TITLE)
    summary = first.locator("details.answer-sources summary")
    expect(summary).to_contain_text("Sources (")
    summary.focus()
    page.keyboard.press("Enter")  # a disclosure: reached and opened with the keyboard
    expect(first.locator(".message-source").first).to_contain_text("Stockton-on-Tees action plan 2023")
    expect(first.locator(".message-source .source-quote").first).to_contain_text("return home interviews")
    # The older answer's [1] opens its own source, with its own sentence marked.
    first.locator("a.cite").first.click()
    cited = page.locator("#document .doc-passage.cited")
    expect(cited.locator("mark")).to_contain_text("return home interviews", timeout=20_000)
    expect(page.locator("#document .document-head")).to_contain_text("Stockton-on-Tees action plan 2023")
    # And its source link does the same; the latest answer's opens the PDF.
    latest.locator("details.answer-sources summary").click()
    latest.locator(".message-source a.source-link").first.click()
    expect(page.locator("#document .document-head")).to_contain_text(PDF_TITLE, timeout=20_000)
    expect(page.locator("#document .cited mark").first).to_contain_text("care leavers in Stockton-on-Tees")


def test_source_cards_are_reached_and_opened_with_the_keyboard(page, chat):
    open_chat(page, chat)
    ask(page, "How quickly will return home interviews for children who go missing happen?")
    card = page.locator("#sources .source-card").first
    card.focus()
    assert page.evaluate("() => document.activeElement.classList.contains('source-card')")
    page.keyboard.press("Enter")
    expect(page.locator("#document .doc-passage.cited")).to_have_count(1, timeout=20_000)


# --- hostile documents -------------------------------------------------------------------------


def test_a_hostile_document_displays_as_text_and_runs_nothing(page, chat):
    open_chat(page, chat)
    ask(page, "What did the zebra crossing audit record in its findings?")
    page.locator("#sources .source-card").first.locator("button.show-passage").click()
    page.wait_for_selector("#document .cited", timeout=20_000)
    ask(page, "What was the zebra crossing audit reference according to the auditors?")
    page.locator("#sources .source-card").first.locator("button.show-passage").click()
    page.wait_for_selector("#document .cited", timeout=20_000)
    page.locator("#chat").scroll_into_view_if_needed()

    assert page.dialogs == []
    assert page.evaluate("window.__xss") is None
    # The document's markup shows as its characters; none of it became elements or links.
    assert page.locator("img[src='x'], #sources img, #document img, #chat img").count() == 0
    assert page.locator("a[href^='javascript:' i], [onerror]").count() == 0
    visible = page.locator("#sources").inner_text() + page.locator("#document").inner_text()
    assert "<script>window.__xss='script';alert(1)</script>" in visible
    assert "[a link to the audit](javascript:alert(3))" in visible
    assert "${alert(4)}" in visible and "{{constructor" in visible
    assert "<img src=x" in page.locator("#chat").inner_text() + visible
    # The 5,000-character word wraps: nothing is wider than the window.
    assert LONG_WORD[:200] in page.locator("#chat").inner_text()
    overflow = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " ...['#chat', '#sources', '#document'].map(s => { const e = document.querySelector(s);"
        " return e.scrollWidth - e.clientWidth; })]"
    )
    assert overflow[0] <= overflow[1], f"page is {overflow[0]}px wide in a {overflow[1]}px window"
    assert max(overflow[2:]) <= 1, f"an area scrolls sideways: {overflow[2:]}"


# --- layout and accessibility ------------------------------------------------------------------

AXE = Path(__file__).resolve().parent.parent / ".npm-test" / "node_modules" / "axe-core" / "axe.min.js"


def axe_problems(page: Page) -> list[str]:
    """axe-core's WCAG 2 A/AA violations at "serious" or "critical", one line each."""
    assert AXE.exists(), f"{AXE} is missing: run `make install-test` (it installs axe-core from npm)"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})).violations
             .filter(v => ['serious', 'critical'].includes(v.impact))
             .map(v => v.id + ': ' + v.help + ' -> ' + v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' ' + (n.any[0] || n.all[0] || {message: ''}).message).join(' | '))"""
    )
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_problems_in_light_or_dark_mode(browser, chat, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        open_chat(page, chat)
        # A PDF source: the panel then holds the drawn page as well as the text.
        ask(page, "What support do care leavers in Stockton-on-Tees get from personal advisers?")
        page.locator("#sources .source-card").first.locator("button.show-passage").click()
        page.wait_for_selector("#document .pdf-hit", timeout=20_000)
        assert page.evaluate("() => document.body.classList.contains('dark')") == (scheme == "dark")
        problems = axe_problems(page)
        assert problems == [], "\n".join(problems)
    finally:
        context.close()


def focused(page: Page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement === document.querySelector(s) || document.activeElement.matches(s)", selector)


def full_screen(box: dict | None) -> bool:
    return bool(box) and box["x"] <= 1 and box["y"] <= 1 and box["width"] >= 389 and box["height"] >= 843


def test_on_a_phone_sources_and_the_document_open_as_sheets_over_the_chat(browser, chat):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_chat(page, chat)
        ask(page, "How quickly will return home interviews for children who go missing happen?")
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the page is {width[0]}px wide on a {width[1]}px phone"
        # The conversation comes first, its question box under it, before the filters.
        chat_box, question, filters = (page.locator(s).bounding_box() for s in ("#chat", "#question", "#filters"))
        assert chat_box["y"] < question["y"] < filters["y"]
        expect(page.locator("#sources")).to_be_hidden()  # no inline cards: each answer's sources open as a sheet
        answer = page.locator("#chat [data-testid='bot']").last
        summary, sheet = answer.locator("summary"), answer.locator(".sources-sheet")
        summary.tap()
        assert full_screen(sheet.bounding_box()), sheet.bounding_box()
        expect(sheet.locator(".close-sources")).to_be_focused()
        page.keyboard.press("Escape")
        expect(sheet).to_be_hidden()
        expect(summary).to_be_focused()
        # By keyboard: open the sheet, Tab to a source, open its document over it, Escape back.
        page.keyboard.press("Enter")
        expect(sheet.locator(".close-sources")).to_be_focused()
        page.keyboard.press("Tab")
        expect(sheet.locator("a.source-link").first).to_be_focused()
        page.keyboard.press("Enter")
        document = page.locator("#document")
        expect(document.locator(".cited")).to_have_count(1, timeout=20_000)
        assert full_screen(document.bounding_box()), document.bounding_box()
        expect(document.locator(".close-document")).to_be_focused()
        page.keyboard.press("Escape")
        expect(document).not_to_have_css("position", "fixed")
        expect(sheet.locator("a.source-link").first).to_be_focused()
        sheet.locator(".close-sources").tap()
        expect(sheet).to_be_hidden()
        # The answer's [1] opens the document as a sheet; no serious axe problems, light or dark.
        marker = answer.locator("a.cite").first
        marker.tap()
        expect(document.locator(".close-document")).to_be_focused(timeout=20_000)
        assert full_screen(document.bounding_box()), document.bounding_box()
        for dark in (False, True):
            page.evaluate("d => document.body.classList.toggle('dark', d)", dark)  # as Gradio's own theme switch does
            page.wait_for_timeout(600)  # buttons fade to their dark colours: let the transitions end
            problems = axe_problems(page)
            assert problems == [], ("dark" if dark else "light") + ":\n" + "\n".join(problems)
        document.locator(".close-document").tap()
        expect(document).not_to_have_css("position", "fixed")
        expect(marker).to_be_focused()
    finally:
        context.close()


# --- documents from the page ----------------------------------------------------------------------

UPLOAD_DOCX_SENTENCE = "The fostering panel in Hartlepool approved twelve new foster carers during the autumn term."
UPLOAD_PDF_SENTENCE = "Inspectors saw that Hartlepool social workers visit children in care at least every six weeks."
SHELL_SENTENCE = "The Hartlepool adoption board agreed to publish a new recruitment leaflet for adopters."


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, embedder):
    """A chat of its own (it changes its index), over one document, checking for index
    changes every half second."""
    from assistant.answering import Answerer
    from assistant.app import launch
    from assistant.chat_settings import ChatSettings
    from assistant.retrieval import Retriever
    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    root = tmp_path_factory.mktemp("workspace")
    for folder in ("docs", "incoming", "shell"):
        (root / folder).mkdir()
    first = make_html(
        root / "docs" / "kent-minutes-2022.html",
        "<main><h1>Children's Scrutiny Committee minutes, Kent County Council, 14 June 2022</h1>"
        f"<p>Present: Councillors of the committee.</p><h2>Care leavers</h2><p>{HTML_SENTENCE}</p></main>",
        title="Children's Scrutiny Committee minutes - Kent",
    )
    settings = Settings(store=root / "store", port=free_port())
    indexer = Indexer(settings)
    indexer.embedder = embedder
    assert indexer.warm_up().run([first]).ok
    answerer = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()
    chat = ChatSettings(data_dir=root / "data", reload_every_s=0.5)
    app = launch(answerer, settings, chat, prevent_thread_lock=True, quiet=True)
    yield {"url": f"http://127.0.0.1:{settings.port}/", "root": root, "settings": settings, "chat": chat, "app": app}
    app.close()


def test_an_editor_uploads_a_docx_and_a_pdf_and_asks_about_them_at_once(page, workspace):
    root = workspace["root"]
    docx = make_docx(root / "incoming" / "hartlepool-fostering-2023.docx", [("h1", "Hartlepool fostering update 2023"), ("p", UPLOAD_DOCX_SENTENCE)])
    pdf = make_pdf(
        root / "incoming" / "hartlepool-ilacs-2023.pdf",
        [[("h", "Inspection of Hartlepool children's services"), ("p", "Inspection dates: 1 to 12 May 2023."), ("p", UPLOAD_PDF_SENTENCE)]],
        title="Inspection of Hartlepool children's services",
    )
    open_chat(page, workspace["url"])
    page.get_by_role("tab", name="Documents").click()
    tools = page.locator("#editor-tools")
    expect(tools).to_be_visible(timeout=20_000)  # no --auth on localhost: the local user is an editor
    expect(page.locator("#upload")).to_contain_text(".docx")
    expect(page.locator("#upload")).to_contain_text("MB each")
    page.set_input_files("#upload input[type=file]", [str(docx), str(pdf)])
    page.click("#upload-button")
    outcomes = page.locator("#upload-progress")
    expect(outcomes.locator(".upload-ok")).to_have_count(2, timeout=120_000)
    expect(outcomes).to_contain_text("hartlepool-fostering-2023.docx")
    expect(outcomes).to_contain_text("passages")
    uploaded = sorted(p.name for p in (workspace["chat"].uploads(workspace["settings"])).iterdir())
    assert uploaded == ["hartlepool-fostering-2023.docx", "hartlepool-ilacs-2023.pdf"]
    # Kept, never served: not even the uploaded PDF (Gradio's file route refuses the data folder).
    stored_pdf = workspace["chat"].uploads(workspace["settings"]) / "hartlepool-ilacs-2023.pdf"
    assert status_of(workspace["url"] + "gradio_api/file=" + quote(str(stored_pdf.resolve()))) != 200
    expect(page.locator("#index-status")).to_contain_text("3 documents", timeout=20_000)

    page.get_by_role("tab", name="Chat").click()
    ask(page, "How many new foster carers did the Hartlepool fostering panel approve?")
    assert UPLOAD_DOCX_SENTENCE in page.locator("#chat").inner_text()
    ask(page, "How often do Hartlepool social workers visit children in care?")
    assert UPLOAD_PDF_SENTENCE in page.locator("#chat").inner_text()
    expect(page.locator("#sources .source-card").first).to_contain_text("page 1")


def test_a_removed_document_is_gone_from_answers(page, workspace):
    open_chat(page, workspace["url"])
    page.get_by_role("tab", name="Documents").click()
    expect(page.locator("#editor-tools")).to_be_visible(timeout=20_000)
    choose(page, "#remove-choice", "Hartlepool fostering update 2023 (" + str(workspace["chat"].uploads(workspace["settings"]) / "hartlepool-fostering-2023.docx") + ")")
    page.click("#remove-button")
    expect(page.locator("#remove-status")).to_contain_text("removed", timeout=60_000)
    expect(page.locator("#indexed-documents")).not_to_contain_text("Hartlepool fostering update", timeout=20_000)
    assert not (workspace["chat"].uploads(workspace["settings"]) / "hartlepool-fostering-2023.docx").exists()
    page.get_by_role("tab", name="Chat").click()
    page.fill("#question textarea", "How many new foster carers did the Hartlepool fostering panel approve?")
    page.click("#ask")
    page.wait_for_selector("#feedback-status", state="attached")
    expect(page.locator("#chat")).to_contain_text("How many new foster carers", timeout=60_000)
    page.wait_for_timeout(3000)
    assert UPLOAD_DOCX_SENTENCE not in page.locator("#chat").inner_text()


def test_the_chat_sees_a_shell_index_run_within_seconds(page, workspace):
    import subprocess
    import sys
    import time

    root = workspace["root"]
    minutes = make_html(
        root / "shell" / "hartlepool-adoption-board-2023.html",
        f"<main><h1>Adoption board minutes, Hartlepool Borough Council, 3 March 2023</h1><p>{SHELL_SENTENCE}</p></main>",
        title="Adoption board minutes - Hartlepool",
    )
    open_chat(page, workspace["url"])
    before = page.locator("#index-status").inner_text()
    result = subprocess.run(
        [sys.executable, "-m", "indexer", str(minutes), "--store", str(workspace["settings"].store), "--quiet"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    done = time.time()
    expect(page.locator("#index-status")).not_to_have_text(before, timeout=20_000)
    seen_after = time.time() - done
    assert seen_after < 10, f"the page saw the change {seen_after:.1f} s after the indexer finished"
    ask(page, "What did the Hartlepool adoption board agree to publish?")
    assert SHELL_SENTENCE in page.locator("#chat").inner_text()


LATE_PDF_SENTENCE = "Inspectors noted that Hartlepool children in care have their health assessments on time."


def test_a_pdf_indexed_after_the_start_opens_as_its_original_and_nothing_else_does(page, workspace, embedder):
    from assistant.originals import original_key
    from indexer.pipeline import Indexer

    root = workspace["root"]
    pdf = make_pdf(
        root / "shell" / "hartlepool-health-2024.pdf",
        [[("h", "Hartlepool health of children in care"), ("p", "Published: 2 April 2024.")], [("p", LATE_PDF_SENTENCE)]],
        title="Hartlepool health of children in care",
    )
    indexer = Indexer(workspace["settings"])
    indexer.embedder = embedder
    with workspace["app"].live_index.writing():  # after the chat started, outside Gradio's launch-time lists
        assert indexer.warm_up().run([pdf]).ok
    open_chat(page, workspace["url"])
    ask(page, "What did inspectors note about health assessments for Hartlepool children in care?")
    card = page.locator("#sources .source-card", has_text="Hartlepool health of children in care").first
    href = card.locator("a.open-original").get_attribute("href")
    assert href.startswith("original/") and href.endswith("#page=2"), href
    response = page.request.get(page.evaluate("h => new URL(h, document.baseURI).href", href).split("#")[0])
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body() == pdf.read_bytes()
    not_indexed = make_pdf(root / "shell" / "not-indexed.pdf", [[("p", "Never indexed.")]])
    uploads = workspace["chat"].uploads(workspace["settings"])
    for refused in (str(not_indexed), str(not_indexed.resolve()), str(uploads / "hartlepool-ilacs-2023.pdf"), "0" * 24):
        assert status_of(workspace["url"] + "original/" + original_key(refused)) == 404, refused


# --- what the server will serve ------------------------------------------------------------------


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_only_indexed_pdfs_are_served(chat, corpus):
    files = corpus["files"]
    store = corpus["settings"].store.resolve()
    from assistant.originals import original_key

    file_route = chat + "gradio_api/file="
    from indexer.pipeline import source_name

    # The control: the indexed PDF is served, by the chat's own route (Gradio's serves none).
    assert status_of(chat + "original/" + original_key(source_name(files["pdf"]))) == 200
    assert status_of(file_route + quote(str(files["pdf"].resolve()))) != 200
    for name in ("html", "docx", "hostile"):  # indexed, but not PDFs: shown as text, never served
        assert status_of(chat + "original/" + original_key(source_name(files[name]))) == 404
    assert status_of(chat + "original/" + original_key(str(store / "chroma.sqlite3"))) == 404
    assert status_of(chat + "original/../etc/passwd") != 200

    refused = {
        "system file": "/etc/passwd",
        "store database": quote(str(store / "chroma.sqlite3")),
        "store folder": quote(str(store)),
        "dot-dot out of the corpus": quote(f"{files['pdf'].parent}/../store/chroma.sqlite3"),
        "encoded dot-dot": f"{files['pdf'].parent}/%2e%2e/store/chroma.sqlite3",
        "dot-dot from the PDF": quote(f"{files['pdf']}/../../../../etc/passwd"),
        "corpus HTML (its scripts would run here)": quote(str(files["html"])),
        "corpus DOCX": quote(str(files["docx"])),
        "corpus Markdown": quote(str(files["hostile"])),
        "feedback log": quote(str(corpus["settings"].feedback_log)),
        "relative path in the working folder": "README.md",
        "absolute path outside the corpus": quote(str(Path(__file__).resolve())),
        "loopback URL": quote(chat, safe=""),
    }
    got = {name: status_of(file_route + path) for name, path in refused.items()}
    assert all(code != 200 for code in got.values()), got
    for old_route in ("file=/etc/passwd", "file/etc/passwd"):
        assert status_of(chat + old_route) != 200


# --- logging in --------------------------------------------------------------------------------------


def test_login_refuses_a_wrong_password_and_accepts_the_right_one(browser, corpus, tmp_path):
    import bcrypt

    from assistant.app import launch

    users = tmp_path / "users.txt"
    # Cost 4 keeps the test quick; the app checks whatever cost the hash says.
    users.write_text(
        f"trainer:{bcrypt.hashpw(b'correct horse', bcrypt.gensalt(4)).decode()}\n"
        f"editor:{bcrypt.hashpw(b'battery staple', bcrypt.gensalt(4)).decode()}:editor\n"
    )
    settings = corpus["settings"].model_copy(update={"auth_file": users, "port": free_port()})
    app = launch(corpus["answerer"], settings, prevent_thread_lock=True, quiet=True)
    url = f"http://127.0.0.1:{settings.port}/"
    try:
        assert status_of(url + "gradio_api/file=" + quote(str(corpus["files"]["pdf"].resolve()))) != 200
        from assistant.originals import original_key
        from indexer.pipeline import source_name

        original = url + "original/" + original_key(source_name(corpus["files"]["pdf"]))
        assert status_of(original) == 401  # not signed in
        with pytest.raises(Exception):
            Client(url, verbose=False).predict("Who declared an interest?", api_name="/ask")
        answered = Client(url, auth=("trainer", "correct horse"), verbose=False).predict(
            "How quickly will return home interviews for children who go missing happen?", api_name="/ask"
        )
        assert answered["answered"] is True
        # A reader (a line without a role) who posts a file straight to the server is refused
        # there: nothing reaches the uploads folder or the index.
        from gradio_client import handle_file

        from assistant.chat_settings import ChatSettings

        docx = make_docx(tmp_path / "sneaky.docx", [("p", "Readers must not add this sentence to the index.")])
        refused = Client(url, auth=("trainer", "correct horse"), verbose=False).predict([handle_file(str(docx))], api_name="/add_documents")
        assert "Only editors" in refused
        assert not ChatSettings().uploads(settings).exists()
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.get_by_label("username").fill("trainer")
        page.get_by_label("password").fill("wrong horse")
        page.get_by_role("button", name="Login").click()
        expect(page.get_by_text("Incorrect credentials", exact=False)).to_be_visible(timeout=20_000)
        assert page.locator("#question").count() == 0

        page.get_by_label("username").fill("trainer")  # the form empties itself after a failure
        page.get_by_label("password").fill("correct horse")
        page.get_by_role("button", name="Login").click()
        page.wait_for_selector("#question textarea", timeout=60_000)
        ask(page, "How quickly will return home interviews for children who go missing happen?")
        expect(page.locator("#sources .source-card").first).to_contain_text("Action plan")
        assert page.request.get(original).status == 200  # signed in: the session cookie opens it
        page.get_by_role("tab", name="Documents").click()
        page.wait_for_timeout(1500)
        expect(page.locator("#editor-tools")).to_be_hidden()  # and the page offers a reader no upload
        context.close()
    finally:
        app.close()

