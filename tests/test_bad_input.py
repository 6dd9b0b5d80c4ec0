"""Bad input, made here by the tests: corrupt, encrypted, scanned and empty files, binary junk
named .txt, old encodings, oversized files, junk Word packages, hostile HTML, symbolic link
loops, a file that vanishes mid-run, a path with spaces and accents.

Each bad file is named in the summary with a reason a person understands (asserted on a stable
key phrase, not the whole sentence); every good file beside it is indexed and searchable; a
file already indexed keeps its passages when it turns bad; the command line's exit code says
whether anything failed, and `--strict` makes any failed or skipped file fatal, writing nothing.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from indexer import pipeline
from indexer.pipeline import Summary, source_name
from indexer.settings import Settings
from indexer.store import Store
from tests.conftest import REPO
from tests.docs import FONT, make_docx, make_html, make_pdf

PDF_SENTENCE = "Inspectors judged the help and protection of children in Manchester to be good."
DOCX_SENTENCE = "Supervision of social workers will be recorded monthly by team managers."
HTML_SENTENCE = "The scrutiny committee thanked staff for their work during the inspection."
MD_SENTENCE = "Personal advisers stay in touch with care leavers until they are twenty-five."


# --- good files ---------------------------------------------------------------------------


def write_good_files(folder: Path) -> dict[Path, str]:
    """One small document per format, each with a sentence that must end up in the store."""
    folder.mkdir(parents=True, exist_ok=True)
    make_pdf(folder / "inspection-report.pdf", [[("h", "Overall effectiveness"), ("p", PDF_SENTENCE)]])
    make_docx(folder / "action-plan.docx", [("h1", "Action plan"), ("p", DOCX_SENTENCE)])
    make_html(folder / "committee-minutes.html", f"<main><h1>Scrutiny Committee</h1><p>{HTML_SENTENCE}</p></main>")
    (folder / "briefing.md").write_text(f"# Member briefing\n\n{MD_SENTENCE}\n", encoding="utf-8")
    return {
        folder / "inspection-report.pdf": PDF_SENTENCE,
        folder / "action-plan.docx": DOCX_SENTENCE,
        folder / "committee-minutes.html": HTML_SENTENCE,
        folder / "briefing.md": MD_SENTENCE,
    }


def write_good_md(folder: Path, name: str = "briefing.md", sentence: str = MD_SENTENCE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"# Member briefing\n\n{sentence}\n", encoding="utf-8")
    return path


# --- bad files ------------------------------------------------------------------------------


def garbage_pdf(path: Path) -> None:
    """A PDF header, then nothing a PDF reader can use."""
    path.write_bytes(b"%PDF-1.4\n" + random.Random(11).randbytes(4000))


def truncated_pdf(path: Path) -> None:
    """A real PDF cut off half way, as an interrupted download or copy leaves it."""
    whole = make_pdf(path, [[("p", "This report was cut off half way through the download.")]]).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])


def encrypted_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", "", 12)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Restricted: the draft judgement before moderation.")
    pdf.set_encryption(owner_password="x", user_password="secret")
    pdf.output(str(path))


def scanned_pdf(path: Path) -> None:
    """A page holding only a picture of a page: what a scanner without OCR produces."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(picture).text((40, 40), "Scanned letter from the Director", fill="black")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=180)
    pdf.output(str(path))


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def binary_junk(path: Path) -> None:
    path.write_bytes(random.Random(12).randbytes(5000))


def binary_junk_without_nul(path: Path) -> None:
    """Binary with no NUL byte, so a NUL check alone would take it for text."""
    rng = random.Random(13)
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(5000)))


def zip_of_junk(path: Path) -> None:
    """A zip file, as a .docx is, whose members are random bytes."""
    rng = random.Random(14)
    with zipfile.ZipFile(path, "w") as z:
        for i in range(3):
            z.writestr(f"part{i}.bin", rng.randbytes(700))


def not_a_zip(path: Path) -> None:
    path.write_bytes(random.Random(15).randbytes(3000))


