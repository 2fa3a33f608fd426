"""Wiring: the parts that make an assistant, loaded once and combined cheaply.

Models (embedder, multilingual ranker, OpenAI client) are loaded once per process;
each article gets its index (:func:`index_article`); an assistant is one
configuration over both. Answerers come from a registry, the one list of their names,
so a new answerer is one decorated function:

    >>> sorted(ANSWERERS)
    ['extractive', 'openai']
    >>> answerer_name(Config()), answerer_name(Config(openai_base_url="http://x/v1"))
    ('extractive', 'openai')
    >>> answerer_name(Config(answerer="gpt"))
    Traceback (most recent call last):
    assistant.errors.AssistantError: ASSISTANT_ANSWERER='gpt' is not one of auto, extractive, ...
    >>> cached_index_dir(Config(index_dir=Path("index")), "ab" * 32)
    PosixPath('index-articles/abababababababab')
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .article.article import Article, load_article
from .config import Config
from .core.answerer import Answerer, FallbackAnswerer
from .core.assistant import Assistant
from .errors import AssistantError

OFFLINE = "extractive"  # the answerer that needs nothing but the article, and the fallback


@dataclass
class Models:
    """What every article and configuration share: loaded once per process."""

    config: Config
    embed_model: Any
    multilingual: Any = None  # assistant.index.multilingual.E5Ranker, where installed
    client: Any = None  # openai.OpenAI, when an endpoint is configured
    load_s: float = 0.0


@dataclass
class IndexedArticle:
    """An article with its sentence index (and multilingual vectors, where available)."""

    article: Article
    index: Any  # llama_index.core.VectorStoreIndex
    status: Any  # assistant.index.store.IndexStatus: loaded, rebuilt, or kept in memory
    multilingual_vectors: Any = None  # an array, or a function computing it on first need
    load_s: float = 0.0
    digest: Any = None  # assistant.reader.digest.Digest: the article read for answering


@dataclass(frozen=True)
class Registration:
    """An answerer's factory, and whether it needs an OpenAI-compatible endpoint."""

    make: Callable[[Models, IndexedArticle, Config], Answerer]
    needs_endpoint: bool = False


ANSWERERS: dict[str, Registration] = {}


def answerer(name: str, needs_endpoint: bool = False):
    """Register an answerer factory under ``name`` (an ``ASSISTANT_ANSWERER`` value)."""

    def register(factory):
        ANSWERERS[name] = Registration(factory, needs_endpoint)
        return factory

    return register


@answerer(OFFLINE)
def _extractive(models: Models, indexed: IndexedArticle, config: Config) -> Answerer:
    from .reader.answerer import ExtractiveAnswerer
    from .reader.model import load_calibration

    return ExtractiveAnswerer(indexed.digest, load_calibration())


@answerer("openai", needs_endpoint=True)
def _openai(models: Models, indexed: IndexedArticle, config: Config) -> Answerer:
    from .llm.answerer import OpenAIAnswerer

    return OpenAIAnswerer(
        client_for(models, config), config.openai_model, deadline_s=config.openai_deadline
    )


def answerer_name(config: Config) -> str:
    """The answerer ``config`` asks for: ``"auto"`` is the first that needs an endpoint
    when one is configured, else the offline one. An unknown name, or one that needs an
    endpoint when none is configured, is an error that names the fix."""
    name = config.answerer
    if name == "auto":
        endpoint = [n for n, r in ANSWERERS.items() if r.needs_endpoint]
        return endpoint[0] if config.endpoint and endpoint else OFFLINE
    if name not in ANSWERERS:
        choices = ", ".join(["auto", *ANSWERERS])
        raise AssistantError(f"ASSISTANT_ANSWERER={name!r} is not one of {choices}.")
    if ANSWERERS[name].needs_endpoint and not config.endpoint:
        raise AssistantError(
            f"ASSISTANT_ANSWERER={name} needs OPENAI_API_KEY (or OPENAI_BASE_URL for a "
            "compatible server); unset ASSISTANT_ANSWERER to answer offline."
        )
    return name


def client_for(models: Models, config: Config):
    """The shared OpenAI client, made on first need; a clear error without a key."""
    if models.client is None:
        if not config.endpoint:
            raise AssistantError("The OpenAI endpoint needs OPENAI_API_KEY (or OPENAI_BASE_URL).")
        from .llm.client import make_client

        models.client = make_client(config)
    return models.client


def load_models(config: Config) -> Models:
    """The embedder (MiniLM, or OpenAI's), the multilingual ranker, the OpenAI client."""
    from .index.multilingual import load_e5

    t0 = time.perf_counter()
    models = Models(config, None)
    if config.embedder == "openai":
        from .llm.embedder import OpenAIEmbedder

        models.embed_model = OpenAIEmbedder(
            client_for(models, config), config.openai_embedding_model
        )
    else:
        from .index.embedder import load_minilm

        models.embed_model = load_minilm()
    if ANSWERERS[answerer_name(config)].needs_endpoint:
        client_for(models, config)
    models.multilingual = load_e5() if config.multilingual else None
    models.load_s = time.perf_counter() - t0
    return models


