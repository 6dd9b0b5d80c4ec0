"""Hybrid retrieval: dense (our embedder) and keyword (BM25), fused by reciprocal rank, within
the council(s) a question names and the filters the user set.

llama-index does the keyword search (BM25Retriever, bm25s underneath, with a per-query corpus
mask) and the fusion (QueryFusionRetriever in reciprocal-rank mode). The dense side is a small
BaseRetriever over our store rather than llama-index's ChromaVectorStore, because the indexer
owns the collection's schema (content-hash ids, a file manifest) and ChromaVectorStore expects
each record to carry a serialised copy of the node in its metadata.

Why scope matters: the real corpus is dozens of councils' near-identical documents ("requires
improvement to be good", "care leavers"), so an unscoped search for "Stockton's 2023 report"
ranks Sandwell's sentences as close as Stockton's. A question that names a council is
searched within that council's documents; one naming two (a comparison) is searched within
each and the results interleaved. Years and "what did inspectors say" are preferences, not
filters: a 2020 committee minute is where the 2019 inspection was discussed.

Everything is read from the serving index the indexer writes beside the store
(`indexer.serving`), memory-mapped: nothing is rebuilt when a process starts, and memory grows
with what questions touch, not with the store. Dense search is exact (a matrix product over the
allowed passages' mapped vectors: 23 ms at 100k passages) rather than a Chroma `where` query,
which measured 40-60x slower than an unfiltered query at 100k; above `exact_search_max`
passages an unscoped question goes to Chroma's HNSW index. The keyword side is llama-index's
BM25Retriever over the saved bm25s index, given the mapped index instead of its nodes; nodes are
made only for the passages a search returns.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from llama_index.retrievers.bm25 import BM25Retriever

from assistant.types import Filters, Hit, Scope
from indexer.embedding import Embedder
from indexer.serving import BM25_STOPWORDS, BM25_TOKEN_PATTERN, ServingIndex, serving_dir
from indexer.settings import Settings
from indexer.store import Store, StoreError
from indexer.types import DocKind, Passage, year_of
from indexer.vocabulary import initials_pattern
from indexer.words import normal

log = logging.getLogger(__name__)


@dataclass
class ScopedQuery(QueryBundle):
    """A query that may only return the passages `allowed` marks (a boolean array in row
    order). It travels through QueryFusionRetriever unchanged, so concurrent questions with
    different scopes never share state; `found` collects the passages the searches returned."""

    allowed: np.ndarray | None = None
    found: dict = field(default_factory=dict)


def to_node(passage: Passage) -> TextNode:
    return TextNode(
        id_=passage.id,
        text=passage.text,
        metadata={"title": passage.title, "heading": passage.heading},
        excluded_embed_metadata_keys=[],
        metadata_template="{value}",
        text_template="{metadata_str}\n{content}",
    )


def _node(bundle: QueryBundle, index: ServingIndex, row: int, score: float) -> NodeWithScore:
    passage = index.passage(row)
    found = getattr(bundle, "found", None)
    if found is not None:
        found[passage.id] = passage
    return NodeWithScore(node=to_node(passage), score=score)


class PassageMap(Mapping):
    """The serving index's passages by id, read from the mapped files when asked for."""

    def __init__(self, index: ServingIndex) -> None:
        self.index = index

    def __getitem__(self, passage_id: str) -> Passage:
        row = self.index.row_of(passage_id)
        if row is None:
            raise KeyError(passage_id)
        return self.index.passage(row)

    def __iter__(self) -> Iterator[str]:
        return (bytes(i).decode() for i in self.index.ids)

    def __len__(self) -> int:
        return self.index.n

    def values(self) -> Iterator[Passage]:  # every passage: for tests and small tools, not per question
        return (self.index.passage(r) for r in range(self.index.n))

    def of_source(self, source: str) -> list[Passage]:
        """A document's passages in reading order (the indexer stores them so)."""
        return [self.index.passage(r) for r in self.index.rows_of(source)]


