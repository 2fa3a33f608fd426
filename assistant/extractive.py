"""The offline answerer: it quotes the article's own sentences, or declines.

Each retrieved sentence is scored by how close it is in meaning to the question
(MiniLM cosine) and how much of the question's rarer words it contains
(IDF-weighted coverage, stemmed). The best sentence is quoted; a sentence that
covers question words the first one lacks is added (this is how "He warned of
..." joins the sentence that names him). When the best score is below a
threshold calibrated on the dev set, or the question asks for a kind of fact
(a number, an amount of money, a date) that the sentence does not contain, it
declines and shows the closest passages instead:

    >>> ans = ExtractiveAnswerer(idf={"samarkand": 3.0, "summit": 2.0})
    >>> p = Passage(1, "At the summit in Samarkand, Uzbekistan.", 0, 39, 0, dense=0.6)
    >>> "".join(ans.stream("Where is the summit?", [p]))
    'At the summit in Samarkand, Uzbekistan. [1]'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from .result import Passage
from .text import REFUSAL, content_terms

THRESHOLD = 0.30  # calibrated on ../shared/eval/dev.jsonl (see CHANGELOG / issue note)
W_DENSE, W_COVER = 0.5, 0.5
MAX_SENTENCES = 3

# What some questions ask for, and how to see it in a sentence.
NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred)\b", re.I
)
MONEY = re.compile(r"[$€£¥]|\b(dollars?|yuan|euros?|pounds?|billion|million|trillion)\b", re.I)
DATE = re.compile(
    r"\b(1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september"
    r"|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|week|month|year|years|decade|today|yesterday|ago|since|before|after)\b",
    re.I,
)


def expected_kind(question: str) -> re.Pattern | None:
    """The pattern an answer must contain, judging by the question's first words."""
    q = question.lower()
    if re.search(r"\bhow much\b.*\b(money|invest|spen[dt]|cost|pa(y|id)|worth)", q):
        return MONEY
    if re.search(r"\bhow (much|many)\b|\bwhat (percentage|share|number)\b", q):
        return NUMBER
    if re.search(r"^\s*when\b|\bwhat (year|date|month|day)\b|\bin what year\b", q):
        return DATE
    return None


def idf_table(texts: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of every content term over ``texts``."""
    df: dict[str, int] = {}
    for t in texts:
        for w in set(content_terms(t)):
            df[w] = df.get(w, 0) + 1
    n = len(texts)
    return {w: math.log(1 + n / (c + 0.5)) for w, c in df.items()}


class ExtractiveAnswerer:
    name = "extractive"
    label = "offline, extractive"

    def __init__(self, idf: dict[str, float], threshold: float = THRESHOLD) -> None:
        self.idf, self.threshold = idf, threshold
        self.unknown_idf = max(idf.values(), default=1.0)

    def _weights(self, question: str) -> dict[str, float]:
        return {w: self.idf.get(w, self.unknown_idf) for w in set(content_terms(question))}

    def score(self, question: str, passage: Passage) -> float:
        weights = self._weights(question)
        have = set(content_terms(passage.text))
        total = sum(weights.values()) or 1.0
        cover = sum(v for w, v in weights.items() if w in have) / total
        s = W_DENSE * max(passage.dense, 0.0) + W_COVER * cover
        kind = expected_kind(question)
        if kind is not None and not kind.search(passage.text):
            s *= 0.5
        return s

    def select(self, question: str, passages: Sequence[Passage]) -> tuple[list[Passage], float]:
        """The sentences to quote (in article order) and the best score."""
        if not passages:
            return [], 0.0
        scored = sorted(passages, key=lambda p: -self.score(question, p))
        best = scored[0]
        best_score = self.score(question, best)
        weights = self._weights(question)
        total = sum(weights.values()) or 1.0
        covered = set(content_terms(best.text))
        chosen = [best]
        for p in scored[1:]:
            if len(chosen) >= MAX_SENTENCES:
                break
            terms = set(content_terms(p.text))
            gain = sum(v for w, v in weights.items() if w in terms and w not in covered) / total
            near = any(abs(p.start - c.end) < 4 or abs(c.start - p.end) < 4 for c in chosen)
            if gain >= 0.15 and (near or self.score(question, p) >= 0.7 * best_score):
                chosen.append(p)
                covered |= terms
        return sorted(chosen, key=lambda p: p.start), best_score

    def stream(
        self, question: str, passages: Sequence[Passage], history: Sequence[dict] = ()
    ) -> Iterator[str]:
        chosen, best = self.select(question, passages)
        if not chosen or best < self.threshold:
            closest = sorted(passages, key=lambda p: -self.score(question, p))[:2]
            marks = " and ".join(f"[{p.number}]" for p in sorted(closest, key=lambda p: p.start))
            yield REFUSAL
            if marks:
                yield f" The closest passages are {marks}."
            return
        for i, p in enumerate(chosen):
            yield ("" if i == 0 else " ") + f"{p.text} [{p.number}]"
