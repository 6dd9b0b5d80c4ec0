"""Score the assistant on a question set: `python -m assistant.evaluate [--questions F ...] [--store DIR]`.

Prints one table: a row for the whole set and one per question kind (fact, two-docs,
comparison, whose-words, unanswerable: the `kind` field of each question). Its columns:

- fact accuracy: answerable questions whose answer contains every expected fact.
- source hit rate: answerable questions citing at least one expected document (the dev set
  names documents by stem, because it renders them into several formats).
- page accuracy for PDF answers: over the answerable questions that have facts and whose
  answer cites a PDF that is one of the question's expected sources, the share where at
  least one such citation's page (read with `assistant.citations.source_text(source, page)`)
  contains one of the question's facts. Text is compared after folding case, curly quotes
  and whitespace as `_fold` does, with the spaces then dropped as the quote check drops
  them, so a fact broken across PDF lines still counts. Questions without facts, or whose
  answer cites no expected PDF, are left out; the column shows how many were counted.
- quote validity: answers whose every citation quote is verbatim in its source, on its page.
- refusal accuracy: unanswerable questions answered "the documents don't say".
- answered rate: answerable questions answered.
- seconds per question.

`--sweep` also shows how refusal and answered rate trade off across `min_score` values, which
is how the default threshold was chosen. `--show-failures` lists each question that failed a
check, with its kind and what failed.

`--baseline llama-index` also runs llama-index's default retriever over the same documents and
puts its source hit rate and page accuracy beside ours. "Default" means a `VectorStoreIndex`
built with `VectorStoreIndex.from_documents` (the default node parser, `SentenceSplitter` with
chunk_size 1024 and overlap 200; the in-memory default vector store) and `as_retriever()` with
its default similarity_top_k of 2, embedding with the same model as our store through a small
`BaseEmbedding` wrapper of `indexer.embedding.Embedder`. The parsing is ours: llama-index's
PDF and DOCX readers are not installed in the app's environment, so each file is read with
`indexer.loaders.load` and turned into one llama-index `Document` per PDF page (one per file
for other formats): the title, headings and blocks in reading order, with metadata
`file_path` (the source as our store records it) and `page`. That metadata is embedded with the
text, as `SimpleDirectoryReader`'s `file_path` and `page_label` are by default. A question is a
source hit when any retrieved node's file stem is one of its sources; page accuracy is the rule
above with the retrieved PDF nodes in place of citations. The documents come from `--corpus DIR`
(the folder that was indexed), else from the sources the store records.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from llama_index.core.embeddings import BaseEmbedding
from pydantic import PrivateAttr

from assistant.answering import Answerer, PartTrace
from assistant.answering.features import FEATURES
from assistant.answering.settings import AnswerSettings
from assistant.citations import quote_is_verbatim, source_text, squash
from assistant.types import Answer
from indexer.cli import add_store_arguments, settings_from
from indexer.embedding import Embedder
from indexer.loaders import LoadError, load
from indexer.settings import Settings
from indexer.store import StoreError

log = logging.getLogger(__name__)

DEFAULT_QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "qa" / "dev.jsonl"
ALL = "all"

Located = tuple[str, "int | None"]  # (source, page) of a citation or a retrieved node


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("*", "")):
        text = text.replace(a, b)
    return " ".join(text.split())


def is_expected(source: str, wanted: set[str]) -> bool:
    # The dev set names documents by stem (rendered into several formats); tests/qa by file name.
    return Path(source).name in wanted or Path(source).stem in wanted


def page_verdict(question: dict, located: Iterable[Located]) -> bool | None:
    """The page-accuracy rule (module docstring): None where it does not apply, else whether
    some expected PDF page among `located` holds one of the question's facts."""
    if not question["answerable"] or not question["facts"]:
        return None
    wanted = set(question["sources"])
    pages = {(s, p) for s, p in located if p and Path(s).suffix.lower() == ".pdf" and is_expected(s, wanted)}
    if not pages:
        return None
    facts = [squash(_fold(f)) for f in question["facts"]]
    return any(any(f in squash(_fold(source_text(s, p))) for f in facts) for s, p in sorted(pages))


