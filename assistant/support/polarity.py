"""Whether a claim and the sentence it cites point the same way: one denies what the other
states ("not", "never", "n't"), or says the opposite (before/after, rose/fell,
supports/criticizes, won/lost, first/last, more/less...).

Only the clause of the sentence that the claim is about counts (the one sharing most of its
words), so "Xi has not travelled since the pandemic, but this is his first trip" does not
deny "This is Xi's first trip":

    >>> sentence = "He has not crossed the border since the pandemic, but this is his first trip."
    >>> clash("This is his first trip abroad.", sentence)
    False
    >>> clash("This is his last trip.", sentence), clash("He has crossed the border.", sentence)
    (True, True)
    >>> clash("Beijing backed the sanctions.", "It has also criticized Western sanctions.")
    True

A pole word both use is shared context, not a contrast ("against" of "sanctions against
Moscow"); an order told from the other end is the same order; "unlikely" denies:

    >>> clash("It backed sanctions against Moscow.", "It criticized sanctions against Moscow.")
    True
    >>> clash("Service starts after four months of tests.", "Tests run four months before service.")
    False
    >>> clash("A derailment is a real possibility.", "A derailment is very unlikely.")
    True
"""

from __future__ import annotations

import re

from ..language.words import content_terms, stem

NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|none|nobody|nothing|cannot|hardly|lack|lacks"
    r"|lacking|absence|unlikely|impossible|improbable)\b|n[’']t\b",
    re.IGNORECASE,
)
# Opposite poles: (words of one pole, words of the other), as English writes them.
OPPOSITES = [
    ("before earlier prior ahead", "after later"),
    (
        "rise rose risen increase grow grew grown gain climb higher up",
        "fall fell fallen decrease decline drop shrink shrank lower down loss",
    ),
    (
        "support back endorse favour favor approve welcome praise defend ally allies friendly",
        "criticize criticise oppose condemn reject denounce attack rival enemy adversary hostile"
        " against",
    ),
    ("win won victory", "lose lost defeat"),
    ("first earliest", "last final latest"),
    ("more most greater larger largest biggest", "less least fewer smaller smallest"),
    ("above over exceed", "below under"),
    ("expand strengthen boost advance extend", "reduce weaken diminish cut withdraw retreat pull"),
    ("accept agree", "refuse disagree"),
    ("success succeed", "failure fail"),
    ("open", "close closed"),
    ("plenty many numerous lots abundant", "few scarce little"),
    ("often repeatedly frequently regularly routinely", "rarely seldom infrequently"),
]
_MORE = next(i for i, (plus, _) in enumerate(OPPOSITES) if plus.startswith("more "))
_PREFIXES = ("non-", "non", "un", "in", "dis", "im", "il", "ir")
_POLES: dict[str, tuple[int, int]] = {}
for _group, (_plus, _minus) in enumerate(OPPOSITES):
    for _sign, _words in ((1, _plus), (-1, _minus)):
        for _word in _words.split():
            _POLES.setdefault(stem(_word), (_group, _sign))
_CLAUSE = re.compile(
    r"[,;:]\s+|\s+[–—]\s+|\s+(?:but|while|whereas|although|though|yet)\s+|(?<=[.!?][”\"’])\s+"
    r"|(?<=[.!?])\s+(?=[A-Z“\"])",
    re.I,
)


def poles(text: str, shared: frozenset[str] = frozenset()) -> set[tuple[int, int]]:
    """The opposite-pair poles ``text`` takes: ``(pair, +1 or -1)``, leaving out the stems
    in ``shared`` (a word both sides use, "sanctions against Moscow", opposes nothing)."""
    words = re.findall(r"[a-z]+", text.lower())
    return {_POLES[s] for s in map(stem, words) if s in _POLES and s not in shared}


def _pole_stems(text: str) -> set[str]:
    return {s for s in map(stem, re.findall(r"[a-z]+", text.lower())) if s in _POLES}


