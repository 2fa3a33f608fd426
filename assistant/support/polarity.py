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
"""

from __future__ import annotations

import re

from ..language.words import content_terms, stem

NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|none|nobody|nothing|cannot|hardly)\b|n[’']t\b",
    re.IGNORECASE,
)
# Opposite poles: (words of one pole, words of the other), as English writes them.
OPPOSITES = [
    ("before earlier prior", "after later"),
    (
        "rise rose risen increase grow grew grown gain climb higher up",
        "fall fell fallen decrease decline drop shrink shrank lower down loss",
    ),
    (
        "support back endorse favour favor approve welcome praise defend ally allies friendly",
        "criticize criticise oppose condemn reject denounce attack rival enemy adversary hostile",
    ),
    ("win won victory", "lose lost defeat"),
    ("first earliest", "last final latest"),
    ("more most greater larger largest biggest", "less least fewer smaller smallest"),
    ("above over exceed", "below under"),
    ("expand strengthen boost", "reduce weaken diminish cut"),
    ("accept agree", "refuse disagree"),
    ("success succeed", "failure fail"),
    ("open", "close closed"),
]
_POLES: dict[str, tuple[int, int]] = {}
for _group, (_plus, _minus) in enumerate(OPPOSITES):
    for _sign, _words in ((1, _plus), (-1, _minus)):
        for _word in _words.split():
            _POLES.setdefault(stem(_word), (_group, _sign))
_CLAUSE = re.compile(r"[,;:]\s+|\s+[–—]\s+|\s+(?:but|while|whereas|although|though|yet)\s+", re.I)


def poles(text: str) -> set[tuple[int, int]]:
    """The opposite-pair poles ``text`` takes: ``(pair, +1 or -1)``."""
    words = re.findall(r"[a-z]+", text.lower())
    return {_POLES[s] for s in map(stem, words) if s in _POLES}


def negated(text: str) -> bool:
    """True when ``text`` is negated (an odd number of negations: "not without" is not)."""
    return len(NEGATION.findall(text)) % 2 == 1


def aligned_clause(claim: str, sentence: str) -> str:
    """The clause of ``sentence`` that shares most content words with ``claim``."""
    wanted = set(content_terms(claim))
    clauses = [c for c in _CLAUSE.split(sentence) if c and c.strip()]
    return max(clauses, key=lambda c: len(wanted & set(content_terms(c))), default=sentence)


def clash(claim: str, sentence: str) -> bool:
    """True when ``claim`` denies, or says the opposite of, the clause of ``sentence`` it is
    about."""
    clause = aligned_clause(claim, sentence)
    if negated(claim) != negated(clause):
        return True
    mine, theirs = poles(claim), poles(clause)
    return any((group, -sign) in theirs and (group, sign) not in theirs for group, sign in mine)
