"""Issue 19's red-team findings, as a raw client (``tests/web/raw.py``) makes them: the page's
own events (restore, vote, paste, upload) checked like ``/ask``, whatever a client sends;
request bodies bounded before they are read; feedback recorded from what the server gave;
sessions freed once they end or sit idle, a raw client's too."""

from __future__ import annotations

import json
import socket
import time
from contextlib import contextmanager

import httpx
import pytest

from assistant.config import Config
from assistant.web.feedback import VOTES_PER_MINUTE, Feedback, answer_record
from assistant.web.limits import MAX_REQUEST_BYTES, MAX_SAVED_EXCHANGES, check_saved
from assistant.web.shelf import Shelf
from tests.web.raw import Raw

G20 = "Where will the G20 leaders meet in November?"


@contextmanager
def served(shelf, feedback, session_idle: float = 120.0):
    """The web app on a free port; yields its URL and the Gradio app (for its sessions)."""
    from assistant.web.page import build_ui, launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = build_ui(shelf, feedback_file=feedback)
    _, url, _ = launch(
        demo, session_idle, prevent_thread_lock=True, server_name="127.0.0.1",
        server_port=port, quiet=True,
    )  # fmt: skip
    try:
        yield url, demo.server_app
    finally:
        demo.close()


@pytest.fixture(scope="module")
def shelf():
    shelf = Shelf.loading(Config.from_env({"ASSISTANT_BACKEND": "extractive"}))
    shelf.start().join()
    return shelf


@pytest.fixture(scope="module")
def app(shelf, tmp_path_factory):
    feedback = tmp_path_factory.mktemp("feedback") / "feedback.jsonl"
    with served(shelf, feedback, session_idle=2.0) as (url, server):
        yield url, server, feedback


def _saved(shelf, exchanges: list[dict]) -> dict:
    return {"article": shelf.article.sha256, "exchanges": exchanges}


