"""What the command line prints and reads: log lines on stderr, an answer with its cited
passages, one JSON object a line, a history file.

    >>> json_line({"answer": "Bali"})
    '{"answer": "Bali"}'
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from ..core.conversation import MAX_HISTORY_JSON, clean_text, is_turn
from ..errors import DatasetError

LOG_HANDLER = "assistant-stderr"
MAX_HISTORY_FILE_BYTES = MAX_HISTORY_JSON


class _Stderr(logging.StreamHandler):
    """A handler that writes to ``sys.stderr`` as it is when a record comes, not as it was
    when the handler was made (a test, or a caller, may have replaced it since)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def configure_logging(verbose: bool = False) -> None:
    """Log to stderr: the assistant's warnings and libraries' errors; with ``verbose`` the
    assistant's information and libraries' warnings too (trafilatura warns "discarding
    data: None" of a page it finds empty, beside the assistant's own clear error). The
    filter sits on the handler, because libraries set their loggers' levels themselves
    (bm25s sets its own to DEBUG when imported)."""
    ours = logging.INFO if verbose else logging.WARNING
    theirs = logging.WARNING if verbose else logging.ERROR
    handler = _Stderr()
    handler.set_name(LOG_HANDLER)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.addFilter(
        lambda r: r.levelno >= (ours if r.name.split(".")[0] == "assistant" else theirs)
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == LOG_HANDLER]:
        root.removeHandler(old)  # configured again (a second run in one process)
    root.addHandler(handler)
    root.setLevel(ours)


def format_result(result) -> str:
    """The answer, then each cited passage with its place in the article; text from the
    article or an answerer cannot drive the terminal (no control characters)."""
    lines = [result.answer]
    if result.notice:
        lines += ["", f"Note: {result.notice}"]
    if result.citations:
        lines.append("")
        for c in result.citations:
            lines.append(f'[{c.id}] "{c.text}" (chars {c.start}-{c.end})')
    return clean_text("\n".join(lines))


def read_history(path: str) -> list[dict]:
    """A JSON list of ``{"role", "content"}`` turns."""
    try:
        if Path(path).stat().st_size > MAX_HISTORY_FILE_BYTES:
            raise DatasetError(
                f"The history file {path} is over {MAX_HISTORY_FILE_BYTES:,} bytes: "
                "keep the last few turns only."
            )
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DatasetError(f"Cannot read the history file {path}: {exc.strerror}.") from None
    except (ValueError, RecursionError) as exc:
        raise DatasetError(f"The history file {path} is not valid JSON: {exc}.") from None
    if not isinstance(data, list) or not all(isinstance(t, dict) for t in data):
        raise DatasetError(f'The history file {path} must be a JSON list of {{"role", "content"}}.')
    for n, turn in enumerate(data, start=1):
        if not is_turn(turn):
            raise DatasetError(
                f'Turn {n} of the history file {path} needs a "role" of "user" or '
                f'"assistant" and a "content" text.'
            )
    return data


def json_line(obj: object) -> str:
    """One line of JSON, UTF-8 where it can be; a lone surrogate (which UTF-8 cannot
    carry) makes it ASCII with escapes, still valid JSON."""
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(obj)
    return text
