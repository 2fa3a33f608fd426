"""A bounded load test on loopback: 20 gradio_client users at once, each with its own
follow-up conversation. No error, no answer from another user's conversation; the
latencies are printed (``pytest -s tests/web/test_load.py``), not asserted."""

from __future__ import annotations

import json
import statistics
import threading
import time

import pytest

from assistant.config import Config
from assistant.wiring import load_assistant
from tests.conftest import running_app

pytestmark = pytest.mark.slow  # starts a server, a browser or a child process

USERS = 20
# Two conversations whose follow-ups only make sense with their own first question.
TOPICS = [
    ("Who is Raffaello Pantucci?", "What did he say about the G20?", "unpredictable"),
    ("Who is Li Zhanshu?", "What did he say NATO is doing?", "expanding their presence"),
]


@pytest.fixture(scope="module")
def url():
    bot = load_assistant(Config.from_env({"ASSISTANT_BACKEND": "extractive"}))
    with running_app(bot) as url:
        yield url


def converse(url: str, topic: tuple[str, str, str], out: dict) -> None:
    from gradio_client import Client

    first_q, follow_q, expected = topic
    try:
        client = Client(url, verbose=False)
        t = time.perf_counter()
        first = client.predict(first_q, api_name="/ask")
        out["latencies"] = [time.perf_counter() - t]
        turns = [
            {"role": "user", "content": first_q},
            {"role": "assistant", "content": first["answer"]},
        ]
        t = time.perf_counter()
        follow = client.predict(follow_q, json.dumps(turns), api_name="/ask")
        out["latencies"].append(time.perf_counter() - t)
        out["ok"] = expected in follow["answer"]
    except Exception as exc:  # collected and asserted below, in the main thread
        out["error"] = repr(exc)


def test_twenty_users_each_keep_their_own_conversation(url):
    results = [{} for _ in range(USERS)]
    threads = [
        threading.Thread(target=converse, args=(url, TOPICS[i % 2], results[i]), daemon=True)
        for i in range(USERS)
    ]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    wall = time.perf_counter() - start
    assert not any(t.is_alive() for t in threads), "a user was still waiting after 120 s"
    assert [r.get("error") for r in results] == [None] * USERS
    assert all(r["ok"] for r in results), "a follow-up was answered from another conversation"
    lat = sorted(x for r in results for x in r["latencies"])
    p95 = lat[int(0.95 * (len(lat) - 1))]
    print(
        f"\n{USERS} users, {len(lat)} requests, 0 errors in {wall:.1f} s; "
        f"p50 {statistics.median(lat):.2f} s, p95 {p95:.2f} s"
    )
