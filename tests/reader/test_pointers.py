"""Words that point into the conversation, filled in (assistant/reader/pointers.py)."""

import pytest

from assistant.reader.pointers import fill
from assistant.reader.referents import Cast

CAST = Cast(
    {"ada lovelace": "Ada Lovelace", "lovelace": "Ada Lovelace", "turin": "Turin"},
    {"Ada Lovelace": "PERSON", "Turin": "PLACE"},
    {"Ada Lovelace": "she"},
)


@pytest.mark.parametrize(
    ("answer", "question", "expected"),
    [
        (
            "1843 — “Lovelace published her notes in 1843.” [1]",
            "Where was she then?",
            "Where was Ada Lovelace in 1843?",
        ),
        (
            "Friday — “On Friday, Lovelace spoke in Turin.” [1]",
            "Who was with her then?",
            "Who was with Ada Lovelace on Friday?",
        ),
        (
            "1843 — “Lovelace published her notes in 1843.” [1]",
            "What had she written before then?",
            "What had Ada Lovelace written before 1843?",
        ),
    ],
)
def test_then_is_the_time_the_last_answer_gave(answer, question, expected):
    turns = [("When did Ada Lovelace publish her notes?", answer)]
    assert fill(question, turns, CAST)[0] == expected


def test_then_with_no_time_named_is_left_as_it_is():
    turns = [("Who is Ada Lovelace?", "Ada Lovelace — “a mathematician” [1]")]
    assert fill("What was she working on then?", turns, CAST) == (
        "What was Ada Lovelace working on then?",
        "Ada Lovelace",
    )
    # "then" in the middle of a question is not a time ("and then")
    assert (
        fill("Did she stay and then leave?", turns, CAST)[0]
        == "Did Ada Lovelace stay and then leave?"
    )
