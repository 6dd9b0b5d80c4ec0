"""Runs that go wrong: killed mid-way, two at once, files renamed. The store must end up
holding exactly one copy of every passage of every file, and nothing of files now gone."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from indexer.chunking import chunk
from indexer.loaders import load
from indexer.pipeline import file_hash, source_name
from indexer.settings import Settings
from indexer.store import Store

TOPICS = ["care leavers", "the front door", "children in care", "private fostering", "domestic abuse", "exploitation"]


def write_docs(folder: Path, count: int, paragraphs: int = 8) -> list[Path]:
    """`count` Markdown files of `paragraphs` distinct paragraphs, one passage each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        lines = [f"# Minutes of meeting {n}"]
        for k in range(paragraphs):
            topic = TOPICS[(n + k) % len(TOPICS)]
            lines.append(f"## Item {k}")
            lines.append(
                f"Item {k} of meeting {n}: members discussed {topic}. "
                + " ".join(f"Point {j} about {topic} was recorded in meeting {n}, item {k}." for j in range(12))
            )
        path = folder / f"meeting-{n:03d}.md"
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def expected_ids(path: Path, embedder, settings: Settings) -> set[str]:
    source = source_name(path)
    passages = chunk(load(path, source), file_hash(path), embedder.count_tokens, settings.max_passage_tokens, settings.min_passage_words)
    return {p.id for p in passages}


def stored_ids_by_source(store: Store) -> dict[str, Counter]:
    found: dict[str, Counter] = {}
    for p in store.passages():
        found.setdefault(p.source, Counter())[p.id] += 1
    return found


def assert_store_matches_folder(store: Store, folder: Path, embedder, settings: Settings) -> None:
    on_disk = {source_name(p): p for p in folder.iterdir() if p.suffix == ".md"}
    stored = stored_ids_by_source(store)
    assert set(stored) == set(on_disk), "the store holds passages of files that no longer exist, or misses some"
    for source, path in on_disk.items():
        assert set(stored[source]) == expected_ids(path, embedder, settings), source
        assert max(stored[source].values()) == 1
    assert store.count() == sum(len(c) for c in stored.values())
    assert {r.state for r in store.files().values()} == {"indexed"}


def cli_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", **extra}


# --- killed mid-run --------------------------------------------------------------


