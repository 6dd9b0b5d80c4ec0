"""The Chroma server backend: index into a real `chroma run` and answer from it."""

from __future__ import annotations

from pathlib import Path

from assistant.answering import Answerer
from assistant.retrieval import Retriever
from indexer.pipeline import Indexer
from indexer.settings import Settings
from indexer.store import Store


def test_index_and_answer_through_a_chroma_server(chroma_server, embedder):
    host, port = chroma_server
    settings = Settings(chroma_host=host, chroma_port=port, collection="server-test")
    indexer = Indexer(settings)
    indexer.embedder = embedder
    first = indexer.warm_up().run([Path("corpus")])
    assert first.ok and len(first.indexed) == 5

    again = indexer.run([Path("corpus")])
    assert again.passages_written == 0 and len(again.unchanged) == 5

    status = Store(settings).warm_up(create=False).status()
    assert status["total_passages"] == first.total_passages
    assert status["embedding_model"] == settings.embedding_model

    answer = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up().run("Who declared an interest at the committee?")
    assert answer.answered and "Abdullatif" in answer.answer


def _start_chat(host: str, port: int, serving, data, collection: str):
    import os
    import subprocess
    import sys

    from tests.conftest import free_port

    chat_port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--chroma-host", host, "--chroma-port", str(port), "--serving-dir", str(serving),
         "--port", str(chat_port), "--data-dir", str(data)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=os.environ | {"IA_COLLECTION": collection},
    )
    return proc, chat_port


def _wait_for(proc) -> None:
    import time

    seen, deadline = [], time.time() + 240
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        if line.startswith("Chat on http://"):
            return
    raise AssertionError("the chat did not start: " + "".join(seen)[-2000:])


def test_two_chat_processes_on_one_chroma_server_and_one_serving_folder_answer_alike(chroma_server, embedder, tmp_path):
    """Several chat processes (behind any reverse proxy) share one Chroma server and one serving
    folder: each maps the same generation, so each gives the same answer, citations included."""
    from gradio_client import Client

    host, port = chroma_server
    serving = tmp_path / "serving"
    settings = Settings(chroma_host=host, chroma_port=port, collection="two-chats", serving_dir=serving)
    indexer = Indexer(settings)
    indexer.embedder = embedder
    assert indexer.warm_up().run([Path("corpus")]).ok
    chats = [_start_chat(host, port, serving, tmp_path / f"data-{i}", "two-chats") for i in range(2)]
    try:
        for proc, _ in chats:
            _wait_for(proc)
        clients = [Client(f"http://127.0.0.1:{p}/", verbose=False) for _, p in chats]
        for question in (
            "What did inspectors say about care leavers?",
            "Who declared an interest at the committee?",
            "What grade did Stockport get?",
            "How many actions are in Manchester's action plan?",
        ):
            first, second = (c.predict(question, api_name="/ask") for c in clients)
            assert first == second, question
            assert first["question"] == question
    finally:
        for proc, _ in chats:
            proc.terminate()
            proc.wait(timeout=30)
