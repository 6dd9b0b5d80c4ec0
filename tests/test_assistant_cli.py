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
    assert data["citations"][0]["page"] == 3


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
