"""The real Gradio app, served on a free port and called through gradio_client."""

from __future__ import annotations

import pytest
from gradio_client import Client

from assistant.app import CSS, build_app
from assistant.citations import sources_html
from assistant.types import Answer, Citation
from tests.conftest import free_port


@pytest.fixture(scope="module")
def app_url(answerer):
    app = build_app(answerer)
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, css=CSS, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def test_app_answers_through_gradio_client_with_citations(app_url):
    result = Client(app_url, verbose=False).predict("What did inspectors say about care leavers?", api_name="/ask")
    assert result["answered"] is True
    assert result["citations"][0]["page"] == 3
    assert "[1]" in result["answer"]


def test_app_says_when_the_documents_do_not_answer(app_url):
    result = Client(app_url, verbose=False).predict("What grade did Stockport get?", api_name="/ask")
    assert result["answered"] is False and result["citations"] == []


def test_source_cards_escape_document_text():
    hostile = Citation(
        n=1, source="x.html", title="<img src=x onerror=alert(1)>", kind="committee minutes", page=None,
        quote="<script>alert(1)</script> and [link](javascript:alert(1))",
    )
    html = sources_html(Answer("q", "a [1]", True, [hostile]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
