"""Reading an answer's citation markers, and checking them against the passages given.

Models write markers in many forms; each is read as passage numbers (ranges expanded,
superscripts and full-width digits included) and rewritten as ``[n]``:

    >>> read_markers("Bali [4-5]. Xi [^4]【5】 (Source 4) [Passage 9] [sic].", {4, 5}).text
    'Bali [4][5]. Xi [4][5] [4] [sic].'

A marker that names no passage given is left out of the text and reported, never dropped
silently; a trailing "Sources: [1], [3]" line becomes the answer's sources:

    >>> m = read_markers("Bali is the venue.\\nSources: [4], [7]", {4, 5})
    >>> m.text, m.sources, m.invalid
    ('Bali is the venue.', (4,), ('[7]',))

:func:`resolve_citations` then renumbers the markers 1, 2, ... in order of first use, and
each becomes a :class:`Citation` quoting the exact span of the article:

    >>> ps = [Passage(4, "Bali.", 10, 15, 0)]
    >>> text, cites = resolve_citations("In Bali [4][9].", ps, "0123456789Bali.")
    >>> text, cites
    ('In Bali [1].', [Citation(id=1, text='Bali.', start=10, end=15)])

Other brackets (``[sic]``, ``[2022a]``) and parentheses (``(2022)``) are text and stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from .result import Citation, ClaimCheck, Passage

MARKER = re.compile(r"\[(\d+)\]")  # a marker as the checked answer writes it: one number
# What a model may have meant as a marker: brackets (ASCII, full-width or lenticular)
# around numbers, with "Passage"/"Source" or a caret before them and "†source" after;
# or parentheses around "Source(s)"/"Passage(s)" and numbers.
_ATTEMPT = re.compile(
    r"[\[［【]\s*\^?\s*(?:(?:passages?|sources?|refs?)\.?\s*)?"
    r"([^\[\]［］【】\n]{1,40}?)(?:\s*†[^\[\]［］【】\n]{0,20})?\s*[\]］】]"
    r"|\(\s*(?:passages?|sources?)\s+([^()\n]{1,40}?)\s*\)",
    re.IGNORECASE,
)
_LIST = re.compile(r"\d+(?:-\d+)?(?:(?:,|;|&|and)\d+(?:-\d+)?)*")
_SOURCES = re.compile(
    r"\n\s*[*_]*(?:sources?|references?|citations?|passages?)\s*:?[*_]*\s*:?\s*"
    r"((?:\s*(?:\[[^\]\n]{1,20}\]|\d+)\s*[,;]?)+)\s*$",
    re.IGNORECASE,
)
LONGEST_RANGE = 20  # "[1-400]" is not a citation
# A passage named in the prose: "According to passage 2, …", "As stated in sources 1 and 3, …".
_PROSE = re.compile(
    r"(?:,\s*)?\b(?:according to|as (?:stated|noted|said|mentioned|reported) in|based on|per)"
    r" (?:the )?"
    r"(?:passages?|sources?) (\d+(?:\s*(?:,|and|&)\s*\d+)*),?\s*",
    re.IGNORECASE,
)


def _prose_markers(answer: str) -> str:
    """ "According to passage 2, the line has 11 stations." as "The line has 11 stations [2]."

    >>> _prose_markers("According to passage 2, the line has 11 stations. It opens in 2029 [3].")
    'The line has 11 stations [2]. It opens in 2029 [3].'
    >>> _prose_markers("The line, according to passages 1 and 2, has 11 stations.")
    'The line has 11 stations [1][2].'
    """
    while m := _PROSE.search(answer):
        numbers = "".join(f"[{n}]" for n in re.findall(r"\d+", m.group(1)))
        rest = answer[m.end() :]
        if m.start() == 0 or answer[: m.start()].rstrip().endswith((".", "!", "?", "\n")):
            rest = rest[:1].upper() + rest[1:]  # the sentence now starts with what followed
        end = re.search(r"[.!?](?=\s|$)|\n|$", rest)
        at = end.start()
        before = answer[: m.start()]
        joint = " " if before and not before.endswith((" ", "\n")) and rest[:1].isalnum() else ""
        answer = before + joint + rest[:at].rstrip() + f" {numbers}" + rest[at:]
    return answer


def marker_numbers(inside: str) -> list[int] | None:
    """The passage numbers a marker's content names (ranges expanded), [] for a malformed
    marker, None for text that is not a marker at all.

    >>> marker_numbers(" 3, 5 "), marker_numbers("²"), marker_numbers("-1"), marker_numbers("sic")
    ([3, 5], [2], [], None)
    >>> marker_numbers("1-3"), marker_numbers("2 and 4"), marker_numbers("1-400")
    ([1, 2, 3], [2, 4], [])
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", inside)).lower()
    text = re.sub("[–—]", "-", text)
    if not text or not any(ch.isdigit() for ch in text):
        return None
    if re.search(r"[^\d,;+\-&]", text.replace("and", "")):
        return None
    if not _LIST.fullmatch(text):
        return []
    numbers: list[int] = []
    for part in re.split(r"[,;&]|and", text):
        low, _, high = part.partition("-")
        if high:
            if not 0 <= int(high) - int(low) < LONGEST_RANGE:
                return []
            numbers += range(int(low), int(high) + 1)
        else:
            numbers.append(int(low))
    return numbers


