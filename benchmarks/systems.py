"""The two measured systems, each behind the same small interface.

``build(article)`` makes the in-memory index and retriever from the article text;
``ask(question, history)`` returns an :class:`Answer` with the answer text, whether it
answered, the cited spans and the retrieved spans (ranked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int]


@dataclass
class Answer:
    text: str
    answered: bool
    citations: list[Span] = field(default_factory=list)
    retrieved: list[Span] = field(default_factory=list)


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

    def retrieve(self, question: str, history: Sequence[dict] = ()) -> list[Span]:
        hits = self.retriever.retrieve(question)
        return [(h.node.start_char_idx, h.node.end_char_idx) for h in hits]

    def ask(self, question: str, history: Sequence[dict] = ()) -> Answer:
        hits = self.retriever.retrieve(question)
        spans = [(h.node.start_char_idx, h.node.end_char_idx) for h in hits]
        text = "\n\n".join(h.node.get_content() for h in hits)
        return Answer(text, True, spans, spans)


class Ours:
    """The shipped assistant: sentence nodes, hybrid retrieval, extractive answerer."""

    name = "ours"

    def __init__(self, embed_model=None, bot=None) -> None:
        self.embed_model, self.bot = embed_model, bot
        self.chunks = len(bot.retriever.nodes) if bot is not None else 0

    @classmethod
    def load_default(cls, index_dir: Path) -> Ours:
        """The default configuration over a copy of the committed index."""
        from assistant.config import Config
        from assistant.loading import build_assistant, load_parts

        parts = load_parts(Config.from_env({}).with_(index_dir=Path(index_dir)))
        return cls(parts.embed_model, build_assistant(parts))

    def build(self, article) -> None:
        """Index ``article`` in memory: sentence nodes, BM25, IDF (no multilingual ranker)."""
        from assistant.core import Assistant
        from assistant.extractive import ExtractiveAnswerer, idf_table
        from assistant.retrieval import HybridRetriever
        from assistant.store import build_index

        index = build_index(article, self.embed_model)
        retriever = HybridRetriever(index, self.embed_model, top_k=6)
        texts = [s.text for s in article.sentences]
        self.bot = Assistant(article, retriever, ExtractiveAnswerer(idf_table(texts)))
        self.chunks = len(texts)

    def retrieve(self, question: str, history: Sequence[dict] = ()) -> list[Span]:
        from assistant.retrieval import retrieval_query

        passages = self.bot.retriever.retrieve(retrieval_query(question, list(history)))
        return [(p.start, p.end) for p in passages]

    def ask(self, question: str, history: Sequence[dict] = ()) -> Answer:
        r = self.bot.ask(question, list(history))
        return Answer(r.answer, r.answered, [(c.start, c.end) for c in r.citations])
