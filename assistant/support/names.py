"""The names of an article, and whether a sentence has the names a claim uses: by its own
words, by the initials of an acronym ("SCO"), by a capital or a people for its country
("Beijing" for China, "American" for the U.S.), by the name's first letters ("Uzbek" of
Uzbekistan), or as the kind of thing the article calls it ("the university").

    >>> article = "The Shanghai Cooperation Organization (SCO) met Vladimir Putin in Samarkand."
    >>> found = Names(article)
    >>> found.missing("The SCO met in Uzbekistan's Samarkand", article)
    'Uzbekistan'
    >>> found.missing("Putin went to the Shanghai Cooperation Organization", "The SCO met.")
    'Putin'
    >>> found.missing("Putin went to the Shanghai Cooperation Organization", article) is None
    True
    >>> us = "With the U.S. increasing its footprint in Asia"
    >>> [found.missing(f"They fear {people} influence", us) for people in ("American", "French")]
    [None, 'French']

A capital speaks for its country's government ("Tashkent welcomed the summit" of a sentence
naming Uzbekistan), but where something is, it is a place of its own:

    >>> uz = "At the summit in Samarkand, Uzbekistan, Xi will meet allies."
    >>> found.missing("Tashkent welcomed Xi", uz), found.missing("The summit is in Tashkent", uz)
    (None, 'Tashkent')
"""

from __future__ import annotations

import re
import unicodedata

from ..language.lexicon import CAPITALS, DEMONYMS, PLACE_PREPOSITIONS
from ..language.words import content_terms
from .facts import names

