"""OpenAI embeddings (or any compatible server), an option instead of MiniLM.

Switched on with ``ASSISTANT_EMBEDDER=openai``; the index built with them lives
in its own folder (``index-openai/`` by default) so the committed MiniLM index
is never overwritten:

    >>> import httpx
    >>> from assistant.config import Config
    >>> from assistant.llm.client import make_client
    >>> def reply(request):
    ...     data = [{"object": "embedding", "index": 0, "embedding": [0.6, 0.8]}]
    ...     return httpx.Response(200, json={"object": "list", "data": data, "model": "m",
    ...                                      "usage": {"prompt_tokens": 1, "total_tokens": 1}})
    >>> http = httpx.Client(transport=httpx.MockTransport(reply))
    >>> emb = OpenAIEmbedder(make_client(Config(openai_api_key="sk-test"), http), "m")
    >>> emb.get_query_embedding("Where is the summit?")
    [0.6, 0.8]
"""

from __future__ import annotations

from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from .client import explain


class OpenAIEmbedder(BaseEmbedding):
    """A llama-index embedding that calls ``client.embeddings.create``."""

    _client: Any = PrivateAttr()

    def __init__(self, client: Any, model: str, **kwargs: Any) -> None:
        super().__init__(model_name=model, embed_batch_size=64, **kwargs)
        self._client = client

    @classmethod
    def class_name(cls) -> str:
        return "OpenAIEmbedder"

    def _embed(self, texts: list[str]) -> list[list[float]]:
        try:
            out = self._client.embeddings.create(model=self.model_name, input=texts)
            vectors = [d.embedding for d in sorted(out.data, key=lambda d: d.index)]
        except Exception as exc:  # every SDK, transport and shape failure
            raise explain(exc) from None
        if len(vectors) != len(texts):
            raise explain(ValueError("wrong number of embeddings"))
        return vectors

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embed([query])[0]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embed([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)
