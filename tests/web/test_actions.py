"""What a reader can do with each message (issue 17, items 3, 4, 7, 10): the controls under
questions and answers, the questions offered after an answer or a decline, votes written
once per answer, and an answer shown as the core yields it. The page's script that uses
these controls is driven in ``test_browser.py``."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from assistant.config import Config
from assistant.web.chat import respond
from assistant.web.feedback import Feedback, answer_record
from assistant.web.offers import Offers
from assistant.web.render import messages, render_answer
from assistant.web.state import Exchange
from assistant.wiring import load_assistant
from tests.conftest import sse
from tests.web.test_chat import QUESTION, openai_bot


class Buttons(HTMLParser):
    """The buttons of some HTML: their class, text and data-* attributes, in order."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.found: list[dict] = []
        self._open: dict | None = None
        self.hidden: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "hidden" in attrs:
            self.hidden.append(attrs.get("class", ""))
        if tag == "button":
            self._open = {**attrs, "text": ""}
            self.found.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "button":
            self._open = None

    def named(self, cls: str) -> list[dict]:
        return [b for b in self.found if cls in b.get("class", "").split()]


@pytest.fixture(scope="module")
def bot():
    return load_assistant(Config.from_env({"ASSISTANT_BACKEND": "extractive"}))


def test_every_question_can_be_edited_and_only_the_last_answer_retried(bot):
    done = [Exchange(f"Q{i}?", "A.", id=f"id{i}") for i in range(3)]
    chat = messages(done, bot.article)
    edits = [Buttons(m["content"]).named("edit-question") for m in chat[::2]]
    assert [e[0]["data-index"] for e in edits] == ["0", "1", "2"]
    assert edits[1][0]["data-question"] == "Q1?" and edits[1][0]["text"] == "Edit"
    retries = [Buttons(m["content"]).named("retry") for m in chat[1::2]]
    assert [len(r) for r in retries] == [0, 0, 1] and retries[2][0]["data-index"] == "2"
    # while a newer question is being answered, no answer is the last one
    answering = messages(done, bot.article, last=False)
    assert not any(Buttons(m["content"]).named("retry") for m in answering)


def test_a_stopped_or_failed_answer_is_asked_again_and_has_no_vote(bot):
    stopped = Exchange("Why?", "Half", stopped=True, answered=False)
    failed = Exchange("Why?", "", notice="The server is busy.", answered=False)
    for ex in (stopped, failed):
        page = Buttons(render_answer(ex, bot.article, 0, last=True))
        assert page.named("retry")[0]["text"] == "Ask again"
        assert not page.named("vote-up") and not page.named("vote-down")


def test_votes_come_up_first_and_show_what_was_chosen(bot):
    fresh = Buttons(render_answer(Exchange("Q?", "A.", id="a1"), bot.article, 4, last=True))
    up, down = fresh.named("vote-up")[0], fresh.named("vote-down")[0]
    assert fresh.found.index(up) < fresh.found.index(down)  # "up" first
    assert (up["aria-pressed"], down["aria-pressed"]) == ("false", "false")
    assert up["data-index"] == "4" and up["aria-label"] == "Good answer"
    assert "vote-reasons" in fresh.hidden  # the reasons show once "down" is chosen
    why = Exchange("Q?", "A.", id="a1", vote="Wrong citation")
    page = Buttons(render_answer(why, bot.article, 4, last=True))
    assert page.named("vote-down")[0]["aria-pressed"] == "true" and not page.hidden
    pressed = [b["text"] for b in page.named("vote-reason") if b["aria-pressed"] == "true"]
    assert pressed == ["Wrong citation"]
    # an answer the server did not give (restored from elsewhere) cannot be voted on
    assert not Buttons(render_answer(Exchange("Q?", "A."), bot.article, 0)).named("vote-up")


def test_answers_and_declines_offer_questions_the_article_answers(bot, digest):
    offers = Offers()
    offers.prepare(bot, digest).join()  # built in the background, once per article
    offer = lambda result, turns: offers.after(bot, result, turns)  # noqa: E731
    *_, (chat, exchanges, _) = respond(bot, QUESTION, [], offer=offer)
    offered = exchanges[-1].suggested
    assert 2 <= len(offered) <= 3 and QUESTION not in offered
    buttons = Buttons(chat[-1]["content"]).named("ask-next")
    assert [b["data-question"] for b in buttons] == list(offered)
    for question in offered:  # each is answered, with a citation
        result = bot.ask(question)
        assert result.answered and result.citations, question
    *_, (chat, declined, _) = respond(
        bot, "What did Joe Biden say about the trip?", [], offer=offer
    )
    assert not declined[-1].answered and 2 <= len(declined[-1].suggested) <= 3
    assert "The article can answer:" in chat[-1]["content"]
    # only the last answer offers them
    assert not Buttons(messages([*exchanges, *declined], bot.article)[1]["content"]).named(
        "ask-next"
    )


def test_an_llm_answer_shows_its_first_claim_before_the_rest_is_written(bot):
    # Issue 17, item 10: the page shows what the core yields (whole, checked claims): no
    # 80-character hold-back before the first words.
    first = "The G20 leaders will meet in Bali in November [1]. "
    rest = "Mr. Xi will have plenty of opportunities for one-on-one diplomacy [1]."
    words = [w + " " for w in (first + rest).split(" ")]
    updates = list(respond(openai_bot(bot, sse(*words), checked=True), QUESTION, []))
    texts = [u[0][-1]["content"] for u in updates[:-1]]
    assert any("Bali in November" in t and "diplomacy" not in t for t in texts)


def test_a_changed_vote_is_written_over_its_own_line(tmp_path):
    path = tmp_path / "feedback.jsonl"
    feedback = Feedback(path, settle=0)
    ids = [
        feedback.given(answer_record(f"Q{i}", [], "A [1]", True, [], "extractive", "ab"))
        for i in range(3)
    ]
    assert feedback.vote("tab", ids[0], "up") and feedback.vote("tab", ids[1], "up")
    assert feedback.vote("tab", ids[0], "down", "The article does say")  # not the last line
    assert feedback.vote("tab", ids[2], "down")
    assert feedback.vote("tab", ids[0], "up")  # and back
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r["id"] for r in records] == ids  # one line per answer, in place
    assert [(r["rating"], r["reason"]) for r in records] == [("up", ""), ("up", ""), ("down", "")]
    # a line changed by someone else is not written over: the change is a new line
    path.write_text(path.read_text().replace('"Q1"', '"Q9"'))
    assert feedback.vote("tab", ids[1], "down")
    assert [json.loads(x)["id"] for x in path.read_text().splitlines()] == [*ids, ids[1]]
