"""Words that point into the conversation ("he", "there", "that country", "the latter")
and the names put in their place.

:func:`fill` replaces each with what it stands for in the earlier turns
(:func:`assistant.reader.referents.antecedent`), in the form the sentence needs ("his" is
"Xi Jinping's", "there" is "in Bali" or "to Bali"); words that point at nothing are left
alone ("Is there …?", "Is it true …?", "this year", a "his" after the name it stands for):

    >>> from assistant.reader.referents import Cast
    >>> names = {"bali": "Bali", "xi": "Xi Jinping"}
    >>> kinds = {"Bali": "PLACE", "Xi Jinping": "PERSON"}
    >>> cast = Cast(names, kinds, {})
    >>> turns = [("Where will the G20 leaders meet?", "Bali — “… Mr. Xi …” [1]")]
    >>> fill("Why is he going there this year?", turns, cast)
    ('Why is Xi Jinping going to Bali this year?', 'Xi Jinping')
"""

from __future__ import annotations

import re

from ..language.lexicon import NOUN_TYPES, PLACE_PREPOSITIONS
from ..language.words import singular
from .referents import Cast, Wanted, antecedent, mentioned_people

MOTION = re.compile(
    r"\b(?:go|goes|going|went|gone|travel\w*|head\w*|come|comes|coming|came|fl(?:y|ies|ew|ying)"
    r"|move\w*|return\w*|get|gets|got)\s*$",
    re.I,
)
AGAIN = re.compile(r"\b(?:who|what|which|where) else\b|\bwhich other\b|\balso\b", re.I)
WHAT_IS = re.compile(
    r"^(what|who)(?: is| was)\s+(?:that|this)(?:\s+(?:exactly|again|precisely))?\s*[?.!]*$", re.I
)
REFERRING = re.compile(
    r"\b(?:the (?:latter|former)|(?:that|this)(?=(?:\s+(?:exactly|again|precisely))?\s*[?.!]*$)"
    r"|(?i:that|this|those|these)\s+(?!(?:the|a|an|he|she|it|they|we|you|i|his|her|their|its"
    r"|is|was|are|were|exactly|again|precisely)\b)[a-z][\w’'-]*"
    r"|he|him|his|she|her|hers|they|them|their|theirs|it|its|there"
    r"|then(?=\s*[?.!]*$))\b",  # "Where was he then?": the time the conversation is at
    re.I,
)
DUMMY_IT = re.compile(
    r"it\s+(?:(?:is|was|['’]s)\s+(?:true|possible|likely|clear|known|said|reported|expected)"
    r"|takes?|took|seems?|seemed|appears?|means?)\b",
    re.I,
)
# "Is there …?", "there are …": there as a subject, not a place.
EXISTENTIAL = re.compile(
    r"\b(?:is|are|was|were)\s+there\b(?=\s+\w)|\bthere(?=\s+(?:is|are|was|were|will|would"
    r"|has|have|had|be|been|seems?|appears?)\b|['’]s\b)",
    re.I,
)
NOW = re.compile(r"this (?:year|month|week|time|morning|evening)|these days")
NOT_NOUNS = frozenset(
    """about to for from in on at by with and or but that if when as than of into after before
    again now then there here so the a an this these those""".split()
)


def possessive(pronoun: re.Match) -> bool:
    """ "her book" (possessive), not "told her about" (object)."""
    nxt = re.match(r"\s+([A-Za-z][\w’'-]*)", pronoun.string[pronoun.end() :])
    return bool(nxt) and nxt.group(1).lower() not in NOT_NOUNS


def bound(pronoun: re.Match, named: list[tuple[int, str]]) -> bool:
    """A pronoun that a name before it in the same question can stand for ("What did Xi
    say about his trip?"); an object pronoun never is ("What did Xi tell him?")."""
    word = pronoun.group().lower()
    if word in ("him", "them") or (word == "her" and not possessive(pronoun)):
        return False
    before = [kind for start, kind in named if start < pronoun.start()]
    if word in ("he", "his", "she", "her", "hers"):
        return "PERSON" in before
    if word in ("it", "its"):
        return any(kind not in ("PERSON", "DATE") for kind in before)
    return bool(before)


