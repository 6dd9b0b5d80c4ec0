"""Chunking packs blocks into passages the real embedding model reads whole, never across a page."""

from __future__ import annotations

import random

import pytest

from indexer.chunking import chunk
from indexer.loaders import load
from indexer.settings import Settings
from indexer.types import Block, DocKind, ParsedDocument
from tests.docs import make_docx, make_html, make_pdf

MAX_TOKENS = Settings().max_passage_tokens
MIN_WORDS = Settings().min_passage_words

SUBJECTS = [
    "Social workers", "Leaders", "Personal advisers", "Independent reviewing officers", "Managers",
    "Foster carers", "Partner agencies", "The virtual school", "Elected members", "Team managers",
]
VERBS = [
    "visit", "support", "review the plans of", "listen carefully to", "advocate for",
    "record the views of", "meet regularly with", "track the progress of", "challenge decisions about",
]
OBJECTS = [
    "children in care", "care leavers aged 18 to 25", "disabled children", "young carers",
    "children subject to child protection plans", "unaccompanied asylum-seeking children",
    "families receiving early help", "children missing from education", "children at risk of exploitation",
]
TAILS = [
    "in every locality", "within agreed timescales", "with clear and measurable actions",
    "so that their needs are understood", "although recording is not always up to date",
    "and the quality of this work has improved since 2017", "in line with statutory guidance",
    "which helps them to feel safe and settled", "except in a small number of cases",
]


def sentences(seed: int, n: int) -> list[str]:
    r = random.Random(seed)
    return [f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}." for _ in range(n)]


def paragraph(seed: int, n: int) -> str:
    return " ".join(sentences(seed, n))


def words_of(text: str) -> list[str]:
    return text.split()


@pytest.fixture
def count_tokens(embedder):
    return embedder.count_tokens


def make_doc(blocks: list[Block], source: str = "doc.md", title: str = "Inspection report") -> ParsedDocument:
    return ParsedDocument(source=source, title=title, kind=DocKind.INSPECTION_REPORT, blocks=blocks)


# --- a long multi-page PDF -------------------------------------------------------


@pytest.fixture(scope="module")
def long_report(tmp_path_factory):
    pages = []
    seed = 0
    for page in range(6):
        content = [("h", f"Section {page + 1} findings")]
        for n in (2, 9, 4, 16, 3):  # short and long paragraphs, some of which fill the budget
            seed += 1
            content.append(("p", paragraph(seed, n)))
        pages.append(content)
    path = make_pdf(tmp_path_factory.mktemp("long") / "long-report.pdf", pages)
    return load(path, "long-report.pdf")


