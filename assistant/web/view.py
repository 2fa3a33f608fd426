"""What the page shows of a tab, as Gradio updates (dicts of component to value): the
conversation and everything made from it (the chat, the page's Markdown copy, what the
browser keeps), the locks while an answer is written, and the "Undo" bar.

Every event that changes the conversation returns :func:`conversation`'s updates, so the
chat, the copy and the browser's saved state never disagree. It has no example of its own:
``tests/web/test_view.py`` checks these updates and the browser test drives them.
"""

from __future__ import annotations

import gradio as gr

from .desk import Aside, Source, save_desk
from .owned import OwnArticle
from .parts import Page, conversation_holder
from .render import ArticleInfo, messages


def article_of(page: Page, own: OwnArticle | None):
    """The article on screen: the reader's own, or the page's."""
    return own.assistant.article if own is not None else page.shelf.article


def source_of(own: OwnArticle | None) -> Source | None:
    """What the browser keeps of a reader's own article (its text and name)."""
    return Source(own.assistant.article.text, own.name) if own is not None else None


def title(info: ArticleInfo) -> str:
    parts = [info.headline or "", info.outlet, info.date, info.topic or info.note]
    return " · ".join(p for p in parts if p) or "the article"


def saved(page: Page, exchanges: list, own: OwnArticle | None, aside: Aside | None) -> dict:
    """The page's Markdown copy of the conversation, the buttons that copy and download it
    (usable once there is one) and the browser's saved state."""
    article = article_of(page, own)
    info = page.shelf.info if own is None else own.info
    return {
        page.conversation: conversation_holder(exchanges, article, title(info)),
        **{b: gr.update(interactive=bool(exchanges)) for b in page.exports},
        page.saved: save_desk(exchanges, article, source_of(own), aside),
        page.exchanges: exchanges,
    }


def conversation(page: Page, exchanges: list, own: OwnArticle | None, aside: Aside | None) -> dict:
    """A conversation now on screen: the chat and everything made from it; the first
    screen's suggestions show while the shipped article's conversation is empty."""
    return {
        page.chat: messages(exchanges, article_of(page, own)),
        page.suggestions: gr.update(visible=own is None and not exchanges),
        **saved(page, exchanges, own, aside),
    }


def locks(page: Page, busy: bool) -> dict:
    """The box, Ask, Stop and the suggestions: locked while an answer is written."""
    open_ = not busy
    updates = {
        page.box: gr.update(interactive=open_),
        page.ask: gr.update(visible=open_),
        page.stop: gr.update(visible=busy),
    }
    updates.update({b: gr.update(interactive=open_) for b in page.asks})
    return updates


def undo_bar(page: Page, undo: list | None, note: str = "") -> dict:
    """The conversation "Undo" brings back (None: nothing to undo) and its bar."""
    return {
        page.undo: undo,
        page.undo_row: gr.update(visible=undo is not None),
        page.undo_note: f'<p class="undo-note" role="status">{note}</p>' if note else "",
    }


def nothing(page: Page) -> dict:
    """No update (Gradio takes an empty dict for a list of outputs, so one is named)."""
    return {page.chat: gr.skip()}


def outputs(page: Page) -> list:
    """Every component :func:`conversation`, :func:`locks` and :func:`undo_bar` update."""
    return [
        page.chat,
        page.suggestions,
        page.conversation,
        *page.exports,
        page.saved,
        page.exchanges,
        page.box,
        page.ask,
        page.stop,
        *page.asks,
        page.undo,
        page.undo_row,
        page.undo_note,
    ]
