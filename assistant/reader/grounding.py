"""Whether a short answer stands where the question is: the check on an offline answer's lead.

A name or date that leads an answer must stand in a clause that carries the question's own
words, not merely in a sentence that does: "When did the museum reopen?" is not answered
by the year of "…, where she lived until 2019" because the sentence names the museum
somewhere else. The clause is the comma-, dash- or quote-bounded piece that holds the
answer, with the piece either side of it (what it attaches to: the name an apposition
describes, the verb of a subject), as :func:`~assistant.reader.compose.excerpt` cuts them.
Failing the check, the offline answer declines and shows that sentence as the closest
passage instead of leading with a confident wrong answer:

    >>> text = ("The museum reopened last spring; its director, a former teacher, had once "
    ...         "worked in Lisbon, where she lived until 2019.")
    >>> at = text.index("2019")
    >>> attached(text, [(at, at + 4)])
    'had once worked in Lisbon, where she lived until 2019.'
    >>> asked, one = "When did the museum reopen?", lambda term: 1.0
    >>> held(asked, attached(text, [(at, at + 4)]), one, {})
    0.0
    >>> grounded(asked, "2019", attached(text, [(at, at + 4)]), one, {})
    False
    >>> at = text.index("last spring")
    >>> grounded(asked, "last spring", attached(text, [(at, at + 11)]), one, {})
    True

A phrase that opens the sentence frames all of it, so it is kept with any clause:

    >>> text = "At the fair in Porto, the mayor met many guests, including Ana Reis."
    >>> at = text.index("Ana Reis")
    >>> attached(text, [(at, at + 8)])
    'At the fair in Porto, the mayor met many guests, including Ana Reis.'

A question that names the kind of place it wants is not answered by a place of the other
kind ("Which city …?" by a country, "Which country …?" by a capital):

    >>> wrong_place("Which city hosts the fair?", "Japan"), wrong_place("Which city?", "Porto")
    (True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..language.lexicon import CAPITALS
from ..language.words import content_terms
from .compose import segments
from .matching import term_hits

# The weighted share of the question's words (or near synonyms) that the answer's clause
# must hold; chosen on tests/data/tune.jsonl only (see docs/evaluation.md).
KEY_SHARE = 0.2  # (0.15, 0.2, 0.25, 0.3 tried: 0.25 and up decline right answers too)
BESIDE = 1  # pieces either side of the answer's own (only the one before, or two: worse)
FRONTED = re.compile(
    r"(?:at|in|on|during|after|before|since|from|across|throughout|ahead of|by)\s", re.I
)
_CITY = re.compile(r"\b(?:which|what)\s+(?:city|town|capital)\b|\bthe capital of\b", re.I)
_COUNTRY = re.compile(r"\b(?:which|what)\s+(?:country|nation)\b", re.I)
_COUNTRIES = {c for names in CAPITALS.values() for c in names}


def attached(text: str, spans: list[tuple[int, int]]) -> str:
    """The clause of ``text`` that holds ``spans``, with the piece just before it."""
    segs = segments(text)
    if not spans or not segs:
        return text
    first = min(a for a, _ in spans)
    last = max(b for _, b in spans)
    hit = [k for k, (a, b) in enumerate(segs) if a <= first < b or a < last <= b]
    if not hit:
        return text
    lo, hi = max(0, min(hit) - BESIDE), min(len(segs) - 1, max(hit) + BESIDE)
    frame = 0  # "At the fair in Porto, …": a fronted phrase frames the whole sentence
    while frame < lo and FRONTED.match(text[segs[frame][0] :]):
        frame += 1
    lead = text[: segs[frame - 1][1]] if frame else ""
    return (lead + text[segs[lo][0] : segs[hi][1]]).strip()


def held(
    question: str, clause: str, weight: Callable[[str], float], alike: dict[str, set[str]]
) -> float:
    """The weighted share of the question's content words that ``clause`` has, as the
    word, a form of a name ("Russian" for "Russia") or a near synonym listed in ``alike``."""
    terms = {t: weight(t) for t in set(content_terms(question))}
    total = sum(terms.values())
    if not total:
        return 1.0
    found = set().union(*(h for _, h in term_hits(clause, terms, alike)))
    return sum(terms[t] for t in found) / total


def wrong_place(question: str, lead: str) -> bool:
    """The question asks for a city and the lead is a country, or the other way round."""
    low = lead.lower()
    if _CITY.search(question):
        return low in _COUNTRIES
    if _COUNTRY.search(question):
        return low in CAPITALS
    return False


def grounded(
    question: str,
    lead: str,
    clause: str,
    weight: Callable[[str], float],
    alike: dict[str, set[str]],
) -> bool:
    """Whether ``lead`` may lead an answer to ``question`` from ``clause`` (:func:`attached`)."""
    if wrong_place(question, lead):
        return False
    return held(question, clause, weight, alike) >= KEY_SHARE
