"""The running chat's index swap: questions asked while the index is re-read and swapped all get
answers, and the new documents are answered from once the swap is done (real store, real model)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from assistant.answering import Answerer
from assistant.live import LiveIndex
from assistant.retrieval import Retriever
from tests.docs import make_docx, make_html


def test_questions_keep_being_answered_while_the_index_is_swapped(tmp_path, make_indexer, embedder):
    (tmp_path / "docs").mkdir()
    kent = make_html(
        tmp_path / "docs" / "kent-minutes-2022.html",
        "<main><h1>Scrutiny committee minutes, Kent County Council, 14 June 2022</h1>"
        "<p>Members heard that care leavers in Kent praised the support of their personal advisers.</p></main>",
        title="Scrutiny committee minutes - Kent",
    )
    indexer = make_indexer()
    assert indexer.run([kent]).ok
    settings = indexer.settings
    answerer = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()
    # The page's Library is not needed here: what a reload hands the page, in short.
    live = LiveIndex(answerer, settings, lambda a: SimpleNamespace(documents=[], passages=a.retriever.passages))

    errors: list[BaseException] = []
    answered: list[bool] = []
    stop = threading.Event()

    def ask_again_and_again() -> None:
        while not stop.is_set():
            try:
                with live.client_lock:
                    answer = live.snapshot()[0].run("What did care leavers in Kent say about their personal advisers?")
                answered.append(answer.answered)
            except BaseException as exc:  # any failure is the test failing
                errors.append(exc)
                return

    asker = threading.Thread(target=ask_again_and_again)
    asker.start()
    try:
        for i in range(3):  # three writes, three swaps, while the questions keep coming
            plan = make_docx(
                tmp_path / "docs" / f"hartlepool-plan-{i}.docx",
                [("h1", f"Hartlepool action plan {i}"), ("p", f"Hartlepool will recruit {i + 5} more foster carers this year.")],
            )
            assert indexer.run([plan]).ok
            assert live.changed()
            assert live.reload()
    finally:
        stop.set()
        asker.join(timeout=120)
    assert errors == [], errors
    assert answered and all(answered), answered
    assert live.generation == 3
    latest = live.snapshot()[0].run("How many more foster carers will Hartlepool recruit?")
    assert latest.answered and latest.citations[0].title.startswith("Hartlepool action plan")
    assert live.snapshot()[0] is not answerer  # swapped whole, never changed under a question
