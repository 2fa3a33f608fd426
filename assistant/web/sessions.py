"""Per-session state freed when a session ends or sits idle, raw clients' too.

Gradio keeps every session's state (its copy of the page's components, the conversation,
a reader's own article) until 10,000 newer sessions push it out, and it only notices that a
session ended when a page's heartbeat connection closes, which a client without a page
never opens. :class:`Reaper` looks every :data:`EVERY_S` seconds: a session whose page is
open (:class:`~assistant.web.guard.Attendance`) is kept while it is used at least every
:data:`ATTENDED_IDLE_S`; any other is freed once it has not been used for ``idle_s``
seconds (``ASSISTANT_SESSION_IDLE``; a closed page's session too). Freeing calls the state's
``delete_callback`` (an own article gives its place back) and, when something was freed or
requests came, gives the freed memory back to the system (``malloc_trim`` where glibc has it):

    >>> import datetime
    >>> from assistant.web.guard import Attendance
    >>> class Holder:  # what Gradio's StateHolder has, for the example
    ...     def __init__(self):
    ...         self.session_data, self.lock = {"a": object(), "b": object()}, threading.Lock()
    ...         old = datetime.datetime.now() - datetime.timedelta(seconds=600)
    ...         self.time_last_used = {"a": old, "b": datetime.datetime.now()}
    ...     def delete_state(self, session):
    ...         pass
    >>> holder = Holder()
    >>> Reaper(Attendance(), idle_s=120).reap(holder)
    ['a']
    >>> sorted(holder.session_data)
    ['b']
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime
import gc
import logging
import threading
import time

from .guard import Attendance

log = logging.getLogger(__name__)

EVERY_S = 1.0  # how often sessions are looked at
ATTENDED_IDLE_S = 4 * 3600  # a session with its page open, unused this long, goes too
TRIM_EVERY_S = 5.0  # memory is given back at most this often


M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8  # glibc's mallopt parameters
MMAP_THRESHOLD = 128 * 1024  # larger blocks (request bodies, arrays) go back when freed
ARENA_MAX = 2  # heaps shared by the server's threads


def tune_allocator() -> bool:
    """Where glibc allocates, make freed memory easier to give back: blocks over
    :data:`MMAP_THRESHOLD` mapped on their own (glibc otherwise raises the threshold as
    large blocks come and go, and keeps them in its heaps), and :data:`ARENA_MAX` heaps
    for all threads (each of Gradio's worker threads got its own, fragmented). After a
    burst of 20 raw clients the server kept 90 MB more than before it; with this, 20."""
    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt if name else None
    except (OSError, AttributeError):
        return False
    if mallopt is None:
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) and mallopt(M_ARENA_MAX, ARENA_MAX))


def _libc_trim():
    """glibc's ``malloc_trim`` (None elsewhere): freed heap memory back to the system."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
    if trim is not None:
        trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


class Reaper:
    """Frees the state of sessions that ended or sat idle (see the module's docstring)."""

    def __init__(self, attendance: Attendance, idle_s: float) -> None:
        self.attendance, self.idle_s = attendance, idle_s
        self._trim, self._trimmed = _libc_trim(), 0.0
        self._stop = threading.Event()

    def reap(self, holder) -> list[str]:
        """Free the sessions of ``holder`` (Gradio's StateHolder) that are done; their ids."""
        now = datetime.datetime.now()
        done = []
        for session in list(holder.session_data):
            used = holder.time_last_used.get(session, now)
            idle = (now - used).total_seconds()
            limit = ATTENDED_IDLE_S if self.attendance.attended(session) else self.idle_s
            if idle > limit:
                done.append(session)
        for session in done:
            try:
                holder.delete_state(session)  # the states' delete_callback run here
            except Exception:  # one state's callback failing must not keep the rest
                log.exception("Freeing session %s", session)
            with holder.lock:
                holder.session_data.pop(session, None)
                holder.time_last_used.pop(session, None)
        return done

    def start(self, app) -> threading.Thread:
        """Look at ``app``'s sessions every :data:`EVERY_S` seconds, in a daemon thread."""
        thread = threading.Thread(target=self._run, args=(app,), name="sessions", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()

    def _run(self, app) -> None:
        busy = False
        stopped = getattr(app, "stop_event", None)  # set when the app is closed
        while not self._stop.wait(EVERY_S) and not (stopped and stopped.is_set()):
            try:
                freed = self.reap(app.state_holder)
                busy = busy or bool(freed) or self.attendance.requests_since() > 0
                if busy and time.monotonic() - self._trimmed > TRIM_EVERY_S:
                    self.give_back(collect=bool(freed))
                    busy = False
            except Exception:  # the server goes on; the next look may do better
                log.exception("Looking at the sessions failed")

    def give_back(self, collect: bool = False) -> None:
        """Return freed memory to the system (after a garbage collection, with ``collect``)."""
        if collect:
            gc.collect()
        if self._trim is not None:
            self._trim(0)
        self._trimmed = time.monotonic()
