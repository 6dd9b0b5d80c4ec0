"""The terminal contract scripts rely on: `python -m assistant ask` in text, --json and stdin modes."""

from __future__ import annotations

import json
import subprocess
import sys

CONTRACT = {"question", "answer", "answered", "citations"}
CITATION = {"n", "source", "title", "kind", "page", "quote"}


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], input=stdin, capture_output=True, text=True, timeout=300
    )


def test_ask_json_prints_one_object_with_the_contract_keys(corpus_settings):
    result = run_cli("ask", "--store", str(corpus_settings.store), "--json", "What did inspectors say about care leavers?")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert CONTRACT <= set(data)
    assert data["answered"] is True
    assert data["citations"] and CITATION <= set(data["citations"][0])
    # The judgement first (the grade row, page 1), then what inspectors found on page 3.
    assert [c["page"] for c in data["citations"]][:1] == [1] and 3 in [c["page"] for c in data["citations"]]


def test_ask_reads_questions_from_stdin_and_prints_one_json_line_each(corpus_settings):
    questions = "Who declared an interest at the committee?\n\nWhat grade did Stockport get?\n"
    result = run_cli("ask", "--store", str(corpus_settings.store), stdin=questions)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(l) for l in result.stdout.splitlines()]
    assert [l["question"] for l in lines] == ["Who declared an interest at the committee?", "What grade did Stockport get?"]
    assert lines[0]["answered"] is True and "Abdullatif" in lines[0]["answer"]
    assert lines[1]["answered"] is False and lines[1]["citations"] == []


def test_ask_text_mode_shows_sources_with_title_and_page(corpus_settings):
    result = run_cli("ask", "--store", str(corpus_settings.store), "What did inspectors say about care leavers?")
    assert result.returncode == 0, result.stderr
    assert "Sources:" in result.stdout and "page 3" in result.stdout


def test_ask_against_a_missing_store_exits_3_and_says_how_to_build_it(tmp_path):
    result = run_cli("ask", "--store", str(tmp_path / "nowhere"), "anything")
    assert result.returncode == 3
    assert "python -m indexer" in result.stderr


# --- the chat's start-up ------------------------------------------------------------------------


def test_a_busy_port_is_one_line_naming_the_port_flag(corpus_settings, tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("--store", str(corpus_settings.store), "--port", str(port), "--data-dir", str(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"port {port}" in lines[0] and "--port" in lines[0] and "Traceback" not in result.stderr


def test_the_chat_says_where_it_is_only_once_the_port_answers(corpus_settings, tmp_path):
    """The start-up line comes after the port answers, Gradio's share hint never, and the feedback
    log and conversations go to --data-dir, not the working folder."""
    import time
    import urllib.request

    from tests.conftest import free_port

    port = free_port()
    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--store", str(corpus_settings.store), "--port", str(port), "--data-dir", str(data)],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        seen = []
        deadline = time.time() + 240
        while time.time() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            seen.append(line)
            if line.startswith("Chat on http://"):
                # At once, with no retry: the line must not come before the server does.
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
                    assert page.status == 200
                break
        else:
            raise AssertionError(f"no start-up line: {seen}")
        assert seen and seen[-1].strip() == f"Chat on http://127.0.0.1:{port} (Ctrl+C to stop)", seen
        assert (data / "conversations.sqlite3").exists()
        # The page came first; the model loads after it, in the background.
        assert not any(l.startswith("Embedding model loaded") for l in seen), seen
        while time.time() < deadline:
            line = proc.stderr.readline()
            seen.append(line)
            if not line or line.startswith("Embedding model loaded"):
                break
        assert seen[-1].startswith("Embedding model loaded"), seen
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    everything = "".join(seen) + out + err
    assert "share=True" not in everything and "Running on local URL" not in everything, everything


def test_help_does_not_wait_for_torch():
    code = (
        "import sys, runpy; sys.argv = ['assistant', '--help']\n"
        "try:\n    runpy.run_module('assistant', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules, 'torch imported for --help'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "usage" in result.stdout.lower()