def test_long_report_has_several_pages_and_passages(long_report, count_tokens):
    passages = chunk(long_report, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert len({b.page for b in long_report.blocks}) >= 6
    assert len(passages) > len({b.page for b in long_report.blocks})


def test_every_passage_fits_the_token_budget(long_report, count_tokens):
    passages = chunk(long_report, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    over = [(p.ordinal, count_tokens(p.text)) for p in passages if count_tokens(p.text) > MAX_TOKENS]
    assert not over


def test_every_passage_comes_from_one_page(long_report, count_tokens):
    passages = chunk(long_report, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    page_text = {}
    for block in long_report.blocks:
        page_text.setdefault(block.page, []).append(block.text)
    flat = {page: " ".join(" ".join(texts).split()) for page, texts in page_text.items()}
    for p in passages:
        assert p.page is not None
        assert " ".join(p.text.split()) in flat[p.page], f"passage {p.ordinal} is not all from page {p.page}"


def test_long_report_passages_keep_every_word_in_order(long_report, count_tokens):
    passages = chunk(long_report, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert words_of(" ".join(p.text for p in passages)) == words_of(" ".join(b.text for b in long_report.blocks))
    assert [p.ordinal for p in passages] == list(range(len(passages)))


def test_smaller_budget_gives_more_passages_all_within_it(long_report, count_tokens):
    small = chunk(long_report, "hash", count_tokens, 64, MIN_WORDS)
    normal = chunk(long_report, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert len(small) > len(normal)
    assert max(count_tokens(p.text) for p in small) <= 64


# --- one very long paragraph -----------------------------------------------------


def test_very_long_paragraph_is_split_within_budget_without_losing_words(count_tokens):
    text = paragraph(seed=2024, n=160)
    assert len(text.split()) > 1500
    doc = make_doc([Block(text=text, page=4, heading="Care leavers")])
    passages = chunk(doc, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert len(passages) >= 5
    assert all(count_tokens(p.text) <= MAX_TOKENS for p in passages)
    assert words_of(" ".join(p.text for p in passages)) == words_of(text)
    assert {(p.page, p.heading) for p in passages} == {(4, "Care leavers")}


def test_long_paragraph_splits_at_sentence_ends(count_tokens):
    text = paragraph(seed=7, n=60)
    doc = make_doc([Block(text=text, page=1)])
    passages = chunk(doc, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert len(passages) > 1
    assert all(p.text.endswith(".") for p in passages)


def test_run_on_text_without_full_stops_is_split_within_budget(count_tokens):
    text = " ".join(w for s in sentences(11, 80) for w in s.rstrip(".").split())  # no sentence ends at all
    doc = make_doc([Block(text=text, page=1)])
    passages = chunk(doc, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert len(passages) > 1
    assert all(count_tokens(p.text) <= MAX_TOKENS for p in passages)
    assert words_of(" ".join(p.text for p in passages)) == words_of(text)


def test_run_on_text_whose_words_grow_denser_stays_within_budget(count_tokens):
    # Minutes often end a paragraph with a long unpunctuated run of document links; plain words
    # take one word piece each, a link a dozen or more. The word-count split must still respect the budget.
    plain = " ".join(w for s in sentences(3, 20) for w in s.rstrip(".").split())
    links = " ".join(
        f"https://democracy.manchester.gov.uk/documents/s{30000 + i}/CYP_Scrutiny_Appendix_{i}_ILACS_Outcome_v{i % 4}.pdf"
        for i in range(30)
    )
    text = f"{plain} see {links}"
    assert count_tokens(text) > 3 * MAX_TOKENS
    passages = chunk(make_doc([Block(text=text, page=2)]), "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert [count_tokens(p.text) for p in passages if count_tokens(p.text) > MAX_TOKENS] == []
    assert words_of(" ".join(p.text for p in passages)) == words_of(text)


# --- packing ----------------------------------------------------------------------


def test_short_paragraphs_under_one_heading_are_packed_together(count_tokens):
    blocks = [Block(text=s, page=1, heading="Leadership") for s in sentences(5, 6)]
    passages = chunk(make_doc(blocks), "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert len(passages) == 1
    assert passages[0].text == "\n".join(b.text for b in blocks)
    assert passages[0].heading == "Leadership"


def test_heading_change_starts_a_new_passage_once_enough_words_are_held(count_tokens):
    first = [Block(text=paragraph(30 + i, 3), page=1, heading="Leadership") for i in range(3)]
    second = [Block(text=paragraph(40 + i, 3), page=1, heading="Care leavers") for i in range(2)]
    assert sum(len(b.text.split()) for b in first) >= MIN_WORDS
    passages = chunk(make_doc(first + second), "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert [p.heading for p in passages] == ["Leadership", "Care leavers"]


def test_page_change_starts_a_new_passage_even_for_tiny_blocks(count_tokens):
    blocks = [Block(text="Leaders are ambitious.", page=1), Block(text="Caseloads are manageable.", page=2)]
    passages = chunk(make_doc(blocks), "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert [(p.page, p.text) for p in passages] == [(1, "Leaders are ambitious."), (2, "Caseloads are manageable.")]


# --- table rows ----------------------------------------------------------------------

PLAN_TABLE = [
    ["No.", "Area for improvement", "Lead"],
    ["1", "Quality and impact of supervision", "Head of Service"],
    ["2", "Accommodation for care leavers", "Strategic Lead"],
    ["3", "Return home interviews", "Service Manager"],
]


def test_table_rows_stand_alone_as_passages_with_their_verbatim(tmp_path, count_tokens):
    path = make_docx(
        tmp_path / "plan.docx",
        [("h1", "Action plan"), ("p", "Short introduction."), ("h2", "Actions")],
        table=PLAN_TABLE,
    )
    doc = load(path, "plan.docx")
    passages = chunk(doc, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    rows = [p for p in passages if p.is_table_row]
    assert len(rows) == 3
    for passage, cells in zip(rows, PLAN_TABLE[1:]):
        assert passage.verbatim == "\n".join(cells)
        assert f"Area for improvement: {cells[1]}" in passage.text
        assert "\n" not in passage.text  # nothing else was packed in with the row
        assert passage.heading == "Action plan > Actions"
    intro = [p for p in passages if not p.is_table_row]
    assert [p.text for p in intro] == ["Short introduction."]
    assert intro[0].verbatim is None


def test_paragraph_after_a_table_row_is_not_packed_into_it(count_tokens):
    blocks = [
        Block(text="Lead: Director — Action: Recruit", heading="Plan", is_table_row=True, verbatim="Director\nRecruit"),
        Block(text="Progress will be reported every quarter.", heading="Plan"),
    ]
    passages = chunk(make_doc(blocks), "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert [(p.is_table_row, p.text) for p in passages] == [
        (True, "Lead: Director — Action: Recruit"),
        (False, "Progress will be reported every quarter."),
    ]


# --- ids --------------------------------------------------------------------------


def test_same_input_gives_the_same_ids(long_report, count_tokens):
    first = chunk(long_report, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    second = chunk(long_report, "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert [p.id for p in first] == [p.id for p in second]
    assert len({p.id for p in first}) == len(first)


def test_changed_text_changes_that_passage_id_only(count_tokens):
    pages = [[Block(text=paragraph(100 + i, 3), page=i + 1, heading="Findings")] for i in range(3)]
    before = chunk(make_doc([b for p in pages for b in p]), "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    edited = [b for p in pages for b in p]
    edited[1] = Block(text=edited[1].text.replace("children", "young people", 1), page=2, heading="Findings")
    assert edited[1].text != pages[1][0].text
    after = chunk(make_doc(edited), "hash", count_tokens, MAX_TOKENS, MIN_WORDS)
    assert [a.id == b.id for a, b in zip(before, after)] == [True, False, True]


def test_ids_differ_between_files_and_file_versions(count_tokens):
    blocks = [Block(text="Leaders are ambitious for children.", page=1)]
    base = chunk(make_doc(blocks, source="a.md"), "hash-1", count_tokens, MAX_TOKENS, MIN_WORDS)[0].id
    other_source = chunk(make_doc(blocks, source="b.md"), "hash-1", count_tokens, MAX_TOKENS, MIN_WORDS)[0].id
    other_hash = chunk(make_doc(blocks, source="a.md"), "hash-2", count_tokens, MAX_TOKENS, MIN_WORDS)[0].id
    assert len({base, other_source, other_hash}) == 3


# --- the model's window, context line included ---------------------------------------


WINDOW = 254  # all-MiniLM-L6-v2 reads 256 word pieces, two of them [CLS] and [SEP]


def test_a_long_title_and_heading_do_not_push_a_passage_out_of_the_window(count_tokens):
    title = "Inspection of Stockton-on-Tees local authority children’s services: " + paragraph(99, 2)
    heading = "The experiences and progress of children who need help and protection > " + paragraph(98, 2)
    doc = make_doc([Block(text=paragraph(seed, 6), heading=heading) for seed in range(8)], title=title)

    passages = chunk(doc, "h", count_tokens, MAX_TOKENS, MIN_WORDS, window=WINDOW)

    assert max(count_tokens(p.embed_text) for p in passages) <= WINDOW
    assert " ".join(p.text for p in passages).split() == " ".join(b.text for b in doc.blocks).split()


def test_a_table_row_too_long_for_the_window_is_split_into_rows_that_keep_its_key(tmp_path, count_tokens):
    long_plan = paragraph(7, 30)  # far beyond the window on its own
    path = make_docx(
        tmp_path / "action-plan.docx",
        [("h1", "Action plan")],
        table=[["No.", "Area for improvement", "What we will do", "Lead"], ["4", "Written records", long_plan, "Head of Service"]],
    )
    doc = load(path, "action-plan.docx")

    passages = chunk(doc, "h", count_tokens, MAX_TOKENS, MIN_WORDS, window=WINDOW)

    assert len(passages) > 1
    assert all(p.is_table_row and p.text.startswith("No.: 4 — ") for p in passages)
    assert max(count_tokens(p.embed_text) for p in passages) <= WINDOW
    plan_words = [w for p in passages for line in p.verbatim.split("\n")[1:] for w in line.split() if line not in ("Written records", "Head of Service")]
    assert plan_words == long_plan.split()  # every word of the long cell, once, in order
    assert "Lead: Head of Service" in passages[-1].text


# --- a list's lead-in stays with its items -----------------------------------------------------
# The class: a paragraph ending "...:" that introduces the lines after it (a news page's "Among the
# weaknesses listed were:", a report's "The areas for improvement are:", a minute's "Members
# noted:"). Wherever the budget falls, no passage may end on the lead-in while more follows.

LEAD_INS = [
    ("Among the weaknesses listed were:", ["managers not checking plans", "thresholds misunderstood by partners", "too few foster carers"]),
    ("The local authority needs to improve:", ["the timeliness of assessments", "return home interviews", "supervision of social workers"]),
    ("Members noted the following points:", ["caseloads had fallen", "agency staff numbers were down", "the new MASH was working"]),
]


@pytest.mark.parametrize("lead_in, items", LEAD_INS)
def test_a_lead_in_line_is_never_left_at_the_end_of_a_passage(tmp_path, count_tokens, lead_in, items):
    body = "".join(f"<p>{s}</p>" for s in sentences(7, 12)) + f"<p>{lead_in}</p><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    body += "".join(f"<p>{s}</p>" for s in sentences(8, 4))
    doc = load(make_html(tmp_path / "page.html", body, title="News"), "page.html")
    assert any(b.text == lead_in for b in doc.blocks)
    for budget in range(40, 400, 7):
        passages = chunk(doc, "hash", count_tokens, budget, 1)
        holding = [p for p in passages if lead_in in p.text]
        assert len(holding) == 1
        lines = holding[0].text.split("\n")
        assert lines[-1] != lead_in, f"budget {budget}: the lead-in ends its passage without its items"
        assert items[0] in lines[lines.index(lead_in) + 1], f"budget {budget}"
