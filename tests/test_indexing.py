"""The indexer end to end: real files in, real Chroma store out; re-runs touch only what changed."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from indexer.pipeline import file_hash, source_name
from indexer.settings import DEFAULT_MODEL, Settings
from indexer.store import Store, StoreError
from tests.conftest import REPO
from tests.docs import make_docx, make_html, make_pdf

SUMMARY_KEYS = {
    "indexed", "unchanged", "skipped", "failed", "removed", "repaired",
    "passages_written", "passages_embedded", "total_passages", "seconds", "aborted",
}

MD_OLD = "Personal advisers stay in touch with care leavers and help them to find a settled home."
MD_NEW = "The leaving care service has moved to a new building next to the youth zone in the city centre."


def write_folder(folder: Path) -> dict[str, Path]:
    """Four small documents, one per format, that each make at least one passage."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "pdf": make_pdf(
            folder / "inspection-report.pdf",
            [
                [("h", "Overall effectiveness"), ("p", "Services for children in Manchester are good and have improved since 2017.")],
                [("h", "Care leavers"), ("p", "Care leavers are helped to find work, training and a place to live.")],
            ],
        ),
        "docx": make_docx(
            folder / "action-plan.docx",
            [("h1", "Action plan"), ("p", "The plan answers each area for improvement."), ("h2", "Actions")],
            table=[
                ["No.", "Area for improvement", "Lead"],
                ["1", "Supervision of social workers", "Head of Service"],
                ["2", "Return home interviews", "Service Manager"],
            ],
        ),
        "html": make_html(
            folder / "committee-minutes.html",
            "<nav><a href='/'>Home</a></nav><main><h1>Scrutiny Committee</h1>"
            "<p>The committee welcomed the inspection outcome and thanked staff.</p></main>",
        ),
        "md": folder / "briefing.md",
    }
    files["md"].write_text(f"# Member briefing\n\n{MD_OLD}\n\n## Next steps\n\nA monitoring visit is expected.\n", encoding="utf-8")
    return files


def junk_docx(path: Path) -> None:
    path.unlink()
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<not-word/>")


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    return write_folder(tmp_path / "docs")


@pytest.fixture
def folder(files) -> Path:
    return files["md"].parent


def sources(files) -> dict[str, str]:
    return {kind: source_name(path) for kind, path in files.items()}


def texts_of(store: Store, source: str | None = None) -> list[str]:
    return [p.text for p in store.passages() if source is None or p.source == source]


# --- first run --------------------------------------------------------------------


@pytest.fixture(scope="module")
def first_run(tmp_path_factory, embedder):
    """One first run over the four documents, shared by the tests that only read what it wrote:
    (the indexer, its summary, the files)."""
    from indexer.pipeline import Indexer

    root = tmp_path_factory.mktemp("first-run")
    files = write_folder(root / "docs")
    indexer = Indexer(Settings(store=root / "store"))
    indexer.embedder = embedder
    summary = indexer.warm_up().run([root / "docs"])
    return indexer, summary, files


def test_first_run_indexes_every_supported_file(first_run):
    indexer, summary, files = first_run
    names = sources(files)

    assert summary.ok
    assert {s for s, _ in summary.indexed} == set(names.values())
    assert all(n > 0 for _, n in summary.indexed)
    assert summary.unchanged == summary.skipped == summary.failed == summary.removed == []
    assert summary.passages_written == sum(n for _, n in summary.indexed)
    assert summary.total_passages == summary.passages_written == indexer.store.count()


def test_sources_of_files_outside_the_working_folder_are_absolute(first_run):
    indexer, _, files = first_run
    assert set(indexer.store.files()) == {path.resolve().as_posix() for path in files.values()}


def test_manifest_records_each_file_hash_and_passage_count(first_run):
    indexer, summary, files = first_run
    manifest = indexer.store.files()
    counts = dict(summary.indexed)
    for path in files.values():
        record = manifest[source_name(path)]
        assert record.sha256 == file_hash(path)
        assert record.passages == counts[record.source] == len(indexer.store.passage_ids(record.source))