def old_word_format(path: Path) -> None:
    """The OLE header of a Word 97-2003 file (or a password-protected .docx) under a .docx name."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(16).randbytes(2000))


# (file name, maker, key phrase of the reason): each must be FAILED, not skipped.
FAILED_CASES = [
    ("garbage.pdf", garbage_pdf, "not a readable pdf"),
    ("truncated.pdf", truncated_pdf, "not a readable pdf"),
    ("encrypted.pdf", encrypted_pdf, "password-protected"),
    ("scanned.pdf", scanned_pdf, "ocr"),
    ("empty.txt", zero_bytes, "empty"),
    ("empty.pdf", zero_bytes, "empty"),
    ("junk.txt", binary_junk, "binary"),
    ("junk-no-nul.txt", binary_junk_without_nul, "binary"),
    ("junk.md", binary_junk, "binary"),
    ("zip-of-junk.docx", zip_of_junk, "not a readable word document"),
    ("random.docx", not_a_zip, "not a readable word document"),
    ("old-format.docx", old_word_format, ".doc"),
]

# (file name, key phrase): not a document type we read, so skipped, and the run is still ok.
SKIPPED_CASES = [
    ("tracker.xlsx", "unsupported file type '.xlsx'"),
    ("setup.exe", "unsupported file type '.exe'"),
]


# --- helpers -----------------------------------------------------------------------------------


def reasons(pairs: list[tuple[str, str]]) -> dict[str, str]:
    return {source: reason for source, reason in pairs}


def stored_texts(store: Store, source: str | None = None) -> list[str]:
    return [p.text for p in store.passages() if source is None or p.source == source]


def snapshot(store: Store) -> tuple[list[tuple[str, str, str]], dict]:
    """Everything a run could change: every passage (id, source, text) and the file manifest."""
    passages = sorted((p.id, p.source, p.text) for p in store.passages())
    return passages, store.files()


def every_named(summary: Summary) -> list[str]:
    return (
        [s for s, _ in summary.indexed] + summary.unchanged + [s for s, _ in summary.skipped]
        + [s for s, _ in summary.failed] + summary.removed
    )


# --- each bad file on its own, beside a good one -------------------------------------------------


@pytest.mark.parametrize("name, make_bad, phrase", FAILED_CASES, ids=[c[0] for c in FAILED_CASES])
def test_bad_file_is_failed_with_a_reason_and_the_good_file_beside_it_is_indexed(make_indexer, tmp_path, name, make_bad, phrase):
    folder = tmp_path / "docs"
    good = write_good_md(folder)
    bad = folder / name
    make_bad(bad)
    indexer = make_indexer()

    summary = indexer.run([folder])

    assert not summary.ok
    failed = reasons(summary.failed)
    assert list(failed) == [source_name(bad)], summary.to_dict()
    assert phrase in failed[source_name(bad)].lower()
    assert summary.skipped == []
    assert [s for s, _ in summary.indexed] == [source_name(good)]
    assert source_name(bad) not in indexer.store.files()
    assert indexer.store.passage_ids(source_name(bad)) == []


@pytest.mark.parametrize("name, phrase", SKIPPED_CASES, ids=[c[0] for c in SKIPPED_CASES])
def test_unsupported_file_is_skipped_with_a_reason_and_does_not_fail_the_run(make_indexer, tmp_path, name, phrase):
    folder = tmp_path / "docs"
    good = write_good_md(folder)
    (folder / name).write_bytes(b"PK\x03\x04" + random.Random(17).randbytes(500))
    indexer = make_indexer()

    summary = indexer.run([folder])

    assert summary.ok
    assert summary.failed == []
    assert reasons(summary.skipped) == {source_name(folder / name): phrase}
    assert [s for s, _ in summary.indexed] == [source_name(good)]


# --- all together -------------------------------------------------------------------------------


def test_every_good_file_is_indexed_and_searchable_beside_every_bad_one(make_indexer, embedder, tmp_path):
    folder = tmp_path / "docs"
    good = write_good_files(folder)
    for name, make_bad, _ in FAILED_CASES:
        make_bad(folder / name)
    for name, _ in SKIPPED_CASES:
        (folder / name).write_bytes(b"MZ" + random.Random(18).randbytes(300))
    indexer = make_indexer()

    summary = indexer.run([folder])

    assert not summary.ok
    assert {s for s, _ in summary.indexed} == {source_name(p) for p in good}
    assert {s for s, _ in summary.failed} == {source_name(folder / n) for n, _, _ in FAILED_CASES}
    assert {s for s, _ in summary.skipped} == {source_name(folder / n) for n, _ in SKIPPED_CASES}
    named = every_named(summary)
    assert len(named) == len(set(named)), "a file is named twice in the summary"
    for source, reason in summary.failed + summary.skipped:
        # each one recognised for what it is, not caught as a parser crash
        assert reason and "\n" not in reason and "Traceback" not in reason, (source, reason)
        assert not reason.startswith("could not be parsed"), (source, reason)
    assert set(indexer.store.files()) == {source_name(p) for p in good}

    for path, sentence in good.items():
        texts = stored_texts(indexer.store, source_name(path))
        assert any(sentence in t for t in texts), (path.name, texts)
        # searchable: the sentence's own embedding finds its passage first
        best_id, _ = indexer.store.search(embedder.encode([sentence])[0], k=1)[0]
        assert best_id in indexer.store.passage_ids(source_name(path))


# --- text in old encodings ------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, sentence",
    [
        ("cp1252", "The council’s “Staying Close” scheme cost £1.2m – agreed by the panel."),
        ("latin-1", "Le comité a approuvé le rapport: coût £350, réunion à Manchester."),
        ("utf-16", "Children’s services spent £40,000 on the café for care leavers."),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_in_an_old_encoding_is_indexed_with_the_right_characters(make_indexer, tmp_path, encoding, sentence, suffix):
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / f"legacy-notes{suffix}"
    path.write_bytes(f"Legacy notes\r\n\r\n{sentence}\r\n".encode(encoding))
    indexer = make_indexer()

    summary = indexer.run([folder])

    assert summary.ok and summary.failed == [], summary.to_dict()
    assert [s for s, _ in summary.indexed] == [source_name(path)]
    texts = stored_texts(indexer.store, source_name(path))
    assert any(sentence in t for t in texts), texts
    assert not any("\ufffd" in t or "â€" in t or "Ã" in t for t in texts), texts


# --- hostile HTML ---------------------------------------------------------------------------------


def test_html_script_is_indexed_without_the_script_text(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "minutes.html"
    path.write_text(
        "<!doctype html><html><head><title>Minutes</title><script>alert(1)</script></head><body>"
        f"<main><h1>Scrutiny Committee</h1><p>{HTML_SENTENCE}</p>"
        "<script>alert(1)</script>"
        "<p>The chair closed the meeting.<script>document.write('injected-marker')</script></p>"
        "<script type='text/javascript'>var tracker = 'inline-script-marker';</script></main></body></html>",
        encoding="utf-8",
    )
    indexer = make_indexer()

    summary = indexer.run([folder])

    assert summary.ok and [s for s, _ in summary.indexed] == [source_name(path)]
    text = " ".join(stored_texts(indexer.store))
    assert HTML_SENTENCE in text and "The chair closed the meeting." in text
    for script in ("alert", "injected-marker", "inline-script-marker", "document.write", "var tracker"):
        assert script not in text


def test_deeply_nested_html_is_indexed_or_failed_with_a_reason_and_the_run_goes_on(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    good = write_good_md(folder)
    depth = 3000
    deep = make_html(folder / "nested.html", "<main>" + "<div>" * depth + f"<p>{HTML_SENTENCE}</p>" + "</div>" * depth + "</main>")
    indexer = make_indexer()

    summary = indexer.run([folder])

    assert source_name(good) in {s for s, _ in summary.indexed}
    failed = reasons(summary.failed)
    if source_name(deep) in failed:
        assert "nested" in failed[source_name(deep)].lower(), failed
    else:
        assert source_name(deep) in {s for s, _ in summary.indexed}, summary.to_dict()
        assert any(HTML_SENTENCE in t for t in stored_texts(indexer.store, source_name(deep)))


# --- names and places -------------------------------------------------------------------------------


def test_path_with_spaces_and_accents_is_indexed_and_its_source_recorded_exactly(make_indexer, tmp_path):
    relative = "Comités et procès-verbaux/Rapport d’inspection 2022.md"
    path = tmp_path / relative
    write_good_md(path.parent, path.name)
    indexer = make_indexer()

    summary = indexer.run([tmp_path / "Comités et procès-verbaux"])

    expected = Path(os.path.abspath(path)).as_posix()
    assert expected.endswith(relative)
    assert summary.ok and summary.indexed == [(expected, 1)]
    assert list(indexer.store.files()) == [expected]
    assert {p.source for p in indexer.store.passages()} == {expected}
    # the recorded name is stable: the next run finds the same file unchanged
    again = indexer.run([tmp_path / "Comités et procès-verbaux"])
    assert again.unchanged == [expected] and again.indexed == again.failed == again.removed == []


def test_symlink_loops_end_the_run_with_a_reason_and_a_folder_loop_is_not_followed(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    good = write_good_md(folder)
    sub_note = write_good_md(folder / "sub", "note.md", DOCX_SENTENCE)
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")
    os.symlink("..", folder / "sub" / "loop")
    indexer = make_indexer()

    summary = indexer.run([folder])

    assert {s for s, _ in summary.indexed} == {source_name(good), source_name(sub_note)}
    problems = reasons(summary.failed) | reasons(summary.skipped)
    for link in ("a.txt", "b.txt"):
        reason = problems[source_name(folder / link)].lower()
        assert "symbolic link" in reason, reason
    assert not any("/loop/" in s for s in every_named(summary))
    assert not any("/loop/" in s for s in indexer.store.files())


def test_file_that_vanishes_mid_run_is_failed_and_the_others_are_indexed(make_indexer, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    first = write_good_md(folder, "a-first.md", MD_SENTENCE)
    doomed = write_good_md(folder, "b-deleted.md", DOCX_SENTENCE)
    last = write_good_md(folder, "c-last.md", HTML_SENTENCE)
    real_read_file = pipeline.read_file
    calls = []

    def delete_doomed_then_hash(path: Path, *args):
        # Another process deletes b-deleted.md after discovery, while a-first.md is read.
        if not calls:
            doomed.unlink()
        calls.append(path)
        return real_read_file(path, *args)

    monkeypatch.setattr(pipeline, "read_file", delete_doomed_then_hash)
    idx = make_indexer()

    summary = idx.run([folder])

    assert calls and calls[0] == first, "the hook did not run before the doomed file was read"
    assert not summary.ok
    failed = reasons(summary.failed)
    assert list(failed) == [source_name(doomed)]
    assert "disappeared" in failed[source_name(doomed)].lower(), failed
    assert {s for s, _ in summary.indexed} == {source_name(first), source_name(last)}
    assert source_name(doomed) not in idx.store.files()


def test_file_over_the_size_limit_is_failed_naming_the_limit(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    good = write_good_md(folder)
    big = folder / "full-minutes-archive.txt"
    paragraph = "The committee considered the report of the Director of Children's Services. " * 10
    big.write_text("Archive\n\n" + "\n\n".join([paragraph] * 1800), encoding="utf-8")
    assert big.stat().st_size > 1_000_000
    indexer = make_indexer(max_file_mb=1)

    summary = indexer.run([folder])

    assert not summary.ok
    failed = reasons(summary.failed)
    assert list(failed) == [source_name(big)], summary.to_dict()
    reason = failed[source_name(big)]
    assert "larger than" in reason and "1 MB" in reason and "IA_MAX_FILE_MB" in reason
    assert [s for s, _ in summary.indexed] == [source_name(good)]
    assert source_name(big) not in indexer.store.files()


def test_a_pipe_named_txt_does_not_hang_the_run(make_indexer, tmp_path):
    """A named pipe in the folder: opening it to read would wait for a writer for ever."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX only")
    folder = tmp_path / "docs"
    good = write_good_md(folder)
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    done, opened_for_reading = threading.Event(), threading.Event()

    def release_a_blocked_reader() -> None:
        # Opening the write end without blocking succeeds only while someone waits to read:
        # then the indexer is stuck on the pipe. Closing it gives that reader end-of-file.
        while not done.is_set():
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                opened_for_reading.set()
            except OSError:
                pass
            done.wait(0.2)

    watcher = threading.Thread(target=release_a_blocked_reader, daemon=True)
    watcher.start()
    try:
        summary = make_indexer().run([folder])
    finally:
        done.set()
        watcher.join()

    assert not opened_for_reading.is_set(), "the indexer opened the pipe and waited on it"
    problems = reasons(summary.failed) | reasons(summary.skipped)
    assert "not a regular file" in problems[source_name(fifo)], problems
    assert [s for s, _ in summary.indexed] == [source_name(good)]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_failed_naming_the_permission(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    good = write_good_md(folder)
    locked = write_good_md(folder, "locked.md", DOCX_SENTENCE)
    locked.chmod(0)
    try:
        summary = make_indexer().run([folder])
    finally:
        locked.chmod(0o644)

    assert "permission" in reasons(summary.failed)[source_name(locked)].lower()
    assert [s for s, _ in summary.indexed] == [source_name(good)]


# --- nothing indexed is lost -----------------------------------------------------------------


@pytest.mark.parametrize(
    "make_bad, phrase",
    [(truncated_pdf, "not a readable pdf"), (encrypted_pdf, "password-protected"), (zero_bytes, "empty")],
    ids=["truncated", "encrypted", "emptied"],
)
def test_indexed_pdf_replaced_by_a_bad_one_is_failed_and_keeps_its_old_passages(make_indexer, tmp_path, make_bad, phrase):
    folder = tmp_path / "docs"
    good = write_good_files(folder)
    pdf = folder / "inspection-report.pdf"
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    before = snapshot(indexer.store)
    assert any(PDF_SENTENCE in t for t in stored_texts(indexer.store, source_name(pdf)))

    make_bad(pdf)
    summary = indexer.run([folder])

    assert not summary.ok
    failed = reasons(summary.failed)
    assert list(failed) == [source_name(pdf)] and phrase in failed[source_name(pdf)].lower()
    assert summary.removed == [] and summary.indexed == []
    assert sorted(summary.unchanged) == sorted(source_name(p) for p in good if p != pdf)
    assert snapshot(indexer.store) == before


# --- the command line ---------------------------------------------------------------------------


def cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IA_")}
    env["HF_HUB_OFFLINE"] = "1"
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "indexer", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def open_store(path: Path) -> Store:
    return Store(Settings(store=path)).warm_up(create=False)


SUMMARY_KEYS = {"indexed", "unchanged", "skipped", "failed", "removed"}


def test_cli_exits_0_when_files_are_only_skipped(tmp_path):
    folder = tmp_path / "docs"
    good = write_good_md(folder)
    (folder / "tracker.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")

    result = cli(str(folder), "--store", str(tmp_path / "store"), "--json", "--quiet")

    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert SUMMARY_KEYS <= set(summary)
    assert [i["source"] for i in summary["indexed"]] == [source_name(good)]
    assert summary["skipped"] == [{"source": source_name(folder / "tracker.xlsx"), "reason": "unsupported file type '.xlsx'"}]
    assert summary["failed"] == []


def test_cli_exits_1_and_names_each_failed_file_with_its_reason(tmp_path):
    folder = tmp_path / "docs"
    good = write_good_md(folder)
    encrypted_pdf(folder / "restricted.pdf")
    zero_bytes(folder / "empty.txt")
    store = tmp_path / "store"

    result = cli(str(folder), "--store", str(store), "--json", "--quiet")

    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)
    failed = {f["source"]: f["reason"] for f in summary["failed"]}
    assert set(failed) == {source_name(folder / "restricted.pdf"), source_name(folder / "empty.txt")}
    assert "password-protected" in failed[source_name(folder / "restricted.pdf")]
    assert "empty" in failed[source_name(folder / "empty.txt")]
    assert [i["source"] for i in summary["indexed"]] == [source_name(good)]
    # what the CLI wrote is what this process reads back (the --strict tests rely on it)
    assert any(MD_SENTENCE in t for t in stored_texts(open_store(store), source_name(good)))


