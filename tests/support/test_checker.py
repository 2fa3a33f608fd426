"""The support checker's signals, one at a time, on sentences of the shipped article: what
each lets through and what it stops."""

import pytest

from assistant.support.checker import SupportChecker, Verdict

SUMMIT = (
    "At the summit in Samarkand, Uzbekistan, Mr. Xi will be surrounded by allies who share"
    " his suspicion of Washington, including Russian President Vladimir Putin and Iranian"
    " President Ebrahim Raisi."
)
TRAVEL = "On Thursday, he will travel to neighbouring Uzbekistan for a meeting of the"
BIDEN = "That event could be the first time Mr. Xi and Joe Biden meet in person"


@pytest.fixture(scope="module")
def checker(article, digest):
    return SupportChecker(article, digest.weight, digest.word_vectors, digest.type_of)


def sentence(article, start: str) -> str:
    return next(s.text for s in article.sentences if s.text.startswith(start))


def test_a_claim_in_another_language_is_read_by_its_names(checker, article):
    assert checker.supports("En Samarcanda, Xi estará rodeado de aliados", SUMMIT)[0]
    travel = sentence(article, TRAVEL)  # names the country and the group, not the city
    ok, why = checker.supports("Le sommet se tiendra à Samarcande, en Ouzbékistan", travel)
    assert (ok, why) == (False, "name")


def test_a_possibility_is_not_a_fact(checker, article):
    biden = sentence(article, BIDEN)
    assert checker.supports("Xi and Biden will meet in person for the first time", biden) == (
        False,
        "modality",
    )
    assert checker.supports("Xi and Biden could meet in person for the first time", biden)[0]


def test_a_word_both_use_does_not_hide_an_opposite(checker, article):
    sanctions = sentence(article, "While Beijing has repeatedly called for peace")
    claim = "Beijing has called for peace in Ukraine and has also backed Western sanctions"
    assert checker.supports(claim + " against Moscow", sanctions) == (False, "polarity")
    assert checker.supports(claim.replace("backed", "criticized") + " against Moscow", sanctions)[0]


def test_the_sentences_own_words_are_supported_whatever_they_deny(checker, article):
    borders = sentence(article, "Chinese President Xi Jinping has not crossed")
    quoted = "“Chinese President Xi Jinping has not crossed his country’s borders since the"
    lead = "the beginning of the pandemic"  # a phrase of the negated clause denies nothing
    assert checker.supports(f"{lead} — {quoted} beginning of the pandemic…”", borders) == (
        True,
        "verbatim",
    )
    assert checker.supports(f"No — {quoted} beginning of the pandemic…”", borders) != (
        True,
        "verbatim",
    )  # a bare Yes or No is the claim's own, not the sentence's words
    assert not checker.supports("He has crossed his country’s borders", borders)[0]


def test_an_office_is_a_fact_no_near_synonym_stands_for(checker, article):
    li = sentence(article, "“We see that the United States and its NATO allies")
    assert checker.supports("Li Zhanshu is the Russian President", li) == (False, "office")
    assert checker.supports("Li Zhanshu is a Chinese president", li) == (False, "office")
    assert checker.supports("Li Zhanshu is chairman of the standing committee", li)[0]
    official = "Li Zhanshu, a senior official, said NATO allies are expanding their presence"
    assert checker.supports(official, li)[0]  # a generic role may stand for an office


def test_a_claim_moved_goes_to_the_passage_that_holds_most_of_it():
    from assistant.article.article import parse_article
    from assistant.core.result import Passage
    from assistant.support.claims import split_claims

    art = parse_article(
        "The authority will build the new light-rail line across the river by 2029. "
        "The transit authority will build and operate the light-rail line."
    )
    passages = [Passage(n, s.text, s.start, s.end) for n, s in enumerate(art.sentences, 1)]
    (claim,) = split_claims("The transit authority will build and operate the light-rail line.")
    plain = SupportChecker(art)
    assert plain.supports(claim.body, passages[0].text)[0]  # both support it: the second more
    assert plain.judge(claim, passages) == Verdict(True, "moved", (2,))


def test_a_pronoun_stands_for_a_person_the_sentence_before_names_in_full():
    from assistant.article.article import parse_article

    art = parse_article(
        "Mayor Teresa Okafor called the vote a turning point. "
        "She does not vote on council matters except to break a tie."
    )
    people = {"Teresa Okafor": "PERSON"}  # the article's name; "Okafor" alone is not one
    checking = SupportChecker(art, kind_of=lambda name: people.get(name, ""))
    before, she = (s.text for s in art.sentences)
    claim = "Teresa Okafor does not vote on council matters except to break a tie"
    assert checking.supports(claim, she, before) == (True, "supported")
    assert checking.supports(claim, she)[1] == "name"  # without the sentence before: no one


