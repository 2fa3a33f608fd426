"""The facts a claim states that a cited sentence must state too: its numbers (with their
kind: a share, an amount of money, a plain count or year), its dates (months and weekdays)
and its names.

Number words are read as digits first (``text2num``), so "thirty-one per cent" is 31 % and
"six months" is 6; a scale word multiplies ("$5bn" is 5,000,000,000):

    >>> sorted(numbers("Trade grew thirty-one per cent, to $5bn, in 2022."))
    [(31.0, '%'), (2022.0, ''), (5000000000.0, '$')]
    >>> numbers("They have met twice.")
    {(2.0, '')}
    >>> as_digits("It pays off for half a century, over two decades, for a dozen towns.")
    'It pays off for 50 years, over 20 years, for 12 towns.'
    >>> sorted(dates("They met on Feb. 4 and again on Wednesday."))
    ['february', 'wednesday']
    >>> names("Then Indian Prime Minister Narendra Modi met Mr. Xi in Samarkand, Uzbekistan.")
    ['Indian', 'Narendra', 'Modi', 'Xi', 'Samarkand', 'Uzbekistan']
    >>> t = "China backs Russia at the summit."
    >>> names(t), names(t, known={"China"})
    (['Russia'], ['China', 'Russia'])
"""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import alpha2digit

from ..language.lexicon import HONORIFICS, MONTHS, PERSON_ROLES, WEEKDAYS
from ..language.words import english_words, is_stopword

Number = tuple[float, str]  # (value, kind): kind is "%", "$" (money) or "" (anything else)

_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_SCALED = re.compile(
    r"(?P<cur>[$€£¥]\s?)?(?<![\w.])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s?"
    r"(?P<scale>thousand|million|billion|trillion|bn|mn|tn|k|m|b)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?P<cur>[$€£¥])?\s?(?<![\w.])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?:st|nd|rd|th)?(?![\d\w])"
    r"(?:\s?(?P<unit>%|per ?cent\b|percent\b|dollars?\b|euros?\b|yuan\b|pounds?\b))?",
    re.IGNORECASE,
)
_MONTH = re.compile(rf"\b(?:{MONTHS})\b\.?")  # capitalised: "may", "march" are verbs
_WEEKDAY = re.compile(rf"\b(?:{WEEKDAYS}|weekdays?|weekends?)\b", re.IGNORECASE)
_SEASON = re.compile(
    r"\b(?:spring|summer|fall|autumn|winter|daily|weekly|biweekly|monthly|quarterly|yearly"
    r"|annually|annual)\b",
    re.IGNORECASE,
)
_TIMES = {"twice": "2 times", "thrice": "3 times"}  # counts text2num does not read
_FULL_MONTHS = MONTHS.split("|")[:12]
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w’'.-]*")


@lru_cache(maxsize=4096)
def as_digits(text: str) -> str:
    """``text`` with English number words written as digits ("thirty-one" -> "31")."""
    text = _SPANS.sub(_span, text)
    try:
        return alpha2digit(text, "en", threshold=1.5)  # "one" is often a pronoun
    except Exception:  # text2num gives up on some odd inputs: keep the words
        return text


# Spans of time and counts English names in words: "half a century" is 50 years.
_UNITS = {
    "decade": (10, "years"),
    "century": (100, "years"),
    "dozen": (12, ""),
    "fortnight": (14, "days"),
}
_SPANS = re.compile(
    r"\b(?:(?P<half>half) (?:a|an)|(?P<count>a|an|one|two|three|four|five|\d+)) ?"
    r"(?P<unit>decades?|century|centuries|dozens?|fortnights?)\b",
    re.IGNORECASE,
)
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _span(m: re.Match) -> str:
    unit = m.group("unit").lower().rstrip("s").replace("centurie", "century")
    size, noun = _UNITS[unit]
    count = (m.group("count") or "a").lower()
    value = size * (int(count) if count.isdigit() else _COUNTS[count])
    value = value / 2 if m.group("half") else value
    return f"{value:g} {noun}".strip()


def _scaled(m: re.Match) -> str:
    """ "$5bn" -> "$5000000000"; "5 m" stays (metres), unless it is money."""
    scale = m.group("scale").lower()
    if scale in ("m", "b", "k") and not m.group("cur"):
        return m.group()
    value = float(m.group("num").replace(",", "")) * _SCALE[scale]
    return f"{m.group('cur') or ''}{value:.0f}"


