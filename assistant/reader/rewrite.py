"""Rewriting a follow-up as a stand-alone question, once it is known what it leans on.

(:func:`assistant.reader.pointers.fill` puts names where the pronouns were.) These re-ask
the question leaned on: :func:`swap_wh` with another question word ("And where?"),
:func:`after` for what came next ("And the next day?"), :func:`substitute` with another
name or phrase ("And of the SCO?"):

    >>> from assistant.reader.referents import Cast
    >>> cast = Cast({"sco": "SCO", "g20": "G20"}, {"SCO": "ORG", "G20": "ORG"}, {})
    >>> swap_wh("When did Xi first propose the BRI?", "where")
    'Where did Xi first propose the BRI?'
    >>> after("Where does Xi go on Wednesday?", "Kazakhstan", cast)
    'Where does Xi go after Kazakhstan?'
    >>> substitute("What does Pantucci think of the G20?", "of the SCO", cast)
    'What does Pantucci think of the SCO?'
"""

from __future__ import annotations

import re

from .phrasing import AUXILIARIES
from .pointers import NOT_NOUNS
from .referents import Cast

PREPOSITIONS = frozenset(
    "in on at for to from over during since by with until after before of about".split()
)
# Where a prepositional phrase ends: the next preposition ("of" stays inside it).
PHRASE_END = (
    r"(?=\s+(?:in|on|at|for|to|from|over|during|since|by|with|until|after|before|about)\b"
    r"|[?,.;!]|$)"
)
AUX = "|".join(sorted(AUXILIARIES))
# A question word with the noun it asks about ("how many weekday boardings"), up to three
# words before the auxiliary.
BASE_WH = re.compile(
    rf"^(?:(?:{'|'.join(PREPOSITIONS)})\s+)?(?:(?P<det>what|which|whose|how many|how much)"
    rf"(?P<noun>(?:\s+(?!(?:{AUX})\b)[\w’'-]+){{0,3}})|who|whom|where|when|why"
    r"|how(?:\s+(?:long|old|far|often|big))?)\b",
    re.I,
)
# Words that start a phrase after a verb's object ("… plant trees along the river").
CLAUSE_PHRASES = (PREPOSITIONS - {"of"}) | frozenset(
    "along across near into onto through under between among around against toward towards"
    " within without past per via".split()
)
SUBJECT_START = frozenset(
    "the a an this that these those his her its their he she it they we you i".split()
)


def swap_wh(base: str, wh: str) -> str:
    """``base`` asked with another question word, when its own asks for a complement
    ("Where will X meet?" -> "When will X meet?"; not "Who dominates it?")."""
    m = BASE_WH.match(base)
    rest = base[m.end() :].split() if m else []
    if len(rest) < 2 or rest[0].lower() not in AUXILIARIES:
        return ""
    asked = m.group().lower().split()
    if asked[0] in ("who", "what", "which", "whose") and not (
        rest[1][:1].isupper() or rest[1].lower() in SUBJECT_START
    ):
        return ""  # "Which group is meeting there?": the question word is the subject
    wh = wh.strip(" ?.!")
    thing = _asked_thing(m)
    if thing:  # "How many boardings does it project?" -> "By when does it project boardings?"
        rest = " ".join(rest).rstrip(" ?.!").split()
        at = _object_slot(rest)
        rest = [*rest[:at], thing, *rest[at:]]
    return _question(f"{wh[:1].upper()}{wh[1:]} {' '.join(rest)}")


def _asked_thing(m: re.Match) -> str:
    """What the replaced question word asked about, as an object: "boardings" of "how many
    boardings", "the book" of "what book" ("" for "who", "whose book" or "how much")."""
    det, noun = (m.group("det") or "").lower(), (m.group("noun") or "").strip()
    if not noun or det == "whose":
        return ""
    return noun if det.startswith("how") else f"the {noun}"


def _object_slot(rest: list[str]) -> int:
    """Where an object goes in "does Bell's agency project by 2032": before the first
    preposition after the auxiliary, its subject and a verb ("of" is inside the subject),
    else at the end."""
    for i in range(3, len(rest)):
        if rest[i].lower() in CLAUSE_PHRASES:
            return i
    return len(rest)


def after(base: str, lead: str, cast: Cast) -> str:
    """``base`` asked for what came after the answer it got (its date left out)."""
    if not base or not lead:
        return ""
    text = base
    for start, end, _, kind in reversed(cast.find(base)):
        if kind == "DATE":
            prep = re.search(r"\b(?:on|in|at|during|by|since)\s+$", text[:start])
            text = text[: prep.start() if prep else start] + text[end:]
    return _question(f"{text.rstrip(' ?.!')} after {lead}")


def substitute(base: str, fragment: str, cast: Cast) -> str:
    """``base`` with ``fragment`` in place of its phrase with the same preposition, or of
    its name of the same kind; else ``base`` with ``fragment`` added."""
    if not base:
        return ""
    first = fragment.split()[0].lower()
    if first in PREPOSITIONS:
        spans = list(re.finditer(rf"\b{first}\s+.+?{PHRASE_END}", base, re.I))
        if spans:
            return _question(base[: spans[-1].start()] + fragment + base[spans[-1].end() :])
    named = cast.find(fragment)
    if named:
        start, end, _, kind = named[0]
        same = [
            (s, e)
            for s, e, _, k in cast.find(base)
            if _group(k) == _group(kind) and not _modifier(base, e)
        ]
        if same:
            s, e = same[-1]
            return _question(base[:s] + fragment[start:end] + base[e:])
    return _question(f"{base.rstrip(' ?.!')} {fragment}")


def _group(kind: str) -> str:
    return "THING" if kind in ("ORG", "EVENT", "TITLE") else kind


def _modifier(text: str, end: int) -> bool:
    """A name used as a modifier ("the Samarkand summit", "G20 leaders")."""
    nxt = re.match(r"\s+([a-z][\w’'-]*)", text[end:])
    return bool(nxt) and nxt.group(1) not in NOT_NOUNS and nxt.group(1) not in AUXILIARIES


def _question(text: str) -> str:
    text = " ".join(text.split()).rstrip(" ?.!")
    return f"{text}?"
