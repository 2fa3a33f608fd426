"""Who, where, when and how much: the typed mentions in an article's sentences.

The offline answerer must know that "Bali" is a place and "31 per cent" a share before
it can answer "Where ...?" or "By how much ...?" with them. No named-entity model ships
in a package here, so mentions are found the way a careful reader of news finds them:
numbers, dates and amounts by their form; names as runs of capitalised words, typed by
the words around them ("President ...", "... said", "in ...", "(SCO)") and by the word
that ends them ("... Organization", "... Street"). A name no such cue types is asked of
``typer`` (see :mod:`assistant.reader.entity_types`, which asks MiniLM whether it reads like a
country, a person or an organisation). A name typed once is typed everywhere it recurs,
and a short form ("Mr. Wang") stands for the full name:

    >>> from assistant.article.article import parse_article
    >>> art = parse_article("Chinese President Xi Jinping heads to Kazakhstan on Wednesday. "
    ...                     "Trade grew 31 per cent, Mr. Xi said in Samarkand.")
    >>> [(m.text, m.type) for m in find_mentions(art)]  # doctest: +NORMALIZE_WHITESPACE
    [('Xi Jinping', 'PERSON'), ('Kazakhstan', 'PLACE'), ('Wednesday', 'DATE'),
     ('31 per cent', 'PERCENT'), ('Xi', 'PERSON'), ('Samarkand', 'PLACE')]
    >>> find_mentions(art)[4].name
    'Xi Jinping'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..article.article import Article
from ..language.lexicon import (
    CONNECTORS,
    EVENT_HEADS,
    HONORIFICS,
    MONTHS,
    ORG_HEADS,
    PERSON_ROLES,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    REGIONS,
    SPEECH_VERBS,
    WEEKDAYS,
)
from ..language.words import english_words, is_stopword

NAMES = ("PERSON", "PLACE", "ORG", "EVENT", "TITLE")
Typer = Callable[[list[str]], dict[str, str]]


@dataclass(frozen=True)
class Mention:
    """A typed piece of the article: ``article[start:end] == text``."""

    text: str
    start: int
    end: int
    type: str  # PERSON PLACE ORG EVENT TITLE DATE PERCENT MONEY NUMBER ORDINAL
    name: str = ""  # the full name a short form stands for ("Xi" -> "Xi Jinping")
    governor: str = ""  # the word that governs a name ("to" Kazakhstan, "between" Beijing)


_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_COUNT = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|a dozen)"
_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries)"
FORMS = [  # (type, pattern), most specific first, matched on a sentence's text
    ("MONEY", rf"[$€£¥]\s?{_NUM}(?:\s?(?:million|billion|trillion)\b)?"),
    ("MONEY", rf"\b{_NUM}\s?(?:million|billion|trillion)?\s?(?:dollars|yuan|euros|pounds)\b"),
    ("PERCENT", rf"\b{_NUM}\s?(?:per ?cent|percent|%)"),
    ("DATE", rf"\b(?:{MONTHS})\.?(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?\b"),
    ("DATE", rf"\b(?:{WEEKDAYS})\b"),
    ("DATE", r"\b(?:last|this|next) (?:week|month|year|decade)\b"),
    ("DATE", r"\b(?:spring|summer|fall|autumn|winter) (?:of )?\d{4}\b"),
    ("DATE", r"\bthe (?:beginning|start|end|outbreak|height) of the [a-z]+\b"),
    ("DATE", r"\b(?:1[89]\d\d|20\d\d)\b"),
    ("NUMBER", rf"\b(?:more than |nearly |about |almost |over )?(?:{_NUM}|{_COUNT})[- ]{_UNIT}\b"),
    ("NUMBER", rf"\b{_NUM}(?:-{_NUM})?(?:-\w+| [a-z]+s\b)?"),
    (
        "NUMBER",
        r"\b(?:daily|weekly|monthly|quarterly|yearly|annually|twice a (?:day|week|month|year))\b",
    ),
    ("ORDINAL", r"\b(?:first|second|third|fourth|fifth) (?:term|time|round)\b"),
]
FORMS = [(t, re.compile(p, re.I if t != "NUMBER" else 0)) for t, p in FORMS]


_TIME_UNIT = re.compile(rf"{_UNIT}", re.I)
_COUNTED = re.compile(r"\bhow many\s+([a-z’'-]+)", re.I)


def counts_something_else(question: str, answer: str) -> bool:
    """Whether ``answer`` is a span of time and ``question`` counts something that is not
    one ("How many members does the alliance have?" is never "two years").

    >>> counts_something_else("How many members does it have?", "two years")
    True
    >>> counts_something_else("How many days will he stay?", "two days")
    False
    """
    asked = _COUNTED.search(question)
    if asked is None or _TIME_UNIT.fullmatch(asked.group(1)):
        return False
    return bool(re.search(rf"[- ]{_UNIT}$", answer, re.I))


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{0,2}\.(?=\s)|[\w’'-]+|[^\w\s]")


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and any(c.isalpha() for c in token))


def _common(word: str, common: set[str]) -> bool:
    """A sentence's first word that is not a name: a function word, a word the article
    also writes in lower case or never capitalises inside a sentence while English has
    it ("Whereas"), or an -ing/-ly/-ed form ("Considering", "Instead")."""
    low = re.sub(r"(’s|'s)$", "", word.lower())
    return low in common or is_stopword(low) or low.endswith(("ing", "ly", "ed"))


def _name_end(words: list[str], j: int) -> int:
    """Past the capitalised words (and inner of/for/the) that start at ``j``."""
    while j < len(words):
        if _capitalised(words[j]):
            j += 1
        elif (words[j] in CONNECTORS - {"and"} or words[j] == "&") and (
            j + 1 < len(words) and _capitalised(words[j + 1])
        ):
            j += 2  # "Bank of China", "Halvorsen & Sons"
        else:
            break
    return j


def _runs(words: list[str], common: set[str]) -> list[tuple[int, int]]:
    """Index ranges of capitalised runs ("Shanghai Cooperation Organization"); "and" joins
    two only when the name ends as an organisation's or event's does ("Belt and Road
    Initiative"), so "China and Russia" stays two names."""
    runs, i = [], 0
    while i < len(words):
        first = i == 0 or words[i - 1] in "“\"‘'("
        if not _capitalised(words[i]) or (first and _common(words[i], common)):
            i += 1
            continue
        j = _name_end(words, i + 1)
        if j + 1 < len(words) and words[j] == "and" and _capitalised(words[j + 1]):
            k = _name_end(words, j + 1)
            if words[k - 1].lower() in ORG_HEADS | EVENT_HEADS:
                j = k
        runs.append((i, j))
        i = j
    return runs


def _governor(words: list[str], i: int) -> str:
    """The word that governs a name, past any names it is listed with ("to X, Y and Z")."""
    k = i - 1
    while k >= 0 and (_capitalised(words[k]) or words[k] in (",", "and", "or")):
        k -= 1
    return words[k].lower() if k >= 0 else ""


def _cue(name: list[str], before: list[str], after: list[str], governor: str) -> str:
    """The type the words of a name and the words around it give, or ""."""
    last = re.sub(r"(’s|'s)$", "", name[-1].lower())
    prev = before[-1].lower() if before else ""
    if "&" in name:  # "Halvorsen & Sons", "Procter & Gamble": a firm
        return "ORG"
    if prev.rstrip(".") in HONORIFICS or prev in PERSON_ROLES or after[:1] == ["/"]:
        return "PERSON"
    acronym = len(name) == 1 and re.fullmatch(r"[A-Z][A-Z0-9]+|[A-Z]+\d+", name[0])
    if acronym or last in ORG_HEADS or (("of" in name) and name[0].lower() in ORG_HEADS):
        return "ORG"
    if last in EVENT_HEADS:
        return "EVENT"
    if (
        prev in ("of", "titled", "called")
        and len(before) > 1
        and before[-2].lower()
        in (
            "author",
            "book",
            "novel",
            "film",
            "report",
        )
    ):
        return "TITLE"
    if last in PLACE_HEADS or name[-1] in REGIONS or last.endswith("stan"):
        return "PLACE"
    role_after = after[:1] == [","] and (
        after[1:2]
        and after[1].lower() in PERSON_ROLES
        or after[1:2] in (["a"], ["an"], ["the"])
        and any(w.lower() in PERSON_ROLES for w in after[2:6])
    )
    if prev in SPEECH_VERBS or (after[:1] and after[0].lower() in SPEECH_VERBS) or role_after:
        return "PERSON"
    modifier = len(name) == 1 and after[:1] and after[0].islower() and not is_stopword(after[0])
    if governor in PLACE_PREPOSITIONS and not modifier:
        return "PLACE"
    return ""


def _names(text: str, offset: int, common: set[str]) -> list[Mention]:
    tokens = list(_TOKEN.finditer(text))
    words = [t.group() for t in tokens]
    out = []
    for i, j in _runs(words, common):
        cut = max(
            (
                k + 1
                for k in range(i, j - 1)
                if words[k].lower().rstrip(".") in HONORIFICS | PERSON_ROLES
            ),
            default=i,
        )
        before, after = words[max(0, cut - 6) : cut], words[j : j + 7]
        if words[j - 1].lower() in PERSON_ROLES:
            continue  # a title with no name ("U.S. President")
        governor = _governor(words, i)
        kind = "PERSON" if cut > i else _cue(words[cut:j], before, after, governor)
        start, end = tokens[cut].start(), tokens[j - 1].end()
        name = re.sub(r"(’s|'s|(?<=[a-z]{2})\.)$", "", text[start:end])
        out.append(Mention(name, offset + start, offset + start + len(name), kind, "", governor))
    return out


def _forms(text: str, offset: int) -> list[Mention]:
    found: list[Mention] = []
    for kind, pattern in FORMS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if not any(s < f.end - offset and f.start - offset < e for f in found):
                found.append(Mention(m.group().strip(), offset + s, offset + e, kind))
    return found


def typed_forms(text: str) -> list[Mention]:
    """Numbers, dates, amounts and shares in any text (offsets into it), by their form.

    >>> [(m.text, m.type) for m in typed_forms("On Thursday trade grew 31 per cent")]
    [('31 per cent', 'PERCENT'), ('Thursday', 'DATE')]
    """
    return _forms(text, 0)


def _resolve(mentions: list[Mention], typer: Typer | None) -> list[Mention]:
    """One type per name (cues first, then ``typer``), short forms tied to full names."""
    typed: dict[str, str] = {}
    for m in mentions:
        if m.type:
            typed.setdefault(m.text, m.type)
    untyped = sorted({m.text for m in mentions if m.text not in typed})
    if typer is not None and untyped:
        typed.update({k: v for k, v in typer(untyped).items() if v in NAMES})
    full: dict[str, str] = {}
    for name, kind in typed.items():
        if kind == "PERSON" and " " in name:
            full.setdefault(name.split()[-1], name)
            full.setdefault(name.split()[0], name)  # "Xi" of "Xi Jinping"
    out = []
    for m in mentions:
        kind = typed.get(m.text) or ("PERSON" if m.text in full else "")
        if kind:
            name = full.get(m.text, m.text) if kind == "PERSON" else m.text
            out.append(Mention(m.text, m.start, m.end, kind, name, m.governor))
    return out


def _common_words(article: Article) -> set[str]:
    """Words that are not names when they start a sentence: those the article writes in
    lower case, and common English words it never capitalises inside a sentence."""
    lower = set(re.findall(r"\b[a-z][\w’'-]*", article.text))
    inside = {
        w.lower()
        for s in article.sentences
        for w in re.findall(r"(?<=[\w,;:] )[A-Z][\w’'-]*", s.text)
    }
    return lower | (english_words() - inside)


def find_mentions(article: Article, typer: Typer | None = None) -> list[Mention]:
    """Every typed mention in the article's sentences, in article order."""
    common = _common_words(article)
    found = []
    for s in article.sentences:
        forms = _forms(s.text, s.start)
        names = _names(s.text, s.start, common)
        found += forms + [
            n for n in names if not any(n.start < f.end and f.start < n.end for f in forms)
        ]
    named = _resolve(found, typer)
    groups = [
        g
        for s in article.sentences
        for g in _groups(s.text, s.start)
        if not any(g.start < m.end and m.start < g.end for m in named)
    ]
    return sorted(named + groups, key=lambda m: m.start)


GROUP = re.compile(  # "Russian lawmakers", "European leaders": people named by kind
    rf"(?<=[\w,;:] )[A-Z][a-z]+ (?:{'|'.join(sorted(r + 's' for r in PERSON_ROLES))})\b"
)
ROLE_GROUP = re.compile(  # "the city auditor", "a senior Chinese official": one named by role
    r"(?<![\w.], )\b(?:the|a|an) (?:[a-z][\w’'-]+ |[A-Z][a-z]+ ){0,3}?"
    rf"(?:{'|'.join(sorted(PERSON_ROLES))})s?\b(?!,? [A-Z])"
)
OUTLET = re.compile(  # "Chinese state media": an outlet named by where it is from
    r"(?<=[\w,;:] )[A-Z][a-z]+ (?:state |state-run |official )?(?:media|press|television"
    r"|newspapers|outlets)\b"
)


def _groups(text: str, offset: int) -> list[Mention]:
    """People and outlets a sentence names by where they are from ("telling Russian
    lawmakers", "wrote in Chinese state media"): a ``GROUP`` (an answer to "who" when no
    one is named) or an ``ORG``."""
    return [
        Mention(m.group(), offset + m.start(), offset + m.end(), kind, m.group())
        for kind, pattern in (("GROUP", GROUP), ("ORG", OUTLET), ("GROUP", ROLE_GROUP))
        for m in pattern.finditer(text)
    ]
