"""Arrays kept beside a saved index, each described by a JSON file that records what they
were made from and their SHA-256: the multilingual ranker's sentence vectors (``e5.npy``,
``e5.json``) and the offline reader's clause and word vectors (``reader.npz``,
``reader.json``). Arrays made from anything else, or changed on disk, are made again:

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> made = saved_arrays(folder, "demo", {"from": 1}, lambda: {"x": np.ones(2)})
    >>> again = saved_arrays(folder, "demo", {"from": 1}, lambda: {"x": np.zeros(2)})
    >>> again["x"].tolist(), sorted(p.name for p in folder.iterdir())
    ([1.0, 1.0], ['demo.json', 'demo.npz'])

They are written into a folder :func:`assistant.index.store.open_index` has checked is the
assistant's own; one that cannot be written keeps them in memory.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path

import numpy as np
from llama_index.core.schema import TextNode

from ..article.article import Article
from .folder import write_atomically
from .multilingual import E5_DIMENSION, passage_vectors

log = logging.getLogger(__name__)

E5_META, E5_VECTORS = "e5.json", "e5.npy"


def multilingual_vectors(ranker, index_dir: Path, article: Article, nodes: list[TextNode]):
    """The ranker's vectors for ``nodes``, read from ``index_dir`` or computed and saved there.

    ``e5.json`` records the model, the article's SHA-256, the node ids and the SHA-256 of
    ``e5.npy``: vectors made for anything else, or changed on disk, are recomputed.
    """
    meta_path, vec_path = Path(index_dir) / E5_META, Path(index_dir) / E5_VECTORS
    want = {"model": ranker.id, "article_sha256": article.sha256, "ids": [n.id_ for n in nodes]}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = vec_path.read_bytes()
        if {k: meta.get(k) for k in want} == want and hashlib.sha256(data).hexdigest() == meta.get(
            "sha256"
        ):
            vectors = np.load(io.BytesIO(data), allow_pickle=False)
            if vectors.shape == (len(nodes), E5_DIMENSION) and np.isfinite(vectors).all():
                return vectors
    except (OSError, ValueError, RecursionError, AttributeError):
        pass
    log.info("Computing multilingual vectors for %d sentences.", len(nodes))
    vectors = passage_vectors(ranker, [n.text for n in nodes])
    buffer = io.BytesIO()
    np.save(buffer, vectors)
    _save_beside(index_dir, vec_path, meta_path, buffer.getvalue(), want)
    return vectors


def saved_arrays(index_dir: Path, stem: str, want: dict, compute) -> dict[str, np.ndarray]:
    """Arrays kept beside the index (``STEM.npz``, described by ``STEM.json``), or
    ``compute()``'s, saved there: the JSON records ``want`` (what they were made from) and
    the SHA-256 of the ``.npz``, so arrays made from anything else, or changed on disk,
    are made again. A folder that cannot be written keeps them in memory.
    """
    meta_path, data_path = Path(index_dir) / f"{stem}.json", Path(index_dir) / f"{stem}.npz"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = data_path.read_bytes()
        if {k: meta.get(k) for k in want} == want and meta.get("sha256") == hashlib.sha256(
            data
        ).hexdigest():
            with np.load(io.BytesIO(data), allow_pickle=False) as saved:
                arrays = {name: saved[name] for name in saved.files}
            if all(np.isfinite(a).all() for a in arrays.values() if a.dtype.kind == "f"):
                return arrays
    except (OSError, ValueError, RecursionError, AttributeError, KeyError):
        pass
    arrays = compute()
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    _save_beside(index_dir, data_path, meta_path, buffer.getvalue(), want)
    return arrays


def _save_beside(index_dir: Path, data_path: Path, meta_path: Path, data: bytes, want: dict):
    """Write ``data`` and its description (``want`` and the data's SHA-256), data first."""
    meta = {**want, "sha256": hashlib.sha256(data).hexdigest()}
    try:
        write_atomically(data_path, data)
        write_atomically(meta_path, (json.dumps(meta) + "\n").encode("utf-8"))
    except OSError as exc:
        log.warning(
            "Cannot save %s in %s (%s); keeping it in memory.",
            data_path.name,
            index_dir,
            exc.strerror,
        )
