"""What one browser tab's conversation is: a list of exchanges, each a question and its
answer with the citations that answer resolved to.

Everything the page shows, copies, downloads or saves in the browser is made from
these, so a conversation restored after a reload looks exactly as it did:

    >>> from assistant.article.article import parse_article
    >>> article = parse_article("The summit is in Samarkand. Trade grew.")
    >>> cite = Citation(1, "The summit is in Samarkand.", 0, 27)
    >>> ex = Exchange("Where?", "In Samarkand. [1]", (cite,))
    >>> saved = saved_conversation([ex], article)
    >>> restore_conversation(saved, article) == [ex]
    True
    >>> history([ex, Exchange("And?", "Half an ans", stopped=True)])
    [{'role': 'user', 'content': 'Where?'}, {'role': 'assistant', 'content': 'In Samarkand. [1]'}]

A saved conversation names its article by SHA-256: it is restored only over the same
text, and a citation that is not an exact span of that text is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..article.article import Article
from ..core.result import Citation, Result
from .limits import (
    MAX_ID_CHARS,
    MAX_OFFERED,
    MAX_OFFERED_CHARS,
    MAX_SAVED_EXCHANGES,
    REASONS,
    VOTES,
)


@dataclass(frozen=True)
class Exchange:
    """A question and what came of it (``stopped``: the reader stopped the answer)."""

    question: str
    answer: str = ""
    citations: tuple[Citation, ...] = ()
    notice: str | None = None  # reader-facing: never an operator's error message
    stopped: bool = False
    answered: bool = True  # False: the answer declines (the article does not say)
    answerer: str = field(default="", compare=False)
    id: str = field(default="", compare=False)  # the server's name for the answer it gave
    suggested: tuple[str, ...] = field(default=(), compare=False)  # questions offered next
    vote: str = field(default="", compare=False)  # "up", "down" or a reason (a down's why)

    @classmethod
    def from_result(cls, question: str, result: Result, notice: str | None) -> Exchange:
        citations = tuple(result.citations)
        return cls(
            question, result.answer, citations, notice, False, result.answered, result.answerer
        )

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "notice": self.notice,
            "stopped": self.stopped,
            "answered": self.answered,
            "id": self.id,
            "suggested": list(self.suggested),
            "vote": self.vote,
        }


def history(exchanges: Sequence[Exchange]) -> list[dict]:
    """The earlier turns the answerer is given: answered exchanges only."""
    turns: list[dict] = []
    for ex in exchanges:
        if not ex.stopped and ex.answer:
            turns += [
                {"role": "user", "content": ex.question},
                {"role": "assistant", "content": ex.answer},
            ]
    return turns


def capped(exchanges: Sequence[Exchange]) -> list[Exchange]:
    """The conversation a tab keeps, on the server as in the browser: the last
    :data:`~assistant.web.limits.MAX_SAVED_EXCHANGES` (the oldest go first)."""
    return list(exchanges)[-MAX_SAVED_EXCHANGES:]


def saved_conversation(exchanges: Sequence[Exchange], article: Article) -> dict:
    """What the browser keeps (``gr.BrowserState``): the article's SHA-256 and the exchanges."""
    kept = list(exchanges)[-MAX_SAVED_EXCHANGES:]
    return {"article": article.sha256, "exchanges": [ex.to_json() for ex in kept]}


def restore_conversation(saved: object, article: Article) -> list[Exchange]:
    """The exchanges of ``saved`` if it was about ``article``; malformed parts are dropped."""
    if not isinstance(saved, dict) or saved.get("article") != article.sha256:
        return []
    items = saved.get("exchanges")
    if not isinstance(items, list):
        return []
    restored = [_exchange(item, article) for item in items[-MAX_SAVED_EXCHANGES:]]
    return [ex for ex in restored if ex is not None]


def _exchange(item: object, article: Article) -> Exchange | None:
    if not isinstance(item, dict):
        return None
    question, answer = item.get("question"), item.get("answer")
    if not isinstance(question, str) or not isinstance(answer, str) or not question:
        return None
    notice = item.get("notice") if isinstance(item.get("notice"), str) else None
    cites = item.get("citations") if isinstance(item.get("citations"), list) else []
    kept = tuple(c for c in (_citation(c, article) for c in cites) if c is not None)
    stopped, answered = item.get("stopped") is True, item.get("answered") is not False
    given = item.get("id")
    ident = given if isinstance(given, str) and len(given) <= MAX_ID_CHARS else ""
    offered = item.get("suggested") if isinstance(item.get("suggested"), list) else []
    offered = [q for q in offered if isinstance(q, str) and 0 < len(q) <= MAX_OFFERED_CHARS]
    vote = item.get("vote") if item.get("vote") in VOTES or item.get("vote") in REASONS else ""
    return Exchange(
        question, answer, kept, notice, stopped, answered, id=ident,
        suggested=tuple(offered[:MAX_OFFERED]), vote=vote,
    )  # fmt: skip


def _citation(item: object, article: Article) -> Citation | None:
    if not isinstance(item, dict):
        return None
    values = [item.get(k) for k in ("id", "text", "start", "end")]
    cid, text, start, end = values
    if not (isinstance(cid, int) and isinstance(text, str)):
        return None
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        return None
    return Citation(cid, text, start, end) if article.text[start:end] == text else None
