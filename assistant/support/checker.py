"""Whether a claim is supported by the sentences it cites, in the spirit of ALCE (Gao et
al., 2023: each statement judged against its citations), with signals that run in
milliseconds instead of an NLI model:

- every number, date, amount and percentage the claim states is stated there, same value;
- every name it uses is there (or in the sentence before, when the cited one says "he");
- its words are there, or near synonyms of them (MiniLM word vectors), by weight;
- it points the same way (no negation or opposite between them: :mod:`.polarity`).

A claim copied from the sentence is supported at once:

    >>> from assistant.article.article import parse_article
    >>> art = parse_article("Trade between China and Russia increased 31 per cent in 2022.")
    >>> checker = SupportChecker(art)
    >>> s = art.sentences[0].text
    >>> checker.supports("Trade between China and Russia increased 31 per cent", s)
    (True, 'verbatim')
    >>> checker.supports("China-Russia trade rose 31% in 2022", s)
    (True, 'supported')
    >>> checker.supports("Trade between China and Russia rose 45 per cent", s)
    (False, 'number')
    >>> checker.supports("Trade between China and India increased 31 per cent", s)
    (False, 'name')
    >>> checker.supports("Trade between China and Russia fell 31 per cent", s)
    (False, 'polarity')

``coverage`` and ``synonym`` are chosen on the tuning half of our labelled claims
(:mod:`assistant.evaluation.claims`), never on the test half.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..article.article import Article
from ..core.result import Passage
from ..language.words import FOREIGN, content_terms, is_stopword
from .claims import Claim, item_text
from .facts import as_digits, dates, numbers, numbers_hold, other_unit
from .names import Names, fold
from .polarity import clash, overstates, poles, widens
from .refusals import answered_part, refuses
from .roles import office_elsewhere, office_missing, role_elsewhere, role_swapped

COVERAGE = 0.6  # weighted share of a claim's words a supporting sentence must hold
SYNONYM = 0.45  # MiniLM similarity at which two single words are read as the same
ADDED = 3  # content words in a row that no sentence word stands for: a fact of the claim's own
WordVectors = Callable[[list[str]], dict[str, np.ndarray]]
_LEANS = re.compile(
    r"\b(?:he|she|they|it|his|her|their|its|him|them|this|that|these|those|the latter"
    r"|the former|such)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Verdict:
    """A claim judged: ``supported`` (None: it states nothing to check), why, and the
    passages that support it (its own citations, or others it is moved to)."""

    supported: bool | None
    reason: str
    cites: tuple[int, ...] = ()


_BARE = {"yes", "no"}
_JOINERS = {"the", "a", "an", "and", "of", "&"}  # between the words of a list of names


def _plain(text: str) -> str:
    """Lower-case words, quotes and punctuation gone ("1,200" and "3.5" stay whole)."""
    text = re.sub(r"[“”\"‘’'`]", "", text.lower())
    return " ".join(re.findall(r"[\w%$€£]+(?:[.,-][\w%]+)*", text))


class SupportChecker:
    """Judges claims against the sentences of one ``article``; ``weight`` gives a stemmed
    word's weight (its rarity in the article), ``word_vectors`` single-word vectors,
    ``kind_of`` a name's type in the article ("PERSON", "PLACE", ...)."""

    def __init__(
        self,
        article: Article,
        weight: Callable[[str], float] | None = None,
        word_vectors: WordVectors | None = None,
        kind_of: Callable[[str], str] | None = None,
        coverage: float = COVERAGE,
        synonym: float = SYNONYM,
    ) -> None:
        self.article, self.coverage, self.synonym = article, coverage, synonym
        self.weight = weight or (lambda term: 1.0)
        self.word_vectors, self.kind_of = word_vectors, kind_of
        self.starts = [s.start for s in article.sentences]
        self.names = Names(article.text)

    def has_facts(self, body: str) -> bool:
        """Whether ``body`` states anything: a name, a number, or two content words ("Sure!",
        "Indeed." state nothing)."""
        return (
            len(content_terms(body)) >= 2
            or bool(re.search(r"\d", body))
            or bool(self.names.of(body))
        )

    def context(self, passage: Passage) -> str:
        """The sentence before ``passage``, when ``passage`` leans on it ("He warned ...")."""
        i = bisect.bisect_right(self.starts, passage.start) - 1
        if i <= 0 or not _LEANS.search(passage.text):
            return ""
        return self.article.sentences[i - 1].text

    def _persons(self, text: str, context: str) -> str:
        """The people of ``context`` a pronoun of ``text`` may stand for: only persons, so the
        sentence before never lends a place or an organisation."""
        if not context or self.kind_of is None:
            return context
        return " ".join(self._people(context))

    def _people(self, text: str) -> list[str]:
        """The persons ``text`` names (none known without ``kind_of``)."""
        if self.kind_of is None:
            return []
        return [n for n in self.names.whole(text) if self._person(n.split())]

    def person_of(self, body: str) -> str | None:
        """The one person ``body`` names in full, if it names exactly one ("Li Zhanshu")."""
        if self.kind_of is None:
            return None
        people = [n for n in self.names.whole(body) if self._person(n.split())]
        return people[0] if len(set(people)) == 1 else None

    def _person(self, words: list[str]) -> bool:
        """Whether some run of ``words`` is a person's name the article uses ("Teresa Okafor"
        of "Mayor Teresa Okafor", where "Okafor" alone is not one)."""
        runs = (
            " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        )
        return any(self.kind_of(r) == "PERSON" for r in runs)

    def _covered(self, body: str, text: str) -> tuple[float, int]:
        """The weighted share of ``body``'s words that ``text`` has, or near synonyms of, and
        the longest run of its words in a row that ``text`` has nothing for."""
        named = {t for n in self.names.of(body) for t in content_terms(n)}  # checked apart
        body, text = as_digits(body), as_digits(text)  # "thirteen" is 13, checked apart too
        wanted = {t for t in content_terms(body) if not t[:1].isdigit() and t not in named}
        if not wanted:
            return 1.0, 0
        have = set(content_terms(text))
        missing = {t for t in wanted if t not in have}
        theirs = poles(text)  # "rose" stands for "increased": the same pole of a pair
        missing = {t for t in missing if not (poles(t) and poles(t) <= theirs)}
        if missing and self.word_vectors is not None:
            missing -= self._synonyms(body, text, missing)
        total = sum(self.weight(t) for t in wanted)
        run = longest = 0
        for t in content_terms(body):  # "... backed the project [and of the county labor council]"
            run = run + 1 if t in missing else 0
            longest = max(longest, run)
        return 1.0 - sum(self.weight(t) for t in missing) / total, longest

    def _held(self, body: str, text: str) -> tuple[float, int]:
        """How much of ``body`` ``text`` has: the covered share, then the shorter missing run."""
        covered, run = self._covered(body, text)
        return covered, -run

    def _synonyms(self, body: str, text: str, missing: set[str]) -> set[str]:
        """The missing terms that a word of ``text`` is a near synonym of."""
        mine = {w for w in _words(body) if content_terms(w) and set(content_terms(w)) <= missing}
        theirs = {w for w in _words(text) if not is_stopword(w)}
        if not mine or not theirs:
            return set()
        vectors = self.word_vectors(sorted(mine | theirs))
        matrix = np.stack([vectors[w] for w in sorted(theirs)])
        near = set()
        for word in mine:
            if float((matrix @ vectors[word]).max()) >= self.synonym:
                near.update(content_terms(word))
        return near

    def supports(self, body: str, text: str, context: str = "") -> tuple[bool, str]:
        """Whether ``text`` (one or more sentences) supports ``body``, and why not."""
        pieces = [_plain(p) for p in re.split(r"\s+[—–]\s+|…|\.\.\.", body)]
        pieces = [p.strip(" .,") for p in pieces if p.strip(" .,")]
        plain = f" {_plain(text)} "
        if pieces and all(f" {p} " in plain and p not in _BARE for p in pieces):
            return True, "verbatim"  # the text's own words (a bare "yes"/"no" is not)
        if not numbers_hold(body, text) or other_unit(body, text):
            return False, "number"
        if other_language(body):  # its words, and its spelling of names, are not the text's
            return self._facts_in_translation(body, text)
        if not dates(body) <= dates(text):
            return False, "date"
        if self.names.missing(body, f"{text} {self._persons(text, context)}") is not None:
            return False, "name"
        people = self._people(f"{text} {context}")
        if office_missing(body, f"{text} {context}", people, self.article.text):
            return False, "office"
        if office_elsewhere(body, f"{context} {text}", self.article.text) is not None:
            return False, "office"
        if role_swapped(body, text) is not None:
            return False, "office"
        if role_elsewhere(body, f"{context} {text}", self.article.text) is not None:
            return False, "office"
        if self.names.swapped(body, text):
            return False, "name"
        if clash(body, text):
            return False, "polarity"
        if overstates(body, text):
            return False, "modality"
        if widens(body, text):
            return False, "scope"
        covered, added = self._covered(body, text)
        if covered < self.coverage or added >= ADDED:
            return False, "words"
        return True, "supported"

    def _facts_in_translation(self, body: str, text: str) -> tuple[bool, str]:
        """A claim in another language: its numbers were checked; its names are matched by
        their first four letters, accents aside ("Samarcanda" is Samarkand). A name of the
        article's that ``text`` lacks is not supported; one of the claim's names must be
        in ``text``, or, with no name, a number must carry it."""
        mine = [fold(n) for n in self.names.of(body) if n.lower() not in FOREIGN]
        have = fold(text).lower()
        found = [n for n in mine if re.search(rf"\b{re.escape(n[:4].lower())}", have)]
        if any(n[:4].lower() in self.names.folded for n in mine if n not in found):
            return False, "name"  # "Samarcanda" where the text does not say Samarkand
        if found or (numbers(body) and not mine):
            return True, "facts"
        return False, "other language"

    def names_only(self, body: str) -> bool:
        """Whether ``body`` is names and nothing else ("Joe Biden", "the U.S."): any passage
        that names them would "support" it, so only the ones it is given for may.

        >>> from assistant.article.article import parse_article
        >>> checker = SupportChecker(parse_article("Xi met Joe Biden in Samarkand."))
        >>> checker.names_only("Joe Biden"), checker.names_only("It is in Samarkand")
        (True, False)
        """
        words = [w for w in re.findall(r"[\w’'.&-]+", body) if w.lower() not in _JOINERS]
        return bool(words) and all(w[:1].isupper() for w in words) and bool(self.names.of(body))

    def judge(self, claim: Claim, passages: Sequence[Passage], move: bool = True) -> Verdict:
        """``claim`` against the passages it cites; else (``move``, and not a name alone) the
        retrieved passage that supports it alone and holds most of it (the claim is moved to
        it); else unsupported."""
        body = claim.body
        if refuses(body):  # "The article does not say where, but it names the date": the rest
            body = answered_part(body)
            if not self.has_facts(body):
                return Verdict(None, "refusal")
        if not self.has_facts(body):
            return Verdict(None, "nothing to check")
        if re.sub(r"\[\d+\]", "", claim.text).rstrip(" \n)]*_\"'”’").endswith("?"):
            return Verdict(None, "question")  # it asks ("Question: What is the SCO [1]?")
        by_number = {p.number: p for p in passages}
        cited = [by_number[n] for n in claim.cites if n in by_number]
        why = "uncited"
        if cited:
            alone = [p.number for p in cited if self.supports(body, p.text, self.context(p))[0]]
            if alone:
                return Verdict(True, "supported", tuple(alone))
            ok, why = self.supports(
                body, " ".join(p.text for p in cited), " ".join(map(self.context, cited))
            )
            if ok:
                return Verdict(True, why, tuple(p.number for p in cited))
        if not move or (cited and self.names_only(item_text(claim.text))):  # not moved
            return Verdict(False, why)
        found = []  # (its own words?, how much of the claim it holds, earlier first) of each
        for rank, p in enumerate(passages):
            if p not in cited:
                ok, how = self.supports(body, p.text, self.context(p))
                if ok:
                    found.append((how == "verbatim", self._held(body, p.text), -rank, p.number))
        if found:
            return Verdict(True, "moved", (max(found)[-1],))
        return Verdict(False, why)


def other_language(text: str) -> bool:
    """Whether ``text`` is not English: another script, or py3langid's reading of it (asked
    only when the text is not plainly English: letters of the English alphabet, English
    function words and none of other languages').

    >>> other_language("La ligne comptera 11 stations"), other_language("Xi will meet Putin")
    (True, False)
    """
    if re.search(r"[\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", text):
        return True
    words = re.findall(r"\w+", text.lower())
    if len(words) < 3:
        return False
    ascii_letters = not any(ch.isalpha() and not ch.isascii() for ch in text)  # “curly” is fine
    plain = ascii_letters and any(map(is_stopword, words)) and not any(w in FOREIGN for w in words)
    if plain:
        return False
    import py3langid  # loads its model (half a second) on first use: only for such text

    return py3langid.classify(text)[0] != "en"


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z][a-z’'-]+", text)))
