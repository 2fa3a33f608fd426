"""What a question asks, worked out before anything is retrieved.

:func:`analyse` reads a question the way a reference librarian would: what kind it is
(a fact of some type, a definition, yes or no, a list, a summary, small talk, a
question about the article itself, or a task it cannot do), what type of answer it
expects (a person, a place, a date, an amount...), whether it leans on the
conversation ("he", "there", "And the next day?") or starts afresh, and which parts
it has ("Where is the summit and who will be there?"). Typos are corrected against
the article's words first (:mod:`assistant.reader.spelling`), and "held" or "taking place"
drop out of where/when questions (they would match any sentence with "place" in it):

    >>> from assistant.reader.spelling import Speller
    >>> speller = Speller("The summit is held in Samarkand.")
    >>> q = analyse("wher is the sumit held", speller=speller)
    >>> q.kind, q.expects, q.text
    ('factoid', ('PLACE', 'EVENT', 'ORG'), 'where is the summit')
    >>> [p.expects for p in analyse("When and where did Xi first propose it?").parts]
    [('DATE',), ('PLACE', 'EVENT', 'ORG')]
    >>> analyse("Who is Li Zhanshu?", names={"li zhanshu": "Li Zhanshu"}).focus
    'Li Zhanshu'
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..core.conversation import earlier_questions
from ..core.question import Question
from ..language.lexicon import HONORIFICS
from ..language.words import content_terms, reads_as_english
from .answer_types import expected_types
from .followup import leans, resolve
from .names import Names
from .phrasing import (
    ABOUT_ARTICLE,
    AUXILIARIES,
    CONTRACTIONS,
    DEFINE,
    DOUBLE_WH,
    FILLER,
    GREETING,
    LIGHT_VERBS,
    META,
    PART_SPLIT,
    PRONOUN,
    SMALL_TALK,
    STARTS_AS_QUESTION,
    SUMMARY,
    TASK,
    WH,
    WHOLE_LIST,
    YES_NO,
)
from .referents import Cast

ROLE_OF = re.compile(
    r"^(?:who (?:is|was) (?:he|she)(?:\s+again)?\s*[?.!]*$|what (?:is|was) (?:his|her) (?:job"
    r"|role|position|title|occupation|post)\b|what does (?:he|she) do\b)",
    re.I,
)


def last_person(history, names: dict[str, str], people: set[str]) -> str:
    """The last person the conversation named (newest turn first, its last mention)."""
    names = names if isinstance(names, Names) else Names(names)
    for turn in reversed(list(history)):
        low = turn.get("content", "").lower()
        found = [(low.rfind(k), names[k]) for k in names.within(low) if names[k] in people]
        if found:
            return max(found)[1]
    return ""


def _definition_focus(text: str, names: dict[str, str]) -> str:
    """The name a "who/what is X?" asks about, when X is a name, else ""."""
    m = DEFINE.match(text.rstrip(" ?.!"))
    if not m:
        return ""
    target = re.sub(r"^(?:the|a|an)\s+", "", next(g for g in m.groups() if g), flags=re.I)
    title, _, rest = target.partition(" ")
    if title.lower().rstrip(".") in HONORIFICS and rest[:1].isupper():
        target = rest  # "Mr. Pantucci" is Pantucci
    if target.lower() in names:
        return names[target.lower()]
    if PRONOUN.search(target) or not re.fullmatch(r"(?:[A-Z][\w’'.-]*\s?){1,4}", target):
        return ""
    return target


def _kind(text: str, names: dict[str, str]) -> tuple[str, str]:
    """The kind of a (filler-free) question, and its focus."""
    if TASK.search(text):
        return "task", ""
    asks = re.search(rf"\b{WH}\b|\?", text, re.I)
    if SMALL_TALK.search(text) or (GREETING.search(text) and not asks):
        return "smalltalk", ""
    if META.search(text) and (ABOUT_ARTICLE.search(text) or "author" in text.lower()):
        return "meta", ""
    if WHOLE_LIST.search(text):
        return "list", ""
    if SUMMARY.search(text):
        return "summary", ""
    if YES_NO.match(text):
        return "yesno", ""
    focus = _definition_focus(text, names)
    return ("definition", focus) if focus else ("factoid", "")


def _read_part(text: str, names: dict[str, str]) -> Question:
    kind, focus = _kind(text, names)
    expects, plural = expected_types(text) if kind in ("factoid", "list") else ((), False)
    return Question(text, kind, expects, plural, focus)


def _parts(text: str) -> list[str]:
    """The questions inside one: "When and where ...?", "X? Y?", "... and which ...?"."""
    m = DOUBLE_WH.match(text)
    if m:
        rest = text[m.end() :]
        return [f"{m.group(1)} {rest}", f"{m.group(2)} {rest}"]
    if not STARTS_AS_QUESTION.match(text):
        return [text]  # "The US started AUKUS with Australia and which other country?"
    return [p.strip(" ,") for p in PART_SPLIT.split(text) if p.strip(" ,?")]


MARKUP = re.compile(r"<[^<>]{0,200}>|[*_`~]{1,3}(?=\S)|(?<=\S)[*_`~]{1,3}")


def _clean(question: str, speller) -> str:
    """Markup dropped (HTML tags, Markdown emphasis), typos corrected (English only),
    contractions spelt out, politeness dropped."""
    text = " ".join(MARKUP.sub(" ", question).split()) or question
    if speller is not None and reads_as_english(text):
        text = speller.correct(text)
    for pattern, expanded in CONTRACTIONS:
        text = pattern.sub(expanded, text)
    if re.search(r"^\s*(?:where|when)\b|\b(?:in|on|at) (?:which|what)\b", text, re.I):
        text = LIGHT_VERBS.sub("", text)
    return FILLER.sub("", text.strip()).strip() or text.strip()


def _read_whole(text: str, names: dict[str, str]) -> Question:
    """The question and, when it asks several things, its parts."""
    pieces = _parts(text)
    if any(not content_terms(p) and not AUXILIARIES & set(p.lower().split()) for p in pieces):
        pieces = [text]  # "What grew, and by how much?" is one question with two blanks
    whole = _read_part(text, names)
    if len(pieces) > 1 and whole.kind not in ("summary", "list", "smalltalk", "task", "meta"):
        whole = replace(whole, kind="multi", parts=tuple(_read_part(p, names) for p in pieces))
    return whole


def analyse(
    question: str,
    history: list[dict] | tuple = (),
    names: dict[str, str] | None = None,
    speller=None,
    people: set[str] | None = None,
    cast: Cast | None = None,
) -> Question:
    """Read ``question``: its kind, expected answer types, parts, and whether it follows up.

    ``names`` maps the article's names in lower case to their written form, ``people``
    holds the written forms that are persons, ``cast`` the names with their types
    (:class:`assistant.reader.referents.Cast`); ``speller``
    (:class:`assistant.reader.spelling.Speller`) corrects typos first. A follow-up is made
    stand-alone (:mod:`assistant.reader.followup`) and read as that.
    """
    names = names if isinstance(names, Names) else Names(names)
    cast = cast or Cast(dict(names), {p: "PERSON" for p in people or ()}, {})
    text = _clean(question, speller)
    whole = _read_whole(text, names)
    if not history or whole.kind in ("smalltalk", "task", "meta"):
        return whole
    if not leans(question, text, cast):
        return whole
    found = resolve(text, history, cast, question, lambda q: _clean(q, speller))
    standalone = found.standalone
    if standalone and found.person and ROLE_OF.match(text):  # "What's his job?"
        standalone = f"Who is {found.person}?"
    if standalone:
        read = _read_whole(standalone, names)
        if whole.kind not in ("summary", "list") or read.kind == whole.kind:
            return replace(read, follows_up=True, standalone=standalone)
    return _unresolved(replace(whole, follows_up=True), found.leaned, history, names, people)


def _unresolved(whole: Question, leaned: str, history, names, people) -> Question:
    """A follow-up whose reference could not be filled in: read with what it leans on."""
    leaned = leaned or " ".join(earlier_questions(history))
    whole = replace(whole, leans_on=leaned)
    person = last_person(history, names, people or set())
    if person and ROLE_OF.match(whole.text):  # "What's his job?" asks who the person is
        return replace(whole, kind="definition", focus=person, expects=())
    low = whole.text.lower()
    elliptic = re.match(r"(?:and )?(?:what|how) about\b", low) or not re.search(rf"\b{WH}\b", low)
    if leaned and elliptic and whole.kind == "factoid" and not whole.expects:
        expects, plural = expected_types(leaned)  # "And the next day?" asks the same
        whole = replace(whole, expects=expects, plural=plural)
    return whole
