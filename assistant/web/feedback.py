"""Readers' thumbs up and down, one JSON line per rated answer, so real questions can become
evaluation items (docs/web.md, "Feedback").

What is recorded is what the server itself gave: when an answer is given, its question,
the history the answerer got, the answer and its citations are kept (:meth:`Feedback.given`)
under a new id; a vote names that id and brings only ``up`` or ``down`` and, maybe, one of
the listed reasons. A client cannot make the server record an answer it never gave:

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "feedback.jsonl"
    >>> feedback = Feedback(path, settle=60)
    >>> cite = {"id": 1, "text": "In Samarkand.", "start": 0, "end": 13}
    >>> answer = feedback.given(answer_record("Where?", [], "In Samarkand. [1]", True,
    ...                                       [cite], "extractive", "ab12"))
    >>> feedback.vote("tab-1", answer, "up"), feedback.vote("tab-1", "made-up", "up")
    (True, False)
    >>> feedback.vote("tab-1", answer, "down", "Wrong citation")
    True
    >>> feedback.flush()  # (written within a minute anyway)
    >>> [line] = path.read_text().splitlines()  # one record per answer: the last vote wins
    >>> record = json.loads(line)
    >>> record["rating"], record["reason"], record["question"], record["citations"][0]["text"]
    ('down', 'Wrong citation', 'Where?', 'In Samarkand.')

Votes settle for :data:`SETTLE_S` seconds before they are written, so a reader's change
of mind is one record. A vote changed after that replaces its own line, in place: each
line is written with room for any vote (trailing spaces, still one JSON object), and is
rewritten only while it is there as written (the same file, the same bytes); otherwise
the change is a new line with the same ``id``, and the last one counts. Each tab may vote
:data:`VOTES_PER_MINUTE` times a minute. The file grows
to :data:`MAX_FILE_BYTES`, is then moved aside once (``NAME.1``, if that name is free)
and then no longer written: nothing the assistant did not write is ever replaced.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from pathlib import Path

from .limits import REASONS

log = logging.getLogger(__name__)

SETTLE_S = 3.0  # a vote is written once it has stood this long
KEPT_ANSWERS = 2000  # answers a vote may still name (the newest), each of bounded size
VOTES_PER_MINUTE = 20  # per tab
MAX_FILE_BYTES = 20_000_000


def answer_record(
    question: str,
    history: list[dict],
    answer: str,
    answered: bool,
    citations: list[dict],
    answerer: str,
    article_sha256: str,
) -> dict:
    """What is kept of an answer the server gave: everything a dataset item needs."""
    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "question": question,
        "history": history,
        "answer": answer,
        "answered": answered,
        "citations": citations,
        "answerer": answerer,
        "article_sha256": article_sha256,
    }


class Feedback:
    """The answers given (the newest :data:`KEPT_ANSWERS`) and the votes on them."""

    def __init__(self, path: Path, settle: float = SETTLE_S, max_bytes: int = MAX_FILE_BYTES):
        self.path, self.settle, self.max_bytes = Path(path), settle, max_bytes
        self._answers: OrderedDict[str, dict] = OrderedDict()
        self._due: dict[str, float] = {}  # answer id -> when its vote is to be written
        self._votes: OrderedDict[str, list[float]] = OrderedDict()  # tab -> recent votes
        self._lock, self._wake = threading.Lock(), threading.Event()
        self._full = False
        self._writer: threading.Thread | None = None
        # where each recent answer's line is: answer id -> (file's inode, offset, digest)
        self._where: OrderedDict[str, tuple[int, int, bytes]] = OrderedDict()

    def given(self, record: dict) -> str:
        """Keep ``record`` (:func:`answer_record`) of an answer just given; its new id."""
        answer_id = secrets.token_hex(16)
        with self._lock:
            self._answers[answer_id] = {"id": answer_id, **record}
            while len(self._answers) > KEPT_ANSWERS:
                old, _ = self._answers.popitem(last=False)
                self._due.pop(old, None)  # a settled vote on it is lost, not half-written
        return answer_id

    def vote(self, tab: str, answer_id: str, rating: str, reason: str = "") -> bool:
        """Record ``rating`` (``up``/``down``) on an answer given here; False when the
        answer is unknown (never given, or long ago) or the tab votes too often."""
        now = time.monotonic()
        with self._lock:
            record = self._answers.get(answer_id)
            recent = [t for t in self._votes.pop(tab, []) if now - t < 60]
            self._votes[tab] = recent
            while len(self._votes) > KEPT_ANSWERS:
                self._votes.popitem(last=False)
            if record is None or rating not in ("up", "down") or len(recent) >= VOTES_PER_MINUTE:
                return False
            recent.append(now)
            record.update(rating=rating, reason=reason, voted=_utc())
            self._due[answer_id] = now + self.settle
        if self.settle <= 0:
            self.flush()
        else:
            self._start_writer()
            self._wake.set()
        return True

    def _start_writer(self) -> None:
        with self._lock:
            if self._writer is None:
                atexit.register(self.flush)  # votes not yet settled are written at exit
                self._writer = threading.Thread(target=self._write_on, daemon=True)
                self._writer.name = "feedback-writer"
                self._writer.start()

    def _write_on(self) -> None:
        while True:
            self._wake.wait(self.settle)
            self._wake.clear()
            self.flush(time.monotonic())

    def flush(self, now: float | None = None) -> None:
        """Write the votes that have settled by ``now`` (all of them when None)."""
        with self._lock:
            ready = [i for i, t in self._due.items() if now is None or t <= now]
            for i in ready:
                del self._due[i]
                line = _line(self._answers[i])
                if not self._rewrite(i, line):
                    self._append(line, i)

    def _rewrite(self, answer_id: str, data: bytes) -> bool:
        """Write ``data`` over the line of ``answer_id``, if it is there as written."""
        where = self._where.get(answer_id)
        if where is None:
            return False
        inode, start, digest = where
        try:
            with open(self.path, "r+b") as f:
                if os.fstat(f.fileno()).st_ino != inode:
                    return False
                f.seek(start)
                if hashlib.sha256(f.read(len(data))).digest() != digest:
                    return False
                f.seek(start)
                f.write(data)
        except OSError:
            return False
        self._where[answer_id] = (inode, start, hashlib.sha256(data).digest())
        return True

    def _append(self, data: bytes, answer_id: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            size = self.path.stat().st_size if self.path.exists() else 0
            if size + len(data) > self.max_bytes:
                aside = self.path.with_name(self.path.name + ".1")
                if self._full or aside.exists():
                    if not self._full:
                        log.warning(
                            "The feedback file %s is full (%d bytes) and %s is taken: votes "
                            "are not written until they are moved away.",
                            self.path,
                            self.max_bytes,
                            aside,
                        )
                    self._full = True
                    return
                self.path.rename(aside)
            with open(self.path, "ab") as f:
                start = f.tell()
                f.write(data)
                inode = os.fstat(f.fileno()).st_ino
            self._where[answer_id] = (inode, start, hashlib.sha256(data).digest())
            while len(self._where) > KEPT_ANSWERS:
                self._where.popitem(last=False)
        except OSError as exc:
            log.warning("Cannot write feedback to %s: %s", self.path, exc.strerror)


def _utc() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _line(record: dict) -> bytes:
    """``record`` as a JSON line with room for any other vote on it (trailing spaces), so
    that a changed vote can be written over it."""
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    widest = {**record, "rating": "down", "reason": max(REASONS, key=len), "voted": _utc()}
    room = len(json.dumps(widest, ensure_ascii=False).encode("utf-8")) - len(data)
    return data + b" " * max(room, 0) + b"\n"
