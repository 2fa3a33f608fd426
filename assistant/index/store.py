"""The persisted index: one llama-index node per sentence, plus a manifest.

``index/manifest.json`` records what the vectors were made from (the article's
SHA-256, the embedder and its model hash, the chunking) and what was stored (the
SHA-256 of every file, the number of sentences, the vectors' dimension).
:func:`open_index` serves the index only when all of that matches and every vector
is finite; otherwise it rebuilds it, saying why:

    >>> import tempfile
    >>> from assistant.article.article import parse_article
    >>> from assistant.index.embedder import load_minilm
    >>> article, folder = parse_article("Xi went to Samarkand. Trade grew."), tempfile.mkdtemp()
    >>> index, why = open_index(article, load_minilm(), Path(folder) / "index")
    >>> str(why), len(index.docstore.docs)
    ('rebuilt (no readable manifest in ...index)', 2)
    >>> str(open_index(article, load_minilm(), Path(folder) / "index")[1])
    'loaded'

The folder is the assistant's own (:mod:`assistant.index.folder`): a rebuild is written
only into an absent or empty folder or one holding nothing but the assistant's
files, the manifest last; any other folder is refused. A read-only folder is not
an error: the rebuilt index is then kept in memory only. The multilingual ranker's
sentence vectors and the offline reader's vectors live in the same folder
(:mod:`assistant.index.arrays`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
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

from ..article.article import Article
from ..errors import IndexStoreError, ModelError
from .embedder import embedder_id
from .folder import check_own, is_own_name, write_folder
from .session import file_sha256

log = logging.getLogger(__name__)

CHUNKING = {"unit": "sentence", "splitter": "nltk-punkt-english", "chrome_removed": True}
MANIFEST = "manifest.json"
FORMAT = 2  # the manifest's layout: 2 added the files' SHA-256, the vector dimension
INDEX_ID = "sentences"
# Where StorageContext.persist puts the default vector store: "default__vector_store.json".
VECTORS_FILE = f"{DEFAULT_VECTOR_STORE}{NAMESPACE_SEP}{DEFAULT_PERSIST_FNAME}"
META_KEYS = ["paragraph", "sentence"]


@dataclass(frozen=True)
class IndexStatus:
    """How an index was opened: ``loaded``, ``rebuilt`` (why) or ``built``, and whether
    it is saved in its folder (a folder that cannot be written keeps it in memory).

    >>> str(IndexStatus("rebuilt", "index is stale", saved=False))
    'rebuilt in memory (index is stale; could not save)'
    """

    action: str
    reason: str = ""
    saved: bool = True

    def __str__(self) -> str:
        if self.action == "loaded":
            return "loaded"
        if self.saved:
            return f"{self.action} ({self.reason})" if self.reason else self.action
        why = f"{self.reason}; could not save" if self.reason else ""
        return f"{self.action} in memory ({why})" if why else f"{self.action} in memory"


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
        "format": FORMAT,
        "article_sha256": article.sha256,
        "embedder": embedder_id(embed_model),
        "chunking": CHUNKING,
    }


def build_index(article: Article, embed_model: BaseEmbedding) -> VectorStoreIndex:
    """Embed every sentence of the article into a fresh in-memory index.

    Its id is fixed (llama-index draws a random one), so an unchanged article gives
    byte-identical index files.
    """
    index = VectorStoreIndex(
        make_nodes(article), embed_model=embed_model, transformations=[SentenceNodes()]
    )
    index.set_index_id(INDEX_ID)
    try:
        vector_dimension(index)
    except ValueError as exc:
        raise ModelError(
            f"The embedder {embedder_id(embed_model)} gave unusable vectors ({exc}): "
            "reinstall the pinned versions with pip install -r requirements.txt."
        ) from None
    return index


def vector_dimension(index: VectorStoreIndex, expected: int | None = None) -> int:
    """The length every sentence's vector has; ValueError when one is missing, of another
    length (or not ``expected``), or holds a value that is not a finite number."""
    vectors = index.vector_store.data.embedding_dict
    rows = [vectors.get(node_id) or () for node_id in sorted(index.docstore.docs)]
    sizes = {len(row) for row in rows}
    if len(sizes) != 1 or 0 in sizes or (expected is not None and sizes != {expected}):
        raise ValueError("a sentence has no vector, or the vectors differ in size")
    if not np.isfinite(np.asarray(rows, dtype=np.float64)).all():
        raise ValueError("a vector holds a value that is not a finite number")
    return sizes.pop()


def save_index(index: VectorStoreIndex, manifest: dict, index_dir: Path) -> None:
    """Persist ``index`` with its manifest, which records the SHA-256 of every file written.

    The folder must be the assistant's own (:func:`assistant.index.folder.check_own`).
    """

    def fill(staging: Path) -> None:
        index.storage_context.persist(persist_dir=str(staging))
        files = {p.name: file_sha256(p) for p in sorted(staging.iterdir())}
        done = {**manifest, "dimension": vector_dimension(index), "files": files}
        (staging / MANIFEST).write_text(json.dumps(done, indent=2) + "\n", encoding="utf-8")

    write_folder(index_dir, fill, last=MANIFEST)


def _read_manifest(index_dir: Path) -> dict | None:
    try:
        manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _mismatch(have: dict | None, want: dict, index_dir: Path) -> str | None:
    """Why the files in ``index_dir`` cannot be served for ``want`` (None: they can)."""
    if have is None:
        return f"no readable manifest in {index_dir}"
    changed = sorted(k for k in want if have.get(k) != want[k])
    if changed:
        return f"index is stale ({', '.join(changed)} changed)"
    files = have.get("files")
    if not isinstance(files, dict) or not files:
        return "index is corrupt (the manifest lists no files)"
    for name, sha256 in sorted(files.items()):
        path = index_dir / str(name)
        if not is_own_name(str(name)) or not path.is_file() or file_sha256(path) != sha256:
            return f"index files do not match the manifest ({name})"
    return None


def _load(index_dir: Path, embed_model: BaseEmbedding, manifest: dict) -> VectorStoreIndex:
    storage = StorageContext.from_defaults(
        persist_dir=str(index_dir), vector_store=_read_vectors(index_dir)
    )
    index = load_index_from_storage(
        storage, embed_model=embed_model, transformations=[SentenceNodes()]
    )
    if len(index.docstore.docs) != manifest.get("nodes"):
        raise ValueError("the index does not hold the manifest's number of sentences")
    vector_dimension(index, expected=manifest.get("dimension"))
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
) -> tuple[VectorStoreIndex, IndexStatus]:
    """Load the index in ``index_dir`` or rebuild it; return it and what happened.

    An index whose files do not match its manifest is never served: it is rebuilt, and
    saved when the folder is the assistant's own (:mod:`assistant.index.folder`). A folder that
    is not is refused (:class:`IndexStoreError`); one that cannot be written (read-only)
    keeps the rebuilt index in memory.
    """
    index_dir = Path(index_dir)
    want = expected_manifest(article, embed_model)
    have = None if rebuild else _read_manifest(index_dir)
    why = "rebuild requested" if rebuild else _mismatch(have, want, index_dir)
    if why is None:
        try:
            return _load(index_dir, embed_model, have), IndexStatus("loaded")
        except Exception as exc:  # any parse error in llama-index's JSON stores
            why = f"index is corrupt ({type(exc).__name__})"
    check_own(index_dir)  # before any work: a folder that is not ours is refused
    if rebuild or not (index_dir / MANIFEST).exists():  # asked for, or a first build
        log.info("Building the index in %s: %s.", index_dir, why)
    else:  # something was wrong with a saved index: worth a warning
        log.warning("Rebuilding the index: %s.", why)
    index = build_index(article, embed_model)
    try:
        save_index(index, {**want, "nodes": len(index.docstore.docs)}, index_dir)
    except IndexStoreError as exc:
        log.warning("%s Using the rebuilt index from memory.", exc)
        return index, IndexStatus("rebuilt", why, saved=False)
    return index, IndexStatus("rebuilt", why)
