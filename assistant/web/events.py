"""The page's events: what each control does, in Gradio's terms.

A question goes through three steps: ``take`` (no queue: the question shows at once,
the box and the suggestions lock), ``answer`` (queued, streamed) and ``unlock``. A question
edited, or asked again ("Retry", "Ask again"), comes the same way with the exchange it is
re-asked from (the hidden ``edit_from`` field, set by the page's script): the conversation
goes back to just before that exchange, and when later exchanges go with it, "Undo" brings
them back, as it does after "New conversation".

Stop, "New conversation" and "Undo" stop the answer through the session, not with
Gradio's ``cancels``: a late cancel of one answer ends the next answer of the same event,
and a cancelled stream can still write over the page. The page's own "Looking in the
article…" shows progress, so Gradio's overlay is off. The logic is in
:mod:`assistant.web.chat`, the updates in :mod:`assistant.web.view`; this module maps them
onto components, so it has no example of its own: the browser tests
(``tests/web/test_browser*.py``) drive it.
"""

from __future__ import annotations

import gradio as gr

from ..errors import AssistantError
from .api import ask_api
from .chat import Session, accept, answering, claim, respond, stopped
from .load import wire_load
from .parts import LOADING, PRIVATE, Page, count_html, max_chars, status_html
from .render import messages, render_pending, render_question
from .state import Exchange, capped
from .switch import wire_switch
from .view import article_of, conversation, locks, nothing, outputs, saved, undo_bar
from .votes import given, wire_votes

CLEARED = "The conversation was cleared."


def wire(page: Page, demo: gr.Blocks) -> None:
    """Connect every control of ``page``."""
    _wire_questions(page)
    _wire_controls(page)
    wire_load(page, demo)
    if page.feedback is not None:
        wire_votes(page)
    if page.upload is not None:
        wire_switch(page)
    _wire_api(page)


def edited(edit_from: object, exchanges: list) -> int | None:
    """The exchange a question is re-asked from, if ``edit_from`` names one.

    >>> edited("1", ["a", "b"]), edited("2", ["a", "b"]), edited("x", ["a"])
    (1, None, None)
    """
    text = edit_from.strip() if isinstance(edit_from, str) else ""
    if not text.isdigit() or len(text) > 6:
        return None
    index = int(text)
    return index if index < len(exchanges) else None


def _take(page: Page, question, edit_from, session: Session, exchanges: list, own) -> dict:
    """Show the question at once and lock the controls, or keep it in the box and say why."""
    limit = own.assistant.max_question_chars if own is not None else max_chars(page.shelf)
    problem = accept(session, question, limit)
    if problem == "":
        return nothing(page)
    if problem:
        return {page.problem: count_html(limit, len(question), problem)}
    index = edited(edit_from, exchanges)
    kept = exchanges if index is None else exchanges[:index]
    later = len(exchanges) - len(kept) - 1  # exchanges after the one asked again
    chat = messages(kept, article_of(page, own), last=False)
    chat += [
        {"role": "user", "content": render_question(question)},
        {"role": "assistant", "content": render_pending("")},
    ]
    if later > 0:
        note = f"Asked again from question {index + 1}: the later exchanges were removed."
        bar = undo_bar(page, exchanges, note)
    else:
        bar = undo_bar(page, None)
    return {
        **locks(page, True),
        page.chat: chat,
        page.exchanges: kept,
        page.problem: count_html(limit),
        page.box: gr.update(value="", interactive=False),
        page.edit_from: "",
        page.suggestions: gr.update(visible=False),
        **bar,
    }


