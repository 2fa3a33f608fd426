"""A follow-up made stand-alone: what its "he", "there", "that country" or ellipsis stands
for, filled in from the conversation, so that it is retrieved and read as one question.

A follow-up leans on the latest turn; a pronoun takes the most salient name of the right
kind there (:mod:`assistant.reader.referents`: the answer's lead, then the question, then
the rest of the answer), or in the turn before when the latest names none. Turns before
a change of topic ("Unrelated, but …") are not looked at. An ellipsis ("And the next
day?", "And where?", "And of the SCO?") re-asks the latest question with the new part:

    >>> from assistant.reader.referents import Cast
    >>> cast = Cast({"xi": "Xi Jinping", "bali": "Bali", "g20": "G20"},
    ...             {"Xi Jinping": "PERSON", "Bali": "PLACE", "G20": "ORG"}, {})
    >>> history = [{"role": "user", "content": "Where will the G20 leaders meet in November?"},
    ...            {"role": "assistant", "content": "Bali — “… Mr. Xi … in Bali in November.” [1]"}]
    >>> resolve("Who will he meet there?", history, cast).standalone
    'Who will Xi Jinping meet in Bali?'
    >>> resolve("When?", history, cast).standalone
    'When will the G20 leaders meet in November?'

When something it points to cannot be found, ``standalone`` is "" and ``leaned`` is the
question it leans on (retrieval then reads both).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .answer_types import expected_types
from .phrasing import ELLIPSIS, NEW_TOPIC, POINTER, PRONOUN, WH, YES_NO
from .pointers import EXISTENTIAL, bound, fill, points
from .referents import Cast
from .rewrite import after, substitute, swap_wh

PREP = r"(?:in|on|at|for|to|from|over|during|since|by|with|until|after|before|of|about)"
WH_ALONE = r"(?:who|whom|where|when|why|how(?: (?:much|many|long|old|far|often|big|come))?)"
WH_NOUN = r"(?:what|which|whose|how many|how much)\s+[\w’'-]+"
WH_PHRASE = rf"(?:{PREP}\s+)?(?:{WH_NOUN}|{WH_ALONE})"
# "And where?", "Over what period?", "Why exactly?": a question word and nothing else.
WH_FRAGMENT = re.compile(rf"^{WH_PHRASE}(?:\s+(?:exactly|then|again|precisely))?\s*[?.!]*$", re.I)
# "Where was that?", "When did it happen?": a new question word about the same event.
WH_ABOUT_IT = re.compile(
    rf"^(?P<wh>{WH_PHRASE})\s+(?:is|was|are|were|did|does|will)\s+(?:that|this|it)"
    r"(?:\s+(?:happen|take place|be))?\s*[?.!]*$",
    re.I,
)
ELSE = re.compile(r"\b(?:who|what|which|where) else\b|\bwhich other\b", re.I)
# "Who published that?": "that" standing for what was just said.
DEMONSTRATIVE = re.compile(r"\b(?:that|this)\s*[?.!]*$", re.I)
ELLIPSIS_LEAD = re.compile(r"^(?:(?:and|also|so)\s+)?(?:(?:what|how) about|same for)?\s*", re.I)
SUCCESSION = re.compile(
    r"^(?:(?:the|on the)\s+)?(?:(?:next|following)\s+(?:day|week|month|year|stop)"
    r"|(?:day|week|month|year)\s+after)|after\s+that|then|next|afterwards?|later$",
    re.I,
)


@dataclass(frozen=True)
class Resolution:
    """A follow-up's stand-alone form ("" when it could not be made), the earlier question
    it leans on (itself stand-alone where it could be made), and the person its "he" or
    "she" stands for."""

    standalone: str = ""
    leaned: str = ""
    person: str = ""


def leans(question: str, text: str, cast: Cast) -> bool:
    """Whether a question needs the conversation: a pronoun no name before it in the
    question accounts for, "there" (a place, not "is there"), "that country", an ellipsis
    ("And the next day?") or a question word alone ("Why?")."""
    if NEW_TOPIC.search(question):
        return False
    pointing = POINTER.search(EXISTENTIAL.sub(" ", text)) or DEMONSTRATIVE.search(text)
    named = [(s, kind) for s, _, _, kind in cast.find(text)]
    free = any(not bound(m, named) for m in PRONOUN.finditer(text))
    elliptic = ELLIPSIS.match(question.strip()) or WH_FRAGMENT.match(text)
    return bool(free or pointing or elliptic or WH_ABOUT_IT.match(text))


def conversation(
    history: Sequence[dict], cast: Cast, clean: Callable[[str], str] = str.strip
) -> list[tuple[str, str]]:
    """The turns a follow-up may lean on, oldest first: ``(question, answer)``, each
    question made stand-alone as far as it can be; none before a change of topic."""
    turns: list[tuple[str, str]] = []
    for h in history:
        content = h.get("content", "")
        if h.get("role") == "assistant":
            if turns and not turns[-1][1]:
                turns[-1] = (turns[-1][0], content)
            else:
                turns.append(("", content))
            continue
        text = clean(content)
        if NEW_TOPIC.search(content):
            turns = []
        elif turns and leans(content, text, cast):
            text = _resolve(content, text, turns, cast).standalone or text
        turns.append((text, ""))
    return turns


def resolve(
    text: str,
    history: Sequence[dict],
    cast: Cast,
    question: str = "",
    clean: Callable[[str], str] = str.strip,
) -> Resolution:
    """Fill in what ``text`` (the question as read; ``question`` as asked) leans on."""
    turns = conversation(history, cast, clean)
    return _resolve(question or text, text, turns, cast) if turns else Resolution()


def _resolve(question: str, text: str, turns: list[tuple[str, str]], cast: Cast) -> Resolution:
    base = next((q for q, _ in reversed(turns) if q), "")
    lead = cast.lead(base, turns[-1][1])
    about_it = WH_ABOUT_IT.match(text)
    if about_it:
        return Resolution(swap_wh(base, about_it.group("wh")), base)
    if WH_FRAGMENT.match(text) or (ELLIPSIS.match(question.strip()) and _fragment(text)):
        fragment = ELLIPSIS_LEAD.sub("", text).strip(" ?.!,")
        filled, person = fill(fragment, turns, cast)
        fragment = filled or fragment
        if WH_FRAGMENT.match(fragment):
            standalone = swap_wh(base, fragment)
        elif SUCCESSION.match(fragment):
            standalone = after(base, lead, cast)
        else:
            standalone = substitute(base, fragment, cast) if fragment else ""
        return Resolution(standalone, base, person)
    # "And how often will trains arrive?" leans by its "And" only: it stands as it is
    standalone, person = (
        fill(text, turns, cast) if points(text, cast) else (text[:1].upper() + text[1:], "")
    )
    other = _other_than(text, lead, turns, cast) if ELSE.search(text) else ""
    if standalone and other and other not in standalone:
        standalone = f"{standalone.rstrip(' ?.!')} besides {other}?"  # not the same again
    return Resolution(standalone, base, person)


def _other_than(text: str, lead: str, turns: list[tuple[str, str]], cast: Cast) -> str:
    """What "who else" / "which other" sets aside: the last answer (``lead``) when it is of
    the kind asked for, else the conversation's latest name of that kind ("Which other
    leaders …?" after "Who is Joe Biden?" and "Bali" sets Biden aside, not Bali)."""
    wanted = set(expected_types(text)[0])
    kinds = {kind for *_, kind in cast.find(lead)} if lead else set()
    if not wanted or (lead and (not kinds or kinds & wanted)):
        return lead
    named = {name for *_, name, _ in cast.find(text)}  # Xi, in "… will Xi face …", stays
    for question, answer in reversed(turns):
        for part in (answer, question):
            names = [n for *_, n, kind in cast.find(part) if kind in wanted and n not in named]
            if names:
                return names[0]
    return ""


def _fragment(text: str) -> bool:
    """ "the next day?", "What about Russia?": no question of its own, unlike "And who was
    he talking to?" or "And did he go?"."""
    if re.match(r"(?:what|how) about\b", text, re.I):
        return True
    return not re.search(rf"\b{WH}\b", text, re.I) and not YES_NO.match(text)
