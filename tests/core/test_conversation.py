"""Cleaning what the user sends, the history budget, and follow-up queries (no model)."""

import pytest

from assistant.core.conversation import (
    HISTORY_TURNS,
    TURN_CHARS,
    clean_history,
    clean_question,
    retrieval_query,
    start_turn,
)
from assistant.core.question import Question
from assistant.errors import QuestionError


def test_empty_and_whitespace_questions_are_rejected():
    for q in ["", "   ", "\n\t", "\x00\x01"]:
        with pytest.raises(QuestionError, match="The question is empty"):
            clean_question(q)


def test_oversized_questions_are_rejected_with_the_limit():
    with pytest.raises(QuestionError, match="2,001 characters long; the limit is 2,000"):
        clean_question("x" * 2001)


def test_control_characters_and_lone_surrogates_are_removed():
    assert clean_question("Where\x00 is\x1b the\u200b summit?\n") == "Where is the summit?"
    assert clean_question("Where\ud800 is Bali?") == "Where is Bali?"


def test_non_text_question_is_rejected():
    with pytest.raises(QuestionError, match="must be text"):
        clean_question(None)


def test_malformed_history_turns_are_dropped():
    history = [
        {"role": "system", "content": "x"},
        "junk",
        {"role": "user", "content": 3},
        {"role": "user", "content": "Who is Li Zhanshu?"},
    ]
    assert clean_history(history) == [{"role": "user", "content": "Who is Li Zhanshu?"}]


@pytest.mark.parametrize("history", [5, "hello", {"role": "user"}])
def test_a_history_that_is_not_a_list_is_a_clear_error(history):
    with pytest.raises(QuestionError, match="history must be a list"):
        clean_history(history)


def test_history_is_bounded_to_the_last_turns_each_cut():
    history = [{"role": "user", "content": f"q{i} " + "x" * 5000} for i in range(50)]
    kept = clean_history(history)
    assert len(kept) == HISTORY_TURNS
    assert kept[-1]["content"].startswith("q49 ") and kept[0]["content"].startswith("q44 ")
    assert all(len(t["content"]) == TURN_CHARS for t in kept)


def test_history_text_is_cleaned_like_a_question():
    kept = clean_history([{"role": "user", "content": "Who\ud800 is\x00 Xi?\nAnd Putin?"}])
    assert kept == [{"role": "user", "content": "Who  is  Xi?\nAnd Putin?"}]


HISTORY = [
    {"role": "user", "content": "Where will the G20 leaders meet in November?"},
    {"role": "assistant", "content": "Bali [1]."},
    {"role": "user", "content": "Who is Raffaello Pantucci?"},
    {"role": "assistant", "content": "A senior fellow [1]."},
]


def test_a_follow_up_nobody_completed_is_retrieved_after_the_latest_question_only():
    asked = Question("What book did he write?", follows_up=True)
    assert retrieval_query(asked, HISTORY) == "Who is Raffaello Pantucci? What book did he write?"
    assert retrieval_query(Question("Plain?"), HISTORY) == "Plain?"


def test_a_stand_alone_follow_up_is_retrieved_as_it_stands():
    asked = Question(
        "What book did he write?", follows_up=True, standalone="What book did X write?"
    )
    assert retrieval_query(asked, HISTORY) == "What book did X write?"


def test_the_question_a_follow_up_leans_on_is_the_readers_to_say():
    asked = Question("And in 2021?", follows_up=True, leans_on="How much did trade grow?")
    assert retrieval_query(asked, HISTORY) == "How much did trade grow? And in 2021?"


def test_start_turn_cleans_both():
    turn = start_turn("  Where?\x00 ", [{"role": "user", "content": "Hi"}, 7])
    assert (turn.question, turn.history) == ("Where?", [{"role": "user", "content": "Hi"}])