def _wire_questions(page: Page) -> None:
    """Enter, Ask and each suggestion: take, answer (streamed), unlock."""

    def take(question, edit_from, session: Session, exchanges: list, own):
        return _take(page, question, edit_from, session, exchanges, own)

    def answer(session: Session, exchanges: list, own, aside):
        question, ticket = claim(session)
        if question is None:  # a refused question: nothing to answer
            yield nothing(page)
            return
        writing = _answer(page, session, question, exchanges, own, aside)
        yield from answering(session, ticket, writing, nothing(page))

    def unlock(session: Session):
        return {page.box: gr.skip()} if session.busy else locks(page, False)

    taken_outputs = [*outputs(page), page.problem, page.edit_from]
    state = [page.session, page.exchanges, page.own]
    answer_outputs = [page.chat, page.status, page.conversation, *page.exports]
    answer_outputs += [page.saved, page.exchanges]
    triggers = [(page.box.submit, page.box), (page.ask.click, page.box)]
    triggers += [(b.click, b) for b in page.asks]
    for trigger, source in triggers:
        taken = trigger(
            take,
            [source, page.edit_from, *state],
            taken_outputs,
            queue=False,
            # a question sent while the last one's refusal is still on its way is taken
            # after it (Gradio's default, "once", drops it: the reader's Enter did nothing)
            trigger_mode="always_last",
            **PRIVATE,
        )
        answered = taken.then(
            answer,
            [*state, page.aside],
            answer_outputs,
            show_progress="hidden",
            trigger_mode="multiple",  # a stopped answer may take a moment to end
            **PRIVATE,
        )
        answered.then(unlock, [page.session], list(locks(page, False)), queue=False, **PRIVATE)


def _answer(page: Page, session: Session, question: str, exchanges: list, own, aside):
    """Stream the answer (waiting for the assistant first, if it is still loading)."""
    asked = {"role": "user", "content": render_question(question)}
    earlier = messages(exchanges, article_of(page, own), last=False)
    assistant, digest = (own.assistant, own.digest) if own is not None else (None, None)
    if assistant is None:
        while not page.shelf.ready.wait(0.5):
            wait = render_pending("").replace("Looking in the article…", LOADING)
            yield {page.chat: [*earlier, asked, {"role": "assistant", "content": wait}]}
        try:
            assistant, digest = page.shelf.get(0), page.shelf.digest
        except AssistantError as exc:
            exchanges = [*exchanges, Exchange(question, "", (), str(exc), answered=False)]
            yield {page.chat: messages(exchanges, page.shelf.article)} | saved(
                page, exchanges, own, aside
            )
            return
    offers = page.offers
    offer = None
    if offers is not None:
        offers.prepare(assistant, digest)  # built once per article, in the background
        offer = lambda result, turns: offers.after(assistant, result, turns)  # noqa: E731
    for chat, now, status in respond(assistant, question, exchanges, session, offer):
        if now is exchanges:  # still being written
            yield {page.chat: chat, page.status: status_html(status)}
            continue
        now = capped(given(page.feedback, now, assistant.article.sha256))
        yield {
            page.chat: messages(now, assistant.article),
            page.status: status_html(status),
            **saved(page, now, own, aside),
        }


def _wire_controls(page: Page) -> None:
    def stop(session: Session, exchanges: list, own, aside):
        assistant = own.assistant if own is not None else page.shelf.assistant
        exchanges = capped(stopped(assistant, exchanges, session))
        return {**conversation(page, exchanges, own, aside), **locks(page, False)}

    def new(session: Session, exchanges: list, own, aside):
        stopped(None, [], session)
        bar = undo_bar(page, exchanges, CLEARED) if exchanges else undo_bar(page, None)
        return {**conversation(page, [], own, aside), **locks(page, False), **bar}

    def undo(session: Session, earlier, own, aside):
        if earlier is None:
            return nothing(page)
        stopped(None, [], session)
        return {**conversation(page, earlier, own, aside), **locks(page, False)} | undo_bar(
            page, None
        )

    state = [page.session, page.exchanges, page.own, page.aside]
    every = outputs(page)
    page.stop.click(stop, state, every, queue=False, **PRIVATE)
    page.new.click(new, state, every, queue=False, **PRIVATE)
    undo_state = [page.session, page.undo, page.own, page.aside]
    page.undo_button.click(undo, undo_state, every, queue=False, **PRIVATE)


def _wire_api(page: Page) -> None:
    shelf = page.shelf

    def ask(question: str, history: str = "") -> dict:
        try:
            assistant = shelf.get(timeout=600)
        except AssistantError as exc:  # the assistant failed to load: the message, no trace
            raise gr.Error(str(exc), print_exception=False) from None
        return ask_api(assistant, question, history)

    gr.api(ask, api_name="ask")
