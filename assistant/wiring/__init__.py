"""Wiring: the parts that make an assistant, loaded once and combined cheaply.

Models (embedder, multilingual ranker, OpenAI client) are loaded once per process
(:mod:`.models`); each article gets its index (:mod:`.articles`); answerers come from a
registry (:mod:`.registry`); an assistant is one configuration over all three
(:func:`build_assistant`).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

from ..article.article import load_article
from ..config import Config
from ..core.answerer import FallbackAnswerer
from ..core.assistant import Assistant
from .articles import cached_index_dir, index_article, index_dir_for, index_in_memory, open_article
from .models import IndexedArticle, Models, client_for
from .registry import ANSWERERS, OFFLINE, Registration, _openai, answerer, answerer_name

__all__ = [
    "ANSWERERS",
    "OFFLINE",
    "Assistant",
    "IndexedArticle",
    "Models",
    "Registration",
    "_openai",
    "answerer",
    "answerer_name",
    "build_assistant",
    "cached_index_dir",
    "checker_for",
    "client_for",
    "index_article",
    "index_dir_for",
    "index_in_memory",
    "load_assistant",
    "load_models",
    "open_article",
    "suggestions_for",
]


def build_assistant(
    models: Models, indexed: IndexedArticle, config: Config | None = None, mode: str = "hybrid"
) -> Assistant:
    """An assistant over ``indexed`` with ``config``'s top-k and answerer, ``mode`` retrieval.

    Any answerer but the offline one falls back to the offline answerer when it fails.
    """
    from ..index.retrieval import HybridRetriever

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
    from ..support.checker import SupportChecker
    from ..support.review import Reviewer

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


SUGGESTED_ARTICLES = 16  # articles whose suggestions are kept (the least recently used go)
_SUGGESTIONS: OrderedDict[tuple[str, str], Any] = OrderedDict()  # (SHA-256, answerer) -> ...
_SUGGESTING = threading.Lock()


def suggestions_for(assistant: Assistant, digest: Any) -> Any:
    """The questions to offer next for ``assistant``'s article
    (:class:`assistant.reader.suggest.Suggestions`; ``digest`` is the article's, as in
    :class:`IndexedArticle`): built on first use by asking each candidate through
    ``assistant``'s own answer path, then kept per article and answerer (those of the
    :data:`SUGGESTED_ARTICLES` articles used last).
    ``suggestions_for(bot, indexed.digest).after(result, history)`` gives two or three."""
    from ..reader.suggest import Suggestions

    key = (assistant.article.sha256, assistant.answerer.name)
    with _SUGGESTING:
        if key not in _SUGGESTIONS:
            _SUGGESTIONS[key] = Suggestions.build(digest, assistant.ask)
            while len(_SUGGESTIONS) > SUGGESTED_ARTICLES:
                _SUGGESTIONS.popitem(last=False)
        _SUGGESTIONS.move_to_end(key)
        return _SUGGESTIONS[key]


def load_models(config: Config, minilm=None) -> Models:
    """The embedder (MiniLM, or OpenAI's), the multilingual ranker, the OpenAI client.
    ``minilm``: MiniLM's session already being opened (:class:`assistant.index.session.Opening`)."""
    from ..index.multilingual import load_e5

    t0 = time.perf_counter()
    models = Models(config, None)
    if config.embedder == "openai":
        from ..llm.embedder import OpenAIEmbedder

        models.embed_model = OpenAIEmbedder(
            client_for(models, config), config.openai_embedding_model
        )
    else:
        from ..index.embedder import load_minilm

        models.embed_model = load_minilm(opening=minilm)
    if ANSWERERS[answerer_name(config)].needs_endpoint:
        client_for(models, config)
    models.multilingual = load_e5() if config.multilingual else None
    models.load_s = time.perf_counter() - t0
    return models
