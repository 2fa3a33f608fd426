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
from .parts import Page, status_html
from .render import ArticleInfo, render_article
from .shelf import OwnArticle, Shelf, read_upload

BUSY = "Wait for the answer to finish (or press Stop) before changing the article."


@dataclass
class Switch:
    """What changing the article gives: the new own article (None: keep the current one)
    and a message for the reader."""

    own: OwnArticle | None
    message: str


def use_article(shelf: Shelf, session: Session, text: str, name: str) -> Switch:
    """Index ``text`` for this session, or say why not."""
    if session.busy:
        return Switch(None, BUSY)
    try:
        assistant = shelf.own(text)
    except AssistantError as exc:
        return Switch(None, str(exc))
    chars = len(assistant.article.text)
    info = ArticleInfo(
        headline="Your article",
        note=f"{name} · {chars:,} characters · kept in this tab's session only, never saved",
    )
    return Switch(OwnArticle(assistant, info), f"Now answering from your article ({name}).")


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
        return _shown(page, Switch(None, BUSY), synced)
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

    def upload(path: str | None, session: Session):
        if not path:
            return [gr.skip()] * len(outputs)
        try:
            text = read_upload(path)
        except AssistantError as exc:
            return _shown(page, Switch(None, str(exc)), synced)
        return _shown(page, use_article(shelf, session, text, Path(path).name), synced)

    def paste(text: str, session: Session):
        return _shown(page, use_article(shelf, session, text or "", "pasted text"), synced)

    def back(session: Session):
        return _back(page, session, synced)

    limits = {"concurrency_limit": 2, "concurrency_id": "own-article", "api_visibility": "private"}
    page.upload.upload(upload, [page.upload, page.session], outputs, **limits)
    page.use_paste.click(paste, [page.paste, page.session], outputs, **limits)
    page.back.click(back, [page.session], outputs, queue=False, api_visibility="private")
