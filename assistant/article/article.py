"""The article: its text, and the paragraphs and sentences it is made of.

Every piece carries its character offsets into the shipped file, so any
citation can be traced back to the exact span:

    >>> art = load_article()
    >>> s = art.sentences[0]
    >>> art.text[s.start:s.end] == s.text
    True

Web-page chrome that is not the article ("Skip to main content", the
newsletter promotion at the end) is dropped; the photo caption is kept.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import ArticleError
from ..resources import nltk_data_dir, shipped_article_path
from .formats import read_article_text

# Paragraphs that belong to the web page, not to the story.
CHROME = [
    re.compile(r"^skip to (main )?content$", re.I),
    re.compile(r"newsletters?\b.*\bsign up( today)?\.?$", re.I | re.S),
]


@dataclass(frozen=True)
class Span:
    """A piece of the article: ``text == article[start:end]``."""

    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph the span belongs to


@dataclass(frozen=True)
class Article:
    text: str
    sha256: str
    paragraphs: tuple[Span, ...]
    split: tuple[Span, ...] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans, paragraph by paragraph: those it was made with
        (:meth:`with_sentences`), else split on first use (NLTK is slow to import)."""
        if self.split is not None:
            return self.split
        return tuple(
            Span(ss, se, self.text[ss:se], p.paragraph)
            for p in self.paragraphs
            for ss, se in split_sentences(self.text, p.start, p.end)
        )

    def with_sentences(self, spans: list[tuple[int, int, int]]) -> Article:
        """This article with sentence spans ``(start, end, paragraph)`` split before (a
        saved index's nodes, built from this very text), so they are not split again:
        importing NLTK takes over a second. Spans that do not tile the paragraphs in
        order are not taken (the article is returned as it is).

        >>> art = parse_article("One. Two.")
        >>> [s.text for s in art.with_sentences([(0, 4, 0), (5, 9, 0)]).sentences]
        ['One.', 'Two.']
        >>> art.with_sentences([(5, 9, 0), (0, 4, 0)]) is art
        True
        """
        known = {p.paragraph: p for p in self.paragraphs}
        last = -1
        for start, end, paragraph in spans:
            p = known.get(paragraph)
            if p is None or not (p.start <= start < end <= p.end) or start < last:
                return self
            last = end
        if not spans:
            return self
        taken = tuple(Span(s, e, self.text[s:e], p) for s, e, p in spans)
        return replace(self, split=taken)

    def paragraph_of(self, start: int, end: int) -> Span | None:
        """The paragraph that contains ``[start, end)``, if any."""
        for p in self.paragraphs:
            if p.start <= start and end <= p.end:
                return p
        return None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


@lru_cache(maxsize=1)
def _punkt():
    """NLTK's English Punkt model, from the copy llama-index ships (no download)."""
    import nltk
    from nltk.tokenize import PunktTokenizer

    if str(nltk_data_dir()) not in nltk.data.path:
        nltk.data.path.append(str(nltk_data_dir()))
    return PunktTokenizer("english")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, as absolute offsets.

    >>> split_sentences("x. Mr. Xi went. He came.", 3, 24)
    [(3, 15), (16, 24)]
    """
    chunk = text[start:end]
    return [(start + s, start + e) for s, e in _punkt().span_tokenize(chunk)]


def parse_article(text: str) -> Article:
    """Split ``text`` into paragraphs and sentences, dropping page chrome."""
    if not text.strip():
        raise ArticleError("The article is empty: there is nothing to answer from.")
    paragraphs: list[Span] = []
    for s, e in _paragraph_spans(text):
        if not any(rx.search(text[s:e]) for rx in CHROME):
            paragraphs.append(Span(s, e, text[s:e], len(paragraphs)))
    if not paragraphs:
        raise ArticleError("The article has no text once page chrome is removed.")
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(text, sha256, tuple(paragraphs))


def load_article(path: Path | None = None) -> Article:
    """Read and parse an article file: the shipped copy unless ``path`` is given.

    Markdown and HTML files are reduced to their readable text first
    (:mod:`assistant.article.formats`); offsets point into that text.
    """
    return parse_article(read_article_text(Path(path) if path else shipped_article_path()))
