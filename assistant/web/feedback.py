"""Readers' thumbs up and down, one JSON line each, so real questions can become
evaluation items (docs/web.md, "Feedback"):

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "feedback.jsonl"
    >>> record = feedback_record(
    ...     True, "Where?", [], "In Samarkand. [1]", True,
    ...     [{"id": 1, "text": "In Samarkand.", "start": 0, "end": 13}], "extractive", "ab12")
    >>> append_feedback(path, record)
    >>> line = json.loads(path.read_text())
    >>> line["rating"], line["question"], line["citations"][0]["text"], line["answered"]
    ('up', 'Where?', 'In Samarkand.', True)

Lines are appended whole under a lock, so concurrent readers never interleave.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

_LOCK = threading.Lock()


def feedback_record(
    liked: bool | str,
    question: str,
    history: list[dict],
    answer: str,
    answered: bool,
    citations: list[dict],
    answerer: str,
    article_sha256: str,
) -> dict:
    """One feedback line: the rating and everything needed to turn it into a dataset item."""
    rating = "up" if liked is True else "down" if liked is False else str(liked)
    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rating": rating,
        "question": question,
        "history": history,
        "answer": answer,
        "answered": answered,
        "citations": citations,
        "answerer": answerer,
        "article_sha256": article_sha256,
    }


def append_feedback(path: Path, record: dict) -> None:
    """Append ``record`` as one line of ``path`` (created with its folder if missing)."""
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _LOCK:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as f:
            f.write(line)
