"""The web chat's page: the article beside a chat whose answers cite it.

``build_ui(assistant)`` lays out the page and ``launch(demo)`` serves it with the page's
CSS and JavaScript (``static/``). ``assistant`` is an
:class:`~assistant.core.assistant.Assistant`, or a :class:`~assistant.web.shelf.Shelf`
still loading in the background: the page is served at once and its status line says so
until the assistant is ready.
The callbacks live in :mod:`assistant.web.chat` (plain generators), the HTML in
:mod:`assistant.web.render`, the event wiring in :mod:`assistant.web.events` (and
:mod:`assistant.web.own` for readers' own articles), the parts they share in
:mod:`assistant.web.parts`; where it listens in :mod:`assistant.web.where`.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr
from starlette.middleware import Middleware

from ..config import Config
from ..resources import static_text
from .api import OptionalHistory
from .chat import Session
from .events import wire
from .feedback import Feedback
from .guard import Attendance, Guard
from .limits import MAX_ARTICLE_CHARS, MAX_UPLOAD_BYTES
from .offers import Offers
from .parts import LOADING, Page, conversation_holder, count_html, max_chars, status_html
from .render import render_article
from .sessions import Reaper, tune_allocator
from .shelf import UPLOAD_TYPES, Shelf

SUGGESTIONS = (
    "Where will the G20 leaders meet in November?",
    "What is the Shanghai Cooperation Organization?",
    "Where is Xi Jinping going on his first trip abroad since the pandemic?",
)
MAX_FILE_SIZE = f"{MAX_UPLOAD_BYTES // 1000}kb"  # Gradio's upload route refuses anything larger
STORAGE_KEY = "ask-the-article-conversation"


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
        placeholder="Ask about the article, or try a suggested question.",
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
        idle = {**small, "interactive": False}  # until there is a conversation (view.saved)
        page.exports = [
            gr.Button("Copy conversation", elem_id="copy-conversation", **idle),
            gr.Button("Download (.md)", elem_id="download-conversation", **idle),
        ]
        page.new = gr.Button("New conversation", elem_id="new-conversation", **small)
    with gr.Row(visible=False, elem_id="undo-bar") as page.undo_row:
        page.undo_note = gr.HTML("", elem_id="undo-note", js_on_load=None)
        page.undo_button = gr.Button("Undo", elem_id="undo", size="sm", min_width=60)
    with gr.Row(elem_id="suggestions") as page.suggestions:
        page.asks = [gr.Button(q, size="sm", elem_classes="suggestion") for q in SUGGESTIONS]
    with gr.Group(elem_classes="page-channels"):  # hidden: what the page's script sends
        hidden = {"show_label": False, "container": False, "max_lines": 1}
        page.edit_from = gr.Textbox("", label="Re-ask from", elem_id="edit-from", **hidden)
        page.vote_data = gr.Textbox("", label="Vote", elem_id="vote-data", **hidden)
        page.vote_send = gr.Button("Send the vote", elem_id="vote-send")
    page.conversation = gr.HTML(
        conversation_holder([], shelf.article, ""), elem_id="conversation-holder", js_on_load=None
    )


def _own_article(page: Page) -> None:
    with gr.Accordion(
        "Chat with your own article", open=False, elem_id="own-article"
    ) as page.panel:
        gr.HTML(
            "<p>Paste an article or upload a .txt, .md or .html file (up to "
            f"{MAX_ARTICLE_CHARS:,} "
            "characters). It is indexed for this tab only and never saved on the server; "
            "this browser keeps it with its conversation until you close the page's "
            "server.</p>",
            js_on_load=None,
        )
        page.upload = gr.File(
            label="Upload an article", file_types=list(UPLOAD_TYPES), elem_id="own-upload"
        )
        page.paste = gr.Textbox(label="Or paste its text", lines=4, max_lines=8)
        with gr.Row():
            page.use_paste = gr.Button("Use the pasted text", min_width=80)
            page.back = gr.Button(
                "Back to the shipped article", min_width=80, visible=False, elem_id="back"
            )
        with gr.Column(visible=False, elem_id="own-confirm") as page.confirm_row:
            page.confirm_note = gr.HTML("", js_on_load=None)
            with gr.Row():
                page.replace = gr.Button("Replace it", min_width=80, elem_id="replace")
                page.keep = gr.Button("Keep my conversation", min_width=80)
        page.own_message = gr.HTML("", elem_id="own-article-message", js_on_load=None)


def build_ui(
    assistant, feedback_file: Path | None = None, offers: Offers | None = None
) -> gr.Blocks:
    """The page: chat on the left, the article on the right, and the ``/ask`` API.
    ``offers``: the questions offered under answers (built in the background by default).

    Example: ``launch(build_ui(load_assistant()), server_port=7860)``.
    """
    shelf = assistant if isinstance(assistant, Shelf) else Shelf.of(assistant)
    if feedback_file is None and shelf.config is not None:
        feedback_file = shelf.config.feedback_file
    page = Page(
        shelf,
        Feedback(feedback_file) if feedback_file is not None else None,
        offers if offers is not None else Offers(),
    )
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
        page.exchanges = gr.State([])  # capped at MAX_SAVED_EXCHANGES, like the browser's
        # A reader's own article: freed with its session (assistant.web.sessions)
        page.own = gr.State(None, delete_callback=_release)
        page.aside = gr.State(None)  # the conversation set aside (desk.Aside)
        page.undo = gr.State(None)  # what "Undo" brings back
        page.pending = gr.State(None)  # an own article waiting for "Replace it"
        page.saved = gr.BrowserState(None, storage_key=STORAGE_KEY)
        wire(page, demo)
    return demo


def _release(own) -> None:
    if own is not None:
        own.release()


QUEUE_SIZE = 200  # events waiting at once; more are told the queue is full
SESSIONS = 2000  # sessions kept at once (Gradio's own bound; idle ones go first anyway)


def launch(demo: gr.Blocks, session_idle: float = Config.session_idle, **kwargs):
    """Start ``demo`` with the page's CSS and JavaScript, behind the request guard
    (:mod:`assistant.web.guard`), every event that does work in the queue (8 answers at
    once; the page's own events are not callable around it), and idle sessions freed
    after ``session_idle`` seconds (:mod:`assistant.web.sessions`).

    Example: ``_, url, _ = launch(build_ui(assistant), prevent_thread_lock=True)``.
    """
    tune_allocator()  # before the server's threads start
    demo.queue(default_concurrency_limit=8, api_open=False, max_size=QUEUE_SIZE)
    attendance = Attendance()
    head = "".join(f"<script>\n{static_text(name)}</script>" for name in ("chat.js", "ask.js"))
    middleware = [Middleware(Guard, attendance=attendance), Middleware(OptionalHistory)]
    options = {
        "max_file_size": MAX_FILE_SIZE,
        "footer_links": ["api"],
        "state_session_capacity": SESSIONS,
        "app_kwargs": {"middleware": middleware},
        **kwargs,
    }
    launched = demo.launch(css=static_text("chat.css"), head=head, **options)
    Reaper(attendance, session_idle).start(demo.server_app)
    return launched
