"""Speech in questions and sentences: who is asked about, and who is quoted.

A question about what someone said ("What did X warn of?") is answered by a sentence
that reports speech, and by X's speech, not someone else's: "What did Xi say about the
World Cup?" is not answered by "... something to boast about, said Raffaello Pantucci."

    >>> bool(SPEECH_ASKED.search("What did Mr. Pantucci say about the G20?"))
    True
    >>> from assistant.reader.mentions import Mention
    >>> text = "The G20 is unpredictable, said Raffaello Pantucci, a senior fellow."
    >>> people = [Mention("Raffaello Pantucci", 31, 49, "PERSON", "Raffaello Pantucci")]
    >>> speakers(text, 0, people)
    {'Raffaello Pantucci'}
"""

from __future__ import annotations

import re

_SAY = (
    r"(?:say|tell|write|warn|predict|argue|think|hope|call|describe|compare|claim|believe"
    r"|suggest|mean|identify|talk|discuss|agree|announce|promise|propose|expect|see)"
)
_FORMS = r"(?:s|es|d|ed|ing|n|t)?"  # "says", "warned", "seen", "meant"; not "seeking"
# A question about what someone said, wrote or thought: "What did X warn of?", "What does
# X think ...", "What did X and Y talk about?" (not "When did the US host the talks?", nor
# "Who hosted talks about IPEF?": talks held are not something said).
SPEECH_ASKED = re.compile(
    rf"\b(?:what|how|why) (?:did|does|do|has|have|had|will|would|is|was) (?:[\w’'.-]+ ){{1,6}}?"
    rf"{_SAY}{_FORMS}\b|\b(?<!\bthe )(?<!hosted )(?<!held )(?<!hold )(?<!holds )(?<!host )"
    rf"{_SAY}{_FORMS} (?:about|that|of)\b",
    re.I,
)
# Words that report speech; each pattern below adds its own few.
_SAID = r"said|says|told|telling|wrote|writing|warned|argued|predicted|hoped|according to"
SPEECH_GIVEN = re.compile(
    rf"[“”\"]|\b(?:{_SAID}|called|pointed to|agreed|announced|proposed|mooted|floated|suggested)\b",
    re.I,
)
# A verb of saying right next to a person: "said Li Zhanshu", "Mr. Pantucci said",
# "Mirziyoyev, who wrote", "Nechaev, speaking at the same meeting, said".
_VERB = re.compile(rf"\b(?:{_SAID}|writes|added|speaking)\b", re.I)
REACH = 40  # characters between a person's name and the verb of saying that is theirs


def speakers(text: str, offset: int, people) -> set[str]:
    """The persons (full names) whom ``text`` quotes or reports: a verb of saying stands
    within :data:`REACH` characters after the name, or just before it ("said X").
    ``offset`` is where ``text`` starts in the article; ``people`` are PERSON mentions."""
    out = set()
    for m in people:
        start, end = m.start - offset, m.end - offset
        after, before = text[end : end + REACH], text[max(0, start - 12) : start]
        if _VERB.search(after) and not re.search(
            r"[.;:“”\"]", after[: _VERB.search(after).start()]
        ):
            out.add(m.name or m.text)
        elif re.search(r"\b(?:said|says|wrote|according to)\s+$", before):
            out.add(m.name or m.text)
    return out