def numbers(text: str) -> set[Number]:
    """The numbers ``text`` states, each with its kind."""
    return {number for number, _, _ in bounded_numbers(text)}


# A number given as a bound: "more than $400 million" (above it), "nearly 2,000" (just below).
_BOUND = re.compile(
    r"\b(?:(?P<above>more than|over|above|at least|upwards of|in excess of|exceeding)"
    r"|(?P<below>less than|fewer than|under|below|at most|up to)"
    r"|(?P<near>nearly|almost|just under))\s+(?:about\s+)?$",
    re.IGNORECASE,
)
NEARLY = 0.9  # "nearly X" holds of a value from 0.9 X up to X


def bounded_numbers(text: str) -> set[tuple[Number, str, str]]:
    """The numbers ``text`` states, each with its kind, the bound it is given as (">" more
    than, "<" less than, "~" nearly, "" the value itself) and the word after it (what it
    counts).

    >>> sorted(bounded_numbers("more than $400 million and nearly 2,000 jobs"))
    [((2000.0, ''), '~', 'jobs'), ((400000000.0, '$'), '>', 'and')]
    """
    out: set[tuple[Number, str, str]] = set()
    text = re.sub(r"\b(?:twice|thrice)\b", lambda m: _TIMES[m.group().lower()], text, flags=re.I)
    text = as_digits(_SCALED.sub(_scaled, text))
    for m in _NUMBER.finditer(text):
        value = float(m.group("num").replace(",", ""))
        unit = (m.group("unit") or "").lower()
        kind = "%" if unit.startswith(("%", "per")) else "$" if m.group("cur") or unit else ""
        at = m.start("cur") if m.group("cur") else m.start("num")
        b = _BOUND.search(text[max(0, at - 25) : at])
        bound = "" if b is None else ">" if b["above"] else "<" if b["below"] else "~"
        after = re.findall(r"[a-z]+", text[m.end() :].lower())[:1]
        out.add(((value, kind), bound, after[0] if after else ""))
    return out


def within_bound(claimed: Number, bound: str, stated: set[Number]) -> bool:
    """A claimed number is stated when a stated number of its kind is the value, or meets
    the bound it is claimed as ("more than $400 million" of "$412 million"; ``stated``
    should hold only numbers the text gives exactly, not "more than three years").

    >>> stated = {(412.0, "$")}
    >>> within_bound((400.0, "$"), ">", stated), within_bound((500.0, "$"), ">", stated)
    (True, False)
    """
    if same_number(claimed, stated) or not bound:  # "more than 150" of "more than 150"
        return same_number(claimed, stated)
    value, kind = claimed
    fits = {
        ">": lambda v: v > value,
        "<": lambda v: v < value,
        "~": lambda v: NEARLY * value <= v <= value,
    }[bound]
    return any(fits(v) and (not kind or not k or k == kind) for v, k in stated)


_MEASURE = re.compile(
    r"\b(\d+(?:,\d{3})*(?:\.\d+)?)[\s-]+(miles?|blocks?|kilomet(?:er|re)s?|km|feet|foot|met(?:er|re)s?"
    r"|acres?|years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b",
    re.IGNORECASE,
)
_SAME_UNIT = {"km": "kilometer", "kilometre": "kilometer", "metre": "meter", "foot": "feet"}


def measures(text: str) -> set[tuple[float, str]]:
    """The amounts ``text`` gives in a unit of length, area or time, unit in the singular.

    >>> sorted(measures("within two blocks, 12 minutes apart"))
    [(2.0, 'block'), (12.0, 'minute')]
    """
    out = set()
    for m in _MEASURE.finditer(as_digits(text)):
        unit = m.group(2).lower()
        unit = unit if unit == "feet" else unit.rstrip("s")
        out.add((float(m.group(1).replace(",", "")), _SAME_UNIT.get(unit, unit)))
    return out


def other_unit(body: str, text: str) -> bool:
    """Whether ``body`` gives an amount in one unit that ``text`` gives in another only
    ("two miles" where it says "two blocks").

    >>> other_unit("within two miles of the site", "within two blocks of the site")
    True
    >>> other_unit("two blocks away", "within two blocks of the site")
    False
    """
    stated = measures(text)
    return any(
        (v, u) not in stated and any(v == w and u != k for w, k in stated)
        for v, u in measures(body)
    )


