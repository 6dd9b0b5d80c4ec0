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
