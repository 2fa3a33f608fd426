"""Closed word classes of English news writing that the offline answerer reads by.

These are kinds of words, not facts about one article: titles that come before a
person's name, words that end an organisation's or a place's name, prepositions that
place things, verbs of saying, and the question words that say what kind of answer
is wanted. A new article needs no new entry here.

>>> "president" in PERSON_ROLES and "organization" in ORG_HEADS and "to" in PLACE_PREPOSITIONS
True
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
HONORIFICS = _words("mr mrs ms dr prof sir dame lord lady rev gen col capt sen rep gov")
PERSON_ROLES = _words(
    """president premier chancellor minister secretary senator governor mayor king queen prince
    princess emperor pope chairman chairwoman chair councilmember councillor councilor
    councilman councilwoman commissioner director executive ceo founder spokesman spokeswoman
    spokesperson official officials diplomat ambassador envoy general admiral judge justice
    scholar professor analyst economist researcher fellow expert author writer editor reporter
    journalist columnist historian lawmaker legislator parliamentarian politician leader
    activist critic head manager owner resident student coach player captain candidate
    deputy vice aide adviser advisor strategist negotiator auditor treasurer clerk inspector
    attorney lawyer prosecutor engineer planner consultant contractor doctor nurse teacher officer
    voter mp mps pm"""
)
# Offices a person holds, each a fact of its own: no other word stands for one ("president"
# is not "chairman"), unlike a generic role ("leader", "official").
OFFICES = _words(
    """president premier chancellor minister secretary senator governor mayor king queen prince
    princess emperor pope chairman chairwoman councilmember councillor councilor councilman
    councilwoman commissioner director ceo cfo coo founder spokesman spokeswoman spokesperson
    ambassador envoy admiral judge professor editor treasurer auditor clerk comptroller
    attorney sheriff superintendent provost dean"""
)
ORG_HEADS = _words(
    """organization organisation initiative congress framework school party union duma press
    daily council authority alliance university college agency ministry department bank fund
    company corporation corp inc ltd group association committee commission institute
    foundation times post news network forum parliament assembly senate army navy force forces
    police service board society club league federation bureau office court administration
    government hospital center centre church museum library coalition movement front bloc
    studies"""
)
EVENT_HEADS = _words(
    """olympics games cup summit conference festival war expo championship championships
    election elections referendum revolution crisis"""
)
PLACE_HEADS = _words(
    """street avenue road boulevard lane square river lake sea ocean bay gulf strait island
    islands mountain mountains valley county province state city town village district region
    park bridge airport port harbour harbor station"""
)
REGIONS = _words(
    """Asia Africa America Americas Europe Pacific Atlantic Arctic Antarctica Balkans Caribbean
    Caucasus Scandinavia Mediterranean Baltic Eurasia Oceania"""
)
PLACE_PREPOSITIONS = _words(
    "in at to from into across near toward towards throughout outside inside via between"
)
CONNECTORS = _words("of the for and de del la le von van al bin da du")
SPEECH_VERBS = _words(
    """said says say told tells wrote writes warned warns argued argues added adds noted notes
    explained explains asked asks stated states claimed claims insisted insists predicted
    predicts announced announces replied replies according"""
)
# Forms of speaking to someone: near synonyms of each other ("talking to" is "telling").
SPEAKING = _words(
    """talk talks talked talking tell tells telling told speak speaks spoke spoken speaking
    address addresses addressed addressing"""
)
# The kind of answer a question word asks for, and the nouns that narrow "which/what X".
WH_TYPES = {
    "who": ("PERSON", "ORG", "GROUP", "PLACE"),
    "whom": ("PERSON", "ORG", "GROUP"),
    "whose": ("PERSON", "ORG", "GROUP"),
    "where": ("PLACE", "EVENT", "ORG"),
    "when": ("DATE",),
}
NOUN_TYPES = {
    "PLACE": _words(
        """country countries city cities place places capital town region nation nations
        province state location venue neighbourhood neighborhood area"""
    ),
    "PERSON": _words("person people man men woman women mp member who") | PERSON_ROLES,
    "ORG": _words(
        """organisation organization group alliance bloc company agency party body institution
        newspaper paper outlet publication school university union"""
    ),
    "EVENT": _words("event gathering meeting summit conference"),
    "DATE": _words("year month day date time decade weekday"),
    "TITLE": _words("book title novel"),
    "NUMBER": _words("number percentage share amount population age size length distance height"),
    "MONEY": _words("value cost price worth budget"),
}
# Question words of other languages (Spanish, French, German, Portuguese, Italian): enough
# to know what kind of answer a question in another language wants.
FOREIGN_WH = {
    "PERSON": _words("quién quien qui wer quem chi"),
    "PLACE": _words(
        "dónde donde où wo onde dove ciudad ville stadt cidade città país pays land paese lugar"
        " lieu"
    ),
    "DATE": _words("cuándo cuando quand wann quando año année jahr ano anno fecha datum data día"),
    # "How much" (an amount: a share first, then money, then any number); "how many".
    "PERCENT": _words("cuánto cuánta combien wieviel quanto porcentaje"),
    "MONEY": _words("cuánto cuánta combien wieviel quanto"),
    "NUMBER": _words("cuánto cuántos cuánta cuántas combien wieviel quanto quantos quanti"),
    "TITLE": _words("libro livre buch livro título titre titel titolo"),
}
# Capitals that news writing uses for their countries' governments ("Beijing criticized
# ...", "Moscow's war"), and the countries' own names.
CAPITALS = {
    "beijing": ("china",),
    "moscow": ("russia",),
    "washington": ("united states", "u.s.", "america", "us"),
    "kyiv": ("ukraine",),
    "kiev": ("ukraine",),
    "london": ("britain", "united kingdom", "u.k.", "uk"),
    "paris": ("france",),
    "berlin": ("germany",),
    "ottawa": ("canada",),
    "tokyo": ("japan",),
    "seoul": ("south korea",),
    "pyongyang": ("north korea",),
    "taipei": ("taiwan",),
    "new delhi": ("india",),
    "tehran": ("iran",),
    "ankara": ("turkey",),
    "canberra": ("australia",),
    "islamabad": ("pakistan",),
    "kabul": ("afghanistan",),
    "astana": ("kazakhstan",),
    "tashkent": ("uzbekistan",),
    "bishkek": ("kyrgyzstan",),
    "dushanbe": ("tajikistan",),
    "ashgabat": ("turkmenistan",),
    "minsk": ("belarus",),
    "warsaw": ("poland",),
    "rome": ("italy",),
    "madrid": ("spain",),
    "riyadh": ("saudi arabia",),
    "cairo": ("egypt",),
    "jerusalem": ("israel",),
    "brasilia": ("brazil",),
    "mexico city": ("mexico",),
    "pretoria": ("south africa",),
    "jakarta": ("indonesia",),
    "hanoi": ("vietnam",),
    "manila": ("philippines",),
    "bangkok": ("thailand",),
    "baghdad": ("iraq",),
    "damascus": ("syria",),
}
# What a country's people and things are called where its name's first letters do not say it
# ("American" is the United States'; "Russian" and "Uzbek" already begin like their countries).
DEMONYMS = {
    "american": ("united states", "u.s.", "us", "america"),
    "french": ("france",),
    "dutch": ("netherlands", "holland"),
    "swiss": ("switzerland",),
    "filipino": ("philippines",),
    "welsh": ("wales",),
}
