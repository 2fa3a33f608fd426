"""Small text helpers shared by the answerers and the evaluation.

>>> content_terms("What did Li Zhanshu say about the summits?")
['li', 'zhanshu', 'summit']
"""

from __future__ import annotations

import re
from functools import lru_cache

from .resources import nltk_data_dir

# The one sentence an answerer says when the article does not answer.
REFUSAL = "The article does not say."

_WORD = re.compile(r"\w+", re.UNICODE)
# Words that say how a question is asked, not what it is about.
_QUESTION_WORDS = {"article", "say", "says", "said", "according", "mr", "ms", "mrs", "tell", "told"}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """NLTK's English stopword list, read from the file llama-index ships."""
    path = nltk_data_dir() / "corpora" / "stopwords" / "english"
    return frozenset(path.read_text(encoding="utf-8").split()) | _QUESTION_WORDS


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed words of ``text`` without stopwords, in order."""
    stop = _stopwords()
    words = [w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in stop]
    words = [w for w in words if len(w) > 1 or w.isdigit()]
    return _stemmer().stemWords(words)


def looks_english(text: str) -> bool:
    """True when at least one word in five is a common English word.

    >>> looks_english("What is the capital?"), looks_english("¿Qué es la capital?")
    (True, False)
    """
    words = _WORD.findall(text.lower())
    common = sum(w in _stopwords() for w in words)
    return not words or common * 5 >= len(words)


def has_refused(answer: str) -> bool:
    """True when an answer is (or starts with) the fixed refusal sentence."""
    return answer.strip().lower().startswith(REFUSAL.lower()[:-1])
