"""Shared fixtures and fakes.

Fakes need no model: :class:`ScriptedAnswerer` plays back pieces (or fails like an
endpoint), :class:`KeywordRetriever` ranks the article's sentences by shared words,
:func:`scripted_transport` answers like an OpenAI endpoint at the ``httpx`` transport.
Integration fixtures use the real article and MiniLM (both ship with the install, so
tests stay offline) over an index built in a temporary folder; :class:`ScriptedOpenAI`
is a real local HTTP server, for the tests that start the CLI or the web app."""

from __future__ import annotations

import json
import socket
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.article.article import load_article
from assistant.config import Config
from assistant.core.answerer import Answerer
from assistant.core.assistant import Assistant
from assistant.core.result import Passage
from assistant.errors import BackendError
from assistant.reader.model import load_calibration

ROOT = Path(__file__).resolve().parent.parent  # the checkout
FAKE_KEY = "sk-test-DO-NOT-LEAK-1234567890abcdef"


class ScriptedAnswerer(Answerer):
    """Retrieves, then yields ``pieces``; raises ``fail`` (a BackendError) after
    ``fail_after`` of them.

    It retrieves for ``query`` (like an LLM's rewrite of a follow-up), or for the turn's own
    query when that is None; an exception as ``query`` is raised before retrieving. Every
    turn it was given is kept in ``turns``, what it retrieved last in ``passages``.
    """

    name, label = "scripted", "Scripted answerer"

    def __init__(self, *pieces, fail=None, fail_after=0, query=None, name="scripted"):
        self.pieces, self.fail, self.fail_after = pieces, fail, fail_after
        self.query, self.name, self.turns, self.passages = query, name, [], []

    def stream(self, turn, retrieve):
        self.turns.append(turn)
        if isinstance(self.query, Exception):
            raise self.query
        self.passages = retrieve(self.query or turn.query)
        for i, piece in enumerate(self.pieces):
            if self.fail is not None and i == self.fail_after:
                raise self.fail
            yield piece
        if self.fail is not None and self.fail_after >= len(self.pieces):
            raise self.fail


class KeywordRetriever:
    """The article's sentences that share the most words with the query (no model)."""

    def __init__(self, article, top_k: int = 3) -> None:
        self.article, self.top_k, self.queries = article, top_k, []

    def retrieve(self, query: str) -> list[Passage]:
        self.queries.append(query)
        words = set(query.lower().split())
        ranked = sorted(
            self.article.sentences, key=lambda s: -len(words & set(s.text.lower().split()))
        )
        return [Passage(n, s.text, s.start, s.end) for n, s in enumerate(ranked[: self.top_k], 1)]

    def everything(self, query: str) -> list[Passage]:
        self.queries.append(query)
        return [Passage(n, s.text, s.start, s.end) for n, s in enumerate(self.article.sentences, 1)]


def fake_bot(article, answerer=None, **kw) -> Assistant:
    """An assistant over the real article with a keyword retriever and a scripted answerer."""
    answerer = answerer or ScriptedAnswerer("Bali [1].")
    return Assistant(article, KeywordRetriever(article), answerer, **kw)


def sse(*pieces: str, finish: bool = True) -> bytes:
    """A streamed chat completion, as an OpenAI endpoint sends it."""
    body = b"".join(_chunk({"content": p}, None) for p in pieces)
    return body + (_chunk({}, "stop") + b"data: [DONE]\n\n" if finish else b"data: {broken")


def scripted_transport(*replies, requests=None):
    """An ``httpx.MockTransport`` playing ``replies`` in order (the last one repeats).

    A reply is an ``httpx.Response``, an exception to raise (e.g. ``httpx.ReadTimeout``),
    or bytes of a streamed answer (:func:`sse`). Requests are appended to ``requests``.
    """
    import httpx

    queue = list(replies)

    def handle(request):
        if requests is not None:
            requests.append({"path": request.url.path, "body": json.loads(request.content)})
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, bytes):
            return httpx.Response(200, content=reply, headers={"content-type": "text/event-stream"})
        return reply

    return httpx.MockTransport(handle)


def scripted_client(*replies, requests=None, **config):
    """An ``openai.OpenAI`` client whose transport plays ``replies`` (no network)."""
    import httpx

    from assistant.llm.client import make_client

    settings = {"openai_api_key": FAKE_KEY, "openai_max_retries": 0, **config}
    http = httpx.Client(transport=scripted_transport(*replies, requests=requests))
    return make_client(Config(**settings), http)


@pytest.fixture()
def backend_error():
    return BackendError("The OpenAI endpoint failed (500): try again later.")


@pytest.fixture(scope="session")
def article():
    return load_article()


@pytest.fixture(scope="session")
def embed_model():
    from assistant.index.embedder import load_minilm

    return load_minilm()


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, article, embed_model):
    from assistant.index.store import open_index

    path = tmp_path_factory.mktemp("index") / "index"
    open_index(article, embed_model, path)
    return path


