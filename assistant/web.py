"""The web chat's page: the article beside a chat whose answers cite it.

``build_ui(bot)`` lays out the page and ``launch(demo)`` serves it with the page's CSS
and JavaScript (``assistant/static``). ``bot`` is an :class:`~assistant.core.Assistant`,
or :class:`~assistant.web_assistants.Assistants` still loading in the background: the
page is served at once and its status line says so until the assistant is ready.
The callbacks live in :mod:`assistant.web_chat` (plain generators), the HTML in
:mod:`assistant.web_render`, the event wiring in :mod:`assistant.web_events`.

    >>> launch_options({"PORT": "8080"})
    {'server_name': '127.0.0.1', 'server_port': 8080}
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from .errors import AssistantError
from .resources import static_text
from .web_assistants import UPLOAD_TYPES, Assistants
from .web_export import conversation_markdown
from .web_render import render_article

SUGGESTIONS = (
    "Where will the G20 leaders meet in November?",
    "What is the Shanghai Cooperation Organization?",
    "Where is Xi Jinping going on his first trip abroad since the pandemic?",
)
MAX_FILE_SIZE = "500kb"  # Gradio's upload route refuses anything larger
LOADING = "Loading the assistant… You can read the article meanwhile; questions wait for it."
STORAGE_KEY = "ask-the-article-conversation"


def ask_api(bot, question: str, history: str = "") -> dict:
    """The ``/ask`` endpoint: ``history`` is an optional JSON list of {"role", "content"}.

    Example: ``ask_api(bot, "Where?", '[{"role": "user", "content": "Hi"}]')["answer"]``.
    History text over ``MAX_HISTORY_JSON`` characters is refused before it is parsed.
    """
    from .conversation import MAX_HISTORY_JSON  # the history budget every surface shares

    if history and len(history) > MAX_HISTORY_JSON:
        raise gr.Error(
            f"The history is {len(history):,} characters long; the limit is "
            f"{MAX_HISTORY_JSON:,}. Send the last few turns only."
        )
    try:
        turns = json.loads(history) if history and history.strip() else []
        if not isinstance(turns, list):
            raise ValueError("not a list")
    except (ValueError, RecursionError):  # RecursionError: nested too deeply
        raise gr.Error('history must be a JSON list of {"role", "content"} turns.') from None
    try:
        return bot.ask(question, turns).to_json()
    except AssistantError as exc:
        raise gr.Error(str(exc)) from None


def conversation_holder(exchanges: list, article, title: str) -> str:
    """The conversation as Markdown, kept in the page for "Copy conversation" and
    "Download" (a hidden textarea: the script reads it, nobody sees it)."""
    text = conversation_markdown(exchanges, article, title) if exchanges else ""
    return (
        f'<textarea id="conversation-md" hidden aria-hidden="true">{html.escape(text)}</textarea>'
    )


@dataclass
class Page:
    """The page's components, for :mod:`assistant.web_events` to wire."""

    shelf: Assistants
    feedback_file: Path | None
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


def _chat_column(page: Page) -> None:
    shelf = page.shelf
    page.status = gr.HTML(status_html(LOADING), elem_id="status", js_on_load=None)
    page.chat = gr.Chatbot(
        value=[],
        elem_id="chat",
        label="Conversation",
        show_label=False,
        height="auto",
        autoscroll=False,  # the page's script keeps the start of a new answer in view
        buttons=[],  # no share button; copying is ours (plain text, never HTML)
        render_markdown=False,  # answers are our escaped HTML: no live links, no headings
        sanitize_html=False,  # Gradio's sanitizer drops the data-* attributes citations need
        latex_delimiters=[],
        placeholder="Ask about the article below, or try a suggested question.",
    )
    page.box = gr.Textbox(
        label="Your question about the article",
        placeholder="Type a question and press Enter",
        elem_id="question",
        lines=1,
        max_lines=5,
    )
    page.problem = gr.HTML(count_html(max_chars(shelf)), elem_id="question-help", js_on_load=None)
    with gr.Row(elem_id="actions"):
        small = {"size": "sm", "min_width": 60}
        page.ask = gr.Button("Ask", variant="primary", elem_id="ask", **small)
        page.stop = gr.Button("Stop", variant="stop", visible=False, elem_id="stop", **small)
        page.new = gr.Button("New conversation", elem_id="new-conversation", **small)
        gr.Button("Copy conversation", elem_id="copy-conversation", **small)
        gr.Button("Download (.md)", elem_id="download-conversation", **small)
    with gr.Row(elem_id="suggestions") as page.suggestions:
        page.asks = [gr.Button(q, size="sm", elem_classes="suggestion") for q in SUGGESTIONS]
    page.conversation = gr.HTML(
        conversation_holder([], shelf.article, ""), elem_id="conversation-holder", js_on_load=None
    )


