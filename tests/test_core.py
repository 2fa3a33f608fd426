import pytest

from assistant.core import clean_history, clean_question
from assistant.errors import QuestionError
from assistant.result import Result


def test_empty_and_whitespace_questions_are_rejected(bot):
    for q in ["", "   ", "\n\t", "\x00\x01"]:
        with pytest.raises(QuestionError, match="The question is empty"):
            bot.ask(q)


def test_oversized_questions_are_rejected_with_the_limit(bot):
    with pytest.raises(QuestionError, match="2,001 characters long; the limit is 2,000"):
        bot.ask("x" * 2001)


def test_control_characters_are_removed():
    assert clean_question("Where\x00 is\x1b the\u200b summit?\n", 100) == "Where is the summit?"


def test_non_text_question_is_rejected():
    with pytest.raises(QuestionError, match="must be text"):
        clean_question(None, 100)


def test_malformed_history_turns_are_dropped():
    history = [
        {"role": "system", "content": "x"},
        "junk",
        {"role": "user", "content": 3},
        {"role": "user", "content": "Who is Li Zhanshu?"},
    ]
    assert clean_history(history) == [{"role": "user", "content": "Who is Li Zhanshu?"}]


def test_follow_up_is_resolved_against_the_conversation(bot):
    first = bot.ask("Who is Raffaello Pantucci?")
    assert "Pantucci" in first.answer
    history = [
        {"role": "user", "content": "Who is Raffaello Pantucci?"},
        {"role": "assistant", "content": first.answer},
    ]
    follow = bot.ask("What book did he write?", history)
    # The sentence says "author of Sinostan", not "book": a near miss, quoted with a caveat.
    assert follow.answer.startswith("The article does not say this directly.")
    assert "author of Sinostan" in follow.answer and "Sinostan" in follow.citations[0].text


def test_stream_yields_text_then_a_checked_result(bot, article):
    items = list(bot.stream("Where will the G20 leaders meet in November?"))
    assert all(isinstance(i, str) for i in items[:-1]) and isinstance(items[-1], Result)
    result = items[-1]
    assert "Bali" in "".join(items[:-1]) and "Bali" in result.answer
    assert result.backend == "extractive"
    assert set(result.timings) == {"retrieve_s", "answer_s", "total_s"}
    for c in result.citations:
        assert article.text[c.start : c.end] == c.text
        assert f"[{c.id}]" in result.answer
