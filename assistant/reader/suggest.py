"""Questions to offer next: two or three the article answers, near what was just asked.

The article's candidate questions (:mod:`assistant.reader.askable`) are asked once, when
the suggestions of an article are built, through the real answer path (``ask``, the
assistant's own); a question is kept only when it is answered, with a citation, and the
answer says what it was written about. Offering them then costs no retrieval and no
model: after an answer, the kept questions written nearest the sentences it cites; after
a decline, nearest the passages retrieved for it, the best first (the nearest topic the
article has). A question already asked, or whose answer the reply
already gives, is not offered again:

    >>> from assistant.core.result import Citation, Passage, Result, Trace
    >>> kept = Suggestions([Askable("Who is Li Zhanshu?", 1, "Li Zhanshu"),
    ...                     Askable("What is AUKUS?", 3, "AUKUS")], [0, 40, 80, 120])
    >>> declined = Result("The article does not say.", False, [], "extractive",
    ...                   trace=Trace("Who is Nechaev?", (Passage(1, "…", 40, 79),)))
    >>> kept.after(declined)
    ['Who is Li Zhanshu?', 'What is AUKUS?']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core.result import Result
from ..language.words import content_terms
from .askable import Askable, askables

OFFERED = 3  # questions offered at a time


_WH = re.compile(r"\b(?:who|whom|whose|what|which|where|when|why|how)\b", re.I)


def _gist(question: str) -> frozenset[str]:
    """A question's question words and content terms: what it asks, in any wording.

    >>> sorted(_gist("Where is the meeting of G20 leaders?"))
    ['g20', 'leader', 'meet', 'where']
    """
    return frozenset(w.lower() for w in _WH.findall(question)) | frozenset(content_terms(question))


def _repeats(question: str, asked: list[frozenset[str]]) -> bool:
    """Whether ``question`` asks nothing an asked one did not: all of its gist is in one's
    (one way only: "What did Pantucci say about the SCO?" is more than "What is the SCO?")."""
    gist = _gist(question)
    return bool(gist) and any(gist <= a for a in asked)


@dataclass
class Suggestions:
    """The questions of one article that its assistant answers, and where its sentences
    start (to find the sentence of a passage or citation)."""

    kept: list[Askable]
    starts: list[int]

    @classmethod
    def build(cls, digest, ask: Callable[[str], Result]) -> Suggestions:
        """Ask every candidate question of ``digest``'s article with ``ask``; keep those
        answered with a citation whose answer names what the question is about."""
        kept = []
        for candidate in askables(digest.sentences, digest.mentions):
            result = ask(candidate.question)
            if (
                result.answered
                and result.citations
                and candidate.key.lower() in result.answer.lower()
            ):
                kept.append(candidate)
        return cls(kept, [s.start for s in digest.sentences])

    def _sentence(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def _topic(self, result: Result) -> list[int]:
        """The sentences the reply is about, the nearest first: those an answer cites, or
        for a decline those retrieved for the question (by rank)."""
        cited = [self._sentence(c.start) for c in result.citations] if result.answered else []
        passages = result.trace.passages if result.trace else ()
        ranked = cited or [self._sentence(p.start) for p in passages]
        return list(dict.fromkeys(ranked))

    def after(
        self, result: Result, history: Sequence[dict] = (), limit: int = OFFERED
    ) -> list[str]:
        """Up to ``limit`` questions to offer after ``result``: the nearest topic first,
        then the article's own order; none already asked or answered by this reply."""
        asked = [_gist(h.get("content", "")) for h in history if h.get("role") == "user"]
        if result.trace and result.trace.asked is not None:
            asked.append(_gist(result.trace.asked.text))
        said = result.answer.lower()
        topic = self._topic(result)

        def distance(a: Askable) -> tuple[int, int]:  # sentences away, then topic rank
            return min(
                ((abs(a.sentence - s), rank) for rank, s in enumerate(topic)),
                default=(0, a.sentence),
            )

        fresh = [
            a
            for a in self.kept
            if not _repeats(a.question, asked) and not (result.answered and a.key.lower() in said)
        ]
        return [a.question for a in sorted(fresh, key=distance)[:limit]]
