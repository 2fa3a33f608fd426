"""An article read once for answering: its sentences, typed mentions, word weights,
sentence vectors and spelling vocabulary.

The offline answerer and the question reader both work from a :class:`Digest`; it is
built once per article when the assistant is wired (:func:`build_digest`), in about a
third of a second for a news article (most of it embedding the clauses of long sentences):

    >>> from assistant.article.article import parse_article
    >>> from assistant.index.embedder import load_minilm
    >>> from assistant.index.store import build_index
    >>> art = parse_article("Xi heads to Kazakhstan. He meets President Putin in Samarkand.")
    >>> emb = load_minilm()
    >>> digest = build_digest(art, build_index(art, emb), emb)
    >>> [m.text for m in digest.mentions_in(digest.sentences[1])]
    ['Putin', 'Samarkand']
    >>> digest.analyse("wher does he meet Putin?", []).expects
    ('PLACE', 'EVENT', 'ORG')
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..article.article import Article, Span
from ..index.retrieval import unit_rows
from ..index.store import article_nodes
from ..language.words import content_terms
from .compose import describe
from .entity_types import EmbeddingTyper
from .mentions import NAMES, Mention, find_mentions
from .names import Names
from .question import Question, analyse, last_person
from .referents import cast_of
from .spelling import Speller
from .vectors import WordVectors, reading_vectors


def idf_table(texts: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of every content term over ``texts``."""
    df: dict[str, int] = {}
    for t in texts:
        for w in set(content_terms(t)):
            df[w] = df.get(w, 0) + 1
    n = len(texts)
    return {w: math.log(1 + n / (c + 0.5)) for w, c in df.items()}


@dataclass
class Digest:
    article: Article
    mentions: list[Mention]
    idf: dict[str, float]
    vectors: np.ndarray  # one unit row per sentence, article order
    embed: Callable[[str], np.ndarray]  # a text's unit vector
    word_vectors: Callable[[Sequence[str]], dict] = lambda words: {}  # single words' vectors
    speller: Speller | None = None
    clause_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 1)))
    clause_of: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))

    def __post_init__(self) -> None:
        names: dict[str, str] = {}  # lower case -> written form
        for m in self.mentions:
            if m.type in NAMES:
                names.setdefault(m.text.lower(), m.text)
                names.setdefault(m.name.lower(), m.name)
        self.names = Names(names)
        self.unknown_idf = max(self.idf.values(), default=1.0)
        self.plain_names = {k.replace(".", "") for k in self.names}
        self._titles: dict[str, str] = {}
        self.name_keys = {w[:4].lower() for w in re.findall(r"\b[A-Z][a-z]{3,}", self.article.text)}
        # Lookups the answerer makes for every passage of every question, kept O(log n)
        # or O(1), so that a long article does not make each question scan it.
        self._mention_starts = [m.start for m in self.mentions]  # mentions are in article order
        self._sentence_starts = [s.start for s in self.sentences]
        self._types: dict[str, str] = {}
        self._forms: dict[str, set[str]] = {}  # a name -> the texts that stand for it
        counts: dict[str, int] = {}
        for m in self.mentions:  # the first mention's type, as a scan would find it
            self._types.setdefault(m.text, m.type)
            self._types.setdefault(m.name, m.type)
            self._forms.setdefault(m.name, set()).add(m.text)
            if m.type == "PERSON":
                counts[m.name] = counts.get(m.name, 0) + 1
        persons = [m for m in self.mentions if m.type == "PERSON"]
        self.people = {m.name for m in persons} | {m.text for m in persons}  # written forms
        self.protagonist = max(counts, key=counts.get, default="")  # the most named person
        self.cast = cast_of(self.mentions, self.sentences)  # what a follow-up may point to

    @property
    def sentences(self) -> tuple[Span, ...]:
        return self.article.sentences

    def mentions_in(self, span) -> list[Mention]:
        """The mentions inside ``span`` (anything with ``start`` and ``end``)."""
        lo = bisect.bisect_left(self._mention_starts, span.start)
        hi = bisect.bisect_left(self._mention_starts, span.end, lo)
        return [m for m in self.mentions[lo:hi] if m.end <= span.end]

    def title_of(self, name: str) -> str:
        """What the article calls a person ("Uzbek President", "chairman of ..."), or "":
        the first sentence, in article order, that describes one of its forms."""
        if name not in self._titles:
            forms = self._forms.get(name, set()) | {name}
            ordered = sorted(forms, key=len, reverse=True)
            found = (
                describe(form, self.sentences[i].text)
                for i in self._sentences_with(forms)
                for form in ordered
                if form in self.sentences[i].text
            )
            self._titles[name] = next((t for t in found if t), "")
        return self._titles[name]

    def _sentences_with(self, texts: set[str]) -> list[int]:
        """The numbers of the sentences that hold one of ``texts``, in article order."""
        found, text = set(), self.article.text
        for form in filter(None, texts):
            at = text.find(form)
            while at >= 0:
                i = bisect.bisect_right(self._sentence_starts, at) - 1
                if i >= 0 and at + len(form) <= self.sentences[i].end:
                    found.add(i)
                at = text.find(form, at + 1)
        return sorted(found)

    def type_of(self, name: str) -> str:
        """The type of a name the article uses ("" when it does not)."""
        return self._types.get(name, "")

    def index_of(self, start: int) -> int:
        """The number of the sentence that starts at ``start`` (-1 if none)."""
        i = bisect.bisect_left(self._sentence_starts, start)
        return i if i < len(self._sentence_starts) and self._sentence_starts[i] == start else -1

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence that holds the character at ``offset`` (None between sentences)."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[i] if i >= 0 and offset < self.sentences[i].end else None

    def similarity(self, text: str, clauses: bool = False) -> np.ndarray:
        """Cosine similarity of ``text`` to every sentence; with ``clauses``, to a
        sentence's closest clause where that is closer (long sentences say several things)."""
        query = self.embed(text)
        sims = self.vectors @ query
        if clauses and len(self.clause_of):
            np.maximum.at(sims, self.clause_of, self.clause_vectors @ query)
        return sims

    def weight(self, term: str) -> float:
        """A stemmed term's weight: its IDF, or the rarest word's for words not in the article."""
        return self.idf.get(term, self.unknown_idf)

    def last_person(self, history: Sequence[dict]) -> str:
        """The person the conversation named last ("" if none)."""
        return last_person(history, self.names, self.people)

    def analyse(self, question: str, history: Sequence[dict]) -> Question:
        """Read a question against this article's names and spelling."""
        return analyse(question, list(history), self.names, self.speller, self.people, self.cast)


def build_digest(article: Article, index, embed_model, typer=None, arrays=None) -> Digest:
    """Digest ``article`` whose sentence index is ``index`` (vectors are reused, not redone);
    ``arrays`` are its :func:`~assistant.reader.vectors.reading_vectors`, made now if not given."""
    nodes = article_nodes(index)
    vectors = unit_rows([index.vector_store.get(n.node_id) for n in nodes])
    arrays = arrays if arrays is not None else reading_vectors(article, embed_model)
    return Digest(
        article=article,
        mentions=find_mentions(article, typer or EmbeddingTyper(embed_model)),
        idf=idf_table([s.text for s in article.sentences]),
        vectors=vectors,
        embed=lambda text: unit_rows([embed_model.get_query_embedding(text)])[0],
        word_vectors=WordVectors(arrays, embed_model),
        speller=Speller(article.text),
        clause_vectors=arrays["clauses"],
        clause_of=arrays["clause_of"],
    )
