"""Wiring: load the heavy parts once, then build assistants from them cheaply.

The evaluation compares configurations without reloading the model:

    >>> parts = load_parts(Config.from_env())                     # doctest: +SKIP
    >>> fast = build_assistant(parts, parts.config.with_(top_k=3))  # doctest: +SKIP
    >>> lexical = build_assistant(parts, parts.config, mode="bm25")  # doctest: +SKIP
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .config import Config
from .core import Assistant
from .errors import AssistantError


@dataclass
class Parts:
    """What every configuration shares: loaded once."""

    config: Config
    article: object
    embed_model: object
    index: object
    index_status: str
    multilingual: object = None  # assistant.multilingual.E5Ranker, where installed
    client: object = None  # openai.OpenAI, when an endpoint is configured
    load_s: float = 0.0
    answerers: dict = field(default_factory=dict)  # backend name -> answerer, made once


def load_parts(config: Config, rebuild: bool = False) -> Parts:
    """The article, embedder, index (loaded or rebuilt) and multilingual ranker."""
    from .article import load_article
    from .embedder import load_minilm
    from .multilingual import load_e5
    from .store import open_index

    t0 = time.perf_counter()
    article, client = load_article(), None
    if config.backend == "openai" or config.embedder == "openai":
        from .openai_answerer import make_client

        client = make_client(
            config.openai_api_key,
            config.openai_base_url,
            config.openai_timeout,
            config.openai_max_retries,
        )
    if config.embedder == "openai":
        from .openai_embedder import OpenAIEmbedder

        embed_model = OpenAIEmbedder(client, config.openai_embedding_model)
    else:
        embed_model = load_minilm()
    index, why = open_index(article, embed_model, config.index_dir, rebuild=rebuild)
    ranker = load_e5() if config.multilingual else None
    parts = Parts(config, article, embed_model, index, why, ranker, client)
    parts.load_s = time.perf_counter() - t0
    return parts


def _answerer(parts: Parts, backend: str):
    if backend not in parts.answerers:
        if backend == "openai":
            from .openai_answerer import OpenAIAnswerer, make_client

            c = parts.config
            if not (parts.client or c.openai_api_key or c.openai_base_url):
                raise AssistantError("backend=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL).")
            client = parts.client or make_client(
                c.openai_api_key, c.openai_base_url, c.openai_timeout, c.openai_max_retries
            )
            parts.answerers[backend] = OpenAIAnswerer(client, c.openai_model)
        else:
            from .extractive import ExtractiveAnswerer, idf_table

            texts = [n.text for n in parts.index.docstore.docs.values()]
            parts.answerers[backend] = ExtractiveAnswerer(idf_table(texts))
    return parts.answerers[backend]


def build_assistant(parts: Parts, config: Config | None = None, mode: str = "hybrid") -> Assistant:
    """An assistant over ``parts`` with ``config``'s top-k and backend (and ``mode`` retrieval)."""
    from .retrieval import HybridRetriever

    config = config or parts.config
    retriever = HybridRetriever(
        parts.index,
        parts.embed_model,
        top_k=config.top_k,
        mode=mode,
        multilingual=parts.multilingual,
        vectors_dir=parts.config.index_dir,
    )
    extractive = _answerer(parts, "extractive")
    answerer, fallback = extractive, None
    if config.backend == "openai":
        answerer, fallback = _answerer(parts, "openai"), extractive
    return Assistant(
        parts.article, retriever, answerer, fallback, config.max_question_chars, parts.index_status
    )
