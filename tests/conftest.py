"""Shared fixtures: the real embedding model, real Chroma stores in temporary folders, a real
Chroma server, and document factories that write real PDF/DOCX/HTML files."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"

# Sources are recorded relative to the working folder; run every test from the repo root.
os.chdir(REPO)
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from indexer.embedding import Embedder  # noqa: E402
from indexer.pipeline import Indexer  # noqa: E402
from indexer.settings import Settings  # noqa: E402


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(Settings()).warm_up()


@pytest.fixture
def make_indexer(tmp_path, embedder):
    """An Indexer over a fresh temporary store that reuses the session's loaded model."""

    def make(store: Path | None = None, **overrides) -> Indexer:
        settings = Settings(store=store or tmp_path / "store", **overrides)
        indexer = Indexer(settings)
        indexer.embedder = embedder
        return indexer.warm_up()

    return make


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory, embedder) -> Settings:
    """The sample corpus, indexed once for the whole session."""
    settings = Settings(store=tmp_path_factory.mktemp("corpus-store"))
    indexer = Indexer(settings)
    indexer.embedder = embedder
    summary = indexer.warm_up().run([Path("corpus")])
    assert summary.ok and summary.indexed, summary.to_dict()
    return settings


@pytest.fixture(scope="session")
def answerer(corpus_settings, embedder):
    from assistant.answering import Answerer
    from assistant.retrieval import Retriever

    return Answerer(corpus_settings, Retriever(corpus_settings, embedder=embedder)).warm_up()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real `chroma run` on 127.0.0.1, started for the session and stopped after it."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma CLI (from the chromadb package) is not installed"
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "w")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    import chromadb

    deadline = time.time() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            break
        except Exception:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"chroma run did not start: {(data / 'server.log').read_text()[-2000:]}")
            time.sleep(0.3)
    yield ("127.0.0.1", port)
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
