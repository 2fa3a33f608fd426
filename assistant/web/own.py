"""A reader's own article: paste it or upload a file, and chat with it in this tab.

It is indexed in memory (:meth:`assistant.web.shelf.Shelf.own`) and kept in the tab's
session state, so it never touches the shipped index; its text is also kept in the
browser with its conversation (:mod:`assistant.web.desk`), so a reload indexes it again.
``use_article`` is the plain function behind paste and upload:

    >>> from assistant.web.shelf import ArticleInfo, Shelf
    >>> from assistant.article.article import load_article
    >>> shelf = Shelf(load_article(), ArticleInfo())  # not loaded: no models
    >>> use_article(shelf, Session(), "Some text.", "pasted text").message
    'This server does not take other articles.'

Nothing a reader brings is lost: the shipped article's conversation is set aside while
they talk about their own ("Back to the shipped article" returns to it), their own
article's while they are back on the shipped one ("Back to your article" indexes it
again), and replacing an own article whose conversation has begun is asked first
(:mod:`assistant.web.switch` wires the controls).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..errors import AssistantError
from .chat import Session
from .desk import Aside
from .owned import OwnArticle
from .render import ArticleInfo
from .shelf import Shelf

ANSWERING = "Wait for the answer to finish (or press Stop) before changing the article."
SHIPPED = "Back to the shipped article"
YOURS = "Back to your article"


@dataclass
class Switch:
    """What changing the article gives: the new own article (None: keep the current one)
    and a message for the reader."""

    own: OwnArticle | None
    message: str


def open_own(
    shelf: Shelf, session: Session, text: str, name: str, suffix: str = "", extracted=False
) -> OwnArticle:
    """``text`` indexed for this session as the reader's article ``name``, or an
    :class:`~assistant.errors.AssistantError` that says why not (too large, busy, ...)."""
    if session.busy:
        raise AssistantError(ANSWERING)
    assistant, slot, digest = shelf.own(text, suffix, extracted)
    chars = len(assistant.article.text)
    info = ArticleInfo(
        headline="Your article",
        note=f"{name} · {chars:,} characters · kept in this tab and this browser only",
    )
    return OwnArticle(assistant, info, slot, name, digest)


def use_article(shelf: Shelf, session: Session, text: str, name: str, suffix: str = "") -> Switch:
    """Index ``text`` for this session, or say why not (too large, busy, ...)."""
    try:
        own = open_own(shelf, session, text, name, suffix)
    except AssistantError as exc:
        return Switch(None, str(exc))
    return Switch(own, f"Now answering from your article ({name}).")


def at_risk(exchanges: list, own: OwnArticle | None, aside: Aside | None) -> int:
    """How many exchanges about the reader's own article a new one would end (the
    shipped article's conversation is never at risk: it is set aside).

    >>> from assistant.web.desk import Source
    >>> at_risk(["q1"], None, Aside("ab", ("q2", "q3"), Source("Text.", "notes.md")))
    2
    """
    if own is not None:
        return len(exchanges)
    if aside is not None and aside.source is not None:
        return len(aside.exchanges)
    return 0


def back_label(own: OwnArticle | None, aside: Aside | None) -> str | None:
    """The label of the button that goes back to the conversation set aside (None: there
    is none to go back to)."""
    if own is not None:
        return SHIPPED
    if aside is not None and aside.source is not None:
        return YOURS
    return None


def note(message: str) -> str:
    """A message in the own-article panel, announced to screen readers."""
    return f'<p role="status">{html.escape(message)}</p>' if message else ""


def confirm_text(own: OwnArticle | None, aside: Aside | None, count: int) -> str:
    name = own.name if own is not None else aside.source.name if aside and aside.source else ""
    questions = "1 question" if count == 1 else f"{count} questions"
    return (
        f"Your conversation about your article ({name}, {questions}) will end: only one "
        "article of your own is kept at a time. Replace it?"
    )
