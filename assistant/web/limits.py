"""What the web server takes from a client: one set of limits and one check per kind of
input, enforced on the server for every event, whatever the page's script would send.

Gradio's events are callable by any client that names them (``fn_index``), so the page's
own events (restore, like, paste, upload) are checked like the public ``/ask``: types,
the size of each field, the number of exchanges, the total. A request body over
:data:`MAX_REQUEST_BYTES` is refused before it is read (:mod:`assistant.web.guard`).

    >>> check_vote('{"index": 1, "liked": "down"}')
    (1, 'down', '')
    >>> check_vote('{"index": 1, "liked": "Wrong citation"}')
    (1, 'down', 'Wrong citation')
    >>> check_vote('{"index": 1, "liked": "xxxxxxxxxx"}')
    Traceback (most recent call last):
    assistant.errors.LimitError: A vote is up or down, or one of the listed reasons.
    >>> check_saved({"article": "ab", "exchanges": [{"question": "Q" * 10**6}]}, 2000)
    Traceback (most recent call last):
    assistant.errors.LimitError: A saved exchange is over the limits (a question of at most ...
"""

from __future__ import annotations

import json

from ..article.formats import decode_text, text_of
from ..core.conversation import MAX_HISTORY_JSON, too_long
from ..errors import ArticleError, LimitError, QuestionError

MAX_REQUEST_BYTES = 2_000_000  # any request body: the largest valid one is about 1.3 MB
MAX_UPLOAD_BYTES = 500_000  # an own article, uploaded or pasted, before it is parsed
MAX_ARTICLE_CHARS = 60_000  # its text, once extracted: ten times the shipped article
MAX_SAVED_EXCHANGES = 50  # a conversation, in the browser and on the server (oldest go)
MAX_ANSWER_CHARS = 20_000  # one answer as saved
MAX_CITATIONS = 40  # one answer's citations
MAX_NOTICE_CHARS = 1_000  # the note under an answer
MAX_ID_CHARS = 64  # an answer's id
MAX_NAME_CHARS = 200  # a reader's own article's name (its file name, or "pasted text")
MAX_OFFERED = 3  # questions offered under an answer
MAX_OFFERED_CHARS = 300  # each of them
MAX_VOTE_CHARS = 200  # a vote as the page sends it (JSON text)
MAX_SAVED_CHARS = 1_500_000  # a whole saved conversation, every string counted
REASONS = ("Wrong answer", "Wrong citation", "The article does say")  # a thumbs-down's why
VOTES = {"up": "up", "down": "down"}


def check_question_size(question: object, limit: int) -> None:
    """A quick refusal of a question far over ``limit``, before it is cleaned character by
    character (the full check is :func:`assistant.core.conversation.clean_question`)."""
    if not isinstance(question, str):
        raise QuestionError("The question must be text.")
    if len(question) > 10 * limit:
        raise QuestionError(too_long(len(question), limit))


def check_history_text(history: object) -> str:
    """``/ask``'s history: JSON text (or nothing) of at most ``MAX_HISTORY_JSON`` characters."""
    if history is None:
        return ""
    if not isinstance(history, str):
        raise LimitError('history must be JSON text: a list of {"role", "content"} turns.')
    if len(history) > MAX_HISTORY_JSON:
        raise LimitError(
            f"The history is {len(history):,} characters long; the limit is "
            f"{MAX_HISTORY_JSON:,}. Send the last few turns only."
        )
    return history


def _chars(value: object, budget: int) -> int:
    """Characters in the strings of a JSON value (keys too), counted until over ``budget``."""
    count, stack = 0, [value]
    while stack and count <= budget:
        item = stack.pop()
        if isinstance(item, str):
            count += len(item)
        elif isinstance(item, dict):
            stack += list(item.keys()) + list(item.values())
        elif isinstance(item, list):
            stack += item
        count += 1
    return count


def _fits(item: object, max_question: int) -> bool:
    if not isinstance(item, dict):
        return True  # dropped when restored, as any malformed part is
    sizes = {
        "question": max_question,
        "answer": MAX_ANSWER_CHARS,
        "notice": MAX_NOTICE_CHARS,
        "id": MAX_ID_CHARS,
        "vote": MAX_VOTE_CHARS,
    }
    for key, most in sizes.items():
        if isinstance(item.get(key), str) and len(item[key]) > most:
            return False
    offered = item.get("suggested")
    if isinstance(offered, list) and (
        len(offered) > MAX_OFFERED
        or any(isinstance(q, str) and len(q) > MAX_OFFERED_CHARS for q in offered)
    ):
        return False
    cites = item.get("citations")
    return not isinstance(cites, list) or len(cites) <= MAX_CITATIONS


