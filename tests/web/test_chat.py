"""The web chat without a browser: the callbacks as plain generators, the HTML they make,
what copy and download give, the saved conversation, then the app over HTTP
(``gradio_client``, as a user of the ``/ask`` endpoint would)."""

from __future__ import annotations

import json
import logging
import threading
from html.parser import HTMLParser

import httpx
import pytest

from assistant.article.article import load_article
from assistant.config import Config
from assistant.core.answerer import FallbackAnswerer
from assistant.core.assistant import Assistant
from assistant.core.conversation import too_long
from assistant.core.result import Citation, Result
from assistant.errors import AssistantError, QuestionError
from assistant.llm.answerer import SYSTEM, OpenAIAnswerer
from assistant.web.chat import Session, accept, answering, claim, finished, respond, stopped
from assistant.web.export import answer_markdown, conversation_markdown
from assistant.web.parts import count_html
from assistant.web.render import ArticleInfo, escape, render_answer, render_article
from assistant.web.state import Exchange, history, restore_conversation, saved_conversation
from assistant.web.where import launch_options
from assistant.wiring import load_assistant
from tests.conftest import FAKE_KEY, running_app, scripted_client, sse

QUESTION = "Where will the G20 leaders meet in November?"


class Text(HTMLParser):
    """What a reader sees of some HTML: its text nodes, not its attributes."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@pytest.fixture(scope="module")
def web_bot():
    return load_assistant(Config.from_env({"ASSISTANT_BACKEND": "extractive"}))


class ScriptedBot:
    """Streams the given pieces, then a Result citing the article's second paragraph."""

    def __init__(self, article, pieces=("Bali", " it is. [1]"), error=None):
        self.article, self.pieces, self.error, self.histories = article, pieces, error, []
        self.answerer = type("A", (), {"name": "scripted", "label": "Scripted"})()
        self.answerer.finish = lambda text: text
        self.max_question_chars = 2000

    def stream(self, question, history):
        self.histories.append(list(history))
        if self.error:
            raise self.error
        yield from self.pieces
        s = self.article.paragraphs[1]
        cite = Citation(1, s.text[:50], s.start, s.start + 50)
        yield Result("".join(self.pieces), True, [cite], "scripted", notice=None)

    def ask(self, question, history=None):
        *_, result = self.stream(question, history)
        return result


def test_streaming_shows_what_the_core_yields_as_it_comes(web_bot):
    # The core yields only checked, whole claims (issue 16), so nothing is held back here.
    pieces = ("x" * 50, "y" * 50, "z" * 50, " [1]")
    bot = ScriptedBot(web_bot.article, pieces=pieces)
    shown = [Text(chat[-1]["content"]).text for chat, _, _ in respond(bot, "Count?", [])]
    assert shown[0] == "x" * 50 + "▌"  # the first piece, at once
    assert shown[1] == "x" * 50 + "y" * 50 + "▌"
    assert shown[-1].startswith("x" * 50 + "y" * 50 + "z" * 50 + " [1]")


def test_an_offline_answer_shows_each_quote_once_and_offsets_only_in_attributes(web_bot):
    *_, (chat, exchanges, status) = respond(web_bot, QUESTION, [])
    answer, seen = chat[-1]["content"], Text(chat[-1]["content"]).text
    cite = exchanges[-1].citations[0]
    assert seen.count(cite.text) == 1 and "Bali" in seen
    assert "““" not in seen and "””" not in seen
    assert str(cite.start) not in seen and f'data-start="{cite.start}"' in answer
    assert "Sources:" in seen and "¶" in seen
    assert status == "Answers quote the article (offline)."
    assert history(exchanges)[-1] == {"role": "assistant", "content": web_bot.ask(QUESTION).answer}


def test_a_paraphrased_answer_keeps_its_quotes_collapsed(web_bot):
    ex = Exchange("Where?", "In Bali. [1]", (Citation(1, "G20 leaders in Bali", 5536, 5555),))
    page = render_answer(ex, web_bot.article)
    assert "<details" in page and Text(page).text.count("G20 leaders in Bali") == 1


