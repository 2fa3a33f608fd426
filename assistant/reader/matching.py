"""Matching a question's words against a sentence: exactly, by a form of a name, or by a
near synonym, and how close together the matches stand.

    >>> hits = term_hits("Trade between China and Russia grew.", {"russia": 1.0, "trade": 1.0})
    >>> [sorted(h) for _, h in hits][:5]
    [['trade'], [], [], [], ['russia']]
    >>> round(closeness(0, hits, {"russia": 1.0, "trade": 1.0}), 3)
    0.725
    >>> sorted(name_keys("Uzbek President")), role_clash("Who is the president of Kazakhstan?",
    ...                                            "Chinese President", {"kaza"})
    (['pres', 'uzbe'], True)
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..language.lexicon import HONORIFICS, PERSON_ROLES, SPEAKING
from ..language.words import content_terms, is_stopword

CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w’'.-]+")
_TOKEN = re.compile(r"[\w’'.-]+")
NEAR = 5.0  # tokens: how fast an answer's closeness to the question's words fades


def name_keys(text: str) -> set[str]:
    """First four letters of a text's capitalised words: "Uzbek" meets "Uzbekistan",
    "Chinese" meets "China", "Western" meets "West"."""
    return {w[:4].lower() for w in re.findall(r"\b[A-Z][a-z]{3,}", text)}


def question_names(text: str, digest) -> tuple[set[str], int]:
    """The article names a question uses (full names), and how many it uses that the
    article never does (neither the name nor a form of it: "Russians" is "Russian")."""
    low = text.lower().replace(".", "")
    found = {digest.names[key] for key in digest.names.within(low, dotless=True)}
    # "Asia" inside "Central Asia" is the same name, not a second one.
    found = {n for n in found if not any(n != m and f" {n} " in f" {m} " for m in found)}
    known = digest.name_keys
    unknown = {
        w
        for w in CAPITALISED.findall(text)
        if w.lower().replace(".", "") not in digest.plain_names
        and w.lower().rstrip(".") not in HONORIFICS
        and w[:4].lower() not in known
        and not (digest.speller and w.lower() in digest.speller.counts)
    }
    return found, len(unknown)


ROLE_TIME = {
    "current": ("former", "ex-", "late", "past"),
    "former": ("current", "incumbent", "sitting"),
}


def role_clash(question: str, title: str, places: set[str]) -> bool:
    """The question asks for a role of someone the article titles otherwise: "the
    president of Kazakhstan" is not the "Chinese President"; a "current prime minister"
    is not a "former" one. ``places`` are the name stems of the places the question
    names ("Uzbek" in a title matches "Uzbekistan" in the question)."""
    low, title_low = question.lower(), title.lower()
    roles = [w for w in re.findall(r"[a-z]+", low) if w in PERSON_ROLES and w in title_low]
    if not roles or not title:
        return False
    for word, clashes in ROLE_TIME.items():
        if word in low.split() and any(c in title_low for c in clashes):
            return True
    given = {
        w[:4].lower()
        for w in re.findall(r"\b[A-Z][a-z]{3,}", title)
        if w.lower() not in PERSON_ROLES
    }
    return bool(places and given and not places & given)


def place_keys(text: str, digest) -> set[str]:
    """Name stems of the places a question names, known to the article or not
    ("Kyrgyzstan" is a place even if the article only says "Kyrgyz")."""
    keys = set()
    for word in CAPITALISED.findall(text):
        kind = digest.type_of(word)
        if kind == "PLACE" or (not kind and word.lower() not in digest.names):
            keys.add(word[:4].lower())
    return keys


SYNONYM = 0.55  # MiniLM similarity at which two single words are read as the same


_PLAIN_WORD = re.compile(r"[A-Za-z][\w’'-]+")


def text_words(text: str) -> set[str]:
    """The words of ``text`` compared with a question's for near synonyms: lower case,
    function words left out (the article's are embedded once, when it is indexed).

    >>> sorted(text_words("The summit's photo, in Samarkand."))
    ['photo', 'samarkand', "summit's"]
    """
    return {w.lower() for w in _PLAIN_WORD.findall(text) if not is_stopword(w)}


def plain_words(question: str) -> set[str]:
    """A question's lower-case words, its names left out: what :func:`synonyms` compares.

    >>> sorted(plain_words("Where will the G20 leaders meet Mr. Xi?"))
    ['leaders', 'meet']
    """
    plain = re.sub(r"\b[A-Z][\w’'.-]*", " ", question)  # the question without its names
    return {w.lower() for w in re.findall(r"[a-z][\w’'-]+", plain) if not is_stopword(w)}


def synonyms(words: set[str], text: str, digest) -> dict[str, set[str]]:
    """The text's words that are near synonyms of the question's plain words (MiniLM:
    "picture" and "photo", "book" and "author"; and forms of speaking to someone, which
    MiniLM keeps apart): ``{text word: {question terms}}``."""
    found = text_words(text)
    if not words or not found:
        return {}
    vectors = digest.word_vectors(sorted(words | found))
    out: dict[str, set[str]] = {}
    for w in words:
        for token in found:
            spoken = w in SPEAKING and token in SPEAKING  # "talking to" is "telling"
            if spoken or float(vectors[token] @ vectors[w]) >= SYNONYM:
                out.setdefault(token, set()).update(content_terms(w))
    return out


def soft_cover(words: set[str], alike: dict[str, set[str]], digest) -> float:
    """Share of the question's plain words that a text has, or has a near synonym of
    (``alike``: :func:`synonyms` of ``words`` in that text), weighted by rarity."""
    near = set().union(*alike.values()) if words else set()
    terms = {t for w in words for t in content_terms(w)}
    total = sum(digest.weight(t) for t in terms)
    return sum(digest.weight(t) for t in terms & near) / total if total else 0.0


def coverage(question: str, text: str, digest) -> float:
    """IDF-weighted share of the question's words that ``text`` contains."""
    terms = {t: digest.weight(t) for t in set(content_terms(question))}
    have = set(content_terms(text))
    total = sum(terms.values()) or 1.0
    return sum(v for t, v in terms.items() if t in have) / total


@lru_cache(maxsize=16384)
def _token_terms(token: str) -> frozenset[str]:
    """A token's stemmed terms, plus ``"russ*"`` for a capitalised one (so "Russia" in a
    question meets "Russian" in the text)."""
    found = set(content_terms(token))
    if token[:1].isupper():
        found.add(token[:4].lower() + "*")
    return frozenset(found)


def term_hits(
    text: str, terms: dict[str, float], alike: dict[str, set[str]] | None = None
) -> list[tuple[int, set[str]]]:
    """For each token of ``text``: where it ends, and which question terms it stands for
    (itself, a form of a name, or a near synonym listed in ``alike``)."""
    out, alike = [], alike or {}
    keys = [(t, t[:4] + "*") for t in terms]
    for m in _TOKEN.finditer(text):
        token = m.group()
        have = _token_terms(token)
        if alike:
            have = have | alike.get(token.lower(), set())
        # a token that stands for nothing (most do) needs no look at the terms
        out.append(
            (m.end(), {t for t, stem in keys if t in have or stem in have} if have else set())
        )
    return out


WINDOW = 10  # tokens: the span in which a sentence's match with the question is judged


def density(hits: list[tuple[int, set[str]]], terms: dict[str, float]) -> float:
    """The weighted share of the question's words found within the best window of
    :data:`WINDOW` tokens: words found together say more than words scattered."""
    total, best = sum(terms.values()) or 1.0, 0.0
    marked = [k for k, (_, h) in enumerate(hits) if h]  # most tokens stand for no term
    lo = hi = 0
    seen = None
    for k in range(max(1, len(hits) - WINDOW + 1)):
        while lo < len(marked) and marked[lo] < k:
            lo += 1
        while hi < len(marked) and marked[hi] < k + WINDOW:
            hi += 1
        if (lo, hi) != seen:  # a window with the same tokens that matter as the last one
            seen = (lo, hi)
            found = set().union(*(hits[j][1] for j in marked[lo:hi]))
            best = max(best, sum(terms[t] for t in found))
    return best / total


def closeness(offset: int, hits: list[tuple[int, set[str]]], terms: dict[str, float]) -> float:
    """How near the token ending after ``offset`` (a mention's start, relative to the
    sentence) stands to the question's words (0..1)."""
    at = next((k for k, (end, _) in enumerate(hits) if end > offset), 0)
    total, score = 0.0, 0.0
    for term, weight in terms.items():
        where = [k for k, (_, h) in enumerate(hits) if term in h]
        if where:
            total += weight
            score += weight * math.exp(-min(abs(k - at) for k in where) / NEAR)
    return score / total if total else 0.0
