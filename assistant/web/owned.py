"""Readers' own articles: the places they take on the server, and giving them back.

Each own article holds its index, its digest and (in the background) its multilingual
vectors: at most :data:`MAX_OWN_ARTICLES` are kept at once, and :data:`MAX_OWN_BUILDS`
indexed at once. A place is given back when the reader chooses another article, when the
session is freed (:mod:`assistant.web.sessions`), or, whatever else happens, when the
article is dropped:

    >>> slots = Slots(size=1)
    >>> slot = slots.take()
    >>> slots.take()
    Traceback (most recent call last):
    assistant.web.owned.Busy: The server is busy with other readers' articles: try again ...
    >>> slot.release(); slot.release(); slots.used  # once is enough
    0
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

from ..core.assistant import Assistant
from ..errors import AssistantError
from .render import ArticleInfo

MAX_OWN_ARTICLES = 8  # readers' own articles kept at once (each is freed with its session)
MAX_OWN_BUILDS = 2  # of which being indexed at once (each takes a core for seconds)
BUSY = "The server is busy with other readers' articles: try again in a minute."


class Busy(AssistantError):
    """Every place for a reader's own article is taken."""


class Slot:
    """A place taken for one own article; :meth:`release` gives it back (once)."""

    def __init__(self, slots: Slots) -> None:
        self.slots, self.taken = slots, True

    def release(self) -> None:
        with self.slots.lock:
            if self.taken:
                self.taken = False
                self.slots.used -= 1


class Slots:
    """The places for readers' own articles, :data:`MAX_OWN_ARTICLES` of them."""

    def __init__(self, size: int = MAX_OWN_ARTICLES) -> None:
        self.size, self.used = size, 0
        self.lock = threading.RLock()  # a finalizer may give a place back while one is taken
        self.building = threading.BoundedSemaphore(MAX_OWN_BUILDS)

    def take(self) -> Slot:
        """A place, or :class:`Busy` at once when there is none."""
        with self.lock:
            if self.used >= self.size:
                raise Busy(BUSY)
            self.used += 1
        return Slot(self)


@dataclass(frozen=True)
class OwnArticle:
    """A reader's own article and its assistant, for one session: its name (a file's, or
    "pasted text") and its digest (for the questions offered under answers)."""

    assistant: Assistant
    info: ArticleInfo
    slot: Slot | None = None
    name: str = "your article"
    digest: object = None

    def __post_init__(self) -> None:
        # Given back when the article is dropped, however it is dropped: a session freed
        # while its paste was still being indexed gets the article into a state nobody holds.
        pending = getattr(getattr(self.assistant, "retriever", None), "_e5", None)
        weakref.finalize(self, _give_back, self.slot, pending)

    def release(self) -> None:
        """Give its place back and stop any work still done for it (the session is over,
        or the reader chose another article)."""
        _give_back(self.slot, getattr(getattr(self.assistant, "retriever", None), "_e5", None))


def _give_back(slot: Slot | None, pending) -> None:
    if slot is not None:
        slot.release()
    if hasattr(pending, "cancel"):
        pending.cancel()
