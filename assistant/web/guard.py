"""What stands in front of the web app: a limit on the size of any request body, and a
record of which sessions have a page open.

Gradio reads a request's whole body before any event sees it, so a check in an event
comes too late for a 100 MB body. :class:`Guard` refuses a body over
:data:`~assistant.web.limits.MAX_REQUEST_BYTES` with HTTP 413 before the app reads it:
at once when its ``Content-Length`` says so, else as soon as that many bytes have come.
It also counts the page's heartbeat connections (``/gradio_api/heartbeat/SESSION``): a
session with one open belongs to a page still open (:mod:`assistant.web.sessions` frees
the others once they sit idle).

It is plain ASGI, passed to Gradio's app as a middleware (:func:`assistant.web.page.launch`).
"""

from __future__ import annotations

import json
import threading
from collections import Counter

from .limits import MAX_REQUEST_BYTES

HEARTBEAT = "/heartbeat/"


class Attendance:
    """The sessions that have a page open now (a heartbeat connection), and how many
    requests came since :meth:`requests_since` was last asked."""

    def __init__(self) -> None:
        self.open: Counter[str] = Counter()
        self.requests = 0
        self.lock = threading.Lock()

    def opened(self, session: str) -> None:
        with self.lock:
            self.open[session] += 1

    def closed(self, session: str) -> None:
        with self.lock:
            self.open[session] -= 1
            if self.open[session] <= 0:
                del self.open[session]

    def attended(self, session: str) -> bool:
        with self.lock:
            return self.open.get(session, 0) > 0

    def requests_since(self) -> int:
        """Requests since the last call (and count afresh)."""
        with self.lock:
            count, self.requests = self.requests, 0
            return count


class Guard:
    """ASGI middleware: body limit and attendance (see the module's docstring)."""

    def __init__(
        self, app, attendance: Attendance | None = None, max_bytes: int = MAX_REQUEST_BYTES
    ) -> None:
        self.app, self.max_bytes = app, max_bytes
        self.attendance = attendance or Attendance()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with self.attendance.lock:
            self.attendance.requests += 1
        path = scope.get("path", "")
        if HEARTBEAT in path:
            session = path.rsplit(HEARTBEAT, 1)[1].strip("/")
            self.attendance.opened(session)
            try:
                await self.app(scope, receive, send)
            finally:
                self.attendance.closed(session)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.max_bytes:
                await self._refuse(send, int(length) if length.isdigit() else None)
                return
            await self.app(scope, receive, send)  # the server holds the body to its length
            return
        if scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        body = await self._read(receive)  # no length given: read it here, up to the limit
        if body is None:
            await self._refuse(send, None)
            return
        await self.app(scope, replay(body, receive), send)

    async def _read(self, receive) -> bytes | None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _refuse(self, send, length: int | None) -> None:
        size = f"{length:,} bytes" if length is not None else "too large"
        error = (
            f"The request is {size}; the limit is {self.max_bytes:,} bytes. Send less: "
            "a question, the last few turns of a conversation, an article of up to 500 KB."
        )
        body = json.dumps({"error": error}).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def replay(body: bytes, receive):
    """A ``receive`` that gives ``body`` first, then whatever the connection sends."""
    sent = False

    async def again():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again
