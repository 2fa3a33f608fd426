"""Typed mentions: names typed by the words around them, numbers and dates by form."""

from assistant.article.article import parse_article
from assistant.reader.entity_types import EmbeddingTyper
from assistant.reader.mentions import find_mentions


def typed(text, typer=None):
    return [(m.text, m.type) for m in find_mentions(parse_article(text), typer)]


def test_titles_speech_and_appositions_mark_people():
    found = typed(
        "Chinese President Xi Jinping spoke. “No,” said Li Zhanshu, chairman of the committee. "
        "Raffaello Pantucci, a senior fellow, agreed."
    )
    assert ("Xi Jinping", "PERSON") in found and ("Li Zhanshu", "PERSON") in found
    assert ("Raffaello Pantucci", "PERSON") in found


def test_organisations_by_acronym_and_head_word():
    found = typed(
        "He went to the Shanghai Cooperation Organization (SCO) and the Belt and Road Initiative."
    )
    assert ("Shanghai Cooperation Organization", "ORG") in found
    assert ("SCO", "ORG") in found and ("Belt and Road Initiative", "ORG") in found


def test_places_after_prepositions_and_lists_split_at_and(embed_model):
    text = "Trade between China and Russia grew. He flew to Samarkand, Uzbekistan."
    found = typed(text, EmbeddingTyper(embed_model))
    assert ("China", "PLACE") in found and ("Russia", "PLACE") in found
    assert ("Samarkand", "PLACE") in found and ("Uzbekistan", "PLACE") in found


def test_numbers_dates_amounts_by_their_form():
    found = typed(
        "On Friday, 13 countries agreed to spend $412 million, 31 per cent more than in 2021, "
        "over more than two years."
    )
    for item in [
        ("Friday", "DATE"),
        ("13 countries", "NUMBER"),
        ("$412 million", "MONEY"),
        ("31 per cent", "PERCENT"),
        ("2021", "DATE"),
        ("more than two years", "NUMBER"),
    ]:
        assert item in found


def test_a_short_form_stands_for_the_full_name_and_a_credit_is_a_person():
    art = parse_article(
        "Scholar Wang Jisi wrote it. Mr. Wang was right. Beijing.Jane Roe/The Press"
    )
    mentions = find_mentions(art)
    assert [m.name for m in mentions if m.text == "Wang"] == ["Wang Jisi"]
    assert ("Jane Roe", "PERSON") in [(m.text, m.type) for m in mentions]


def test_a_name_no_cue_types_is_asked_of_the_typer(embed_model):
    found = typed("The U.S., Australia and Britain launched it.", EmbeddingTyper(embed_model))
    assert ("Australia", "PLACE") in found and ("Britain", "PLACE") in found


def test_the_shipped_article_names_eleven_people(article, embed_model):
    people = {
        m.name for m in find_mentions(article, EmbeddingTyper(embed_model)) if m.type == "PERSON"
    }
    assert len(people) == 11 and {"Joe Biden", "Alexei Druzhinin", "Wang Jisi"} <= people


def test_someone_named_by_role_is_a_group_answer_but_not_a_name_s_apposition():
    found = typed(
        "She asked the city auditor to review it. Gloria Whitfield, the most outspoken critic, "
        "spoke to Russian lawmakers."
    )
    assert ("the city auditor", "GROUP") in found and ("Russian lawmakers", "GROUP") in found
    assert not any("critic" in text for text, _ in found)  # it describes Whitfield


def test_a_name_joined_by_an_ampersand_is_one_firm():
    found = typed("Work was led by the contractor Halvorsen & Sons. It hired AT&T staff.")
    assert ("Halvorsen & Sons", "ORG") in found and ("AT&T", "ORG") in found
