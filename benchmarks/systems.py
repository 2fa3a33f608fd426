"""The two measured systems, each behind the same small interface.

``build(article)`` makes the in-memory index and retriever from a parsed article;
``ask(question, history)`` returns an :class:`assistant.core.result.Result` whose trace
holds the passages retrieved, so both are scored by :mod:`assistant.evaluation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.core.result import Citation, Passage, Result, Trace


class Baseline:
    """llama-index defaults: Document -> SentenceSplitter() -> VectorStoreIndex, top-2.

    It has no answerer: its "answer" is the retrieved chunks' text, its citations are the
    chunks, and it never refuses. It retrieves with the question alone (no conversation).
    """

    name = "baseline"

    def __init__(self, embed_model) -> None:
        self.embed_model = embed_model
        self.retriever, self.chunks = None, 0

    def build(self, article) -> None:
        from llama_index.core import Document, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter

        nodes = SentenceSplitter().get_nodes_from_documents([Document(text=article.text)])
        index = VectorStoreIndex(nodes, embed_model=self.embed_model)  # never Settings
        self.retriever = index.as_retriever(similarity_top_k=2)
        self.chunks = len(nodes)

    def ask(self, question: str, history: Sequence[dict] = ()) -> Result:
        hits = self.retriever.retrieve(question)
        passages = tuple(
            Passage(n, h.node.get_content(), h.node.start_char_idx, h.node.end_char_idx)
            for n, h in enumerate(hits, start=1)
        )
        citations = [Citation(p.number, p.text, p.start, p.end) for p in passages]
        text = "\n\n".join(p.text for p in passages)
        return Result(text, True, citations, self.name, trace=Trace(question, passages))


class Ours:
    """The shipped assistant: sentence nodes, hybrid retrieval, extractive answerer."""

    name = "ours"

    def __init__(self, embed_model=None, assistant=None) -> None:
        self.embed_model, self.assistant = embed_model, assistant
        self.chunks = len(assistant.retriever.nodes) if assistant is not None else 0

    @classmethod
    def load_default(cls, index_dir: Path) -> Ours:
        """The default configuration over a copy of the committed index."""
        from assistant.config import Config
        from assistant.wiring import build_assistant, load_models, open_article

        config = Config.from_env({}).with_(index_dir=Path(index_dir))
        models = load_models(config)
        return cls(models.embed_model, build_assistant(models, open_article(models, config)))

    def build(self, article) -> None:
        """Index ``article`` in memory: sentence nodes, BM25, the digest the answerer reads
        (mentions, word weights, clause vectors); no multilingual ranker."""
        from assistant.core.assistant import Assistant
        from assistant.index.retrieval import HybridRetriever
        from assistant.index.store import build_index
        from assistant.reader.answerer import ExtractiveAnswerer
        from assistant.reader.digest import build_digest
        from assistant.reader.model import load_calibration

        index = build_index(article, self.embed_model)
        retriever = HybridRetriever(index, self.embed_model, top_k=6)
        digest = build_digest(article, index, self.embed_model)
        answerer = ExtractiveAnswerer(digest, load_calibration())
        self.assistant = Assistant(article, retriever, answerer, read=digest.analyse)
        self.chunks = len(article.sentences)

    def ask(self, question: str, history: Sequence[dict] = ()) -> Result:
        return self.assistant.ask(question, list(history))
