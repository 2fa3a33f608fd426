"""Property-based tests: random Unicode never escapes as an exception."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.cli import read_batch
from assistant.errors import DatasetError, QuestionError
from assistant.result import Result

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(question=st.text(max_size=300))
def test_any_question_gives_an_error_message_or_a_valid_result(bot, article, question):
    try:
        result = bot.ask(question)
    except QuestionError as exc:
        assert str(exc)
        return
    assert isinstance(result, Result) and isinstance(result.answer, str) and result.answer
    for c in result.citations:
        assert article.text[c.start : c.end] == c.text
        assert f"[{c.id}]" in result.answer


@FAST
@given(
    history=st.lists(
        st.dictionaries(st.sampled_from(["role", "content", "x"]), st.text(max_size=40)), max_size=4
    )
)
def test_any_history_is_tolerated(bot, history):
    assert isinstance(bot.ask("Where will the G20 leaders meet?", history), Result)


@FAST
@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=80),
            st.builds(lambda q: json.dumps({"question": q}), st.text(max_size=40)),
        ),
        max_size=6,
    )
)
def test_batch_reader_reports_every_bad_line_and_keeps_the_good_ones(tmp_path, lines):
    path = tmp_path / "b.jsonl"
    path.write_text(
        "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines), encoding="utf-8"
    )
    for n, item in read_batch(str(path)):
        assert n >= 1
        assert isinstance(item, DatasetError) or isinstance(item.get("question"), str)
