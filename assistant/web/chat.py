"""The chat's callbacks as plain functions and generators: no browser or server needed.

``respond`` streams an answer: it yields (chat messages, exchanges, status line) as the
answer is written, then once more with the finished exchange:

    >>> from assistant.article.article import parse_article
    >>> from assistant.core.result import Citation, Result
    >>> class Scripted:
    ...     article = parse_article("The summit is in Samarkand.")
    ...     answerer = type("A", (), {"name": "quotes", "label": "Quotes",
    ...                               "finish": lambda self, text: text})()
    ...     def stream(self, question, history):
    ...         yield "In Samarkand. [1]"
    ...         cite = Citation(1, "The summit is in Samarkand.", 0, 27)
    ...         yield Result("In Samarkand. [1]", True, [cite], "quotes")
    >>> *_, (chat, exchanges, status) = respond(Scripted(), "Where?", [])
    >>> exchanges[-1].answer, 'data-start="0" data-end="27"' in chat[-1]["content"]
    ('In Samarkand. [1]', True)

A :class:`Session` is one tab's state, with its own lock: while it is answering, another
question is not taken (the box keeps it), and "Stop" knows what had been written. Stop is
cooperative: :func:`answering` passes an answer's updates on only while its question is
the session's, and :func:`stopped` waits (briefly) for it to notice, so nothing of a
stopped answer is written over what Stop shows.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from ..core.citations import MARKER
from ..core.conversation import clean_question, too_long
from ..core.result import Result
from ..errors import AssistantError
from ..wiring import OFFLINE
from .render import messages, render_pending, render_question
from .state import Exchange, history

log = logging.getLogger(__name__)

FELL_BACK = "The language model did not answer, so this answer quotes the article instead."
BROKEN = "Something went wrong inside the assistant; the error is in the server log."
STOP_WAIT = 1.0  # seconds Stop waits for a stopped answer to write nothing more


@dataclass
class Session:
    """One tab: the question being answered (``pending`` until an answer takes it)."""

    busy: bool = False
    pending: str | None = None
    question: str = ""
    written: str = ""
    ticket: int = 0  # counts accepted and stopped questions: a late finish unlocks nothing
    streaming: int | None = None  # the ticket whose answer is being written

    def __post_init__(self) -> None:
        self.lock = threading.Lock()  # not fields: Gradio copies the fields of a State
        self.quiet = threading.Condition(self.lock)  # notified when an answer ends

    def __deepcopy__(self, memo: dict) -> Session:
        """A new tab's copy (``gr.State`` deep-copies its first value): its own lock."""
        return Session(self.busy, self.pending, self.question, self.written, self.ticket, None)


def accept(session: Session, question: str, max_chars: int) -> str | None:
    """Take ``question`` for answering, or say why not (``""``: ignore it silently).

    >>> s = Session()
    >>> accept(s, "  ", 100), accept(s, "Where?", 100), accept(s, "And?", 100)
    ('', None, '')
    >>> accept(Session(), "x" * 101, 100)
    'The question is 101 characters long; the limit is 100. Ask a shorter question.'
    """
    if not isinstance(question, str) or not question.strip():
        return ""
    if len(question) > max_chars:  # as typed: the count the page shows under the box
        return too_long(len(question), max_chars)
    try:
        clean_question(question, max_chars)
    except AssistantError as exc:
        return str(exc)
    with session.lock:
        if session.busy:
            return ""
        session.busy, session.pending, session.question, session.written = True, question, "", ""
        session.ticket += 1
    return None


def claim(session: Session) -> tuple[str | None, int]:
    """The accepted question, taken once (None: nothing is waiting), and its ticket."""
    with session.lock:
        question, session.pending = session.pending, None
        if question is not None:
            session.question, session.streaming = question, session.ticket
        return question, session.ticket


def finished(session: Session, ticket: int) -> None:
    """The answer for ``ticket`` is over: unlock, unless a newer question was taken since."""
    with session.lock:
        if session.ticket == ticket:
            session.busy, session.question = False, ""
        if session.streaming == ticket:
            session.streaming = None
            session.quiet.notify_all()


def answering(session: Session, ticket: int, updates: Iterator, idle: object = None) -> Iterator:
    """``updates`` for the answer to ``ticket``, passed on while it is the session's
    question: after Stop (or a newer question) the next one ends it, unseen, and closes
    the answer (a language model's stream with it). An answer stopped before it wrote
    anything yields ``idle`` once: Gradio clears the outputs of an event that yields nothing.

    >>> s = Session()
    >>> _ = accept(s, "Where?", 100); question, ticket = claim(s)
    >>> def writing():
    ...     yield "In"
    ...     _ = stopped(None, [], s, wait=0)  # the reader presses Stop here
    ...     yield "In Bali"
    >>> list(answering(s, ticket, writing(), idle="no change")), s.streaming
    (['In'], None)
    """
    wrote = False
    try:
        for update in updates:
            if session.ticket != ticket:
                break
            wrote = True
            yield update
        if not wrote:
            yield idle
    finally:
        getattr(updates, "close", lambda: None)()  # a generator: its own finally runs now
        finished(session, ticket)


