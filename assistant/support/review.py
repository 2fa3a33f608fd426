"""Reviewing an answer as it streams, claim by claim (:mod:`assistant.core.review`'s
protocol): a claim is shown once it is over and its cited passages support it; cited
wrongly, it is moved to a retrieved passage that does; supported by none, it is left out
and counted. A claim that states nothing to check (a greeting, "The article does not say")
is shown as it is, and so is an uncited aside when the question is not about the article
(small talk, a task, the byline). A list's names with no markers of their own wait for the
list's markers; "He said …" is about the person the claim before it named.

    >>> from assistant.article.article import parse_article
    >>> art = parse_article("The summit is in Samarkand. Trade grew 31 per cent.")
    >>> ps = [Passage(1, art.sentences[0].text, 0, 27), Passage(2, art.sentences[1].text, 28, 51)]
    >>> review = Reviewer(SupportChecker(art)).review(None, lambda: ps)
    >>> review.feed("It is in Samarkand [2]. Trade grew 45 per cent [2]. ")
    'It is in Samarkand [1]. '
    >>> done = review.close()
    >>> done.text, [(c.text, c.supported) for c in done.claims], done.removed
    ('It is in Samarkand [1].', [('It is in Samarkand [1].', True), \
('Trade grew 45 per cent [2].', False)], 1)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..core.citations import MARKER, read_markers
from ..core.question import Question
from ..core.result import ClaimCheck, Passage
from ..core.review import Reviewed
from .checker import SupportChecker, Verdict
from .claims import Claim, complete, item_text, split_claims
from .refusals import refuses

# A claim that names what the article is about without saying anything of it: an answer only
# to "What is the article about?".
_TOPIC_ONLY = re.compile(
    r"^(?:the |this )?(?:article|text|passages?|piece|story)\s+(?:also\s+)?(?:discusses|talks"
    r" about|highlights|covers|focuses on|touches on|deals with|is about|explores|addresses)\b"
    r"(?!.*\bthat\b)",
    re.IGNORECASE,
)
_HE = re.compile(r"^(?:He|She)\b")  # a claim whose subject is the person named before it


def with_cites(text: str, cites: Sequence[int]) -> str:
    r"""``text`` with its markers replaced by ``cites``: before its closing punctuation, or
    after a closing quotation mark; the space or line break after it stays.

    >>> with_cites("Bali [3]. ", [1]), with_cites("“In Bali.” ", [1, 2])
    ('Bali [1]. ', '“In Bali.” [1][2] ')
    >>> with_cites("1. India\n", [4]), with_cites("the U.S.", [2])
    ('1. India [4]\n', 'the U.S. [2]')
    """
    bare = MARKER.sub("", text)
    space = bare[len(bare.rstrip()) :]
    bare = re.sub(r"\s+([.,;:!?”\"’)]*)$", r"\1", bare.rstrip())
    m = re.search(r"[.!?,;:”\"’)]*$", bare)
    head, tail = bare[: m.start()], bare[m.start() :]
    if tail.startswith(".") and re.search(r"\b[A-Z](?:\.[A-Z])+$", head):
        head, tail = head + ".", tail[1:]  # "U.S.": the full stop is the abbreviation's
    marks = "".join(f"[{n}]" for n in cites)
    if any(q in tail for q in '”"’)'):
        return f"{head}{tail} {marks}{space}"
    if tail == "" and head.endswith("."):
        return f"{head} {marks}{space}"
    return f"{head} {marks}{tail}{space}"


def tidy(text: str) -> str:
    """Seams left by removed claims: doubled spaces, a space before punctuation, a
    dangling connector at the start."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)
    text = re.sub(r",\s*(and|or)\b", r" \1", text)
    text = re.sub(r"^\s*(?:and|or|but|,|;)\s+", "", text)
    return text.strip()


class Reviewer:
    """The checker the core is given (:class:`assistant.core.review.Checker`)."""

    def __init__(self, checker: SupportChecker) -> None:
        self.checker = checker

    def review(
        self, asked: Question | None, passages: Callable[[], Sequence[Passage]]
    ) -> ClaimReview:
        return ClaimReview(self.checker, asked, passages)


