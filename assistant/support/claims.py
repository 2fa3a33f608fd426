"""An answer cut into claims: its sentences, and inside a sentence the pieces that carry their
own citation markers ("Putin [1] and Raisi [2] will be there" is two claims). Every
character of the answer belongs to exactly one claim, so dropping a claim leaves the rest
as it was written.

    >>> [c.text for c in split_claims("Bali [4]. Putin [1] and Raisi [2] will attend. Hi!")]
    ['Bali [4]. ', 'Putin [1] ', 'and Raisi [2] will attend. ', 'Hi!']
    >>> [(c.body, c.cites) for c in split_claims("The article names 2 people: Xi [1] and Li [3].")]
    [('Xi', (1,)), ('and Li', (3,))]

While an answer streams, only the claims that are over may be checked and shown:
:func:`complete` says how much of the text that is (a sentence is over once the next one
has begun, so its markers have all arrived).

    >>> complete("Bali is the venue [4]. It is in Indon")
    23
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.citations import MARKER
from ..language.words import content_terms

_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Sen|Rep|Gov|No|vs|etc|U\.S|U\.K|e\.g|i\.e|Jan|Feb"
    r"|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])$"
)
# The end of a sentence: its punctuation, closing quotes or brackets, then its markers.
_END = re.compile(r"[.!?。！？]+[”\"’')\]]*(?:\s*\[\d+\])*|\n+")
_MARKERS = re.compile(r"(?:\s*\[\d+\])+")
_PREFACE = re.compile(r"^[^\[\]:]{0,120}:\s+(?=\S)")


@dataclass(frozen=True)
class Claim:
    """A piece of an answer: ``text`` as written (markers and following space included),
    ``body`` what it states (markers, quotation marks and any preface taken off), and the
    passage numbers it cites."""

    start: int
    end: int
    text: str
    body: str
    cites: tuple[int, ...]


def _sentence_ends(text: str) -> list[int]:
    """Where each sentence of ``text`` ends (after its markers and the space that follows)."""
    ends = []
    for m in _END.finditer(text):
        before = text[: m.start()]
        if m.group() == "." and text[m.end() : m.end() + 1].isdigit():
            continue  # a decimal point: "7.8-mile"
        if m.group()[0] == "." and re.search(r"(?:^|\n)[ \t]*\d{1,2}$", before):
            continue  # a numbered list item: "1. India"
        if m.group()[0] == "." and _ABBREVIATION.search(before) and not m.group().startswith(".."):
            nxt = text[m.end() : m.end() + 2].strip()
            if nxt[:1].islower() or not nxt or _ABBREVIATION.search(before[-3:]):
                continue  # "Mr. Xi", "U.S. President": not the end of a sentence
        if m.group() == "." and re.match(r" [a-z]", text[m.end() : m.end() + 2]):
            continue  # "at 9 a.m. and said": a sentence does not go on in lower case
        end = m.end()
        if end < len(text) and not text[end].isspace() and m.group()[0] != "\n":
            continue  # "in Beijing.Alexei Druzhinin/The AP": no space, not an end
        while end < len(text) and text[end].isspace():
            end += 1
        if end < len(text) or text[m.end() :].strip() == "":
            ends.append(end)
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    return ends


def complete(text: str) -> int:
    """How many characters of a streaming ``text`` hold sentences that are over."""
    ends = [e for e in _sentence_ends(text) if e < len(text) and text[e - 1].isspace()]
    return ends[-1] if ends else 0


def _pieces(sentence: str) -> list[tuple[int, int]]:
    """Spans of a sentence's claims: cut after each group of markers inside it. A piece with
    no content before its markers ("According to [2], ...") joins the next; what follows the
    last markers ("... will attend.") joins the piece before, whose subject it completes."""
    cuts = [m.end() for m in _MARKERS.finditer(sentence) if sentence[m.end() :].strip(" .,;:!?")]
    spans, start = [], 0
    for cut in cuts:
        while cut < len(sentence) and sentence[cut] in " ,;:":
            cut += 1
        if _states(MARKER.sub("", sentence[start:cut])):
            spans.append((start, cut))
            start = cut
    if spans and not MARKER.search(sentence[start:]):
        spans[-1] = (spans[-1][0], len(sentence))
    else:
        spans.append((start, len(sentence)))
    return spans


def _states(text: str) -> bool:
    """Whether a piece says something of its own: a content word, a name or a number."""
    return bool(content_terms(text)) or bool(re.search(r"[A-Z0-9]", text))


_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")  # a list item's bullet or number


def item_text(text: str) -> str:
    """A claim's words as written, without its markers or list bullet (its preface kept:
    "and the author of Sinostan: China's Inadvertent Empire" is more than a name).

    >>> item_text("2. Joe Biden [4]")
    'Joe Biden'
    """
    return _BULLET.sub("", MARKER.sub("", text)).strip()


def body_of(text: str) -> str:
    """What a claim states: without markers, quotation marks, ellipses, a preface ("The
    closest passage:") or a leading "Yes"/"No"."""
    body = MARKER.sub("", text)
    body = _BULLET.sub("", body)
    body = _PREFACE.sub("", body.strip())
    body = re.sub(r"^(?:yes|no)\s*[—–,:.!-]+\s*", "", body, flags=re.IGNORECASE)
    body = re.sub(r"[“”\"‘]|(?<!\w)’|…|\.\.\.", " ", body)
    body = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(body.split()))
    return body.strip(" ,;:—–-.!?")


def split_claims(text: str, offset: int = 0) -> list[Claim]:
    """The claims of ``text`` in order; offsets are into ``text`` (plus ``offset``)."""
    claims, start = [], 0
    for end in _sentence_ends(text):
        sentence = text[start:end]
        for a, b in _pieces(sentence):
            piece = sentence[a:b]
            cites = tuple(dict.fromkeys(int(n) for n in MARKER.findall(piece)))
            claims.append(
                Claim(offset + start + a, offset + start + b, piece, body_of(piece), cites)
            )
        start = end
    return [c for c in claims if c.text]
