"""List and summary questions answered by the list, each item cited; a sentence that points back
quoted with what it points to; table rows shown as a line a person would write. Each class in
several phrasings (assistant.answering.events.asks_for_many, pipeline._items and
_with_antecedent, compose.row_as_line)."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.answering.candidates import units_of
from assistant.answering.compose import row_as_line
from assistant.answering.events import asks_for_many
from assistant.answering.pipeline import Answerer as _A
from assistant.types import Hit
from indexer.settings import Settings
from indexer.types import DocKind, Passage
from tests.docs import answerer_over, index_into, make_docx

MINUTES = """---
kind: committee minutes
authority: Swindon
date: 2024-02-01
---
# Swindon Children's Scrutiny Committee, 30 January 2024

## Ofsted inspection report

The committee considered the Ofsted inspection report on children's services.
The committee resolved that:
- the Ofsted report be noted;
- the thanks of the committee be recorded to all social workers;
- a progress report on the improvement plan come back in June.

These resolutions sit alongside the cabinet's own decision on the improvement plan.
"""


@pytest.fixture(scope="module")
def lists(tmp_path_factory, embedder) -> Answerer:
    root = tmp_path_factory.mktemp("lists")
    corpus = root / "docs"
    corpus.mkdir()
    (corpus / "swindon-2024-committee-minutes.md").write_text(MINUTES, encoding="utf-8")
    make_docx(
        corpus / "swindon-2024-action-plan.docx",
        [("Heading 1", "Swindon improvement plan 2024")],
        table=[
            ["Ref", "Area for improvement", "Action", "Timescale"],
            ["1", "Delay in assessments for disabled children", "Recruit two specialist social workers", "March 2025"],
            ["2", "Quality of return home interviews", "Commission an independent provider", "June 2025"],
        ],
    )
    return answerer_over(index_into(Settings(store=root / "store"), embedder, corpus), embedder)


ITEMS = ("report be noted", "thanks of the committee", "progress report on the improvement plan")


@pytest.mark.parametrize(
    "question",
    [
        "What did Swindon's scrutiny committee resolve about the Ofsted report?",
        "What was resolved on the Ofsted item at the Swindon scrutiny committee?",
        "What resolutions did the Swindon scrutiny committee make on the Ofsted report?",
        "List the Swindon scrutiny committee's resolutions on the Ofsted report",
    ],
)
def test_a_question_asking_for_several_things_is_answered_by_the_list_each_item_cited(lists, question):
    answer = lists.run(question)
    for item in ITEMS:
        assert item in answer.answer, answer.answer
        # each item its own quote, its own citation
        assert any(item in c.quote and c.quote.count("\n") == 0 for c in answer.citations), [c.quote for c in answer.citations]
    assert "sit alongside" not in answer.answer


@pytest.mark.parametrize(
    "question, many",
    [
        ("which services did the focused visit look at?", True),
        ("what priority actions did Ofsted give Lambeth?", True),
        ("What did the cabinet resolve?", True),
        ("list the themes in the improvement plan", True),
        ("What did inspectors say about care leavers?", False),
        ("When was the notice lifted?", False),
        ("What did the report say about plans?", False),
    ],
)
def test_asking_for_several_things_is_read_from_the_question(question, many):
    assert asks_for_many(question) is many


def _passage(text: str) -> Passage:
    return Passage(id="p", source="m.md", title="t", kind=DocKind.MINUTES, page=None, heading="", text=text, ordinal=0, file_hash="h")


@pytest.mark.parametrize(
    "text, pointing",
    [
        ("Inspectors found three areas to improve. These areas sit alongside the plan.", "These areas sit alongside the plan."),
        ("The board met in May. As set out above, the plan was agreed.", "As set out above, the plan was agreed."),
        ("Leaders have a plan for care leavers. Those actions are overdue.", "Those actions are overdue."),
    ],
)
def test_a_sentence_pointing_back_is_quoted_with_the_sentence_it_points_to(text, pointing):
    units = units_of(Hit(_passage(text), 1.0))
    unit = next(u for u in units if u.text == pointing)
    quoted = _A._with_antecedent(unit, units)
    assert quoted is not None and quoted.quote == text


def test_a_sentence_pointing_back_with_nothing_before_it_is_not_quoted():
    units = units_of(Hit(_passage("These areas sit alongside the council's improvement plan."), 1.0))
    assert _A._with_antecedent(units[0], units) is None


@pytest.mark.parametrize("text", ["This letter sets out the findings of the visit.", "Inspectors found that plans drift."])
def test_a_sentence_standing_on_its_own_is_quoted_as_it_is(text):
    units = units_of(Hit(_passage(text), 1.0))
    assert _A._with_antecedent(units[0], units) is units[0]


@pytest.mark.parametrize(
    "row, line",
    [
        ("Judgement: Overall effectiveness — Grade: Inadequate", "Overall effectiveness: Inadequate."),
        (
            "Ref: 2.2 — Area for improvement: Reliance on agency staff — Action: Recruit permanent staff",
            "Area for improvement 2.2: Reliance on agency staff; action: Recruit permanent staff.",
        ),
        ("Year: 2018 — Overall effectiveness: Good", "In 2018, overall effectiveness: Good."),
        (
            "Theme: Workforce — Action: Recruitment drive; lower caseloads — Progress update: Ongoing",
            "Theme: Workforce. Action: Recruitment drive; lower caseloads. Progress update: Ongoing.",
        ),
        ("A row without labels", "A row without labels"),
    ],
)
def test_a_table_row_reads_as_a_line_with_each_value_its_cells_own_words(row, line):
    assert row_as_line(row) == line


def test_an_answer_from_a_table_row_shows_the_line_and_quotes_the_cells(lists):
    answer = lists.run("What action does Swindon's improvement plan set for return home interviews?")
    assert "Commission an independent provider" in answer.answer
    assert " — " not in answer.answer.split("\n")[0], answer.answer
    assert any("Commission an independent provider" in c.quote for c in answer.citations)


# --- a list the chunker cut in two ---------------------------------------------------------------
# The class: a long list whose lead-in and first items end one passage and whose other items start
# the next (a news page's weaknesses, a minute's resolutions). The answer is the whole list, each
# item cited to the passage that holds it, and stops where the list does.

_CUT_ITEMS = [
    f"{what} in the {team} teams, which inspectors said had not improved enough since the last inspection"
    for what in ("supervision of social workers", "planning for disabled children", "return home interviews",
                 "management oversight of assessments", "the timeliness of child protection conferences",
                 "recording of children's views")
    for team in ("north", "south")
]


def _cut_list_page(folder, marked: bool):
    lead = "The weaknesses listed by inspectors included:"
    intro = " ".join(["Ofsted has published its report on Halton's children's services after an inspection in March 2024."] * 3)
    if marked:
        body = f"# Halton inspection\n\n{intro}\n\n{lead}\n\n" + "\n".join(f"- {i}" for i in _CUT_ITEMS) + "\n\nThe council said it accepted the findings in full.\n"
        path = folder / "halton-2024-news.md"
        path.write_text(body, encoding="utf-8")
        return path
    from tests.docs import make_html

    html = f"<h1>Halton inspection</h1><p>{intro}</p><p>{lead}</p><ul>" + "".join(f"<li>{i};</li>" for i in _CUT_ITEMS) + "</ul><p>The council said it accepted the findings in full.</p>"
    return make_html(folder / "halton-2024-news.html", html, title="Halton inspection")


@pytest.fixture(scope="module", params=[True, False], ids=["marked-markdown", "unmarked-html"])
def cut_list(request, tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("cut-list")
    corpus = root / "docs"
    corpus.mkdir()
    _cut_list_page(corpus, request.param)
    answerer = answerer_over(index_into(Settings(store=root / "store"), embedder, corpus), embedder)
    holding = [p for p in answerer.retriever.passages.values() if any(i in p.text for i in _CUT_ITEMS)]
    assert len(holding) >= 2, "the list must be cut in two for this test to test anything"
    return answerer


@pytest.mark.parametrize("question", ["list the weaknesses inspectors found in halton in 2024", "what weaknesses did inspectors list for halton?"])
def test_a_list_cut_in_two_is_answered_whole_each_item_cited(cut_list, question):
    answer = cut_list.run(question)
    assert answer.answered, answer.answer
    for item in _CUT_ITEMS:
        assert item in answer.answer, (item, answer.answer)
        assert any(item in c.quote and c.quote.count("\n") == 0 for c in answer.citations)
    assert "accepted the findings" not in answer.answer  # the paragraph after the list is not an item


@pytest.mark.parametrize(
    "text, first, items",
    [
        ("Inspectors named six areas that still need to get better. They include:\nthe quality of assessments;\nsuitable accommodation for care leavers;\nthe proportion of permanent staff.",
         "Inspectors named six areas that still need to get better.", 3),
        ("The committee agreed three actions. These were:\n- report back in June\n- invite the lead member\n- publish the plan",
         "The committee agreed three actions.", 3),
        ("Ofsted found four strengths in the service. They are:\n1. Stable leadership.\n2. Low caseloads.",
         "Ofsted found four strengths in the service.", 2),
    ],
)
def test_a_sentence_whose_next_sentence_introduces_a_list_is_quoted_with_the_list(text, first, items):
    # The class: "N things. They include:" — the sentence leant on, the short lead-in, its items.
    unit = next(u for u in units_of(Hit(_passage(text), 1.0)) if u.text == first)
    assert unit.follow_on == text
    assert unit.follow_on.count("\n") == items  # every item, each on its line


@pytest.mark.parametrize("mark", ["-", "•", "–", "■", "●", "1.", "2)", "b)", "(c)", "(iv)"])
def test_a_run_of_marked_lines_is_one_list_whatever_the_mark(mark):
    # The class: lists as loaders keep them, marked by a sign or an enumerator. The records'
    # areas for improvement and the answers' list pieces read the same marks (quotable.BULLET_MARK).
    lines = [f"{mark} Plans for disabled children are reviewed too late", f"{mark} Supervision is not recorded consistently"]
    text = "Inspectors set out two areas:\n" + "\n".join(lines)
    lists = [u for u in units_of(Hit(_passage(text), 1.0)) if u.is_list]
    assert lists and all(line in lists[0].text for line in lines), [u.text for u in units_of(Hit(_passage(text), 1.0))]


@pytest.mark.parametrize("line", ["Leaders know their services well.", "2023 was a difficult year for the service.", "-5 degrees was recorded"])
def test_a_line_without_a_mark_is_not_a_list_item(line):
    from assistant.answering.candidates import BULLET

    assert not BULLET.match(line)