def test_what_readers_and_models_write_is_shown_as_text(web_bot):
    question = "<script>alert(1)</script> **Bali** <Indonesia>"
    *_, (chat, exchanges, _) = respond(web_bot, question, [])
    shown = Text(chat[0]["content"]).text  # the question as typed, then its "Edit"
    assert "<script>" not in chat[0]["content"] and shown == question + "Edit"
    assert exchanges[0].question == question  # the answerer gets the question as typed
    model = "Title\n===\n\nSee http://example.com and www.example.com [1]"
    page = render_answer(Exchange("q", model, ()), web_bot.article)
    assert not {"a", "h1", "h2"} & set(Text(page).tags)
    assert "http://example.com" in Text(page).text


def test_copy_gives_markdown_with_footnotes_never_html(web_bot):
    *_, (_, exchanges, _) = respond(web_bot, "**Bali** <Indonesia>?", [])
    *_, (_, exchanges, _) = respond(web_bot, QUESTION, exchanges)
    one = answer_markdown(exchanges[-1], web_bot.article)
    assert "<" not in one and one.startswith(exchanges[-1].answer) and "\n\n[1] ¶ " in one
    whole = conversation_markdown(exchanges, web_bot.article, "The article")
    assert "**You:** **Bali** <Indonesia>?" in whole
    assert "<span" not in whole and "[^1]:" in whole
    count = sum(len(ex.citations) for ex in exchanges)
    assert f"[^{count}]:" in whole and f"[^{count + 1}]" not in whole


def test_an_assistant_error_is_the_readers_message(web_bot):
    bot = ScriptedBot(web_bot.article, error=QuestionError("Too long: ask a shorter question."))
    *_, (chat, exchanges, _) = respond(bot, "x", [])
    assert "ask a shorter question" in chat[-1]["content"]
    assert exchanges[-1].question == "x" and history(exchanges) == []  # shown, not sent on


def test_an_unexpected_error_is_logged_not_shown(web_bot, caplog):
    bot = ScriptedBot(web_bot.article, error=RuntimeError("secret internals"))
    with caplog.at_level(logging.ERROR):
        *_, (chat, _, status) = respond(bot, "Why?", [])
    assert "secret internals" not in chat[-1]["content"] + status
    assert "went wrong" in chat[-1]["content"] and "secret internals" in caplog.text


def test_follow_ups_get_the_clean_history(web_bot):
    bot = ScriptedBot(web_bot.article)
    *_, (_, exchanges, _) = respond(bot, "First?", [])
    *_, (chat, _, _) = respond(bot, "And then?", exchanges)
    assert bot.histories[1] == [
        {"role": "user", "content": "First?"},
        {"role": "assistant", "content": "Bali it is. [1]"},
    ]
    assert len(chat) == 4


def openai_bot(web_bot, *replies, checked=False):
    """An LLM assistant over the shipped article; ``checked``: with the core's claim review,
    as the app wires it (without, every piece streams as it comes)."""
    answerer = OpenAIAnswerer(scripted_client(*replies), "m")
    review = {"read": web_bot.read, "checker": web_bot.checker} if checked else {}
    return Assistant(
        web_bot.article, web_bot.retriever, FallbackAnswerer(answerer, web_bot.answerer), **review
    )


def test_openai_tokens_stream_into_the_chat(web_bot):
    words = [f"word{i} " for i in range(40)] + ["Bali [1]."]
    updates = list(respond(openai_bot(web_bot, sse(*words)), QUESTION, []))
    shown = [Text(chat[-1]["content"]).text for chat, _, _ in updates]
    assert len({s for s in shown[:-1]}) > 10  # it grows piece by piece
    assert all(s.endswith("▌") or s == "Looking in the article…" for s in shown[:-1])
    assert "Sources:" in shown[-1]


def test_a_system_prompt_echo_is_never_shown_while_streaming(web_bot):
    # The page shows what the core yields: only claims the cited passages support.
    echo = [SYSTEM[i : i + 7] for i in range(0, len(SYSTEM), 7)]
    updates = list(respond(openai_bot(web_bot, sse(*echo), checked=True), QUESTION, []))
    for chat, _, _ in updates:
        seen = Text(chat[-1]["content"]).text
        assert "numbered passages" not in seen and "Never use outside" not in seen


