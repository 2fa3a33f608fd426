"""Saying the article does not answer, in any phrasing and in the question's language.

A model refuses in many words ("The article doesn't mention …", "I couldn't find …",
"No information is provided", "El artículo no lo dice."); each is recognised as a refusal
clause. A reply can refuse part of a question and answer the rest ("The article does not
say where, but … [1]"): only the clause that refuses is one.

    >>> [bool(refuses(t)) for t in ("The article doesn't mention his age.",
    ...     "I couldn't find that in the passages.", "El artículo no lo dice.",
    ...     "文章没有提到这一点。", "Les passages fournis ne précisent pas la date.",
    ...     "Das geht aus dem Artikel nicht hervor.", "That isn't covered in the text.",
    ...     "I don't have enough information.", "Russia did not provide details.",
    ...     "It says nothing about troops.", "El artículo no recoge ninguna reacción.",
    ...     "Leider wird der Präsident in den Textstellen nicht genannt.",
    ...     "Xi will travel to Kazakhstan.")]
    [True, True, True, True, True, True, True, True, False, True, True, True, False]
    >>> refusal_clauses("The article does not say where, but it names the date [1].")
    ['The article does not say where']
"""

from __future__ import annotations

import re

_SUBJECT = (
    r"(?:the |this |these |that )?(?:article|text|passages?|sources?|context|story|piece|report"
    r"|provided (?:passages?|text|information|context)|given (?:passages?|text))"
)
_VERB = (
    r"(?:say|says|mention|mentions|specify|specifies|state|states|provide|provides|include"
    r"|includes|contain|contains|tell|tells|give|gives|answer|answers|indicate|indicates|discuss"
    r"|discusses|address|addresses|cover|covers|describe|describes|explain|explains|report"
    r"|reports|reveal|reveals|identify|identifies|name|names|note|notes|list|lists|clarify"
    r"|detail|details|offer|offers|touch on)"
)
PATTERNS = [
    # English
    rf"\b{_SUBJECT}\s+(?:\w+\s+)?(?:does|do|did|is|are)\s*(?:n[’']t|not)\s+(?:\w+\s+)?{_VERB}\b",
    rf"\b{_SUBJECT}\s+(?:\w+\s+)?(?:does|do|did)\s*(?:n[’']t|not)\s+\w+",  # "doesn't estimate"
    rf"\b{_SUBJECT}\s+(?:makes?|made|has|have|gives?|contains?|includes?) no (?:mention|reference)",
    rf"\b{_SUBJECT}\s+(?:is|are) silent\b",
    r"\b(?:there is|there's|there are|there was) no (?:information|mention|details?|data"
    r"|indication|record|reference|answer)\b",
    r"\bno (?:information|details?|mention|data|answer) (?:is|are|was|were) (?:provided|given"
    r"|available|included|mentioned|offered|found)\b",
    r"\b(?:i|we) (?:could not|couldn[’']t|cannot|can[’']t|can not|was unable to|am unable to"
    r"|did not|didn[’']t|do not|don[’']t) (?:find|see|locate|determine|answer|tell|know|say)\b",
    r"\b(?:is|are|was|were)(?: not|n[’']t) (?:mentioned|specified|stated|provided|given|said"
    r"|discussed|covered|addressed|included|described|explained|reported|indicated|named"
    r"|answered)\b",
    r"\bnothing in (?:the |these )?(?:article|passages?|text|sources?)\b",
    rf"\b(?:it|they|{_SUBJECT}) (?:says?|said|mentions?|mentioned|tells?) nothing (?:about|of|on"
    r"|regarding|concerning)\b",
    r"\b(?:not|insufficient) (?:enough |sufficient )?information\b",
    rf"\b(?:i|we|it|they|{_SUBJECT}) (?:do|does|did)(?: not|n[’']t) (?:have|contain|include"
    r"|provide) (?:enough |sufficient |any )?(?:information|details?)\b",  # not "Russia did not …"
    r"\bunable to (?:answer|determine|find)\b",
    # French
    r"\b(?:l[’']article|le texte|les passages?|l[’']extrait)(?: \w+)? ne (?:\w+ )?"
    r"(?:dit|disent|mentionne|mentionnent|précise|précisent|indique|indiquent|parle|parlent|donne|donnent)\b",
    r"\b(?:aucune|pas d[’']|sans) information",
    r"\bje n[’']ai pas (?:trouvé|pu trouver)\b",
    r"\bn[’']est pas (?:mentionné|précisé|indiqué|dit)e?s?\b",
    # Spanish
    r"\b(?:el artículo|el texto|los pasajes|el pasaje|la noticia)(?: \w+)? no (?:lo |la |los )?"
    r"(?:dice|menciona|especifica|indica|aclara|precisa|dicen|mencionan|especifican|indican|detalla"
    r"|recoge|recogen|informa|informan|incluye|incluyen|aporta|aportan|ofrece|ofrecen|proporciona"
    r"|proporcionan|contiene|contienen|habla|hablan|hace referencia|hacen referencia)\b",
    r"\bno (?:hay|se (?:da|ofrece|proporciona|incluye)|contiene|tengo) (?:ninguna )?información\b",
    r"\bno (?:encontré|pude encontrar|se (?:menciona|especifica|indica|dice|precisa))\b",
    # German
    r"\b(?:der|im|dem) (?:artikel|text)\w* (?:sagt|erwähnt|nennt|gibt|enthält|steht|macht|wird)"
    r" (?:\w+ ){0,3}(?:nicht|nichts|keine|kein)\b",
    r"\bkeine (?:informationen|angaben|hinweise|erwähnung)\b",
    r"\bgeht (?:\w+ ){0,4}nicht hervor\b",  # "Das geht aus dem Artikel nicht hervor"
    r"\b(?:wird|werden) (?:\w+ ){0,2}keine? (?:\w+ ){0,3}(?:genannt|erwähnt|angegeben)\b",
    r"\b(?:wird|werden|ist|sind)(?: \S+){0,8} (?:nicht|nirgends) (?:erwähnt|genannt"
    r"|angegeben|beschrieben)\b",
    r"\b(?:ich|wir) (?:konnte|kann|konnten|können) (?:\w+ ){0,6}nicht (?:finden|beantworten)\b",
    # Italian, Portuguese
    r"\b(?:l[’']articolo|il testo|i passaggi|il passaggio|la notizia)(?: \w+)? non"
    r" (?:lo |la |li |le |ne |ci )?(?:dice|dicono|menziona|menzionano|specifica|specificano"
    r"|indica|indicano|parla|parlano|riporta|riportano|precisa|precisano|fornisce|forniscono"
    r"|contiene|contengono)\b",
    r"\bnon (?:è|sono|viene|vengono) (?:\w+ )?(?:menzionat|specificat|indicat|dett"
    r"|riportat)[oaie]\b",
    r"\bnon (?:ho trovato|sono riuscit[oa] a trovare|trovo)\b",
    r"\bnessuna informazione\b",
    r"\b(?:o artigo|o texto|os trechos|o trecho|a notícia|a reportagem)(?: \w+)? não"
    r" (?:o |a |os |as |lhe )?(?:diz|dizem|menciona|mencionam|especifica|especificam|indica"
    r"|indicam|informa|informam|fala|falam|traz|trazem|contém|contêm|refere|referem)\b",
    r"\bnão (?:é|são|foi|foram) (?:\w+ )?(?:mencionad|especificad|informad|indicad|dit)[oa]s?\b",
    r"\bnão (?:encontrei|consegui encontrar|há informaç)",
    r"\bnenhuma informação\b",
    # Chinese
    r"(?:文章|文中|原文|段落|文本|资料)(?:中|里)?(?:并)?(?:没有|没|未|并未)(?:有)?"
    r"(?:提到|提及|说明|说|明确|指出|给出|涉及|透露|记载)",
    r"(?:没有|无|缺乏|未找到)(?:相关|具体)?(?:的)?(?:信息|资料|内容)",
    r"未(?:提及|提到|说明|明确)",
    r"(?:找不到|无法(?:确定|回答|找到|得知))",
]
_REFUSAL = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.IGNORECASE)
# A clause boundary inside a sentence: "…, but …", "…; however, …", "… – …".
_CLAUSES = re.compile(
    r"(?:[,;:]\s*|\s+[–—-]\s+)(?=(?:but|however|although|though|yet|while|instead|mais|pero|aber|但"
    r"|不过)\b)|[;，；]\s*|\s+(?=(?:but|however)\b)",
    re.IGNORECASE,
)


def refuses(text: str) -> re.Match | None:
    """Where ``text`` says the article does not answer, if it does."""
    return _REFUSAL.search(text)


def refusal_clauses(sentence: str) -> list[str]:
    """The clauses of ``sentence`` that refuse (stripped of the joining words)."""
    clauses = [c.strip(" ,;:–—") for c in _CLAUSES.split(sentence) if c and c.strip(" ,;:–—")]
    return [c for c in clauses if refuses(c)]


def answered_part(sentence: str) -> str:
    """What ``sentence`` answers besides its refusing clauses ("" when it only refuses).

    >>> answered_part("The article does not say where, but it names the date.")
    'it names the date.'
    """
    refusing = refusal_clauses(sentence)
    clauses = [c.strip(" ,;:–—") for c in _CLAUSES.split(sentence) if c and c.strip(" ,;:–—")]
    rest = " ".join(c for c in clauses if c not in refusing)
    return re.sub(
        r"^(?:but|however|though|although|yet|instead|mais|pero|aber)\b[\s,]*", "", rest, flags=re.I
    )
