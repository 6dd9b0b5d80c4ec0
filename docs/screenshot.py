"""Make docs/chat.png, the README's picture of the chat: index the sample corpus into a temporary
store, launch the chat on a free port, ask a question in Debian's Chromium (Playwright, headless),
open the first source in its document, and save the page.

    python docs/screenshot.py [--out docs/chat.png]

Run from the repository root (sources are recorded relative to it). Needs the test extras
(playwright) and /usr/bin/chromium; `playwright install` is never needed.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUESTION = "What did inspectors say about care leavers?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "chat.png")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    os.chdir(REPO)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from playwright.sync_api import sync_playwright

    from assistant.answering import Answerer
    from assistant.app import launch
    from indexer.pipeline import Indexer
    from indexer.settings import Settings

    with tempfile.TemporaryDirectory(prefix="ia-screenshot-") as tmp:
        settings = Settings(store=Path(tmp) / "store", feedback_log=Path(tmp) / "feedback.jsonl", port=free_port())
        indexer = Indexer(settings).warm_up()
        summary = indexer.run([Path("corpus")])
        if not summary.ok:
            print(f"error: indexing the sample corpus failed: {summary.to_dict()}", file=sys.stderr)
            return 1
        answerer = Answerer(settings, indexer_retriever(settings, indexer)).warm_up()
        app = launch(answerer, settings, prevent_thread_lock=True, quiet=True)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
                page.goto(f"http://127.0.0.1:{settings.port}/")
                page.fill("#question textarea", QUESTION)
                page.click("#ask")
                page.wait_for_selector("#sources .source-card", timeout=60_000)
                page.locator("#sources .source-card").first.locator("button.show-passage").click()
                page.wait_for_selector("#document .cited", timeout=30_000)
                page.locator("#chat a.cite").first.focus()  # shows the [1] link's quote, as keyboard users see it
                page.mouse.move(0, 0)  # no hover highlight in the picture
                page.wait_for_timeout(500)
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out), full_page=True)
                # The same on a phone: the answer with its "Sources (k)" under it; the sources opened
                # as a sheet over the chat; then a source opened as a sheet of its own.
                phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2)
                phone.goto(f"http://127.0.0.1:{settings.port}/")
                phone.fill("#question textarea", QUESTION)
                phone.click("#ask")
                phone.wait_for_selector("#sources .source-card", state="attached", timeout=60_000)
                answer = phone.locator("#chat [data-testid='bot']").last
                answer.locator("details.answer-sources summary").scroll_into_view_if_needed()
                phone.wait_for_timeout(500)
                phone.screenshot(path=str(args.out.with_name("phone.png")))
                answer.locator("details.answer-sources summary").tap()
                phone.wait_for_timeout(500)
                phone.screenshot(path=str(args.out.with_name("phone-sources.png")))
                answer.locator(".sources-sheet a.source-link").first.tap()
                phone.wait_for_selector("#document .cited", timeout=30_000)
                phone.wait_for_timeout(500)
                phone.screenshot(path=str(args.out.with_name("phone-source.png")))
                browser.close()
        finally:
            app.close()
    print(f"saved {args.out}", file=sys.stderr)
    return 0


def indexer_retriever(settings, indexer):
    """A retriever that reuses the indexer's loaded model instead of loading it again."""
    from assistant.retrieval import Retriever

    return Retriever(settings, embedder=indexer.embedder)


if __name__ == "__main__":
    sys.exit(main())
