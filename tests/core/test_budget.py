"""The one history budget and the cleaning of what users send, on every surface: the
retrieval query's cost, the /ask API (its body only; tests/web/test_chat.py has the rest), the
web chat's follow-ups. Lone surrogates and histories that are not lists included."""

import json

import gradio as gr
import numpy as np
import pytest

from assistant.core.conversation import MAX_HISTORY_JSON, retrieval_query, start_turn
from assistant.core.question import Question
from assistant.index.multilingual import QUERY_CHARS, E5Ranker
from assistant.index.retrieval import HybridRetriever
from assistant.web.api import ask_api
from assistant.web.chat import respond

LONG_SPANISH = "¿Dónde se reunirán los líderes del G20 en noviembre? " * 200


class RecordingModel:
    """A multilingual model that records what it is asked and ranks nothing in particular."""

    def __init__(self):
        self.asked = []

    def query(self, text):
        self.asked.append(text)
        return np.ones(384, dtype=np.float32) / np.sqrt(384)


def test_a_long_follow_up_costs_the_multilingual_model_one_short_query(
    article, embed_model, index_dir
):
    from assistant.index.store import open_index

    index, _ = open_index(article, embed_model, index_dir)
    model = RecordingModel()
    vectors = np.eye(len(index.docstore.docs), 384, dtype=np.float32)
    retriever = HybridRetriever(
        index, embed_model, multilingual=E5Ranker(model, "x"), multilingual_vectors=vectors
    )
    history = [{"role": r, "content": LONG_SPANISH} for _ in range(20) for r in ("user", "asst")]
    turn = start_turn("¿Y en noviembre?", history)
    query = retrieval_query(Question(turn.question, follows_up=True), turn.history)
    assert len(query) > 2000  # the earlier question, of 2,000 characters, and this one
    retriever.retrieve(query)
    assert model.asked == [query[-QUERY_CHARS:]] and model.asked[0].endswith("¿Y en noviembre?")


@pytest.mark.parametrize(
    ("history", "message"),
    [
        ("[" + " " * MAX_HISTORY_JSON + "]", "the limit is 200,000"),
        ("[" * 100_000, "history must be a JSON list"),
        ("{not json", "history must be a JSON list"),
        ("5", "history must be a JSON list"),
        ('"hello"', "history must be a JSON list"),
        ('{"role": "user", "content": "Hi"}', "history must be a JSON list"),
    ],
    ids=["oversized", "nested", "not-json", "number", "string", "object"],
)
def test_api_history_mistakes_are_messages(bot, history, message):
    with pytest.raises(gr.Error, match=message):
        ask_api(bot, "Where will the G20 leaders meet in November?", history)


def test_api_history_with_lone_surrogates_is_answered(bot):
    turns = [
        {"role": "user", "content": "Who is \ud800 Raffaello Pantucci?"},
        {"role": "assistant", "content": "A senior \udfff fellow."},
    ]
    got = ask_api(bot, "What book did he write?", json.dumps(turns))
    assert "Sinostan" in got["answer"]
    json.dumps(got, ensure_ascii=False).encode("utf-8")  # printable as UTF-8


def test_web_chat_follow_ups_survive_a_lone_surrogate(bot):
    *_, (_, exchanges, _) = respond(bot, "Who is \ud800 Raffaello Pantucci?", [])
    *_, (chat, exchanges, status) = respond(bot, "What book did he write?", exchanges)
    assert "Sinostan" in chat[-1]["content"] and exchanges[-1].answered