@dataclass(frozen=True)
class Markers:
    """An answer with its markers read: ``[n]`` for each passage named that was given,
    the markers that named none (as written), and a trailing sources line's passages."""

    text: str
    invalid: tuple[str, ...] = ()
    sources: tuple[int, ...] = ()


def read_markers(answer: str, known: Collection[int]) -> Markers:
    """Every marker of ``answer`` rewritten as ``[n]`` for the passages in ``known``."""
    invalid: list[str] = []
    sources: list[int] = []
    m = _SOURCES.search(answer)
    if m:
        numbers = [n for part in re.findall(r"\d+", m.group(1)) for n in [int(part)]]
        sources = [n for n in numbers if n in known]
        invalid += [f"[{n}]" for n in numbers if n not in known]
        answer = answer[: m.start()]

    def replace(match: re.Match) -> str:
        inside = match.group(1) if match.group(1) is not None else match.group(2)
        numbers = marker_numbers(inside)
        if numbers is None:
            return match.group(0)  # text in brackets, not a marker
        kept = [n for n in dict.fromkeys(numbers) if n in known]
        if not numbers or len(kept) < len(set(numbers)):
            invalid.append(match.group(0))
        return "".join(f"[{n}]" for n in kept)

    text = _ATTEMPT.sub(replace, _prose_markers(answer))
    return Markers(text, tuple(invalid), tuple(dict.fromkeys(sources)))


def resolve_citations(
    answer: str, passages: Sequence[Passage], article_text: str
) -> tuple[str, list[Citation]]:
    """Return the answer with valid, renumbered markers and its citations."""
    exact = {p.number: p for p in passages if article_text[p.start : p.end] == p.text}
    new_number: dict[int, int] = {}
    citations: list[Citation] = []

    def renumber(m: re.Match) -> str:
        p = exact[int(m.group(1))]
        if p.number not in new_number:
            new_number[p.number] = len(new_number) + 1
            citations.append(Citation(new_number[p.number], p.text, p.start, p.end))
        return f"[{new_number[p.number]}]"

    text = MARKER.sub(renumber, read_markers(answer, exact).text)
    text = re.sub(r"(\[\d+\])(?:\1)+", r"\1", text)  # "[1][1]" -> "[1]"
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)  # "Bali [9]." -> "Bali."
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return text, citations


def citation_ids(passages: Sequence[Passage], citations: Sequence[Citation]) -> dict[int, int]:
    """Passage number -> the id of the citation that quotes it (for the passages cited)."""
    by_span = {(c.start, c.end): c.id for c in citations}
    return {p.number: by_span[(p.start, p.end)] for p in passages if (p.start, p.end) in by_span}


def renumber(claim: ClaimCheck, ids: dict[int, int]) -> ClaimCheck:
    """A reviewed claim with its markers and citations as the answer shows them: passage
    numbers become citation ids; a removed claim keeps none.

    >>> renumber(ClaimCheck("Bali [4].", (4,)), {4: 1}).text
    'Bali [1].'
    >>> renumber(ClaimCheck("A gas deal [4].", (4,), False, shown=False), {4: 1}).text
    'A gas deal.'
    """
    shown = {n: ids[n] for n in claim.cites if n in ids} if claim.shown else {}

    def mark(m: re.Match) -> str:
        n = int(m.group(1))
        return f"[{shown[n]}]" if n in shown else ""

    text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(MARKER.sub(mark, claim.text).split()))
    return replace(claim, text=text, cites=tuple(shown.values()))