def cached_index_dir(config: Config, sha256: str) -> Path:
    """Where the index of an article other than the shipped one is kept: beside the
    default index, by the article's SHA-256, so the shipped index is never overwritten."""
    base = config.index_dir
    return base.with_name(f"{base.name}-articles") / sha256[:16]


def index_article(
    models: Models, article: Article, index_dir: Path, rebuild: bool = False
) -> IndexedArticle:
    """Load or build ``article``'s index in ``index_dir`` (and its multilingual vectors)."""
    from .index.store import article_nodes, multilingual_vectors, open_index
    from .reader.digest import build_digest

    t0 = time.perf_counter()
    index, status = open_index(article, models.embed_model, index_dir, rebuild=rebuild)
    nodes = article_nodes(index)
    article = article.with_sentences(
        [(n.start_char_idx, n.end_char_idx, n.metadata["paragraph"]) for n in nodes]
    )
    vectors = None
    if models.multilingual is not None:
        vectors = multilingual_vectors(models.multilingual, index_dir, article, nodes)
    digest = build_digest(article, index, models.embed_model)
    return IndexedArticle(article, index, status, vectors, time.perf_counter() - t0, digest)


def index_in_memory(models: Models, article: Article) -> IndexedArticle:
    """``article``'s index built in memory (its multilingual vectors when first needed):
    nothing is written, so a reader's own article never touches an index on disk and goes
    with its session."""
    from .index.store import IndexStatus, article_nodes, build_index, passage_vectors
    from .reader.digest import build_digest

    t0 = time.perf_counter()
    index = build_index(article, models.embed_model)
    vectors = None
    if models.multilingual is not None:
        # Computed on the first question in another language: most readers ask in
        # English, and a 60,000-character article takes ~17 s to embed.
        texts = [n.text for n in article_nodes(index)]
        vectors = partial(passage_vectors, models.multilingual, texts)

    digest = build_digest(article, index, models.embed_model)
    elapsed = time.perf_counter() - t0
    return IndexedArticle(
        article, index, IndexStatus("built", saved=False), vectors, elapsed, digest
    )


def index_dir_for(config: Config, article: Article) -> Path:
    """``config.index_dir`` for the shipped article, a cached folder for any other."""
    if config.article is None:
        return config.index_dir
    return cached_index_dir(config, article.sha256)


def open_article(models: Models, config: Config, rebuild: bool = False) -> IndexedArticle:
    """The configured article (``config.article``, else the shipped one), indexed."""
    article = load_article(config.article)
    return index_article(models, article, index_dir_for(config, article), rebuild)


def build_assistant(
    models: Models, indexed: IndexedArticle, config: Config | None = None, mode: str = "hybrid"
) -> Assistant:
    """An assistant over ``indexed`` with ``config``'s top-k and answerer, ``mode`` retrieval.

    Any answerer but the offline one falls back to the offline answerer when it fails.
    """
    from .index.retrieval import HybridRetriever

    config = config or models.config
    name = answerer_name(config)
    retriever = HybridRetriever(
        indexed.index,
        models.embed_model,
        top_k=config.top_k,
        mode=mode,
        multilingual=models.multilingual,
        multilingual_vectors=indexed.multilingual_vectors,
    )
    chosen = ANSWERERS[name].make(models, indexed, config)
    if name != OFFLINE:
        chosen = FallbackAnswerer(chosen, ANSWERERS[OFFLINE].make(models, indexed, config))
    return Assistant(
        indexed.article,
        retriever,
        chosen,
        config.max_question_chars,
        indexed.status,
        read=indexed.digest.analyse,
    )


def load_assistant(config: Config | None = None, rebuild: bool = False) -> Assistant:
    """The assistant the environment asks for: its article, index and answerer."""
    config = config or Config.from_env()
    models = load_models(config)
    return build_assistant(models, open_article(models, config, rebuild), config)


_SUGGESTIONS: dict[tuple[str, str], Any] = {}  # (article SHA-256, answerer) -> Suggestions
_SUGGESTING = threading.Lock()


def suggestions_for(assistant: Assistant, digest: Any) -> Any:
    """The questions to offer next for ``assistant``'s article
    (:class:`assistant.reader.suggest.Suggestions`; ``digest`` is the article's, as in
    :class:`IndexedArticle`): built on first use by asking each candidate through
    ``assistant``'s own answer path, then kept for the process, per article and answerer.
    ``suggestions_for(bot, indexed.digest).after(result, history)`` gives two or three."""
    from .reader.suggest import Suggestions

    key = (assistant.article.sha256, assistant.answerer.name)
    with _SUGGESTING:
        if key not in _SUGGESTIONS:
            _SUGGESTIONS[key] = Suggestions.build(digest, assistant.ask)
        return _SUGGESTIONS[key]