def negated(text: str) -> bool:
    """True when ``text`` is negated (an odd number of negations: "not without" is not; "not
    ... until" says when, not whether: "No work can start until the review" is "the review
    comes before the work").

    >>> negated("Work will not start"), negated("No work can start until the review ends")
    (True, False)
    """
    count = len(NEGATION.findall(text))
    if count % 2 == 1 and re.search(r"\buntil\b", text, re.IGNORECASE):
        count -= 1
    return count % 2 == 1


def _common_terms(text: str) -> set[str]:
    """The stems of ``text``'s lower-case words (its names left out)."""
    return set(content_terms(" ".join(re.findall(r"\b[a-z][\w’'-]*", text))))


def aligned_clause(claim: str, sentence: str) -> str:
    """The clause of ``sentence`` that shares most content words with ``claim``."""
    wanted = set(content_terms(claim))
    clauses = [c for c in _CLAUSE.split(sentence) if c and c.strip()]
    return max(clauses, key=lambda c: len(wanted & set(content_terms(c))), default=sentence)


def _prefixed(claim: str, clause: str) -> bool:
    """A word of one is the other's with a negating prefix ("limited"/"unlimited",
    "binding"/"non-binding"), and the plain form is not in both."""
    mine = set(re.findall(r"[a-z][a-z-]+", claim.lower()))
    theirs = set(re.findall(r"[a-z][a-z-]+", clause.lower()))
    for a, b in ((mine, theirs), (theirs, mine)):
        for word in a - b:
            for prefix in _PREFIXES:
                if word.startswith(prefix) and word[len(prefix) :] in b - a:
                    return True
    return False


def _converse(claim: str, clause: str) -> bool:
    """The same order told from the other end: "A after B" where the clause says "B before
    A" (the words after the claim's "after" stand before the clause's "before")."""
    at = [
        re.search(r"\b(?:before|after|prior to|earlier than|later than)\b", t, re.I)
        for t in (claim, clause)
    ]
    if not all(at):
        return False
    sides = [
        (set(_common_terms(t[: m.start()])), set(_common_terms(t[m.end() :])))
        for t, m in zip((claim, clause), at, strict=True)
    ]
    (left, right), (their_left, their_right) = sides
    return bool(right & their_left or left & their_right) and not (
        right & their_right or left & their_left
    )


def _clashes(claim: str, clause: str) -> bool:
    shared = frozenset(_pole_stems(claim) & _pole_stems(clause))
    mine, theirs = poles(claim, shared), poles(clause, shared)
    both = {g for side in (mine, theirs) for g, s in side if (g, -s) in side}  # says both
    mine, theirs = {p for p in mine if p[0] not in both}, {p for p in theirs if p[0] not in both}
    shared = {g for g, _ in mine} & {g for g, _ in theirs}
    if shared:  # the same pair on both sides: compare the signs, negation included
        flip_mine, flip_theirs = (-1 if negated(claim) else 1), (-1 if negated(clause) else 1)
        signs = {g: s * flip_mine for g, s in mine}
        flipped = [g for g, s in theirs if g in shared and signs[g] != s * flip_theirs]
        if flipped == [0] and _converse(claim, clause):  # "A after B" is "B before A"
            flipped = []
        if flipped == [_MORE] and _prefixed(claim, clause):
            return False  # "less predictable" is "more unpredictable"
        return bool(flipped) or _prefixed(claim, clause)
    return negated(claim) != negated(clause) or _prefixed(claim, clause)


_AND_THAT = re.compile(r"\s+and\s+that\s+", re.I)  # "said A and that B": two claims


def clash(claim: str, sentence: str) -> bool:
    """True when a clause of ``claim`` denies, or says the opposite of, a clause of
    ``sentence`` it is about (the one sharing most of its words, and any other sharing two
    or more)."""
    pieces = [p for c in _CLAUSE.split(claim) if c for p in _AND_THAT.split(c)]
    parts = [c for c in pieces if c and len(_common_terms(c)) >= 2] or [claim]
    return any(_clause_clash(part, sentence) for part in parts)