def test_a_hope_is_not_a_fact_even_when_its_words_are_names():
    from assistant.support.polarity import overstates

    s = "Otorbaev hoped that Central Asia could become to China what Central America is to the U.S."
    assert overstates("Central Asia has become to China what Central America is to the U.S.", s)
    assert not overstates("Otorbaev hoped Central Asia could become to China what it is", s)


def test_an_expectation_is_not_a_fact_and_an_attempt_is_no_overstatement():
    from assistant.support.polarity import overstates

    s = "Sofia Marchetti said she expected the review to be finished by March 2026."
    assert overstates("The review will be finished by March 2026.", s)
    assert not overstates("Marchetti expects the review to be finished by March 2026.", s)
    cost = "The line is expected to cost $412 million."
    assert overstates("The line will cost $412 million.", cost)
    # "if anyone expected his first trip to be …": no expectation of the article's own
    past = "If anyone expected his first trip in more than two years to be a rapprochement"
    assert not overstates("This is his first trip in more than two years.", past)
    seeks = "Washington seeks to build new alliances to counter Beijing."
    assert not overstates("Washington is trying to build new alliances against Beijing.", seeks)


def test_a_country_given_to_an_office_must_be_that_persons(checker, article):
    s = sentence(article, "At the summit in Samarkand")
    assert checker.supports("Turkish President Ebrahim Raisi will be in Samarkand", s) == (
        False,
        "office",
    )
    assert checker.supports("Iranian President Ebrahim Raisi will be in Samarkand", s)[0]


def test_a_claim_that_says_all_of_what_the_sentence_says_part_of_is_not_supported(checker, article):
    trade = sentence(article, "Trade between China and Russia")
    assert checker.supports("Trade grew 31 per cent in the first six months of 2022", trade)[0]
    assert checker.supports(
        "Trade between China and Russia grew 31 per cent over the whole of 2022", trade
    ) == (False, "scope")


def test_an_office_and_its_initials_are_one_office():
    from assistant.support.roles import office_missing

    said = "“It pays off,” said Marcus Bell, the transit authority’s chief executive."
    assert not office_missing("Marcus Bell, the authority's CEO, said so", said)
    assert office_missing("Marcus Bell, the authority's CFO, said so", said)
    assert office_missing("Marcus Bell, the chief financial officer, said so", said)


def test_a_number_claimed_as_a_bound_is_held_to_the_same_thing_counted():
    from assistant.article.article import parse_article

    checker = SupportChecker(parse_article("The line is expected to cost $412 million."))
    text = "The line is expected to cost $412 million."
    assert checker.supports("The line is expected to cost more than $400 million.", text)[0]
    assert not checker.supports("The line is expected to cost more than $500 million.", text)[0]
    debate = "The council voted 5-4, ending more than three years of debate."
    assert not checker.supports("The vote ended more than two years of debate.", debate)[0]


def test_how_often_and_not_until_are_read_as_the_sentence_says(checker, article):
    peace = sentence(article, "While Beijing has repeatedly called for peace")
    assert checker.supports("Beijing has rarely called for peace in Ukraine", peace) == (
        False,
        "polarity",
    )
    assert checker.supports("Beijing has often called for peace in Ukraine", peace)[0]
    g20 = sentence(article, "The summits will also provide")
    assert not checker.supports("The summits come after a meeting of G20 leaders in Bali", g20)[0]


def test_a_risk_warned_of_is_not_a_fact(checker, article):
    bloc = sentence(article, "He warned of")
    assert checker.supports("He said bloc thinking has been revived", bloc)[1] == "modality"
    assert checker.supports("He warned that bloc thinking could be revived", bloc)[0]


def test_an_office_the_article_gives_the_person_named_is_supported(checker, article):
    heads = sentence(article, "Instead, on Wednesday Mr. Xi heads to Kazakhstan")
    assert checker.supports("The Chinese president heads to Kazakhstan on Wednesday", heads)[0]
    assert (
        checker.supports("The Russian president heads to Kazakhstan on Wednesday", heads)[0]
        is False
    )


def test_names_the_other_way_round_say_who_does_what_to_whom(checker, article):
    bloc = sentence(article, "He warned of")
    swapped = "Beijing seeks to build new alliances to counter Washington's growing presence"
    assert checker.supports(swapped, bloc) == (False, "name")
    right = "Washington seeks to build new alliances to counter Beijing's growing presence"
    assert checker.supports(right, bloc)[0]


def test_an_mp_is_a_role_and_a_hyphenated_name_is_its_name(checker, article):
    nechaev = sentence(article, "Russian parliamentarian Alexey Nechaev")
    assert checker.supports("Russian MP Alexey Nechaev spoke at the same meeting", nechaev)[0]
    both = sentence(article, "Both projects symbolize")
    claim = "Beijing sees the status quo as overly U.S.-influenced"
    assert checker.supports(claim, both)[0]
