"""The page's events: what each control does, in Gradio's terms.

A question goes through three steps: ``take`` (no queue: the question shows at once,
the box and the suggestions lock), ``answer`` (queued, streamed) and ``unlock``. Stop
and "New conversation" cancel the answer. The logic is in :mod:`assistant.web.chat`;
this module only maps it onto components, so it has no example of its own: the
browser test (``tests/web/test_browser.py``) drives it.
"""

from __future__ import annotations

import asyncio
import logging

import gradio as gr

from ..errors import AssistantError
from .chat import Session, accept, claim, finished, reader_status, respond, stopped
from .feedback import given
from .limits import check_saved, check_vote
from .own import wire_own_article
from .owned import OwnArticle
from .parts import (
    LOADING,
    PRIVATE,
    Page,
    ask_api,
    conversation_holder,
    count_html,
    max_chars,
    status_html,
)
from .render import ArticleInfo, messages, render_pending, render_question
from .state import Exchange, capped, restore_conversation, saved_conversation

log = logging.getLogger(__name__)


def _controls(page: Page) -> list:
    return [page.box, page.ask, page.stop, *page.asks]


def synced(page: Page, exchanges: list, own: OwnArticle | None) -> list:
    """Updates for the page's copy of the conversation (Markdown) and the browser's."""
    article = _bot_article(page, own)
    title = _title(page.shelf.info if own is None else own.info)
    return [conversation_holder(exchanges, article, title), saved_conversation(exchanges, article)]


def wire(page: Page, demo: gr.Blocks) -> None:
    """Connect every control of ``page``."""
    answers = _wire_questions(page)
    _wire_controls(page, answers)
    _wire_load(page, demo)
    if page.feedback is not None:
        _wire_feedback(page)
    if page.upload is not None:
        _wire_own_article(page)
    _wire_api(page)


def _bot_article(page: Page, own: OwnArticle | None):
    return own.assistant.article if own is not None else page.shelf.article


def _locks(page: Page, busy: bool) -> list:
    """Updates for the box, Ask, Stop and the suggestions: locked while answering."""
    open_ = not busy
    head = [gr.update(interactive=open_), gr.update(visible=open_), gr.update(visible=busy)]
    return head + [gr.update(interactive=open_)] * len(page.asks)


def _take(page: Page, question: str, session: Session, exchanges: list, own) -> list:
    """Show the question at once and lock the controls, or keep it in the box and say why."""
    controls = _controls(page)
    limit = own.assistant.max_question_chars if own is not None else max_chars(page.shelf)
    problem = accept(session, question, limit)
    if problem == "":
        return [gr.skip()] * (2 + len(controls))
    if problem:
        return [gr.skip(), count_html(limit, len(question), problem), *[gr.skip()] * len(controls)]
    chat = messages(exchanges, _bot_article(page, own))
    chat += [
        {"role": "user", "content": render_question(question)},
        {"role": "assistant", "content": render_pending("")},
    ]
    box = gr.update(value="", interactive=False)
    return [chat, count_html(limit), box, *_locks(page, True)[1:]]


def _wire_questions(page: Page) -> list:
    """Enter, Ask and each suggestion: take, answer (streamed), unlock. Returns the answer
    events, for Stop and "New conversation" to cancel."""
    controls = _controls(page)

    def take(question: str, session: Session, exchanges: list, own):
        return _take(page, question, session, exchanges, own)

    def answer(session: Session, exchanges: list, own):
        question, ticket = claim(session)
        if question is None:  # a refused question: nothing to answer
            yield [gr.skip()] * 5
            return
        try:
            yield from _answer(page, session, question, exchanges, own)
        finally:
            finished(session, ticket)

    def unlock(session: Session):
        return [gr.skip()] * len(controls) if session.busy else _locks(page, False)

    state = [page.session, page.exchanges, page.own]
    outputs = [page.chat, page.exchanges, page.status, page.conversation, page.saved]
    answers = []
    triggers = [(page.box.submit, page.box), (page.ask.click, page.box)]
    triggers += [(b.click, b) for b in page.asks]
    for trigger, source in triggers:
        taken = trigger(
            take, [source, *state], [page.chat, page.problem, *controls], queue=False, **PRIVATE
        )
        answering = taken.then(answer, state, outputs, **PRIVATE)
        answering.then(unlock, [page.session], controls, queue=False, **PRIVATE)
        answers.append(answering)
    return answers