def test_stored_passages_keep_page_title_kind_and_table_rows(first_run):
    indexer, _, files = first_run
    names = sources(files)
    by_source: dict[str, list] = {}
    for p in indexer.store.passages():
        by_source.setdefault(p.source, []).append(p)

    pdf = by_source[names["pdf"]]
    assert {p.page for p in pdf} == {1, 2}
    assert {p.kind.value for p in pdf} == {"inspection report"}
    care = next(p for p in pdf if "Care leavers are helped" in p.text)
    assert (care.page, care.heading) == (2, "Care leavers")

    rows = [p for p in by_source[names["docx"]] if p.is_table_row]
    assert sorted(p.verbatim for p in rows) == ["1\nSupervision of social workers\nHead of Service", "2\nReturn home interviews\nService Manager"]
    assert {p.title for p in by_source[names["docx"]]} == {"Action plan"}

    html = by_source[names["html"]]
    assert [p.text for p in html] == ["The committee welcomed the inspection outcome and thanked staff."]
    assert all(p.page is None for p in html)


# --- re-runs ----------------------------------------------------------------------


def test_reindex_of_unchanged_folder_embeds_nothing(make_indexer, folder, files):
    indexer = make_indexer()
    indexer.run([folder])
    count = indexer.store.count()
    ids = {s: sorted(indexer.store.passage_ids(s)) for s in sources(files).values()}

    again = indexer.run([folder])
    assert again.ok
    assert again.passages_written == 0
    assert again.indexed == []
    assert sorted(again.unchanged) == sorted(sources(files).values())
    assert again.total_passages == indexer.store.count() == count
    assert {s: sorted(indexer.store.passage_ids(s)) for s in ids} == ids


def test_a_new_indexer_on_the_same_store_sees_the_folder_as_unchanged(make_indexer, tmp_path, folder, files):
    make_indexer(store=tmp_path / "shared").run([folder])
    reopened = make_indexer(store=tmp_path / "shared").run([folder])
    assert reopened.passages_written == 0
    assert len(reopened.unchanged) == len(files)


def test_changed_file_is_replaced_and_other_files_are_untouched(make_indexer, folder, files):
    indexer = make_indexer()
    indexer.run([folder])
    names = sources(files)
    others = {k: sorted(indexer.store.passage_ids(s)) for k, s in names.items() if k != "md"}
    assert any(MD_OLD in t for t in texts_of(indexer.store, names["md"]))

    files["md"].write_text(f"# Member briefing\n\n{MD_NEW}\n\n## Next steps\n\nA monitoring visit is expected.\n", encoding="utf-8")
    summary = indexer.run([folder])

    assert [s for s, _ in summary.indexed] == [names["md"]]
    assert sorted(summary.unchanged) == sorted(s for k, s in names.items() if k != "md")
    all_texts = texts_of(indexer.store)
    assert not any(MD_OLD in t for t in all_texts)
    assert any(MD_NEW in t for t in texts_of(indexer.store, names["md"]))
    assert {k: sorted(indexer.store.passage_ids(names[k])) for k in others} == others

    stored = list(indexer.store.passages())
    assert indexer.store.count() == len(stored) == len({p.id for p in stored})
    assert indexer.store.count() == sum(r.passages for r in indexer.store.files().values())
    assert indexer.store.files()[names["md"]].sha256 == file_hash(files["md"])


def test_deleted_file_loses_its_passages_and_manifest_record(make_indexer, folder, files):
    indexer = make_indexer()
    first = indexer.run([folder])
    names = sources(files)
    docx_passages = dict(first.indexed)[names["docx"]]

    files["docx"].unlink()
    summary = indexer.run([folder])

    assert summary.removed == [names["docx"]]
    assert indexer.store.passage_ids(names["docx"]) == []
    assert names["docx"] not in indexer.store.files()
    assert not any(p.source == names["docx"] for p in indexer.store.passages())
    assert indexer.store.count() == first.total_passages - docx_passages == summary.total_passages
    assert sorted(summary.unchanged) == sorted(s for k, s in names.items() if k != "docx")


