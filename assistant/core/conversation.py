"""A conversation's rules, in one place: cleaning what the user sends, how much of the
earlier conversation is kept, and how a follow-up becomes a retrieval query.

Every surface (CLI, batch, web chat, ``/ask``, evaluation) goes through
:func:`start_turn`, so one budget bounds the history everywhere, and through
:func:`retrieval_query`, so one rule makes every query. A follow-up is retrieved as its
reader made it stand-alone; one its reader could not complete is retrieved after the
question it leans on (the latest, unless the reader says which), never after the whole
conversation:

    >>> turn = start_turn("What book did he write?",
    ...                   [{"role": "user", "content": "Who is Raffaello Pantucci?"},
    ...                    {"role": "assistant", "content": "A senior fellow [1]."}])
    >>> asked = Question(turn.question, follows_up=True)
    >>> retrieval_query(asked, turn.history)
    'Who is Raffaello Pantucci? What book did he write?'
    >>> made = Question(turn.question, follows_up=True,
    ...                 standalone="What book did Raffaello Pantucci write?")
    >>> retrieval_query(made, turn.history)
    'What book did Raffaello Pantucci write?'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import QuestionError
from .question import Question

MAX_QUESTION_CHARS = 2000
HISTORY_TURNS = 6  # earlier turns kept (user and assistant), newest last
TURN_CHARS = 2000  # each kept turn is cut to this many characters
QUERY_TURNS = 1  # earlier user questions an unfilled follow-up is retrieved after
# A history sent as JSON text (`ask --history FILE`, the /ask API) larger than this is
# refused before it is parsed: only the last HISTORY_TURNS turns are kept anyway.
MAX_HISTORY_JSON = 200_000


@dataclass(frozen=True)
class Turn:
    """One question to answer: cleaned, with its bounded history, read, and the retrieval
    query the conversation rule makes of it."""

    question: str
    history: list[dict]
    asked: Question | None = None  # what the question asks (None: not read yet)
    query: str = ""


def clean_text(text: str) -> str:
    """Control characters and lone surrogates become spaces; newlines and tabs stay.

    >>> clean_text("a\\x00b\\ud800c\\nd")
    'a b c\\nd'
    """
    return "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text)


def too_long(count: int, limit: int) -> str:
    """What a reader is told of a question over the limit (the web page's script says the
    same, with the count it shows).

    >>> too_long(2400, 2000)
    'The question is 2,400 characters long; the limit is 2,000. Ask a shorter question.'
    """
    return (
        f"The question is {count:,} characters long; the limit is {limit:,}. "
        "Ask a shorter question."
    )


def clean_question(question: object, max_chars: int = MAX_QUESTION_CHARS) -> str:
    """Strip control characters; reject empty and oversized questions."""
    if not isinstance(question, str):
        raise QuestionError("The question must be text.")
    text = " ".join(clean_text(question).split())
    if not text:
        raise QuestionError("The question is empty: type a question about the article.")
    if len(text) > max_chars:
        raise QuestionError(too_long(len(text), max_chars))
    return text


def is_turn(turn: object) -> bool:
    """Whether ``turn`` is a turn of a conversation: a "user" or "assistant" role and a text.

    >>> is_turn({"role": "user", "content": "Hi"}), is_turn({"role": "user"})
    (True, False)
    """
    return (
        isinstance(turn, dict)
        and turn.get("role") in ("user", "assistant")
        and isinstance(turn.get("content"), str)
    )


def clean_history(history: object) -> list[dict]:
    """The last :data:`HISTORY_TURNS` well-formed user/assistant turns, each cut to
    :data:`TURN_CHARS` and cleaned like a question; malformed turns are dropped.

    >>> clean_history([{"role": "system", "content": "x"}, {"role": "user", "content": "Hi"}])
    [{'role': 'user', 'content': 'Hi'}]
    """
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise QuestionError('The history must be a list of {"role", "content"} turns.')
    kept: list[dict] = []
    for turn in reversed(history):
        if len(kept) == HISTORY_TURNS:
            break
        if is_turn(turn) and turn["content"].strip():
            content = clean_text(turn["content"][:TURN_CHARS])
            kept.append({"role": turn["role"], "content": content})
    return kept[::-1]


def earlier_questions(history: Sequence[dict], turns: int = QUERY_TURNS) -> list[str]:
    """The last ``turns`` questions the user asked before this one."""
    return [h["content"] for h in history if h.get("role") == "user"][-turns:]


def retrieval_query(asked: Question, history: Sequence[dict] = ()) -> str:
    """What retrieval is given for ``asked``: the question itself when it does not lean on
    the conversation; a follow-up's stand-alone form; else the question it leans on (by
    default the user's last :data:`QUERY_TURNS`), then it."""
    if not asked.follows_up:
        return asked.text
    if asked.standalone:
        return asked.standalone
    earlier = [asked.leans_on] if asked.leans_on else earlier_questions(history)
    return " ".join([*earlier, asked.text]).strip()


def start_turn(
    question: object, history: object = None, max_question_chars: int = MAX_QUESTION_CHARS
) -> Turn:
    """A cleaned question and a bounded history, ready to be answered."""
    return Turn(clean_question(question, max_question_chars), clean_history(history))