class _AboutAQuestion:
    """What ours and the baseline's results share: the question's answerability and kind."""

    question: dict

    @property
    def answerable(self) -> bool:
        return bool(self.question["answerable"])

    @property
    def kind(self) -> str:
        return str(self.question.get("kind") or "unknown")


@dataclass
class Graded(_AboutAQuestion):
    question: dict
    answer: Answer
    seconds: float

    @property
    def facts_ok(self) -> bool:
        return self.answer.answered and all(_fold(f) in _fold(self.answer.answer) for f in self.question["facts"])

    @property
    def source_ok(self) -> bool:
        wanted = set(self.question["sources"])
        return any(is_expected(c.source, wanted) for c in self.answer.citations)

    @property
    def page_ok(self) -> bool | None:
        return page_verdict(self.question, ((c.source, c.page) for c in self.answer.citations))

    @property
    def quotes_ok(self) -> bool:
        return all(quote_is_verbatim(c) for c in self.answer.citations)


def grade(answerer: Answerer, questions: list[dict]) -> list[Graded]:
    graded = []
    for q in questions:
        started = time.perf_counter()
        answer = answerer.run(q["question"])
        graded.append(Graded(q, answer, time.perf_counter() - started))
    return graded


def _rate(items: list, test: Callable[[Any], bool]) -> float:
    return round(sum(1 for g in items if test(g)) / len(items), 3) if items else float("nan")


def _mean_seconds(items: list) -> float:
    return round(statistics.mean(g.seconds for g in items), 3) if items else 0.0


def metrics(graded: list[Graded]) -> dict[str, float]:
    answerable = [g for g in graded if g.answerable]
    unanswerable = [g for g in graded if not g.answerable]
    cited = [g for g in graded if g.answer.citations]
    paged = [g for g in answerable if g.page_ok is not None]
    return {
        "questions": len(graded),
        "fact_accuracy": _rate(answerable, lambda g: g.facts_ok),
        "source_hit_rate": _rate(answerable, lambda g: g.source_ok),
        "page_accuracy": _rate(paged, lambda g: g.page_ok),
        "page_questions": len(paged),  # how many questions the page rule applied to
        "quote_validity": _rate(cited, lambda g: g.quotes_ok),
        "refusal_accuracy": _rate(unanswerable, lambda g: not g.answer.answered),
        "answered_rate": _rate(answerable, lambda g: g.answer.answered),
        "seconds_per_question": _mean_seconds(graded),
    }


def kinds_of(questions: Iterable[dict]) -> list[str]:
    """The question kinds in the order they first appear."""
    return list(dict.fromkeys(str(q.get("kind") or "unknown") for q in questions))


def by_kind(items: list, score: Callable[[list], dict]) -> dict[str, dict]:
    """`score` of the whole list, then of each kind's share of it: the table's rows."""
    rows = {ALL: score(items)}
    for kind in kinds_of(i.question for i in items):
        rows[kind] = score([i for i in items if i.kind == kind])
    return rows


def metrics_by_kind(graded: list[Graded]) -> dict[str, dict]:
    return by_kind(graded, metrics)


# --- the llama-index baseline ----------------------------------------------------------------


