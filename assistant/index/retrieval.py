"""Hybrid retrieval: MiniLM vectors and BM25 over sentence nodes, fused by rank.

On this article the two fail on different questions (dense misses exact
titles like "Li Zhanshu"; BM25 misses paraphrases), so each returns a pool and
reciprocal-rank fusion (RRF, k=60) merges them. Where installed, a multilingual
ranking (:mod:`assistant.index.multilingual`) ranks questions in other languages, over
sentence vectors it is given (:func:`assistant.index.store.multilingual_vectors`). The
retriever ranks what it is given and reads or writes no file.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from llama_index.core import VectorStoreIndex
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode

from ..core.result import Passage
from ..errors import ModelError
from ..language.words import looks_english
from .store import article_nodes

log = logging.getLogger(__name__)

RRF_K = 60
MODES = ("hybrid", "dense", "bm25")
# How long a question in another language waits for an own article's multilingual
# vectors still being computed in the background, before it is answered without them.
MULTILINGUAL_WAIT_S = 2.0


def rrf(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal-rank fusion of several ranked id lists.

    >>> sorted(rrf([["a", "b"], ["b", "c"]]).items())
    [('a', 0.01639...), ('b', 0.03252...), ('c', 0.01612...)]
    """
    fused: dict[str, float] = {}
    for ranking in rankings:
        for pos, node_id in enumerate(ranking):
            fused[node_id] = fused.get(node_id, 0.0) + 1.0 / (k + pos + 1)
    return fused


