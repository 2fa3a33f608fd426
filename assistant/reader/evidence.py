"""How well a sentence answers a question: a few readable features, and a calibrated score.

For each candidate sentence (and the one before it, when it leans on it: "He warned
..."), :func:`gather` measures closeness in meaning (MiniLM), how much of the
question's weighted words it covers (also by near synonyms), which of the question's
names are missing, whether it holds an answer of the type asked for ("Where?" wants a
place the question does not already name) and how near the question's words, and
whether it reports speech (the asked person's) when speech is asked about. The logistic
model of :mod:`.model` turns them into the chance that the sentence answers the question;
:func:`weigh_question` does this for every part of a question, for the answerer and for
the calibration alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..article.article import Span
from ..language.lexicon import PERSON_ROLES
from ..language.words import content_terms
from .answer_types import ELSE
from .clauses import clause_closeness
from .compose import definition_of
from .matching import (
    closeness,
    density,
    name_keys,
    place_keys,
    plain_words,
    question_names,
    role_clash,
    soft_cover,
    synonyms,
    term_hits,
)
from .mentions import Mention, counts_something_else
from .model import probability
from .phrasing import PRONOUN
from .question import Question
from .speech import SPEECH_ASKED, SPEECH_GIVEN, speakers

PHOTO = re.compile(r"\b(?:photo\w*|picture\w*|image|caption|pictured)\b", re.I)
CAPTION = re.compile(r"\bphoto(?:graph)?\b|\w/(?:The )?[A-Z]")
# A sentence that leans on the one before it: "He warned ...", "“Whereas the G20 ...",
# "... ,” he said in an article ...".
LEANS = re.compile(
    r"\W*(?:he|she|it|they|his|her|its|their|this|that|these|those|such|both|whereas|but|yet"
    r"|however|instead|still)\b|\W*(?:[\w’'-]+,?\s+){1,3}(?:he|she|they)\b"
    r"|.*\b(?:he|she|they) (?:said|says|wrote|added|told|warned|argued)\b",
    re.I,
)


@dataclass(frozen=True)
class Weighing:
    """Every candidate sentence weighed for one question (part), best first."""

    found: list[Evidence]

    @property
    def confidence(self) -> float:
        """The chance that the best sentence answers the question."""
        return self.found[0].score if self.found else 0.0


@dataclass(frozen=True)
class Evidence:
    """One sentence weighed against one question (part)."""

    sentence: Span
    before: Span | None  # the sentence it leans on, if it does
    features: dict[str, float]
    score: float  # chance that it answers, 0..1
    candidates: tuple[Mention, ...]  # answers of the type asked for, best first
    closeness: tuple[float, ...] = ()  # of each candidate to the question's words


def _weights(part: Question, context: str, digest) -> dict[str, float]:
    out: dict[str, float] = {}
    for text, factor in ((context, 0.5), (part.text, 1.0)):
        for term in set(content_terms(text)):
            out[term] = max(out.get(term, 0.0), factor * digest.weight(term))
    return out


def _candidates(part: Question, mentions: list[Mention], asked: str, digest) -> list[Mention]:
    low, places = asked.lower(), place_keys(part.text, digest)
    return [
        m
        for m in mentions
        if m.type in part.expects
        and m.text.lower() not in low
        and not (m.name and m.name.lower() in low)
        and not (m.type == "PERSON" and role_clash(part.text, digest.title_of(m.name), places))
        and not counts_something_else(part.text, m.text)
    ]


RECENT = 3  # sentences before: a name there is what "the summit" may refer back to


@dataclass(frozen=True)
class Asked:
    """The question's side of the weighing, worked out once for all its sentences."""

    part: Question
    terms: dict[str, float]  # every term, the context's at half weight
    own: dict[str, float]  # the part's own terms
    plain_words: set[str]  # its lower-case words (for synonyms)
    names: set[str]
    people: set[str]  # the persons the part itself names (whose speech it may ask about)
    keys: set[str]
    exclude: str  # names here are not answers

    @classmethod
    def read(cls, part: Question, context: str, exclude: str, digest) -> Asked:
        terms = _weights(part, context, digest)
        mine = set(content_terms(part.text))
        names, _ = question_names(part.text + " " + context, digest)
        return cls(
            part=part,
            terms=terms,
            own={t: v for t, v in terms.items() if t in mine},
            plain_words=plain_words(part.text),
            names=names,
            people={
                n for n in question_names(part.text, digest)[0] if digest.type_of(n) == "PERSON"
            },
            keys=name_keys(part.text + " " + context),
            exclude=exclude or part.text,
        )