def _answer(page: Page, session: Session, question: str, exchanges: list, own):
    """Stream the answer (waiting for the assistant first, if it is still loading)."""
    asked = {"role": "user", "content": render_question(question)}
    earlier = messages(exchanges, _bot_article(page, own))
    assistant = own.assistant if own is not None else None
    if assistant is None:
        while not page.shelf.ready.wait(0.5):
            wait = render_pending("").replace("Looking in the article…", LOADING)
            chat = [*earlier, asked, {"role": "assistant", "content": wait}]
            yield [chat, *[gr.skip()] * 4]
        try:
            assistant = page.shelf.get(0)
        except AssistantError as exc:
            exchanges = [*exchanges, Exchange(question, "", (), str(exc), answered=False)]
            chat = messages(exchanges, page.shelf.article)
            yield [chat, exchanges, gr.skip(), *synced(page, exchanges, own)]
            return
    for chat, now, status in respond(assistant, question, exchanges, session):
        done = now is not exchanges  # the last update: the conversation has the new exchange
        if done:
            now = capped(given(page.feedback, now, assistant.article.sha256))
            chat = messages(now, assistant.article)
        tail = synced(page, now, own) if done else [gr.skip(), gr.skip()]
        yield [chat, now, status_html(status), *tail]


def _wire_controls(page: Page, answers: list) -> None:
    def stop(session: Session, exchanges: list, own):
        assistant = own.assistant if own is not None else page.shelf.assistant
        exchanges = capped(stopped(assistant, exchanges, session))
        chat = messages(exchanges, _bot_article(page, own))
        return [chat, exchanges, *synced(page, exchanges, own), *_locks(page, False)]

    def new(session: Session, own):
        stopped(None, [], session)
        return [[], [], *synced(page, [], own), *_locks(page, False)]

    controls = _controls(page)
    state = [page.session, page.exchanges, page.own]
    outputs = [page.chat, page.exchanges, page.conversation, page.saved, *controls]
    page.stop.click(stop, state, outputs, cancels=answers, queue=False, **PRIVATE)
    page.new.click(
        new,
        [page.session, page.own],
        outputs,
        cancels=answers,
        queue=False,
        **PRIVATE,
    )


def _title(info: ArticleInfo) -> str:
    parts = [info.headline or "", info.outlet, info.date, info.topic or info.note]
    return " · ".join(p for p in parts if p) or "the article"


def _wire_load(page: Page, demo: gr.Blocks) -> None:
    shelf = page.shelf

    async def ready():
        shelf.visited.set()
        if not shelf.ready.is_set():
            yield status_html(LOADING)
        while not shelf.ready.is_set():
            await asyncio.sleep(0.2)
        yield status_html(reader_status(shelf.assistant) if shelf.assistant else shelf.error or "")

    def restore(saved):
        try:
            exchanges = restore_conversation(check_saved(saved, max_chars(shelf)), shelf.article)
        except AssistantError as exc:  # over the limits: refused whole, the tab starts afresh
            log.info("A saved conversation was not restored: %s", exc)
            exchanges = []
        return [messages(exchanges, shelf.article), exchanges, *synced(page, exchanges, None)]

    demo.load(ready, None, page.status, concurrency_limit=None, show_progress="hidden", **PRIVATE)
    outputs = [page.chat, page.exchanges, page.conversation, page.saved]
    demo.load(restore, page.saved, outputs, show_progress="hidden", **PRIVATE)


def _wire_feedback(page: Page) -> None:
    feedback = page.feedback

    def like(data: gr.LikeData, exchanges: list, request: gr.Request) -> None:
        try:
            index, rating, reason = check_vote({"index": data.index, "liked": data.liked})
        except AssistantError as exc:
            log.info("A vote was not taken: %s", exc)
            return
        if isinstance(exchanges, list) and index // 2 < len(exchanges):
            answer_id = getattr(exchanges[index // 2], "id", "")
            tab = getattr(request, "session_hash", None) or "unknown"
            feedback.vote(tab, answer_id, rating, reason)

    page.chat.like(like, [page.exchanges], None, show_progress="hidden", **PRIVATE)


def _wire_api(page: Page) -> None:
    shelf = page.shelf

    def ask(question: str, history: str = "") -> dict:
        try:
            assistant = shelf.get(timeout=600)
        except AssistantError as exc:  # the assistant failed to load: the message, no trace
            raise gr.Error(str(exc), print_exception=False) from None
        return ask_api(assistant, question, history)

    gr.api(ask, api_name="ask")


def _wire_own_article(page: Page) -> None:
    wire_own_article(page, synced)
