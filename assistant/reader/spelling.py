"""Typos corrected against the article's own vocabulary (SymSpell).

A word the article uses, a function word or a common English word is left alone; any
other word is replaced by the nearest word of the article (one edit for short words,
two for long ones), preferring a word the typo could be a slip of (letters left out:
"wich" is "which", not "with"), then the article's more frequent word. A question's
first word that is close to a question word is read as one ("wat" is "what"):

    >>> from assistant.article.article import parse_article
    >>> art = parse_article("Mr. Pantucci, a senior fellow, said the summit is in Samarkand. "
    ...                     "Which summit? The one going on this week.")
    >>> Speller(art.text).correct("wich sumit is pantuci goin to?")
    'which summit is Pantucci going to?'
"""

from __future__ import annotations

import re
from collections import Counter

from ..language.lexicon import PERSON_ROLES
from ..language.words import english_words, is_stopword

QUESTION_WORDS = ("what", "which", "where", "when", "who", "whom", "whose", "why", "how")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _is_slip_of(typo: str, word: str) -> bool:
    """True when ``typo`` is ``word`` with letters left out (a subsequence of it)."""
    letters = iter(word)
    return all(ch in letters for ch in typo)


class Speller:
    """Corrects words of a question that are neither the article's nor English."""

    def __init__(self, article_text: str, english: frozenset[str] | None = None) -> None:
        from symspellpy import SymSpell

        words = _WORD.findall(article_text)
        self.counts = Counter(w.lower() for w in words)
        self.casing = {w.lower(): w for w in words if w[:1].isupper()} | {
            w: w for w in words if w.islower()
        }
        self.english = english
        self.symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word, count in self.counts.items():
            self.symspell.create_dictionary_entry(word, count)

    def _known(self, low: str) -> bool:
        english = self.english if self.english is not None else english_words()
        return low in self.counts or is_stopword(low) or low in english or len(low) < 3

    def fix(self, word: str, first: bool = False) -> str:
        """``word`` corrected, or unchanged when it is known or has no near neighbour."""
        from symspellpy import Verbosity

        low = word.lower()
        if first and low not in QUESTION_WORDS:
            near = [q for q in QUESTION_WORDS if _is_slip_of(low, q) and len(q) - len(low) == 1]
            if near and not (low in self.counts or is_stopword(low)):
                return near[0]
        if self._known(low) or not low.isalpha():
            return word
        limit = 1 if len(low) <= 5 else 2
        found = self.symspell.lookup(low, Verbosity.ALL, max_edit_distance=limit)
        if not found:
            return word
        best = min(
            found, key=lambda s: (s.distance, not _is_slip_of(low, s.term), -self.counts[s.term])
        ).term
        if word.islower() and best in PERSON_ROLES:
            return best  # "presidnet" is "president", not the title "President" of a name
        return self.casing.get(best, best)

    def correct(self, text: str) -> str:
        """``text`` with every unknown word corrected; everything else kept as typed."""
        out, first = [], True
        for piece in re.split(r"([^\W\d_][\w’'-]*)", text):
            if piece and _WORD.fullmatch(piece):
                piece, first = self.fix(piece, first), False
            out.append(piece)
        return "".join(out)
