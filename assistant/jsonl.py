"""The one JSON Lines reader (batch questions, evaluation datasets, benchmarks).

A bad line never stops the file: it comes back as a :class:`BadLine` with its
number, and the caller reports it and goes on:

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "q.jsonl"
    >>> _ = path.write_bytes(b'{"question": "Where?"}\\n\\nnot json\\n[1]\\n')
    >>> for n, value in read_jsonl(path, "batch file"):
    ...     print(n, value)
    1 {'question': 'Where?'}
    3 line 3: not valid JSON (Expecting value)
    4 [1]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import DatasetError


@dataclass(frozen=True)
class BadLine:
    """A line that could not be read as JSON."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def read_jsonl(path: str | Path, what: str = "file") -> Iterator[tuple[int, object]]:
    """``(line number, value or BadLine)`` for every non-blank line of ``path``.

    ``what`` names the file in the error raised when it cannot be opened at all.
    """
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise DatasetError(f"Cannot read the {what} {path}: {exc.strerror}.") from None
    with f:
        for n, raw in enumerate(f, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield n, BadLine(n, "not UTF-8 text")
                continue
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, BadLine(n, f"not valid JSON ({exc.msg})")
            except RecursionError:
                yield n, BadLine(n, "not valid JSON (nested too deeply)")
