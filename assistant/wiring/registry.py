"""The answerers, by name: the one list of them (``ASSISTANT_ANSWERER`` chooses), each a
factory registered with a decorator, so a new answerer is one decorated function.

    >>> sorted(ANSWERERS)
    ['extractive', 'openai']
    >>> answerer_name(Config()), answerer_name(Config(openai_base_url="http://x/v1"))
    ('extractive', 'openai')
    >>> answerer_name(Config(answerer="gpt"))
    Traceback (most recent call last):
    assistant.errors.AssistantError: ASSISTANT_ANSWERER='gpt' is not one of auto, extractive, ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..config import Config
from ..core.answerer import Answerer
from ..errors import AssistantError
from .models import IndexedArticle, Models, client_for

OFFLINE = "extractive"  # the answerer that needs nothing but the article, and the fallback


@dataclass(frozen=True)
class Registration:
    """An answerer's factory, and whether it needs an OpenAI-compatible endpoint."""

    make: Callable[[Models, IndexedArticle, Config], Answerer]
    needs_endpoint: bool = False


ANSWERERS: dict[str, Registration] = {}


def answerer(name: str, needs_endpoint: bool = False):
    """Register an answerer factory under ``name`` (an ``ASSISTANT_ANSWERER`` value)."""

    def register(factory):
        ANSWERERS[name] = Registration(factory, needs_endpoint)
        return factory

    return register


@answerer(OFFLINE)
def _extractive(models: Models, indexed: IndexedArticle, config: Config) -> Answerer:
    from ..reader.answerer import ExtractiveAnswerer
    from ..reader.model import load_calibration

    return ExtractiveAnswerer(indexed.digest, load_calibration())


@answerer("openai", needs_endpoint=True)
def _openai(models: Models, indexed: IndexedArticle, config: Config) -> Answerer:
    from ..llm.answerer import OpenAIAnswerer

    return OpenAIAnswerer(
        client_for(models, config),
        config.openai_model,
        deadline_s=config.openai_deadline,
        temperature=config.openai_temperature,
        max_tokens=config.openai_max_tokens,
        passage_tokens=config.openai_passage_tokens,
    )


def answerer_name(config: Config) -> str:
    """The answerer ``config`` asks for: ``"auto"`` is the first that needs an endpoint
    when one is configured, else the offline one. An unknown name, or one that needs an
    endpoint when none is configured, is an error that names the fix."""
    name = config.answerer
    if name == "auto":
        endpoint = [n for n, r in ANSWERERS.items() if r.needs_endpoint]
        return endpoint[0] if config.endpoint and endpoint else OFFLINE
    if name not in ANSWERERS:
        choices = ", ".join(["auto", *ANSWERERS])
        raise AssistantError(f"ASSISTANT_ANSWERER={name!r} is not one of {choices}.")
    if ANSWERERS[name].needs_endpoint and not config.endpoint:
        raise AssistantError(
            f"ASSISTANT_ANSWERER={name} needs OPENAI_API_KEY (or OPENAI_BASE_URL for a "
            "compatible server); unset ASSISTANT_ANSWERER to answer offline."
        )
    return name
