"""No garbage gets in: one content check for every text-like format, UTF-16 without a byte-order
mark, PDF furniture that never removes everything, the right message for empty and blank PDFs,
HTML too large to parse in bounded memory, and metadata errors that name their field."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from indexer.loaders import LoadError, load
from indexer.pipeline import source_name
from tests.docs import make_docx, make_image_pdf, make_pdf
from tests.test_bad_input import reasons, stored_texts

SENTENCE = "Children’s services spent £40,000 on the café for care leavers."


@pytest.mark.parametrize("name", ["junk.html", "junk.htm", "junk.txt", "junk.md"])
def test_random_bytes_are_refused_as_binary_whatever_the_extension(make_indexer, tmp_path, name):
    folder = tmp_path / "docs"
    folder.mkdir()
    junk = folder / name
    junk.write_bytes(random.Random(50).randbytes(50_000))
    good = folder / "briefing.md"
    good.write_text(f"# Briefing\n\n{SENTENCE}\n", encoding="utf-8")
    indexer = make_indexer()

    summary = indexer.run([folder])

    assert "binary content" in reasons(summary.failed)[source_name(junk)]
    assert [s for s, _ in summary.indexed] == [source_name(good)]
    assert source_name(junk) not in indexer.store.files()


def test_binary_html_without_nul_bytes_is_refused(tmp_path):
    rng = random.Random(51)
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body>" + bytes(rng.randrange(1, 256) for _ in range(20_000)) + b"</body></html>")
    with pytest.raises(LoadError, match="binary content"):
        load(path, "page.html")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, encoding, suffix):
    path = tmp_path / f"notes{suffix}"
    text = f"Notes\n\n{SENTENCE}\n"
    if suffix == ".html":
        text = f"<html><head><title>Notes</title></head><body><main><h1>Notes</h1><p>{SENTENCE}</p></main></body></html>"
    data = text.encode(encoding)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    path.write_bytes(data)
    document = load(path, path.name)
    assert any(SENTENCE in b.text for b in document.blocks), [b.text for b in document.blocks]


def test_html_over_the_parsing_limit_is_refused_with_the_limit_named(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    page = folder / "huge.html"
    page.write_text("<html><body><p>" + "Members discussed care leavers. " * 40_000 + "</p></body></html>")
    summary = make_indexer(max_html_mb=1).run([folder])
    reason = reasons(summary.failed)[source_name(page)]
    assert "IA_MAX_HTML_MB" in reason and "1 MB" in reason, reason


# --- PDF ------------------------------------------------------------------------------------------


def test_a_pdf_whose_pages_repeat_the_same_short_text_keeps_it(tmp_path):
    notice = "This notice is displayed in every children's home in the borough."
    path = make_pdf(tmp_path / "notice.pdf", [[("p", notice)] for _ in range(5)])
    document = load(path, "notice.pdf")
    assert [b.text for b in document.blocks] == [notice] * 5
    assert [b.page for b in document.blocks] == [1, 2, 3, 4, 5]


def test_running_headers_are_still_removed_beside_real_content(tmp_path):
    pages = [[("p", f"Page {n} says something different about supervision, number {n}.")] for n in range(1, 6)]
    path = make_pdf(tmp_path / "report.pdf", pages, header="Ofsted inspection report: Wigan", footer="Page {page} of {pages}")
    texts = [b.text for b in load(path, "report.pdf").blocks]
    assert not any("Ofsted inspection report" in t or "of 5" in t for t in texts), texts
    assert len(texts) == 5


def test_a_pdf_with_no_pages_is_reported_as_empty_not_as_a_scan(tmp_path):
    from pypdf import PdfWriter

    path = tmp_path / "empty.pdf"
    with open(path, "wb") as fh:
        PdfWriter().write(fh)
    with pytest.raises(LoadError) as raised:
        load(path, "empty.pdf")
    assert "no pages" in str(raised.value) and "OCR" not in str(raised.value)


def test_a_pdf_of_blank_pages_is_not_called_a_scan(tmp_path):
    path = make_pdf(tmp_path / "blank.pdf", [[], []])
    with pytest.raises(LoadError) as raised:
        load(path, "blank.pdf")
    assert "no text and no images" in str(raised.value) and "OCR" not in str(raised.value)


def test_a_pdf_of_page_images_is_still_called_a_scan(tmp_path):
    path = make_image_pdf(tmp_path / "scan.pdf", pages=2)
    with pytest.raises(LoadError, match="images with no text layer.*OCR"):
        load(path, "scan.pdf")


def test_text_extracted_from_a_docx_that_is_not_text_is_refused(tmp_path):
    # Private-use characters: what a document set in a symbol font with no Unicode map gives.
    junk = "".join(chr(0xE000 + i % 6000) for i in range(400))
    path = make_docx(tmp_path / "plan.docx", [("h1", "Action plan"), ("p", junk)])
    with pytest.raises(LoadError, match="binary content.*extracted from this DOCX"):
        load(path, "plan.docx")


# --- metadata errors name the field ---------------------------------------------------------------


@pytest.mark.parametrize(
    "front_matter",
    [
        "date: 2023-02-30",  # YAML's own date type refused this before the field was known
        "date: " + "9" * 4301,  # Python's 4,300-digit limit on int()
        "date: 12345",
        "date: next Tuesday",
        "title: Minutes\ndate: [2023, 3]",
    ],
)
def test_a_bad_front_matter_date_names_the_date_field(tmp_path, front_matter):
    path = tmp_path / "minutes.md"
    path.write_text(f"---\n{front_matter}\n---\n# Minutes\n\n{SENTENCE}\n", encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load(path, "minutes.md")
    message = str(raised.value)
    assert "field 'date'" in message, message
    assert "4300" not in message and "limit" not in message
    assert len(message) < 400, message


@pytest.mark.parametrize(
    "name, body",
    [
        ("minutes.html.meta.json", '{"date": ' + "9" * 4301 + "}"),
        ("minutes.html.meta.json", '{"date": 20230230}'),
        ("minutes.html.meta.yaml", "date: 2023-02-30\n"),
        ("minutes.html.meta.yaml", "kind: minutes\ngrades: [Good]\n"),
    ],
)
def test_a_bad_sidecar_value_names_its_field(tmp_path, name, body):
    page = tmp_path / "minutes.html"
    page.write_text(f"<html><body><main><h1>Minutes</h1><p>{SENTENCE}</p></main></body></html>")
    (tmp_path / name).write_text(body, encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load(page, "minutes.html")
    message = str(raised.value)
    field = "grades" if "grades" in body else "date"
    assert name in message and f"field '{field}'" in message, message
    assert "4300" not in message and len(message) < 400, message


def test_a_good_front_matter_still_overrides(tmp_path):
    path = tmp_path / "minutes.md"
    path.write_text(
        "---\nkind: action plan\nauthority: Stockton\ndate: 2023-03-10\ngrades:\n  Overall effectiveness: Good\n---\n"
        f"# Minutes\n\n{SENTENCE}\n",
        encoding="utf-8",
    )
    document = load(path, "minutes.md")
    assert (document.kind.value, document.authority, document.date) == ("action plan", "Stockton-on-Tees", "2023-03-10")
    assert document.grades == (("Overall effectiveness", "Good"),)


def test_html_with_too_many_tags_is_refused_before_parsing(make_indexer, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    page = folder / "tags.html"
    page.write_text("<html><body><main><p>" + "<b>ab</b> " * 30_000 + "</p></main></body></html>")
    summary = make_indexer(max_html_tags=50_000).run([folder])
    reason = reasons(summary.failed)[source_name(page)]
    assert "IA_MAX_HTML_TAGS" in reason and "60,00" in reason, reason
