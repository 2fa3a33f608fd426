"""The offline answerer: it answers with the article's own words, or says it does not say.

Each part of a question (:mod:`assistant.reader.question`) is answered from the passages it
was given: every sentence is weighed (:mod:`assistant.reader.evidence`) and the best one
answers when its calibrated score reaches the answer threshold. The answer leads with
what was asked (a name, a place, a number, a definition, "Yes" or "No" where the
sentence states it), then quotes the clause that carries it (:mod:`assistant.reader.compose`).
Whole-article questions, small talk and questions in other languages are handled by
:mod:`assistant.reader.overview`. Below the threshold it declines, and shows the closest
passage only when that passage is still related (a second, lower threshold):

    >>> from assistant.article.article import parse_article
    >>> from dataclasses import replace
    >>> from assistant.core.conversation import start_turn
    >>> from assistant.core.result import Passage
    >>> from assistant.index.embedder import load_minilm
    >>> from assistant.index.store import build_index
    >>> from assistant.reader.digest import build_digest
    >>> from assistant.reader.model import load_calibration
    >>> art, emb = parse_article("Xi heads to Kazakhstan on Wednesday. Trade grew."), load_minilm()
    >>> digest = build_digest(art, build_index(art, emb), emb)
    >>> answerer = ExtractiveAnswerer(digest, load_calibration())
    >>> turn = start_turn("Where is Xi heading?")
    >>> turn = replace(turn, asked=digest.analyse(turn.question, []), query=turn.question)
    >>> outcome, text = answerer.stream(turn, lambda q: [Passage(1, art.sentences[0].text, 0, 36)])
    >>> text
    'Kazakhstan — “Xi heads to Kazakhstan on Wednesday.” [1]'
    >>> outcome.answered, outcome.confidence > 0.5
    (True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.answerer import REFUSAL, Answerer, Outcome, Retrieve
from ..core.conversation import Turn
from ..core.result import Passage
from ..language.words import content_terms, reads_as_english
from . import overview
from .compose import definition_of, denies, excerpt, join_names, quote_line, yes_or_no
from .evidence import LEANS, Evidence, weigh_question
from .matching import coverage, question_names
from .question import Question
from .speech import SPEECH_ASKED

WEIGHED = ("factoid", "definition", "yesno", "multi")  # kinds the evidence model decides
FACTOID_BUDGET = 170  # characters of quote after a short answer
QUOTE_BUDGET = 300  # a quote that is the answer itself ("why ...?") is cut less
SPEECH_BUDGET = 450  # and what someone said, wrote or argued hardly at all
CONTEXT_BUDGET = 220  # the sentence a quote leans on, and the closest passage of a decline


class ExtractiveAnswerer(Answerer):
    """Answers from the passages it retrieves, by ``calibrated`` weights and thresholds
    (:func:`assistant.reader.model.load_calibration`)."""

    name = "extractive"
    label = "offline, extractive"

    def __init__(self, digest, calibrated: dict) -> None:
        self.digest = digest
        self.weights, self.thresholds = calibrated["weights"], calibrated["thresholds"]

    def stream(self, turn: Turn, retrieve: Retrieve) -> Iterator[str | Outcome]:
        passages = retrieve(turn.query)
        asked = turn.asked or self.digest.analyse(turn.question, turn.history)
        numbers = {p.start: p.number for p in passages}
        special = {
            "smalltalk": overview.small_talk,
            "task": overview.task,
            "meta": overview.meta,
            "summary": overview.summary,
            "list": overview.listing,
        }
        cited = Citing(passages)
        confidence, notice = None, None
        if asked.kind in special:
            text, answered = special[asked.kind](asked, self.digest, numbers)
        elif not reads_as_english(asked.text):
            text, answered = overview.other_language(turn.question, self.digest, passages, asked)
            notice = overview.ENGLISH_ONLY
        else:
            text, answered, confidence = self._answer(asked, turn, cited)
        yield Outcome(answered, confidence, tuple(cited.added), notice)  # before the text:
        yield text  # the check of the text needs the passages it adds

    def _best(self, asked: Question, turn: Turn, cited: Citing):
        """Each part of ``asked`` with its best sentence and the chance that it answers."""
        indices = [i for i in map(self.digest.index_of, sorted(cited.numbers)) if i >= 0]
        weighed = weigh_question(asked, turn.history, indices, self.digest, self.weights)
        for part, weighing in weighed:
            if not weighing.found:
                continue
            best, confidence = weighing.found[0], weighing.confidence
            if part.kind == "factoid" and denies(part.text, best.sentence.text):
                confidence = 0.0  # the question presupposes what the article denies
            if best.features["speech"] < 0:
                confidence = 0.0  # asks what someone said; the sentence reports no speech
            yield part, best, confidence

    def _answer(self, asked: Question, turn: Turn, cited: Citing):
        """``(text, answered, confidence)`` of a question the evidence model decides."""
        lines, closest, best_confidence = [], None, None
        for part, best, confidence in self._best(asked, turn, cited):
            best_confidence = max(best_confidence or 0.0, confidence)
            if confidence >= self.thresholds["answer"]:
                lines.append(self._line(part, best, cited, asked.text))
            elif closest is None or confidence > closest[1]:
                closest = (best, confidence)
        if lines:
            return " ".join(dict.fromkeys(lines)), True, best_confidence
        line = self._closest_line(closest, cited.numbers, asked.text)
        return f"{REFUSAL} {line}" if line else REFUSAL, False, best_confidence

    def decline(self, turn: Turn, retrieve: Retrieve) -> str | None:
        """The closest related passage to a question another answerer's answer did not
        survive for (its claims unsupported), or None when none is related."""
        asked = turn.asked
        if asked is None or asked.kind not in WEIGHED or not reads_as_english(asked.text):
            return None
        cited = Citing(retrieve(turn.query))
        found = [(best, c) for _, best, c in self._best(asked, turn, cited)]
        closest = max(found, key=lambda f: f[1], default=None)
        return self._closest_line(closest, cited.numbers, asked.text)

    def _line(self, part: Question, e: Evidence, cited: Citing, asked: str) -> str:
        """One part's answer: its lead (short answer, "Yes"/"No", a definition) and quote."""
        number = cited.number(e.sentence)
        if part.kind == "definition":
            lead, phrase = definition_of(part.focus, e.sentence, self.digest)
            if phrase:
                return quote_line(lead, phrase, number)
        lead, anchors = self._lead(part, e)
        budget = FACTOID_BUDGET if lead else QUOTE_BUDGET
        if SPEECH_ASKED.search(part.text):
            budget = SPEECH_BUDGET  # what someone said is the answer: it is not cut short
        quote = excerpt(e.sentence.text, anchors, budget)
        line = quote_line(lead, quote, number)
        if e.before is not None and not lead:  # "He warned ...": who "he" is comes first
            before = excerpt(e.before.text, [], CONTEXT_BUDGET)
            line = f"{quote_line('', before, cited.number(e.before))} {line}"
        elif e.before is not None and self._answer_before(part, e):
            # the short answer stands in the sentence leaned on ("… in Bali." / "That event
            # could be …"): it is said with, and cites, that sentence, then the other follows
            best = e.candidates[0]
            spot = (best.start - e.before.start, best.end - e.before.start)
            before = excerpt(e.before.text, [spot], CONTEXT_BUDGET)
            line = quote_line(lead, before, cited.number(e.before))
            line += " " + quote_line("", excerpt(e.sentence.text, [], budget), number)
        follower = self._follower(part, e)
        if follower is not None:
            line += " " + quote_line("", follower.text, cited.number(follower))
        return line

    def _lead(self, part: Question, e: Evidence) -> tuple[str, list[tuple[int, int]]]:
        """The short answer and where in the sentence it (or the question's words) stand."""
        anchors = term_spans(e.sentence.text, part.text)
        if part.kind == "yesno":
            covered = coverage(part.text, e.sentence.text, self.digest)
            return yes_or_no(part.text, e.sentence.text, self._replaced(part, e), covered), anchors
        if not e.candidates:
            return "", anchors
        # "who" has no number: "Who launched AUKUS?" is all of "the U.S., Australia and Britain"
        chosen = pick(e, part.plural or bool(_WHO.match(part.text)), e.sentence.text)
        lead = join_names([m.name if m.type == "PERSON" else m.text for m in chosen])
        spans = [(m.start - e.sentence.start, m.end - e.sentence.start) for m in chosen]
        return lead, [(a, b) for a, b in spans if a >= 0] or anchors

    @staticmethod
    def _answer_before(part: Question, e: Evidence) -> bool:
        """The short answer stands in the sentence ``e`` leans on, not in ``e`` itself."""
        return (
            part.kind != "yesno"
            and bool(e.candidates)
            and e.before is not None
            and e.candidates[0].start < e.sentence.start
        )

    def _follower(self, part: Question, e: Evidence):
        """The next sentence, when it continues a quote the question asks about
        ("... said “the old world order ...” / “It will be replaced by ...”")."""
        i = self.digest.index_of(e.sentence.start) + 1
        if i <= 0 or i >= len(self.digest.sentences) or not SPEECH_ASKED.search(part.text):
            return None
        nxt = self.digest.sentences[i]
        return nxt if nxt.text[:1] in '“"' and LEANS.match(nxt.text) else None

    def _replaced(self, part: Question, e: Evidence) -> bool:
        """A yes/no question names a place or date the sentence lacks, while the sentence
        names another of that kind ("in Kazakhstan?" - "in Samarkand, Uzbekistan")."""
        names, _ = question_names(part.text, self.digest)
        here = self.digest.mentions_in(e.sentence)
        for name in names:
            kind = self.digest.type_of(name)
            absent = name.lower() not in e.sentence.text.lower()
            if kind in ("PLACE", "DATE") and absent and any(m.type == kind for m in here):
                return True
        return False

    def _closest_line(self, closest, numbers: dict[int, int], question: str) -> str | None:
        """ "The closest passage: “…” [n]", cut to the part the question names, when the
        closest sentence is still related (the calibrated second threshold)."""
        if closest is None or closest[1] < self.thresholds["related"]:
            return None
        number, text = numbers.get(closest[0].sentence.start), closest[0].sentence.text
        quote = excerpt(text, term_spans(text, question), CONTEXT_BUDGET)
        return f"The closest passage: {quote_line('', quote, number)}"


