"""Check an answer's citation markers against the passages it was given.

A marker that names no passage is removed; the others are renumbered 1, 2, ...
in order of first use, and each becomes a :class:`Citation` quoting the exact
span of the article:

    >>> ps = [Passage(4, "Bali.", 10, 15, 0)]
    >>> text, cites = resolve_citations("In Bali [4][9].", ps, "0123456789Bali.")
    >>> text, cites
    ('In Bali [1].', [Citation(id=1, text='Bali.', start=10, end=15)])
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .result import Citation, Passage

MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def resolve_citations(
    answer: str, passages: Sequence[Passage], article_text: str
) -> tuple[str, list[Citation]]:
    """Return the answer with valid, renumbered markers and its citations."""
    by_number = {p.number: p for p in passages}
    new_number: dict[int, int] = {}
    citations: list[Citation] = []

    def replace(m: re.Match) -> str:
        kept = []
        for raw in m.group(1).split(","):
            p = by_number.get(int(raw))
            if p is None or article_text[p.start : p.end] != p.text:
                continue  # invented, or not an exact span of the article
            if p.number not in new_number:
                new_number[p.number] = len(new_number) + 1
                citations.append(Citation(new_number[p.number], p.text, p.start, p.end))
            if new_number[p.number] not in kept:
                kept.append(new_number[p.number])
        return "".join(f"[{n}]" for n in kept)

    text = MARKER.sub(replace, answer)
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)  # "Bali [9]." -> "Bali."
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return text, citations
