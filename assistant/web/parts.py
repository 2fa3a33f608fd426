"""The web page's parts that its layout (:mod:`assistant.web.page`) and its events
(:mod:`assistant.web.events`, :mod:`assistant.web.own`) share: the record of components,
the status and question-help lines, the ``/ask`` endpoint and the hidden Markdown copy
of the conversation.

    >>> status_html("Ready <now>")
    '<p class="status-line" role="status">Ready &lt;now&gt;</p>'
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ..core.conversation import MAX_QUESTION_CHARS
from ..errors import AssistantError
from .export import conversation_markdown
from .feedback import Feedback
from .limits import check_history_text, check_question_size
from .shelf import Shelf

PRIVATE = {"api_visibility": "private"}  # the page's own events: not in the API's list
LOADING = "Loading the assistant… You can read the article meanwhile; questions wait for it."


def ask_api(assistant, question: str, history: str = "") -> dict:
    """The ``/ask`` endpoint: ``history`` is an optional JSON list of {"role", "content"}.

    Example: ``ask_api(assistant, "Where?", '[{"role": "user", "content": "Hi"}]')["answer"]``.
    History text over ``MAX_HISTORY_JSON`` characters is refused before it is parsed.
    A reader's mistake is a ``gr.Error`` with the message only (no trace in the log).
    """
    try:
        check_question_size(question, getattr(assistant, "max_question_chars", MAX_QUESTION_CHARS))
        history = check_history_text(history)
    except AssistantError as exc:
        raise gr.Error(str(exc), print_exception=False) from None
    try:
        turns = json.loads(history) if history.strip() else []
        if not isinstance(turns, list):
            raise ValueError("not a list")
    except (ValueError, RecursionError):  # RecursionError: nested too deeply
        raise gr.Error(
            'history must be a JSON list of {"role", "content"} turns.', print_exception=False
        ) from None
    try:
        return assistant.ask(question, turns).to_json()
    except AssistantError as exc:
        raise gr.Error(str(exc), print_exception=False) from None


def conversation_holder(exchanges: list, article, title: str) -> str:
    """The conversation as Markdown, kept in the page for "Copy conversation" and
    "Download" (a hidden textarea: the script reads it, nobody sees it)."""
    text = conversation_markdown(exchanges, article, title) if exchanges else ""
    return (
        f'<textarea id="conversation-md" hidden aria-hidden="true">{html.escape(text)}</textarea>'
    )


@dataclass
class Page:
    """The page's components, for :mod:`assistant.web.events` to wire."""

    shelf: Shelf
    feedback: Feedback | None
    status: Any = None
    chat: Any = None
    box: Any = None
    problem: Any = None
    ask: Any = None
    stop: Any = None
    new: Any = None
    suggestions: Any = None
    asks: list = None
    conversation: Any = None
    upload: Any = None
    paste: Any = None
    use_paste: Any = None
    back: Any = None
    own_message: Any = None
    article: Any = None
    session: Any = None
    exchanges: Any = None
    own: Any = None
    saved: Any = None


def status_html(text: str) -> str:
    return f'<p class="status-line" role="status">{html.escape(text)}</p>'


def count_html(limit: int, count: int = 0, problem: str = "") -> str:
    """The line under the question box: a character count (kept live by the page's
    script) and, when a question was not taken, why.

    >>> print(count_html(2000, 2500, "Too long."))
    <p class="question-help"><span id="question-count" data-max="2000" class="over">2,500 / 2,000
    characters</span> <span id="question-problem" role="alert">Too long.</span></p>
    """
    over = ' class="over"' if count > limit else ""
    return (
        f'<p class="question-help"><span id="question-count" data-max="{limit}"{over}>'
        f'{count:,} / {limit:,} characters</span> <span id="question-problem" role="alert">'
        f"{html.escape(problem)}</span></p>"
    )


def max_chars(shelf: Shelf) -> int:
    """The longest question the configured assistant takes."""
    if shelf.assistant is not None:
        return shelf.assistant.max_question_chars
    return shelf.config.max_question_chars if shelf.config else MAX_QUESTION_CHARS
