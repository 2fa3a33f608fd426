"""What happens when a page loads: the status line follows the assistant's loading, and
the tab's saved state comes back (:mod:`assistant.web.desk`): the conversation, and a
reader's own article, indexed again in memory with its conversation. Restoring is checked
like every event (:func:`assistant.web.limits.check_saved`); an own article that cannot
be indexed again now (the server is busy) stays set aside with its conversation, and
"Back to your article" tries again. The browser test drives it (a reload with an own
article and its conversation).
"""

from __future__ import annotations

import asyncio
import logging

import gradio as gr

from ..errors import AssistantError
from .chat import Session, reader_status
from .desk import Aside, read_desk
from .limits import check_saved
from .own import note, open_own
from .parts import LOADING, PRIVATE, Page, max_chars, status_html
from .render import ArticleInfo, messages, render_article
from .switch import own_outputs, showing
from .view import conversation, locks, outputs

log = logging.getLogger(__name__)


def wire_load(page: Page, demo: gr.Blocks) -> None:
    shelf = page.shelf

    async def ready():
        shelf.visited.set()
        if not shelf.ready.is_set():
            yield status_html(LOADING)
        while not shelf.ready.is_set():
            await asyncio.sleep(0.2)
        if page.offers is not None:
            page.offers.prepare(shelf.assistant, shelf.digest)
        yield status_html(reader_status(shelf.assistant) if shelf.assistant else shelf.error or "")

    def restore(saved, session: Session):
        try:
            checked = check_saved(saved, max_chars(shelf))
        except AssistantError as exc:  # over the limits: refused whole, the tab starts afresh
            log.info("A saved conversation was not restored: %s", exc)
            checked = None
        desk = read_desk(checked, shelf.article)
        if desk.source is not None and page.upload is None:  # this server takes no others
            yield conversation(page, [], None, None)
            return
        if desk.source is None:
            yield conversation(page, desk.exchanges, None, desk.aside) | _back_button(page, desk)
            return
        source = desk.source
        article = source.article()
        info = ArticleInfo(headline="Your article", note=f"{source.name} · opening it again…")
        waiting = f"Opening your article ({source.name}) again…"
        yield {
            page.article: render_article(article, info),
            page.chat: messages(desk.exchanges, article),
            page.status: status_html(waiting),
            page.box: gr.update(interactive=False),
            page.suggestions: gr.update(visible=False),
        }
        try:
            own = open_own(shelf, session, source.text, source.name, extracted=True)
        except AssistantError as exc:  # kept aside with its conversation, to try again
            aside = Aside(article.sha256, tuple(desk.exchanges), source)
            earlier = desk.aside.exchanges if desk.aside is not None else ()
            message = (
                f"Your article ({source.name}) could not be opened again: {exc} It is kept "
                "with its conversation: “Back to your article” tries again."
            )
            updates = showing(page, None, list(earlier), aside, message) | locks(page, False)
            yield updates | {page.panel: gr.update(open=True)}  # where the message is
            return
        if page.offers is not None:
            page.offers.prepare(own.assistant, own.digest)
        yield showing(page, own, desk.exchanges, desk.aside) | locks(page, False)

    demo.load(ready, None, page.status, concurrency_limit=None, show_progress="hidden", **PRIVATE)
    every = own_outputs(page) if page.upload is not None else [page.status, *outputs(page)]
    every += [page.article]
    demo.load(restore, [page.saved, page.session], every, show_progress="hidden", **PRIVATE)


def _back_button(page: Page, desk) -> dict:
    """The button back to a conversation set aside, after a restore on the shipped article."""
    if page.back is None:
        return {}
    own = desk.aside is not None and desk.aside.source is not None
    updates = {page.aside: desk.aside, page.back: gr.update(visible=own)}
    if own:
        name = desk.aside.source.name
        updates[page.own_message] = note(f"Your article ({name}) is kept: “Back to your article”.")
    return updates
