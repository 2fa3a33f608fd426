"""What an answerer is, what it hands back, and the one that falls back to another.

An answerer has a ``name`` (recorded in results), a ``label`` (shown to readers) and
``stream(turn, retrieve)``: it asks ``retrieve(query)`` for numbered passages (an LLM
may first make a follow-up stand-alone), yields the answer's text in pieces citing them
as ``[n]``, and may yield last an :class:`Outcome`: what it decided (answered or not,
its confidence, passages it cited beyond those retrieved). ``finish(text)`` has a last
look at the whole text (an LLM's guard against repeating its instructions).

:class:`FallbackAnswerer` owns the switch-over: when the primary fails with a
:class:`BackendError`, it yields :data:`RESTART` (what streamed so far is void) and lets
the backup answer, its outcome saying why:

    >>> from assistant.core.conversation import start_turn
    >>> class Broken(Answerer):
    ...     name, label = "llm", "An LLM"
    ...     def stream(self, turn, retrieve):
    ...         yield "Half an ans"
    ...         raise BackendError("The endpoint stopped mid-answer.")
    >>> class Echo(Answerer):
    ...     name, label = "echo", "Echo"
    ...     def stream(self, turn, retrieve):
    ...         yield turn.question
    >>> pieces = list(FallbackAnswerer(Broken(), Echo()).stream(start_turn("Where?"), list))
    >>> pieces[:3] == ["Half an ans", RESTART, "Where?"]
    True
    >>> pieces[3]
    Outcome(answered=None, confidence=None, cited=(), notice='The endpoint stopped mid-answer. \
Answered offline instead.', answerer='echo')
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Protocol

from ..errors import BackendError
from .conversation import Turn
from .result import Passage

log = logging.getLogger(__name__)

Retrieve = Callable[[str], list[Passage]]
# The one sentence an answerer says when the article does not answer.
REFUSAL = "The article does not say."


class Restart:
    """Yielded instead of text: discard what was streamed so far, a new answer follows."""

    def __repr__(self) -> str:
        return "RESTART"


RESTART = Restart()


@dataclass(frozen=True)
class Outcome:
    """What an answerer decided about the answer it wrote (yielded after its text)."""

    answered: bool | None = None  # None: read from the text (a refusal or not)
    confidence: float | None = None  # the offline answerer's chance that it answers right
    cited: tuple[Passage, ...] = ()  # passages cited beyond those retrieved
    notice: str | None = None  # what the user should know (e.g. the LLM failed)
    answerer: str = ""  # who wrote the text, when not the answerer asked (a fallback)


class Answerer(Protocol):
    """The answerer protocol; subclass it to get the optional method's default."""

    name: str
    label: str

    def stream(self, turn: Turn, retrieve: Retrieve) -> Iterator[str | Restart | Outcome]:
        """The answer in pieces, from ``turn`` and the passages ``retrieve`` gives."""
        ...

    def finish(self, text: str) -> str:
        """The whole answer, once streamed: a last chance to replace it."""
        return text

    def decline(self, turn: Turn, retrieve: Retrieve) -> str | None:
        """When nothing of an answer survives its check: the closest passage worth showing
        ("The closest passage: “…” [n]"), or None."""
        return None


class FallbackAnswerer(Answerer):
    """``primary`` answers; if it fails, ``backup`` answers and the outcome says why."""

    def __init__(self, primary: Answerer, backup: Answerer) -> None:
        self.primary, self.backup = primary, backup
        self.name, self.label = primary.name, primary.label

    def stream(self, turn: Turn, retrieve: Retrieve) -> Iterator[str | Restart | Outcome]:
        try:
            yield from self.primary.stream(turn, retrieve)
            return
        except BackendError as exc:
            log.warning("Answerer %s failed: %s", self.primary.name, exc)
            notice = f"{exc} Answered offline instead."
        yield RESTART
        outcome = Outcome()
        for item in self.backup.stream(turn, retrieve):
            if isinstance(item, Outcome):
                outcome = item
            else:
                yield item
        yield replace(outcome, notice=notice, answerer=self.backup.name)

    def decline(self, turn: Turn, retrieve: Retrieve) -> str | None:
        return self.backup.decline(turn, retrieve)

    def finish(self, text: str) -> str:
        """The primary's last look (the backup's text is not given one: see
        :class:`Outcome`'s ``answerer``)."""
        return self.primary.finish(text)


def has_refused(answer: str) -> bool:
    """True when an answer is (or starts with) the fixed refusal sentence."""
    return answer.strip().lower().startswith(REFUSAL.lower()[:-1])