def test_indexing_one_folder_does_not_remove_files_of_another(make_indexer, tmp_path, folder, files):
    indexer = make_indexer()
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.md").write_text("# Notes\n\nFoster carers meet every month.\n", encoding="utf-8")
    indexer.run([folder])
    indexer.run([other])
    summary = indexer.run([folder])
    assert summary.removed == []
    assert source_name(other / "notes.md") in indexer.store.files()


# --- failures -----------------------------------------------------------------------


def test_corrupt_pdf_is_reported_and_the_good_files_are_indexed(make_indexer, folder, files):
    corrupt = folder / "scanned-report.pdf"
    corrupt.write_bytes(random.Random(3).randbytes(6000))
    indexer = make_indexer()
    summary = indexer.run([folder])

    assert not summary.ok
    assert [s for s, _ in summary.failed] == [source_name(corrupt)]
    assert "not a readable PDF" in summary.failed[0][1]
    assert {s for s, _ in summary.indexed} == set(sources(files).values())
    assert source_name(corrupt) not in indexer.store.files()
    assert indexer.store.passage_ids(source_name(corrupt)) == []


def test_file_broken_after_indexing_keeps_its_old_passages(make_indexer, folder, files):
    indexer = make_indexer()
    indexer.run([folder])
    name = source_name(files["docx"])
    ids_before = sorted(indexer.store.passage_ids(name))
    record_before = indexer.store.files()[name]
    assert ids_before

    junk_docx(files["docx"])
    summary = indexer.run([folder])

    assert not summary.ok
    assert [s for s, _ in summary.failed] == [name]
    assert "Word document" in summary.failed[0][1]
    assert summary.removed == []
    assert sorted(indexer.store.passage_ids(name)) == ids_before
    assert indexer.store.files()[name] == record_before

    # once it is repaired it is indexed again
    make_docx(files["docx"], [("h1", "Action plan"), ("p", "The repaired plan has a single paragraph now.")])
    repaired = indexer.run([folder])
    assert repaired.ok
    assert [s for s, _ in repaired.indexed] == [name]
    assert texts_of(indexer.store, name) == ["The repaired plan has a single paragraph now."]