# A run of capitalised words, "of" and a possessive inside it ("National People's Congress").
_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+(?:[’']s)?)+")
# A name where something is: after "in", "at", "to"... ("held in Tashkent").
_PLACED = re.compile(rf"\b(?:{'|'.join(sorted(PLACE_PREPOSITIONS))}) ([A-Z][\w’'-]+)")


class Names:
    """The names ``article`` (its text) uses, its acronyms, and their first letters
    without accents."""

    def __init__(self, article: str) -> None:
        self.article = article
        self.known = {
            w
            for w in re.findall(r"(?<=[\w,;] )[A-Z][\w’'-]+", article)
            if not w.isupper() or len(w) > 1
        }
        found = re.findall(
            r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|the)\s+)?){1,8})\(([A-Z]{2,})\)", article
        )
        self.acronyms = {short: long.strip() for long, short in found}
        self.folded = {fold(w)[:4].lower() for w in self.known if len(w) >= 4}

    def of(self, text: str) -> list[str]:
        """The names ``text`` uses (the article's, and any capitalised word within it)."""
        return names(text, self.known)

    def whole(self, text: str) -> list[str]:
        """The names of ``text``, those that stand next to each other as one.

        >>> Names("").whole("Mayor Teresa Okafor met Kevin Dunleavy.")
        ['Teresa Okafor', 'Kevin Dunleavy']
        """
        mine = self.of(text)
        return [" ".join(mine[i] for i in run) for run in _runs(text, mine)]

    def shared(self, text: str) -> list[str]:
        """The names of ``text`` that the article uses too ("Hello" of a greeting is none)."""
        return [n for n in self.of(text) if re.search(rf"\b{re.escape(n)}\b", self.article)]

    def missing(self, body: str, text: str) -> str | None:
        """The first name of ``body`` that ``text`` does not have, or None."""
        low = text.lower()
        extra = [long for short, long in self.acronyms.items() if short in text]
        # an acronym stands for a run of capitalised words with its initials ("U.S.")
        runs = _RUN.findall(text)
        for r in runs:  # "US" and "USA" of "United States of America"
            letters = "".join(w[0] for w in r.split() if w != "of")
            extra += [f"{letters[:k]} {r}" for k in range(2, len(letters) + 1)]
        extra += [short for short, long in self.acronyms.items() if long in text]
        places = {w.lower() for w in _PLACED.findall(body)}  # "in Tashkent": a place, not
        for word, countries in [*CAPITALS.items(), *DEMONYMS.items()]:  # a government
            if re.search(rf"\b{word}\b", low):  # "Beijing" for China, "American" for the U.S.
                extra += countries
            elif word not in places and any(
                re.search(rf"\b{re.escape(c)}(?!\w)", low) for c in countries
            ):
                extra.append(word)  # and back
        # and a run of the claim is there by its initials ("United States" where it says "U.S.")
        shorts = {a.replace(".", "") for a in re.findall(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,}\b", text)}
        for r in _RUN.findall(body):
            if "".join(w[0] for w in r.split() if w not in ("of", "The")) in shorts:
                extra.append(r)
        low += " " + " ".join(extra).lower()
        keys = {
            w[:4].lower() for w in re.findall(r"\b[A-Z][a-z]{3,}", text + " " + " ".join(extra))
        }
        initials = {r.split()[0].lower() for r in extra if r.split()[0].isupper()}
        mine = self.of(body)
        found = [
            re.search(rf"\b{re.escape(n.lower())}", low)
            or (len(n) >= 4 and n[:4].lower() in keys)
            or n.replace(".", "").lower() in initials
            for n in mine
        ]
        for run in _runs(body, mine):
            hits = [bool(found[i]) for i in run]
            if all(hits):
                continue
            whole = " ".join(mine[i] for i in run)
            capitalised = [mine[i] in text for i in run]  # "Xi", not "center"
            if any(capitalised) and whole in self.article:
                continue  # "Xi Jinping" where the sentence says "Mr. Xi": a name the article uses
            if described(whole, text, self.article):
                continue  # "Halvorsen State" where the sentence says "the university"
            return whole
        return None

    def swapped(self, body: str, text: str) -> tuple[str, str] | None:
        """Two names ``body`` puts on either side of what a sentence of ``text`` says with
        them the other way round ("Beijing seeks alliances to counter Washington" where it
        says "Washington seeks alliances to counter Beijing"): three or more words between
        them, with no comma, that the sentence has between them too (three in four), say who
        does what to whom. Names joined by "and", a clause set off by commas, or the passive ("X
        is surrounded by Y") are no order.

        >>> t = "He warned as Washington seeks to build new alliances to counter Beijing."
        >>> Names(t).swapped("So Beijing seeks to build new alliances to counter Washington", t)
        ('Beijing', 'Washington')
        >>> Names(t).swapped("So Washington seeks alliances to counter Beijing", t) is None
        True
        """
        mine = [(n, body.find(n)) for n in dict.fromkeys(self.of(body))]
        for i, (a, at_a) in enumerate(mine):
            for b, at_b in mine[i + 1 :]:
                key_a, key_b = (fold(n)[:4].lower() for n in (a, b))
                if key_a == key_b or at_b <= at_a:
                    continue
                gap = body[at_a + len(a) : at_b]
                between = set(content_terms(gap)) - {key_a, key_b}
                if len(between) < 3 or re.search(r"[,;:()–—]", gap):
                    continue
                for sentence in re.split(r"(?<=[.!?])\s+", text):
                    low = fold(sentence).lower()
                    first_a, first_b = (low.find(k) for k in (key_a, key_b))
                    if first_a < 0 or first_b < 0 or first_b > first_a:
                        continue
                    last_a = low.rfind(key_a)
                    theirs = set(content_terms(sentence[first_b:last_a]))
                    again = low.find(key_b, first_a) >= 0  # "B ... A ... B": no order
                    passive = re.search(r"\bby\b", f"{gap} {low[first_b:last_a]}")
                    if not again and not passive and len(between & theirs) >= 0.75 * len(between):
                        return a, b
        return None


def fold(text: str) -> str:
    """``text`` without accents: "Vladímir" -> "Vladimir"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def described(name: str, text: str, article: str) -> bool:
    """Whether ``text`` speaks of ``name`` by the kind of thing the article calls it: "the
    university" for "Halvorsen State" of "Halvorsen State University", "the city" for the
    "city of Alder Creek", "the line" for the Riverline.

    >>> described("Riverline", "The line is expected to cost $412 million.", "")
    True
    >>> described("Halvorsen State", "the university's president", "Halvorsen State University")
    True
    >>> described("Halvorsen State", "the city's president", "Halvorsen State University")
    False
    """
    low = text.lower()
    ends = re.findall(r"\bthe ([a-z]{4,})\b", low)  # "the line" for the Riverline
    if " " not in name and any(name.lower().endswith(k) and len(name) > len(k) + 2 for k in ends):
        return True
    name = re.escape(name)
    runs = re.findall(rf"\b{name}((?:\s+[A-Z][a-z]{{2,}})+)", article)
    kinds = [w for run in runs for w in run.split()]
    kinds += re.findall(rf"\b([a-z]{{3,}}) of {name}\b", article)
    return any(re.search(rf"\bthe {k.lower()}\b", low) for k in set(kinds))


def _runs(body: str, found: list[str]) -> list[list[int]]:
    """The names of ``body`` grouped into runs that stand next to each other ("Xi Jinping")."""
    runs: list[list[int]] = []
    end = -1
    for i, name in enumerate(found):
        at = body.find(name, max(end, 0))
        if runs and 0 <= end <= at and not body[end:at].strip(" ."):
            runs[-1].append(i)
        else:
            runs.append([i])
        end = at + len(name) if at >= 0 else end
    return runs
