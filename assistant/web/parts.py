"""The web page's parts that its layout (:mod:`assistant.web.page`) and its events
(:mod:`assistant.web.events` and the modules it calls on) share: the record of components,
the status and question-help lines and the hidden Markdown copy of the conversation.

    >>> status_html("Ready <now>")
    '<p class="status-line" role="status">Ready &lt;now&gt;</p>'
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from ..core.conversation import MAX_QUESTION_CHARS
from .export import conversation_markdown
from .feedback import Feedback
from .offers import Offers
from .shelf import Shelf

PRIVATE = {"api_visibility": "private"}  # the page's own events: not in the API's list
LOADING = "Loading the assistant… You can read the article meanwhile; questions wait for it."


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
    offers: Offers | None = None
    status: Any = None
    chat: Any = None
    box: Any = None
    problem: Any = None
    ask: Any = None
    stop: Any = None
    new: Any = None
    exports: Any = None  # ["Copy conversation", "Download (.md)"]
    undo_row: Any = None  # "The conversation was cleared. Undo"
    undo_note: Any = None
    undo_button: Any = None
    suggestions: Any = None
    asks: list = None
    edit_from: Any = None  # hidden: the exchange an edited question is re-asked from
    vote_data: Any = None  # hidden: a vote, as the page's script sends it
    vote_send: Any = None
    conversation: Any = None
    panel: Any = None  # "Chat with your own article"
    upload: Any = None
    paste: Any = None
    use_paste: Any = None
    back: Any = None
    confirm_row: Any = None  # asked before a conversation about an own article is replaced
    confirm_note: Any = None
    replace: Any = None
    keep: Any = None
    own_message: Any = None
    article: Any = None
    session: Any = None
    exchanges: Any = None
    own: Any = None  # the reader's own article on screen (OwnArticle), or None
    aside: Any = None  # the conversation set aside to go back to (desk.Aside), or None
    undo: Any = None  # the conversation "Undo" brings back, or None
    pending: Any = None  # an own article waiting for the reader to confirm (desk.Source)
    saved: Any = None


def status_html(text: str) -> str:
    return f'<p class="status-line" role="status">{html.escape(text)}</p>'


def count_html(limit: int, count: int = 0, problem: str = "") -> str:
    """The line under the question box: a character count (kept live by the page's
    script, which counts as Python does: characters, not UTF-16 units) and, when a question
    was not taken, why.

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
