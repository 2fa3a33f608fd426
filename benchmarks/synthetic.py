"""A synthetic corpus N times the article's size, for the scaling figures.

The article body is repeated N times; copy ``i > 0`` has every capitalised word
of four or more letters given a copy-specific suffix and every digit shifted by
``i``, so names and numbers differ between copies and neither BM25 nor the dense
ranking sees exact duplicates (the sentence structure is still shared):

    >>> perturb("Xi met Putin in 2022.", 1)
    'Xi met Putinab in 3133.'
    >>> perturb("Xi met Putin in 2022.", 0)
    'Xi met Putin in 2022.'
"""

from __future__ import annotations

import re

_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
_DIGIT = re.compile(r"\d")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def suffix(i: int) -> str:
    """A short, distinct lowercase tag for copy ``i`` (``1 -> 'ab'``)."""
    return _LETTERS[(i // 26) % 26] + _LETTERS[i % 26]


def perturb(text: str, i: int) -> str:
    """Copy ``i`` of ``text`` with names and numbers changed (copy 0 unchanged)."""
    if i == 0:
        return text
    tag = suffix(i)
    text = _NAME.sub(lambda m: m.group(0) + tag, text)
    return _DIGIT.sub(lambda m: str((int(m.group(0)) + i) % 10), text)


def synthetic_text(article_text: str, factor: int) -> str:
    """``factor`` perturbed copies of the article, separated by blank lines."""
    body = article_text.strip()
    return "\n\n".join(perturb(body, i) for i in range(factor)) + "\n"
