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

Scoped searches are exact (a matrix product over the allowed passages' vectors, held in memory)
instead of a Chroma `where` query, which measured 40-60x slower than an unfiltered query at
100k passages; unscoped searches use Chroma's HNSW index.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from llama_index.retrievers.bm25 import BM25Retriever

from assistant.types import Filters, Hit, Scope
from indexer.embedding import Embedder
from indexer.settings import Settings
from indexer.store import Store, StoreError
from indexer.types import DocKind, Passage, year_of

log = logging.getLogger(__name__)


@dataclass
class ScopedQuery(QueryBundle):
    """A query that may only return the passages `allowed` marks (a boolean array in corpus
    order). It travels through QueryFusionRetriever unchanged, so concurrent questions with
    different scopes never share state."""

    allowed: np.ndarray | None = None


def to_node(passage: Passage) -> TextNode:
    return TextNode(
        id_=passage.id,
        text=passage.text,
        metadata={"title": passage.title, "heading": passage.heading},
        # BM25 reads title and heading with the text; nothing else of the metadata.
        excluded_embed_metadata_keys=[],
        metadata_template="{value}",
        text_template="{metadata_str}\n{content}",
    )


class ScopedBM25Retriever(BM25Retriever):
    """llama-index's BM25 retriever, masked per query instead of per instance."""

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        allowed = getattr(query_bundle, "allowed", None)
        if allowed is None:
            return super()._retrieve(query_bundle)
        import bm25s

        tokens = bm25s.tokenize(query_bundle.query_str, stemmer=self.stemmer, token_pattern=self.token_pattern, show_progress=False)
        k = int(min(self.similarity_top_k, allowed.sum()))
        if k == 0:
            return []
        indexes, scores = self.bm25.retrieve(tokens, k=k, show_progress=False, weight_mask=allowed.astype(np.float32))
        return [
            NodeWithScore(node=self._nodes_in_order[int(i)], score=float(s))
            for i, s in zip(indexes[0], scores[0])
            if s > 0
        ]


class DenseRetriever(BaseRetriever):
    def __init__(self, store: Store, nodes: list[TextNode], vectors: np.ndarray, top_k: int) -> None:
        super().__init__()
        self._store, self._nodes, self._vectors, self._top_k = store, nodes, vectors, top_k
        self._by_id = {n.node_id: n for n in nodes}

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        query = np.asarray(query_bundle.embedding, dtype=np.float32)
        allowed = getattr(query_bundle, "allowed", None)
        if allowed is None:
            hits = self._store.search(query, self._top_k)
            return [NodeWithScore(node=self._by_id[i], score=s) for i, s in hits if i in self._by_id]
        rows = np.flatnonzero(allowed)
        scores = self._vectors[rows] @ query
        best = np.argsort(-scores)[: self._top_k]
        return [NodeWithScore(node=self._nodes[rows[b]], score=float(scores[b])) for b in best]


class Retriever:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, store: Store | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or Embedder(settings)
        self.store = store or Store(settings)
        self.passages: dict[str, Passage] = {}
        self._authorities: set[str] = set()
        self._fusion: QueryFusionRetriever | None = None

    def warm_up(self) -> "Retriever":
        self.embedder.warm_up()
        # Questions embedded by another model than the passages would match nothing sensible.
        self.store.warm_up(create=False, model_name=self.settings.embedding_model)

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs each index build at DEBUG
        pairs = list(self.store.passages_with_vectors())
        if not pairs:
            raise StoreError(f"the store at {self.settings.describe_store()} holds no passages: index some documents first")
        self.passages = {p.id: p for p, _ in pairs}
        self._order = [p for p, _ in pairs]
        self._authority = np.array([p.authority for p in self._order])
        self._authorities = {p.authority for p in self._order if p.authority}
        vectors = np.stack([v for _, v in pairs])
        nodes = [to_node(p) for p in self._order]
        # Deeper candidate lists than we keep: fusion rewards passages both sides rank well.
        depth = self.settings.top_k * 3
        keyword = ScopedBM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(depth, len(nodes)))
        keyword._nodes_in_order = nodes  # bm25s returns corpus positions; same order as `nodes`
        dense = DenseRetriever(self.store, nodes, vectors, depth)
        self._fusion = QueryFusionRetriever(
            [dense, keyword],
            llm=MockLLM(),  # num_queries=1: no query rewriting, so no LLM is ever called
            mode=FUSION_MODES.RECIPROCAL_RANK,
            similarity_top_k=depth,
            num_queries=1,
            use_async=False,
        )
        log.info("retriever ready over %d passages", len(self.passages))
        return self

    @property
    def authorities(self) -> set[str]:
        """The councils the index has documents about (read once: asked on every question)."""
        return self._authorities

    def mask(self, filters: Filters | None, authority: str | None = None) -> np.ndarray | None:
        """Which passages a search may return; None when all may."""
        allowed = None
        if filters:
            allowed = np.array([filters.allows(p) for p in self._order])
        if authority:
            # A document whose council could not be told is kept: it may be about this one.
            council = (self._authority == authority) | (self._authority == "")
            allowed = council if allowed is None else allowed & council
        return allowed

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

    def _search(self, question: str, embedding: np.ndarray, allowed: np.ndarray | None) -> list[Hit]:
        if allowed is not None and not allowed.any():
            return []
        bundle = ScopedQuery(query_str=question, embedding=embedding.tolist(), allowed=allowed)
        results = self._fusion.retrieve(bundle)
        return [Hit(self.passages[r.node.node_id], float(r.score or 0.0)) for r in results if r.node.node_id in self.passages]

    @staticmethod
    def _prefer(hits: list[Hit], years: set[int], prefer_reports: bool, named: bool = False) -> list[Hit]:
        """For a question naming a council, that council's own documents before any whose
        council could not be told (kept, as they may be about it, but never quoted ahead of
        the council's own); then passages of the years the question names, then (for "what did
        inspectors say") the inspection report's; fused order otherwise kept."""

        def key(item: tuple[int, Hit]) -> tuple[int, int, int, int]:
            i, h = item
            unknown = int(named and not h.passage.authority)
            # A report is often published, and discussed, the year after the inspection.
            year = year_of(h.passage.date)
            year_miss = int(bool(years) and year not in years and year - 1 not in years)
            not_report = int(prefer_reports and h.passage.kind is not DocKind.INSPECTION_REPORT)
            return (unknown, year_miss, not_report, i)

        return [h for _, h in sorted(enumerate(hits), key=key)]
