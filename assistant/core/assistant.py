"""The assistant: clean → read → query → retrieve → answer → check citations.

Its parts are passed in (:mod:`assistant.wiring` builds the default ones): a retriever has
``retrieve(query)`` and ``everything(query)`` (:class:`Retriever`), an answerer follows
:class:`assistant.core.answerer.Answerer`, and ``read(question, history)`` says what a
question asks (:class:`assistant.core.question.Question`):

    >>> from assistant.article.article import parse_article
    >>> from assistant.core.answerer import Answerer
    >>> article = parse_article("The summit is in Samarkand. Trade grew.")
    >>> class Retriever:
    ...     def retrieve(self, query):
    ...         return [Passage(1, "The summit is in Samarkand.", 0, 27)]
    >>> class Quote(Answerer):
    ...     name, label = "quote", "Quotes"
    ...     def stream(self, turn, retrieve):
    ...         yield f"{retrieve(turn.query)[0].text} [1] [7]"
    >>> r = Assistant(article, Retriever(), Quote()).ask("Where is the summit?")
    >>> r.answer, r.citations[0].end, r.trace.query
    ('The summit is in Samarkand. [1]', 27, 'Where is the summit?')

``stream`` yields the answer as it is written, then the checked :class:`Result`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..article.article import Article
from .answerer import REFUSAL, RESTART, Answerer, Outcome
from .citations import citation_ids, renumber, resolve_citations
from .conversation import MAX_QUESTION_CHARS, Turn, clean_text, retrieval_query, start_turn
from .question import Question
from .result import Passage, Result, Trace
from .review import Checker, Reviewed, Unchecked

log = logging.getLogger(__name__)

UNCITED = "This answer cites no passage of the article: check it before relying on it."


class Retriever(Protocol):
    def retrieve(self, query: str) -> list[Passage]:
        """The passages closest to ``query``, best first, numbered from 1."""
        ...

    def everything(self, query: str) -> list[Passage]:
        """Every passage, in article order, numbered from 1 (for whole-article questions)."""
        ...


class Lookup:
    """The retrieval an answerer asks for, by the question's scope; it keeps the last
    query and what it gave, for the trace."""

    def __init__(self, retriever: Retriever, scope: str) -> None:
        self.retriever, self.scope = retriever, scope
        self.query, self.passages, self.seconds = "", (), 0.0

    def __call__(self, query: str) -> list[Passage]:
        t0 = time.perf_counter()
        search = self.retriever.everything if self.scope == "article" else self.retriever.retrieve
        self.query, self.passages = query, tuple(search(query))
        self.seconds += time.perf_counter() - t0
        return list(self.passages)


def unread(question: str, history: Sequence[dict]) -> Question:
    """What is known of a question nobody reads: any history may be what it leans on."""
    return Question(question, follows_up=bool(history))


def removed_notice(count: int) -> str | None:
    """What a reader is told when claims were left out.

    >>> removed_notice(1)
    '1 statement was removed: the article does not support it.'
    """
    if not count:
        return None
    if count == 1:
        return "1 statement was removed: the article does not support it."
    return f"{count} statements were removed: the article does not support them."


@dataclass
class Assistant:
    article: Article
    retriever: Retriever
    answerer: Answerer
    max_question_chars: int = MAX_QUESTION_CHARS
    index_status: object = ""  # how the index was opened (assistant.index.store.IndexStatus)
    read: Callable[[str, Sequence[dict]], Question] = unread  # reads the question first
    checker: Checker = field(default_factory=Unchecked)  # checks each claim of an answer

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
        """Yield the checked pieces of the answer as they are written, then the Result.

        The answerer's text is cleaned like the question (control characters such as
        terminal escapes, and lone surrogates, become spaces), then reviewed claim by claim
        (:mod:`assistant.core.review`): only what the cited passages support is shown.
        """
        t0 = time.perf_counter()
        turn = start_turn(question, history, self.max_question_chars)
        asked = self.read(turn.question, turn.history)
        turn = replace(turn, asked=asked, query=retrieval_query(asked, turn.history))
        lookup = Lookup(self.retriever, asked.scope)
        outcome = [Outcome()]  # the answerer's latest word on its answer

        def given() -> list[Passage]:
            return [*lookup.passages, *outcome[0].cited]

        review = self.checker.review(asked, given)
        for piece in self.answerer.stream(turn, lookup):
            if isinstance(piece, Outcome):
                outcome[0] = piece
            elif piece is RESTART:  # what streamed so far is replaced by the new answer
                review = self.checker.review(asked, given)
                yield "\n\n"
            elif shown := review.feed(clean_text(piece)):
                yield shown
        reviewed = review.close()
        if reviewed.tail:
            yield reviewed.tail
        yield self._result(turn, lookup, outcome[0], reviewed, t0)

    def _decline(self, turn: Turn, lookup: Lookup, reviewed: Reviewed) -> str:
        """Nothing the article supports is left: the answer's own refusal, or the fixed
        one, and the closest passage when the answerer knows one that is related."""
        base = reviewed.text if reviewed.refusal and reviewed.text else REFUSAL
        closest = self.answerer.decline(turn, lookup)
        return f"{base} {closest}" if closest else base

    def _result(self, turn: Turn, lookup: Lookup, outcome: Outcome, reviewed: Reviewed, t0):
        """Decide whether the checked answer answers, resolve its citations, and record how
        it was reached."""
        text = reviewed.text
        if not outcome.answerer and self.answerer.finish(text) != text:
            # the asked answerer's last look replaced its own text (e.g. an echo of its rules)
            text, outcome = self.answerer.finish(text), replace(outcome, answered=False)
        answered = outcome.answered
        if answered is None and not turn.asked.about_article:
            answered = False  # small talk, a task, the byline: nothing from the article asked
        if answered is None and reviewed.claims:  # answers when a supported claim is left
            answered = any(c.supported and c.shown for c in reviewed.claims)
        elif answered is None:  # nothing was checked (no checker): read the text
            answered = bool(text.strip()) and not reviewed.refusal
        removed_all = any(c.supported is False for c in reviewed.claims) and not any(
            c.supported and c.shown for c in reviewed.claims
        )
        if answered and outcome.answered and removed_all and not text.strip():
            answered = False  # the answerer's answer, all of it left out: nothing to present
        if (outcome.answered is None or removed_all) and not answered and turn.asked.about_article:
            text = self._decline(turn, lookup, reviewed)
        passages = [*lookup.passages, *outcome.cited]
        text, citations = resolve_citations(text, passages, self.article.text)
        ids = citation_ids(passages, citations)
        notices = [outcome.notice, removed_notice(reviewed.removed)]
        if not citations and answered:  # nothing checked it, and it cites nothing
            notices.append(UNCITED)
        total = time.perf_counter() - t0
        answerer = outcome.answerer or self.answerer.name
        log.info(
            "query %r -> passages %s; %s in %.0f ms",
            lookup.query,
            [(p.start, p.end) for p in lookup.passages],
            answerer,
            1000 * total,
        )
        return Result(
            answer=text,
            answered=answered,
            citations=citations,
            answerer=answerer,
            timings={
                "retrieve_s": lookup.seconds,
                "answer_s": total - lookup.seconds,
                "total_s": total,
            },
            notice=" ".join(n for n in notices if n) or None,
            trace=Trace(lookup.query, lookup.passages, turn.asked, outcome.confidence),
            claims=tuple(renumber(c, ids) for c in reviewed.claims),
            invalid_markers=reviewed.invalid_markers,
        )