class HybridRetriever:
    """Retrieve numbered :class:`Passage` objects for a query."""

    def __init__(
        self,
        index: VectorStoreIndex,
        embed_model: BaseEmbedding,
        top_k: int = 6,
        mode: str = "hybrid",
        neighbours_of: int = 3,
        multilingual=None,
        multilingual_vectors=None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.top_k, self.mode = top_k, mode
        self.nodes: dict[str, TextNode] = dict(index.docstore.docs)
        self.order = [n.node_id for n in article_nodes(index)]
        self.position = {node_id: pos for pos, node_id in enumerate(self.order)}
        self.neighbours_of = neighbours_of
        self.pool = min(len(self.nodes), max(30, 5 * top_k))
        # multilingual_vectors: one row per node, in article order (self.order), a function
        # that computes them when a question in another language first needs them, or a
        # multilingual.Background computing them already
        self.multilingual, self._e5 = multilingual, None
        if multilingual is not None and multilingual_vectors is not None and mode == "hybrid":
            self._e5 = multilingual_vectors
        # Dense scores are one matrix product over the stored vectors: llama-index's
        # SimpleVectorStore scores node by node in Python (80 ms a query at 3,300 sentences,
        # against 20 ms this way; same top ids). Cosine, as llama-index computes it.
        self._embed_model = embed_model
        self._vectors = unit_rows([index.vector_store.get(i) for i in self.order])
        self._bm25 = _bm25(list(self.nodes.values()), self.pool) if mode != "dense" else None

    def _bm25_scores(self, query: str) -> dict[str, float]:
        if self._bm25 is None:
            return {}
        try:
            hits = bm25_hits(self._bm25, query)
        except (ValueError, IndexError, KeyError):  # a query with no indexable token
            return {}
        return {node_id: score for node_id, score in hits if score > 0}

    def retrieve(self, query: str) -> list[Passage]:
        dense = self._dense_scores(query)  # in bm25 mode too: the answerer weighs it
        lexical = self._bm25_scores(query)
        rankings = []
        if dense and self.mode != "bm25":
            rankings.append(sorted(dense, key=dense.get, reverse=True))
        if lexical:
            rankings.append(sorted(lexical, key=lexical.get, reverse=True))
        if self._e5 is not None and not looks_english(query):
            # English-only rankings are noise for a question in another language; the
            # multilingual model ranks alone. (For English it adds ~35 ms, and on the dev set
            # reaches no passage the other two miss, so it is not asked.)
            rankings = self._multilingual(query) or rankings
        fused = rrf(rankings)
        best = sorted(fused, key=lambda i: (-fused[i], i))[: self.top_k]
        # Sentences often lean on their neighbours ("He warned of ...", "It will be
        # replaced by ..."): the top hits bring the sentence before and after along.
        for node_id in best[: self.neighbours_of]:
            for other in self._adjacent(node_id):
                if other not in best:
                    best.append(other)
        return [
            Passage(
                number=n,
                text=self.nodes[i].text,
                start=self.nodes[i].start_char_idx,
                end=self.nodes[i].end_char_idx,
                similarity=dense.get(i, 0.0),
            )
            for n, i in enumerate(best, start=1)
        ]

    def _multilingual(self, query: str) -> list[list[str]]:
        """The multilingual ranking of ``query`` (none while an own article's vectors are
        still being computed, or when the model cannot run here: then English only)."""
        vectors = self._e5
        if hasattr(vectors, "get"):  # computed in the background (multilingual.Background)
            vectors = vectors.get(wait=MULTILINGUAL_WAIT_S)
            if vectors is None:
                return []
        elif callable(vectors):  # computed on first need
            vectors = vectors()
        self._e5 = vectors
        try:
            scores = vectors @ self.multilingual.query(query)
        except ModelError as exc:
            log.warning("Multilingual ranking is off: %s", exc)
            self._e5 = None
            return []
        return [[self.order[j] for j in scores.argsort()[::-1][: self.pool]]]

    def everything(self, query: str) -> list[Passage]:
        """Every sentence in article order, with its closeness in meaning to ``query`` and to
        the article as a whole (half each): a whole-article question ("Summarise it") is
        best served by its most central sentences when not all of them fit."""
        asked = self._vectors @ unit_rows([self._embed_model.get_query_embedding(query)])[0]
        scores = (asked + self._vectors @ unit_rows([self._vectors.mean(axis=0)])[0]) / 2
        return [
            Passage(
                n,
                self.nodes[i].text,
                self.nodes[i].start_char_idx,
                self.nodes[i].end_char_idx,
                float(scores[n - 1]),
            )
            for n, i in enumerate(self.order, start=1)
        ]

    def _adjacent(self, node_id: str) -> list[str]:
        pos = self.position[node_id]
        return [self.order[j] for j in (pos - 1, pos + 1) if 0 <= j < len(self.order)]

    def _dense_scores(self, query: str) -> dict[str, float]:
        """Cosine similarity of the query to the ``pool`` closest sentences."""
        scores = self._vectors @ unit_rows([self._embed_model.get_query_embedding(query)])[0]
        top = np.argsort(-scores, kind="stable")[: self.pool]
        return {self.order[j]: float(scores[j]) for j in top}


def _bm25(nodes: list[TextNode], pool: int):
    """llama-index's BM25 retriever over ``nodes``, English-stemmed, ``pool`` hits a query."""
    import Stemmer
    from llama_index.retrievers.bm25 import BM25Retriever

    return BM25Retriever.from_defaults(
        nodes=nodes, similarity_top_k=pool, stemmer=Stemmer.Stemmer("english"), language="english"
    )


def bm25_hits(retriever, query: str) -> list[tuple[str, float]]:
    """What llama-index's ``BM25Retriever.retrieve(query)`` finds, as (node id, score): the
    same tokenising and the same bm25s call, without making a node of each hit (30 nodes
    rebuilt from JSON took half a millisecond of every question)."""
    import bm25s

    tokens = bm25s.tokenize(
        query,
        stemmer=None if retriever.skip_stemming else retriever.stemmer,
        token_pattern=retriever.token_pattern,
        show_progress=False,
    )
    mask = retriever.corpus_weight_mask
    indexes, scores = retriever.bm25.retrieve(
        tokens,
        k=retriever.similarity_top_k,
        show_progress=False,
        weight_mask=np.array(mask) if mask else None,
    )
    return [
        (retriever.corpus[int(i)]["node_id"], float(score))
        for i, score in zip(indexes[0], scores[0], strict=True)
    ]


def unit_rows(vectors: Sequence[Sequence[float]]):
    """Vectors as a float32 matrix with rows of length 1 (zero rows stay zero).

    >>> unit_rows([[3.0, 4.0], [0.0, 0.0]]).tolist()
    [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    """
    m = np.asarray(vectors, dtype=np.float32)
    return m / np.clip(np.linalg.norm(m, axis=1, keepdims=True), 1e-12, None)
