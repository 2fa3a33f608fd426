"""Votes on answers: the answer kept as the server gave it, and the page's own vote
buttons (``static/chat.js`` sends ``{"index", "liked"}`` through a hidden field), so a vote
names an answer the server gave by its place in the conversation and brings nothing else.

The vote is kept with the conversation too (``Exchange.vote``), so it shows again after a
reload; a changed vote replaces the record (:class:`assistant.web.feedback.Feedback`).
The browser test drives the buttons; ``tests/web/test_limits.py`` calls the event as a raw
client would.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import gradio as gr

from ..core.conversation import clean_history
from ..errors import AssistantError
from .feedback import Feedback, answer_record
from .limits import check_vote
from .parts import PRIVATE, Page
from .render import messages
from .state import history
from .view import article_of, nothing, saved

log = logging.getLogger(__name__)


def given(feedback: Feedback | None, exchanges: list, article_sha256: str) -> list:
    """The conversation with its last answer kept by ``feedback``, as the server gave it
    (what a vote on it records), under the id the page's vote will name."""
    ex = exchanges[-1]
    if feedback is None or ex.stopped or not ex.answer:
        return exchanges
    record = answer_record(
        ex.question,
        clean_history(history(exchanges[:-1])),  # what the answerer was given
        ex.answer,
        ex.answered,
        [c.to_json() for c in ex.citations],
        ex.answerer or "unknown",
        article_sha256,
    )
    return [*exchanges[:-1], replace(ex, id=feedback.given(record))]


def voted(exchanges: list, index: int, vote: str) -> list:
    """The conversation with ``vote`` kept on its answer ``index``.

    >>> from assistant.web.state import Exchange
    >>> voted([Exchange("Q", "A", id="a1")], 0, "up")[0].vote
    'up'
    """
    return [*exchanges[:index], replace(exchanges[index], vote=vote), *exchanges[index + 1 :]]


def wire_votes(page: Page) -> None:
    feedback = page.feedback

    def vote(data, exchanges: list, own, aside, request: gr.Request):
        try:
            index, rating, reason = check_vote(data)
        except AssistantError as exc:
            log.info("A vote was not taken: %s", exc)
            return nothing(page)
        if not isinstance(exchanges, list) or index >= len(exchanges):
            return nothing(page)
        answer_id = getattr(exchanges[index], "id", "")
        tab = getattr(request, "session_hash", None) or "unknown"
        if not answer_id or not feedback.vote(tab, answer_id, rating, reason):
            # not taken (an answer this server no longer knows, or too many votes):
            # the chat shows the votes as they are
            return {page.chat: messages(exchanges, article_of(page, own))}
        return saved(page, voted(exchanges, index, reason or rating), own, aside)

    inputs = [page.vote_data, page.exchanges, page.own, page.aside]
    outputs = [page.chat, page.conversation, *page.exports, page.saved, page.exchanges]
    # a reason clicked while the vote before it is still being written is sent after it
    # (Gradio's default, "once", would drop it)
    page.vote_send.click(
        vote, inputs, outputs, show_progress="hidden", trigger_mode="always_last", **PRIVATE
    )
