"""The web chat: the ``respond`` generator without a server, then the app over HTTP.

The end-to-end tests launch the real app on a free port of 127.0.0.1 and talk to it
with ``gradio_client``, as a user of the ``/ask`` endpoint would.
"""

from __future__ import annotations

import json

import httpx
import pytest

from assistant.answerer import FallbackAnswerer
from assistant.config import Config
from assistant.core import Assistant
from assistant.errors import QuestionError
from assistant.openai_answerer import OpenAIAnswerer
from assistant.result import Citation, Result
from assistant.web import escape, launch_options, render_article, respond
from assistant.wiring import load_assistant
from tests.conftest import FAKE_KEY, running_app, scripted_client, sse

QUESTION = "Where will the G20 leaders meet in November?"


@pytest.fixture(scope="module")
def web_bot():
    return load_assistant(Config.from_env({"ASSISTANT_BACKEND": "extractive"}))


class ScriptedBot:
    """Streams the given pieces, then a Result citing the article's first sentence."""

    status = "scripted"

    def __init__(self, article, pieces=("Bali", " it is. [1]"), error=None):
        self.article, self.pieces, self.error, self.histories = article, pieces, error, []

    def stream(self, question, history):
        self.histories.append(list(history))
        if self.error:
            raise self.error
        yield from self.pieces
        s = self.article.paragraphs[1]
        cite = Citation(1, s.text[:50], s.start, s.start + 50)
        yield Result("".join(self.pieces), True, [cite], "scripted", notice=None)


def test_streaming_yields_growing_text(web_bot):
    bot = ScriptedBot(web_bot.article, pieces=("One", " two", " three. [1]"))
    shown = [chat[-1]["content"] for chat, _, _ in respond(bot, "Count?", [], [])]
    assert shown[:3] == ["One▌", "One two▌", "One two three. \\[1\\]▌"]
    assert 'class="cite"' in shown[-1] and "Sources" in shown[-1]


def test_real_answer_shows_numbered_sources_with_place(web_bot):
    *_, (chat, history, status) = respond(web_bot, QUESTION, [], [])
    answer = chat[-1]["content"]
    assert "Bali" in answer and 'data-cid="1"' in answer
    assert "¶ " in answer and "chars 5422–5586" in answer
    assert history[-1] == {"role": "assistant", "content": web_bot.ask(QUESTION).answer}
    assert "offline, extractive" in status


def test_html_in_the_question_is_escaped(web_bot):
    question = "<script>alert(1)</script> ![x](http://example.com/x.png)"
    *_, (chat, history, _) = respond(web_bot, question, [], [])
    shown = chat[0]["content"]
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "\\!\\[x\\](" in shown  # Markdown escapes: no image is fetched
    assert history[0]["content"] == question  # the answerer gets the question as typed


def test_assistant_error_becomes_a_friendly_message(web_bot):
    *_, (chat, history, status) = respond(web_bot, "   ", [], [])
    assert "question is empty" in chat[-1]["content"] and "Traceback" not in chat[-1]["content"]
    assert history == [] and "question is empty" in status


def test_unexpected_error_is_logged_not_shown(web_bot):
    bot = ScriptedBot(web_bot.article, error=RuntimeError("secret internals"))
    *_, (chat, _, status) = respond(bot, "Why?", [], [])
    assert "secret internals" not in chat[-1]["content"] + status
    assert "went wrong" in chat[-1]["content"]


def test_follow_ups_get_the_clean_history(web_bot):
    bot = ScriptedBot(web_bot.article)
    *_, (chat, history, _) = respond(bot, "First?", [], [])
    respond_again = list(respond(bot, "And then?", chat, history))
    assert bot.histories[1] == [
        {"role": "user", "content": "First?"},
        {"role": "assistant", "content": "Bali it is. [1]"},
    ]
    assert len(respond_again[-1][0]) == 4  # the page shows both exchanges


def test_question_error_keeps_its_message(web_bot):
    bot = ScriptedBot(web_bot.article, error=QuestionError("Too long: ask a shorter question."))
    *_, (chat, _, _) = respond(bot, "x" * 5000, [], [])
    assert "ask a shorter question" in chat[-1]["content"]


def openai_bot(web_bot, *replies):
    answerer = OpenAIAnswerer(scripted_client(*replies), "m")
    return Assistant(
        web_bot.article, web_bot.retriever, FallbackAnswerer(answerer, web_bot.answerer)
    )


def test_openai_tokens_stream_into_the_chat(web_bot):
    updates = list(
        respond(openai_bot(web_bot, sse("The G20 ", "meets in ", "Bali [1].")), QUESTION, [], [])
    )
    shown = [chat[-1]["content"] for chat, _, _ in updates]
    assert shown[:3] == ["The G20 ▌", "The G20 meets in ▌", "The G20 meets in Bali \\[1\\].▌"]
    assert 'class="cite"' in shown[-1] and "Sources" in shown[-1]


def test_a_failed_endpoint_is_answered_offline_and_says_so(web_bot):
    bot = openai_bot(web_bot, httpx.Response(401, json={"error": {"message": "no"}}))
    *_, (chat, history, status) = respond(bot, QUESTION, [], [])
    assert (
        "Answered offline instead." in status and "Answered offline instead." in chat[-1]["content"]
    )
    assert "Bali" in history[-1]["content"] and "Answered offline" not in history[-1]["content"]
    assert FAKE_KEY not in status + chat[-1]["content"]


def test_article_paragraphs_carry_their_offsets(web_bot):
    page = render_article(web_bot.article)
    for p in web_bot.article.paragraphs:
        assert f'data-start="{p.start}" data-end="{p.end}"' in page
    assert escape("a <b> & [c](d)") == "a &lt;b&gt; &amp; \\[c\\](d)"


def test_launch_options_honour_the_environment():
    assert launch_options({}) == {"server_name": "127.0.0.1", "server_port": 7860}
    env = {"GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "9000", "PORT": "1"}
    assert launch_options(env) == {"server_name": "0.0.0.0", "server_port": 9000}


@pytest.fixture(scope="module")
def server(web_bot):
    with running_app(web_bot) as url:
        yield url


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server, verbose=False)


def test_api_ask_returns_the_json_shape(client, web_bot):
    got = client.predict(QUESTION, api_name="/ask")
    assert got == web_bot.ask(QUESTION).to_json()
    assert got["answered"] and "Bali" in got["answer"]
    for c in got["citations"]:
        assert web_bot.article.text[c["start"] : c["end"]] == c["text"]


def test_api_follow_up_with_history(client, web_bot):
    first = client.predict(QUESTION, api_name="/ask")
    turns = [
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": first["answer"]},
    ]
    got = client.predict("Who else will he meet on the trip?", json.dumps(turns), api_name="/ask")
    assert set(got) >= {"answer", "answered", "citations", "backend"}
    for c in got["citations"]:
        assert web_bot.article.text[c["start"] : c["end"]] == c["text"]


def test_api_errors_are_messages(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="question is empty"):
        client.predict("  ", api_name="/ask")
    with pytest.raises(AppError, match="JSON list"):
        client.predict(QUESTION, "{not json", api_name="/ask")


def test_only_ask_is_documented(client):
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == [
        "/ask"
    ]


def test_nothing_is_answered_at_start_up(web_bot):
    bot = ScriptedBot(web_bot.article)
    with running_app(bot):
        pass
    assert bot.histories == []  # no cached examples, no warm-up question