def _lines(path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


# Checked without a server: the one set of limits, and the feedback store.


def test_a_saved_conversation_over_the_limits_is_refused_whole():
    one = {"question": "Q", "answer": "A"}
    assert check_saved({"article": "x", "exchanges": [one] * MAX_SAVED_EXCHANGES}, 2000)
    for bad in (
        {"article": "x", "exchanges": [one] * (MAX_SAVED_EXCHANGES + 1)},
        {"article": "x", "exchanges": [{"question": "Q" * 2001, "answer": "A"}]},
        {"article": "x", "exchanges": [{"question": "Q", "answer": "A" * 10**6}] * 3},
        {"article": "x", "exchanges": [{"question": "Q", "citations": [{}] * 1000}]},
    ):
        with pytest.raises(Exception, match="saved"):
            check_saved(bad, 2000)


def test_feedback_is_one_record_per_answer_and_rate_limited(tmp_path):
    feedback = Feedback(tmp_path / "feedback.jsonl", settle=60)
    answers = [
        feedback.given(answer_record(f"Q{i}", [], "A [1]", True, [], "extractive", "ab"))
        for i in range(VOTES_PER_MINUTE + 5)
    ]
    taken = [feedback.vote("tab", a, "up") for a in answers]
    assert taken == [True] * VOTES_PER_MINUTE + [False] * 5  # this tab votes too often
    assert feedback.vote("other tab", answers[0], "down")  # last vote wins
    feedback.flush()
    records = _lines(tmp_path / "feedback.jsonl")
    assert len(records) == VOTES_PER_MINUTE
    assert len({r["id"] for r in records}) == len(records)
    assert next(r for r in records if r["id"] == answers[0])["rating"] == "down"


def test_the_feedback_file_is_moved_aside_once_then_capped(tmp_path):
    path = tmp_path / "feedback.jsonl"
    feedback = Feedback(path, settle=0, max_bytes=2000)
    for i in range(40):
        a = feedback.given(answer_record(f"Q{i}", [], "A" * 200, True, [], "x", "ab"))
        feedback.vote(f"tab{i}", a, "up")
    assert path.stat().st_size <= 2000 and (tmp_path / "feedback.jsonl.1").stat().st_size <= 2000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feedback.jsonl", "feedback.jsonl.1"]


# Through a running app, as a raw client.


@pytest.mark.slow
def test_request_bodies_over_the_limit_are_refused_before_they_are_read(app):
    url, _, _ = app
    body = b'{"data": ["' + b"Q" * (MAX_REQUEST_BYTES + 10) + b'"]}'
    for headers in ({}, {"transfer-encoding": "chunked"}):
        content = iter([body]) if headers else body  # an iterator: no Content-Length
        r = httpx.post(url + "gradio_api/queue/join", content=content, timeout=30)
        assert r.status_code == 413 and "the limit is 2,000,000 bytes" in r.json()["error"]


@pytest.mark.slow
def test_the_pages_own_events_cannot_be_called_around_the_queue(app):
    url, _, _ = app
    raw = Raw(url)
    assert raw.direct("restore", [None, None]).status_code == 404
    assert raw.direct("vote", ['{"index": 0, "liked": "up"}', None, None, None]).status_code == 404


@pytest.mark.slow
def test_a_restore_over_the_limits_keeps_nothing(app, shelf):
    url, server, _ = app
    raw = Raw(url)
    big = [{"question": "Q" * 10_000, "answer": "A" * 10_000}] * MAX_SAVED_EXCHANGES
    ok, out = raw.restore(_saved(shelf, big))
    assert ok and out["chat"] == [] and out["saved"]["exchanges"] == []
    state = server.state_holder[raw.session]
    assert all(not v for v in state.state_data.values() if isinstance(v, list))


@pytest.mark.slow
def test_a_vote_is_up_or_down_and_only_on_answers_the_server_gave(app, shelf):
    url, _, feedback = app
    raw = Raw(url)
    forged = {"question": "Who won?", "answer": "Nobody [1].", "id": "0" * 32}
    assert raw.restore(_saved(shelf, [forged]))[0]
    for liked in (True, "x" * 1000, None, 5, "up", "down", '{"index": "0", "liked": "up"}'):
        raw.vote(0, liked)
    time.sleep(4)  # longer than votes take to settle
    assert all(r["question"] != "Who won?" for r in _lines(feedback))


@pytest.mark.slow
def test_ask_with_a_history_of_the_wrong_type_is_told_so(app):
    url, _, _ = app
    raw = Raw(url)
    for history in ([1, 2], {"role": "user"}, 5):
        ok, out = raw.ask(G20, history)
        assert not ok and "history must be JSON text" in out["error"]
    ok, out = raw.ask(G20, "")
    assert ok and "Bali" in out[0]["answer"]


@pytest.mark.slow
def test_a_raw_clients_session_and_own_article_are_freed_when_idle(app, shelf):
    url, server, _ = app
    raw = Raw(url)
    before = shelf.slots.used
    text = "The council approved the new light-rail line. It will be 7.8 km long."
    ok, out = raw.queued("paste", [text, None, None, None, None])
    assert ok and "Your article" in raw.outputs("paste", out)["article-pane"]
    assert raw.session in server.state_holder.session_data and shelf.slots.used == before + 1
    deadline = time.monotonic() + 15
    while raw.session in server.state_holder.session_data and time.monotonic() < deadline:
        time.sleep(0.2)
    assert raw.session not in server.state_holder.session_data
    assert shelf.slots.used == before


@pytest.mark.slow
def test_the_servers_conversation_is_capped_and_votes_record_what_it_gave(app, shelf):
    url, server, feedback = app
    raw = Raw(url)
    earlier = [{"question": f"Q{i}?", "answer": f"A{i}."} for i in range(MAX_SAVED_EXCHANGES)]
    assert raw.restore(_saved(shelf, earlier))[0]
    assert raw.question(G20)[0]
    exchanges = server.state_holder[raw.session].state_data
    kept = next(v for v in exchanges.values() if isinstance(v, list) and v)
    assert len(kept) == MAX_SAVED_EXCHANGES and kept[-1].question == G20  # the oldest went
    last = MAX_SAVED_EXCHANGES - 1  # the new answer's place in the conversation
    for liked in ("up", "down", "Wrong citation"):
        assert raw.vote(last, liked)[0]
    state = server.state_holder[raw.session].state_data
    kept = next(v for v in state.values() if isinstance(v, list) and v)
    assert kept[-1].vote == "Wrong citation"  # kept with the conversation, for a reload
    time.sleep(5)
    mine = [r for r in _lines(feedback) if r["question"] == G20]
    assert len(mine) == 1 and (mine[0]["rating"], mine[0]["reason"]) == ("down", "Wrong citation")
    assert "Bali" in mine[0]["answer"] and mine[0]["citations"][0]["start"] > 0
    assert len(mine[0]["history"]) <= 6  # what the answerer was given, not the conversation
