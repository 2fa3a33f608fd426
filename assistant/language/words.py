"""Words of English (and a few of other languages): stopwords, stems, common words, and
whether a text looks English; shared by the reader, the support checker and retrieval.

>>> content_terms("What did Li Zhanshu say about the summits?")
['li', 'zhanshu', 'summit']
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..resources import nltk_data_dir

_WORD = re.compile(r"\w+", re.UNICODE)
# Words that say how a question is asked, not what it is about.
_QUESTION_WORDS = {"article", "say", "says", "said", "according", "mr", "ms", "mrs", "tell", "told"}
# Function words NLTK's list lacks: modal verbs and adverbs that carry no topic.
_FUNCTION_WORDS = {
    "since",
    "would",
    "could",
    "might",
    "may",
    "must",
    "shall",
    "also",
    "yet",
    "still",
    "even",
    "ever",
    "already",
    "just",
    "much",
    "many",
    "get",
    "got",
    "us",
}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """NLTK's English stopword list, read from the file llama-index ships."""
    path = nltk_data_dir() / "corpora" / "stopwords" / "english"
    return frozenset(path.read_text(encoding="utf-8").split()) | _QUESTION_WORDS | _FUNCTION_WORDS


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The English stem of one word, lower-cased: ``stem("Criticized")`` is ``"critic"``."""
    return _stemmer().stemWord(word.lower())


TERMS_KEPT, KEPT_TEXT_CHARS = 4096, 1000  # texts whose terms are remembered, and how long


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed words of ``text`` without stopwords, in order.

    A sentence is read against every question whose passages it is in: the terms of the
    last :data:`TERMS_KEPT` short texts are remembered (long ones are not: memory stays
    bounded whatever a client sends).
    """
    if len(text) <= KEPT_TEXT_CHARS:
        return list(_kept_terms(text))
    return _terms(text)


@lru_cache(maxsize=TERMS_KEPT)
def _kept_terms(text: str) -> tuple[str, ...]:
    return tuple(_terms(text))


def _terms(text: str) -> list[str]:
    stop = _stopwords()
    words = [w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in stop]
    words = [w for w in words if len(w) > 1 or w.isdigit()]
    return _stemmer().stemWords(words)


def singular(word: str) -> str:
    """ "countries" -> "country", "leaders" -> "leader" (enough for question nouns).

    >>> singular("countries"), singular("leaders"), singular("press")
    ('country', 'leader', 'press')
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


# Frequent function words of Spanish, French, German, Portuguese and Italian that English
# does not share ("onde", "quel", "welchem"; not "a", "do", "die" or "was").
FOREIGN = frozenset(
    """que qué el los las del en un una por para con es son está dónde donde cuál cuándo
    cuánto quién quien cómo se lo al y pero su sus le les des du une est sont où quel quelle
    quels quand combien qui et ou pour avec dans sur pas ce cette il elle ils der das dem ein
    eine ist sind wo wann wie welche welcher welchem welches wer und oder für mit von zu im
    auf nicht hat zum zur mal os um uma é são onde qual quando quanto quem com em na não vai
    gli della di è sono dove quale chi che""".split()
)


# A name inside a sentence ("… echoed Alexey Nechaev's"), which belongs to no language.
NAME = re.compile(r"(?<=[\w,;:] )[A-Z][\w.-]*(?:['’]s)?")


def _unnamed_words(text: str) -> list[str]:
    """The lower-case words of ``text`` with its names left out (all of them if it is only
    names): names belong to no language."""
    return [w.lower() for w in _WORD.findall(NAME.sub(" ", text))] or _WORD.findall(text.lower())


def looks_english(text: str) -> bool:
    """True when at least one word in five is a common English word, and English function
    words outnumber those of other languages.

    >>> looks_english("What is the capital?"), looks_english("¿Qué es la capital?")
    (True, False)
    >>> looks_english("Onde vai acontecer a reunião do G20?")
    False
    >>> looks_english("Whose comments echoed Alexey Nechaev's?")  # names are no language's
    True
    """
    words = _unnamed_words(text)
    common = sum(w in _stopwords() or w == "whose" for w in words)  # NLTK lacks "whose"
    foreign = sum(w in FOREIGN for w in words)
    return not words or (common * 5 >= len(words) and foreign < max(common, 1))


def reads_as_english(text: str) -> bool:
    """:func:`looks_english`, or, with few function words and none of another language's,
    keywords ("SCO summit location") or English full of typos ("wher is teh sco sumit"):
    most words English words, or English to py3langid (loaded only for such text). What
    the reader answers in English (the retriever keeps :func:`looks_english` for its
    multilingual ranking, which such text does not hurt).

    >>> reads_as_english("SCO summit location"), reads_as_english("wher is teh sco sumit?")
    (True, True)
    >>> reads_as_english("¿Dónde se celebra la cumbre?")
    False
    """
    if looks_english(text):
        return True
    words = _unnamed_words(text)
    if any(w in FOREIGN for w in words):
        return False
    if sum(w in english_words() for w in words) * 2 > len(words):
        return True
    import py3langid

    return py3langid.classify(text)[0] == "en"


def is_stopword(word: str) -> bool:
    """True for a function word ("the", "of", "was") of NLTK's English list."""
    return word.lower() in _stopwords()


COMMON_ENGLISH = 50_000  # words of symspellpy's English frequency list counted as real words


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The most frequent English words (symspellpy's frequency dictionary)."""
    path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    fields = path.read_text(encoding="utf-8").split()  # "word count" on every line
    counts = dict(zip(fields[0::2], map(int, fields[1::2]), strict=True))
    return frozenset(sorted(counts, key=counts.__getitem__, reverse=True)[:COMMON_ENGLISH])
