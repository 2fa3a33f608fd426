"""The assistant: clean → query → retrieve → answer → check citations.

Its parts are passed in (:mod:`assistant.wiring` builds the default ones); a
retriever has ``retrieve(query) -> list[Passage]``, an answerer follows
:class:`assistant.core.answerer.Answerer`:

    >>> from assistant.article.article import parse_article
    >>> from assistant.core.answerer import Answerer
    >>> article = parse_article("The summit is in Samarkand. Trade grew.")
    >>> class Retriever:
    ...     def retrieve(self, query):
    ...         return [Passage(1, "The summit is in Samarkand.", 0, 27)]
    >>> class Quote(Answerer):
    ...     name, label = "quote", "Quotes"
    ...     def stream(self, turn):
    ...         yield f"{turn.passages[0].text} [1] [7]"
    >>> r = Assistant(article, Retriever(), Quote()).ask("Where is the summit?")
    >>> r.answer, r.citations[0].end, r.trace.query
    ('The summit is in Samarkand. [1]', 27, 'Where is the summit?')

``stream`` yields the answer as it is written, then the checked :class:`Result`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..article.article import Article
from ..reader.question import Question
from .answerer import RESTART, Answerer
from .citations import resolve_citations
from .conversation import MAX_QUESTION_CHARS, Turn, clean_text, retrieval_query, start_turn
from .result import Passage, Result, Trace
from .text import has_refused

log = logging.getLogger(__name__)

UNCITED = "This answer cites no passage of the article: check it before relying on it."


class Retriever(Protocol):
    def retrieve(self, query: str) -> list[Passage]:
        """The passages closest to ``query``, best first, numbered from 1."""
        ...

    def everything(self, query: str) -> list[Passage]:
        """Every passage, in article order, numbered from 1 (for whole-article questions)."""
        ...


@dataclass
class Assistant:
    article: Article
    retriever: Retriever
    answerer: Answerer
    max_question_chars: int = MAX_QUESTION_CHARS
    index_status: str = ""
    analyse: Callable[[str, list[dict]], Question] | None = None  # reads the question first

    @property
    def status(self) -> str:
        return self.answerer.label

    def ask(self, question: str, history: Sequence[dict] | None = None) -> Result:
        """Answer ``question`` (with optional earlier turns) in one go."""
        *_, result = self.stream(question, history)
        return result

    def stream(
        self, question: str, history: Sequence[dict] | None = None
    ) -> Iterator[str | Result]:
        """Yield pieces of the answer as they are written, then the checked Result.

        The answerer's text is cleaned like the question (control characters such as
        terminal escapes, and lone surrogates, become spaces) before anyone sees it.
        """
        t0 = time.perf_counter()
        turn = start_turn(question, history, self.max_question_chars)
        if self.analyse is not None:
            asked = self.analyse(turn.question, turn.history)
        else:  # nothing reads the question: any history may be what it leans on
            asked = Question(turn.question, follows_up=bool(turn.history))
        turn.asked = asked
        earlier = turn.history if asked.follows_up else []
        turn.query = self.answerer.rewrite(turn) or retrieval_query(asked.text, earlier)
        if asked.scope == "article":
            turn.passages = self.retriever.everything(turn.query)
        else:
            turn.passages = self.retriever.retrieve(turn.query)
        turn.retrieved = tuple(turn.passages)
        t1 = time.perf_counter()
        pieces: list[str] = []
        for piece in self.answerer.stream(turn):
            if piece is RESTART:
                pieces.clear()
                piece = "\n\n"  # what streamed so far is replaced by the new answer
            else:
                piece = clean_text(piece)
                pieces.append(piece)
            yield piece
        yield self._result(turn, "".join(pieces), t0, t1)

    def _result(self, turn: Turn, text: str, t0: float, t1: float) -> Result:
        """Check the citations of the streamed ``text`` and record how it was reached."""
        answerer = turn.answered_by or self.answerer
        text = answerer.finish(turn, text)
        text, citations = resolve_citations(text, turn.passages, self.article.text)
        answered = not has_refused(text) if turn.answered is None else turn.answered
        notice = turn.notice
        if not citations and answered:  # a reply to "hello" claims nothing to check
            notice = UNCITED
        t2 = time.perf_counter()
        timings = {"retrieve_s": t1 - t0, "answer_s": t2 - t1, "total_s": t2 - t0}
        log.info(
            "query %r -> passages %s; %s in %.0f ms",
            turn.query,
            [(p.start, p.end) for p in turn.passages],
            answerer.name,
            1000 * timings["total_s"],
        )
        return Result(
            answer=text,
            answered=answered,
            citations=citations,
            backend=answerer.name,
            timings=timings,
            notice=notice,
            trace=Trace(turn.query, turn.retrieved, turn.asked, turn.confidence),
        )
