"""Hybrid retrieval: dense (Chroma, our embedder) and keyword (BM25), fused by reciprocal rank.

llama-index does the keyword search (BM25Retriever, bm25s underneath) and the fusion
(QueryFusionRetriever in reciprocal-rank mode). The dense side is a small BaseRetriever over
our Store rather than llama-index's ChromaVectorStore, because the indexer owns the
collection's schema (content-hash ids, a file manifest) and ChromaVectorStore expects each
record to carry a serialised copy of the node in its metadata.
"""

from __future__ import annotations

import logging

import numpy as np
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.types import Filters, Hit, Scope
from indexer.embedding import Embedder
from indexer.settings import Settings
from indexer.store import Store, StoreError
from indexer.types import Passage

log = logging.getLogger(__name__)


def to_node(passage: Passage) -> TextNode:
    node = TextNode(
        id_=passage.id,
        text=passage.text,
        metadata={"title": passage.title, "heading": passage.heading},
        # BM25 reads title and heading with the text; nothing else of the metadata.
        excluded_embed_metadata_keys=[],
        metadata_template="{value}",
        text_template="{metadata_str}\n{content}",
    )
    return node


class DenseRetriever(BaseRetriever):
    def __init__(self, store: Store, embedder: Embedder, nodes: dict[str, TextNode], top_k: int) -> None:
        super().__init__()
        self._store, self._embedder, self._nodes, self._top_k = store, embedder, nodes, top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        embedding = query_bundle.embedding
        if embedding is None:
            embedding = self._embedder.encode([query_bundle.query_str])[0].tolist()
        hits = self._store.search(np.asarray(embedding, dtype=np.float32), self._top_k)
        # The same node objects as the keyword side, so fusion merges them by hash.
        return [NodeWithScore(node=self._nodes[i], score=s) for i, s in hits if i in self._nodes]


class Retriever:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, store: Store | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or Embedder(settings)
        self.store = store or Store(settings)
        self.passages: dict[str, Passage] = {}
        self._fusion: QueryFusionRetriever | None = None

    def warm_up(self) -> "Retriever":
        from llama_index.retrievers.bm25 import BM25Retriever

        self.embedder.warm_up()
        # Questions embedded by another model than the passages would match nothing sensible.
        self.store.warm_up(create=False, model_name=self.settings.embedding_model)

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs each index build at DEBUG
        self.passages = {p.id: p for p in self.store.passages()}
        if not self.passages:
            raise StoreError(f"the store at {self.settings.describe_store()} holds no passages: index some documents first")
        nodes = {pid: to_node(p) for pid, p in self.passages.items()}
        # Deeper candidate lists than we keep: fusion rewards passages both sides rank well.
        depth = self.settings.top_k * 3
        keyword = BM25Retriever.from_defaults(nodes=list(nodes.values()), similarity_top_k=min(depth, len(nodes)))
        dense = DenseRetriever(self.store, self.embedder, nodes, depth)
        self._fusion = QueryFusionRetriever(
            [dense, keyword],
            llm=MockLLM(),  # num_queries=1: no query rewriting, so no LLM is ever called
            mode=FUSION_MODES.RECIPROCAL_RANK,
            similarity_top_k=self.settings.top_k,
            num_queries=1,
            use_async=False,
        )
        log.info("retriever ready over %d passages", len(self.passages))
        return self

    def run(
        self,
        question: str,
        embedding: np.ndarray | None = None,
        k: int | None = None,
        filters: Filters | None = None,
        scope: Scope | None = None,
    ) -> list[Hit]:
        if self._fusion is None:
            self.warm_up()
        if embedding is None:
            embedding = self.embedder.encode([question])[0]
        bundle = QueryBundle(query_str=question, embedding=embedding.tolist())
        results = self._fusion.retrieve(bundle)
        hits = [Hit(self.passages[r.node.node_id], float(r.score or 0.0)) for r in results if r.node.node_id in self.passages]
        if filters:
            hits = [h for h in hits if filters.allows(h.passage)]
        return hits[: k or self.settings.top_k]
