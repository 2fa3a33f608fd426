"""The answer types a question asks for: a person, a place, a date, an amount, a title …,
and whether it wants several ("Which countries …?"). Read from its question word, the noun
it asks about ("which city", "what year") and the amount it asks for ("how many"):

    >>> expected_types("When did they last meet?"), expected_types("Which leaders spoke?")
    ((('DATE',), False), (('PERSON', 'GROUP'), True))
"""

from __future__ import annotations

import re

from ..language.lexicon import NOUN_TYPES, PERSON_ROLES, WH_TYPES
from ..language.words import singular
from .phrasing import AUXILIARIES, MONEY_WORDS

ELSE = re.compile(r"\b(?:who|what|which|where) else\b|\bwhich other\b|\bwho (?:all|both)\b", re.I)


def _amount(q: str) -> tuple[str, ...]:
    """ "How much / many / long ...?" and "what percentage ...": the kind of amount."""
    if re.search(r"\bin (?:dollars|euros|yuan|pounds)\b", q) or (
        MONEY_WORDS.search(q) and re.search(r"\bhow much\b|\bwhat (?:amount|value)\b", q)
    ):
        return ("MONEY",)
    if not re.search(
        r"\bhow (?:much|many|long|old|far|big|large|often)\b|\bwhat (?:percentage|"
        r"percent|share|proportion|number|amount)\b",
        q,
    ):
        return ()
    if re.search(r"\bhow long\b", q):
        return ("NUMBER", "DATE")
    if re.search(r"\bhow much\b|\bpercent|\bshare\b", q):
        return ("PERCENT", "NUMBER", "MONEY")
    return ("NUMBER",)


def _noun(q: str) -> tuple[tuple[str, ...], bool]:
    """ "Which country / what year / name the places ...": the kind the noun names."""
    m = re.search(r"\b(?:which|what|name|list)\s+((?:[\w’'-]+\s+){0,5}[\w’'-]+)\b", q)
    words = m.group(1).split() if m else []
    if words and words[0] in AUXILIARIES:  # "what did the lawmaker say": no answer noun
        is_the = words[0] in ("is", "was", "are", "were") and words[1:2] == ["the"]
        words = words[2:] if is_the else []
    for word in words[:4]:
        if word in AUXILIARIES:
            break  # "what risk did the president warn of": the noun asked about is "risk"
        if word in ("name", "kind", "sort", "type", "of", "the", "his", "her", "their", "its"):
            continue  # "the name of his book": the book is what is asked
        for kind, nouns in NOUN_TYPES.items():
            if singular(word) in nouns or word in nouns:
                plural = word != singular(word) or word == "people"
                kinds = ("EVENT", "ORG") if kind == "EVENT" else (kind,)
                if kind == "PERSON" and plural:
                    kinds = ("PERSON", "GROUP")  # "which leaders": "European leaders" too
                return kinds, plural
    return (), False


PUBLISHED = re.compile(r"\b(?:publish|appear|print|writ|wrote|run|ran|air)\w*", re.I)
# A name that owns what is asked about ("Raffaello Pantucci's"): never the answer's noun.
POSSESSOR = re.compile(r"\b(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s\b")


# "Who is the president of …?", "Who was the senior Chinese official?": the role is what is
# asked (not "Who published the … official's remarks?", where it names someone else).
_ROLE_ASKED = re.compile(
    r"\bwho(?:m)?\s+(?:is|was|are|were|will be|would be|has been|had been|became|becomes)"
    rf"\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w’'.-]+\s+){{0,3}}?"
    rf"(?:{'|'.join(sorted(PERSON_ROLES))})s?\b(?![’']s)"
)


def expected_types(text: str) -> tuple[tuple[str, ...], bool]:
    """The answer types a question's words ask for, and whether it wants several.

    >>> expected_types("By how much did trade grow?"), expected_types("Which countries?")
    ((('PERCENT', 'NUMBER', 'MONEY'), False), (('PLACE',), True))
    """
    q = text.lower()
    amount = _amount(q)
    if amount:
        return amount, False
    kinds, plural = _noun(POSSESSOR.sub(" ", text).lower())  # "the name of X's book": a book
    if kinds:
        return kinds, plural
    if re.search(r"\bwhere\b", q) and PUBLISHED.search(q):
        return ("ORG", "PLACE", "EVENT"), False  # where words appear: an outlet first
    for wh, kinds in WH_TYPES.items():
        if re.search(rf"\b{wh}\b", q):
            if ELSE.search(q):
                return kinds, True  # "Who else ...?": everyone of the kind, not one
            if wh in ("who", "whom") and _ROLE_ASKED.search(q):
                return ("PERSON",), False  # "Who is the president of ...?" wants a person
            return kinds, False
    return (), False