def _clause_clash(claim: str, sentence: str) -> bool:
    wanted = _common_terms(claim)  # names left out: a name shared says nothing of the clause
    clauses = [c for c in _CLAUSE.split(sentence) if c and c.strip()] or [sentence]
    overlap = [len(wanted & _common_terms(c)) for c in clauses]
    best = max(overlap)
    about = [c for c, n in zip(clauses, overlap, strict=True) if n and (n == best or n >= 2)]
    touching = [c for c, n in zip(clauses, overlap, strict=True) if n]  # one word in common
    mine = {g for g, _ in poles(claim)}
    opposed = [c for c in touching if mine & {g for g, _ in poles(c)}]  # "voted in favor"
    return any(_clashes(claim, c) for c in dict.fromkeys(about + opposed))


HEDGE = re.compile(
    r"\b(?:could|may|might|possibly|perhaps|probably|likely|potentially|maybe|seeks?|seeking"
    r"|sought|hopes?|hoped|hoping|aims?|aimed|aiming|would|wish(?:es|ed)?|try|tries|tried"
    r"|trying|attempts?|attempted|attempting|expects?|expected|expecting|risks?|dangers?"
    r"|threats?|warn(?:s|ed|ing)?|caution(?:s|ed|ing)?|fears?|feared)\b",
    re.IGNORECASE,
)
_STRONG_HEDGE = re.compile(
    r"\b(?:could|may|might|possibly|perhaps|potentially|maybe|seeks?|seeking|sought|hopes?"
    r"|(?:risk|danger|threat)s? of"
    r"|hoped|hoping|wish(?:es|ed)?|expect(?:s|ed|ing)?(?=\s+(?:\S+\s+){0,3}?to\s))\b",
    re.IGNORECASE,
)


def overstates(claim: str, sentence: str) -> bool:
    """The claim states as fact what the clause it is about only holds possible or sought
    ("Xi will meet Biden for the first time" - "That could be the first time they meet"):
    two of its words within twelve after "could", "may", "might", "seeks", "hopes"...

    >>> s = "That could be the first time Mr. Xi and Joe Biden meet in person."
    >>> overstates("Xi and Biden will meet in person for the first time.", s)
    True
    >>> overstates("Xi and Biden may meet in person for the first time.", s)
    False
    """
    if HEDGE.search(claim):
        return False
    wanted = set(content_terms(claim))  # names too: "could become to China what …"
    for m in _STRONG_HEDGE.finditer(sentence):  # what it holds possible: the words after it
        after = " ".join(sentence[m.end() :].split()[:12])
        if len(wanted & set(content_terms(after))) >= 2:
            return True
    return False


_WHOLE = re.compile(
    r"\b(?:entire|entirely|whole|all of|every|majority|most of|always|completely|fully"
    r"|throughout)\b",
    re.IGNORECASE,
)
_PART = re.compile(
    r"\b(?:much of|part of|parts of|some|a (?:large |small )?share|several|a few|half|nearly"
    r"|almost|first (?:\w+ ){0,2}(?:months?|weeks?|days?|years?|half))\b",
    re.IGNORECASE,
)


def widens(claim: str, sentence: str) -> bool:
    """The claim says all of what the sentence says part of ("spans the entire globe" -
    "spanning much of the globe"; "over the whole of 2022" - "in the first six months").

    >>> widens("It spans the entire globe.", "A project spanning much of the globe.")
    True
    >>> widens("It spans much of the globe.", "A project spanning much of the globe.")
    False
    """
    whole = {w.lower() for w in _WHOLE.findall(claim)}
    if not whole or whole & {w.lower() for w in _WHOLE.findall(sentence)}:
        return False
    return bool(_PART.search(sentence))
