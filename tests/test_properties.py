"""Property-based tests: random Unicode (lone surrogates included), histories of any shape
(lists or not) and batch files never escape as an exception, whether they come as a
question, a history, a batch line or /ask's history text; whatever an answerer writes or
streams comes out clean, with checked markers, or falls back offline."""

import json
import re

import gradio as gr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.cli import batch_row, json_line
from assistant.core.result import Result
from assistant.errors import QuestionError
from assistant.jsonl import BadLine, read_jsonl
from assistant.web.api import ask_api
from tests.conftest import ScriptedAnswerer, fake_bot

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ANY_CHAR = st.characters(exclude_categories=())  # lone surrogates too
TEXT = st.text(alphabet=ANY_CHAR, max_size=300)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=ANY_CHAR, max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
HISTORIES = st.one_of(
    JSON_VALUES,
    st.lists(
        st.dictionaries(
            st.sampled_from(["role", "content", "x"]),
            st.one_of(st.sampled_from(["user", "assistant"]), st.text(alphabet=ANY_CHAR)),
        ),
        max_size=8,
    ),
)


def _valid(result, article) -> None:
    assert isinstance(result, Result) and isinstance(result.answer, str) and result.answer
    for c in result.citations:
        assert article.text[c.start : c.end] == c.text
        assert f"[{c.id}]" in result.answer


@FAST
@given(question=TEXT)
def test_any_question_gives_an_error_message_or_a_valid_result(bot, article, question):
    try:
        result = bot.ask(question)
    except QuestionError as exc:
        assert str(exc)
        return
    _valid(result, article)


@FAST
@given(history=HISTORIES)
def test_any_history_gives_an_error_message_or_a_valid_result(bot, article, history):
    try:
        result = bot.ask("Where will the G20 leaders meet?", history)
    except QuestionError as exc:
        assert "history must be a list" in str(exc)
        return
    _valid(result, article)


@FAST
@given(
    lines=st.lists(
        st.one_of(
            st.text(alphabet=ANY_CHAR, max_size=80),
            st.builds(lambda v: json.dumps(v), JSON_VALUES),
            st.builds(
                lambda q, h, i: json.dumps({"id": i, "question": q, "history": h}),
                TEXT,
                HISTORIES,
                JSON_VALUES,
            ),
        ),
        max_size=6,
    )
)
def test_every_batch_line_gets_a_row_with_an_answer_or_an_error(tmp_path, article, lines):
    path = tmp_path / "b.jsonl"
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    bot = fake_bot(article, ScriptedAnswerer("Bali [1]."))
    for n, item in read_jsonl(path):
        row = batch_row(n, item, bot)
        assert ("error" in row) != ("answer" in row)
        assert isinstance(row.get("error", ""), str)
        if isinstance(item, dict) and "id" in item:
            assert row["id"] == item["id"]
        assert json.loads(json_line(row).encode("utf-8")) == row  # printable, and lossless
        assert not isinstance(item, BadLine) or row["error"].startswith(f"line {n}:")


@FAST
@given(history=st.one_of(st.builds(json.dumps, HISTORIES), TEXT))
def test_any_api_history_text_gives_an_error_message_or_a_valid_result(bot, article, history):
    try:
        got = ask_api(bot, "Where will the G20 leaders meet?", history)
    except gr.Error as exc:
        assert "history" in str(exc)
        return
    assert got["answer"] and json.loads(json_line(got).encode("utf-8")) == got


@FAST
@given(answer=TEXT)
def test_any_answerer_text_comes_out_clean_with_checked_markers(article, answer):
    import unicodedata

    from assistant.core.citations import marker_numbers

    result = fake_bot(article, ScriptedAnswerer(answer)).ask("Where will the G20 leaders meet?")
    text = result.answer
    assert not [ch for ch in text if ch not in "\n\t" and unicodedata.category(ch)[0] == "C"]
    ids = {c.id for c in result.citations}
    for inside in re.findall(r"[\[［]([^\[\]［］\n]{1,40})[\]］]", text):
        numbers = marker_numbers(inside)
        assert numbers is None or (numbers and set(numbers) <= ids), inside


@FAST
@given(content=JSON_VALUES)
def test_any_streamed_piece_gives_an_answer_never_a_crash(article, extractive, content):
    from assistant.core.answerer import FallbackAnswerer
    from assistant.llm.answerer import OpenAIAnswerer
    from tests.conftest import _chunk, scripted_client

    body = _chunk({"content": content}, None) + _chunk({}, "stop") + b"data: [DONE]\n\n"
    client = scripted_client(body)
    answerer = FallbackAnswerer(OpenAIAnswerer(client, "m"), extractive)
    result = fake_bot(article, answerer).ask("Where will the G20 leaders meet?")
    assert isinstance(result.answer, str) and result.answer
    assert result.answerer == "openai" or result.notice.endswith("Answered offline instead.")