def test_a_failed_endpoint_is_answered_offline_in_readers_words(web_bot, caplog):
    bot = openai_bot(web_bot, httpx.Response(401, json={"error": {"message": "no"}}))
    with caplog.at_level(logging.WARNING):
        *_, (chat, exchanges, status) = respond(bot, QUESTION, [])
    seen = Text(chat[-1]["content"]).text
    assert "language model did not answer" in seen and "OPENAI_API_KEY" not in seen + status
    assert status.startswith("Answers quote the article (offline) for now")
    assert "Bali" in exchanges[-1].answer and "OPENAI_API_KEY" in caplog.text
    assert FAKE_KEY not in status + chat[-1]["content"] + caplog.text


def test_one_question_at_a_time_and_nothing_is_lost():
    s = Session()
    assert accept(s, "   ", 100) == ""  # empty: ignored, no bubble, no error
    assert "limit is 100" in accept(s, "x" * 101, 100)  # rejected: the box keeps it
    # counted as typed, as the page's counter counts, spaces included: one number
    assert accept(s, "x" * 99 + "  ", 100) == too_long(101, 100)
    assert accept(s, "First?", 100) is None and accept(s, "Second?", 100) == ""
    assert claim(s) == ("First?", 1) and claim(s) == (None, 1)  # answered once
    finished(s, 0)  # a late finish of an older question does not unlock this one
    assert s.busy
    finished(s, 1)
    assert not s.busy and accept(s, "Second?", 100) is None


def test_stop_keeps_the_question_and_what_was_shown(web_bot):
    bot = ScriptedBot(web_bot.article)
    s = Session()
    accept(s, "Why?", 100)
    claim(s)
    s.written = "In Bali [1]. It is"  # all shown as it came: what the core yielded
    exchanges = stopped(bot, [], s)
    # the marker goes with the stop: its citation was never resolved
    assert exchanges == [Exchange("Why?", "In Bali. It is", (), None, stopped=True, answered=False)]
    assert not s.busy and history(exchanges) == []
    page = render_answer(exchanges[0], web_bot.article, 0, last=True)
    assert "(stopped)" in page and ">Ask again<" in page and 'class="vote' not in page


def test_stop_before_the_answer_started_keeps_the_question(web_bot):
    s = Session()
    accept(s, "Why?", 100)  # taken, still queued: a busy server has not started it
    exchanges = stopped(ScriptedBot(web_bot.article), [], s)
    assert exchanges == [Exchange("Why?", "", (), None, stopped=True, answered=False)]
    assert claim(s)[0] is None and not s.busy  # the queued answer finds nothing to answer


def test_stop_waits_for_the_answer_and_nothing_of_it_comes_after(web_bot):
    s, order, shown = Session(), [], []
    accept(s, "Why?", 100)
    _, ticket = claim(s)
    more = threading.Event()

    def writing():
        try:
            yield "In Bali"
            more.wait(10)  # the next piece is on its way when the reader presses Stop
            yield "In Bali, with Biden"
        finally:
            order.append("answer closed")

    reader = threading.Thread(target=lambda: shown.extend(answering(s, ticket, writing())))
    reader.start()
    while not shown:
        threading.Event().wait(0.01)
    stop = threading.Thread(
        target=lambda: (stopped(ScriptedBot(web_bot.article), [], s, wait=10), order.append("stop"))
    )
    stop.start()
    more.set()
    stop.join(20), reader.join(20)
    assert order == ["answer closed", "stop"]  # Stop waited for the answer to end
    assert shown == ["In Bali"] and s.streaming is None and not s.busy


def test_an_answer_stopped_before_it_wrote_anything_changes_nothing():
    s = Session()
    accept(s, "Why?", 100)
    _, ticket = claim(s)
    stopped(None, [], s, wait=0)
    assert list(answering(s, ticket, iter(["In Bali"]), idle="no change")) == ["no change"]
    accept(s, "Again?", 100)  # re-asked: the stopped answer's end does not unlock it
    finished(s, ticket)
    assert s.busy


