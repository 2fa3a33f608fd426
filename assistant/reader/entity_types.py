"""Typing a name no cue types, by asking the embedder what it reads like.

"Australia" in "the U.S., Australia and Britain last year launched AUKUS" has no word
around it that says it is a country; MiniLM, which has read a great deal of English,
places it much nearer "a country" than "a person" or "an organization". A name is
typed when its nearest kind is near enough and clearly nearer than the next one;
otherwise it stays untyped (a demonym such as "Chinese" is nearest "a nationality",
which is not a kind of answer):

    >>> from assistant.index.embedder import load_minilm
    >>> typer = EmbeddingTyper(load_minilm())
    >>> typer(["Australia", "Joe Biden", "NATO", "Chinese"])
    {'Australia': 'PLACE', 'Joe Biden': 'PERSON', 'NATO': 'ORG', 'Chinese': 'NORP'}
"""

from __future__ import annotations

import numpy as np

PROTOTYPES = {
    "PLACE": ["a country", "a city", "a region of the world", "a place"],
    "PERSON": ["a person", "a man", "a woman", "a politician"],
    "ORG": ["an organization", "a company", "a newspaper", "an alliance"],
    "EVENT": ["an event", "a sports event"],
    "NORP": ["a nationality", "an adjective"],
}
# Chosen on the shipped article's names (its cue-less ones: countries, cities, Biden, the
# photographer): every one typed right at these values, no demonym typed as a place.
MIN_SIMILARITY, MIN_MARGIN = 0.33, 0.06


class EmbeddingTyper:
    """``typer(names) -> {name: type}`` from cosine similarity to :data:`PROTOTYPES`."""

    def __init__(self, embed_model) -> None:
        self.embed_model, self._prototypes = embed_model, None

    def _kinds(self) -> dict[str, np.ndarray]:
        if self._prototypes is None:  # one batch for all kinds: one run of the model
            texts = [text for kind in PROTOTYPES.values() for text in kind]
            vectors = iter(np.asarray(self.embed_model.get_text_embedding_batch(texts)))
            self._prototypes = {
                kind: np.stack([next(vectors) for _ in kind_texts])
                for kind, kind_texts in PROTOTYPES.items()
            }
        return self._prototypes

    def __call__(self, names: list[str]) -> dict[str, str]:
        kinds = self._kinds()
        vectors = np.asarray(self.embed_model.get_text_embedding_batch(names))
        out = {}
        for name, v in zip(names, vectors, strict=True):
            ranked = sorted(((float((p @ v).max()), k) for k, p in kinds.items()), reverse=True)
            (best, kind), (second, _) = ranked[0], ranked[1]
            if best >= MIN_SIMILARITY and best - second >= MIN_MARGIN:
                out[name] = kind
        return out
