"""The assistant: retrieve passages, let an answerer write, check the citations.

Dependencies are passed in; :func:`load_assistant` wires the defaults:

    >>> bot = load_assistant(Config.from_env())                         # doctest: +SKIP
    >>> r = bot.ask("Where will the G20 leaders meet in November?")     # doctest: +SKIP
    >>> r.answered, r.citations[0].text[:40]                            # doctest: +SKIP
    (True, 'The summits will also provide an out-of-')

``stream`` yields the answer as it is written, then the checked :class:`Result`.
If the OpenAI answerer fails, the question is answered offline and the result
says so in ``notice``.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .article import Article
from .citations import resolve_citations
from .config import Config
from .errors import BackendError, QuestionError
from .result import Result
from .retrieval import retrieval_query
from .text import has_refused

log = logging.getLogger(__name__)


def clean_question(question: object, max_chars: int) -> str:
    """Strip control characters; reject empty and oversized questions."""
    if not isinstance(question, str):
        raise QuestionError("The question must be text.")
    text = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in question
    )
    text = " ".join(text.split())
    if not text:
        raise QuestionError("The question is empty: type a question about the article.")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Ask a shorter question."
        )
    return text


def clean_history(history: Sequence[dict] | None) -> list[dict]:
    """Keep well-formed user/assistant turns only."""
    out = []
    for turn in history or []:
        if isinstance(turn, dict) and turn.get("role") in ("user", "assistant"):
            content = turn.get("content")
            if isinstance(content, str) and content.strip():
                out.append({"role": turn["role"], "content": content})
    return out


@dataclass
class Assistant:
    article: Article
    retriever: object  # has .retrieve(query) -> list[Passage]
    answerer: object  # has .name, .label and .stream(question, passages, history)
    fallback: object | None = None  # answerer used when ``answerer`` fails
    max_question_chars: int = 2000
    index_status: str = ""

    @property
    def status(self) -> str:
        return self.answerer.label

    def _fall_back(self, exc: BackendError) -> BackendError:
        """Log a failed endpoint and check there is an offline answerer to use instead."""
        if self.fallback is None:
            raise exc
        log.warning("Answerer %s failed: %s", self.answerer.name, exc)
        return exc

    def ask(self, question: str, history: Sequence[dict] | None = None) -> Result:
        """Answer ``question`` (with optional earlier turns) in one go."""
        result = None
        for item in self.stream(question, history):
            if isinstance(item, Result):
                result = item
        return result

    def stream(
        self, question: str, history: Sequence[dict] | None = None
    ) -> Iterator[str | Result]:
        """Yield pieces of the answer as they are written, then the checked Result."""
        t0 = time.perf_counter()
        question = clean_question(question, self.max_question_chars)
        history = clean_history(history)
        query, failure = retrieval_query(question, history), None
        if history and hasattr(self.answerer, "rewrite"):
            try:
                query = self.answerer.rewrite(question, history)
            except BackendError as exc:
                failure = self._fall_back(exc)
        passages = self.retriever.retrieve(query)
        t1 = time.perf_counter()
        answerer = self.answerer if failure is None else self.fallback
        pieces: list[str] = []
        try:
            for piece in answerer.stream(question, passages, history):
                pieces.append(piece)
                yield piece
        except BackendError as exc:
            if answerer is self.fallback:
                raise
            failure, answerer, pieces = self._fall_back(exc), self.fallback, []
            yield "\n\n"  # what streamed so far is replaced by the offline answer
            for piece in answerer.stream(question, passages, history):
                pieces.append(piece)
                yield piece
        notice = None if failure is None else f"{failure} Answered offline instead."
        text = "".join(pieces)
        if hasattr(answerer, "guard"):
            text = answerer.guard(text)
        text, citations = resolve_citations(text, passages, self.article.text)
        if not citations and not has_refused(text):
            notice = "This answer cites no passage of the article: check it before relying on it."
        t2 = time.perf_counter()
        yield Result(
            answer=text,
            answered=not has_refused(text),
            citations=citations,
            backend=answerer.name,
            timings={"retrieve_s": t1 - t0, "answer_s": t2 - t1, "total_s": t2 - t0},
            notice=notice,
        )


def load_assistant(config: Config | None = None, rebuild: bool = False) -> Assistant:
    """Build the default assistant: shipped article, persisted index, configured answerer."""
    from .loading import build_assistant, load_parts

    return build_assistant(load_parts(config or Config.from_env(), rebuild=rebuild))
