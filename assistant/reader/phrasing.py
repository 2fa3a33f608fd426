"""How questions are phrased: the patterns that tell a question's kind and shape.

They are about English question forms ("Who is ...?", "Summarise ...", "And the
next day?"), not about any article. :mod:`assistant.reader.question` reads with them.

>>> bool(SUMMARY.search("Give me the key takeaways")), bool(YES_NO.match("Is it true?"))
(True, True)
>>> PART_SPLIT.split("Where is the summit and who will be there?")
['Where is the summit', 'who will be there?']
"""

from __future__ import annotations

import re

GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening)|greetings|thanks|thank you"
    r"|thx|cheers|bye|goodbye|see you|ok|okay|cool|great|nice|awesome|perfect)\b",
    re.I,
)
SMALL_TALK = re.compile(
    r"^(?:who|what) are you\b|\bwhat can you (?:do|answer)\b|^help\b|\bhow (?:do|does) (?:you|this)"
    r" work\b|\bare you (?:a bot|an ai|human|a robot)\b",
    re.I,
)
TASK = re.compile(
    r"^(?:(?:can|could|would|will) you (?:please )?)?(?:please )?(?:write|compose|draft|generate"
    r"|translate|recommend|suggest|tell me a joke"
    r"|sing|create|make me|give me a (?:poem|joke|story|recipe|haiku))\b",
    re.I,
)
META = re.compile(
    r"\b(?:who (?:wrote|is the author of|authored)|author|byline|written by"
    r"|when (?:was|is) (?:this|the) (?:article|piece|story) (?:published|written)"
    r"|(?:publication|published) date|date (?:was |of )?"
    r"(?:this|the) (?:article|piece|story)|which (?:newspaper|paper|outlet|publication|website)"
    r" (?:is|published|ran) (?:this|the)|headline)\b",
    re.I,
)
ABOUT_ARTICLE = re.compile(r"\b(?:this|the) (?:article|piece|story|text|report)\b", re.I)
SUMMARY = re.compile(
    r"\b(?:summar(?:y|ise|ize|ies)|sum (?:it |this )?up|gist|tl;?dr|overview|synopsis|recap"
    r"|in a nutshell|key (?:points|takeaways|facts)|takeaways?|main (?:points?|ideas?|argument"
    r"|message|story|themes?)|what(?:'s| is) (?:this|the|it) (?:article |piece |story )?about"
    r"|brief me)\b",
    re.I,
)
LIST_NOUN = (
    r"(?:people|persons|names|countries|places|cities|organi[sz]ations|groups|leaders|officials"
    r"|companies|experts|analysts|politicians|everyone|everybody)"
)
WHOLE_LIST = re.compile(
    rf"\b(?:list|name|enumerate|which|what|who)\b.*\b{LIST_NOUN}\b.*\b(?:mentioned|named|quoted"
    r"|cited|appear|appears|referred|featured|in (?:the|this) (?:article|piece|story))\b"
    rf"|\b(?:list|name) (?:all|every)\b|\bwho (?:is|are|gets|get) quoted\b|\ball the {LIST_NOUN}\b",
    re.I,
)
YES_NO = re.compile(
    r"^(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may|might"
    r"|must|isn't|aren't|wasn't|didn't|doesn't|hasn't|won't)\b",
    re.I,
)
# Words that open a question on a new topic: a word for changing the subject, or an
# adjective for "other" before a noun for a topic ("On another subject,", "Unrelated
# question:", "Different topic -", "Switching topics").
_NEW_TOPIC = (
    r"(?:(?:on|for|to|about|with) )?(?:an? |the )?(?:unrelated|different|another|new|other"
    r"|separate|fresh) (?:topics?|subjects?|questions?|notes?|matters?|things?|issues?)"
    r"|(?:switching|changing|change|shifting|moving) (?:the |to an?(?:other)? |of )?(?:topics?"
    r"|subjects?|gears)|moving on|unrelated(?:ly)?|never mind(?: that)?"
)
_LEADING = r"ok(?:ay)?|so|now|well|right|hey|also|and|but"  # words a question may open with
FILLER = re.compile(
    rf"^(?:(?:{_LEADING}|please|one more thing|{_NEW_TOPIC})\b(?:,? but\b)?[\s,.:;!?–—-]*)+"
    r"|^(?:(?:can|could|would) you (?:please )?(?:tell me|explain|say|let me know)|(?:please )?"
    r"tell me|i (?:want|would like|'d like) to know|do you know|according to (?:the|this)"
    r" (?:article|piece|story),?)\s*",
    re.I,
)
NEW_TOPIC = re.compile(  # at the question's start, after any "ok", "so", "and"
    rf"^\W*(?:(?:{_LEADING})\b[\s,.:;!?–—-]*)*(?:{_NEW_TOPIC})\b",
    re.I,
)
PRONOUN = re.compile(r"\b(?:he|him|his|she|her|hers|they|them|their|theirs|it|its)\b", re.I)
POINTER = re.compile(  # leans on the conversation even when the question names someone
    r"\b(?:there|then|the latter|the former|that (?:country|city|place|man|woman|person|event"
    r"|meeting|summit|trip|group|year|day|one)|this (?:country|city|place|man|woman|person"
    r"|event|meeting|summit|trip|group))\b|^(?:what|who)(?:'s| is| was) (?:that|this)\b"
    r"|\b(?:that|those|these)\s+(?!(?:the|a|an|he|she|it|they|we|you|i|his|her|their|its|is"
    r"|was|are|were)\b)[a-z]+",
    re.I,
)
ELLIPSIS = re.compile(
    r"^(?:and|what about|how about|what else|anything else|same for|also)\b", re.I
)
WH = r"(?:what|which|who|whom|whose|where|when|why|how|by how|(?:in|on|at|for|to) (?:which|what))"
PART_SPLIT = re.compile(
    rf",?\s+and\s+(?={WH}\b|(?:is|are|was|were|did|does|do|has|have)\b)|\?\s+(?=\S)", re.I
)
STARTS_AS_QUESTION = re.compile(rf"^{WH}\b|^(?:is|are|was|were|did|does|do|has|have|will)\b", re.I)
CONTRACTIONS = [
    (re.compile(rf"\b({w})['’]s\b", re.I), r"\1 is")
    for w in ("what", "who", "where", "when", "how", "that")
]
DOUBLE_WH = re.compile(
    r"^(what|which|who|where|when|why|how)\s+and\s+(what|which|who|where|when|why|how)\b\s*", re.I
)
AUXILIARIES = frozenset(
    "is are was were do does did has have had will would can could should may might must".split()
)
MONEY_WORDS = re.compile(
    r"\b(?:money|cost|costs|spend|spent|invest\w*|pay|paid|worth|price|value|budget|dollars|fund\w*)\b",
    re.I,
)
DEFINE = re.compile(
    r"^(?:who|what)(?:'s| is| are| was| were)\s+(.+?)(?:\s+exactly|\s+again)?$"
    r"|^what (?:the |a |an )?(.+?) (?:is|are|was|means?)$"
    r"|^what does (.+?) (?:stand for|mean)$|^(?:explain|define|describe) (?:what )?(.+?)(?: is)?$"
    r"|^tell me (?:about|more about) (.+)$"
    r"|^what (?:position|role|job|title|post|office) (?:does|did|do|is) (.+?) (?:hold|have|has"
    r"|had|occupy|held)$"
    # "who/what is X?" in Spanish, French, German, Italian and Portuguese
    r"|^¿?\s*(?:quién|quien|quiénes|qué|que|qui|wer|was|chi|cosa|cos['’]|quem|o que)\s*(?:es|son"
    r"|era|est|sont|était|ist|sind|war|è|sono|é|são|foi)\s+(.+?)$",
    re.I,
)
# Verbs that only say an event happens ("Where is the summit taking place?", "When is it
# held?"): the question is about the event; their words would match unrelated sentences.
LIGHT_VERBS = re.compile(
    r"\s*\b(?:(?:take|takes|taking|took|taken) place|(?:be |being |is |was )?held"
    r"|happen(?:s|ed|ing)?|located|situated)\b",
    re.I,
)
