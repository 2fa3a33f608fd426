"""Typos corrected against the article's words (SymSpell)."""

from assistant.reader.spelling import Speller

TEXT = "Mr. Pantucci said the summit in Samarkand, which is going ahead, matters. Which one?"


def test_unknown_words_become_the_nearest_article_word():
    assert Speller(TEXT).correct("who is pantuci") == "who is Pantucci"
    assert Speller(TEXT).correct("the sumit in samarcand") == "the summit in Samarkand"


def test_a_slip_beats_a_substitution():
    # "wich" is "which" with a letter left out, not "with"
    assert Speller(TEXT + " With them.").correct("wich summit") == "which summit"


def test_a_first_word_close_to_a_question_word_is_one():
    assert Speller(TEXT).correct("wat summit") == "what summit"


def test_known_words_and_names_are_left_alone():
    speller = Speller(TEXT)
    assert speller.correct("Where was Alexey Nechaev born?") == "Where was Alexey Nechaev born?"
    assert speller.correct("picture") == "picture"  # English, though not the article's


def test_a_role_typed_in_lower_case_stays_a_role():
    text = "Uzbek President Shavkat Mirziyoyev wrote in state media."
    assert Speller(text).correct("who is the uzbek presidnet") == "who is the uzbek president"
