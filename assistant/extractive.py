"""The offline answerer: it quotes the article's own sentences, or declines.

Each retrieved sentence is scored by how close it is in meaning to the question
(MiniLM cosine) and how much of the question's rarer words it contains
(IDF-weighted coverage, stemmed; a sentence that leans on the one before it,
"He warned of ...", may cover words there). The best sentence is quoted, with
the sentence it leans on and any that adds question words it lacks. When the
best score is below a threshold calibrated on the dev set, or the question asks
for a kind of fact (a number, an amount of money, a date) that the sentence
does not contain, it declines: a near miss quotes the closest passage, anything
weaker names the two closest. A question in another language gets the two
closest passages quoted, never an answer:

    >>> from assistant.conversation import start_turn
    >>> ans = ExtractiveAnswerer(idf={"samarkand": 3.0, "summit": 2.0})
    >>> turn = start_turn("Where is the summit?")
    >>> turn.passages = [Passage(1, "At the summit in Samarkand, Uzbekistan.", 0, 39, 0.6)]
    >>> "".join(ans.stream(turn))
    'At the summit in Samarkand, Uzbekistan. [1]'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from .answerer import Answerer
from .conversation import Turn, earlier_questions
from .result import Passage
from .text import REFUSAL, content_terms, looks_english

# Calibrated on the dev set plus our own questions (tests/data/own_questions.jsonl): the
# threshold with the best balanced accuracy (answers right / refusals right). Between
# NEAR_MISS and THRESHOLD the reply declines but quotes the closest passage.
THRESHOLD = 0.45
NEAR_MISS = 0.25
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


# "Where ...?" is answered by a sentence that places one of the question's own common
# words ("the summit in Samarkand", "G20 leaders in Bali", "travel to Uzbekistan"): the
# word, a locative preposition, a capitalised name. Names in the question do not count
# ("Mr. Xi to Hong Kong" does not say where Mr. Xi was born). Such a sentence gains
# W_PLACE; chosen on the dev set plus our own questions, where it changed one answer
# (wrong sentence -> right) and nothing else.
WHERE = re.compile(
    r"\bwhere\b|\b(which|what) (city|country|countries|place|town|region|capital|venue)\b", re.I
)
PLACED = re.compile(r"\b(?:in|at|to|from|near)\s+(?:the\s+)?(?:neighbouring\s+)?([A-Z][\w’'-]+)")
NOT_PLACES = frozenset(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday".split()
)
W_PLACE = 0.3


def common_terms(question: str) -> frozenset[str]:
    """The question's content terms written in lower case (not names).

    >>> sorted(common_terms("Where is the SCO summit held?"))
    ['held', 'summit']
    """
    return frozenset(content_terms(" ".join(w for w in question.split()[1:] if w.islower())))


def places_a_term(text: str, terms: frozenset[str]) -> bool:
    """True when one of ``terms`` stands right before "in/at/to ... <Name>".

    >>> places_a_term("At the summit in Samarkand, Uzbekistan, Mr. Xi will", frozenset({"summit"}))
    True
    >>> places_a_term("a Communist Party summit in October", frozenset({"summit"}))
    False
    """
    for m in PLACED.finditer(text):
        words = text[: m.start()].split()
        if words and m.group(1).lower() not in NOT_PLACES and terms & set(content_terms(words[-1])):
            return True
    return False


# A sentence that leans on the one before it: "He warned ...", "It will be replaced ...",
# "“Whereas the G20 ...", "Both projects ...". Its question words may stand in that one.
LEANS = re.compile(
    r"\W*(he|she|it|they|his|her|its|their|this|that|these|those|such|both|whereas|but|yet"
    r"|however|instead|still)\b",
    re.I,
)


def expected_kind(question: str) -> re.Pattern | None:
    """The pattern an answer must contain, judging by the question's first words."""
    q = question.lower()
    if re.search(r"\bhow much\b.*\b(money|invest|spen[dt]|cost|pa(y|id)|worth)", q):
        return MONEY
    if re.search(
        r"\bhow (much|many|old|long|far|big|large)\b|\bwhat (percentage|share|number)\b"
        r"|\b(age|population)\b",
        q,
    ):
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


