import pytest

from assistant.config import Config
from assistant.errors import AssistantError
from assistant.wiring import answerer_name
from tests.conftest import FAKE_KEY


def answerer(env: dict) -> str:
    return answerer_name(Config.from_env(env))


def test_defaults_are_offline():
    c = Config.from_env({})
    assert (answerer({}), c.top_k, c.openai_model) == ("extractive", 6, "gpt-4o-mini")


def test_a_key_or_a_base_url_switches_on_openai():
    assert answerer({"OPENAI_API_KEY": FAKE_KEY}) == "openai"
    assert answerer({"OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}) == "openai"
    assert (
        answerer({"OPENAI_API_KEY": FAKE_KEY, "ASSISTANT_ANSWERER": "extractive"}) == "extractive"
    )
    assert answerer({"OPENAI_API_KEY": FAKE_KEY, "ASSISTANT_BACKEND": "extractive"}) == "extractive"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"ASSISTANT_ANSWERER": "gpt"},
            "ASSISTANT_ANSWERER='gpt' is not one of auto, extractive, openai",
        ),
        ({"ASSISTANT_BACKEND": "gpt"}, "is not one of auto, extractive, openai"),
        ({"ASSISTANT_ANSWERER": "openai"}, "needs OPENAI_API_KEY"),
    ],
)
def test_an_answerer_that_cannot_be_had_says_why(env, message):
    with pytest.raises(AssistantError, match=message):
        answerer(env)


def test_multilingual_ranking_can_be_turned_off():
    assert Config.from_env({}).multilingual is True
    assert Config.from_env({"ASSISTANT_MULTILINGUAL": "0"}).multilingual is False


def test_the_key_is_not_in_the_repr():
    assert FAKE_KEY not in repr(Config.from_env({"OPENAI_API_KEY": FAKE_KEY}))


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ASSISTANT_TOP_K": "many"}, "ASSISTANT_TOP_K='many' is not a number"),
        ({"ASSISTANT_TOP_K": "0"}, "out of range"),
        ({"ASSISTANT_EMBEDDER": "bert"}, "is not one of minilm, openai"),
        ({"ASSISTANT_EMBEDDER": "openai"}, "ASSISTANT_EMBEDDER=openai needs OPENAI_API_KEY"),
        ({"OPENAI_TIMEOUT": "nan"}, "OPENAI_TIMEOUT='nan' is out of range: use a number from 0.1"),
        ({"OPENAI_TIMEOUT": "inf"}, "OPENAI_TIMEOUT='inf' is out of range"),
        ({"OPENAI_TIMEOUT": "0"}, "OPENAI_TIMEOUT='0' is out of range"),
        ({"OPENAI_MAX_RETRIES": "100000"}, "OPENAI_MAX_RETRIES='100000' is out of range: use a "),
        ({"OPENAI_MAX_RETRIES": "1.5"}, "OPENAI_MAX_RETRIES='1.5' is not a number"),
        ({"OPENAI_DEADLINE": "soon"}, "OPENAI_DEADLINE='soon' is not a number"),
        (
            {"OPENAI_DEADLINE": "nan"},
            "OPENAI_DEADLINE='nan' is out of range: use a number from 1 to",
        ),
        ({"OPENAI_DEADLINE": "inf"}, "OPENAI_DEADLINE='inf' is out of range"),
        ({"OPENAI_DEADLINE": "0"}, "OPENAI_DEADLINE='0' is out of range"),
        ({"OPENAI_DEADLINE": "-5"}, "OPENAI_DEADLINE='-5' is out of range"),
    ],
)
def test_bad_settings_say_what_is_wrong(env, message):
    with pytest.raises(AssistantError, match=message):
        Config.from_env(env)


def test_one_answer_has_a_deadline():
    assert Config.from_env({}).openai_deadline == 60.0
    assert Config.from_env({"OPENAI_DEADLINE": " 12.5 "}).openai_deadline == 12.5


def test_the_deadline_reaches_the_openai_answerer():
    from assistant.wiring import Models, _openai

    config = Config.from_env({"OPENAI_API_KEY": FAKE_KEY, "OPENAI_DEADLINE": "7"})
    answerer = _openai(Models(config, None), None, config)
    assert (answerer.deadline_s, answerer.retries) == (7.0, 2)
