"""The assistant's steps with fakes: clean, query, retrieve, answer, check citations."""

import pytest

from assistant.core.assistant import UNCITED
from assistant.core.result import Result
from assistant.errors import BackendError, QuestionError
from tests.conftest import ScriptedAnswerer, fake_bot

G20 = "Where will the G20 leaders meet in November?"


def test_questions_are_checked_before_anything_runs(article):
    bot = fake_bot(article)
    with pytest.raises(QuestionError, match="The question is empty"):
        bot.ask(" \x00 ")
    with pytest.raises(QuestionError, match="2,001 characters long; the limit is 2,000"):
        bot.ask("x" * 2001)
    assert bot.retriever.queries == [] and bot.answerer.turns == []


def test_stream_yields_text_then_a_checked_result(article):
    bot = fake_bot(article, ScriptedAnswerer("In Bali ", "[1] [9]."))
    *pieces, result = bot.stream(G20)
    assert pieces == ["In Bali ", "[1] [9]."] and isinstance(result, Result)
    assert result.answer == "In Bali [1]." and result.answered and result.notice is None
    c = result.citations[0]
    assert article.text[c.start : c.end] == c.text and "Bali" in c.text
    assert set(result.timings) == {"retrieve_s", "answer_s", "total_s"}


def test_the_result_records_the_query_and_the_passages_given(article):
    bot = fake_bot(article)
    history = [{"role": "user", "content": "Who is Raffaello Pantucci?"}]
    result = bot.ask("What book did he write?", history)
    assert result.trace.query == "Who is Raffaello Pantucci? What book did he write?"
    assert bot.retriever.queries == [result.trace.query]
    assert [p.number for p in result.trace.passages] == [1, 2, 3]
    assert bot.answerer.turns[0].history == history


def test_a_rewrite_replaces_the_follow_up_rule(article):
    bot = fake_bot(article, ScriptedAnswerer("x", query="What did Pantucci write?"))
    result = bot.ask("What did he write?", [{"role": "user", "content": "Who is Pantucci?"}])
    assert result.trace.query == "What did Pantucci write?"


def test_an_answer_that_cites_nothing_carries_a_warning(article):
    result = fake_bot(article, ScriptedAnswerer("Bali, probably.")).ask(G20)
    assert result.answered and result.citations == [] and result.notice == UNCITED


def test_small_talk_claims_nothing_so_carries_no_warning(bot):
    result = bot.ask("hello")
    assert (result.answered, result.citations, result.notice) == (False, [], None)
    assert result.answer.startswith("Hello!")


def test_the_refusal_means_not_answered(article):
    result = fake_bot(article, ScriptedAnswerer("The article does not say.")).ask(G20)
    assert (result.answered, result.notice) == (False, None)


def test_an_answer_whose_every_claim_is_left_out_is_a_decline(article):
    from assistant.core.answerer import REFUSAL, Outcome
    from assistant.support.checker import SupportChecker
    from assistant.support.review import Reviewer

    sure = ScriptedAnswerer("Xi will sign a $5bn gas deal [1].", Outcome(answered=True))
    result = fake_bot(article, sure, checker=Reviewer(SupportChecker(article))).ask(G20)
    assert not result.answered and result.answer.startswith(REFUSAL)
    assert "$5bn" not in result.answer and [c.supported for c in result.claims] == [False]


def test_a_whole_article_question_is_given_every_passage(article):
    from assistant.core.question import Question

    bot = fake_bot(article, read=lambda q, h: Question(q, kind="summary"))
    result = bot.ask("Summarise the article")
    assert len(result.trace.passages) == len(article.sentences)


def test_only_a_question_that_leans_on_the_conversation_gets_it_in_its_query(article):
    from assistant.core.question import Question

    history = [{"role": "user", "content": "Who is Raffaello Pantucci?"}]
    fresh = fake_bot(article, read=lambda q, h: Question(q))
    assert fresh.ask("Who is Li Zhanshu?", history).trace.query == "Who is Li Zhanshu?"
    leaning = fake_bot(article, read=lambda q, h: Question(q, follows_up=True))
    assert leaning.ask("What did he write?", history).trace.query.startswith("Who is Raffaello")


def test_without_a_fallback_a_backend_error_reaches_the_caller(article):
    fail = BackendError("The OpenAI endpoint failed (500): try again later.")
    with pytest.raises(BackendError, match=r"failed \(500\)"):
        fake_bot(article, ScriptedAnswerer("x", fail=fail)).ask(G20)
