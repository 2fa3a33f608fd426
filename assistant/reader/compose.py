"""Writing an offline answer from the sentences that answer: short answer first, then
the quote that carries it, cut to the clause that matters.

Every word after the short answer is the article's own, between quotation marks, with
"…" where a sentence was cut; the short answer is a name, number or phrase taken from
that quote, so a reader can check it at a glance:

    >>> text = ("The summits will give Mr. Xi, who has not travelled since the pandemic, "
    ...         "plenty of opportunities for diplomacy, ahead of a meeting of G20 leaders "
    ...         "in Bali in November.")
    >>> bali = text.index("Bali")
    >>> excerpt(text, [(bali, bali + 4)], budget=80)
    '…plenty of opportunities for diplomacy, ahead of a meeting of G20 leaders in Bali in November.'
    >>> quote_line("Bali", "…a meeting of G20 leaders in Bali in November.", 1)
    'Bali — “…a meeting of G20 leaders in Bali in November.” [1]'
    >>> describe("Li Zhanshu", "“We see that,” said Li Zhanshu, chairman of the committee.")
    'chairman of the committee'
"""

from __future__ import annotations

import re

from ..language.lexicon import PERSON_ROLES
from ..language.words import content_terms, is_stopword
from ..support.polarity import clash, overstates

