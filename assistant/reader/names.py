"""The article's names, found in a text without trying every one of them.

A question is read against every name the article uses ("Xi Jinping", "SCO", "U.S."), in
lower case. A long article has thousands, and a word-bounded search per name per question
made a question's cost grow with the article (about 660 ms of each question at 100 times
the shipped article). :class:`Names` indexes the names by their first word: a name can be
in a text only if its every word is a whole word of the text, so only the names whose
first word the text has are searched for, with the same word-bounded search:

    >>> names = Names({"xi jinping": "Xi Jinping", "xi": "Xi Jinping", "u.s.": "U.S."})
    >>> sorted(names.within("where did xi jinping go?"))
    ['xi', 'xi jinping']
    >>> names.within("the xinjiang region"), names.within("the us and china", dotless=True)
    ([], ['u.s.'])

It is the mapping it was made from (lower case -> written form), so it reads like one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_WORD = re.compile(r"\w+")


def _dotless(key: str) -> str:
    return key.replace(".", "")


class Names(dict):
    """The article's names (lower case -> written form), indexed by their first word."""

    def __init__(self, names: Mapping[str, str] | None = None) -> None:
        super().__init__(names or {})
        self._by_word = self._index(lambda key: key)
        self._by_dotless = self._index(_dotless)

    def _index(self, form) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for key in self:
            words = _WORD.findall(form(key))
            index.setdefault(words[0] if words else "", []).append(key)
        return index

    def within(self, text: str, dotless: bool = False) -> list[str]:
        """The names (keys) that occur in ``text`` as whole words, as
        ``re.search(rf"\\b{re.escape(key)}\\b", text)`` finds them. With ``dotless``, the
        names are matched without their dots ("u.s." as "us"; ``text`` has none either)."""
        index, form = (self._by_dotless, _dotless) if dotless else (self._by_word, str)
        words = set(_WORD.findall(text)) | {""}  # "": names without a word character
        return [
            key
            for word in words
            for key in index.get(word, ())
            if form(key) in text and re.search(rf"\b{re.escape(form(key))}\b", text)
        ]
