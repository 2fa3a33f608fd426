"""What every article and configuration share, loaded once per process: the embedder, the
multilingual ranker and the OpenAI client; and an article with its index and reading.

    >>> Models(Config(), None).client is None
    True
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..article.article import Article
from ..config import Config
from ..errors import AssistantError

log = logging.getLogger(__name__)


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


def client_for(models: Models, config: Config):
    """The shared OpenAI client, made on first need; a clear error without a key."""
    if models.client is None:
        if not config.endpoint:
            raise AssistantError("The OpenAI endpoint needs OPENAI_API_KEY (or OPENAI_BASE_URL).")
        from ..llm.client import make_client

        models.client = make_client(config)
    return models.client
