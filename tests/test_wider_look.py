"""The wider look (`Retriever.closest_pieces`, used by the answerer when nothing in the top
passages passes the gates): passages ranked by their single closest sentence, within the scope
retrieval searched, never another council's documents nor one whose council is unknown; and
with it on, a question no document answers is still refused. Made-up documents, a real index."""

from __future__ import annotations

import pytest

from assistant.answering.compose import NOT_FOUND
from assistant.retrieval import Retriever
from assistant.types import Scope
from indexer.settings import Settings
from tests.docs import answerer_over, docs_store

FILLER = [
    "The service has worked to strengthen its early help offer across the borough.",
    "Partnership arrangements with health and police colleagues are well established.",
    "Managers review the quality of practice through a programme of regular audits.",
    "Children's records are up to date and reflect their wishes and feelings.",
]


def _doc(council: str | None, kind: str, date: str, title: str, paragraphs: list[str]) -> str:
    front = f"kind: {kind}\n" + (f"authority: {council}\n" if council else "") + f"date: {date}\n"
    body = "\n\n".join(f"## Section {i + 1}\n\n{p}" for i, p in enumerate(paragraphs))
    return f"---\n{front}---\n# {title}\n\n{body}\n"


DOCS = {
    "rochdale-2024-inspection-report.md": _doc("Rochdale", "inspection report", "2024-06-01", "Inspection of Rochdale children's services",
        [" ".join(FILLER)] * 6 + [" ".join([*FILLER, "Rochdale employs 212 social workers, and agency use has fallen to 9 per cent.", *FILLER])]
        + [" ".join(FILLER)] * 6),
    "rochdale-2024-cabinet-minutes.md": _doc("Rochdale", "committee minutes", "2024-07-10", "Rochdale Cabinet, 10 July 2024", FILLER),
    "oldham-2024-inspection-report.md": _doc("Oldham", "inspection report", "2024-05-01", "Inspection of Oldham children's services",
        [*FILLER, "Oldham employs 340 social workers across six teams."]),
    "regional-newsletter-2024.md": _doc(None, "other", "2024-03-01", "Regional newsletter",
        ["The region employs 1,200 social workers in all.", *FILLER]),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder):
    return docs_store(tmp_path_factory.mktemp("wider-look"), embedder, DOCS).store


@pytest.fixture(scope="module")
def retriever(store, embedder) -> Retriever:
    return Retriever(Settings(store=store), embedder=embedder).warm_up()


@pytest.mark.parametrize("question", ["how many social workers does Rochdale employ?", "Rochdale social worker numbers"])
def test_a_council_named_is_widened_into_only_within_its_own_documents(retriever, question):
    q_vec = retriever.embedder.encode([question])[0]
    hits = retriever.closest_pieces(q_vec, 50, scope=Scope(authorities=("Rochdale",)))
    assert hits and {h.passage.authority for h in hits} == {"Rochdale"}  # not Oldham's, not the newsletter's
    assert "212 social workers" in hits[0].passage.text  # ranked by the closest sentence


def test_passages_already_looked_at_are_not_returned_again(retriever):
    q_vec = retriever.embedder.encode(["how many social workers does Rochdale employ?"])[0]
    first = retriever.closest_pieces(q_vec, 1, scope=Scope(authorities=("Rochdale",)))
    again = retriever.closest_pieces(q_vec, 50, scope=Scope(authorities=("Rochdale",)), exclude={first[0].passage.id})
    assert first[0].passage.id not in {h.passage.id for h in again}


@pytest.mark.parametrize(
    "question",
    ["how many foster carers did Rochdale recruit in 2024?", "who chairs Rochdale's fostering panel?", "what was Rochdale's adoption scorecard timeliness?"],
)
def test_with_the_wider_look_on_a_question_no_document_answers_is_still_refused(store, embedder, question):
    answerer = answerer_over(Settings(store=store, top_k=1, wider_look=8), embedder)
    assert answerer.run(question).answer.startswith(NOT_FOUND)
