"""What a question is read to ask: the core's own type, filled in by whoever reads it
(the offline reader, :func:`assistant.reader.question.analyse`), so the answer path knows
a question's scope and whether it leans on the conversation without knowing how it was read.
A follow-up's reader may make it stand-alone ("Who will he meet there?" after a turn about
the G20 in Bali is "Who will Xi Jinping meet in Bali?"): that is what is retrieved.

    >>> Question("Summarise the article.", kind="summary").scope
    'article'
    >>> Question("Where is the summit?", expects=("PLACE",)).scope
    'passages'
"""

from __future__ import annotations

from dataclasses import dataclass, field

CONVERSATIONAL = ("smalltalk", "task", "meta")  # kinds that are not about the article's content
KINDS = ("factoid", "definition", "yesno", "list", "summary", "smalltalk", "meta", "task", "multi")


@dataclass(frozen=True)
class Question:
    """A question, read: its kind, the answer types it expects, its parts."""

    text: str  # cleaned, corrected, without politeness ("Could you tell me ...")
    kind: str = "factoid"  # one of KINDS
    expects: tuple[str, ...] = ()  # answer types, most wanted first (PERSON, PLACE, DATE...)
    plural: bool = False  # "which countries": every candidate of the type, not one
    focus: str = ""  # what a definition, list or summary is about
    follows_up: bool = False  # leans on the conversation
    standalone: str = ""  # a follow-up with what it leans on filled in ("Who will Xi meet …?")
    leans_on: str = ""  # the earlier question a follow-up leans on, when it was not filled in
    parts: tuple[Question, ...] = field(default_factory=tuple)

    @property
    def about_article(self) -> bool:
        """Whether the question asks about the article (not small talk, a task or the byline)."""
        return self.kind not in CONVERSATIONAL

    @property
    def scope(self) -> str:
        """``"article"`` when the whole article must be read (a summary, a list, who wrote
        it or when: its byline may be anywhere), else ``"passages"``."""
        return "article" if self.kind in ("summary", "list", "meta") else "passages"