def same_number(claimed: Number, stated: set[Number]) -> bool:
    """A claimed number is stated when its value is, of the same kind (a plain number may
    stand for a share or an amount, and the reverse)."""
    value, kind = claimed
    return any(
        abs(v - value) <= 1e-9 * max(1.0, abs(value)) and (not kind or not k or k == kind)
        for v, k in stated
    )


def numbers_hold(body: str, text: str) -> bool:
    """Whether every number ``body`` claims is one ``text`` states (of its kind), or, claimed
    as a bound, is met by a value ``text`` gives exactly of the same thing counted.

    >>> numbers_hold("It will cost more than $400 million.", "It will cost $412 million.")
    True
    >>> vote = "A 5-4 vote ended more than three years of talks."
    >>> numbers_hold("It ended more than two years of talks.", vote)
    False
    """
    given = bounded_numbers(text)
    stated = {n for n, _, _ in given}

    def exact(noun: str) -> set[Number]:  # what a bound claimed is held to
        return {n for n, bound, counts in given if not bound and counts == noun}

    return all(
        same_number(n, stated) or within_bound(n, bound, exact(noun))
        for n, bound, noun in bounded_numbers(body)
    )


_RELATIVE = re.compile(r"\b(?:this|last|next)\s+(?:week|month|year|decade)\b", re.IGNORECASE)


def dates(text: str) -> set[str]:
    """The months, weekdays, seasons and frequencies ("monthly", "quarterly") ``text``
    names, as full lower-case names ("weekday" and "weekend" too, and autumn is fall), and
    the periods it counts from now ("last year").

    >>> sorted(dates("Last year, on a Friday in March"))
    ['friday', 'last year', 'march']
    """
    found = {_month_name(m.group().rstrip(".")) for m in _MONTH.finditer(text)}
    found |= {m.group().lower().rstrip("s") for m in _WEEKDAY.finditer(text)}
    found |= {m.group().lower().replace("autumn", "fall") for m in _SEASON.finditer(text)}
    found |= {" ".join(m.group().lower().split()) for m in _RELATIVE.finditer(text)}
    return {"annually" if f in ("yearly", "annual") else f for f in found}


def _month_name(word: str) -> str:
    low = word.lower()
    return next((m.lower() for m in _FULL_MONTHS if m.lower().startswith(low[:3])), low)


def names(text: str, known: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The capitalised words of ``text`` that name someone or something: not a title
    ("President", "Mr.", "Prime Minister"), not a month or weekday, and not a common English
    word that only starts a sentence ("The", "Trade") unless ``known`` (the article's names
    written inside its sentences) holds it."""
    out = []
    sentence_start = True
    tokens = list(_TOKEN.finditer(text))
    fragment = len(tokens) <= 3  # "Tibet", "In Bali.": a short answer's capitals are names
    for i, m in enumerate(tokens):
        word = re.sub(r"(?:’s|'s|\.)$", "", re.sub(r"-[a-z][\w’']*$", "", m.group()))
        before = text[max(0, m.start() - 2) : m.start()]
        starts = sentence_start or bool(re.search(r"[.!?:“\"(]\s*$", before)) or m.start() == 0
        sentence_start = m.group().endswith((".", "!", "?")) and word.lower() not in HONORIFICS
        if not word[:1].isupper() or len(word) < 2:
            continue
        low = word.lower()
        if low in HONORIFICS or low in PERSON_ROLES or _MONTH.fullmatch(word) or is_stopword(low):
            continue
        joined = i + 1 < len(tokens) and not text[m.end() : tokens[i + 1].start()].strip()
        after = tokens[i + 1].group().lower().rstrip(".") if joined else ""  # "Li, chairman"
        if _WEEKDAY.fullmatch(word) or _SEASON.fullmatch(word) or after in PERSON_ROLES:
            continue  # "Prime" of "Prime Minister", "Foreign" of "Foreign Minister"
        if starts and low in english_words() and word not in known and not fragment:
            continue  # "Trade grew ...": a common word that starts a sentence
        out.append(word)
    return out
