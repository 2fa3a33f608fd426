"""Rewriting the question a follow-up leans on (assistant/reader/rewrite.py)."""

import pytest

from assistant.reader.rewrite import swap_wh


@pytest.mark.parametrize(
    ("base", "wh", "expected"),
    [
        # the noun a "how many" asked about stays, as the object
        (
            "How many new members does the club expect?",
            "by when",
            "By when does the club expect new members?",
        ),
        # before the phrase that ends the clause
        (
            "How many trees will the city plant along the river?",
            "why",
            "Why will the city plant trees along the river?",
        ),
        # "what X" keeps the thing asked about; "of" stays inside the subject
        (
            "What prize did the mayor of Lyon win in 2019?",
            "where",
            "Where did the mayor of Lyon win the prize in 2019?",
        ),
        ("How much did the museum raise?", "from whom", "From whom did the museum raise?"),
        ("Where will the band play next?", "when", "When will the band play next?"),
        # the question word with its noun is the subject: nothing to swap
        ("Which two teams are playing there?", "when", ""),
    ],
)
def test_another_question_word_keeps_what_was_asked_about(base, wh, expected):
    assert swap_wh(base, wh) == expected
