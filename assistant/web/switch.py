"""The controls of "Chat with your own article": upload, paste, the button that goes back
to the conversation set aside, and the question asked before an own article whose
conversation has begun is replaced. The rules are in :mod:`assistant.web.own`; this module
maps them onto components, so the browser test (``tests/web/test_browser.py``) drives it.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from ..errors import AssistantError
from .chat import Session, reader_status
from .desk import Aside
from .own import ANSWERING, SHIPPED, at_risk, back_label, confirm_text, note, open_own
from .owned import OwnArticle
from .parts import PRIVATE, Page, status_html
from .render import render_article
from .shelf import read_upload
from .view import conversation, nothing, outputs, source_of, undo_bar

KEPT_SHIPPED = (
    " Your conversation about the shipped article is kept: “Back to the shipped article” "
    "returns to it."
)


def showing(
    page: Page, own: OwnArticle | None, exchanges: list, aside: Aside | None, message: str = ""
) -> dict:
    """Updates for the article now on screen (the reader's own, or the shipped one), its
    conversation, the conversation set aside and the button that goes back to it."""
    shelf = page.shelf
    assistant = own.assistant if own is not None else shelf.assistant
    article = own.assistant.article if own is not None else shelf.article
    label = back_label(own, aside)
    updates = {
        page.own: own,
        page.aside: aside,
        page.article: render_article(article, own.info if own is not None else shelf.info),
        page.own_message: note(message),
        page.back: gr.update(value=label or SHIPPED, visible=label is not None),
        page.confirm_row: gr.update(visible=False),
        page.pending: None,
        **conversation(page, exchanges, own, aside),
        **undo_bar(page, None),
    }
    if assistant is not None or message:  # said where it is seen: the panel may be closed
        updates[page.status] = status_html(message or reader_status(assistant))
    return updates


def own_outputs(page: Page) -> list:
    """Every component :func:`showing` and the panel's events update."""
    own = [page.own, page.aside, page.article, page.status, page.own_message, page.back]
    own += [page.panel, page.confirm_row, page.confirm_note, page.pending]
    return own + outputs(page)


def _switch(page: Page, offered: dict, session: Session, exchanges: list, own, aside) -> dict:
    """The offered article indexed and on screen, the shipped article's conversation set
    aside (an own article's goes); the panel collapses."""
    try:
        new = open_own(page.shelf, session, **offered)
    except AssistantError as exc:
        return {page.own_message: note(str(exc)), page.pending: None} | {
            page.confirm_row: gr.update(visible=False)
        }
    if own is not None:
        own.release()  # the reader's previous article goes (they were asked)
        keep = aside
    else:
        keep = Aside(page.shelf.article.sha256, tuple(exchanges)) if exchanges else None
    if page.offers is not None:
        page.offers.prepare(new.assistant, new.digest)
    message = f"Now answering from your article ({new.name})."
    message += KEPT_SHIPPED if keep is not None and keep.exchanges else ""
    return showing(page, new, [], keep, message) | {page.panel: gr.update(open=False)}


def _offer(page: Page, offered: dict, session: Session, exchanges: list, own, aside) -> dict:
    """Switch to the offered article, or first ask when a conversation would end."""
    count = at_risk(exchanges, own, aside)
    if not count:
        return _switch(page, offered, session, exchanges, own, aside)
    return {
        page.pending: offered,
        page.confirm_row: gr.update(visible=True),
        page.confirm_note: note(confirm_text(own, aside, count)),
        page.own_message: "",
    }


def _back(page: Page, session: Session, exchanges: list, own, aside) -> dict:
    """Swap the conversation on screen with the one set aside."""
    if session.busy:
        return {page.own_message: note(ANSWERING)}
    shelf = page.shelf
    if own is not None:
        own.release()
        keep = Aside(own.assistant.article.sha256, tuple(exchanges), source_of(own))
        earlier = list(aside.exchanges) if aside is not None and aside.source is None else []
        message = "Back to the shipped article. Your article and its conversation are kept."
        return showing(page, None, earlier, keep, message)
    if aside is None or aside.source is None:
        return nothing(page)
    source = aside.source
    try:
        new = open_own(shelf, session, source.text, source.name, extracted=True)
    except AssistantError as exc:
        return {page.own_message: note(str(exc))}
    if page.offers is not None:
        page.offers.prepare(new.assistant, new.digest)
    keep = Aside(shelf.article.sha256, tuple(exchanges)) if exchanges else None
    return showing(page, new, list(aside.exchanges), keep, f"Back to your article ({new.name}).")


def wire_switch(page: Page) -> None:
    """Upload, paste, the button back, and "Replace it" / "Keep my conversation"."""
    every = own_outputs(page)
    state = [page.session, page.exchanges, page.own, page.aside]

    def upload(path, session: Session, exchanges: list, own, aside):
        if not isinstance(path, str) or not path:
            return nothing(page)
        try:
            text = read_upload(path)
        except AssistantError as exc:
            return {page.own_message: note(str(exc))}
        offered = {"text": text, "name": Path(path).name, "extracted": True}
        return _offer(page, offered, session, exchanges, own, aside)

    def paste(text, session: Session, exchanges: list, own, aside):
        if not isinstance(text, str):
            return {page.own_message: note("Paste the article's text.")}
        offered = {"text": text, "name": "pasted text"}
        return _offer(page, offered, session, exchanges, own, aside)

    def replace(offered, session: Session, exchanges: list, own, aside):
        if not isinstance(offered, dict):
            return {page.confirm_row: gr.update(visible=False)}
        return _switch(page, offered, session, exchanges, own, aside)

    def keep():
        message = "Your article and its conversation are kept."
        return {page.pending: None, page.confirm_row: gr.update(visible=False)} | {
            page.own_message: note(message)
        }

    def back(session: Session, exchanges: list, own, aside):
        return _back(page, session, exchanges, own, aside)

    # Indexing is queued, but never waits long: past the places for own articles the
    # reader is told the server is busy (shelf.Busy).
    queued = {"concurrency_limit": 4, "concurrency_id": "own-article", **PRIVATE}
    page.upload.upload(upload, [page.upload, *state], every, **queued)
    page.use_paste.click(paste, [page.paste, *state], every, **queued)
    page.replace.click(replace, [page.pending, *state], every, **queued)
    page.keep.click(keep, None, every, queue=False, **PRIVATE)
    page.back.click(back, state, every, **queued)