class ExtractiveAnswerer(Answerer):
    name = "extractive"
    label = "offline, extractive"

    def __init__(self, idf: dict[str, float], threshold: float = THRESHOLD) -> None:
        self.idf, self.threshold = idf, threshold
        self.unknown_idf = max(idf.values(), default=1.0)

    def weights(self, question: str, history: Sequence[dict] = ()) -> dict[str, float]:
        """IDF weight of each question term; earlier user turns count half.

        Words the article never uses weigh as much as its rarest word.
        """
        out: dict[str, float] = {}
        earlier = earlier_questions(history)
        for text, factor in [*((t, 0.5) for t in earlier), (question, 1.0)]:
            for w in set(content_terms(text)):
                out[w] = max(out.get(w, 0.0), factor * self.idf.get(w, self.unknown_idf))
        return out

    def score(
        self,
        passage: Passage,
        weights: dict[str, float],
        before: Passage | None = None,
        kind: re.Pattern | None = None,
        place_terms: frozenset[str] = frozenset(),
    ) -> float:
        """Closeness in meaning plus weighted coverage of the question's terms.

        A sentence that leans on ``before`` (the one preceding it) may cover terms there.
        ``kind`` is what the question asks for (:func:`expected_kind`); ``place_terms``, for
        a where-question, the words a sentence may place (:func:`common_terms`).
        """
        have = set(content_terms(passage.text))
        if before is not None and LEANS.match(passage.text):
            have |= set(content_terms(before.text))
        total = sum(weights.values()) or 1.0
        cover = sum(v for w, v in weights.items() if w in have) / total
        s = W_DENSE * max(passage.similarity, 0.0) + W_COVER * cover
        if kind is not None and not kind.search(passage.text):
            s *= 0.3
        if place_terms and places_a_term(passage.text, place_terms):
            s += W_PLACE
        return s

    def ranked(
        self, question: str, passages: Sequence[Passage], history: Sequence[dict] = ()
    ) -> list[tuple[float, Passage, Passage | None]]:
        """``(score, passage, the passage before it)``, best first."""
        weights = self.weights(question, history)
        by_end = {p.end: p for p in passages}

        def before(p: Passage) -> Passage | None:
            return next((by_end[e] for e in range(p.start, p.start - 4, -1) if e in by_end), None)

        kind = expected_kind(question)  # once per question, not once per passage
        place_terms = common_terms(question) if WHERE.search(question) else frozenset()
        out = []
        for p in passages:
            b = before(p)
            out.append((self.score(p, weights, b, kind, place_terms), p, b))
        return sorted(out, key=lambda t: (-t[0], t[1].number))

    def select(
        self, question: str, passages: Sequence[Passage], history: Sequence[dict] = ()
    ) -> tuple[list[Passage], float]:
        """The sentences to quote (in article order) and the best score."""
        if not passages:
            return [], 0.0
        weights = self.weights(question, history)
        total = sum(weights.values()) or 1.0
        ranked = self.ranked(question, passages, history)
        best_score, best, before = ranked[0]
        chosen, covered = [best], set(content_terms(best.text))

        def gain(p: Passage) -> float:
            terms = set(content_terms(p.text))
            return sum(v for w, v in weights.items() if w in terms and w not in covered) / total

        if before is not None and LEANS.match(best.text) and gain(before) > 0:
            chosen.append(before)  # the sentence it leans on, which names who or what
            covered |= set(content_terms(before.text))
        for score, p, _ in ranked[1:]:
            if len(chosen) >= MAX_SENTENCES:
                break
            if p in chosen:
                continue
            g = gain(p)
            follows = any(0 <= p.start - c.end < 4 for c in chosen)
            near = follows or any(0 <= c.start - p.end < 4 for c in chosen)
            if (follows and g > 0 and LEANS.match(p.text)) or (
                g >= 0.15 and (near or score >= 0.7 * best_score)
            ):
                chosen.append(p)
                covered |= set(content_terms(p.text))
        return sorted(chosen, key=lambda p: p.start), best_score

    def stream(self, turn: Turn) -> Iterator[str]:
        question, passages, history = turn.question, turn.passages, turn.history
        if not looks_english(question):
            # Our word features cannot judge another language; the retriever's multilingual
            # ranking can roughly: show its two best passages, without claiming an answer.
            yield from self._decline(list(passages[:2]), True, "in words this answerer can match")
            return
        chosen, best = self.select(question, passages, history)
        if chosen and best >= self.threshold:
            for i, p in enumerate(chosen):
                yield ("" if i == 0 else " ") + f"{p.text} [{p.number}]"
            return
        if best >= NEAR_MISS:
            closest = self.ranked(question, passages, history)[0][1]
            yield from self._decline([closest], quote=True)
        else:  # our own features see nothing: trust the retriever's order
            yield from self._decline(list(passages[:2]), quote=False)

    @staticmethod
    def _decline(closest: list[Passage], quote: bool, how: str = "directly") -> Iterator[str]:
        """The refusal, then the closest passages: quoted, or as markers only."""
        if not closest:
            yield REFUSAL
        elif quote:
            quotes = " ".join(f"{p.text} [{p.number}]" for p in closest)
            several = "passages are" if len(closest) > 1 else "passage is"
            yield f"{REFUSAL[:-1]} this {how}. The closest {several}: {quotes}"
        else:
            marks = " and ".join(f"[{p.number}]" for p in sorted(closest, key=lambda p: p.start))
            yield f"{REFUSAL} The closest passages are {marks}."
