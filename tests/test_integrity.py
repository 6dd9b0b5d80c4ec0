"""The index always matches the files, and nothing from outside the folders gets in.

- A file rewritten while the indexer runs (a second process swapping it between two
  versions) is never recorded with a hash its passages don't match.
- The check at the start of a run (`--verify`, or a sample by default) finds and repairs a
  file whose stored passages don't match its recorded hash.
- Symbolic links to a file or a folder outside the folders given are skipped with the reason,
  also when the link is swapped in after the folder was listed; `--allow-outside-links`
  follows them.
- File names with newlines or control characters print on one line, escaped.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from indexer import cli, files, pipeline
from indexer.pipeline import source_name
from tests.test_bad_input import reasons, stored_texts

RACE_SECONDS = 3.0  # how long the second process swaps the files
RACE_FILES = 8


# Each version carries a large script (dropped by the HTML loader): reading the file then takes
# long enough for a save to land between two reads of it, which is how the race showed itself.
VERSIONS = """
def versions(n):
    padding = "/* " + "x" * 1_500_000 + " */"
    body = {
        "A": f"Version A of meeting {n}: members discussed care leavers and the local offer.",
        "B": f"Version B of meeting {n}: members discussed the front door and referrals. " * 3,
    }
    return tuple(
        f"<html><head><title>Minutes {n}</title><script>{padding}</script></head>"
        f"<body><main><h1>Minutes {n}</h1><p>{body[v]}</p></main></body></html>".encode()
        for v in "AB"
    )
