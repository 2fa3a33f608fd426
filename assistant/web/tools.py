"""The controls under each message: edit a question; copy, retry and rate an answer; the
questions offered next. They are plain buttons with ``data-*`` attributes, for the page's
script (``static/chat.js``), which asks through the question box and sends votes through
the page's hidden vote field, so every action goes through the server's own checks.

The last answer can be asked again ("Retry", or "Ask again" once stopped) and offers its
questions; a rated answer shows its vote, "up" first:

    >>> from assistant.web.state import Exchange
    >>> ex = Exchange("Where?", "In Bali.", id="a1", vote="up", suggested=("Who?",))
    >>> html_ = answer_tools(ex, 0, "md", last=True)
    >>> 'class="retry"' in html_, 'aria-pressed="true"' in html_, 'data-question="Who?"' in html_
    (True, True, True)
    >>> html_.index("Good answer") < html_.index("Bad answer")
    True
"""

from __future__ import annotations

import html

from .limits import REASONS
from .state import Exchange

_UP = (
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M2 21h4V9H2v12zm20-11'
    "c0-1.1-.9-2-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10c0 1.1.9 2 2"
    ' 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"/></svg>'
)
_DOWN = _UP.replace('aria-hidden="true"', 'aria-hidden="true" class="flip"')


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def question_tools(question: str, index: int) -> str:
    """ "Edit" under a question: the page puts it back in the box, and asking it again
    re-asks from there (the later exchanges go, and can be brought back)."""
    return (
        f'<div class="question-tools"><button type="button" class="edit-question" '
        f'data-index="{index}" data-question="{_attr(question)}" '
        f'aria-label="Edit question {index + 1}">Edit</button></div>'
    )


def _vote(ex: Exchange, index: int) -> str:
    down = ex.vote == "down" or ex.vote in REASONS

    def button(kind: str, label: str, icon: str, pressed: bool) -> str:
        return (
            f'<button type="button" class="vote-{kind}" data-index="{index}" data-vote="{kind}" '
            f'aria-pressed="{str(pressed).lower()}" aria-label="{label}" title="{label}">'
            f"{icon}</button>"
        )

    reasons = "".join(
        f'<button type="button" class="vote-reason" data-index="{index}" '
        f'data-vote="{_attr(r)}" aria-pressed="{str(ex.vote == r).lower()}">{html.escape(r)}'
        "</button>"
        for r in REASONS
    )
    hidden = "" if down else " hidden"
    return (
        f'<span class="vote" role="group" aria-label="Rate this answer">'
        f"{button('up', 'Good answer', _UP, ex.vote == 'up')}"
        f"{button('down', 'Bad answer', _DOWN, down)}</span>"
        f'<div class="vote-reasons" role="group" aria-labelledby="why-{index}"{hidden}>'
        f'<span class="vote-why" id="why-{index}">What was wrong? (optional)</span>{reasons}</div>'
    )


def _next(ex: Exchange) -> str:
    if not ex.suggested:
        return ""
    label = "Ask next:" if ex.answered else "The article can answer:"
    buttons = "".join(
        f'<button type="button" class="ask-next" data-question="{_attr(q)}">{html.escape(q)}'
        "</button>"
        for q in ex.suggested
    )
    return (
        '<div class="next-questions" role="group" aria-labelledby="next-label">'
        f'<p class="next-label" id="next-label">{label}</p>{buttons}</div>'
    )


def answer_tools(ex: Exchange, index: int | None, markdown: str, last: bool = False) -> str:
    """Copy, and for a finished answer in the conversation: retry (the last one), the
    vote (an answer the server gave), the questions offered next (the last one)."""
    tools = [
        f'<button type="button" class="copy-answer" data-md="{_attr(markdown)}">Copy answer'
        "</button>"
    ]
    if index is not None and last:
        label = "Ask again" if ex.stopped or not ex.answer else "Retry"
        tools.append(
            f'<button type="button" class="retry" data-index="{index}" '
            f'data-question="{_attr(ex.question)}">{label}</button>'
        )
    vote = _vote(ex, index) if index is not None and ex.id else ""
    row = f'<div class="answer-tools">{"".join(tools)}{vote}</div>'
    return row + (_next(ex) if last and index is not None else "")
