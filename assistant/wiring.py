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

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .article.article import Article, load_article
from .config import Config, index_folder
from .core.answerer import Answerer, FallbackAnswerer
from .core.assistant import Assistant
from .errors import AssistantError, ModelError

log = logging.getLogger(__name__)

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
        client_for(models, config),
        config.openai_model,
        deadline_s=config.openai_deadline,
        temperature=config.openai_temperature,
        max_tokens=config.openai_max_tokens,
        passage_tokens=config.openai_passage_tokens,
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


def load_models(config: Config, minilm=None) -> Models:
    """The embedder (MiniLM, or OpenAI's), the multilingual ranker, the OpenAI client.
    ``minilm``: MiniLM's session already being opened (:class:`assistant.index.session.Opening`)."""
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

        models.embed_model = load_minilm(opening=minilm)
    if ANSWERERS[answerer_name(config)].needs_endpoint:
        client_for(models, config)
    models.multilingual = load_e5() if config.multilingual else None
    models.load_s = time.perf_counter() - t0
    return models


def cached_index_dir(config: Config, sha256: str) -> Path:
    """Where the index of an article other than the shipped one is kept: beside the
    default index, by the article's SHA-256, so the shipped index is never overwritten."""
    base = index_folder(str(config.index_dir))
    return base.with_name(f"{base.name}-articles") / sha256[:16]


def index_article(
    models: Models, article: Article, index_dir: Path, rebuild: bool = False
) -> IndexedArticle:
    """Load or build ``article``'s index in ``index_dir``, with what is kept beside it: the
    offline reader's vectors and the multilingual ranker's."""
    from .index.arrays import multilingual_vectors, saved_arrays
    from .index.embedder import embedder_id
    from .index.store import article_nodes, open_index
    from .reader.digest import build_digest
    from .reader.vectors import READING, reading_vectors

    t0 = time.perf_counter()
    index, status = open_index(article, models.embed_model, index_dir, rebuild=rebuild)
    nodes = article_nodes(index)
    article = article.with_sentences(
        [(n.start_char_idx, n.end_char_idx, n.metadata["paragraph"]) for n in nodes]
    )
    vectors = None
    if models.multilingual is not None:
        try:
            vectors = multilingual_vectors(models.multilingual, index_dir, article, nodes)
        except ModelError as exc:
            log.warning("Multilingual ranking is off: %s", exc)
    made_from = {
        "reading": READING,
        "article_sha256": article.sha256,
        "embedder": embedder_id(models.embed_model),
        "sentences": len(nodes),
    }
    arrays = saved_arrays(
        index_dir, "reader", made_from, lambda: reading_vectors(article, models.embed_model)
    )
    digest = build_digest(article, index, models.embed_model, arrays=arrays)
    return IndexedArticle(article, index, status, vectors, time.perf_counter() - t0, digest)


def index_in_memory(models: Models, article: Article) -> IndexedArticle:
    """``article``'s index built in memory, its multilingual vectors computed in the
    background: nothing is written, so a reader's own article never touches an index on
    disk and goes with its session."""
    from .index.multilingual import Background
    from .index.store import IndexStatus, article_nodes, build_index
    from .reader.digest import build_digest

    t0 = time.perf_counter()
    index = build_index(article, models.embed_model)
    vectors = None
    if models.multilingual is not None:
        # In the background: most readers ask in English, and a 60,000-character article
        # takes tens of seconds to embed; a question in another language waits a bounded
        # time for them (retrieval.MULTILINGUAL_WAIT_S).
        vectors = Background(models.multilingual, [n.text for n in article_nodes(index)])
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


def open_article(
    models: Models, config: Config, rebuild: bool = False, article: Article | None = None
) -> IndexedArticle:
    """The configured article (``config.article``, else the shipped one), indexed.
    ``article``: that article, read already (by a page that shows it: the answers must come
    from the very text shown, even if the file changes meanwhile)."""
    from .index.cache import keep_within, mark_used

    article = article or load_article(config.article)
    where = index_dir_for(config, article)
    indexed = index_article(models, article, where, rebuild)
    if where != config.index_dir:  # another article's, in index-articles/: kept to a budget
        mark_used(where)
        keep_within(where.parent, config.index_cache_mb * 1_000_000, keep=where)
    return indexed


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
        checker=checker_for(indexed),
    )


def checker_for(indexed: IndexedArticle):
    """The support checker over ``indexed``'s article: its words' weights and the word
    vectors its reader already computes."""
    from .support.checker import SupportChecker
    from .support.review import Reviewer

    digest = indexed.digest
    return Reviewer(
        SupportChecker(indexed.article, digest.weight, digest.word_vectors, digest.type_of)
    )


def load_assistant(config: Config | None = None, rebuild: bool = False, minilm=None) -> Assistant:
    """The assistant the environment asks for: its article, index and answerer."""
    config = config or Config.from_env()
    article = load_article(config.article)  # first: a file that cannot be read is said at once
    models = load_models(config, minilm)
    return build_assistant(models, open_article(models, config, rebuild, article), config)


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
