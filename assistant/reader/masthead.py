"""What an article says about itself before its story starts: a headline, a byline
("By Jordan Meeks"), a dateline ("March 3, 2024"); and which sentences are pieces of a
quotation that runs over several.

They answer "Who wrote this article?" and "When was it published?", and they are kept
out of summaries, which quote the story, not its masthead:

    >>> from assistant.article.article import parse_article
    >>> art = parse_article("City opens library\\n\\nBy Jordan Meeks\\n\\nMarch 3, 2024\\n\\n"
    ...                     "The city opened its library on Saturday.")
    >>> byline(art.sentences), dateline(art.sentences)
    ((1, 'Jordan Meeks'), (2, 'March 3, 2024'))
    >>> sorted(masthead(art.sentences))
    [0, 1, 2]
    >>> quote_piece('"We waited ten years.'), quote_piece('Now it is here," she said.')
    ('opens', 'closes')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..language.lexicon import MONTHS, WEEKDAYS

TOP = 6  # a masthead is among the article's first sentences
NAME = r"[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}"
BYLINE = re.compile(rf"^(?:Written\s+)?[Bb]y\s+(?P<name>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)")
DATE = re.compile(
    rf"\b(?:(?:{WEEKDAYS}),?\s+)?(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
)
DATELINE = re.compile(rf"^(?:(?:Published|Updated|Posted)(?:\s+on)?:?\s+)?(?:{DATE.pattern})")


def byline(sentences: Sequence) -> tuple[int, str] | None:
    """``(sentence number, author)`` of a byline among the first sentences, or None."""
    for i, s in enumerate(sentences[:TOP]):
        m = BYLINE.match(s.text)
        if m and len(s.text) <= 120:
            return i, m.group("name").strip(" ,")
    return None


def dateline(sentences: Sequence) -> tuple[int, str] | None:
    """``(sentence number, date)`` of a dateline (or a byline's date) among the first
    sentences, or None."""
    for i, s in enumerate(sentences[:TOP]):
        short = len(s.text) <= 80
        if short and (DATELINE.match(s.text) or (BYLINE.match(s.text) and DATE.search(s.text))):
            return i, DATE.search(s.text).group()
    return None


HEADLINE_WORDS = 15


def _headline(text: str) -> bool:
    """A short line without the full stop of a sentence ("City opens library")."""
    short = len(text.split()) <= HEADLINE_WORDS
    return short and not re.search(r"[.!?”\"’]$", text.strip())


def masthead(sentences: Sequence) -> set[int]:
    """The sentences of the masthead: the byline, the dateline, and headlines before the
    story's first sentence."""
    found = {i for i, _ in filter(None, (byline(sentences), dateline(sentences)))}
    for i, s in enumerate(sentences[: TOP if len(sentences) > 1 else 0]):
        if i not in found and not _headline(s.text):
            break
        found.add(i)
    return found


def quote_piece(text: str) -> str:
    """ "opens" for a sentence that starts a quotation another sentence ends, "closes"
    for one that ends it, "" for one whose quotation marks pair up."""
    curly = text.count("“") - text.count("”")
    if curly:
        return "opens" if curly > 0 else "closes"
    if text.count('"') % 2:
        return "opens" if text.lstrip().startswith('"') else "closes"
    return ""