class ScopedBM25Retriever(BM25Retriever):
    """llama-index's BM25 retriever over the serving index's saved bm25s index, masked per query."""

    def __init__(self, index: ServingIndex, top_k: int) -> None:
        super().__init__(existing_bm25=index.bm25, similarity_top_k=top_k, token_pattern=BM25_TOKEN_PATTERN)
        self._index = index

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        import bm25s

        allowed = getattr(query_bundle, "allowed", None)
        tokens = bm25s.tokenize(query_bundle.query_str, stemmer=self.stemmer, token_pattern=self.token_pattern, show_progress=False)
        k = int(min(self.similarity_top_k, allowed.sum() if allowed is not None else self._index.n))
        if k == 0:
            return []
        mask = allowed.astype(np.float32) if allowed is not None else None
        indexes, scores = self.bm25.retrieve(tokens, k=k, show_progress=False, weight_mask=mask)
        return [_node(query_bundle, self._index, int(i), float(s)) for i, s in zip(indexes[0], scores[0]) if s > 0]


class DenseRetriever(BaseRetriever):
    """Exact cosine search over the mapped passage vectors (unit length: a dot product)."""

    def __init__(self, index: ServingIndex, store: Store, top_k: int, exact_max: int) -> None:
        super().__init__()
        self._index, self._store, self._top_k, self._exact_max = index, store, top_k, exact_max

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        index = self._index
        query = np.asarray(query_bundle.embedding, dtype=np.float32)
        allowed = getattr(query_bundle, "allowed", None)
        if allowed is None and index.n > self._exact_max:
            hits = self._store.search(query, self._top_k)
            rows = [(index.row_of(i), s) for i, s in hits]
            return [_node(query_bundle, index, r, s) for r, s in rows if r is not None]
        if allowed is None:
            rows, scores = None, index.vectors @ query
        else:
            rows = np.flatnonzero(allowed)
            # Gathering many rows costs more than multiplying them all: past a quarter, do that.
            scores = (index.vectors @ query)[rows] if len(rows) > index.n // 4 else index.vectors[rows] @ query
        k = min(self._top_k, len(scores))
        if k == 0:
            return []
        best = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        best = best[np.argsort(-scores[best], kind="stable")]
        return [_node(query_bundle, index, int(b if rows is None else rows[b]), float(scores[b])) for b in best]


