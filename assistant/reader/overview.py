"""Answers that are not one sentence's: summaries, lists of names, small talk, questions
about the article itself, requests it cannot do, and questions in another language.

Each function returns ``(text, answered)``; ``numbers`` maps a sentence's start offset
to the passage number it is cited by.

A summary takes the article's lede (its first sentences, as news is written) and its most
central sentences (closest in meaning to the rest of it, MiniLM), never two that say the
same, never the photo caption, in article order;
a summary about someone ("the gist of what Pantucci argues") takes the sentences about
them. A list names every person (or place, organisation) once, each cited where it
first appears.
"""

from __future__ import annotations

import re

import numpy as np

from ..core.answerer import REFUSAL
from ..language.lexicon import FOREIGN_WH
from .answer_types import expected_types
from .compose import definition_of, join_names, quote_line
from .evidence import CAPTION, LEANS
from .masthead import byline, dateline, masthead, quote_piece
from .matching import question_names
from .question import Question
from .speech import SPEECH_GIVEN

ENGLISH_ONLY = "Offline answers quote the English article."  # the notice of another language
SUMMARY_SENTENCES = 4
LEDE = 2  # news puts what happened first: a summary starts with the story's first sentences
SIMILAR = 0.75  # two summary sentences closer than this say the same thing
HELP = (
    "I answer questions about this article by quoting it: ask who, what, where, when or how"
    " much, ask for a summary, or for the people it names."
)


def small_talk(asked: Question, digest, numbers) -> tuple[str, bool]:
    low = asked.text.lower()
    if re.match(r"(?:thanks|thank you|thx|cheers)", low):
        return "You're welcome. " + HELP, False
    if re.match(r"(?:bye|goodbye|see you)", low):
        return "Goodbye!", False
    if re.match(r"(?:hi|hello|hey|hiya|howdy|good |greetings)", low):
        return "Hello! " + HELP, False
    return HELP, False


def task(asked: Question, digest, numbers) -> tuple[str, bool]:
    return f"{REFUSAL} I only answer questions about the article, quoting it.", False


def meta(asked: Question, digest, numbers) -> tuple[str, bool]:
    """Who wrote the article, or when: its byline or dateline, quoted, where it has one."""
    when = re.search(r"\b(?:when|date|dated|published|day|year)\b", asked.text, re.I)
    found = (dateline if when else byline)(digest.sentences)
    if found and digest.sentences[found[0]].start in numbers:
        s = digest.sentences[found[0]]
        return quote_line(found[1], s.text, numbers[s.start]), True
    if byline(digest.sentences) or dateline(digest.sentences):
        missing = "publication date" if when else "byline"
        return f"{REFUSAL} The page as captured gives no {missing}.", False
    return (
        f"{REFUSAL} The page as captured gives no byline or publication date.",
        False,
    )


def _captions(digest) -> set[int]:
    return {i for i, s in enumerate(digest.sentences) if CAPTION.search(s.text)}


def _central(
    digest, candidates: list[int], scores: np.ndarray, chosen: list[int] | None = None
) -> list[int]:
    """Up to :data:`SUMMARY_SENTENCES` of ``candidates`` by score, no two alike, after any
    already ``chosen``."""
    chosen = list(chosen or [])
    for i in sorted(candidates, key=lambda i: -scores[i]):
        if len(chosen) == SUMMARY_SENTENCES:
            break
        if all(float(digest.vectors[i] @ digest.vectors[j]) < SIMILAR for j in chosen):
            chosen.append(i)
    return sorted(chosen)