class LlamaIndexEmbedding(BaseEmbedding):
    """Our embedding model as llama-index sees one, so the baseline differs from us only in
    what llama-index decides (chunking, retrieval), never in the model."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.model_name, **kwargs)
        self._embedder = embedder

    @classmethod
    def class_name(cls) -> str:
        return "InspectionAssistantEmbedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.encode([query])[0].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.encode([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.encode(texts).tolist()


@dataclass
class Retrieved(_AboutAQuestion):
    """What the baseline retrieved for one question: (source, page) of each node."""

    question: dict
    located: list[Located]
    seconds: float

    @property
    def source_ok(self) -> bool:
        wanted = set(self.question["sources"])
        return any(is_expected(s, wanted) for s, _ in self.located)

    @property
    def page_ok(self) -> bool | None:
        return page_verdict(self.question, self.located)


def baseline_metrics(retrieved: list[Retrieved]) -> dict[str, float]:
    answerable = [r for r in retrieved if r.answerable]
    paged = [r for r in answerable if r.page_ok is not None]
    return {
        "questions": len(retrieved),
        "source_hit_rate": _rate(answerable, lambda r: r.source_ok),
        "page_accuracy": _rate(paged, lambda r: r.page_ok),
        "page_questions": len(paged),
        "seconds_per_question": _mean_seconds(retrieved),
    }


def corpus_files(corpus: Path | None, recorded: Iterable[str], max_bytes: int) -> list[tuple[Path, str]]:
    """(file, source) pairs: the documents under `corpus` found as the indexer finds them, or
    the sources a store recorded, which are paths relative to the folder it was indexed from."""
    from indexer.pipeline import discover, source_name

    if corpus is not None:
        if not corpus.is_dir():
            raise SystemExit(f"--corpus {corpus}: no such folder; name the folder that was indexed")
        return [(path, source_name(path)) for path in discover([corpus], max_bytes).files]
    files = [(Path(source), source) for source in sorted(recorded)]
    missing = [source for path, source in files if not path.is_file()]
    if missing:
        raise SystemExit(
            f"{len(missing)} source(s) the store records are not found from {Path.cwd()} (e.g. {missing[0]}): "
            "run from the folder you indexed from, or pass --corpus DIR"
        )
    return files


def llama_index_documents(files: list[tuple[Path, str]]) -> list:
    """One llama-index Document per PDF page (per file for other formats), parsed by our loaders."""
    from llama_index.core import Document

    documents = []
    for path, source in files:
        try:
            parsed = load(path, source)
        except LoadError as exc:
            log.warning("baseline: %s left out: %s", source, exc)
            continue
        pages: dict[int | None, list[str]] = {}
        heading = parsed.title  # a first heading that is the title is not repeated
        for block in parsed.blocks:
            lines = pages.setdefault(block.page, [parsed.title] if not pages else [])
            if block.heading and block.heading != heading:
                lines.append(block.heading.split(" > ")[-1])  # the heading as printed, not its path
            heading = block.heading
            lines.append(block.text)
        for page, lines in pages.items():
            metadata: dict[str, Any] = {"file_path": source} | ({"page": page} if page else {})
            documents.append(Document(text="\n\n".join(lines), metadata=metadata))
    return documents


def llama_index_baseline(embedder: Embedder, files: list[tuple[Path, str]], questions: list[dict]) -> list[Retrieved]:
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core import VectorStoreIndex
    from llama_index.core.llms import MockLLM
    from llama_index.core.node_parser import SentenceSplitter

    # The retriever never calls an LLM; this only stops llama-index from looking for OpenAI.
    LlamaSettings.llm = MockLLM()
    index = VectorStoreIndex.from_documents(
        llama_index_documents(files),
        embed_model=LlamaIndexEmbedding(embedder.warm_up()),
        transformations=[SentenceSplitter()],  # the default parser, named so a global setting cannot change it
    )
    retriever = index.as_retriever()
    results = []
    for q in questions:
        started = time.perf_counter()
        nodes = retriever.retrieve(q["question"])
        located = [(str(n.node.metadata["file_path"]), n.node.metadata.get("page")) for n in nodes]
        results.append(Retrieved(q, located, time.perf_counter() - started))
    return results


# --- output ---------------------------------------------------------------------------------

_COLUMNS = (  # (heading, metric key, width)
    ("facts", "fact_accuracy", 6),
    ("source", "source_hit_rate", 6),
    ("page (n)", "page_accuracy", 11),
    ("quotes", "quote_validity", 6),
    ("refusal", "refusal_accuracy", 7),
    ("answered", "answered_rate", 8),
    ("s/q", "seconds_per_question", 6),
)
_BASELINE_COLUMNS = (("li source", "source_hit_rate", 9), ("li page (n)", "page_accuracy", 11))


def _cell(row: dict, key: str) -> str:
    value = row.get(key, float("nan"))
    if isinstance(value, float) and math.isnan(value):
        return "—"
    text = f"{value:.3f}"
    return f"{text} ({row['page_questions']})" if key == "page_accuracy" else text


def format_table(ours: dict[str, dict], baseline: dict[str, dict] | None = None) -> str:
    """Rows: all, then each kind; our metrics, then llama-index's beside them when given."""
    columns = [(h, k, w, False) for h, k, w in _COLUMNS]
    if baseline is not None:
        columns += [(h, k, w, True) for h, k, w in _BASELINE_COLUMNS]
    name_width = max(len(k) for k in ours) + 1
    lines = [f"{'kind':<{name_width}} {'n':>4}  " + "  ".join(f"{h:>{w}}" for h, _, w, _ in columns)]
    for kind, row in ours.items():
        cells = [_cell((baseline or {}).get(kind, {}) if theirs else row, key) for _, key, _, theirs in columns]
        lines.append(f"{kind:<{name_width}} {row['questions']:>4}  " + "  ".join(f"{c:>{w}}" for c, (_, _, w, _) in zip(cells, columns)))
    return "\n".join(lines)