def test_an_indexer_killed_mid_run_is_completed_by_the_next_run(make_indexer, embedder, tmp_path):
    folder, store = tmp_path / "docs", tmp_path / "store"
    # Two passages a file, not eight: the kill needs many files, not much text in each, and the
    # text is what the model encodes (passages and their sentences), most of this test's time.
    paths = write_docs(folder, 40, paragraphs=2)
    # Small write batches (three files' passages, as before), so the kill lands between batches
    # that have been written.
    proc = subprocess.Popen(
        [sys.executable, "-m", "indexer", str(folder), "--store", str(store)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=cli_env(IA_WRITE_BATCH="6"),
    )
    progress = {"files": 0}

    def watch() -> None:
        buffer = b""
        while chunk_ := proc.stderr.read1(256):
            buffer = (buffer + chunk_)[-200:]
            counts = re.findall(rb"(\d+)/40", buffer)
            if counts:
                progress["files"] = int(counts[-1])

    reader = threading.Thread(target=watch, daemon=True)
    reader.start()
    deadline = time.monotonic() + 300
    while progress["files"] < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the indexer finished before it could be killed: give it more work"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    settings = Settings(store=store)
    after_kill = Store(settings).warm_up(create=False)
    done = [r for r in after_kill.files().values() if r.state == "indexed"]
    assert 0 < len(done) < 40, "the kill should land mid-run"
    del after_kill

    # Between the runs: files written before the kill, and files not reached, are deleted or changed.
    written = sorted(Path(r.source) for r in done)
    written[0].unlink()
    paths[-1].unlink()
    paths[-2].write_text(paths[-2].read_text(encoding="utf-8").replace("members discussed", "members questioned"), encoding="utf-8")

    summary = make_indexer(store=store).run([folder])

    assert summary.ok
    assert source_name(written[0]) in summary.removed
    assert_store_matches_folder(make_indexer(store=store).store, folder, embedder, settings)


def test_a_crash_after_writing_passages_but_before_the_manifest_leaves_nothing_behind(make_indexer, embedder, tmp_path):
    """The window a kill is least likely to hit, hit on purpose: passages are in the store,
    the manifest still says "writing", and the file is then deleted."""
    folder, store = tmp_path / "docs", tmp_path / "store"
    paths = write_docs(folder, 3, paragraphs=3)
    indexer = make_indexer(store=store)
    real = indexer.store.record_files
    calls = {"n": 0}

    def crash_on_second_call(records):
        calls["n"] += 1
        if calls["n"] == 2:  # the "indexed" mark, after the upsert
            raise KeyboardInterrupt("simulated crash")
        return real(records)

    indexer.store.record_files = crash_on_second_call
    with pytest.raises(KeyboardInterrupt):
        indexer.run([folder])
    assert indexer.store.count() > 0
    assert {r.state for r in indexer.store.files().values()} == {"writing"}

    paths[0].unlink()
    summary = make_indexer(store=store).run([folder])

    assert summary.removed == [source_name(paths[0])]
    assert_store_matches_folder(make_indexer(store=store).store, folder, embedder, Settings(store=store))


# --- two at once -------------------------------------------------------------------


def test_a_second_indexer_on_a_busy_store_refuses_with_a_clear_message_or_waits(make_indexer, tmp_path):
    folder, store = tmp_path / "docs", tmp_path / "store"
    write_docs(folder, 2, paragraphs=2)
    first = make_indexer(store=store)
    command = [sys.executable, "-m", "indexer", str(folder), "--store", str(store), "--quiet"]

    with first.store.writer_lock():
        refused = subprocess.run(command, capture_output=True, text=True, env=cli_env(), timeout=300)
        waiting = subprocess.Popen(command + ["--wait", "120"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env())
        time.sleep(3)
        assert waiting.poll() is None, "with --wait the second indexer queues behind the first"

    assert refused.returncode == 3
    assert "another indexer is writing" in refused.stderr and f"pid {os.getpid()}" in refused.stderr
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert "Indexed 2 file(s)" in out


# --- renamed and edited files ---------------------------------------------------------


def test_a_renamed_file_is_not_re_embedded_and_its_old_name_is_removed(make_indexer, embedder, tmp_path):
    folder = tmp_path / "docs"
    paths = write_docs(folder, 2, paragraphs=3)
    indexer = make_indexer()
    indexer.run([folder])

    renamed = paths[0].with_name("renamed minutes.md")
    paths[0].rename(renamed)
    summary = indexer.run([folder])

    assert summary.indexed == [(source_name(renamed), 3)]
    assert summary.passages_embedded == 0
    assert summary.removed == [source_name(paths[0])]
    assert_store_matches_folder(indexer.store, folder, embedder, indexer.settings)


def test_an_edited_file_re_embeds_only_the_passages_that_changed(make_indexer, embedder, tmp_path):
    folder = tmp_path / "docs"
    (path,) = write_docs(folder, 1, paragraphs=4)
    indexer = make_indexer()
    indexer.run([folder])

    path.write_text(path.read_text(encoding="utf-8").replace("Item 2 of meeting 0", "Item 2 (amended) of meeting 0"), encoding="utf-8")
    summary = indexer.run([folder])

    assert summary.passages_written == 4 and summary.passages_embedded == 1
    assert_store_matches_folder(indexer.store, folder, embedder, indexer.settings)


def test_status_lists_each_files_hash_metadata_and_state(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    (path,) = write_docs(folder, 1, paragraphs=2)
    indexer = make_indexer()
    indexer.run([folder])

    status = indexer.store.status()

    (entry,) = status["files"]
    assert entry["source"] == source_name(path) and entry["sha256"] == file_hash(path)
    assert entry["passages"] == 2 and entry["state"] == "indexed" and entry["kind"] == "committee minutes"
    assert status["total_passages"] == 2 and status["embedding_model"] == indexer.settings.embedding_model
