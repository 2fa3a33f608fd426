"""Which clause an answer stands in: a value belongs to the words of its own clause.

"About 38 percent would come from a federal grant, 27 percent from the state": asked how
much comes from the grant, 27 percent stands nearer "grant" in tokens, but in the next
clause, which says where its own share comes from. :func:`clause_closeness` measures a
candidate's closeness to the question's words counting only the words of its clause (the
stretch between commas, semicolons, colons, dashes and brackets); the answerer orders
candidates of one type by it first, then by closeness in the whole sentence.

    >>> from .matching import closeness, term_hits
    >>> text = "Ann pays half of the rent, Bob the rest."
    >>> terms = {"rent": 1.0, "half": 1.0}
    >>> hits = term_hits(text, terms)
    >>> [round(closeness(text.index(w), hits, terms), 2) for w in ("Ann", "Bob")]
    [0.52, 0.63]
    >>> [round(clause_closeness(text, text.index(w), hits, terms), 2) for w in ("Ann", "Bob")]
    [0.52, 0.0]
"""

from __future__ import annotations

import math
import re

from .matching import NEAR

BREAK = re.compile(r"[,;:()\[\]–—]|\s-\s")


def clause_of(text: str, offset: int) -> tuple[int, int]:
    """Where the clause holding ``offset`` starts and ends in ``text``.

    >>> text = "In Paris, on Monday; later"
    >>> clause_of(text, text.index("Monday"))
    (9, 19)
    """
    start, end = 0, len(text)
    for m in BREAK.finditer(text):
        if m.end() <= offset:
            start = m.end()
        elif m.start() >= offset:
            end = m.start()
            break
    return start, end


def clause_closeness(
    text: str, offset: int, hits: list[tuple[int, set[str]]], terms: dict[str, float]
) -> float:
    """How near the token at ``offset`` stands to the question's words in its own clause,
    as a share of all of them (0..1): unlike :func:`.matching.closeness`, a word the clause
    lacks counts against it, so a clause with more of the question wins."""
    start, end = clause_of(text, offset)
    inside = [h for e, h in hits if start < e <= end]
    at = next((k for k, (e, _) in enumerate(hits) if start < e and e > offset), 0)
    first = next((k for k, (e, _) in enumerate(hits) if e > start), 0)
    at -= first
    score = 0.0
    for term, weight in terms.items():
        where = [k for k, h in enumerate(inside) if term in h]
        if where:
            score += weight * math.exp(-min(abs(k - at) for k in where) / NEAR)
    return score / (sum(terms.values()) or 1.0)