def _check_exchanges(items: object, max_question: int) -> None:
    if not isinstance(items, list):
        return
    if len(items) > MAX_SAVED_EXCHANGES:
        raise LimitError(f"A saved conversation has over {MAX_SAVED_EXCHANGES} exchanges.")
    if not all(_fits(item, max_question) for item in items):
        raise LimitError(
            f"A saved exchange is over the limits (a question of at most {max_question:,} "
            f"characters, an answer of {MAX_ANSWER_CHARS:,}, {MAX_CITATIONS} citations)."
        )


def _check_own(own: object) -> None:
    """A reader's own article as the browser keeps it: its text and its name."""
    if not isinstance(own, dict):
        return
    text, name = own.get("text"), own.get("name")
    if isinstance(text, str) and len(text) > MAX_ARTICLE_CHARS:
        raise LimitError(f"A saved article is over {MAX_ARTICLE_CHARS:,} characters.")
    if isinstance(name, str) and len(name) > MAX_NAME_CHARS:
        raise LimitError(f"A saved article's name is over {MAX_NAME_CHARS} characters.")


def check_saved(saved: object, max_question: int) -> object:
    """What the browser keeps (:mod:`assistant.web.desk`), as a restore sends it: the
    conversation, a reader's own article, and the conversation set aside. Refused whole
    when over a limit (a forged one is not worth keeping a part of); malformed parts are
    dropped later, when it is restored."""
    if saved is None or not isinstance(saved, dict):
        return saved
    if _chars(saved, MAX_SAVED_CHARS) > MAX_SAVED_CHARS:
        raise LimitError(f"A saved conversation is over {MAX_SAVED_CHARS:,} characters.")
    _check_exchanges(saved.get("exchanges"), max_question)
    _check_own(saved.get("own"))
    aside = saved.get("aside")
    if isinstance(aside, dict):
        _check_exchanges(aside.get("exchanges"), max_question)
        _check_own(aside.get("own"))
    return saved


def check_vote(data: object) -> tuple[int, str, str]:
    """A vote as the page sends it, JSON text of ``{"index", "liked"}``: the answer's
    place in the conversation, and up, down or one of :data:`REASONS` (a down with that
    reason). Returns (index, rating, reason)."""
    if not isinstance(data, str) or len(data) > MAX_VOTE_CHARS:
        raise LimitError("A vote names an answer and is up or down.")
    try:
        data = json.loads(data)
    except ValueError:
        raise LimitError("A vote names an answer and is up or down.") from None
    if not isinstance(data, dict):
        raise LimitError("A vote names an answer and is up or down.")
    index, liked = data.get("index"), data.get("liked")
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < 2**31:
        raise LimitError("A vote names an answer by its place in the conversation.")
    if isinstance(liked, str) and liked in REASONS:
        return index, "down", liked
    if isinstance(liked, str) and liked in VOTES:
        return index, VOTES[liked], ""
    raise LimitError("A vote is up or down, or one of the listed reasons.")


def article_text(raw: str | bytes, suffix: str = "", extracted: bool = False) -> str:
    """A reader's own article (pasted text, or an uploaded file's bytes): at most
    :data:`MAX_UPLOAD_BYTES` before it is parsed, at most :data:`MAX_ARTICLE_CHARS` of text
    after (a 500 KB web page holds far less text than that). ``extracted``: the text is
    already an article's text (as the browser keeps it), taken as it is."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_UPLOAD_BYTES:
        raise ArticleError(
            f"The article is {size:,} bytes; the limit here is {MAX_UPLOAD_BYTES:,} "
            "(500 KB). Use a shorter one."
        )
    text = decode_text(raw, "The file") if isinstance(raw, bytes) else raw
    if not text.strip():
        raise ArticleError("The article is empty: paste its text or upload a file.")
    text = text if extracted else text_of(text, suffix)
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(
            f"The article is {len(text):,} characters long; the limit here is "
            f"{MAX_ARTICLE_CHARS:,}. Use a shorter one."
        )
    if not text.strip():
        raise ArticleError("The article is empty: paste its text or upload a file.")
    return text