def plain(text: str) -> str:
    """Lower-case words and digits only, one space apart: quoted words compared whatever their
    quote marks, apostrophes and punctuation ("We’re" and "we're")."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", "")))


def holds_quotes(text: str, quoted: tuple[str, ...] | list[str], min_ratio: float) -> bool:
    """Whether `text` holds every one of the `quoted` words, fuzzily: rapidfuzz's partial ratio of
    the plain texts at least `min_ratio` (a word or two typed differently from the document's).
    The one test of quoted words: the retriever's search for them, the quoted gate and feature."""
    from rapidfuzz import fuzz

    own = plain(text)
    return all(fuzz.partial_ratio(plain(q), own) >= min_ratio for q in quoted)


class RankFusionRetriever(QueryFusionRetriever):
    """llama-index's reciprocal-rank fusion with its rank constant as a setting (the library
    fixes it at 60). 60 is the TREC value, for lists a thousand deep; over our lists of
    3 x top_k it makes the fused order little more than "ranked by both": a passage the keyword
    side ranks first ("Starting Point", a programme's name) and the dense side ranks past its
    list scores 1/61, under any passage both rank about tenth (2/70), and falls out of the top_k.
    A smaller constant lets one side's first few passages through, as the two sides' strengths
    differ (names and numbers for the keywords, paraphrase for the vectors)."""

    def __init__(self, *args, rank_constant: float = 60.0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rank_constant = rank_constant

    def _reciprocal_rerank_fusion(self, results: dict) -> list[NodeWithScore]:
        return fuse(list(results.values()), self.rank_constant)


def fuse(rankings: list[list[NodeWithScore]], rank_constant: float) -> list[NodeWithScore]:
    """Reciprocal-rank fusion: each passage scored the sum over the rankings of 1/(its rank + the
    constant), ranks from 0, best first (as llama-index's, whose constant is fixed)."""
    fused: dict[str, float] = {}
    nodes: dict[str, NodeWithScore] = {}
    for found in rankings:
        for rank, hit in enumerate(sorted(found, key=lambda x: x.score or 0.0, reverse=True)):
            key = hit.node.hash
            nodes[key] = hit
            fused[key] = fused.get(key, 0.0) + 1.0 / (rank + rank_constant)
    ranked = []
    for key, score in sorted(fused.items(), key=lambda kv: kv[1], reverse=True):
        nodes[key].score = score
        ranked.append(nodes[key])
    return ranked


class Retriever:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, store: Store | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or Embedder(settings)
        self.store = store or Store(settings)
        self.index: ServingIndex | None = None
        self.passages: PassageMap | dict = {}
        self._authorities: set[str] = set()
        self._fusion: QueryFusionRetriever | None = None

    def warm_up(self, load_model: bool = True) -> "Retriever":
        """Open the serving index, and load the embedding model unless `load_model` is False
        (the chat loads it in the background once its page is up; the first question waits)."""
        if load_model:
            self.embedder.warm_up()
        index = self._open_index()
        if not index.n:
            raise StoreError(f"the store at {self.settings.describe_store()} holds no passages: index some documents first")
        self.index = index
        self.passages = PassageMap(index)
        self._authorities = {d.authority for d in index.documents if d.authority}
        # Each document's title and file name, as words: what the names check reads first.
        self._doc_words = [f" {normal(f'{d.title} {d.source}')} " for d in index.documents]
        # Deeper candidate lists than we keep: fusion rewards passages both sides rank well.
        depth = self.settings.top_k * 3
        self._keyword = keyword = ScopedBM25Retriever(index, min(depth, index.n))
        dense = DenseRetriever(index, self.store, depth, self.settings.exact_search_max)
        if index.n > self.settings.exact_search_max:
            self.store.warm_up(create=False, model_name=self.settings.embedding_model)
        self._fusion = RankFusionRetriever(
            [dense, keyword],
            rank_constant=self.settings.fusion_rank_constant,
            llm=MockLLM(),  # num_queries=1: no query rewriting, so no LLM is ever called
            mode=FUSION_MODES.RECIPROCAL_RANK,
            similarity_top_k=depth,
            num_queries=1,
            use_async=False,
        )
        log.info("retriever ready over %d passages (serving index generation %d)", index.n, index.generation)
        return self

    def _open_index(self) -> ServingIndex:
        """The live generation of the serving index; written now from the store when there is
        none (a store indexed by a version before the serving index, or its folder lost)."""
        folder = serving_dir(self.settings)
        index = ServingIndex.open_current(folder)
        if index is None:
            from indexer.pipeline import Indexer

            self.store.warm_up(create=False, model_name=self.settings.embedding_model)
            log.warning("no serving index in %s: writing it from the store (once)", folder)
            indexer = Indexer(self.settings)
            indexer.embedder, indexer.store = self.embedder, self.store
            index = indexer.republish()
        model = index.embedding_model
        if model and model != self.settings.embedding_model:
            # Questions embedded by another model than the passages would match nothing sensible.
            raise StoreError(
                f"the store at {self.settings.describe_store()} was built with the embedding model '{model}', "
                f"not '{self.settings.embedding_model}'. Use IA_EMBEDDING_MODEL={model}, or index into a new store."
            )
        return index

    def version(self) -> str:
        """The serving index generation now published (a small file read): changes after every
        index run that changed anything, whoever ran it."""
        return ServingIndex.current_name(serving_dir(self.settings))

    def reopened(self) -> "Retriever":
        """A new, not yet warmed-up Retriever over the store as it is now, sharing the model."""
        store = self.store.reopened() if self.store._client is not None else Store(self.settings)
        return Retriever(self.settings, embedder=self.embedder, store=store)

    @property
    def authorities(self) -> set[str]:
        """The councils the index has documents about (read once: asked on every question)."""
        return self._authorities

    def document_mask(self, filters: Filters | None, authority: str | None = None) -> np.ndarray:
        """Which documents a search may return from (one entry per document, not per passage)."""
        index = self.index
        allowed = np.ones(len(index.documents), dtype=bool)
        if filters:
            allowed &= np.array([filters.allows_document(d.kind, d.authority, d.date) for d in index.documents], dtype=bool)
        if authority:
            # A document whose council could not be told is kept: it may be about this one.
            allowed &= (index.doc_authority == authority) | (index.doc_authority == "")
        return allowed

    def mask(self, filters: Filters | None, authority: str | None = None) -> np.ndarray | None:
        """Which passages a search may return; None when all may."""
        if not filters and not authority:
            return None
        return self.index.row_mask(self.document_mask(filters, authority))

    def mentioned(self, form: str, doc_mask: np.ndarray) -> bool:
        """Whether the documents `doc_mask` allows contain `form` as whole words, in a title, a
        file name or a passage. The keyword index's postings say which passages hold all of its
        words; only those are read to check the phrase, so this never reads the whole store."""
        target = f" {normal(form)} "
        if not target.strip():
            return True
        if any(target in self._doc_words[i] for i in np.flatnonzero(doc_mask)):
            return True
        index = self.index
        rows = self._rows_with_words(form)
        allowed = index.row_mask(doc_mask)
        rows = np.flatnonzero(allowed) if rows is None else rows[allowed[rows]]
        for row in rows:
            p = index.passage(int(row))
            if target in f" {normal(f'{p.title} {p.source} {p.text}')} ":
                return True
        return False

    def spelling(self, acronym: str, doc_mask: np.ndarray) -> str | None:
        """The words the documents `doc_mask` allows spell an acronym no vocabulary knows out
        with, by its initials (`indexer.vocabulary.initials_pattern`); None when none do. Read
        only for an acronym the documents never write, so it costs nothing on most questions."""
        pattern = initials_pattern(acronym)
        if pattern is None:
            return None
        index = self.index
        for row in np.flatnonzero(index.row_mask(doc_mask)):
            p = index.passage(int(row))
            found = pattern.search(f"{p.title} {p.text}")
            if found:
                return found.group(0)
        return None

    def holding(self, words: str, filters: Filters | None, scope: Scope | None, min_ratio: float) -> list[Hit]:
        """The passages, within the scope `run` searches, that hold the quoted `words` (all their
        keyword-index words, from the postings; then the words themselves, fuzzily: rapidfuzz's
        partial ratio of the plain texts at least `min_ratio`). "Who said 'we are not there
        yet'?" is answered by the sentence holding those words, which dense and keyword search
        may rank below the top passages (its other words are a news page's)."""
        rows = self._rows_with_words(words)
        if rows is None or not len(rows):
            return []
        councils = [a for a in (scope.authorities if scope else ()) if a in self.authorities] or [None]
        allowed = np.zeros(self.index.n, dtype=bool)
        for council in councils:
            mask = self.mask(filters, council)
            allowed |= np.ones(self.index.n, dtype=bool) if mask is None else mask
        found = []
        for row in rows[allowed[rows]]:
            p = self.index.passage(int(row))
            if holds_quotes(p.text, (words,), min_ratio):
                found.append(Hit(p, 1.0))
        return found

    def _rows_with_words(self, form: str) -> np.ndarray | None:
        """Passages holding every keyword-index word of `form`, from its postings; None when
        `form` has no such word (all stopwords), so every passage must be read."""
        import bm25s

        bm25 = self.index.bm25
        # The keyword index's own tokenisation (stopwords, its retriever's stemmer), so the words
        # looked up are the words it holds.
        words = bm25s.tokenize([form], stopwords=BM25_STOPWORDS, stemmer=self._keyword.stemmer, token_pattern=BM25_TOKEN_PATTERN,
                               return_ids=False, show_progress=False)[0]
        if not words:
            return None
        indptr, indices = bm25.scores["indptr"], bm25.scores["indices"]
        rows = None
        for word in words:
            t = bm25.vocab_dict.get(word)
            if t is None or t + 1 >= len(indptr):
                return np.zeros(0, dtype=np.int64)
            here = np.asarray(indices[int(indptr[t]) : int(indptr[t + 1])], dtype=np.int64)
            rows = here if rows is None else np.intersect1d(rows, here, assume_unique=True)
            if not len(rows):
                break
        return rows

    def run(
        self,
        question: str,
        embedding: np.ndarray | None = None,
        k: int | None = None,
        filters: Filters | None = None,
        scope: Scope | None = None,
        prefer_reports: bool = False,
    ) -> list[Hit]:
        if self._fusion is None:
            self.warm_up()
        if embedding is None:
            embedding = self.embedder.encode([question])[0]
        k = k or self.settings.top_k
        councils = [a for a in (scope.authorities if scope else ()) if a in self.authorities] or [None]
        per_council = [self._search(question, embedding, self.mask(filters, a)) for a in councils]
        years = set(scope.years) if scope else set()
        ranked = [self._prefer(hits, years, prefer_reports, named=a is not None) for a, hits in zip(councils, per_council)]
        # A comparison names two councils: take their best passages in turn, so neither is crowded out.
        merged: list[Hit] = []
        for group in zip(*[r + [None] * (max(map(len, ranked)) - len(r)) for r in ranked]):
            merged.extend(h for h in group if h is not None)
        return merged[: k * len(councils)] if len(councils) > 1 else merged[:k]

    def closest_pieces(
        self,
        embedding: np.ndarray,
        k: int,
        filters: Filters | None = None,
        scope: Scope | None = None,
        exclude: set[str] = frozenset(),
    ) -> list[Hit]:
        """The `k` passages, within the same scope `run` searches (the councils named, the
        filters set; never a document of another council), whose best single quotable piece is
        closest to the question, skipping the passages in `exclude`. Passage-level dense and
        keyword search rank a long passage by all of its text, so one sentence that answers the
        question can sit in a passage ranked below the top-k; this ranks by the sentence. One
        matrix product over the stored piece vectors (indexer.serving): no encode."""
        index = self.index
        councils = [a for a in (scope.authorities if scope else ()) if a in self.authorities] or [None]
        found: list[Hit] = []
        for council in councils:
            rows = self.mask(filters, council)
            rows = np.ones(index.n, dtype=bool) if rows is None else rows.copy()
            if council is not None:
                # Only the council's own documents: an unknown council's are not widened into.
                rows &= index.row_mask(index.doc_authority == council)
            for pid in exclude:
                r = index.row_of(pid)
                if r is not None:
                    rows[r] = False
            piece_rows = self._piece_rows()
            allowed = rows[piece_rows]
            if not allowed.any():
                continue
            at = np.flatnonzero(allowed)
            scores = np.asarray(index.sent_vectors[at], dtype=np.float32) @ np.asarray(embedding, dtype=np.float32)
            best: dict[int, float] = {}
            for i in np.argsort(-scores):
                r = int(piece_rows[at[i]])
                if r not in best:
                    best[r] = float(scores[i])
                    if len(best) >= k:
                        break
            found.extend(Hit(index.passage(r), s) for r, s in best.items())
        return found

    def _piece_rows(self) -> np.ndarray:
        """The passage row of every stored piece (made once per serving index)."""
        if getattr(self, "_piece_rows_of", None) is None or self._piece_rows_of[0] is not self.index:
            counts = np.diff(np.asarray(self.index.sent_offsets, dtype=np.int64))
            self._piece_rows_of = (self.index, np.repeat(np.arange(self.index.n), counts))
        return self._piece_rows_of[1]

    def _search(self, question: str, embedding: np.ndarray, allowed: np.ndarray | None) -> list[Hit]:
        if allowed is not None and not allowed.any():
            return []
        bundle = ScopedQuery(query_str=question, embedding=embedding.tolist(), allowed=allowed)
        results = self._fusion.retrieve(bundle)
        return [Hit(bundle.found[r.node.node_id], float(r.score or 0.0)) for r in results if r.node.node_id in bundle.found]

    @staticmethod
    def _prefer(hits: list[Hit], years: set[int], prefer_reports: bool, named: bool = False) -> list[Hit]:
        """For a question naming a council, that council's own documents before any whose
        council could not be told (kept, as they may be about it, but never quoted ahead of
        the council's own); then passages of the years the question names, then (for "what did
        inspectors say") the inspection report's; fused order otherwise kept."""

        def key(item: tuple[int, Hit]) -> tuple[int, int, int, int]:
            i, h = item
            unknown = int(named and not h.passage.authority)
            # A report is often published, and discussed, the year after the inspection; a plan
            # dated the year after answers it: a document is of its own year and its inspection's.
            year = year_of(h.passage.date)
            year_miss = int(bool(years) and year - 1 not in years and not years & h.passage.years)
            not_report = int(prefer_reports and h.passage.kind is not DocKind.INSPECTION_REPORT)
            return (unknown, year_miss, not_report, i)

        return [h for _, h in sorted(enumerate(hits), key=key)]

