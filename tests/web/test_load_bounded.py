"""Issue 19's load test, on loopback: 20 raw clients (``tests/web/raw.py``: no page, no
heartbeat) hit restore, like, paste and ``/ask`` for 30 s with valid and oversized data.
Every valid request gets its answer (a busy server says so for an own article: that is an
answer, not an error), every oversized one is refused, the feedback file stays bounded, and
10 s after the burst the server's RSS is within 15 % (or 60 MB) of its idle baseline. The
server runs in its own process, so its memory is measured alone; its sessions are freed
after 3 s unused (``ASSISTANT_SESSION_IDLE``; 120 s by default). Figures are printed:
``pytest -s tests/web/test_load_bounded.py``."""

from __future__ import annotations

import itertools
import json
import threading
import time

import pytest

from tests.conftest import ROOT, app_process
from tests.web.raw import Raw
from tests.web.test_load_history import rss_mb

pytestmark = pytest.mark.slow  # starts a server, a browser or a child process

CLIENTS, BURST_S, SETTLE_S = 20, 30.0, 10.0
G20 = "Where will the G20 leaders meet in November?"
ARTICLE = (ROOT / "tests" / "data" / "second_article.txt").read_text(encoding="utf-8")
SERVER = """
import sys
from pathlib import Path
from assistant.config import Config
from assistant.web.page import build_ui, launch
from assistant.web.shelf import Shelf
config = Config.from_env({"ASSISTANT_BACKEND": "extractive", "ASSISTANT_SESSION_IDLE": "3"})
shelf = Shelf.loading(config)
shelf.start().join()
demo = build_ui(shelf, feedback_file=Path(sys.argv[1]))
_, url, _ = launch(demo, config.session_idle, prevent_thread_lock=True, quiet=True,
                   server_name="127.0.0.1", server_port=int(sys.argv[2]))
print(url, flush=True)
sys.stdin.read()  # serve until the test closes stdin
demo.close()
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import socket

    feedback = tmp_path_factory.mktemp("load") / "feedback.jsonl"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with app_process(SERVER, str(feedback), str(port)) as (pid, url):
        yield pid, url, feedback


def _actions(raw: Raw):
    """Each action: (name, valid?, a function returning whether it went as it should)."""
    small = [{"question": "Where?", "answer": "In Bali."}] * 3
    huge = [{"question": "Q" * 10_000, "answer": "A" * 10_000}] * 50
    big_body = "x" * 3_000_000

    def restore_valid():
        ok, out = raw.restore({"article": raw.article_sha, "exchanges": small})
        return ok and len(out["saved"]["exchanges"]) == 3

    def restore_over():
        ok, out = raw.restore({"article": raw.article_sha, "exchanges": huge})
        return ok and out["saved"]["exchanges"] == []

    def restore_body():
        ok, out = raw.restore({"article": raw.article_sha, "big": big_body})
        return not ok and "HTTP 413" in out

    def like_valid():
        ok, _ = raw.question(G20)
        return ok and raw.vote(0, "up")[0]

    def like_over():
        ok, _ = raw.vote(0, '{"index": 0, "liked": "' + big_body[:1_500_000] + '"}')
        return ok  # taken and ignored: nothing recorded

    def paste_valid():
        ok, out = raw.queued("paste", [ARTICLE, None, None, None, None])
        named = raw.outputs("paste", out) if ok else {}
        said = str(named.get("article-pane")) + str(named.get("own-article-message"))
        return ok and ("Your article" in said or "busy" in said)

    def paste_over():
        ok, out = raw.queued("paste", ["<p>" + "word " * 120_000 + "</p>", None, None, None, None])
        named = raw.outputs("paste", out) if ok else {}
        return ok and "the limit here is 500,000" in str(named.get("own-article-message"))

    def ask_valid():
        ok, out = raw.ask(G20)
        return ok and "Bali" in out[0]["answer"]

    def ask_over():
        history = json.dumps([{"role": "user", "content": "Hi " * 100_000}])
        ok, out = raw.ask(G20, history)
        return not ok and "the limit is 200,000" in str(out)

    def ask_body():
        ok, out = raw.ask(G20, big_body)
        return not ok and "HTTP 413" in out

    return [
        ("restore", True, restore_valid),
        ("restore", False, restore_over),
        ("restore", False, restore_body),
        ("like", True, like_valid),
        ("like", False, like_over),
        ("paste", True, paste_valid),
        ("paste", False, paste_over),
        ("ask", True, ask_valid),
        ("ask", False, ask_over),
        ("ask", False, ask_body),
    ]


def _client(url: str, start: int, until: float, tally: dict, lock: threading.Lock) -> None:
    raw = Raw(url)
    actions = _actions(raw)
    for name, valid, act in itertools.islice(itertools.cycle(actions), start, None):
        if time.monotonic() > until:
            break
        try:
            good = act()
        except Exception as exc:  # counted as a failure, with its reason
            good, name = False, f"{name}: {exc!r}"[:200]
        key = ("valid" if valid else "oversized", good)
        with lock:
            tally[key] = tally.get(key, 0) + 1
            if not good:
                tally.setdefault("failures", []).append(name)
    raw.close()


def test_twenty_raw_clients_leave_the_server_bounded(server):
    pid, url, feedback = server
    warm = Raw(url)
    for _, _, act in _actions(warm):  # everything once, so the baseline has what stays
        act()
    time.sleep(6)  # the warm-up's session is freed
    before = rss_mb(pid)[0]
    tally, lock = {}, threading.Lock()
    until = time.monotonic() + BURST_S
    threads = [
        threading.Thread(target=_client, args=(url, i, until, tally, lock), daemon=True)
        for i in range(CLIENTS)
    ]
    for t in threads:
        t.start()
    peak = before
    while any(t.is_alive() for t in threads):
        peak = max(peak, rss_mb(pid)[0])
        time.sleep(0.5)
    time.sleep(SETTLE_S)
    after = rss_mb(pid)[0]
    size = feedback.stat().st_size if feedback.exists() else 0
    print(
        f"\n{CLIENTS} raw clients for {BURST_S:.0f} s: valid {tally.get(('valid', True), 0)} ok, "
        f"oversized {tally.get(('oversized', True), 0)} refused; failures "
        f"{tally.get('failures', [])[:5]}; RSS idle {before:.0f} MB, peak {peak:.0f} MB, "
        f"{SETTLE_S:.0f} s after {after:.0f} MB; feedback file {size:,} bytes"
    )
    assert tally.get(("valid", True), 0) > 0 and tally.get(("oversized", True), 0) > 0
    assert not tally.get("failures"), tally["failures"][:10]
    assert size <= tally.get(("valid", True), 0) * 20_000  # a record per answer voted on, at most
    assert after <= max(1.15 * before, before + 60)
