"""The web chat: the article beside a chat whose answers cite it, click to see the passage.

``respond`` is the chat callback, a plain generator that can be driven without a server:

    >>> from assistant.article import load_article
    >>> from assistant.result import Citation, Result
    >>> class Bot:
    ...     status, article = "offline, extractive", load_article()
    ...     def stream(self, question, history):
    ...         yield "Bali. [1]"
    ...         yield Result("Bali. [1]", True, [Citation(1, "in Bali", 5, 12)], "extractive")
    >>> *_, (chat, history, status) = respond(Bot(), "Where?", [], [])
    >>> history[-1]
    {'role': 'assistant', 'content': 'Bali. [1]'}
    >>> 'data-start="5" data-end="12"' in chat[-1]["content"]
    True

``build_ui(bot)`` makes the Gradio Blocks; ``launch(demo)`` starts it with the page's
JavaScript (click a citation: the article scrolls to it and marks the cited span).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from collections.abc import Iterator, Mapping

import gradio as gr

from .errors import AssistantError
from .resources import static_text
from .result import Result

log = logging.getLogger(__name__)

SUGGESTIONS = (
    "Where will the G20 leaders meet in November?",
    "What is the Shanghai Cooperation Organization?",
    "Where is Xi Jinping going on his first trip abroad since the pandemic?",
)
_MARKDOWN = re.compile(r"([\\`*_\[\]~|$#!])")  # what would make a link, image or emphasis
_MARKER = re.compile(r"\\\[(\d+)\\\]")  # an [n] marker once escaped


def escape(text: str) -> str:
    """Text shown as typed: no HTML, no Markdown links or images.

    >>> escape("<script>alert(1)</script> ![x](y)")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\!\\\\[x\\\\](y)'
    """
    return html.escape(_MARKDOWN.sub(r"\\\1", text), quote=True)


def render_answer(result: Result, article) -> str:
    """The answer with clickable [n] markers, then its numbered sources."""
    cited = {c.id: c for c in result.citations}

    def marker(m: re.Match) -> str:
        c = cited.get(int(m.group(1)))
        if c is None:
            return m.group(0)
        return f'<span class="cite" {_where(c)} title="Show in the article">[{c.id}]</span>'

    out = _MARKER.sub(marker, escape(result.answer))
    if result.notice:
        out += f'\n\n<div class="notice">⚠️ {html.escape(result.notice)}</div>'
    if result.citations:
        items = []
        for c in result.citations:
            para = article.paragraph_of(c.start, c.end)
            place = f"¶ {para.paragraph + 1} · " if para else ""
            items.append(
                f'<div class="cite source" {_where(c)} title="Show in the article">'
                f"<b>[{c.id}]</b> “{html.escape(c.text)}” "
                f"<small>({place}chars {c.start}–{c.end})</small></div>"
            )
        out += '\n\n<div class="sources"><b>Sources</b>' + "".join(items) + "</div>"
    return out


def _where(c) -> str:
    return f'data-cid="{c.id}" data-start="{c.start}" data-end="{c.end}" role="button" tabindex="0"'


def render_article(article) -> str:
    """The article's paragraphs, each with its offsets in ``data-start``/``data-end``.

    >>> from assistant.article import parse_article
    >>> page = render_article(parse_article("Skip to content\\n\\nA <b> tag."))
    >>> 'data-start="17" data-end="27"' in page, "A &lt;b&gt; tag." in page
    (True, True)
    """
    paras = "".join(
        f'<p class="para" data-paragraph="{p.paragraph + 1}" data-start="{p.start}" '
        f'data-end="{p.end}"><span class="pnum">¶ {p.paragraph + 1}</span>'
        f'<span class="ptext">{html.escape(p.text)}</span></p>'
        for p in article.paragraphs
    )
    return f'<div id="article-text">{paras}</div>'


def status_line(bot, notice: str | None = None) -> str:
    """Which answerer is in use, and what went wrong, if anything (Markdown).

    >>> class Bot: status = "OpenAI gpt-4o-mini"
    >>> status_line(Bot(), "OpenAI refused the key. Answered offline instead.")
    '**Answerer:** OpenAI gpt-4o-mini · ⚠️ OpenAI refused the key. Answered offline instead.'
    """
    line = f"**Answerer:** {escape(bot.status)}"
    return line + (f" · ⚠️ {escape(notice)}" if notice else "")


def respond(
    bot, message: str, chat: list[dict] | None, history: list[dict] | None
) -> Iterator[tuple[list[dict], list[dict], str]]:
    """Stream the answer to ``message``: yields (chat shown, clean history, status line).

    ``chat`` is what the page shows (answers with sources); ``history`` holds only
    questions and answer texts, which is all the answerer is given.
    """
    shown = [*(chat or []), {"role": "user", "content": escape(message or "")}]
    history = list(history or [])

    def reply(content: str) -> list[dict]:  # a new list each time: updates never alias
        return [*shown, {"role": "assistant", "content": content}]

    try:
        written = ""
        for item in bot.stream(message, list(history)):
            if isinstance(item, Result):
                history += [
                    {"role": "user", "content": message},
                    {"role": "assistant", "content": item.answer},
                ]
                yield (
                    reply(render_answer(item, bot.article)),
                    history,
                    status_line(bot, item.notice),
                )
                return
            written += item
            yield reply(escape(written) + "▌"), history, status_line(bot)
    except AssistantError as exc:
        problem = str(exc)
    except Exception:  # a bug: logged for us, a plain sentence for the user
        log.exception("The web chat failed to answer %r", message)
        problem = "Something went wrong inside the assistant; the error is in the server log."
    notice = f'<div class="notice">⚠️ {html.escape(problem)}</div>'
    yield reply(notice), history, status_line(bot, problem)


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


def build_ui(bot) -> gr.Blocks:
    """The page: chat and status on the left, the article on the right, and ``/ask``.

    Example: ``launch(build_ui(load_assistant()), server_port=7860)``.
    """

    def chat_fn(message: str, chat: list[dict], history: list[dict]):
        yield from respond(bot, message, chat, history)

    def ask(question: str, history: str = "") -> dict:
        return ask_api(bot, question, history)

    with gr.Blocks(title="Ask the article", fill_width=True, analytics_enabled=False) as demo:
        gr.Markdown("## Ask the article\nAnswers quote the article; click a [n] to see where.")
        with gr.Row():
            with gr.Column(scale=1):
                status = gr.Markdown(status_line(bot), elem_id="status")
                # Gradio's sanitizer drops data-* attributes, which the citations need;
                # everything from the user, the answerer or the article is escaped by
                # respond() before it is shown, so no HTML but ours reaches the chat.
                chat = gr.Chatbot(
                    value=[],
                    height="62vh",
                    elem_id="chat",
                    label="Chat",
                    latex_delimiters=[],
                    sanitize_html=False,
                )
                history = gr.State([])
                box = gr.Textbox(placeholder="Ask a question about the article", show_label=False)
                with gr.Row():
                    asks = [gr.Button(q, size="sm", elem_classes="suggestion") for q in SUGGESTIONS]
                clear = gr.Button("New conversation", size="sm", variant="secondary")
            with gr.Column(scale=1):
                gr.HTML(render_article(bot.article), elem_id="article-pane", js_on_load=None)
        outputs = [chat, history, status]
        pending = gr.State("")  # the question, while the box is cleared for the next one
        box.submit(
            lambda q: ("", q), box, [box, pending], queue=False, api_visibility="private"
        ).then(chat_fn, [pending, chat, history], outputs, api_visibility="private")
        for button in asks:
            button.click(chat_fn, [button, chat, history], outputs, api_visibility="private")
        for event in (clear.click, chat.clear):  # the chat's bin forgets the history too
            event(lambda: ([], [], status_line(bot)), None, outputs, api_visibility="private")
        gr.api(ask, api_name="ask")
    return demo


def launch_options(env: Mapping[str, str] | None = None) -> dict:
    """Where to listen: GRADIO_SERVER_NAME, then GRADIO_SERVER_PORT or PORT (default 7860).

    >>> launch_options({"PORT": "8080"})
    {'server_name': '127.0.0.1', 'server_port': 8080}
    """
    env = os.environ if env is None else env
    port = env.get("GRADIO_SERVER_PORT") or env.get("PORT") or "7860"
    return {"server_name": env.get("GRADIO_SERVER_NAME") or "127.0.0.1", "server_port": int(port)}


def launch(demo: gr.Blocks, **kwargs):
    """Queue (8 answers at once) and start ``demo`` with the page's CSS and JavaScript.

    Example: ``_, url, _ = launch(build_ui(bot), prevent_thread_lock=True)``.
    """
    demo.queue(default_concurrency_limit=8)
    head = f"<script>\n{static_text('chat.js')}</script>"
    return demo.launch(css=static_text("chat.css"), head=head, **kwargs)
