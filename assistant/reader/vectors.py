"""What the offline reader needs of MiniLM for one article, computed once when the article
is indexed, never while a question waits:

- a vector for every clause of a long sentence (a sentence that says several things is as
  close to a question as its closest clause), and
- a vector for every word a question's words may be compared with
  (:func:`assistant.reader.matching.synonyms`: "picture" and "photo").

Words used to be embedded when a question first met them; on an article 100 times the
shipped one most words of the passages a question reads are new, and a question took
468 ms instead of 15.8. Now only a question's own words can be new; they are kept in a
bounded cache. The arrays are saved beside a saved index (:func:`reading_vectors` makes
them, :func:`assistant.index.store.saved_arrays` keeps them), so a start reads them:

    >>> from assistant.article.article import parse_article
    >>> from assistant.index.embedder import load_minilm
    >>> art = parse_article("Xi, who flew in on Tuesday, met the leaders of the summit.")
    >>> arrays = reading_vectors(art, load_minilm())
    >>> arrays["words"].tolist(), arrays["clause_of"].tolist()
    (['flew', 'leaders', 'met', 'summit', 'tuesday', 'xi'], [0])
    >>> words = WordVectors(arrays, load_minilm())
    >>> vectors = words(["photo", "picture"])  # not the article's: embedded now, and kept
    >>> round(float(vectors["photo"] @ vectors["picture"]), 2), sorted(words.recent)
    (0.85, ['photo', 'picture'])
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from ..article.article import Article
from ..index.retrieval import unit_rows
from .compose import BOUNDARY
from .matching import text_words

READING = 1  # what reading_vectors makes: a saved copy made by another version is remade
QUESTION_WORDS_KEPT = 4096  # words met only in questions, kept embedded (the newest)


def clauses(article: Article, shortest: int = 40) -> tuple[list[str], list[int]]:
    """The clauses of long sentences (split at commas, dashes, quotes), merged until each
    is at least ``shortest`` characters, and the sentence each belongs to."""
    texts, owners = [], []
    for n, s in enumerate(article.sentences):
        pieces = [p.strip(" ,;:–—") for p in BOUNDARY.split(s.text) if p.strip(" ,;:–—")]
        if len(pieces) < 2:
            continue
        merged = [""]
        for piece in pieces:
            merged[-1] = f"{merged[-1]} {piece}".strip()
            if len(merged[-1]) >= shortest:
                merged.append("")
        for clause in filter(None, merged):
            texts.append(clause)
            owners.append(n)
    return texts, owners


def article_words(article: Article) -> list[str]:
    """Every word of the article's sentences that a question's words are compared with."""
    return sorted(set().union(*(text_words(s.text) for s in article.sentences)))


def _unit(embed_model, texts: list[str], dimension: int) -> np.ndarray:
    if not texts:
        return np.zeros((0, dimension), dtype=np.float32)
    return unit_rows(embed_model.get_text_embedding_batch(texts))


def reading_vectors(article: Article, embed_model, dimension: int = 384) -> dict[str, np.ndarray]:
    """The clause and word vectors of ``article``, as arrays that can be saved."""
    texts, owners = clauses(article)
    words = article_words(article)
    return {
        "clauses": _unit(embed_model, texts, dimension),
        "clause_of": np.array(owners, dtype=np.int64),
        "words": np.array(words, dtype=str),
        "word_vectors": _unit(embed_model, words, dimension),
    }


class WordVectors:
    """``vectors(words) -> {word: unit vector}``: the article's words from the table made
    when it was indexed, any other word embedded once and kept among the newest
    :data:`QUESTION_WORDS_KEPT` (a question can bring any word; memory stays bounded)."""

    def __init__(self, arrays: dict[str, np.ndarray], embed_model) -> None:
        self.table = arrays["word_vectors"]
        self.row = {str(w): i for i, w in enumerate(arrays["words"])}
        self.embed_model = embed_model
        self.recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self.lock = threading.Lock()  # questions are answered in several threads at once

    def __call__(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        out = {w: self.table[self.row[w]] for w in words if w in self.row}
        with self.lock:
            for w in words:
                if w not in out and w in self.recent:
                    out[w] = self.recent[w]
                    self.recent.move_to_end(w)
        missing = [w for w in dict.fromkeys(words) if w not in out]
        if missing:
            new = dict(zip(missing, _unit(self.embed_model, missing, 0), strict=True))
            out.update(new)
            with self.lock:
                self.recent.update(new)
                while len(self.recent) > QUESTION_WORDS_KEPT:
                    self.recent.popitem(last=False)
        return out