def reader_status(assistant, result: Result | None = None) -> str:
    """The status line, in a reader's words.

    >>> class Bot: answerer = type("A", (), {"name": "openai", "label": "OpenAI gpt-4o-mini"})()
    >>> reader_status(Bot())
    'Answers are written by OpenAI gpt-4o-mini from quotes of the article.'
    >>> reader_status(Bot(), Result("Bali. [1]", True, [], "extractive"))
    'Answers quote the article (offline) for now: the language model did not answer.'
    """
    name = assistant.answerer.name
    if name == OFFLINE:
        return "Answers quote the article (offline)."
    if result is not None and result.answerer != name:
        return "Answers quote the article (offline) for now: the language model did not answer."
    return f"Answers are written by {assistant.answerer.label} from quotes of the article."


def reader_notice(assistant, result: Result) -> str | None:
    """What a reader is told about ``result``: after a fallback, plain words (the
    operator's detail is in the log); otherwise the result's own notice."""
    if result.answerer != assistant.answerer.name:
        log.warning("Answered offline instead of %s: %s", assistant.answerer.name, result.notice)
        return FELL_BACK
    return result.notice


def respond(
    assistant,
    question: str,
    exchanges: list[Exchange],
    session: Session | None = None,
    offer: Callable[[Result, list[dict]], list[str]] | None = None,
) -> Iterator[tuple[list[dict], list[Exchange], str]]:
    """Stream the answer to ``question``; the last yield holds the finished exchange.

    What the assistant yields is shown as it comes: the core yields only claims it has
    checked, whole (:meth:`assistant.core.assistant.Assistant.stream`), so nothing is held
    back here. ``offer(result, history)``: questions to offer after the answer."""
    session = session or Session()
    earlier = messages(exchanges, assistant.article, last=False)
    asked = {"role": "user", "content": render_question(question)}
    try:
        turns = history(exchanges)
        for item in assistant.stream(question, turns):
            if isinstance(item, Result):
                done = Exchange.from_result(question, item, reader_notice(assistant, item))
                if offer is not None:
                    done = replace(done, suggested=tuple(offer(item, turns)))
                exchanges = [*exchanges, done]
                yield (
                    messages(exchanges, assistant.article),
                    exchanges,
                    reader_status(assistant, item),
                )
                return
            session.written += item
            pending = {"role": "assistant", "content": render_pending(session.written)}
            yield [*earlier, asked, pending], exchanges, reader_status(assistant)
    except AssistantError as exc:
        problem = str(exc)
    except Exception:  # a bug: logged for us, a plain sentence for the reader
        log.exception("The web chat failed to answer %r", question)
        problem = BROKEN
    exchanges = [*exchanges, Exchange(question, "", (), problem, answered=False)]
    yield messages(exchanges, assistant.article), exchanges, reader_status(assistant)


def stopped(
    assistant, exchanges: list[Exchange], session: Session, wait: float = STOP_WAIT
) -> list[Exchange]:
    """The conversation after the reader pressed Stop: the question stays, with what of
    its answer had been shown, marked as stopped (``assistant`` None: it was still loading).
    The answer being written is told to stop, and waited for up to ``wait`` seconds, so
    that what it had shown is all there is (see :func:`answering`).
    A question taken but not yet being answered (a busy server queues it) stays too.
    The answer's ``[n]`` markers go: its citations were never resolved, and a marker
    that leads nowhere promises what it cannot keep (the page offers to ask again).

    >>> s = Session(busy=True, question="Where?", written="In Bali [1]. The")
    >>> stopped(object(), [], s)[0].answer
    'In Bali. The'
    """
    with session.quiet:
        question = session.question or session.pending or ""
        session.busy, session.pending, session.question = False, None, ""
        session.ticket += 1
        session.quiet.wait_for(lambda: session.streaming is None, timeout=wait)
        written = session.written
    if not question:
        return exchanges
    shown = unmarked(written) if assistant is not None else ""
    return [*exchanges, Exchange(question, shown, (), None, stopped=True, answered=False)]


def unmarked(text: str) -> str:
    """``text`` without its ``[n]`` markers (and the space before each)."""
    return re.sub(r"\s*" + MARKER.pattern, "", text)
