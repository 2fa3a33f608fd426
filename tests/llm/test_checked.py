"""An LLM's answer through the check step (assistant.support): what the article does not
support never reaches the reader with a citation, refusals in any phrasing are read as
refusals, and what the model is sent is bounded."""

import httpx
import pytest

from assistant.core.answerer import REFUSAL, FallbackAnswerer
from assistant.core.assistant import Assistant
from assistant.llm.answerer import OpenAIAnswerer
from assistant.support.checker import SupportChecker
from assistant.support.review import Reviewer
from tests.conftest import _completion, scripted_client, sse

G20 = "Where will the G20 leaders meet in November?"


def checked(article, retriever, extractive, digest, *replies, requests=None, **answerer):
    client = scripted_client(*replies, requests=requests)
    llm = OpenAIAnswerer(client, "scripted-model", **answerer)
    checker = Reviewer(SupportChecker(article, digest.weight, digest.word_vectors, digest.type_of))
    return Assistant(
        article,
        retriever,
        FallbackAnswerer(llm, extractive),
        read=digest.analyse,
        checker=checker,
    )


def test_a_fabrication_with_a_valid_marker_is_removed_and_said(
    article, retriever, extractive, digest
):
    reply = sse(
        "The G20 leaders meet in Bali in November [1]. ", "Xi will sign a $5bn gas deal [1]."
    )
    result = checked(article, retriever, extractive, digest, reply).ask(G20)
    assert result.answered and "Bali" in result.answer and "$5bn" not in result.answer
    assert result.notice == "1 statement was removed: the article does not support it."
    assert [c.supported for c in result.claims] == [True, False]
    assert result.to_json()["claims"][1] == {
        "text": "Xi will sign a $5bn gas deal.",
        "citations": [],
        "supported": False,
    }


@pytest.mark.parametrize(
    "reply",
    [
        "The article doesn't mention where they meet.",
        "I couldn't find that in the passages.",
        "No information is provided about the venue.",
        "El artículo no lo dice.",
        "L'article ne le précise pas.",
        "Der Artikel sagt dazu nichts.",
        "文章没有提到这一点。",
    ],
)
def test_a_refusal_in_any_phrasing_is_not_an_answer(article, retriever, extractive, digest, reply):
    result = checked(article, retriever, extractive, digest, sse(reply)).ask(G20)
    assert not result.answered and result.answer.startswith(reply.rstrip("."))
    assert result.notice is None


def test_a_partial_refusal_that_answers_is_an_answer(article, retriever, extractive, digest):
    reply = sse("The article does not say who hosts it, but the leaders meet in Bali [1].")
    result = checked(article, retriever, extractive, digest, reply).ask(G20)
    assert result.answered and result.citations and "Bali" in result.answer


def test_nothing_supported_left_is_a_decline_with_the_closest_passage(
    article, retriever, extractive, digest
):
    reply = sse("Yes, Xi won his third term in February 2023.")  # what a small model says
    result = checked(article, retriever, extractive, digest, reply).ask(G20)
    assert not result.answered and result.answer.startswith(REFUSAL)
    assert "third term" not in result.answer


def test_a_question_the_model_writes_is_no_claim_and_cites_nothing(
    article, retriever, extractive, digest
):
    # SmolLM2 often repeats the question with a marker: "Question: What is the SCO [1]?"
    reply = sse("Question: Where will the G20 leaders meet [1]? They meet in Bali [1].")
    result = checked(article, retriever, extractive, digest, reply).ask(G20)
    assert result.answer == "Question: Where will the G20 leaders meet? They meet in Bali [1]."
    assert [c.supported for c in result.claims] == [None, True]


def test_naming_a_topic_answers_only_what_the_article_is_about(
    article, retriever, extractive, digest
):
    topic = "The article discusses a meeting of G20 leaders in Bali in November [1]."
    result = checked(article, retriever, extractive, digest, sse(topic)).ask(G20)
    assert not result.answered and result.answer.startswith(REFUSAL)
    assert [(c.supported, c.cites) for c in result.claims] == [(None, ())]
    said = "The article says that G20 leaders meet in Bali in November [1]."
    result = checked(article, retriever, extractive, digest, sse(said)).ask(G20)
    assert result.answered  # "says that …" states something: an answer
    reply = sse("The article discusses the G20 and the SCO [1].")
    result = checked(article, retriever, extractive, digest, reply).ask(
        "What is the article about?"
    )
    assert result.claims[0].supported is not None  # checked as a claim like any other


def test_a_claim_cited_wrongly_is_moved_to_the_passage_that_says_it(
    article, retriever, extractive, digest
):
    result = checked(
        article, retriever, extractive, digest, sse("The leaders meet in Bali [2].")
    ).ask(G20)
    assert result.answered and result.citations and "Bali" in result.citations[0].text


def test_markers_in_every_form_are_read(article, retriever, extractive, digest):
    for marker in ("[^1]", "【1】", "(Source 1)", "[Passage 1]", "[1-1]", "[1, 1]"):
        reply = sse(f"The leaders meet in Bali in November {marker}.")
        result = checked(article, retriever, extractive, digest, reply).ask(G20)
        assert result.answered and result.answer.endswith("[1].") and result.citations, marker


def test_what_the_model_is_sent_is_bounded_and_free_of_old_markers(
    article, retriever, extractive, digest
):
    requests = []
    rewrite = httpx.Response(200, json=_completion("Where will the G20 leaders meet?"))
    bot = checked(
        article,
        retriever,
        extractive,
        digest,
        rewrite,
        sse("In Bali [1]."),
        requests=requests,
        temperature=0.3,
        max_tokens=123,
        passage_tokens=100,
    )
    bot.ask(
        G20, [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello [3]."}]
    )
    sent = requests[-1]["body"]
    assert (sent["temperature"], sent["max_tokens"]) == (0.3, 123)
    passages = sent["messages"][-1]["content"].split("Question:")[0].split("\n\n")[1:]
    assert 1 <= len(passages) < 6 and sum(len(p) for p in passages) <= 100 * 4 + 10
    assert {"role": "assistant", "content": "Hello."} in sent["messages"]
