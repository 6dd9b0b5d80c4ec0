"""The chat's web server: security headers on every response (and a Content-Security-Policy the
app's own page passes in Chromium), an upload route limited in size and, with --auth, closed to
anyone not signed in; and a Chroma server going down and coming back, for the page and /ask."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import bcrypt
import httpx
import pytest
from gradio_client import Client

from tests.conftest import free_port

CHROMIUM = Path("/usr/bin/chromium")
QUESTION = "What did inspectors say about care leavers?"


@pytest.fixture(scope="module")
def open_chat(answerer, corpus_settings):
    from assistant.app import launch

    settings = corpus_settings.model_copy(update={"port": free_port(), "max_file_mb": 0.01})  # uploads up to 10 kB
    app = launch(answerer, settings, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{settings.port}"
    app.close()


def assert_security_headers(response: httpx.Response) -> None:
    h = response.headers
    assert h.get("x-content-type-options") == "nosniff", (response.url, dict(h))
    assert h.get("x-frame-options") == "DENY", response.url
    assert "frame-ancestors 'none'" in h.get("content-security-policy", ""), response.url


@pytest.mark.parametrize(
    "path", ["/", "/config", "/gradio_api/info", "/gradio_api/file=/etc/passwd", "/no-such-page", "/login_check", "/theme.css"]
)
def test_every_response_has_the_security_headers(open_chat, path):
    response = httpx.get(open_chat + path, timeout=30)
    assert_security_headers(response)


def test_the_page_gets_a_content_security_policy_that_keeps_scripts_and_connections_to_the_app(open_chat):
    policy = httpx.get(open_chat + "/", timeout=30).headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "http" not in directives["script-src"] and "*" not in policy


def upload(url: str, size: int, **kwargs) -> httpx.Response:
    return httpx.post(
        url + "/gradio_api/upload", files={"files": ("notes.txt", b"x" * size, "text/plain")}, timeout=30, **kwargs
    )


def test_uploads_over_the_size_limit_are_refused(open_chat):
    assert upload(open_chat, 2_000).status_code == 200
    too_big = upload(open_chat, 50_000)
    assert too_big.status_code == 413, too_big.text
    assert_security_headers(too_big)


def test_with_auth_only_a_signed_in_user_can_upload(answerer, corpus_settings, tmp_path):
    from assistant.app import launch

    users = tmp_path / "users.txt"
    users.write_text(f"editor:{bcrypt.hashpw(b'correct horse', bcrypt.gensalt(4)).decode()}\n")
    settings = corpus_settings.model_copy(update={"auth_file": users, "port": free_port()})
    app = launch(answerer, settings, prevent_thread_lock=True, quiet=True)
    url = f"http://127.0.0.1:{settings.port}"
    try:
        anonymous = upload(url, 100)
        assert anonymous.status_code in (401, 403), anonymous.status_code
        with httpx.Client(timeout=30) as client:
            assert client.post(url + "/login", data={"username": "editor", "password": "correct horse"}).status_code == 200
            signed_in = client.post(url + "/gradio_api/upload", files={"files": ("a.txt", b"hello", "text/plain")})
            assert signed_in.status_code == 200, signed_in.text
    finally:
        app.close()


# --- in Chromium --------------------------------------------------------------------------------------


def browser_page(playwright):
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
    page = browser.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return browser, page


def ask_in_page(page, question: str, expect_text: str) -> None:
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_function(
        "t => document.querySelector('#chat').innerText.includes(t)", arg=expect_text, timeout=60_000
    )


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium")
def test_the_page_works_under_its_content_security_policy_with_no_violation(open_chat):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser, page = browser_page(playwright)
        try:
            page.add_init_script(
                "window.__csp = []; document.addEventListener('securitypolicyviolation', "
                "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
            )
            response = page.goto(open_chat + "/")
            assert "default-src 'self'" in response.headers["content-security-policy"]
            page.wait_for_selector("#question textarea", timeout=60_000)
            ask_in_page(page, QUESTION, "[1]")
            page.wait_for_selector("#sources .source-card", timeout=60_000)
            page.locator("#sources .source-card").first.click()  # the card's js_on_load handler runs
            page.wait_for_selector("#document .cited", timeout=30_000)
            violations = page.evaluate("window.__csp")
            assert violations == [], violations
            csp_errors = [p for p in page.problems if "Content Security Policy" in p or "Refused to" in p]
            assert csp_errors == [], csp_errors
        finally:
            browser.close()


# --- a Chroma server that goes down and comes back ---------------------------------------------------


def start_chroma(data: Path, port: int) -> subprocess.Popen:
    import chromadb

    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return proc
        except Exception:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError("chroma run did not start")
            time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium")
def test_a_chroma_server_that_is_down_is_named_to_page_and_api_callers_and_the_chat_recovers(embedder, tmp_path):
    from playwright.sync_api import sync_playwright

    from assistant.answering import Answerer
    from assistant.app import launch
    from assistant.retrieval import Retriever
    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    port = free_port()
    server = start_chroma(tmp_path / "chroma", port)
    # exact_search_max=0: unscoped questions go to the server's HNSW index (as in a store too big
    # to search exactly), the one path on which a question still needs the server.
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port, collection="outage-test", port=free_port(),
                        serving_dir=tmp_path / "serving", exact_search_max=0)
    indexer = Indexer(settings)
    indexer.embedder = embedder
    assert indexer.warm_up().run([Path("corpus")]).ok
    answerer = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()
    app = launch(answerer, settings, prevent_thread_lock=True, quiet=True)
    url = f"http://127.0.0.1:{settings.port}/"
    message = f"the store at 127.0.0.1:{port} is unreachable; retrying"
    # No council named: this question is searched by the server's own index, not in memory.
    question = "What did inspectors say about supervision of social workers?"
    try:
        before = Client(url, verbose=False).predict(question, api_name="/ask")
        assert before["answered"], before
        stop(server)

        with pytest.raises(Exception) as raised:
            Client(url, verbose=False).predict(question, api_name="/ask")
        assert message in str(raised.value), str(raised.value)

        with sync_playwright() as playwright:
            browser, page = browser_page(playwright)
            try:
                page.goto(url)
                page.wait_for_selector("#question textarea", timeout=60_000)
                ask_in_page(page, question, message)

                server = start_chroma(tmp_path / "chroma", port)
                ask_in_page(page, question, before["answer"][:60])  # the same chat, once the server is back
            finally:
                browser.close()
        assert Client(url, verbose=False).predict(question, api_name="/ask") == before
    finally:
        app.close()
        stop(server)


def test_below_the_exact_search_limit_a_chroma_server_outage_does_not_stop_answers(embedder, tmp_path):
    """Questions read the serving files (indexer.serving), not the server: with the server down,
    the chat answers as before; only indexing needs it."""
    from assistant.answering import Answerer
    from assistant.retrieval import Retriever
    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    port = free_port()
    server = start_chroma(tmp_path / "chroma", port)
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port, collection="outage-exact", serving_dir=tmp_path / "serving")
    try:
        indexer = Indexer(settings)
        indexer.embedder = embedder
        assert indexer.warm_up().run([Path("corpus")]).ok
        answerer = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()
        question = "What did inspectors say about supervision of social workers?"
        before = answerer.run(question)
        assert before.answered
    finally:
        stop(server)
    after = answerer.run(question)
    assert after.answer == before.answer and after.citations == before.citations