def test_a_saved_conversation_comes_back_only_over_its_own_article(web_bot, tmp_path):
    *_, (_, exchanges, _) = respond(web_bot, QUESTION, [])
    saved = json.loads(json.dumps(saved_conversation(exchanges, web_bot.article)))
    assert restore_conversation(saved, web_bot.article) == exchanges
    other = tmp_path / "other.txt"
    other.write_text("Another article. It is short.\n", encoding="utf-8")
    assert restore_conversation(saved, load_article(other)) == []
    saved["exchanges"][0]["citations"][0]["text"] = "Paris"  # not what the article says there
    assert restore_conversation(saved, web_bot.article)[0].citations == ()
    for junk in (None, 5, {"article": web_bot.article.sha256, "exchanges": [7, {"q": 1}]}):
        assert restore_conversation(junk, web_bot.article) == []


def test_the_article_pane_has_its_header_offsets_and_separated_caption(web_bot):
    from assistant.web.shelf import article_info

    info = article_info(None)
    page = render_article(web_bot.article, info)
    assert info.outlet == "The Globe and Mail" and not info.headline  # none in the capture
    for p in web_bot.article.paragraphs:
        assert f'data-start="{p.start}" data-end="{p.end}"' in page
    first = web_bot.article.paragraphs[0]
    credit = first.text.index("Alexei Druzhinin")
    assert f'class="run credit" data-start="{first.start + credit}"' in page
    assert 'id="article-text" tabindex="0" aria-labelledby="article-heading"' in page
    assert 'id="article-heading">The article<' in page and 'aria-live="polite"' in page
    assert escape("a <b> & [c](d)") == "a &lt;b&gt; &amp; [c](d)"


def test_the_count_line_says_how_long_the_question_is():
    assert "2,500 / 2,000 characters" in count_html(2000, 2500, "Too long.")
    assert 'class="over"' not in count_html(2000, 10)


def test_launch_options_honour_the_environment():
    assert launch_options({}) == {"server_name": "127.0.0.1", "server_port": 7860}
    env = {"GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "9000", "PORT": "1"}
    assert launch_options(env) == {"server_name": "0.0.0.0", "server_port": 9000}
    for bad in ("abc", "0", "70000", "-1"):
        with pytest.raises(AssistantError, match="is not a port number"):
            launch_options({"PORT": bad})


@pytest.mark.slow
def test_header_info_names_only_what_it_is_given():
    assert ArticleInfo().headline == ""


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


def _raw_ask(server: str, body: dict) -> tuple[str, dict]:
    """``/ask`` as docs/web.md's curl example calls it: (event, data)."""
    posted = httpx.post(f"{server}gradio_api/call/ask", json=body, timeout=60)
    assert posted.status_code == 200, posted.text
    events = httpx.get(f"{server}gradio_api/call/ask/{posted.json()['event_id']}", timeout=60)
    kind, data = None, None
    for line in events.text.splitlines():
        if line.startswith("event:"):
            kind = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and kind in ("complete", "error"):
            data = json.loads(line[5:])
    return kind, data


def test_raw_http_ask_takes_the_question_alone_and_errors_are_messages(server):
    kind, data = _raw_ask(server, {"data": [QUESTION]})  # no history: it is optional
    assert kind == "complete" and "Bali" in data[0]["answer"]
    for body, said in (
        ({"data": []}, "question is empty"),
        ({"data": [None]}, "must be text"),
        ({"data": [QUESTION, "{not json"]}, "JSON list"),
    ):
        kind, data = _raw_ask(server, body)
        assert kind == "error" and said in (data["error"] or ""), body


def test_only_ask_is_documented(client):
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == [
        "/ask"
    ]


def test_uploads_are_size_limited(server):
    big = httpx.post(f"{server}gradio_api/upload", files={"files": ("a.txt", b"x" * 600_000)})
    small = httpx.post(f"{server}gradio_api/upload", files={"files": ("a.txt", b"x" * 1000)})
    assert big.status_code == 413 and small.status_code == 200


@pytest.mark.slow
def test_nothing_is_answered_at_start_up(web_bot):
    bot = ScriptedBot(web_bot.article)
    with running_app(bot):
        pass
    assert bot.histories == []  # no cached examples, no warm-up question