def summary(asked: Question, digest, numbers) -> tuple[str, bool]:
    skip = _captions(digest) | masthead(digest.sentences)
    pool = [
        i
        for i in range(len(digest.sentences))
        if i not in skip and digest.sentences[i].start in numbers
    ]
    names, _ = question_names(asked.text, digest)
    if names:  # about someone or something: the sentences that name them, closest first
        about = [
            i for i in pool if any(n.lower() in digest.sentences[i].text.lower() for n in names)
        ]
        about += [i + 1 for i in about if i + 1 in pool and i + 1 not in about]
        scores = digest.similarity(asked.text)
        chosen = _central(digest, about, scores)
    else:  # a news story: its lede (first two sentences), then its most central ones
        # that stand on their own ("He warned ..." needs the sentence before it)
        # mean similarity to every sentence = similarity to their mean: no n-by-n matrix
        scores = digest.vectors @ digest.vectors.mean(axis=0)
        alone = [i for i in pool if _alone(digest.sentences[i].text)]
        chosen = _central(digest, alone, scores, _lede(digest, pool))
    chosen = _with_what_they_lean_on(digest, chosen)
    if not chosen:
        return REFUSAL, False
    parts = [f"{digest.sentences[i].text} [{numbers[digest.sentences[i].start]}]" for i in chosen]
    return "In short: " + " ".join(parts), True


def _alone(text: str) -> bool:
    """A sentence that stands on its own: it leans on none before ("He warned …") and
    is not a piece of a quotation that runs over several ("Now it is here,” said …")."""
    return not LEANS.match(text) and not quote_piece(text)


def _lede(digest, pool: list[int]) -> list[int]:
    """The story's first :data:`LEDE` sentences that stand alone or lean on the one before
    them in it ("Instead, on Wednesday Mr. Xi …" after the first)."""
    lede: list[int] = []
    for i in pool[:LEDE]:
        if _alone(digest.sentences[i].text) or i - 1 in lede:
            lede.append(i)
    return lede


def _with_what_they_lean_on(digest, chosen: list[int]) -> list[int]:
    """``chosen`` without a sentence that leans on one not chosen, or that is a piece of
    a quotation whose other piece is not chosen."""
    kept = set(chosen)
    for i in chosen:
        text = digest.sentences[i].text
        piece = quote_piece(text)
        partner = i + 1 if piece == "opens" else i - 1
        if (piece or LEANS.match(text)) and partner not in kept:
            kept.discard(i)
    return sorted(kept)


def listing(asked: Question, digest, numbers) -> tuple[str, bool]:
    kinds, _ = expected_types(asked.text)
    kind = kinds[0] if kinds and kinds[0] in ("PERSON", "PLACE", "ORG") else "PERSON"
    quoted = bool(re.search(r"\bquot", asked.text, re.I))
    first: dict[str, int] = {}
    for m in digest.mentions:
        if m.type != kind or (m.name or m.text) in first:
            continue
        sentence = digest.sentence_at(m.start)
        if quoted and not SPEECH_GIVEN.search(sentence.text):
            continue
        if sentence.start in numbers:
            first[m.name or m.text] = numbers[sentence.start]
    if not first:
        return REFUSAL, False
    noun = {"PERSON": "people", "PLACE": "places", "ORG": "organisations"}[kind]
    what = f"{noun} quoted" if quoted else noun
    items = [f"{name} [{n}]" for name, n in first.items()]
    return f"The article names {len(items)} {what}: {join_names(items)}.", True


def other_language(question: str, digest, passages, asked=None) -> tuple[str, bool]:
    """The multilingual ranking's best passages, quoted; with a name, place or date of
    the kind asked for, that is the answer (:data:`ENGLISH_ONLY` is the reader's notice).
    Asked who or what a name is ("¿Quién es Raffaello Pantucci?"), the passage that says
    it is the answer, as in English."""
    if asked is not None and asked.kind == "definition" and asked.focus:
        for p in passages:
            lead, phrase = definition_of(asked.focus, p, digest)
            if phrase:
                return quote_line(lead, phrase, p.number), True
    words = set(re.findall(r"\w+", question.lower()))
    wanted = [k for k, ws in FOREIGN_WH.items() if words & ws]
    for p in passages[:2]:
        found = sorted(
            (
                m
                for m in digest.mentions_in(p)
                if m.type in wanted and m.text.lower() not in question.lower()
            ),
            key=lambda m: wanted.index(m.type),  # the kind asked for first, then in order
        )
        if found:
            lead = found[0].name if found[0].type == "PERSON" else found[0].text
            return quote_line(lead, p.text, p.number), True
    quotes = " ".join(quote_line("", p.text, p.number) for p in passages[:2])
    return f"The closest passages: {quotes}", False