@pytest.mark.parametrize(
    "bad_name, make_bad",
    [("garbage.pdf", garbage_pdf), ("tracker.xlsx", lambda p: p.write_bytes(b"PK\x03\x04 a spreadsheet"))],
    ids=["failed", "skipped"],
)
def test_cli_strict_makes_a_failed_or_skipped_file_fatal_and_writes_nothing(make_indexer, tmp_path, bad_name, make_bad):
    folder = tmp_path / "docs"
    changed = write_good_md(folder)
    store = tmp_path / "store"
    make_indexer(store=store).run([folder])
    before = snapshot(open_store(store))
    assert before[0], "the store should hold the first run's passages"

    # A changed file and a new one that a normal run would write, beside the bad one.
    write_good_md(folder, changed.name, "The briefing was rewritten after the monitoring visit in June.")
    write_good_md(folder, "new-briefing.md", "A new briefing about the fostering recruitment campaign.")
    make_bad(folder / bad_name)

    result = cli(str(folder), "--store", str(store), "--strict", "--json", "--quiet")

    assert result.returncode == 1, (result.returncode, result.stderr)
    assert bad_name in result.stdout + result.stderr
    assert snapshot(open_store(store)) == before


def test_cli_usage_errors_exit_2(tmp_path):
    store = str(tmp_path / "store")
    no_paths = cli("--store", store)
    unknown_flag = cli(str(tmp_path), "--store", store, "--no-such-flag")
    bad_limit = cli(str(tmp_path), "--store", store, env_extra={"IA_MAX_FILE_MB": "0"})

    assert (no_paths.returncode, unknown_flag.returncode, bad_limit.returncode) == (2, 2, 2)
    assert "max_file_mb" in bad_limit.stderr
    assert not Path(store).exists()


def test_cli_exits_3_when_the_store_is_unusable(tmp_path):
    folder = tmp_path / "docs"
    write_good_md(folder)
    store = tmp_path / "store"
    store.mkdir()
    (store / "chroma.sqlite3").write_bytes(b"this is not a database " * 200)

    result = cli(str(folder), "--store", str(store), "--json", "--quiet")

    assert result.returncode == 3, (result.returncode, result.stderr)
    assert "store" in result.stderr and str(store) in result.stderr
