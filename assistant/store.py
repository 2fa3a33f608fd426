"""The persisted index: one llama-index node per sentence, plus a manifest.

``index/manifest.json`` records what the vectors were made from (the article's
SHA-256, the embedder and its model hash, the chunking). :func:`open_index`
loads the index when the manifest matches and rebuilds it, saying why, when it
is missing, stale or corrupt:

    >>> import tempfile
    >>> from assistant.article import parse_article
    >>> from assistant.embedder import load_minilm
    >>> article, folder = parse_article("Xi went to Samarkand. Trade grew."), tempfile.mkdtemp()
    >>> index, why = open_index(article, load_minilm(), Path(folder) / "index")
    >>> why, len(index.docstore.docs)
    ('rebuilt (no readable manifest in ...index)', 2)
    >>> open_index(article, load_minilm(), Path(folder) / "index")[1]
    'loaded'

A rebuild is written to a temporary folder and renamed into place, so a crash
mid-write never leaves a half-written index. A read-only folder is not an
error: the rebuilt index is then kept in memory only. The multilingual ranker's
sentence vectors (``e5.npy``, described by ``e5.json``) live in the same folder
(:func:`multilingual_vectors`).
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
from llama_index.core import StorageContext, VectorStoreIndex, load_index_from_storage
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode, TransformComponent
from llama_index.core.vector_stores.simple import (
    DEFAULT_PERSIST_FNAME,
    DEFAULT_VECTOR_STORE,
    NAMESPACE_SEP,
    SimpleVectorStore,
    SimpleVectorStoreData,
)

from .article import Article
from .embedder import embedder_id
from .errors import IndexStoreError

log = logging.getLogger(__name__)

E5_META, E5_VECTORS = "e5.json", "e5.npy"
CHUNKING = {"unit": "sentence", "splitter": "nltk-punkt-english", "chrome_removed": True}
MANIFEST = "manifest.json"
# Where StorageContext.persist puts the default vector store: "default__vector_store.json".
VECTORS_FILE = f"{DEFAULT_VECTOR_STORE}{NAMESPACE_SEP}{DEFAULT_PERSIST_FNAME}"
META_KEYS = ["paragraph", "sentence"]


def article_nodes(index: VectorStoreIndex) -> list[TextNode]:
    """The index's sentence nodes, in article order."""
    return sorted(index.docstore.docs.values(), key=lambda n: n.start_char_idx or 0)


def make_nodes(article: Article) -> list[TextNode]:
    """One node per sentence, carrying its offsets into the article file."""
    return [
        TextNode(
            id_=f"s{i:04d}",
            text=s.text,
            start_char_idx=s.start,
            end_char_idx=s.end,
            metadata={"paragraph": s.paragraph, "sentence": i},
            excluded_embed_metadata_keys=META_KEYS,
            excluded_llm_metadata_keys=META_KEYS,
        )
        for i, s in enumerate(article.sentences)
    ]


class SentenceNodes(TransformComponent):
    """The index's transformation: :func:`make_nodes` has already split the article.

    Passing it keeps llama-index from building its default ``SentenceSplitter``, whose
    tiktoken vocabulary took 0.45 s of every start-up (measured with pyinstrument).

    >>> SentenceNodes()(["a node"])
    ['a node']
    """

    def __call__(self, nodes: list, **kwargs: object) -> list:
        return nodes


def expected_manifest(article: Article, embed_model: BaseEmbedding) -> dict:
    """What an index for this article and embedder must have been built from."""
    return {
        "article_sha256": article.sha256,
        "embedder": embedder_id(embed_model),
        "chunking": CHUNKING,
    }


def build_index(article: Article, embed_model: BaseEmbedding) -> VectorStoreIndex:
    """Embed every sentence of the article into a fresh in-memory index."""
    return VectorStoreIndex(
        make_nodes(article), embed_model=embed_model, transformations=[SentenceNodes()]
    )


