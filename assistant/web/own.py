"""A reader's own article: paste it or upload a file, and chat with it in this tab.

It is indexed in memory (:meth:`assistant.web.shelf.Shelf.own`) and kept in
the tab's session state only, so it never touches the shipped index and is gone with
the session. ``use_article`` is the plain function behind both controls:

    >>> from assistant.web.shelf import ArticleInfo, Shelf
    >>> from assistant.article.article import load_article
    >>> shelf = Shelf(load_article(), ArticleInfo())  # not loaded: no models
    >>> use_article(shelf, Session(), "Some text.", "pasted text").message
    'This server does not take other articles.'
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from ..errors import AssistantError
from .chat import Session, reader_status
from .owned import OwnArticle
from .parts import PRIVATE, Page, status_html
from .render import ArticleInfo, render_article
from .shelf import Shelf, read_upload

ANSWERING = "Wait for the answer to finish (or press Stop) before changing the article."


@dataclass
class Switch:
    """What changing the article gives: the new own article (None: keep the current one)
    and a message for the reader."""

    own: OwnArticle | None
    message: str


def use_article(shelf: Shelf, session: Session, text: str, name: str, suffix: str = "") -> Switch:
    """Index ``text`` for this session, or say why not (too large, busy, ...)."""
    if session.busy:
        return Switch(None, ANSWERING)
    try:
        assistant, slot = shelf.own(text, suffix)
    except AssistantError as exc:
        return Switch(None, str(exc))
    chars = len(assistant.article.text)
    info = ArticleInfo(
        headline="Your article",
        note=f"{name} · {chars:,} characters · kept in this tab's session only, never saved",
    )
    own = OwnArticle(assistant, info, slot)
    return Switch(own, f"Now answering from your article ({name}).")


def _shown(page: Page, switch: Switch, synced) -> list:
    """Updates for :func:`wire_own_article`'s outputs after ``switch``."""
    note = f'<p role="status">{html.escape(switch.message)}</p>'
    if switch.own is None:
        return [gr.skip()] * 5 + [note] + [gr.skip()] * 3
    own = switch.own
    article = render_article(own.assistant.article, own.info)
    status = status_html(reader_status(own.assistant))
    hide = gr.update(visible=False)  # the suggestions are about the shipped article
    return [own, article, [], [], status, note, hide, *synced(page, [], own)]


def _back(page: Page, session: Session, synced) -> list:
    if session.busy:
        return _shown(page, Switch(None, ANSWERING), synced)
    shelf = page.shelf
    article = render_article(shelf.article, shelf.info)
    status = status_html(reader_status(shelf.assistant)) if shelf.assistant else gr.skip()
    note = '<p role="status">Back to the shipped article.</p>'
    return [None, article, [], [], status, note, gr.update(visible=True), *synced(page, [], None)]


def wire_own_article(page: Page, synced) -> None:
    """Upload, paste and "Back to the shipped article". ``synced(page, exchanges, own)``
    gives the updates of the page's saved conversation (from :mod:`assistant.web.events`)."""
    shelf = page.shelf
    outputs = [page.own, page.article, page.chat, page.exchanges, page.status]
    outputs += [page.own_message, page.suggestions, page.conversation, page.saved]

    def upload(path, session: Session, current: OwnArticle | None):
        if not isinstance(path, str) or not path:
            return [gr.skip()] * len(outputs)
        try:
            text = read_upload(path)
        except AssistantError as exc:
            return _shown(page, Switch(None, str(exc)), synced)
        return _switch(use_article(shelf, session, text, Path(path).name), current)

    def paste(text, session: Session, current: OwnArticle | None):
        if not isinstance(text, str):
            return _shown(page, Switch(None, "Paste the article's text."), synced)
        return _switch(use_article(shelf, session, text, "pasted text"), current)

    def _switch(switch: Switch, current: OwnArticle | None) -> list:
        if switch.own is not None and current is not None:
            current.release()  # the reader's previous article goes
        return _shown(page, switch, synced)

    def back(session: Session, current: OwnArticle | None):
        shown = _back(page, session, synced)
        if shown[0] is None and current is not None:
            current.release()
        return shown

    # Indexing is queued, but never waits long: past the places for own articles the
    # reader is told the server is busy (shelf.Busy).
    queued = {"concurrency_limit": 4, "concurrency_id": "own-article", **PRIVATE}
    inputs = [page.session, page.own]
    page.upload.upload(upload, [page.upload, *inputs], outputs, **queued)
    page.use_paste.click(paste, [page.paste, *inputs], outputs, **queued)
    page.back.click(back, inputs, outputs, **PRIVATE)