"""
exec(VERSIONS)

SWAPPER = VERSIONS + textwrap.dedent(
    """
    import os, sys, time
    folder, seconds, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    end, turn = time.monotonic() + seconds, 0
    print("started", flush=True)
    while time.monotonic() < end:
        for n in range(count):
            data = versions(n)[turn % 2]
            path = os.path.join(folder, f"meeting-{n}.html")
            if (turn + n) % 4 == 0:  # an editor saving in place
                with open(path, "wb") as fh:
                    fh.write(data)
            else:  # an editor saving to a temporary file and renaming it over the old one
                tmp = path + ".swap~"
                with open(tmp, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
        turn += 1
    for n in range(count):  # leave every file whole, at version A
        tmp = os.path.join(folder, f"meeting-{n}.html.swap~")
        with open(tmp, "wb") as fh:
            fh.write(versions(n)[0])
        os.replace(tmp, os.path.join(folder, f"meeting-{n}.html"))
    """
)


def expected_ids(indexer, path: Path, data: bytes) -> set[str]:
    _, passages = indexer.passages_of(path, source_name(path), data, hashlib.sha256(data).hexdigest(), None)
    return {p.id for p in passages}


def test_a_file_swapped_between_two_versions_during_runs_is_never_stored_with_a_hash_its_passages_dont_match(
    make_indexer, tmp_path
):
    folder = tmp_path / "docs"
    folder.mkdir()
    # The swapper's temporary files are hidden from the indexer by .indexignore.
    (folder / ".indexignore").write_text("*.swap~\n")
    paths = [folder / f"meeting-{n}.html" for n in range(RACE_FILES)]
    for n, path in enumerate(paths):
        path.write_bytes(versions(n)[0])
    indexer = make_indexer(verify_sample=0)  # the start-of-run check must not be what saves it
    known: dict[tuple[str, str], set[str]] = {}  # (source, sha256) -> the passages that version gives
    for n, path in enumerate(paths):
        for data in versions(n):
            known[(source_name(path), hashlib.sha256(data).hexdigest())] = expected_ids(indexer, path, data)

    def check_store() -> int:
        checked = 0
        for source, record in indexer.store.files().items():
            want = known.get((source, record.sha256))
            if want is None or record.state != "indexed":
                continue  # a read between an in-place save's truncation and its write: empty, failed
            assert set(indexer.store.passage_ids(source)) == want, f"{source} stored with passages of another version"
            checked += 1
        return checked

    swapper = subprocess.Popen(
        [sys.executable, "-c", SWAPPER, str(folder), str(RACE_SECONDS), str(RACE_FILES)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert swapper.stdout.readline().strip() == "started"
        runs, checked = 0, 0
        # At least two runs however slow the machine: under a loaded CI one run took the swapper's
        # whole time, and the test failed on its count of runs, not on a wrong hash. A run after
        # the swapper stopped still checks what the racing run left in the store.
        while swapper.poll() is None or runs < 2:
            indexer.run([folder])
            runs += 1
            checked += check_store()
        assert swapper.wait(timeout=30) == 0
    finally:
        swapper.kill()
    assert runs >= 2 and checked, (runs, checked)

    # Quiet now: one more run, and every file's stored passages are those of its bytes on disk.
    summary = indexer.run([folder])
    assert summary.ok, summary.to_dict()
    manifest = indexer.store.files()
    for path in paths:
        data = path.read_bytes()
        record = manifest[source_name(path)]
        assert record.sha256 == hashlib.sha256(data).hexdigest(), source_name(path)
        assert set(indexer.store.passage_ids(source_name(path))) == expected_ids(indexer, path, data), source_name(path)


def test_a_file_that_changes_under_every_read_is_reported_and_keeps_its_old_passages(make_indexer, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "minutes.md"
    path.write_text("# Minutes\n\nMembers discussed care leavers.\n")
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    before = stored_texts(indexer.store)
    path.write_text("# Minutes\n\nMembers discussed the front door.\n")

    real_read_all = files._read_all

    def read_while_an_editor_saves(fd, max_bytes):
        data = real_read_all(fd, max_bytes)
        with open(path, "ab") as fh:  # the file grows under the read, every time
            fh.write(b"More.\n")
        return data

    monkeypatch.setattr(files, "_read_all", read_while_an_editor_saves)
    summary = indexer.run([folder])
    assert reasons(summary.skipped) == {source_name(path): "changed while reading; will be indexed next run"}
    assert stored_texts(indexer.store) == before
    monkeypatch.undo()
    summary = indexer.run([folder])
    assert [s for s, _ in summary.indexed] == [source_name(path)]


def store_version_b_under_version_a(indexer, path: Path, a: bytes, b: bytes) -> None:
    """What the race used to leave: the manifest names version A, the store holds B's passages."""
    path.write_bytes(b)
    assert indexer.run([path.parent]).ok
    source = source_name(path)
    record = indexer.store.files()[source]
    indexer.store.record_files([replace(record, sha256=hashlib.sha256(a).hexdigest())])
    path.write_bytes(a)


def test_verify_finds_and_repairs_a_file_whose_stored_passages_do_not_match_its_hash(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    a, b = versions(1)
    path = folder / "meeting-1.html"
    indexer = make_indexer(verify_sample=0)
    store_version_b_under_version_a(indexer, path, a, b)

    # Without a check the file is "unchanged", and stays wrong.
    summary = indexer.run([folder])
    assert summary.unchanged == [source_name(path)] and not summary.repaired
    assert set(indexer.store.passage_ids(source_name(path))) != expected_ids(indexer, path, a)

    summary = indexer.run([folder], verify=True)
    assert summary.repaired == [source_name(path)], summary.to_dict()
    assert set(indexer.store.passage_ids(source_name(path))) == expected_ids(indexer, path, a)
    assert any("Version A" in t for t in stored_texts(indexer.store))
    assert not any("Version B" in t for t in stored_texts(indexer.store))
    # A store that matches is left alone by --verify.
    again = indexer.run([folder], verify=True)
    assert again.unchanged == [source_name(path)] and not again.repaired and not again.indexed


def test_each_run_checks_a_sample_of_unchanged_files_by_default(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    a, b = versions(2)
    path = folder / "meeting-2.html"
    indexer = make_indexer()  # the default sample (IA_VERIFY_SAMPLE) covers a one-file folder
    store_version_b_under_version_a(indexer, path, a, b)
    summary = indexer.run([folder])
    assert summary.repaired == [source_name(path)]
    assert set(indexer.store.passage_ids(source_name(path))) == expected_ids(indexer, path, a)


# --- links ------------------------------------------------------------------------------------


def write_doc(path: Path, sentence: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# Notes\n\n{sentence}\n", encoding="utf-8")
    return path


def test_a_link_to_etc_passwd_is_skipped_with_the_reason_and_nothing_of_it_is_stored(make_indexer, tmp_path):
    folder = tmp_path / "corpus"
    good = write_doc(folder / "briefing.md", "Personal advisers stay in touch with care leavers.")
    (folder / "notes.txt").symlink_to("/etc/passwd")
    inside = folder / "same-briefing.md"
    inside.symlink_to(good)  # a link within the folder is fine (indexed once, at its first name)
    indexer = make_indexer()

    summary = indexer.run([folder])

    skipped = reasons(summary.skipped)
    assert "outside the indexed folders" in skipped[source_name(folder / "notes.txt")]
    assert "/etc/passwd" in skipped[source_name(folder / "notes.txt")]
    assert "--allow-outside-links" in skipped[source_name(folder / "notes.txt")]
    assert summary.ok  # skipped, not failed: exit code 0
    assert not any("root:" in t for t in stored_texts(indexer.store))
    assert source_name(folder / "notes.txt") not in indexer.store.files()


def test_a_link_to_a_folder_outside_is_skipped_and_allow_outside_links_follows_it(make_indexer, tmp_path):
    outside = tmp_path / "private"
    write_doc(outside / "salaries.md", "The director's salary review is confidential.")
    folder = tmp_path / "corpus"
    write_doc(folder / "briefing.md", "Personal advisers stay in touch with care leavers.")
    (folder / "shared").symlink_to(outside, target_is_directory=True)

    indexer = make_indexer()
    summary = indexer.run([folder])
    skipped = reasons(summary.skipped)
    assert "folder outside the indexed folders" in skipped[source_name(folder / "shared")], skipped
    assert not any("salary" in t for t in stored_texts(indexer.store))

    open_indexer = make_indexer(store=tmp_path / "store-open", allow_outside_links=True)
    summary = open_indexer.run([folder])
    assert source_name(folder / "shared" / "salaries.md") in {s for s, _ in summary.indexed}, summary.to_dict()
    assert any("salary" in t for t in stored_texts(open_indexer.store))


def test_a_link_swapped_in_after_the_folder_was_listed_is_not_read(make_indexer, tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    doc = write_doc(folder / "notes.txt", "The committee noted the report.")
    indexer = make_indexer()
    real_read_file = pipeline.read_file

    def swap_then_read(path, *args):
        if path.name == "notes.txt" and not path.is_symlink():
            path.unlink()
            path.symlink_to("/etc/passwd")
        return real_read_file(path, *args)

    monkeypatch.setattr(pipeline, "read_file", swap_then_read)
    summary = indexer.run([folder])
    assert "outside the indexed folders" in reasons(summary.failed)[source_name(doc)]
    assert not any("root:" in t for t in stored_texts(indexer.store))


def test_a_file_named_on_the_command_line_may_be_a_link_anywhere(make_indexer, tmp_path):
    outside = write_doc(tmp_path / "elsewhere" / "report.md", "Inspectors met care leavers.")
    link = tmp_path / "link-to-report.md"
    link.symlink_to(outside)
    summary = make_indexer().run([link])
    assert [s for s, _ in summary.indexed] == [source_name(link)]


# --- names on one line ----------------------------------------------------------------------------


def test_a_file_name_with_a_newline_prints_escaped_on_one_line(make_indexer, tmp_path, capsys):
    folder = tmp_path / "docs"
    path = write_doc(folder / "minutes\nFAKE 0 passages\x1b[31m.md", "Members discussed care leavers.")
    indexer = make_indexer()
    assert indexer.run([folder]).ok
    assert cli.main(["--status", "--store", str(indexer.settings.store)]) == 0
    out = capsys.readouterr().out
    lines = [l for l in out.splitlines() if "minutes" in l]
    assert len(lines) == 1, out
    assert "minutes\\nFAKE 0 passages\\x1b[31m.md" in lines[0]
    assert "\x1b" not in out
    assert not any(l.startswith("FAKE") for l in out.splitlines())
    # --json keeps the name exactly (JSON escapes it).
    assert cli.main(["--status", "--json", "--store", str(indexer.settings.store)]) == 0
    status = json.loads(capsys.readouterr().out)
    assert [f["source"] for f in status["files"]] == [source_name(path)]


def test_the_same_rule_is_offered_for_files_added_through_the_chat(tmp_path):
    from indexer.files import confined

    folder = tmp_path / "uploads"
    inside = write_doc(folder / "minutes.md", "Members noted the report.")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "alias.md").symlink_to(inside)
    assert confined(inside, [folder]) is None
    assert confined(folder / "alias.md", [folder]) is None
    assert "outside the indexed folders (/etc/passwd)" in confined(folder / "passwd.txt", [folder])
    assert confined(folder / "passwd.txt", [folder], allow_outside=True) is None


def test_the_verify_flag_repairs_from_the_command_line(make_indexer, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("IA_VERIFY_SAMPLE", "0")  # only the flag may find it
    folder = tmp_path / "docs"
    folder.mkdir()
    a, b = versions(3)
    path = folder / "meeting-3.html"
    indexer = make_indexer(verify_sample=0)
    store_version_b_under_version_a(indexer, path, a, b)
    capsys.readouterr()
    code = cli.main([str(folder), "--store", str(indexer.settings.store), "--verify", "--json", "--quiet"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["repaired"] == [source_name(path)], summary