def _wanted(m: re.Match) -> Wanted | None:
    """What the pointing word ``m`` asks for (None: nothing a name can stand in for)."""
    word = m.group().lower()
    again = bool(AGAIN.search(m.string))
    if word in ("that", "this"):  # "What is that exactly?": the thing just named
        asks = WHAT_IS.match(m.string)
        if not asks:
            return None  # "Who published that?": what was said, not a name
        return Wanted(("PERSON",) if asks.group(1).lower() == "who" else ("ORG", "EVENT", "TITLE"))
    if word in ("he", "him", "his"):
        return Wanted(("PERSON",), "he", parallel=again)
    if word in ("she", "her", "hers"):
        return Wanted(("PERSON",), "she", parallel=again)
    if word in ("it", "its"):  # what was asked about or answered, not a name in a quote
        return Wanted(("ORG", "EVENT", "TITLE"), quoted=False)
    if word == "there":
        return Wanted(("PLACE", "EVENT", "ORG"), parallel=again)
    if word == "then":
        return Wanted(("DATE",))
    if word in ("they", "them", "their", "theirs"):
        return Wanted(plural=True)
    noun = word.split()[-1]
    single = singular(noun)
    for kind, nouns in NOUN_TYPES.items():
        if single in nouns or noun in nouns:
            kinds = ("EVENT", "ORG") if kind == "EVENT" else (kind,)
            return Wanted(kinds, plural=single != noun or noun == "people")
    return None


def fill(text: str, turns, cast: Cast) -> tuple[str, str]:
    """``text`` with its pronouns, "there", "that country" and "the latter" replaced by
    what they stand for in ``turns`` (``(question, answer)``, oldest first), and the person
    a "he" or "she" stands for; ``("", "")`` when one cannot be found or none is there."""
    named = cast.find(text)
    own = {name for *_, name, _ in named}
    out, at, person, filled = [], 0, "", set()
    for m in REFERRING.finditer(text):
        word = m.group().lower()
        if _idle(m, named) or _wanted(m) in filled:
            continue  # "Where did he publish his comments?": "his" is the "he" filled in
        if word.startswith("the "):
            people = mentioned_people(cast, turns[-1][1]) if turns else []
            name = (people[-1] if word.endswith("latter") else people[0]) if len(people) > 1 else ""
        else:
            wanted = _wanted(m)
            name = antecedent(cast, wanted, turns, own) if wanted else ""
            if wanted and wanted.pronoun:
                person = name
            filled.add(wanted)
        if not name and word == "then":
            continue  # no time was named: "then" is left as it is
        if not name:
            return "", ""
        own |= {found for *_, found, _ in cast.find(name)}  # "they … him": not the same
        out += [text[at : m.start()], _placed(m, name)]
        at = m.end()
    if not out:
        return "", ""
    standalone = "".join(out) + text[at:]
    return standalone[:1].upper() + standalone[1:], person


def points(text: str, cast: Cast) -> bool:
    """Whether ``text`` has a word that points into the conversation ("he", "there",
    "that country"), not counting those the question itself accounts for."""
    named = cast.find(text)
    return any(not _idle(m, named) for m in REFERRING.finditer(text))


def _idle(m: re.Match, named) -> bool:
    """A word that points at nothing in the conversation: "there" in "Is there …?", "it"
    in "Is it true …?", "this year" (now), a pronoun a name before it stands for."""
    word = m.group().lower()
    if NOW.fullmatch(word):
        return True
    if word == "there":
        return any(e.start() <= m.start() < e.end() for e in EXISTENTIAL.finditer(m.string))
    if word == "it" and DUMMY_IT.match(m.string, m.start()):
        return True
    return word in PRONOUNS and bound(m, [(s, k) for s, _, _, k in named])


PRONOUNS = frozenset("he him his she her hers they them their theirs it its".split())


def _placed(m: re.Match, name: str) -> str:
    """The name in the pronoun's place: "Xi Jinping's" for "his", "in Bali" for "there"."""
    word = m.group().lower()
    if word in ("his", "its", "their", "theirs", "hers") or (word == "her" and possessive(m)):
        return f"{name}'s"
    if word == "then":
        return _at_time(m.string[: m.start()], name)
    if word == "there":
        before = m.string[: m.start()]
        last = before.split()[-1].lower() if before.split() else ""
        if last in PLACE_PREPOSITIONS:
            return name
        return f"to {name}" if MOTION.search(before) else f"in {name}"
    return name


WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def _at_time(before: str, date: str) -> str:
    """A date in the place of "then": "in 2013", "on Friday", "last year" as it is, and no
    preposition after one ("since then" is "since 2013")."""
    last = before.split()[-1].lower() if before.split() else ""
    if last in TIME_PREPOSITIONS or re.match(r"(?:last|this|next|in|on|at|by)\b", date, re.I):
        return date
    day = re.search(r"\b\d{1,2}\b", date) and re.search(r"[A-Za-z]", date)  # "Feb. 4"
    return f"on {date}" if WEEKDAY.match(date) or day else f"in {date}"


TIME_PREPOSITIONS = frozenset("in on at since until by before after from during of".split())