BOUNDARY = re.compile(r"[,;:]\s+|\s+[–—]\s+|\s+(?=“)|(?<=”)\s+")
ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMr|\bMrs|\bMs|\bDr|\bSt|\bJr|\bSr|\bvs|\bU\.S)$")
NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without)\b|n[’']t\b", re.I)


def _segments(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.end() for m in BOUNDARY.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def excerpt(text: str, anchors: list[tuple[int, int]], budget: int = 200) -> str:
    """The clauses of ``text`` around ``anchors`` (character spans), at most about
    ``budget`` characters, "…" marking what was cut. Short sentences come whole."""
    if len(text) <= budget or not anchors:
        return text
    segs = _segments(text)
    hit = [k for k, (a, b) in enumerate(segs) if any(a <= s < b or a < e <= b for s, e in anchors)]
    lo, hi = (min(hit), max(hit)) if hit else (0, 0)
    while segs[hi][1] - segs[lo][0] < 60 and (lo > 0 or hi < len(segs) - 1):
        if hi < len(segs) - 1:
            hi += 1
        else:
            lo -= 1
    piece = text[segs[lo][0] : segs[hi][1]].strip(" ,;:–—")
    if hi < len(segs) - 1:
        piece = piece.rstrip(" .,;:") + "…"
    return ("…" if lo > 0 else "") + piece


def quote_line(lead: str, quote: str, number: int) -> str:
    """``lead — “quote” [n]`` (inner double quotes become single ones)."""
    inner = quote.replace("“", "‘").replace("”", "’").replace('"', "'")
    return f"{lead} — “{inner}” [{number}]" if lead else f"“{inner}” [{number}]"


def _clause_end(text: str, i: int) -> int:
    """Where the clause that starts at ``i`` ends: a comma, semicolon, colon, quote, or a
    full stop that is not an initial or abbreviation ("S. Rajaratnam", "U.S.")."""
    for j in range(i, len(text)):
        ch = text[j]
        if ch in ',;:“”"(':
            return j
        if ch == "." and not ABBREVIATION.search(text[max(0, j - 3) : j]):
            return j
    return len(text)


def describe(name: str, text: str) -> str:
    """What ``text`` says ``name`` is: the apposition after it ("Li Zhanshu, chairman of
    ...") or the title before it ("former Kyrgyz prime minister Djoomart Otorbaev")."""
    at = text.find(name)
    if at < 0:
        return ""
    after = text[at + len(name) :]
    m = re.match(r"\s*(?:\([A-Z][A-Z0-9]+\))?,\s+(?!who\b|which\b|that\b|\w+(?:ing|ed)\b)", after)
    if m and (after[m.end() :][:1].islower() or re.match(r"(?:a|an|the)\s", after[m.end() :])):
        start = at + len(name) + m.end()
        phrase = text[start : _clause_end(text, start)].strip()
        if len(phrase.split()) >= 2:
            return phrase
    words = text[:at].split()
    title: list[str] = []
    for word in reversed(words):
        if not re.fullmatch(r"[\w’'-]+", word) or is_stopword(word):
            break
        title.insert(0, word)
    if any(w.lower() in PERSON_ROLES for w in title):
        return " ".join(title)
    return ""


def expansion(acronym: str, text: str) -> str:
    """The long name an acronym stands for: "Shanghai Cooperation Organization (SCO)"."""
    m = re.search(
        rf"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|the)\s+)?){{1,8}})\({re.escape(acronym)}\)", text
    )
    return m.group(1).strip() if m else ""


KIND = re.compile(r"\bwhat (?:kind|sort|type|manner)s? of\b", re.I)


def denies(question: str, sentence: str) -> bool:
    """The sentence negates something the question states: a word of the question within
    six words after "not", "never" or "n’t" ("Why would Xi face a hostile audience?" -
    "He's not going to find a hostile audience"), while the question negates nothing. A
    question for a kind ("What kind of audience …?") is answered by a negated one too ("not
    … a hostile audience"): that is its answer, not a denial.

    >>> s = "He's not going to find a hostile audience at the SCO."
    >>> denies("Why would Xi face a hostile audience?", s)
    True
    >>> denies("What kind of audience will Xi find at the SCO?", s)
    False
    """
    if NEGATION.search(question) or KIND.search(question):
        return False
    wanted = {t for t in content_terms(question)}
    words = re.findall(r"[\w’'-]+", sentence)
    for k, word in enumerate(words):
        if NEGATION.fullmatch(word) or word.lower().endswith(("n’t", "n't")):
            after = " ".join(words[k + 1 : k + 7])
            if set(content_terms(after)) & wanted:
                return True
    return False


YES_COVER = 0.6  # the share of the question's words a sentence must state to answer yes/no
_AUXILIARY = re.compile(
    r"^\W*(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may"
    r"|might|must)\b\s*",
    re.I,
)


def yes_or_no(question: str, sentence: str, missing_same_type: bool, covered: float) -> str:
    """ "Yes" or "No" where the sentence states it, else "".

    No: the sentence names another of the same kind where the question names one it lacks
    ("in Kazakhstan?" - "in Samarkand, Uzbekistan"), or the clause the question is about
    points the other way (a negation, or an opposite: "back" - "criticized"). Yes: that
    clause states the question's words the same way. A sentence that states too little of
    the question, or only holds it possible ("could", "may"), or a question that is itself
    negative, gets no Yes or No.

    >>> s = "He has not crossed the border since the pandemic, but this is his first trip."
    >>> yes_or_no("Is this his first trip?", s, False, 1.0)
    'Yes'
    >>> yes_or_no("Did Beijing back the sanctions?", "It criticized the sanctions.", False, 1.0)
    'No'
    >>> yes_or_no("Will Xi meet Biden?", "It could be when Xi and Biden meet.", False, 1.0)
    ''
    """
    if missing_same_type:
        return "No"
    if covered < YES_COVER or NEGATION.search(question):
        return ""
    asked = _AUXILIARY.sub("", question)
    if clash(asked, sentence):
        return "No"
    return "" if overstates(asked, sentence) else "Yes"  # "That could be …": no flat Yes


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def definition_of(focus: str, span, digest) -> tuple[str, str]:
    """``(name as written, what the sentence says it is)`` for a definition question:
    the apposition or title (:func:`describe`), or for an acronym its long name."""
    text = span.text
    names = {focus} | {m.name for m in digest.mentions if focus in (m.text, m.name)}
    names |= {m.text for m in digest.mentions if m.name in names}
    if digest.type_of(focus) == "TITLE":  # a book is known by its author
        at = text.find(f"author of {focus}")
        authors = [
            m.name
            for m in digest.mentions_in(span)
            if m.type == "PERSON" and m.start - span.start < at
        ]
        if at >= 0 and authors:
            return focus, f"by {authors[-1]}"
    for name in sorted(names, key=len, reverse=True):
        if name and name in text:
            long = expansion(name, text) if name.isupper() else ""
            phrase = describe(name, text) or (describe(long, text) if long else "")
            if phrase or long:
                return (f"{name} ({long})" if long else name), phrase or long
    return "", ""
