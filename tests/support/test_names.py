"""Whether a sentence has the names a claim uses, on sentences of the shipped article."""

from assistant.support.names import Names, fold


def test_a_name_is_found_by_its_acronym_its_capital_or_the_article_s_fuller_form(article):
    found = Names(article.text)
    travel = next(
        s.text for s in article.sentences if "Shanghai Cooperation Organization" in s.text
    )
    assert found.missing("The SCO is dominated by Beijing", travel) is None  # an acronym
    assert found.missing("The SCO is dominated by China", travel) is None  # a capital's country
    assert found.missing("The SCO is dominated by India", travel) == "India"
    summit = next(s.text for s in article.sentences if s.text.startswith("At the summit in"))
    assert found.missing("Xi Jinping will meet allies in Samarkand", summit) is None  # "Mr. Xi"
    assert found.missing("Xi will meet Biden in Samarkand", summit) == "Biden"


def test_accents_are_folded_for_names_in_other_languages():
    assert fold("Vladímir Pútin") == "Vladimir Putin"


def test_a_capital_is_its_country_s_government_not_a_place_in_it(article):
    found = Names(article.text)
    summit = next(s.text for s in article.sentences if s.text.startswith("At the summit in"))
    assert found.missing("The summit is held in Tashkent", summit) == "Tashkent"
    assert found.missing("Tashkent is glad Xi is surrounded by allies", summit) is None


def test_a_name_and_its_initials_stand_for_each_other():
    text = "Last week, the U.S. hosted talks, said the chairman of the National People’s Congress."
    names = Names(text)
    assert names.missing("The United States hosted talks", text) is None
    assert names.missing("The chairman of the NPC spoke", text) is None
    assert names.missing("The United Kingdom hosted talks", text) == "United Kingdom"
