"""Questions an article may answer, written from its own sentences: its people, things,
events, places, dates and amounts, as a reader would ask about them.

Each :class:`Askable` is a question, the sentence it was written from and the words a
right answer must contain (the name or amount it is about). They are only candidates:
:mod:`assistant.reader.suggest` keeps those the assistant answers. For example:

    >>> from assistant.article.article import parse_article
    >>> from assistant.reader.mentions import find_mentions
    >>> art = parse_article("Trade between China and Russia increased 31 per cent. "
    ...                     "The line is expected to cost $412 million.")
    >>> for a in amounts(art.sentences, find_mentions(art)):
    ...     print(a.question, "->", a.key)
    By how much did trade between China and Russia increase? -> 31 per cent
    How much is the line expected to cost? -> $412 million
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..language.lexicon import EVENT_HEADS
from ..language.words import english_words
from .compose import describe, expansion
from .mentions import Mention
from .speech import speakers


@dataclass(frozen=True)
class Askable:
    """A question, the sentence (by number) it was written from, and what its answer
    must say."""

    question: str
    sentence: int
    key: str


def _by_sentence(sentences: Sequence, mentions: Sequence[Mention]) -> list[list[Mention]]:
    out: list[list[Mention]] = [[] for _ in sentences]
    i = 0
    for m in mentions:  # both in article order
        while i + 1 < len(sentences) and sentences[i + 1].start <= m.start:
            i += 1
        out[i].append(m)
    return out


def people(sentences: Sequence, mentions: Sequence[Mention]) -> Iterator[Askable]:
    """ "Who is X?" where the article says what X is; "What did X say about Y?" where it
    quotes X on something it names."""
    seen: set[str] = set()
    for i, here in enumerate(_by_sentence(sentences, mentions)):
        s = sentences[i]
        for m in here:
            if m.type != "PERSON" or m.name in seen:
                continue
            if describe(m.text, s.text) or describe(m.name, s.text):
                seen.add(m.name)
                yield Askable(f"Who is {m.name}?", i, m.name)
        said = speakers(s.text, s.start, [m for m in here if m.type == "PERSON"])
        quoted = [m for m in here if m.type in ("ORG", "EVENT", "PLACE") and _quoted(s, m)]
        quoted.sort(key=lambda m: m.type == "PLACE")  # NATO before the United States
        for name in sorted(said):
            if quoted:
                topic = named(sentences, quoted[0].text)
                yield Askable(f"What did {name} say about {topic}?", i, quoted[0].text)


def _quoted(s, m: Mention) -> bool:
    """Whether a mention stands inside the sentence's quotation marks."""
    before = s.text[: m.start - s.start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def named(sentences: Sequence, name: str) -> str:
    """A name as the article writes it: "the United States", "the SCO", "Bali"."""
    written = any(re.search(rf"\bthe {re.escape(name)}\b", s.text, re.I) for s in sentences)
    return f"the {name}" if written else name


def things(sentences: Sequence, mentions: Sequence[Mention]) -> Iterator[Askable]:
    """ "What is X?" for an organisation, event or title the article explains."""
    seen: set[str] = set()
    for i, here in enumerate(_by_sentence(sentences, mentions)):
        text = sentences[i].text
        for m in here:
            if m.type not in ("ORG", "EVENT", "TITLE") or m.text in seen:
                continue
            long = expansion(m.text, text) if m.text.isupper() else ""
            said = describe(m.text, text) or (long and describe(long, text))
            if said and not said.startswith(("whose", "including")) and long not in seen:
                seen.update({m.text, long} - {""})
                yield Askable(f"What is {named(sentences, long or m.text)}?", i, long or m.text)


# "a meeting of G20 leaders in Bali", "a key Communist Party summit in October"
OCCASION = re.compile(
    rf"\b(?:a|an|the)\s+((?:[\w’'-]+\s+){{0,4}}?(?:meeting|{'|'.join(sorted(EVENT_HEADS))})"
    r"(?:\s+of\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+)?)\s+(?:in|on)\s+$"
)


def occasions(sentences: Sequence, mentions: Sequence[Mention]) -> Iterator[Askable]:
    """ "Where is the meeting of G20 leaders?", "When is the key Communist Party summit?":
    an event the article places or dates."""
    for i, here in enumerate(_by_sentence(sentences, mentions)):
        s = sentences[i]
        for m in here:
            if m.type not in ("PLACE", "DATE"):
                continue
            found = OCCASION.search(s.text[: m.start - s.start])
            if found:
                wh = "Where" if m.type == "PLACE" else "When"
                yield Askable(f"{wh} is the {found.group(1)}?", i, m.text)


def _base(verb: str) -> str:
    """ "increased" -> "increase", "jumped" -> "jump", "rallied" -> "rally"."""
    if verb.endswith("ied"):
        return verb[:-3] + "y"
    return verb[:-1] if verb[:-1] in english_words() else verb[:-2]


def amounts(sentences: Sequence, mentions: Sequence[Mention]) -> Iterator[Askable]:
    """ "By how much did X increase?", "How much is X expected to cost?": an amount a
    sentence gives for what it starts with."""
    for i, here in enumerate(_by_sentence(sentences, mentions)):
        s = sentences[i]
        for m in here:
            if m.type not in ("PERCENT", "MONEY"):
                continue
            before = s.text[: m.start - s.start].rstrip()
            done = re.fullmatch(r"([A-Z][\w’' -]{3,60}?) ([a-z]+ed)(?: by)?", before)
            will = re.fullmatch(
                r"([A-Z][\w’' -]{3,60}?) (is|was|will|would) ((?:[a-z]+ )?to )?([a-z]+)", before
            )
            if done:
                subject = done.group(1)[0].lower() + done.group(1)[1:]
                yield Askable(f"By how much did {subject} {_base(done.group(2))}?", i, m.text)
            elif will:
                subject = will.group(1)[0].lower() + will.group(1)[1:]
                verb = (will.group(3) or "") + will.group(4)
                yield Askable(f"How much {will.group(2)} {subject} {verb}?", i, m.text)
                break


def askables(sentences: Sequence, mentions: Sequence[Mention]) -> list[Askable]:
    """Every candidate question, in article order, each question once."""
    found = [a for make in (people, things, occasions, amounts) for a in make(sentences, mentions)]
    return list({a.question: a for a in sorted(found, key=lambda a: a.sentence)}.values())
