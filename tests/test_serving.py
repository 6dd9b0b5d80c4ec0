"""The serving index (indexer.serving): what the indexer writes beside the store for readers to
map. Real store, real model, real files."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from assistant.answering import Answerer
from assistant.retrieval import Retriever
from indexer.serving import ServingIndex, piece_texts, serving_dir
from tests.docs import make_docx, make_html


def _docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    make_html(
        folder / "kent-minutes-2022.html",
        "<main><h1>Scrutiny committee minutes, Kent County Council, 14 June 2022</h1>"
        "<p>Members heard that care leavers in Kent praised the support of their personal advisers. "
        "Councillor Ruth Amberley asked when the new pathway plans would be ready.</p></main>",
        title="Scrutiny committee minutes - Kent",
    )
    make_docx(
        folder / "hartlepool-plan.docx",
        [("h1", "Hartlepool action plan 2023"), ("p", "Hartlepool will recruit 12 more foster carers this year."),
         ("p", "The plan is led by the Director of Children's Services.")],
    )
    return folder


def _same_as_store(index: ServingIndex, store) -> None:
    """Every stored passage is in the serving index with its text and vector, and nothing else is."""
    stored = {p.id: p for p in store.passages()}
    assert index.n == len(stored)
    for row in range(index.n):
        p = index.passage(row)
        assert stored[p.id].text == p.text and stored[p.id].source == p.source
        assert index.row_of(p.id) == row


def test_a_run_publishes_a_generation_matching_the_store_and_an_unchanged_run_publishes_none(tmp_path, make_indexer):
    folder = _docs(tmp_path)
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    root = serving_dir(indexer.settings)
    first = ServingIndex.open_current(root)
    assert first is not None and first.generation == 1
    _same_as_store(first, indexer.store)
    # Every passage's pieces have vectors, equal to what the model gives for them now.
    row = next(r for r in range(first.n) if "foster carers" in first.passage(r).text)
    texts = piece_texts(first.passage(row))
    stored = first.piece_vectors(row, texts)
    fresh = indexer.embedder.encode(texts)
    assert all(v is not None for v in stored)
    assert min(float(a @ b) for a, b in zip(stored, fresh)) > 0.99

    assert indexer.run([folder]).ok
    assert ServingIndex.current_name(root) == "gen-000001"  # nothing changed: nothing written


def test_a_changed_file_encodes_only_its_new_pieces_and_other_files_rows_are_copied(tmp_path, make_indexer):
    folder = _docs(tmp_path)
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    root = serving_dir(indexer.settings)
    before = ServingIndex.open_current(root)
    kent_rows = before.rows_of(next(d.source for d in before.documents if "kent" in d.source))
    kent_before = np.array(before.vectors[kent_rows.start : kent_rows.stop])

    make_docx(
        folder / "hartlepool-plan.docx",
        [("h1", "Hartlepool action plan 2023"), ("p", "Hartlepool will recruit 12 more foster carers this year."),
         ("p", "The plan is now led by the Assistant Director for Safeguarding.")],
    )
    assert indexer.run([folder]).ok
    after = ServingIndex.open_current(root)
    assert after.generation == 2
    _same_as_store(after, indexer.store)
    # The unchanged sentence of the changed file was not encoded again; the new one was.
    assert indexer._serving.pieces_encoded == 1
    kent_source = next(d.source for d in after.documents if "kent" in d.source)
    rows = after.rows_of(kent_source)
    assert np.array_equal(np.array(after.vectors[rows.start : rows.stop]), kent_before)
    assert any("Assistant Director" in after.passage(r).text for r in range(after.n))


def test_a_run_killed_before_publishing_is_caught_up_by_the_next(tmp_path, make_indexer, monkeypatch):
    folder = _docs(tmp_path)
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    make_html(
        folder / "kent-minutes-2022.html",
        "<main><h1>Scrutiny committee minutes, Kent County Council, 14 June 2022</h1>"
        "<p>Members heard that the Kent care leavers' hub opened in March with 40 young people.</p></main>",
        title="Scrutiny committee minutes - Kent",
    )
    from indexer.serving import GenerationBuilder

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed while publishing")

    monkeypatch.setattr(GenerationBuilder, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        indexer.run([folder])
    monkeypatch.undo()
    root = serving_dir(indexer.settings)
    assert ServingIndex.current_name(root) == "gen-000001"  # still the last complete one
    assert not list(root.glob(".building-*"))  # the killed run's half-written files are gone

    # The store has the new Kent text and the manifest says it is indexed: the next run finds
    # the file unchanged, yet the generation must catch up with the store.
    summary = indexer.run([folder])
    assert summary.ok and not summary.indexed
    index = ServingIndex.open_current(root)
    assert index.generation == 2
    _same_as_store(index, indexer.store)
    assert any("40 young people" in index.passage(r).text for r in range(index.n))


def test_a_store_without_serving_files_gets_them_written_and_answers_the_same(tmp_path, make_indexer, embedder):
    folder = _docs(tmp_path)
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    settings = indexer.settings
    question = "What did care leavers in Kent say about their personal advisers?"
    first = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up().run(question)
    shutil.rmtree(serving_dir(settings))  # as a store indexed before the serving index existed
    again = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up().run(question)
    assert ServingIndex.open_current(serving_dir(settings)) is not None
    assert first.answered and again.answer == first.answer


def test_a_question_costs_one_encode_of_the_question_and_nothing_else(tmp_path, make_indexer, embedder, monkeypatch):
    folder = _docs(tmp_path)
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    settings = indexer.settings
    answerer = Answerer(settings, Retriever(settings, embedder=embedder)).warm_up()
    encoded: list[list[str]] = []
    real = embedder.encode
    monkeypatch.setattr(embedder, "encode", lambda texts: encoded.append(list(texts)) or real(texts))
    answer = answerer.run("How many more foster carers will Hartlepool recruit?")
    assert answer.answered and "12 more foster carers" in answer.answer
    assert encoded == [["How many more foster carers will Hartlepool recruit?"]]


def test_the_names_check_reads_the_whole_council_through_the_keyword_postings(tmp_path, make_indexer, embedder):
    folder = _docs(tmp_path)
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    settings = indexer.settings
    retriever = Retriever(settings, embedder=embedder).warm_up()
    kent = retriever.document_mask(None, "Kent")
    assert retriever.mentioned("Ruth Amberley", kent)
    assert retriever.mentioned("pathway plans", kent)
    assert not retriever.mentioned("Amberley Ruth", kent)  # words present, phrase absent
    assert not retriever.mentioned("foster carers", kent)  # Hartlepool's words, not Kent's
    assert retriever.mentioned("foster carers", retriever.document_mask(None, "Hartlepool"))
    answer = Answerer(settings, retriever).warm_up().run("What did Kent say about Ruth Smithers?")
    assert not answer.answered and "Smithers" in answer.answer


def _counted_afresh(index: ServingIndex) -> tuple[dict, dict]:
    from collections import Counter

    from indexer.words import speller_words, terms

    df, words = Counter(), Counter()
    for row in range(index.n):
        p = index.passage(row)
        df.update(terms(p.embed_text))
        words.update(speller_words(f"{p.title} {p.text}"))
    return dict(df), dict(words)


def test_word_counts_kept_up_run_by_run_equal_a_count_made_afresh(tmp_path, make_indexer):
    """Each run starts from the last generation's word counts (less the files that changed or
    went, plus the new rows): after an edit and a removal they must equal counting every passage."""
    folder = _docs(tmp_path)
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    root = serving_dir(indexer.settings)
    make_docx(
        folder / "hartlepool-plan.docx",
        [("h1", "Hartlepool action plan 2023"), ("p", "Hartlepool will recruit twelve more foster carers this year."),
         ("p", "Kinship carers will get a new allowance from April.")],
    )
    assert indexer.run([folder]).ok
    index = ServingIndex.open_current(root)
    assert (index.word_counts["df"], index.word_counts["words"]) == _counted_afresh(index)
    (folder / "kent-minutes-2022.html").unlink()
    summary = indexer.run([folder])
    assert summary.removed
    index = ServingIndex.open_current(root)
    assert index.generation == 3
    assert (index.word_counts["df"], index.word_counts["words"]) == _counted_afresh(index)
    assert "amberley" not in index.word_counts["words"]  # the removed file's words are gone
