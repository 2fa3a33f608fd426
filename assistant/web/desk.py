"""What a tab keeps in the browser, so that a reload loses nothing: the conversation on
screen, a reader's own article (its text: it is indexed again, in memory, on return), and
the conversation set aside to go back to (the shipped article's while the reader talks
about their own, or their own article's while they are back on the shipped one).

    >>> import json
    >>> shipped = parse_article("The summit is in Samarkand.")
    >>> mine = Source("Trains run every ten minutes.", "notes.md")
    >>> ex = Exchange("Where?", "In Samarkand.")
    >>> kept = save_desk([], mine.article(), mine, Aside(shipped.sha256, (ex,)))
    >>> back = read_desk(json.loads(json.dumps(kept)), shipped)
    >>> back.source == mine, back.aside.exchanges == (ex,), back.aside.source is None
    (True, True, True)

Everything is checked again when it comes back (:func:`assistant.web.limits.check_saved`
first): an own article is taken only as an article's text within the limits, and a
conversation only over the very text it was about (its SHA-256).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..article.article import Article, parse_article
from ..errors import AssistantError
from .limits import MAX_ARTICLE_CHARS, MAX_NAME_CHARS, MAX_SAVED_CHARS
from .state import Exchange, restore_conversation, saved_conversation


@dataclass(frozen=True)
class Source:
    """A reader's own article as the browser keeps it: its text (as extracted from what
    they gave) and its name (a file's name, or "pasted text")."""

    text: str
    name: str

    def article(self) -> Article:
        """The article of this text, without an index (to check a saved conversation)."""
        return parse_article(self.text)

    def to_json(self) -> dict:
        return {"text": self.text, "name": self.name}


@dataclass(frozen=True)
class Aside:
    """A conversation not on screen, kept to go back to: about the shipped article
    (``source`` None) or about a reader's own article (its text, to index it again)."""

    sha256: str
    exchanges: tuple[Exchange, ...]
    source: Source | None = None

    def to_json(self, exchanges: Sequence[Exchange] | None = None) -> dict:
        kept = self.exchanges if exchanges is None else exchanges
        return {
            "article": self.sha256,
            "exchanges": [ex.to_json() for ex in kept],
            "own": self.source.to_json() if self.source else None,
        }


@dataclass(frozen=True)
class Desk:
    """What a restore gives back: the conversation, the own article it is about (None:
    the shipped article), and the conversation set aside."""

    exchanges: list[Exchange]
    source: Source | None = None
    aside: Aside | None = None


def save_desk(
    exchanges: Sequence[Exchange], article: Article, source: Source | None, aside: Aside | None
) -> dict:
    """What the browser keeps, within :data:`~assistant.web.limits.MAX_SAVED_CHARS`:
    past it the oldest exchanges go first, those set aside before those on screen."""
    current, kept = list(exchanges), list(aside.exchanges) if aside else []
    while True:
        saved = saved_conversation(current, article)
        saved["own"] = source.to_json() if source else None
        saved["aside"] = aside.to_json(kept) if aside else None
        if _size(saved) <= MAX_SAVED_CHARS or not (current or kept):
            return saved
        if kept:
            kept.pop(0)
        else:
            current.pop(0)


def _size(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(len(k) + _size(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(_size(v) for v in value)
    return 1


def read_source(item: object) -> Source | None:
    """An own article as saved, if it is one: text of an article within the limits."""
    if not isinstance(item, dict):
        return None
    text, name = item.get("text"), item.get("name")
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_ARTICLE_CHARS:
        return None
    name = name if isinstance(name, str) and name.strip() else "your article"
    source = Source(text, name[:MAX_NAME_CHARS])
    try:
        source.article()
    except AssistantError:
        return None
    return source


def read_desk(saved: object, shipped: Article) -> Desk:
    """The desk ``saved`` describes; malformed parts are dropped (a conversation over
    another text than its own is dropped whole)."""
    if not isinstance(saved, dict):
        return Desk([])
    source = read_source(saved.get("own"))
    exchanges = restore_conversation(saved, source.article() if source else shipped)
    aside, kept = saved.get("aside"), None
    if isinstance(aside, dict):
        other = read_source(aside.get("own"))
        if (other is None) != (source is None):  # one of the two is the shipped article
            article = other.article() if other else shipped
            earlier = tuple(restore_conversation(aside, article))
            if earlier or other:
                kept = Aside(article.sha256, earlier, other)
    return Desk(exchanges, source, kept)
