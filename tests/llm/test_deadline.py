"""One deadline per answer: retries, Retry-After, silent endpoints and slow streams all
end in the offline answer with a notice (the network is faked at the httpx transport)."""

import json
import threading
import time

import httpx
import openai
import pytest

from assistant.core.answerer import FallbackAnswerer
from assistant.core.assistant import Assistant
from assistant.errors import BackendError
from assistant.llm.answerer import MALFORMED, OpenAIAnswerer
from assistant.llm.client import call_with_retries, make_client
from assistant.llm.deadline import Deadline, within
from tests.conftest import FAKE_KEY, _chunk, scripted_client, sse

G20 = "Where will the G20 leaders meet in November?"


class FakeTime:
    """A clock that moves only when the code under test sleeps or an attempt 'takes' time."""

    def __init__(self):
        self.now, self.slept = 0.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def _status(code, **headers):
    request = httpx.Request("POST", "http://endpoint/v1/chat/completions")
    return httpx.Response(code, headers=headers, request=request, json={"error": {}})


def _raise(response):
    raise openai.APIStatusError("scripted", response=response, body=None)


def test_a_retry_after_longer_than_the_time_left_is_not_waited():
    clock, tries = FakeTime(), []
    deadline = Deadline(60, clock)
    with pytest.raises(openai.APIStatusError):
        call_with_retries(
            lambda t: tries.append(t) or _raise(_status(429, **{"retry-after": "61"})),
            deadline,
            retries=10,
            sleep=clock.sleep,
        )
    assert (tries, clock.slept) == ([60.0], [])


def test_a_short_retry_after_is_honoured():
    clock, tries = FakeTime(), []

    def attempt(timeout):
        tries.append(timeout)
        return "ok" if len(tries) == 3 else _raise(_status(429, **{"retry-after": "2"}))

    assert call_with_retries(attempt, Deadline(60, clock), retries=2, sleep=clock.sleep) == "ok"
    assert (tries, clock.slept) == ([60.0, 58.0, 56.0], [2.0, 2.0])


def test_a_silent_endpoint_gets_no_more_than_the_deadline():
    clock, tries = FakeTime(), []

    def silent(timeout):  # waits its whole timeout, then gives up
        tries.append(timeout)
        clock.now += timeout
        raise openai.APITimeoutError(httpx.Request("POST", "http://endpoint"))

    with pytest.raises(openai.APITimeoutError):
        call_with_retries(silent, Deadline(45, clock), retries=10, sleep=clock.sleep)
    assert clock.now <= 45 and tries[0] == 45 and len(tries) == 1


def test_the_retries_setting_bounds_the_tries():
    clock, tries = FakeTime(), []
    with pytest.raises(openai.APIStatusError):
        call_with_retries(
            lambda t: tries.append(t) or _raise(_status(503)), Deadline(60, clock), 3, clock.sleep
        )
    assert len(tries) == 4 and len(clock.slept) == 3 and all(0 < s <= 8.25 for s in clock.slept)


def test_a_refused_key_is_not_retried():
    clock, tries = FakeTime(), []
    with pytest.raises(openai.APIStatusError):
        call_with_retries(
            lambda t: tries.append(t) or _raise(_status(401)), Deadline(60, clock), 5, clock.sleep
        )
    assert len(tries) == 1


def test_nothing_is_tried_once_the_deadline_has_passed():
    clock = FakeTime()
    deadline = Deadline(1, clock)
    clock.now = 2
    with pytest.raises(BackendError, match="did not finish within OPENAI_DEADLINE"):
        call_with_retries(lambda t: pytest.fail("tried"), deadline, 2, clock.sleep)


def _bot(article, retriever, extractive, transport, deadline_s=60.0, **config):
    settings = {"openai_api_key": FAKE_KEY, "openai_max_retries": 2, **config}
    from assistant.config import Config

    client = make_client(Config(**settings), httpx.Client(transport=transport))
    answerer = OpenAIAnswerer(client, "scripted-model", deadline_s=deadline_s)
    return Assistant(article, retriever, FallbackAnswerer(answerer, extractive))


def test_429_with_retry_after_60_answers_offline_at_once(article, retriever, extractive):
    requests = []
    client = scripted_client(
        httpx.Response(429, headers={"retry-after": "60"}, json={"error": {}}),
        requests=requests,
        openai_max_retries=2,
    )
    bot = Assistant(article, retriever, FallbackAnswerer(OpenAIAnswerer(client, "m"), extractive))
    result = bot.ask(G20)
    assert result.answerer == "extractive" and "Bali" in result.answer
    assert result.notice == (
        "The OpenAI endpoint is rate-limiting requests (429): wait and try again. "
        "Answered offline instead."
    )
    assert len(requests) == 1  # a 60 s wait does not fit in the 60 s deadline