class ClaimReview:
    """One answer's review: feed it pieces, show what it returns, then close it."""

    def __init__(self, checker: SupportChecker, asked, passages) -> None:
        self.checker, self.passages = checker, passages
        self.conversational = asked is not None and not asked.about_article
        self.pending, self.shown = "", ""
        self.claims: list[ClaimCheck] = []
        self.invalid: list[str] = []
        self.refused = False
        self.cut = False  # a claim was left out: its seams need tidying
        self.summary = asked is not None and asked.kind == "summary"  # what it is about
        self.person: str | None = None  # the person the last claim that named one named
        self.held: list[Claim] = []  # names of a list, waiting for its markers
        self.lead: tuple[int, ...] = ()  # the markers of the line that leads into a list

    def feed(self, piece: str) -> str:
        self.pending += piece
        cut = complete(self.pending)
        if not cut:
            return ""
        ready, self.pending = self.pending[:cut], self.pending[cut:]
        return self._check(ready)

    def close(self) -> Reviewed:
        tail = self._check(self.pending) if self.pending.strip() else ""
        if self.held:  # a list that ended the answer with no markers of its own
            tail += self._show(self._flush(list(self.passages())))
        self.pending = ""
        answered = any(c.supported and c.shown for c in self.claims)
        text = tidy(self.shown) if self.cut else self.shown.strip()
        return Reviewed(
            tail, text, tuple(self.claims), tuple(self.invalid), self.refused and not answered
        )

    def _check(self, text: str) -> str:
        given = list(self.passages())
        markers = read_markers(text, {p.number for p in given})
        self.invalid += markers.invalid
        return self._show("".join(self._take(c, given) for c in split_claims(markers.text)))

    def _show(self, out: str) -> str:
        """``out`` added to what is shown (an answer does not start with a space)."""
        if not self.shown:
            out = out.lstrip()
        self.shown += out
        return out

    def _take(self, claim: Claim, given: list[Passage]) -> str:
        """A claim in its place in a list: a name alone, with no marker of its own, is judged
        by the markers of the line that leads into the list ("… co-operation with [1]:") or
        else of the marker line that closes it ("[6]"), never by a passage that merely names
        it; what is shown of it waits for them."""
        bare = (
            not claim.cites and bool(claim.body) and self.checker.names_only(item_text(claim.text))
        )
        if bare and self.lead:
            return self._verdict(replace(claim, cites=self.lead), given, move=False)
        if bare:
            self.held.append(claim)
            return ""
        if not claim.body and claim.cites and self.held:  # the list's own markers
            return self._flush(given, claim.cites)
        out = self._flush(given, claim.cites)
        self.lead = claim.cites if claim.text.rstrip().endswith(":") else ()
        return out + self._verdict(claim, given)

    def _flush(self, given: list[Passage], cites: tuple[int, ...] = ()) -> str:
        """The names held, judged by ``cites`` (of the marker line that closes the list, or
        of the sentence after it), or, with none, by any passage."""
        held, self.held = self.held, []
        if cites:
            return "".join(self._verdict(replace(c, cites=cites), given, False) for c in held)
        return "".join(self._verdict(c, given) for c in held)

    def _verdict(self, claim: Claim, given: list[Passage], move: bool = True) -> str:
        """What of ``claim`` is shown, recording what was decided."""
        if refuses(claim.body):
            self.refused = True
        if not claim.body and claim.cites:  # a marker alone on its line: no claim of its own
            return ""
        if self.conversational and not claim.cites and not self.checker.names.shared(claim.body):
            # small talk ("Hello!") states nothing of the article: shown as it is
            self.claims.append(ClaimCheck(claim.text.strip(), (), None))
            return claim.text
        if self.person and _HE.match(claim.body):  # "He said …" after a claim about Li
            claim = replace(claim, body=_HE.sub(self.person, claim.body, count=1))
        self.person = self.checker.person_of(claim.body) or self.person
        verdict = self.checker.judge(claim, given, move)
        if verdict.supported and _TOPIC_ONLY.match(claim.body) and not self.summary:
            verdict = Verdict(None, "topic")  # "The article discusses the BRI": no answer
        if verdict.reason in ("question", "topic"):  # it asks, or only names a topic: shown,
            # but it cites nothing and answers nothing
            text = MARKER.sub("", claim.text).replace(" ?", "?")
            self.claims.append(ClaimCheck(text.strip(), (), None))
            return text
        if verdict.supported is None:
            self.claims.append(ClaimCheck(claim.text.strip(), claim.cites, None))
            return claim.text
        written = len(claim.cites)
        if not verdict.supported:
            self.claims.append(
                ClaimCheck(claim.text.strip(), claim.cites, False, False, written, False)
            )
            self.cut = True
            return ""
        same = tuple(verdict.cites) == tuple(claim.cites) and bool(MARKER.search(claim.text))
        shown = claim.text if same else with_cites(claim.text, verdict.cites)
        own = verdict.reason != "moved"
        self.claims.append(ClaimCheck(shown.strip(), verdict.cites, True, True, written, own))
        return shown
