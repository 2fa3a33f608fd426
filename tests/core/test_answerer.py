"""The fallback answerer owns the switch-over and the notice (scripted answerers, no model)."""

from assistant.core.answerer import RESTART, FallbackAnswerer, Outcome
from assistant.core.conversation import start_turn
from assistant.errors import BackendError
from tests.conftest import ScriptedAnswerer, fake_bot

FAIL = BackendError("The OpenAI endpoint failed (500): try again later.")
NOTICE = "The OpenAI endpoint failed (500): try again later. Answered offline instead."


def nothing(query):
    return []


def test_a_working_primary_answers_alone():
    primary, backup = ScriptedAnswerer("Bali [1].", name="llm"), ScriptedAnswerer("x")
    turn = start_turn("Where?")
    assert list(FallbackAnswerer(primary, backup).stream(turn, nothing)) == ["Bali [1]."]
    assert backup.turns == []


def test_a_failure_mid_stream_restarts_with_the_backup():
    primary = ScriptedAnswerer("The G20 ", "meets", fail=FAIL, fail_after=2, name="llm")
    backup = ScriptedAnswerer("Bali. [1]", name="offline")
    pieces = list(FallbackAnswerer(primary, backup).stream(start_turn("Where?"), nothing))
    assert pieces == [
        "The G20 ",
        "meets",
        RESTART,
        "Bali. [1]",
        Outcome(None, None, (), NOTICE, "offline"),
    ]


def test_a_failed_rewrite_answers_with_the_backup_and_never_calls_the_primary_again(article):
    primary = ScriptedAnswerer("never", query=FAIL, name="llm")
    backup = ScriptedAnswerer("Offline. [1]", name="offline")
    bot = fake_bot(article, FallbackAnswerer(primary, backup))
    result = bot.ask("What did he write?", [{"role": "user", "content": "Who is Pantucci?"}])
    assert (result.answer, result.answerer, result.notice) == ("Offline. [1]", "offline", NOTICE)
    assert len(primary.turns) == 1 and bot.retriever.queries == [backup.turns[0].query]


def test_the_assistant_reports_the_fallback_and_keeps_only_the_new_answer(article):
    primary = ScriptedAnswerer("Half an answer", fail=FAIL, fail_after=1, name="llm")
    backup = ScriptedAnswerer("Bali [1].", name="offline")
    bot = fake_bot(article, FallbackAnswerer(primary, backup))
    *pieces, result = bot.stream("Where will the G20 leaders meet?")
    assert pieces == ["Half an answer", "\n\n", "Bali [1]."]
    assert (result.answer, result.answerer, result.notice) == ("Bali [1].", "offline", NOTICE)
    assert "Bali" in result.citations[0].text


def test_the_finish_step_is_the_answering_ones(article):
    class Guarded(ScriptedAnswerer):
        def finish(self, text):
            return "replaced"

    guarded = fake_bot(article, FallbackAnswerer(Guarded("x", name="llm"), ScriptedAnswerer("y")))
    assert guarded.ask("Where?").answer == "replaced"
    failed = Guarded("x", fail=FAIL, name="llm")
    assert (
        fake_bot(article, FallbackAnswerer(failed, ScriptedAnswerer("y"))).ask("Where?").answer
        == "y"
    )
