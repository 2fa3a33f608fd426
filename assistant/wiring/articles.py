"""An article indexed: loaded from or saved to its folder (the shipped article's ``index/``,
any other's cached by its SHA-256 beside it), or built in memory for a reader's own.

    >>> from pathlib import Path
    >>> cached_index_dir(Config(index_dir=Path("index")), "ab" * 32)
    PosixPath('index-articles/abababababababab')
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from ..article.article import Article, load_article
from ..config import Config, index_folder
from ..errors import ModelError
from .models import IndexedArticle, Models

log = logging.getLogger(__name__)


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
    from ..index.arrays import multilingual_vectors, saved_arrays
    from ..index.embedder import embedder_id
    from ..index.store import article_nodes, open_index
    from ..reader.digest import build_digest
    from ..reader.vectors import READING, reading_vectors

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
    from ..index.multilingual import Background
    from ..index.store import IndexStatus, article_nodes, build_index
    from ..reader.digest import build_digest

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
    from ..index.cache import keep_within, mark_used

    article = article or load_article(config.article)
    where = index_dir_for(config, article)
    indexed = index_article(models, article, where, rebuild)
    if where != config.index_dir:  # another article's, in index-articles/: kept to a budget
        mark_used(where)
        keep_within(where.parent, config.index_cache_mb * 1_000_000, keep=where)
    return indexed
