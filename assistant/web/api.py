"""The ``/ask`` endpoint: a question (and, optionally, the earlier turns) in, what
``python -m assistant ask --json`` prints out.

:func:`ask_api` is its function. Gradio wants every argument of an endpoint in a raw HTTP
call, and answers ``{"error": null}`` when one is missing; :class:`OptionalHistory` (an
ASGI middleware) gives ``""`` for the arguments a call to ``/call/ask`` leaves out, so
``{"data": ["Where?"]}`` is a question without history:

    >>> pad_arguments(b'{"data": ["Where?"]}')
    b'{"data": ["Where?", ""]}'
    >>> pad_arguments(b'{"data": ["Where?", "[]"]}') is None  # complete: left as it is
    True
"""

from __future__ import annotations

import json
import re

import gradio as gr

from ..core.conversation import MAX_QUESTION_CHARS
from ..errors import AssistantError
from .guard import replay
from .limits import check_history_text, check_question_size

ARGUMENTS = 2  # question, history
_ASK = re.compile(r"/gradio_api/call/ask/?$")


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


def pad_arguments(body: bytes) -> bytes | None:
    """``body`` with ``""`` for each argument of ``/ask`` it leaves out (None: nothing to
    add, or not a body Gradio would take anyway: it says why itself)."""
    try:
        call = json.loads(body)
    except (ValueError, RecursionError):
        return None
    data = call.get("data") if isinstance(call, dict) else None
    if not isinstance(data, list) or len(data) >= ARGUMENTS:
        return None
    call["data"] = data + [""] * (ARGUMENTS - len(data))
    return json.dumps(call).encode("utf-8")


class OptionalHistory:
    """ASGI middleware: a raw call to ``/call/ask`` may leave the history out. It sits
    behind :class:`assistant.web.guard.Guard`, so the body it reads is already bounded."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") != "POST"
            or not _ASK.search(scope.get("path", ""))
        ):
            await self.app(scope, receive, send)
            return
        chunks = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        padded = pad_arguments(body)
        if padded is not None:
            headers = [(k, v) for k, v in scope.get("headers", []) if k != b"content-length"]
            headers.append((b"content-length", str(len(padded)).encode()))
            scope, body = {**scope, "headers": headers}, padded
        await self.app(scope, replay(body, receive), send)