def _own_article(page: Page) -> None:
    with gr.Accordion("Chat with your own article", open=False, elem_id="own-article"):
        gr.HTML(
            "<p>Paste an article or upload a .txt, .md or .html file (up to 60,000 "
            "characters). It stays in this tab's session only and is never saved.</p>",
            js_on_load=None,
        )
        page.upload = gr.File(label="Upload an article", file_types=list(UPLOAD_TYPES))
        page.paste = gr.Textbox(label="Or paste its text", lines=4, max_lines=8)
        with gr.Row():
            page.use_paste = gr.Button("Use the pasted text", min_width=80)
            page.back = gr.Button("Back to the shipped article", min_width=80)
        page.own_message = gr.HTML("", elem_id="own-article-message", js_on_load=None)


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


def max_chars(shelf: Assistants) -> int:
    """The longest question the configured assistant takes."""
    if shelf.bot is not None:
        return shelf.bot.max_question_chars
    return shelf.config.max_question_chars if shelf.config else 2000


def build_ui(bot, feedback_file: Path | None = None) -> gr.Blocks:
    """The page: chat on the left, the article on the right, and the ``/ask`` API.

    Example: ``launch(build_ui(load_assistant()), server_port=7860)``.
    """
    from .web_chat import Session
    from .web_events import wire

    shelf = bot if isinstance(bot, Assistants) else Assistants.of(bot)
    if feedback_file is None and shelf.config is not None:
        feedback_file = shelf.config.feedback_file
    page = Page(shelf, feedback_file)
    with gr.Blocks(title="Ask the article", fill_width=True, analytics_enabled=False) as demo:
        gr.HTML(
            '<header class="page-head"><h1>Ask the article</h1><p>Every answer quotes the '
            "article: select a [n] to see the passage.</p></header>",
            elem_id="page-head",
            js_on_load=None,
        )
        with gr.Row(elem_id="main", equal_height=False):
            with gr.Column(scale=1, elem_id="chat-column"):
                _chat_column(page)
            with gr.Column(scale=1, elem_id="article-column"):
                if shelf.own_articles:
                    _own_article(page)
                page.article = gr.HTML(
                    render_article(shelf.article, shelf.info),
                    elem_id="article-pane",
                    js_on_load=None,
                )
        page.session = gr.State(Session())  # deep-copied: one per tab
        page.exchanges = gr.State([])
        page.own = gr.State(None, time_to_live=6 * 3600)  # a reader's own article
        page.saved = gr.BrowserState(None, storage_key=STORAGE_KEY)
        wire(page, demo)
    return demo


def launch_options(env: Mapping[str, str] | None = None) -> dict:
    """Where to listen: GRADIO_SERVER_NAME, then GRADIO_SERVER_PORT or PORT (default 7860).

    A port that is not a number from 1 to 65535 is an error that says so:

    >>> launch_options({"PORT": "80a"})
    Traceback (most recent call last):
    assistant.errors.AssistantError: PORT='80a' is not a port number: use a number from 1 to 65535.
    """
    env = os.environ if env is None else env
    name = "GRADIO_SERVER_PORT" if env.get("GRADIO_SERVER_PORT") else "PORT"
    raw = env.get(name) or "7860"
    port = int(raw) if raw.strip().isdigit() else 0
    if not 1 <= port <= 65535:
        raise AssistantError(f"{name}={raw!r} is not a port number: use a number from 1 to 65535.")
    return {"server_name": env.get("GRADIO_SERVER_NAME") or "127.0.0.1", "server_port": port}


def launch(demo: gr.Blocks, **kwargs):
    """Queue (8 answers at once) and start ``demo`` with the page's CSS and JavaScript.

    Example: ``_, url, _ = launch(build_ui(bot), prevent_thread_lock=True)``.
    """
    demo.queue(default_concurrency_limit=8)
    head = f"<script>\n{static_text('chat.js')}</script>"
    options = {"max_file_size": MAX_FILE_SIZE, "footer_links": ["api"], **kwargs}
    return demo.launch(css=static_text("chat.css"), head=head, **options)