def test_a_silent_endpoint_is_abandoned_at_the_deadline(article, retriever, extractive):
    given = []

    def silent(request):
        timeout = request.extensions["timeout"]["read"]
        given.append(timeout)
        time.sleep(min(timeout, 5))
        raise httpx.ReadTimeout("scripted", request=request)

    transport = httpx.MockTransport(silent)
    bot = _bot(article, retriever, extractive, transport, deadline_s=1.0, openai_timeout=30)
    result = bot.ask(G20)
    assert result.answerer == "extractive" and "Bali" in result.answer
    assert result.notice.endswith("Answered offline instead.")
    assert given and all(t <= 1.0 for t in given)  # never the 30 s of OPENAI_TIMEOUT


class Trickle(httpx.SyncByteStream):
    """One token every 0.2 s (10 s in all, each well inside OPENAI_TIMEOUT); knows when the
    client closed it."""

    def __init__(self):
        self.sent, self.closed = [], threading.Event()

    def __iter__(self):
        for i in range(50):
            if self.closed.is_set():
                return
            self.sent.append(i)
            yield _chunk({"content": f"w{i} "}, None)
            time.sleep(0.2)
        yield _chunk({}, "stop") + b"data: [DONE]\n\n"

    def close(self):
        self.closed.set()


def test_a_stream_that_trickles_is_abandoned_at_the_deadline(article, retriever, extractive):
    trickle = Trickle()

    def handle(request):
        return httpx.Response(200, stream=trickle, headers={"content-type": "text/event-stream"})

    bot = _bot(article, retriever, extractive, httpx.MockTransport(handle), deadline_s=1.0)
    pieces = list(bot.stream(G20))
    result = pieces[-1]
    assert result.answerer == "extractive" and "Bali" in result.answer
    assert result.notice == (
        "The OpenAI endpoint did not finish within OPENAI_DEADLINE (1 s): try again, or raise "
        "OPENAI_DEADLINE. Answered offline instead."
    )
    assert trickle.closed.wait(5) and len(trickle.sent) < 50  # the worker closed the stream


@pytest.mark.parametrize("content", [5, [1, 2], {"text": "Bali"}, True])
def test_a_piece_that_is_not_text_falls_back_offline(article, retriever, extractive, content):
    body = _chunk({"content": "In "}, None) + _chunk({"content": content}, None)
    body += _chunk({}, "stop") + b"data: [DONE]\n\n"
    client = scripted_client(body)
    bot = Assistant(article, retriever, FallbackAnswerer(OpenAIAnswerer(client, "m"), extractive))
    result = bot.ask(G20)
    assert result.answerer == "extractive" and "Bali" in result.answer
    assert result.notice == f"{MALFORMED} Answered offline instead."


def test_a_rewrite_that_is_not_text_falls_back_offline(article, retriever, extractive):
    completion = {"choices": [{"index": 0, "message": {"role": "assistant", "content": 7}}]}
    client = scripted_client(httpx.Response(200, json=completion), sse("Bali [1]."))
    bot = Assistant(article, retriever, FallbackAnswerer(OpenAIAnswerer(client, "m"), extractive))
    result = bot.ask("What book did he write?", [{"role": "user", "content": "Who is Pantucci?"}])
    assert result.answerer == "extractive"
    assert result.notice == f"{MALFORMED} Answered offline instead."


def test_one_deadline_covers_the_rewrite_and_the_answer(article, retriever, extractive):
    clock = FakeTime()
    seen = []

    def handle(request):
        body = json.loads(request.content)
        seen.append(request.extensions["timeout"]["read"])
        clock.now += 10 if body.get("stream") else 40  # the rewrite takes 40 s of the 60
        if body.get("stream"):
            return httpx.Response(200, content=sse("Bali [1]."))
        return httpx.Response(200, json={"choices": [{"message": {"content": "Q?"}}]})

    from assistant.config import Config

    client = make_client(
        Config(openai_api_key=FAKE_KEY), httpx.Client(transport=httpx.MockTransport(handle))
    )
    answerer = OpenAIAnswerer(client, "m", deadline_s=60, clock=clock, sleep=clock.sleep)
    bot = Assistant(article, retriever, FallbackAnswerer(answerer, extractive))
    result = bot.ask("And then?", [{"role": "user", "content": "Who is Pantucci?"}])
    assert seen == [30.0, 20.0]  # OPENAI_TIMEOUT, then only what was left of the deadline
    assert result.answerer == "openai"


def test_within_passes_errors_through_and_stops_the_worker():
    def failing():
        yield "a"
        raise BackendError("The endpoint broke.")

    got = []
    with pytest.raises(BackendError, match="The endpoint broke."):
        for piece in within(Deadline(5), failing()):
            got.append(piece)
    assert got == ["a"]