def save_index(index: VectorStoreIndex, manifest: dict, index_dir: Path) -> None:
    """Persist atomically: write a sibling temp folder, then swap it in."""
    index_dir = Path(index_dir)
    try:
        index_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".index-", dir=index_dir.parent))
        tmp.chmod(0o755)
    except OSError as exc:
        raise IndexStoreError(f"Cannot write the index next to {index_dir}: {exc}") from None
    try:
        index.storage_context.persist(persist_dir=str(tmp))
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        old = None
        if index_dir.exists():
            old = index_dir.with_name(f".{index_dir.name}-old-{os.getpid()}")
            os.replace(index_dir, old)
        os.replace(tmp, index_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise IndexStoreError(f"Cannot write the index to {index_dir}: {exc}") from None


def _read_manifest(index_dir: Path) -> dict | None:
    try:
        return json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _load(index_dir: Path, embed_model: BaseEmbedding) -> VectorStoreIndex:
    storage = StorageContext.from_defaults(
        persist_dir=str(index_dir), vector_store=_read_vectors(index_dir)
    )
    index = load_index_from_storage(
        storage, embed_model=embed_model, transformations=[SentenceNodes()]
    )
    vectors = index.vector_store.data.embedding_dict
    sizes = {len(vectors.get(node_id) or ()) for node_id in index.docstore.docs}
    if len(sizes) != 1 or 0 in sizes:
        raise ValueError("a sentence has no vector, or the vectors differ in size")
    return index


def _read_vectors(index_dir: Path) -> SimpleVectorStore:
    """The saved vectors, read with ``json`` and handed to llama-index's store.

    ``StorageContext.from_defaults`` reads them through dataclasses_json, which decodes
    every float on its own: 0.3 s of each start-up for 30 sentences (pyinstrument).
    """
    data = json.loads((index_dir / VECTORS_FILE).read_text(encoding="utf-8"))
    return SimpleVectorStore(data=SimpleVectorStoreData(**data))


def open_index(
    article: Article, embed_model: BaseEmbedding, index_dir: Path, rebuild: bool = False
) -> tuple[VectorStoreIndex, str]:
    """Load the index in ``index_dir`` or rebuild it; return it and what happened."""
    index_dir = Path(index_dir)
    want = expected_manifest(article, embed_model)
    why = "rebuild requested" if rebuild else None
    if why is None:
        have = _read_manifest(index_dir)
        if have is None:
            why = f"no readable manifest in {index_dir}"
        elif any(have.get(k) != want[k] for k in want):
            changed = sorted(k for k in want if have.get(k) != want[k])
            why = f"index is stale ({', '.join(changed)} changed)"
    if why is None:
        try:
            index = _load(index_dir, embed_model)
            if len(index.docstore.docs) == have.get("nodes"):
                return index, "loaded"
            why = "index is incomplete"
        except Exception as exc:  # any parse error in llama-index's JSON stores
            why = f"index is corrupt ({type(exc).__name__})"
    log.warning("Rebuilding the index: %s.", why)
    index = build_index(article, embed_model)
    try:
        save_index(index, {**want, "nodes": len(index.docstore.docs)}, index_dir)
    except IndexStoreError as exc:
        log.warning("%s Using the rebuilt index from memory.", exc)
        return index, f"rebuilt in memory ({why}; could not save)"
    return index, f"rebuilt ({why})"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def multilingual_vectors(ranker, index_dir: Path, article: Article, nodes: list[TextNode]):
    """The ranker's vectors for ``nodes``, read from ``index_dir`` or computed and saved there.

    ``e5.json`` records the model, the article's SHA-256 and the node ids: vectors made
    for anything else are recomputed, never reused.
    """
    meta_path, vec_path = Path(index_dir) / E5_META, Path(index_dir) / E5_VECTORS
    want = {"model": ranker.id, "article_sha256": article.sha256, "ids": [n.id_ for n in nodes]}
    try:
        if json.loads(meta_path.read_text(encoding="utf-8")) == want:
            vectors = np.load(vec_path, allow_pickle=False)
            if vectors.shape == (len(nodes), 384) and np.isfinite(vectors).all():
                return vectors
    except (OSError, ValueError):
        pass
    log.info("Computing multilingual vectors for %d sentences.", len(nodes))
    vectors = np.asarray(ranker.passages([n.text for n in nodes]), dtype=np.float32)
    vectors = vectors.reshape(len(nodes), -1)
    buffer = io.BytesIO()
    np.save(buffer, vectors)
    try:
        write_atomically(vec_path, buffer.getvalue())
        write_atomically(meta_path, (json.dumps(want) + "\n").encode("utf-8"))
    except OSError as exc:
        log.warning(
            "Cannot save multilingual vectors in %s (%s); keeping them in memory.",
            index_dir,
            exc.strerror,
        )
    return vectors
