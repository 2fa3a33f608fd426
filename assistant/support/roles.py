"""Offices and roles a claim gives to people, checked against who holds them: an office the
sentence does not name ("chairman" is never "president"), "Turkish
President Ebrahim Raisi" where the article says Iranian, "a senior Russian official told
Chinese lawmakers" where it says the reverse. A name check alone passes both (every name is
there); what is wrong is which people or country the office goes with.

    >>> t = "A Chinese official told Russian lawmakers, with Iranian President Ebrahim Raisi."
    >>> office_elsewhere("Turkish President Ebrahim Raisi spoke", t, t)
    'Turkish'
    >>> role_swapped("A Chinese official spoke", t), role_swapped("A Russian official spoke", t)
    (None, 'Russian official')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..language.lexicon import OFFICES, PERSON_ROLES
from ..language.words import stem
from .facts import names
from .names import fold

# A person given an office of a country: "Turkish President Ebrahim Raisi", "the president
# of Uzbekistan is Xi Jinping", "Xi Jinping, the president of China".
_PERSON = r"((?:[A-Z][\w’'-]+ ){0,2}[A-Z][\w’'-]+)"
_OFFICE = r"(?:President|Prime Minister|Premier|Foreign Minister|Minister|Chancellor|King|Mayor)"
_QUALIFIED = [
    re.compile(rf"\b([A-Z][a-z]+) {_OFFICE} {_PERSON}"),  # (where, who)
    re.compile(rf"\b(?i:{_OFFICE}) of (?:the )?([A-Z][a-z]+)[\w ]{{0,12}}? (?:is|was) {_PERSON}"),
]
_QUALIFIED_AFTER = re.compile(
    rf"{_PERSON},? (?:is |was |who is )?(?:the |a )?(?:former )?(?i:{_OFFICE}) of (?:the )?"
    r"([A-Z][a-z]+)"
)
_NOT_PLACES = {"prime", "foreign", "former", "vice", "deputy", "acting", "then", "the", "late"}


# Offices written out and by their initials: one office either way.
_OFFICE_INITIALS = {
    "chief executive officer": "ceo",
    "chief executive": "ceo",
    "chief financial officer": "cfo",
    "chief operating officer": "coo",
    "chief financial": "cfo",
}


def office_missing(body: str, text: str, people: Sequence[str] = (), article: str = "") -> bool:
    """Whether ``body`` gives someone an office ("president", "mayor") that ``text`` does
    not name: an office is a fact, never a near synonym of another ("chairman"). An office
    the article gives one of the ``people`` ``text`` names, near their name, is named ("The
    Chinese president heads to Kazakhstan" of "Mr. Xi heads to Kazakhstan").

    >>> a = "Chinese President Xi Jinping has not travelled. Li Zhanshu, chairman, spoke."
    >>> b = "Xi and Russian President Putin"
    >>> office_missing("The Chinese president heads out", "Mr. Xi heads out", ["Xi"], a)
    False
    >>> office_missing("The Chinese president heads out", "Mr. Li heads out", ["Li"], a)
    True
    >>> office_missing("Xi is the Russian president", "Xi met Putin", ["Xi"], b)
    True
    >>> office_missing("The Russian president heads out", "Mr. Xi heads out", ["Xi"], a)
    True
    """

    def offices(words: str) -> set[str]:
        words = words.lower()
        for long, short in _OFFICE_INITIALS.items():  # "chief executive" is the CEO
            words = re.sub(rf"\b{long}\b", short, words)
        found = set(re.findall(r"[a-z]+", words))
        return {w for w in found if w in OFFICES} | {
            w[:-1] for w in found if w.endswith("s") and w[:-1] in OFFICES
        }

    missing = offices(body) - offices(text)
    if not missing or not article:
        return bool(missing)
    held = [b for who in people for b in _around(who, article, 4, 2)]
    for office in missing:  # held by one of them, and of the people the claim says
        of = re.findall(rf"\b([A-Z][a-z]+) (?i:{office})", body)
        keys = [fold(p)[:4].lower() for p in of if p.lower() not in _NOT_PLACES]
        if not any(office in offices(b) and all(k in fold(b).lower() for k in keys) for b in held):
            return True
    return False


def _around(who: str, text: str, before: int, after: int = 8) -> list[str]:
    """The stretches of ``text`` around ``who``'s surname: ``before`` words before it and
    ``after`` after (where an office, a people or a role goes with a name)."""
    surname = re.escape(re.sub(r"[’']s$", "", who.split()[-1]))
    return re.findall(rf"((?:\S+\s+){{0,{before}}}{surname}\b(?:\S*\s+\S+){{0,{after}}})", text)


def office_elsewhere(body: str, text: str, article: str) -> str | None:
    """The country ``body`` makes a person's office of when neither ``text`` nor the
    article puts that country (or its people's name) near that person's name (four words
    before it, eight after), or None.

    >>> t = "Xi will meet Iranian President Ebrahim Raisi and Chinese President Xi Jinping."
    >>> office_elsewhere("Turkish President Ebrahim Raisi attends", t, t)
    'Turkish'
    >>> office_elsewhere("The president of Iran is Ebrahim Raisi", t, t) is None
    True
    >>> office_elsewhere("The president of Uzbekistan is Xi Jinping", t, t)
    'Uzbekistan'
    """
    pairs = [m.groups() for rule in _QUALIFIED for m in rule.finditer(body)]
    pairs += [(m.group(2), m.group(1)) for m in _QUALIFIED_AFTER.finditer(body)]
    for where, who in pairs:
        if where.lower() in _NOT_PLACES or not names(who):  # "The president of ...": no one
            continue
        key = fold(where)[:4].lower()
        if not any(key in fold(b).lower() for b in _around(who, f"{text} {article}", 4)):
            return where
    return None


_PEOPLE_ROLE = re.compile(
    rf"\b([A-Z][a-z]+)\s+(?:[a-z]+\s+)??({'|'.join(sorted(PERSON_ROLES))})s?\b"
)


def role_swapped(body: str, text: str) -> str | None:
    """A people's name ``body`` gives a role ("Russian official") where ``text`` gives that
    role only to another people ("a senior Chinese official … Russian lawmakers"), or None.

    >>> t = "A senior Chinese official told Russian lawmakers that China supports Russia."
    >>> role_swapped("A senior Russian official told Chinese lawmakers", t)
    'Russian official'
    >>> role_swapped("A Chinese official told Russian lawmakers", t) is None
    True
    """
    theirs: dict[str, set[str]] = {}
    for m in _PEOPLE_ROLE.finditer(text):
        theirs.setdefault(m.group(2), set()).add(fold(m.group(1))[:4].lower())
    for m in _PEOPLE_ROLE.finditer(body):
        people, role = fold(m.group(1))[:4].lower(), m.group(2)
        if people in _NOT_PLACES or m.group(1).lower() in ("the", "a", "an"):
            continue
        if role in theirs and people not in theirs[role]:
            return f"{m.group(1)} {role}"
    return None


# Roles that say what someone is, not only that they count ("official", "leader", "expert").
_GENERIC = {
    "official",
    "officials",
    "leader",
    "head",
    "expert",
    "analyst",
    "politician",
    "activist",
    "critic",
    "resident",
    "student",
    "owner",
    "manager",
    "member",
}
_ROLE_BEFORE = re.compile(
    rf"\b({'|'.join(sorted(PERSON_ROLES))})\s+((?:[A-Z][\w’'-]+\s+){{0,2}}[A-Z][\w’'-]+)"
)


def role_elsewhere(body: str, text: str, article: str) -> str | None:
    """A role ``body`` puts before a person's name ("diplomat Wang Jisi") that neither
    ``text`` nor the article puts near that name (it says "scholar Wang Jisi"), or None.

    >>> t = "influential foreign policy scholar Wang Jisi wrote in 2012"
    >>> role_elsewhere("Chinese diplomat Wang Jisi wrote in 2012", t, t)
    'diplomat'
    >>> role_elsewhere("The scholar Wang Jisi wrote in 2012", t, t) is None
    True
    """
    for m in _ROLE_BEFORE.finditer(body):
        role, who = m.group(1), m.group(2)
        if role in _GENERIC or not names(who):
            continue
        wanted, near = stem(role), _around(who, f"{text} {article}", 6)
        if not any(wanted in {stem(w) for w in re.findall(r"[a-z]+", b.lower())} for b in near):
            return role
    return None
