"""The fallback answerer owns the switch-over and the notice (scripted answerers, no model)."""

from assistant.core.answerer import RESTART, FallbackAnswerer
from assistant.core.conversation import start_turn
from assistant.errors import BackendError
from tests.conftest import ScriptedAnswerer, fake_bot

FAIL = BackendError("The OpenAI endpoint failed (500): try again later.")
NOTICE = "The OpenAI endpoint failed (500): try again later. Answered offline instead."


def test_a_working_primary_answers_alone():
    primary, backup = ScriptedAnswerer("Bali [1].", name="llm"), ScriptedAnswerer("x")
    turn = start_turn("Where?")
    assert list(FallbackAnswerer(primary, backup).stream(turn)) == ["Bali [1]."]
    assert turn.answered_by is primary and turn.notice is None and backup.turns == []


def test_a_failure_mid_stream_restarts_with_the_backup():
    primary = ScriptedAnswerer("The G20 ", "meets", fail=FAIL, fail_after=2, name="llm")
    backup = ScriptedAnswerer("Bali. [1]", name="offline")
    turn = start_turn("Where?")
    pieces = list(FallbackAnswerer(primary, backup).stream(turn))
    assert pieces == ["The G20 ", "meets", RESTART, "Bali. [1]"]
    assert (turn.answered_by, turn.notice) == (backup, NOTICE)


def test_a_failed_rewrite_answers_with_the_backup_and_never_calls_the_primary_again():
    primary = ScriptedAnswerer("never", rewrite_to=FAIL, name="llm")
    backup = ScriptedAnswerer("Offline. [1]", name="offline")
    fallback = FallbackAnswerer(primary, backup)
    turn = start_turn("What did he write?", [{"role": "user", "content": "Who is Pantucci?"}])
    assert fallback.rewrite(turn) is None
    assert list(fallback.stream(turn)) == ["Offline. [1]"]
    assert primary.turns == [] and turn.notice == NOTICE


def test_the_assistant_reports_the_fallback_and_keeps_only_the_new_answer(article):
    primary = ScriptedAnswerer("Half an answer", fail=FAIL, fail_after=1, name="llm")
    backup = ScriptedAnswerer("Bali [1].", name="offline")
    bot = fake_bot(article, FallbackAnswerer(primary, backup))
    *pieces, result = bot.stream("Where will the G20 leaders meet?")
    assert pieces == ["Half an answer", "\n\n", "Bali [1]."]
    assert (result.answer, result.backend, result.notice) == ("Bali [1].", "offline", NOTICE)
    assert "Bali" in result.citations[0].text


def test_the_finish_step_is_the_answering_ones():
    class Guarded(ScriptedAnswerer):
        def finish(self, turn, text):
            return "replaced"

    turn = start_turn("Where?")
    fallback = FallbackAnswerer(Guarded("x", name="llm"), ScriptedAnswerer("y"))
    list(fallback.stream(turn))
    assert fallback.finish(turn, "x") == "replaced"
    turn = start_turn("Where?")
    fallback = FallbackAnswerer(Guarded("x", fail=FAIL, name="llm"), ScriptedAnswerer("y"))
    list(fallback.stream(turn))
    assert fallback.finish(turn, "y") == "y"