def test_unsupported_files_are_skipped_with_a_reason_and_ignored_files_vanish(make_indexer, folder, files):
    (folder / "tracker.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "draft-plan.md").write_text("# Draft\n\nNot for publication.\n", encoding="utf-8")
    (folder / "old-briefing.md").write_text("# Old\n\nSuperseded briefing.\n", encoding="utf-8")
    (folder / "scratch.xlsx").write_bytes(b"ignored even though unsupported")
    (folder / ".hidden-notes.md").write_text("# Hidden\n\nEditor backup.\n", encoding="utf-8")
    (folder / ".indexignore").write_text("# drafts are private\ndrafts/*\nold-*.md\nscratch.xlsx\n", encoding="utf-8")

    indexer = make_indexer()
    summary = indexer.run([folder])

    assert summary.ok
    assert summary.skipped == [(source_name(folder / "tracker.xlsx"), "unsupported file type '.xlsx'")]
    ignored = {source_name(folder / p) for p in ("drafts/draft-plan.md", "old-briefing.md", "scratch.xlsx", ".hidden-notes.md", ".indexignore")}
    listed = (
        {s for s, _ in summary.indexed} | set(summary.unchanged) | {s for s, _ in summary.skipped}
        | {s for s, _ in summary.failed} | set(summary.removed)
    )
    assert not ignored & listed
    assert not ignored & set(indexer.store.files())
    assert not any("Not for publication" in t or "Superseded" in t for t in texts_of(indexer.store))
    assert {s for s, _ in summary.indexed} == set(sources(files).values())


def test_file_grown_over_the_size_limit_fails_and_keeps_its_old_passages(make_indexer, tmp_path, folder, files):
    store = tmp_path / "store"
    make_indexer(store=store).run([folder])
    name = source_name(files["docx"])
    ids_before = sorted(make_indexer(store=store).store.passage_ids(name))
    assert files["docx"].stat().st_size > 2000 > max(files[k].stat().st_size for k in ("md", "html"))

    strict = make_indexer(store=store, max_file_mb=0.002)
    summary = strict.run([folder])

    failed = dict(summary.failed)
    assert "larger than" in failed[name] and "IA_MAX_FILE_MB" in failed[name]
    assert not summary.ok
    assert summary.removed == []
    assert sorted(strict.store.passage_ids(name)) == ids_before
    assert name in strict.store.files()


def test_a_file_given_both_alone_and_inside_its_folder_is_indexed_once(make_indexer, folder, files):
    indexer = make_indexer()
    summary = indexer.run([folder, files["md"]])
    assert summary.ok
    assert sorted(s for s, _ in summary.indexed) == sorted(set(sources(files).values()))
    assert indexer.store.count() == sum(r.passages for r in indexer.store.files().values())


# --- the store ------------------------------------------------------------------------


def test_store_built_with_one_model_refuses_another(make_indexer, tmp_path, folder):
    store_dir = tmp_path / "store"
    make_indexer(store=store_dir).run([folder])

    other = Store(Settings(store=store_dir, embedding_model="some-other-model"))
    with pytest.raises(StoreError) as raised:
        other.warm_up(model_name="some-other-model", dimension=384)
    message = str(raised.value)
    assert DEFAULT_MODEL in message and "some-other-model" in message

    # the refusal changed nothing: the store still belongs to the model it was built with
    reopened = Store(Settings(store=store_dir)).warm_up(model_name=DEFAULT_MODEL, dimension=384)
    assert reopened.embedding_model == DEFAULT_MODEL
    assert reopened.count() > 0


def test_opening_a_missing_store_without_create_is_refused(tmp_path):
    with pytest.raises(StoreError, match="no index at"):
        Store(Settings(store=tmp_path / "nowhere")).warm_up(create=False)
    assert not (tmp_path / "nowhere").exists()


# --- the command line -------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IA_")}
    env["HF_HUB_OFFLINE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "indexer", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory):
    """One CLI run over two small files, shared by the CLI tests (each run loads the model)."""
    base = tmp_path_factory.mktemp("cli")
    folder = base / "docs"
    folder.mkdir()
    (folder / "briefing.md").write_text(f"# Member briefing\n\n{MD_OLD}\n", encoding="utf-8")
    make_html(folder / "minutes.html", "<main><h1>Minutes</h1><p>The committee noted the report.</p></main>")
    store = base / "store"
    result = cli(str(folder), "--store", str(store), "--json", "--quiet")
    return folder, store, result


def test_cli_prints_the_summary_as_json_and_exits_0(cli_index):
    folder, store, result = cli_index
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) == SUMMARY_KEYS
    assert sorted(i["source"] for i in summary["indexed"]) == sorted(
        source_name(folder / n) for n in ("briefing.md", "minutes.html")
    )
    assert summary["failed"] == [] and summary["total_passages"] == summary["passages_written"] > 0


def test_cli_exits_1_and_names_a_corrupt_file(cli_index):
    folder, store, _ = cli_index
    corrupt = folder / "broken.pdf"
    corrupt.write_bytes(random.Random(5).randbytes(3000))
    try:
        result = cli(str(folder), "--store", str(store), "--json", "--quiet")
    finally:
        corrupt.unlink()
    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)
    assert [f["source"] for f in summary["failed"]] == [source_name(corrupt)]
    assert "not a readable PDF" in summary["failed"][0]["reason"]
    assert len(summary["unchanged"]) == 2 and summary["passages_written"] == 0


def test_cli_status_lists_files_and_total_passages(cli_index):
    folder, store, first = cli_index
    result = cli("--status", "--store", str(store), "--json")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert sorted(f["source"] for f in status["files"]) == sorted(
        source_name(folder / n) for n in ("briefing.md", "minutes.html")
    )
    assert status["total_passages"] == json.loads(first.stdout)["total_passages"]
    assert status["embedding_model"] == DEFAULT_MODEL


def test_cli_status_of_a_missing_store_exits_3_with_a_message(tmp_path):
    missing = tmp_path / "no-store-here"
    result = cli("--status", "--store", str(missing), "--json")
    assert result.returncode == 3
    assert "no index at" in result.stderr and str(missing) in result.stderr
    assert result.stdout == ""
    assert not missing.exists()
