"""What a follow-up can point back to: the article's cast of names, and the names an
earlier turn of the conversation used, the most salient first.

An answer leads with what was asked ("Bali — “…”" [1]; one written without a lead, with
the first name its question did not give), so a name in that lead is the most salient;
then come the names of the question, then those in the rest of the answer, in
order. Each name is typed as the article types it (:mod:`assistant.reader.mentions`); a
person takes the pronoun the article uses for them, where it uses one ("she" for a mayor
the article calls "she"), and a short form stands for the full name ("Mr. Xi"):

    >>> cast = Cast({"xi": "Xi Jinping", "bali": "Bali", "g20": "G20"},
    ...             {"Xi Jinping": "PERSON", "Bali": "PLACE", "G20": "ORG"}, {"Xi Jinping": "he"})
    >>> turn = cast.referents("Where will the G20 leaders meet?",
    ...                       "Bali — “… an out-of-practice Mr. Xi … G20 leaders in Bali.” [1]")
    >>> [(r.name, r.type, r.tier) for r in turn]
    [('Bali', 'PLACE', 0), ('G20', 'ORG', 1), ('Xi Jinping', 'PERSON', 2)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .mentions import NAMES, Mention, typed_forms

HE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
# The short answer an answer leads with: "Bali — “…” [1]", "2013 — “…” [1] Kazakhstan — …".
LEAD = re.compile(r"(?:^|(?<=\]) )([^“”\[\]]{1,150}?) — “")


@dataclass(frozen=True)
class Referent:
    """A name a turn used: as the article writes it (a person's full name), its type, how
    salient (0: the answer's lead, 1: the question, 2: the rest of the answer), and the
    whole lead it stands in ("U.S., Australia and Britain")."""

    name: str
    type: str
    tier: int
    lead: str = ""


_WORD = re.compile(r"\w+")


class Cast:
    """The article's names: ``names`` maps each written form, in lower case, to the name
    it stands for; ``types`` gives each name's type, ``pronouns`` a person's "he"/"she"."""

    def __init__(self, names: dict[str, str], types: dict[str, str], pronouns: dict[str, str]):
        self.names, self.types, self.pronouns = names, types, pronouns
        # Names by their first word, the longest first ("Xi Jinping" before "Xi"): a text is
        # searched only for the names whose first word it has, so a question's cost does
        # not grow with the number of names a long article has.
        self._by_word: dict[str, list[str]] = {}
        for key in sorted(names, key=len, reverse=True):
            first = _WORD.search(key)
            self._by_word.setdefault(first.group() if first else "", []).append(key)

    def _names_in(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, key)`` of each name form in ``text``, leftmost-longest, apart."""
        low, out, end = text.lower(), [], 0
        for w in _WORD.finditer(low):
            if w.start() < end or (w.start() > 0 and low[w.start() - 1] in "."):
                continue
            for key in self._by_word.get(w.group(), ()):
                stop = w.start() + len(key)
                if low.startswith(key, w.start()) and not low[stop : stop + 1].isalnum():
                    if low[stop : stop + 1] != "_":
                        out.append((w.start(), stop, key))
                        end = stop
                        break
        return out

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """``(start, end, name, type)`` of each name in ``text``, and of each date."""
        found = []
        for start, end, key in self._names_in(text):
            name = self.names[key]
            found.append((start, end, name, self.types.get(name, "")))
        for form in typed_forms(text):
            if form.type == "DATE" and not any(
                s < form.end and form.start < e for s, e, *_ in found
            ):
                found.append((form.start, form.end, form.text, "DATE"))
        return sorted(found)

    def first_new(self, question: str, answer: str) -> str:
        """The first name an answer gives that its question did not (no date): what an
        answer without a lead answers ("The summit is in Samarkand." to "Which city …?")."""
        asked = {name for *_, name, _ in self.find(question)}
        given = [name for *_, name, kind in self.find(answer) if kind != "DATE"]
        return next((name for name in given if name not in asked), "")

    def lead(self, question: str, answer: str) -> str:
        """The short answer ``answer`` leads with ("Bali" of "Bali — “…” [1]"), or else
        the first name it gives that ``question`` did not."""
        m = LEAD.match(answer)
        return m.group(1) if m else self.first_new(question, answer)

    def referents(self, question: str, answer: str) -> list[Referent]:
        """The names one turn used, the most salient first (each once)."""
        leads = [(m.start(1), m.end(1)) for m in LEAD.finditer(answer)]
        given = self.first_new(question, answer) if not leads else ""
        ranked: list[tuple[int, int, Referent]] = []
        for start, _, name, kind in self.find(answer):
            lead = next((answer[a:b] for a, b in leads if a <= start < b), "")
            lead = lead or (name if name == given else "")
            ranked.append((0 if lead else 2, start, Referent(name, kind, 0, lead)))
        for start, _, name, kind in self.find(question):
            ranked.append((1, start, Referent(name, kind, 1)))
        out: dict[str, Referent] = {}
        for tier, _, ref in sorted(ranked, key=lambda r: (r[0], r[1])):
            if ref.name not in out:
                out[ref.name] = Referent(ref.name, ref.type, tier, ref.lead)
        return list(out.values())


def pronouns_of(mentions: Sequence[Mention], sentences: Sequence) -> dict[str, str]:
    """The pronoun the article uses for each person: counted in the sentences that name
    only that person (after the name) and in the next one when it names nobody."""
    counts: dict[str, list[int]] = {}
    by_sentence: list[list[Mention]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    i = 0
    for m in mentions:  # both are in article order
        while i + 1 < len(starts) and starts[i + 1] <= m.start:
            i += 1
        by_sentence[i].append(m)
    for i, s in enumerate(sentences):
        people = {m.name for m in by_sentence[i] if m.type == "PERSON"}
        if len(people) != 1:
            continue
        (name,) = people
        first = min(m.start for m in by_sentence[i] if m.type == "PERSON")
        text = s.text[first - s.start :]
        if i + 1 < len(sentences) and not any(m.type == "PERSON" for m in by_sentence[i + 1]):
            text += " " + sentences[i + 1].text
        he_she = counts.setdefault(name, [0, 0])
        he_she[0] += len(HE.findall(text))
        he_she[1] += len(SHE.findall(text))
    return {n: "he" if he > she else "she" for n, (he, she) in counts.items() if he != she}


def cast_of(mentions: Sequence[Mention], sentences: Sequence) -> Cast:
    """The cast of an article from its typed mentions and sentences."""
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    for m in mentions:
        if m.type in NAMES:
            full = m.name or m.text
            names.setdefault(m.text.lower(), full)
            names.setdefault(full.lower(), full)
            types.setdefault(full, m.type)
    return Cast(names, types, pronouns_of(mentions, sentences))


@dataclass(frozen=True)
class Wanted:
    """What a pointing word can stand for: names of these kinds, in this order of
    preference; a person's pronoun ("he", "she"); several things ("they", "those places")."""

    kinds: tuple[str, ...] = ()
    pronoun: str = ""
    plural: bool = False
    parallel: bool = False  # the follow-up asks the question again: "And who else …?"
    quoted: bool = True  # may be a name only the rest of an answer gives ("it" may not)


def antecedent(cast: Cast, wanted: Wanted, turns: Sequence[tuple[str, str]], own: set[str]) -> str:
    """The name (or list of names) ``wanted`` stands for: in the latest turn that has one,
    the most salient: the answer's lead, then the question (first when the follow-up
    repeats it: "who else"), each for every kind wanted, before the rest of the answer;
    never a name the question itself uses (``own``). "" if none."""
    for question, answer in reversed(turns):
        refs = [r for r in cast.referents(question, answer) if r.name not in own]
        if wanted.plural:
            found = _several(cast, wanted, question, refs)
            if found:
                return found
            if not wanted.kinds:
                continue
        first = 1 if wanted.parallel else 0  # "And who else will he face?": the same subject
        asked = sorted((r for r in refs if r.tier < 2), key=lambda r: r.tier != first)
        rest = [r for r in refs if r.tier == 2] if wanted.quoted else []
        for group in (asked, rest):
            for kind in wanted.kinds:
                for r in group:
                    agrees = cast.pronouns.get(r.name, wanted.pronoun) == wanted.pronoun
                    if r.type == kind and agrees:
                        return r.name
    return ""


def _several(cast: Cast, wanted: Wanted, question: str, refs: list[Referent]) -> str:
    """ "they": a lead that lists several, the people a question names together, the
    "which allies" it asked about, the first two people its answer names, or an
    organisation."""
    for r in refs:
        if r.tier == 0 and (not wanted.kinds or r.type in wanted.kinds):
            if len({name for *_, name, _ in cast.find(r.lead)}) >= 2:
                return r.lead
    if wanted.kinds:
        return ""
    people = [r.name for r in refs if r.tier == 1 and r.type == "PERSON"]
    if len(people) >= 2:
        return " and ".join(people)
    asked = re.search(r"\b(?:which|what)\s+((?:[a-z]+\s+)?[a-z]+s)\b", question, re.I)
    if asked:
        return f"the {asked.group(1)}"
    people = [r.name for r in refs if r.tier != 1 and r.type == "PERSON"]
    if len(people) >= 2:
        return " and ".join(people[:2])
    return next((r.name for r in refs if r.type == "ORG"), "")


def mentioned_people(cast: Cast, answer: str) -> list[str]:
    """The persons an answer names, in order ("the latter" is the last of them)."""
    return list(dict.fromkeys(name for *_, name, kind in cast.find(answer) if kind == "PERSON"))