def _json_safe(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def failures(graded: list[Graded]) -> list[dict]:
    found = []
    for g in graded:
        problems = [
            name
            for name, bad in (
                ("facts", g.answerable and not g.facts_ok),
                ("source", g.answerable and not g.source_ok),
                ("page", g.page_ok is False),
                ("quotes", bool(g.answer.citations) and not g.quotes_ok),
                ("answered-unanswerable", not g.answerable and g.answer.answered),
            )
            if bad
        ]
        if problems:
            cited = sorted({f"{Path(c.source).name} p.{c.page}" for c in g.answer.citations if c.page})
            found.append(
                {"id": g.question.get("id", ""), "kind": g.kind, "problems": problems, "question": g.question["question"],
                 "answer": g.answer.answer, "cited_pages": cited} | diagnosis(g)
            )
    return found


def _candidate_row(part: PartTrace, i: int) -> dict:
    """One candidate as the pipeline saw it: its text, score, gates passed and failed, features."""
    row: dict[str, Any] = {"text": part.units[i].text[:200]}
    if part.scores is not None:
        row["score"] = round(float(part.scores[i]), 3)
        row["features"] = {name: round(float(v), 3) for name, v in zip(FEATURES, part.features[i]) if v}
    row["failed_gates"] = [name for name, passed in part.gates.items() if not passed[i]]
    return row


def diagnosis(g: Graded) -> dict:
    """Why the pipeline answered as it did: for each part, the step that refused (and its
    reason), and the feature values and gates of the candidate it chose and of the best
    candidate holding the expected facts ("expected": None when retrieval never offered one)."""
    facts = [_fold(f) for f in g.question.get("facts", [])]
    parts = []
    for part in g.answer.trace:
        entry: dict[str, Any] = {
            "part": part.question.text, "intent": part.question.intent.value,
            "need": part.question.need.what if part.question.need else None,
            "refused_by": part.refused_by, "refusal": part.refusal,
        }
        index = {id(u): i for i, u in enumerate(part.units)}
        chosen = [index[id(u)] for u in part.chosen if id(u) in index] or (
            [int(part.scores.argmax())] if part.scores is not None and len(part.units) else []
        )
        entry["chosen"] = [_candidate_row(part, i) for i in chosen[:1]]
        holding = [
            i for i, u in enumerate(part.units)
            if facts and all(f in _fold(u.follow_on or u.text) for f in facts)
        ]
        if holding and part.scores is not None:
            best = max(holding, key=lambda i: part.scores[i])
            entry["expected"] = _candidate_row(part, best)
        else:
            entry["expected"] = _candidate_row(part, holding[0]) if holding else None
        parts.append(entry)
    return {"parts": parts}


def sweep(answerer: Answerer, questions: list[dict]) -> list[dict]:
    rows = []
    for threshold in [x / 100 for x in range(25, 71, 3)]:
        answerer.settings.min_score = threshold
        m = metrics(grade(answerer, questions))
        rows.append({"min_score": threshold} | {k: m[k] for k in ("answered_rate", "refusal_accuracy", "fact_accuracy")})
    return rows


def read_questions(paths: list[Path]) -> list[dict]:
    return [
        json.loads(line)
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def write_answers(path: Path, graded: list[Graded]) -> None:
    """One line per question: what was answered and cited, without timings, so two runs of the
    same code give identical files and a refactor can be shown to change no answer."""
    with path.open("w", encoding="utf-8") as out:
        for g in graded:
            row = {
                "id": g.question.get("id"), "question": g.question["question"], "answered": g.answer.answered,
                "answer": g.answer.answer,
                "citations": [[c.source, c.page, c.quote] for c in g.answer.citations],
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.evaluate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=Path, nargs="+", default=[DEFAULT_QUESTIONS], help="JSONL question files")
    add_store_arguments(parser)
    parser.add_argument("--sweep", action="store_true", help="also try a range of min_score thresholds")
    parser.add_argument("--show-failures", action="store_true", help="list failed questions with their kind and what failed")
    parser.add_argument("--json", action="store_true", help="print everything as one JSON object")
    parser.add_argument(
        "--preset",
        help="the answerer's weights: 'default' (hand-set), 'fitted' (assistant.answering.fit) or a preset file "
             "(default: IA_ANSWER_PRESET, as users get, else 'default')",
    )
    parser.add_argument(
        "--answers", type=Path, metavar="FILE",
        help="write every answer (text, citations) as JSON lines: diff two runs to see what a change moved",
    )
    parser.add_argument(
        "--baseline", choices=["llama-index"], help="also score llama-index's default retriever on the same documents"
    )
    parser.add_argument(
        "--corpus", type=Path, help="the folder that was indexed, for --baseline (default: the sources the store records)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    settings: Settings = settings_from(args, ("store", "chroma_host", "chroma_port", "embedding_model"))
    questions = read_questions(args.questions)
    try:
        answerer = Answerer(settings, answer=AnswerSettings.load(args.preset) if args.preset else None).warm_up()
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3  # as the indexer and the assistant exit when the store cannot be used
    graded = grade(answerer, questions)
    report: dict[str, Any] = {"ours": metrics_by_kind(graded)}
    if args.answers:
        write_answers(args.answers, graded)

    if args.baseline:
        retriever = answerer.retriever
        recorded = [source for source, record in retriever.store.files().items() if record.state == "indexed"]
        files = corpus_files(args.corpus, recorded, int(settings.max_file_mb * 1e6))
        retrieved = llama_index_baseline(retriever.embedder, files, questions)
        report["llama_index"] = by_kind(retrieved, baseline_metrics)
    if args.show_failures:
        report["failures"] = failures(graded)
    if args.sweep:
        report["sweep"] = sweep(answerer, questions)

    if args.json:
        print(json.dumps(_json_safe(report)))
        return 0
    print(format_table(report["ours"], report.get("llama_index")))
    if "llama_index" in report:
        print("\nli = llama-index default retriever (VectorStoreIndex, SentenceSplitter 1024/200, top-2), same model")
    for f in report.get("failures", []):
        pages = f" (cited {', '.join(f['cited_pages'])})" if "page" in f["problems"] else ""
        print(f"\n{f['id']} [{f['kind']}] {f['problems']}{pages}: {f['question']}\n  -> {f['answer'][:300]}")
        for part in f["parts"]:
            print(f"  part: {part['part']!r} intent={part['intent']} need={part['need']!r}"
                  + (f" refused by {part['refused_by']}: {part['refusal']}" if part["refused_by"] else ""))
            for label in ("chosen", "expected"):
                rows = part[label] if label == "chosen" else [part[label]] if part[label] else []
                for row in rows:
                    gates = f" failed gates {row['failed_gates']}" if row["failed_gates"] else ""
                    print(f"    {label}: score {row.get('score')}{gates} {row.get('features', {})}\n      {row['text']!r}")
                if label == "expected" and not rows:
                    print("    expected: no candidate holds the expected facts (retrieval missed them)")
    if "sweep" in report:
        print("\nmin_score  answered  refusal  facts")
        for row in report["sweep"]:
            print(
                f"  {row['min_score']:.2f}     {row['answered_rate']:.3f}    {row['refusal_accuracy']:.3f}   {row['fact_accuracy']:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
