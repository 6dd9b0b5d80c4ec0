"""The real Gradio app, served on a free port and called through gradio_client."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradio_client import Client

from assistant.app import CSS, Library, answer_chunks, build_app, check_access, launch, parse_filters
from assistant.citations import document_html, sources_html
from assistant.types import Answer, Citation, Filters
from indexer.settings import Settings
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
    # The judgement first (the grade row, page 1), then what inspectors found on page 3.
    assert "care leavers" in result["citations"][0]["quote"] and "Good" in result["citations"][0]["quote"]
    assert 3 in [c["page"] for c in result["citations"]]
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


def test_ask_api_takes_filters(app_url):
    client = Client(app_url, verbose=False)
    everything = client.predict("What did the inspection find?", api_name="/ask")
    assert any(c["kind"] == "inspection report" for c in everything["citations"])
    minutes = client.predict("What did the inspection find?", ["committee minutes"], [], "", "", api_name="/ask")
    assert minutes["citations"] and all(c["kind"] == "committee minutes" for c in minutes["citations"])


def test_ask_api_refuses_a_malformed_date_with_a_message(app_url):
    with pytest.raises(Exception, match="Date from is not a date"):
        Client(app_url, verbose=False).predict("Who declared an interest?", [], [], "May 2022", "", api_name="/ask")


def test_filters_are_validated_with_a_message_naming_the_box():
    assert parse_filters(["action plan"], ["Manchester"], "2022", "2022-12-31") == Filters(
        ("action plan",), ("Manchester",), "2022", "2022-12-31"
    )
    for bad_from, bad_to, message in [
        ("22", "", "Date from is not a date"),
        ("", "2022-02-30", "Date to is not a date"),
        ("2022-13", "", "Date from is not a date"),
        ("2023", "2022-06", "Date from is after Date to"),
    ]:
        with pytest.raises(ValueError, match=message):
            parse_filters([], [], bad_from, bad_to)
    with pytest.raises(ValueError, match="Unknown document kind"):
        parse_filters(["<script>"], [], "", "")


def test_chat_binds_beyond_localhost_only_with_a_login_or_an_explicit_opt_out(tmp_path):
    assert check_access(Settings(host="127.0.0.1")) is None
    assert check_access(Settings(host="localhost")) is None
    problem = check_access(Settings(host="0.0.0.0"))
    assert problem and "--auth" in problem and "--insecure-no-auth" in problem
    assert check_access(Settings(host="0.0.0.0", insecure_no_auth=True)) is None

    users = tmp_path / "users.txt"
    users.write_text("alice:$2b$04$" + "a" * 53 + "\n")
    assert check_access(Settings(host="0.0.0.0", auth_file=users)) is None
    users.write_text("# staff\nalice:$2b$04$" + "a" * 53 + "\nbob:hunter2\n")
    problem = check_access(Settings(host="0.0.0.0", auth_file=users))
    assert problem and f"{users} line 3" in problem and "'bob'" in problem and "hunter2" not in problem
    assert "does not exist" in check_access(Settings(host="127.0.0.1", auth_file=tmp_path / "missing.txt"))


def test_launch_refuses_an_open_chat_on_a_public_address(answerer):
    with pytest.raises(ValueError, match="no login"):
        launch(answerer, Settings(host="0.0.0.0", port=free_port()))


def test_example_questions_name_what_is_indexed_and_are_answered(answerer):
    examples = Library(answerer, answerer.settings).example_questions()
    assert examples and all("Manchester" in q for q in examples)  # the only council in the sample corpus
    assert all(answerer.run(q).answered for q in examples)


def test_only_indexed_pdfs_are_offered_as_originals(answerer):
    library = Library(answerer, answerer.settings)
    assert [Path(p).name for p in library.allowed_paths()] == ["manchester-ilacs-inspection-summary-2022.pdf"]
    from assistant.originals import original_key

    url = library.original_url("corpus/manchester-ilacs-inspection-summary-2022.pdf", 3)
    assert url == f"original/{original_key('corpus/manchester-ilacs-inspection-summary-2022.pdf')}#page=3"
    assert library.original_url("corpus/children-young-people-scrutiny-minutes-2022.html", None) is None
    assert str(Path(answerer.settings.store).resolve()) in library.blocked_paths()


def test_answer_appears_in_pieces_cut_after_each_marker():
    assert answer_chunks("One thing. [1] Another [2] thing. [2]") == ["One thing. [1] ", "Another [2] ", "thing. [2]"]
    assert answer_chunks("The indexed documents don't say.") == ["The indexed documents don't say."]


def test_document_view_marks_the_cited_passage_and_escapes_the_rest():
    from indexer.types import DocKind, Passage

    def passage(i: int, text: str) -> Passage:
        return Passage(f"p{i}", "x.md", "<b>Title</b>", DocKind.MINUTES, None, "Item <1>", text, i, "h")

    view = document_html(
        [passage(0, "Before <script>x()</script>."), passage(1, "The cited sentence is here. And more.")],
        "p1",
        ["The cited   sentence is here."],
    )
    assert '<div id="passage-p1" class="doc-passage cited"><mark>The cited sentence is here.</mark> And more.</div>' in view
    assert "<script>" not in view and "&lt;script&gt;" in view and "<b>" not in view
