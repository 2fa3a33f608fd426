"""One deadline per answer from the endpoint, kept however the endpoint behaves.

A :class:`Deadline` starts when it is made. :func:`within` runs a stream of pieces in a
worker thread and hands them on until the deadline, then raises a
:class:`~assistant.errors.BackendError` (so the offline answer takes over) even while
the endpoint is silent or trickles one token every few seconds:

    >>> import time
    >>> def trickle():
    ...     yield "In Bali"
    ...     time.sleep(2)
    ...     yield " [1]."
    >>> got = []
    >>> try:
    ...     for piece in within(Deadline(0.3), trickle()):
    ...         got.append(piece)
    ... except BackendError as exc:
    ...     print(got, exc)
    ['In Bali'] The OpenAI endpoint did not finish within OPENAI_DEADLINE (0.3 s): try again, \
or raise OPENAI_DEADLINE.

The worker stops at its next piece once the deadline has passed (closing the stream it
reads); retries never start after it (:func:`assistant.llm.client.call_with_retries`).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from ..errors import BackendError

T = TypeVar("T")
_DONE = object()


class Deadline:
    """``seconds`` from now, by ``clock`` (``time.monotonic``; tests pass their own)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self.clock = seconds, clock
        self.at = clock() + seconds

    def remaining(self) -> float:
        """Seconds left, never below zero.

        >>> Deadline(5, clock=lambda: 100.0).remaining()
        5.0
        """
        return max(0.0, self.at - self.clock())

    def expired(self) -> BackendError:
        """The error that says the deadline passed, and the fix."""
        return BackendError(
            f"The OpenAI endpoint did not finish within OPENAI_DEADLINE ({self.seconds:g} s): "
            "try again, or raise OPENAI_DEADLINE."
        )


def within(deadline: Deadline, pieces: Iterator[T]) -> Iterator[T]:
    """``pieces``, produced in a worker thread, until ``deadline`` (then its error).

    An exception raised by ``pieces`` reaches the caller as it was raised.
    """
    handoff: queue.Queue = queue.Queue()
    stop = threading.Event()
    threading.Thread(target=_produce, args=(pieces, handoff, stop), daemon=True).start()
    try:
        while True:
            try:
                item = handoff.get(timeout=deadline.remaining())
            except queue.Empty:
                raise deadline.expired() from None
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item[0]
    finally:
        stop.set()  # the caller is gone (deadline, error, or it stopped reading)


def _produce(pieces: Iterator, handoff: queue.Queue, stop: threading.Event) -> None:
    """The worker: pass each piece on (wrapped, so an exception is told apart) until done."""
    try:
        for piece in pieces:
            if stop.is_set():
                break
            handoff.put((piece,))
        handoff.put(_DONE)
    except BaseException as exc:  # handed to the caller, raised there
        handoff.put(exc)
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:
            close()


def call_within(deadline: Deadline, fn: Callable[[], T]) -> T:
    """``fn()``, run in a worker thread, or the deadline's error if it takes longer.

    >>> call_within(Deadline(5), lambda: "done")
    'done'
    """
    (result,) = within(deadline, (fn() for _ in range(1)))
    return result