def _coverage(q: Asked, text: str, alike: dict[str, set[str]], digest) -> dict[str, float]:
    """How much of the question the sentence (with the one it leans on) contains."""
    have, keys = set(content_terms(text)), name_keys(text)
    covered = sum(v for t, v in q.terms.items() if t in have)
    covered += sum(v for t, v in q.terms.items() if t not in have and t[:4] in keys & q.keys)
    return {
        "cover": min(covered / (sum(q.terms.values()) or 1.0), 1.0),
        "soft_cover": soft_cover(q.plain_words, alike, digest),
    }


def _rank(part: Question, kind: str, text: str = "") -> int:
    """How wanted an answer of type ``kind`` is: people named by kind ("Russian lawmakers")
    rank with organisations, and the nearer to the question's words wins; first of all
    when the question asks for them by that kind ("Which other leaders …?": "European
    leaders")."""
    if (
        kind == "GROUP"
        and text
        and text.split()[-1].lower() in re.findall(r"\w+", part.text.lower())
    ):
        return -1
    if kind == "GROUP" and "ORG" in part.expects:
        kind = "ORG"
    if kind == "EVENT" and "PLACE" in part.expects:
        kind = "PLACE"  # "Where did they meet?": at the Olympics, or in Beijing
    return part.expects.index(kind)


def _typing(
    q: Asked, s, before, text: str, alike: dict[str, set[str]], digest
) -> tuple[dict[str, float], list[tuple[Mention, float]]]:
    """Answers of the asked type in the sentence, nearest the question's words first
    (of the nearest one's type, in their own clause first: :mod:`.clauses`), each with
    its closeness to them. ``text`` is the sentence, after the one it leans on
    (``before``) if any; ``alike`` its near synonyms of the question's words."""
    part = q.part
    cands = _candidates(part, digest.mentions_in(s), q.exclude, digest)
    if before is not None and not cands:
        cands = _candidates(part, digest.mentions_in(before), q.exclude, digest)
    hits = term_hits(text, q.own, alike)
    lead = len(text) - len(s.text)  # where the sentence itself starts in ``text``
    base = {id(m): lead + m.start - s.start for m in cands}
    if before is not None:
        base |= {id(m): m.start - before.start for m in cands if m.start < s.start}
    near = {m: closeness(base[id(m)], hits, q.own) for m in cands}
    cands = sorted(cands, key=lambda m: (_rank(part, m.type, m.text), -near[m], m.start))
    if cands:  # of the first one's type, the one whose own clause holds the question's words
        own = {m: clause_closeness(text, base[id(m)], hits, q.own) for m in cands}
        first = cands[0].type
        cands.sort(key=lambda m: (_rank(part, m.type, m.text), m.type != first, -own[m], -near[m]))
    return {
        "density": density(hits, q.own),
        "typed": (1.0 if cands[0].type == part.expects[0] else 0.5) if cands else 0.0,
        "untyped": (0.0 if cands and cands[0].type == part.expects[0] else 0.5 if cands else 1.0)
        if part.expects
        else 0.0,
        "near": max(near.values(), default=0.0),
    }, [(m, near[m]) for m in cands]


def _speech(q: Asked, text: str, first: Span, here: list[Mention]) -> float:
    """Asked what someone said: 1 when the sentence reports speech (theirs, where it says
    whose), -1 when it reports none or only someone else's; 0 when speech is not asked."""
    if not SPEECH_ASKED.search(q.part.text):
        return 0.0
    if not SPEECH_GIVEN.search(text):
        return -1.0
    said = speakers(text, first.start, [m for m in here if m.type == "PERSON"])
    words = {w for name in said for w in name.split()}  # "Pantucci" is Raffaello Pantucci
    return -1.0 if q.people and said and not any(set(n.split()) & words for n in q.people) else 1.0


ROLE_ONLY = re.compile(  # "a senior Chinese official", not "a senior fellow, Raffaello …"
    rf"\b[Aa]n?\s+(?:[\w’'-]+\s+){{0,2}}(?:{'|'.join(sorted(PERSON_ROLES))})\b(?!,?\s+[A-Z])"
)


