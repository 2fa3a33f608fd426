"""The one result type every surface (CLI, web chat, evaluation) uses.

>>> r = Result("Samarkand [1].", True, [Citation(1, "in Samarkand", 10, 22)], "extractive")
>>> r.to_json()["citations"][0]
{'id': 1, 'text': 'in Samarkand', 'start': 10, 'end': 22}
>>> r.to_json()["answerer"]
'extractive'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .question import Question


@dataclass(frozen=True)
class Passage:
    """A retrieved piece of the article, numbered as the answerer sees it."""

    number: int
    text: str
    start: int
    end: int
    similarity: float = 0.0  # closeness in meaning to the query (cosine), where known


@dataclass(frozen=True)
class Citation:
    """A quote of the article: ``article[start:end] == text``."""

    id: int
    text: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class ClaimCheck:
    """One claim of an answer and what the check made of it: ``supported`` (None: it states
    nothing to check, such as a refusal or a greeting), the citations it carries (passage
    numbers while reviewing, citation ids in a :class:`Result`), and whether it is shown."""

    text: str
    cites: tuple[int, ...] = ()
    supported: bool | None = None
    shown: bool = True
    written: int = 0  # how many passages the answerer cited for it
    own: bool = True  # supported by (some of) the passages the answerer cited, not moved

    def to_json(self) -> dict:
        return {"text": self.text, "citations": list(self.cites), "supported": self.supported}


@dataclass(frozen=True)
class Trace:
    """How an answer was reached: the retrieval query, the passages given (in rank order),
    what the question was read to ask, and the offline answerer's confidence."""

    query: str
    passages: tuple[Passage, ...] = ()
    asked: Question | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class Result:
    answer: str
    answered: bool
    citations: list[Citation]
    answerer: str  # the name of the answerer that wrote it
    timings: dict[str, float] = field(default_factory=dict)
    notice: str | None = None  # e.g. "OpenAI failed; answered offline"
    trace: Trace | None = field(default=None, compare=False)
    claims: tuple[ClaimCheck, ...] = field(default=(), compare=False)  # shown and removed
    invalid_markers: tuple[str, ...] = ()  # markers that named no passage, as written

    def to_json(self) -> dict:
        """The ``--json`` shape: answer, answered, citations, answerer, claims (with
        whether each is supported; removed ones included), and notice and invalid markers
        when there are any.

        ``backend`` repeats ``answerer`` for scripts written before 0.2 (deprecated)."""
        out = {
            "answer": self.answer,
            "answered": self.answered,
            "citations": [c.to_json() for c in self.citations],
            "answerer": self.answerer,
            "backend": self.answerer,
        }
        if self.notice:
            out["notice"] = self.notice
        out["claims"] = [c.to_json() for c in self.claims]
        if self.invalid_markers:
            out["invalid_markers"] = list(self.invalid_markers)
        return out
