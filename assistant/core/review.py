"""The check step: a review reads an answer as it streams and lets through only what the
passages it cites support; at the end it says which claims it kept, which it removed and
whether the answer refuses.

The core knows the protocol only; :mod:`assistant.support` checks claims for real and
:mod:`assistant.wiring` passes it in. :class:`Unchecked` lets everything through (an
assistant built without a checker, and the tests' fakes):

    >>> review = Unchecked().review(None, list)
    >>> review.feed("Bali [1]."), review.close().text
    ('Bali [1].', 'Bali [1].')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .answerer import has_refused
from .question import Question
from .result import ClaimCheck, Passage


@dataclass(frozen=True)
class Reviewed:
    """A finished review: the text it released at the end (``tail``), the whole checked
    answer, every claim with its verdict, markers that named no passage, and whether the
    answer refuses (says the article does not answer, and answers nothing)."""

    tail: str
    text: str
    claims: tuple[ClaimCheck, ...] = ()
    invalid_markers: tuple[str, ...] = ()
    refusal: bool = False

    @property
    def removed(self) -> int:
        """How many claims were left out because the article does not support them."""
        return sum(1 for c in self.claims if c.supported is False)


class Review(Protocol):
    def feed(self, piece: str) -> str:
        """Take the next piece of the answer; return what may be shown now."""
        ...

    def close(self) -> Reviewed:
        """The answer is over: check what is left and say what came of it."""
        ...


class Checker(Protocol):
    def review(self, asked: Question | None, passages: Callable[[], Sequence[Passage]]) -> Review:
        """A review of one answer to ``asked``, against the passages given so far."""
        ...


class Unchecked:
    """A checker that checks nothing: every piece is shown as it comes."""

    def review(self, asked, passages) -> Review:
        return _Through()


class _Through:
    def __init__(self) -> None:
        self.text = ""

    def feed(self, piece: str) -> str:
        self.text += piece
        return piece

    def close(self) -> Reviewed:
        return Reviewed("", self.text, refusal=has_refused(self.text))