def _introduced(i: int, digest) -> set[str]:
    """The person a sentence introduces by role alone ("a senior Chinese official gave
    …") when the next sentence names one ("…,” said Li Zhanshu"): news names them later."""
    s = digest.sentences[i]
    if i + 1 >= len(digest.sentences) or not ROLE_ONLY.search(s.text):
        return set()
    people = {m.name for m in digest.mentions_in(digest.sentences[i + 1]) if m.type == "PERSON"}
    return people if len(people) == 1 else set()


def weigh(q: Asked, i: int, sim: float, digest, weights: dict) -> Evidence:
    """One sentence (by index) weighed against the question."""
    s, part = digest.sentences[i], q.part
    before = digest.sentences[i - 1] if i > 0 and LEANS.match(s.text) else None
    text = s.text if before is None else f"{before.text} {s.text}"
    here = digest.mentions_in(s) + (digest.mentions_in(before) if before else [])
    named = {m.name for m in here} | {m.text for m in here}
    introduced = _introduced(i, digest)  # "a senior official …", named in the next sentence
    named |= introduced
    recent = " ".join(x.text for x in digest.sentences[max(0, i - RECENT) : i]).lower()
    missing = sum(
        0.0 if n in named or n.lower() in text.lower() else 0.5 if n.lower() in recent else 1.0
        for n in q.names
    )
    alike = synonyms(q.plain_words, text, digest)  # once: coverage and typing both read it
    typing, cands = _typing(q, s, before, text, alike, digest)
    speech = _speech(q, text, s if before is None else before, here)
    f = {
        "sim": sim,
        **_coverage(q, " ".join([text, *sorted(introduced)]), alike, digest),
        **typing,
        "missing_names": min(missing, 2) / 2,
        "speech": speech,
        "caption": float(bool(PHOTO.search(part.text)) and bool(CAPTION.search(s.text))),
        "defines": float(
            part.kind == "definition" and bool(definition_of(part.focus, s, digest)[1])
        ),
    }
    mentions, near = tuple(m for m, _ in cands), tuple(c for _, c in cands)
    return Evidence(s, before, f, probability(f, weights), mentions, near)


def gather(
    part: Question,
    indices: Sequence[int],
    digest,
    weights: dict,
    context: str = "",
    exclude: str = "",
) -> Weighing:
    """Every candidate sentence (by index) weighed against ``part``, best first.

    ``context`` is what the part leans on (earlier questions, the other parts);
    ``exclude`` is text whose names are not answers (the whole question, and more).
    """
    q = Asked.read(part, context, exclude, digest)
    sims = digest.similarity(f"{context} {part.text}".strip(), clauses=True)
    out = []
    for i in indices:
        leans = i > 0 and LEANS.match(digest.sentences[i].text)
        out.append(
            weigh(q, i, float(max(sims[i], sims[i - 1] if leans else -1.0)), digest, weights)
        )
    return Weighing(sorted(out, key=lambda e: (-e.score, e.sentence.start)))


def weigh_question(
    asked: Question, history: Sequence[dict], indices: Sequence[int], digest, weights: dict
) -> list[tuple[Question, Weighing]]:
    """Each part of ``asked`` with its sentences (by index) weighed: what the answerer
    decides on, and what the calibration fits on (one function, the same features).

    The names the question uses are not its answer; nor, for "who else", the story's
    protagonist, nor, for a follow-up's "he" that could not be filled in, the person the
    conversation named last. A part's context is the question's other parts and, for a
    follow-up that could not be made stand-alone, the question it leans on.
    """
    earlier = asked.leans_on if asked.follows_up else ""  # "" once made stand-alone
    exclude = asked.text
    if ELSE.search(asked.text):
        exclude += " " + digest.protagonist
    if asked.follows_up and not asked.standalone and PRONOUN.search(asked.text):
        exclude += " " + digest.last_person(history)
    parts = asked.parts or (asked,)
    out = []
    for part in parts:
        others = " ".join(p.text for p in parts if p is not part)
        context = f"{earlier} {others}".strip()
        out.append((part, gather(part, indices, digest, weights, context, exclude)))
    return out