class Citing:
    """The passages an answer may cite: those retrieved, and any sentence the answer
    brings along that was not (the one a quote leans on), numbered after them."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages, self.added = list(passages), []
        self.numbers = {p.start: p.number for p in passages}

    def number(self, span) -> int:
        """The passage number citing ``span`` (a new passage if it was not retrieved)."""
        for p in self.passages:
            if p.start == span.start:
                return p.number
        number = max((p.number for p in self.passages), default=0) + 1
        passage = Passage(number, span.text, span.start, span.end)
        self.passages.append(passage)
        self.added.append(passage)
        return number


def term_spans(text: str, question: str) -> list[tuple[int, int]]:
    """Where the question's content words stand in ``text``."""
    wanted = set(content_terms(question))
    return [
        (m.start(), m.end())
        for m in re.finditer(r"[\w’'-]+", text)
        if set(content_terms(m.group())) & wanted
    ]


_WHO = re.compile(r"\W*(?:\w+\W+){0,3}?who(?:m)?\b(?!\s+(?:is|was)\b)", re.I)  # not "Who is …?"
# What may stand between two items of one list: "A, B and C", "A and Iranian President
# B", "A and B, as well as the upcoming trip to C" (not "..., while Washington ...").
LISTED = re.compile(
    r"^(?:\s*(?:,|and|or|&|as well as|along with|including)\s*)+(?:[\w’'.-]+\s+){0,5}$"
)


def pick(e: Evidence, plural: bool, text: str) -> list:
    """The answer(s): the candidate nearest the question's words; for a plural question
    ("which countries"), the whole list it stands in ("the U.S., Australia and Britain
    launched AUKUS", not the India and Japan of the next clause)."""
    best = e.candidates[0]
    if not plural:
        return [best]
    same = {m.start: m for m in e.candidates if m.type == best.type}
    same = sorted(same.values(), key=lambda m: m.start)
    offset = e.sentence.start

    def listed(a, b) -> bool:
        return bool(LISTED.match(text[a.end - offset : b.start - offset]))

    lo = hi = same.index(best)
    while lo > 0 and listed(same[lo - 1], same[lo]):
        lo -= 1
    while hi + 1 < len(same) and listed(same[hi], same[hi + 1]):
        hi += 1
    seen: dict[str, object] = {}
    for m in same[lo : hi + 1]:
        seen.setdefault(m.name or m.text, m)
    return list(seen.values())
