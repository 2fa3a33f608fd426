"""What an answerer is, and the one that falls back to another when the first fails.

An answerer has a ``name`` (recorded in results), a ``label`` (shown to readers) and
``stream(turn)``, which yields the answer's text in pieces, citing passages as ``[n]``.
Two abilities are optional and have defaults here: ``rewrite(turn)`` makes a follow-up
stand-alone for retrieval (``None``: use the conversation rule), and ``finish(turn,
text)`` has a last look at the whole answer.

:class:`FallbackAnswerer` owns the switch-over: when the primary fails with a
:class:`BackendError`, it yields :data:`RESTART` (what streamed so far is void), notes
why on the turn, and lets the backup answer:

    >>> from assistant.core.conversation import start_turn
    >>> class Broken(Answerer):
    ...     name, label = "llm", "An LLM"
    ...     def stream(self, turn):
    ...         yield "Half an ans"
    ...         raise BackendError("The endpoint stopped mid-answer.")
    >>> class Echo(Answerer):
    ...     name, label = "echo", "Echo"
    ...     def stream(self, turn):
    ...         yield turn.question
    >>> turn = start_turn("Where?")
    >>> list(FallbackAnswerer(Broken(), Echo()).stream(turn)) == ["Half an ans", RESTART, "Where?"]
    True
    >>> turn.answered_by.name, turn.notice
    ('echo', 'The endpoint stopped mid-answer. Answered offline instead.')
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Protocol

from ..errors import BackendError
from .conversation import Turn

log = logging.getLogger(__name__)


class Restart:
    """Yielded instead of text: discard what was streamed so far, a new answer follows."""

    def __repr__(self) -> str:
        return "RESTART"


RESTART = Restart()


class Answerer(Protocol):
    """The answerer protocol; subclass it to get the optional methods' defaults."""

    name: str
    label: str

    def stream(self, turn: Turn) -> Iterator[str | Restart]:
        """The answer in pieces, from ``turn.question``, ``turn.passages``, ``turn.history``."""
        ...

    def rewrite(self, turn: Turn) -> str | None:
        """A stand-alone retrieval query for a follow-up, or None for the default rule."""
        return None

    def finish(self, turn: Turn, text: str) -> str:
        """The whole answer, once streamed: a last chance to replace it."""
        return text


class FallbackAnswerer(Answerer):
    """``primary`` answers; if it fails, ``backup`` answers and the turn says why."""

    def __init__(self, primary: Answerer, backup: Answerer) -> None:
        self.primary, self.backup = primary, backup
        self.name, self.label = primary.name, primary.label

    def _switch(self, turn: Turn, exc: BackendError) -> None:
        log.warning("Answerer %s failed: %s", self.primary.name, exc)
        turn.answered_by, turn.notice = self.backup, f"{exc} Answered offline instead."

    def rewrite(self, turn: Turn) -> str | None:
        try:
            return self.primary.rewrite(turn)
        except BackendError as exc:
            self._switch(turn, exc)  # no second call to a failing endpoint
            return None

    def stream(self, turn: Turn) -> Iterator[str | Restart]:
        if turn.answered_by is not self.backup:
            turn.answered_by = self.primary
            try:
                yield from self.primary.stream(turn)
                return
            except BackendError as exc:
                self._switch(turn, exc)
                yield RESTART
        yield from self.backup.stream(turn)

    def finish(self, turn: Turn, text: str) -> str:
        return (turn.answered_by or self.primary).finish(turn, text)