@pytest.fixture(scope="session")
def retriever(article, embed_model, index_dir):
    from assistant.index.retrieval import HybridRetriever
    from assistant.index.store import open_index

    index, _ = open_index(article, embed_model, index_dir)
    return HybridRetriever(index, embed_model, top_k=6)


@pytest.fixture(scope="session")
def digest(article, embed_model, index_dir):
    from assistant.index.store import open_index
    from assistant.reader.digest import build_digest

    index, _ = open_index(article, embed_model, index_dir)
    return build_digest(article, index, embed_model)


@pytest.fixture(scope="session")
def extractive(digest):
    from assistant.reader.answerer import ExtractiveAnswerer

    return ExtractiveAnswerer(digest, load_calibration())


@pytest.fixture(scope="session")
def checker(article, digest):
    """The support checker over the shipped article, as the app wires it."""
    from assistant.support.checker import SupportChecker
    from assistant.support.review import Reviewer

    return Reviewer(SupportChecker(article, digest.weight, digest.word_vectors, digest.type_of))


@pytest.fixture()
def bot(article, retriever, extractive, digest, checker):
    """The offline assistant as shipped: the reader, and the check of what it says."""
    return Assistant(article, retriever, extractive, read=digest.analyse, checker=checker)


class ScriptedOpenAI:
    """An OpenAI-compatible server that plays back scripted replies, in order.

    Each reply is a dict: ``{"stream": [str, ...]}`` for a streamed answer,
    ``{"text": str}`` for a plain completion, ``{"status": 401}`` for an error,
    ``{"cut": [str, ...]}`` for a stream that stops mid-way, ``{"raw": bytes}``
    for a malformed body, ``{"sleep": seconds}`` to stall. The last reply repeats.
    """

    def __init__(self) -> None:
        self.replies: list[dict] = []
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(
                    {"path": self.path, "body": body, "headers": dict(self.headers)}
                )
                if self.path.endswith("/embeddings"):
                    server.play(self, {"json": _embeddings(body["input"])})
                    return
                reply = server.replies.pop(0) if len(server.replies) > 1 else server.replies[0]
                server.play(self, reply)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def play(self, h: BaseHTTPRequestHandler, reply: dict) -> None:
        if "sleep" in reply:
            time.sleep(reply["sleep"])
            return
        if "status" in reply:
            body = json.dumps({"error": {"message": "scripted failure", "type": "x"}}).encode()
            h.send_response(reply["status"])
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
            return
        if "raw" in reply:
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(reply["raw"])))
            h.end_headers()
            h.wfile.write(reply["raw"])
            return
        if "text" in reply or "json" in reply:
            body = json.dumps(reply.get("json") or _completion(reply["text"])).encode()
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
            return
        pieces = reply.get("stream") or reply.get("cut") or []
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.end_headers()
        for piece in pieces:
            h.wfile.write(_chunk({"content": piece}, None))
            h.wfile.flush()
        if "stream" in reply:
            h.wfile.write(_chunk({}, "stop"))
            h.wfile.write(b"data: [DONE]\n\n")
        else:
            h.wfile.write(b"data: {broken")  # cut mid-stream
        h.wfile.flush()
        h.close_connection = True

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _chunk(delta: dict, finish_reason: str | None) -> bytes:
    chunk = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "scripted",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }
    return f"data: {json.dumps(chunk)}\n\n".encode()


def _embeddings(texts: list[str]) -> dict:
    """Deterministic bag-of-words vectors: texts sharing words are close."""
    import hashlib
    import math
    import re

    data = []
    for i, text in enumerate(texts):
        v = [0.0] * 64
        for w in re.findall(r"\w+", text.lower()):
            v[int(hashlib.md5(w.encode()).hexdigest(), 16) % 64] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        data.append({"object": "embedding", "index": i, "embedding": [x / norm for x in v]})
    return {
        "object": "list",
        "data": data,
        "model": "scripted",
        "usage": {"prompt_tokens": 0, "total_tokens": 0},
    }


def _completion(text: str) -> dict:
    return {
        "id": "c1",
        "object": "chat.completion",
        "created": 0,
        "model": "scripted",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
    }


@contextmanager
def running_app(bot, session_idle: float | None = None, **ui):
    """The web app for ``bot`` (``build_ui``'s options in ``ui``) on a free port of
    127.0.0.1; yields its URL. ``session_idle``: seconds before a closed page's session
    (and its own article) is freed."""
    from assistant.web.page import build_ui, launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = build_ui(bot, **ui)
    idle = {} if session_idle is None else {"session_idle": session_idle}
    _, url, _ = launch(
        demo,
        prevent_thread_lock=True,
        server_name="127.0.0.1",
        server_port=port,
        quiet=True,
        **idle,
    )
    try:
        yield url
    finally:
        demo.close()


@pytest.fixture()
def openai_server():
    server = ScriptedOpenAI()
    yield server
    server.close()


@contextmanager
def app_process(script: str, *args: str, wait: float = 30):
    """A web app in its own process (so its memory is measured alone): ``script`` prints the
    app's URL, then serves until its stdin is closed. Yields the process id and the URL."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), "the server did not start"
        yield proc.pid, url
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            proc.kill()
