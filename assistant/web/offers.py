"""Questions offered under an answer, built without slowing any answer.

An article's suggestions (:func:`assistant.wiring.suggestions_for`) are made by asking each
candidate question once through the answer path (about 0.3 s for the shipped article, more
for a long one), so they are built in the background, one article at a time, as soon as an
article is ready: the shipped one once it is loaded, a reader's own once it is indexed.
An answer given before they are ready offers none; offering them costs no retrieval. An
LLM answerer's are built with its offline fallback: the same article and answer path,
without asking the model every candidate.

    >>> class Built:
    ...     def after(self, result, history):
    ...         return ["Who is Li Zhanshu?", "What is the SCO?", "Where?", "When?"]
    >>> class Bot:
    ...     article = type("Article", (), {"sha256": "ab"})()
    ...     answerer = type("Answerer", (), {"name": "extractive"})()
    >>> offers = Offers(build=lambda bot, digest: Built())
    >>> offers.after(Bot(), None, [])  # not built yet: nothing offered, nothing waited for
    []
    >>> offers.prepare(Bot(), digest=object()).join()
    >>> offers.after(Bot(), None, [])
    ['Who is Li Zhanshu?', 'What is the SCO?', 'Where?']
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..core.answerer import FallbackAnswerer
from ..wiring import SUGGESTED_ARTICLES, suggestions_for
from .limits import MAX_OFFERED

log = logging.getLogger(__name__)


def _key(assistant) -> tuple[str, str]:
    return assistant.article.sha256, assistant.answerer.name


def offline(assistant):
    """The assistant that checks the suggestions: ``assistant`` itself, or, when its
    answerer falls back on the offline one, the same assistant with that one."""
    answerer = getattr(assistant, "answerer", None)
    if isinstance(answerer, FallbackAnswerer):
        return replace(assistant, answerer=answerer.backup)
    return assistant


class Offers:
    """The built suggestions of the articles used last, and the builds under way."""

    def __init__(self, build: Callable[[Any, Any], Any] = suggestions_for) -> None:
        self._build = build
        self._ready: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._started: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._turn = threading.Lock()  # one build at a time: they share the cores

    def prepare(self, assistant, digest) -> threading.Thread | None:
        """Build ``assistant``'s suggestions in the background, unless they are built or
        being built (or there is no digest to write them from); the thread, if started."""
        if digest is None or assistant is None:
            return None
        key = _key(assistant)
        with self._lock:
            if key in self._ready or key in self._started:
                return None
            self._started.add(key)
        thread = threading.Thread(
            target=self._run, args=(key, assistant, digest), name="suggestions", daemon=True
        )
        thread.start()
        return thread

    def _run(self, key, assistant, digest) -> None:
        built = None
        try:
            with self._turn:
                built = self._build(offline(assistant), digest)
        except Exception:  # no suggestions for this article: the answers go on
            log.exception("Building the suggested questions failed")
        with self._lock:
            self._started.discard(key)
            if built is not None:
                self._ready[key] = built
                while len(self._ready) > SUGGESTED_ARTICLES:
                    self._ready.popitem(last=False)

    def after(self, assistant, result, history: list[dict]) -> list[str]:
        """Up to :data:`~assistant.web.limits.MAX_OFFERED` questions to offer after
        ``result``; none while they are not built (never waiting for them)."""
        with self._lock:
            built = self._ready.get(_key(assistant))
            if built is not None:
                self._ready.move_to_end(_key(assistant))
        if built is None:
            return []
        try:
            return list(built.after(result, history))[:MAX_OFFERED]
        except Exception:  # a bug in offering must not lose the answer
            log.exception("Offering questions failed")
            return []
