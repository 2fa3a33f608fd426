"""Check an answer's citation markers against the passages it was given.

A marker that names no passage is removed; the others are renumbered 1, 2, ...
in order of first use, and each becomes a :class:`Citation` quoting the exact
span of the article:

    >>> ps = [Passage(4, "Bali.", 10, 15, 0)]
    >>> text, cites = resolve_citations("In Bali [4][9].", ps, "0123456789Bali.")
    >>> text, cites
    ('In Bali [1].', [Citation(id=1, text='Bali.', start=10, end=15)])

Anything in brackets made only of numbers, signs and separators is taken for a marker,
whatever its spacing or digits (``[ 4 ]``, ``[⁴]``, full-width brackets): a valid one is
rewritten as ``[n]``, the rest (``[ 99 ]``, ``[-1]``, ``[1-3]``) are removed; other
brackets (``[sic]``, ``[2022a]``) are text and stay:

    >>> resolve_citations("Bali [ 4 ] [-1] [ 99 ] [sic].", ps, "0123456789Bali.")[0]
    'Bali [1] [sic].'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .result import Citation, Passage

MARKER = re.compile(r"\[(\d+)\]")  # a marker as the checked answer writes it: one number
# What a model may have meant as a marker: brackets (ASCII or full-width) around numbers,
# signs and separators only, in any digits (superscripts become digits under NFKC).
_ATTEMPT = re.compile(r"[\[［]([^\[\]［］\n]{1,40})[\]］]")
_NUMBERS = re.compile(r"\d+(?:[,;]\d+)*")


def marker_numbers(inside: str) -> list[int] | None:
    """The passage numbers a bracket's content names, [] for a malformed marker, None for
    text that is not a marker at all.

    >>> marker_numbers(" 3, 5 "), marker_numbers("²"), marker_numbers("-1"), marker_numbers("sic")
    ([3, 5], [2], [], None)
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", inside))
    if not text or not any(ch.isdigit() for ch in text) or re.search(r"[^\d,;+\-–—]", text):
        return None
    if not _NUMBERS.fullmatch(text):
        return []
    return [int(n) for n in re.split("[,;]", text)]


def resolve_citations(
    answer: str, passages: Sequence[Passage], article_text: str
) -> tuple[str, list[Citation]]:
    """Return the answer with valid, renumbered markers and its citations."""
    by_number = {p.number: p for p in passages}
    new_number: dict[int, int] = {}
    citations: list[Citation] = []

    def replace(m: re.Match) -> str:
        numbers = marker_numbers(m.group(1))
        if numbers is None:
            return m.group(0)  # text in brackets, not a marker
        kept = []
        for number in numbers:
            p = by_number.get(number)
            if p is None or article_text[p.start : p.end] != p.text:
                continue  # invented, or not an exact span of the article
            if p.number not in new_number:
                new_number[p.number] = len(new_number) + 1
                citations.append(Citation(new_number[p.number], p.text, p.start, p.end))
            if new_number[p.number] not in kept:
                kept.append(new_number[p.number])
        return "".join(f"[{n}]" for n in kept)

    text = _ATTEMPT.sub(replace, answer)
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)  # "Bali [9]." -> "Bali."
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return text, citations
