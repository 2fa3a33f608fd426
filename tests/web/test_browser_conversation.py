"""A conversation that flows, in headless Chromium (issue 17): nothing a reader asks or
brings is lost (a question too long, one sent during an answer, Stop, New conversation and
Undo, a reload, a reader's own article and its conversation), message actions (Ask again,
Retry, Edit), the questions offered, focus back to the question box, and votes.
``browsing.py`` has what the browser tests share."""

from __future__ import annotations

import json
import time

import pytest

from assistant.core.conversation import too_long
from assistant.web.page import SUGGESTIONS
from tests.conftest import ScriptedAnswerer, fake_bot, running_app
from tests.web.browsing import (
    SECOND,
    ask,
    box,
    click_suggestion,
    focused,
    open_page,
    open_panel,
    showing,
    wait_answered,
)

pytestmark = pytest.mark.slow  # starts a server, a browser or a child process

FOCUSED_BOX = "TEXTAREA#question"


@pytest.fixture(scope="module")
def slow_app(shelf, tmp_path_factory):
    class Slow(ScriptedAnswerer):
        def stream(self, turn, retrieve):
            for piece in super().stream(turn, retrieve):
                time.sleep(0.15)
                yield piece

    words = [f"Word{i} " for i in range(30)] + ["Bali [1]."]
    bot = fake_bot(shelf.article, Slow(*words))
    votes = tmp_path_factory.mktemp("slow") / "feedback.jsonl"
    with running_app(bot, feedback_file=votes) as url:
        yield url


def test_nothing_a_reader_asks_is_lost(slow_app, browser):
    page = open_page(browser, slow_app)
    question = box(page)
    question.press("Enter")  # empty: ignored
    question.fill("x" * 2500)
    question.press("Enter")  # too long: refused, and the box keeps it
    page.wait_for_function("() => document.querySelector('#question-problem').textContent")
    assert question.input_value() == "x" * 2500
    count, problem = page.locator("#question-count"), page.locator("#question-problem")
    assert "2,500 / 2,000 characters" in count.text_content()
    assert problem.text_content() == too_long(2500, 2000)  # the server's sentence
    question.press("x")  # one more: the page says the same, with the same number
    assert "2,501 / 2,000" in count.text_content() and problem.text_content() == too_long(
        2501, 2000
    )
    assert page.locator("#chat .message-row").count() == 0
    question.fill("Where will the G20 meet?")
    question.press("Enter")  # then a suggestion at once, while the answer is on its way
    page.evaluate(
        """s => { const b = [...document.querySelectorAll('.suggestion')]
                  .find(b => b.textContent.trim() === s); if (b) b.click(); }""",
        SUGGESTIONS[0],
    )
    page.wait_for_selector("#chat .message-row.user-row")  # the question shows at once
    assert "0 / 2,000 characters" in count.text_content()  # the count starts again
    assert page.locator("#chat .answer.pending").count() == 1
    assert page.locator("#chat .vote-up").count() == 0  # no thumbs while it is written
    assert question.is_disabled() and page.locator(".suggestion:visible").count() == 0
    wait_answered(page, 1)
    assert page.locator("#chat .vote-up").count() == 1  # once it is complete
    assert focused(page) == FOCUSED_BOX  # focus is back in the box
    users = page.locator("#chat .message-row.user-row").all_text_contents()
    assert [u.replace("Edit", "").strip() for u in users] == ["Where will the G20 meet?"]
    question.fill("And then?")
    question.press("Enter")
    page.locator("#chat .answer.pending").wait_for()
    page.get_by_role("button", name="Stop").click()
    page.wait_for_selector("#chat .stopped")
    assert not question.is_disabled() and page.locator("#chat .message-row.user-row").count() == 2
    page.wait_for_function("() => document.activeElement.closest('#question') !== null")
    assert focused(page) == FOCUSED_BOX  # after Stop too
    stopped = page.locator("#chat .answer").last
    assert stopped.locator(".answer-text .cite").count() == 0  # no marker left leading nowhere
    stopped.get_by_role("button", name="Ask again").click()  # the stopped answer, re-asked
    page.wait_for_function("() => !document.querySelector('#chat .stopped')")
    wait_answered(page, 2)
    users = page.locator("#chat .message-row.user-row").all_text_contents()
    assert [u.replace("Edit", "").strip() for u in users] == [
        "Where will the G20 meet?",
        "And then?",
    ]
    page.context.close()


def test_retry_and_edit_re_ask_and_undo_brings_the_conversation_back(app, browser):
    page = open_page(browser, app)
    ask(page, "Where will the G20 leaders meet in November?")
    assert focused(page) == FOCUSED_BOX  # after an answer, the box has the focus
    ask(page, "Who will he meet there?")
    before = page.locator("#chat .answer-text").all_text_contents()
    page.evaluate(  # a pending answer may come and go within a frame: a watcher sees it
        """() => { window.sawPending = false;
               new MutationObserver(() => { if (document.querySelector('#chat .answer.pending'))
                 window.sawPending = true; }).observe(document.body,
                 { childList: true, subtree: true, attributes: true }); }"""
    )
    page.get_by_role("button", name="Retry").click()  # the last answer, again
    page.wait_for_function("() => window.sawPending")
    wait_answered(page, 2)
    assert page.locator("#chat .answer-text").all_text_contents() == before
    assert page.locator("#chat .message-row.user-row").count() == 2
    page.get_by_role("button", name="Edit question 1").click()
    assert box(page).input_value() == "Where will the G20 leaders meet in November?"
    assert "Editing question 1" in page.locator("#editing").text_content()
    assert focused(page) == FOCUSED_BOX
    box(page).fill("What is the Shanghai Cooperation Organization?")
    box(page).press("Enter")
    wait_answered(page, 1)
    page.wait_for_function("() => document.querySelectorAll('#chat .user-row').length === 1")
    assert "Shanghai Cooperation" in page.locator("#chat .user-row").first.text_content()
    assert page.locator("#editing").count() == 0
    page.get_by_role("button", name="Undo").click()  # the two exchanges it replaced
    page.wait_for_function("() => document.querySelectorAll('#chat .user-row').length === 2")
    assert page.locator("#chat .answer-text").all_text_contents() == before
    assert focused(page) == FOCUSED_BOX
    page.locator("#chat .ask-next").first.click()  # an offered question asks itself
    wait_answered(page, 3)
    page.context.close()


def test_a_question_offered_does_not_repeat_one_asked(app, browser):
    page = open_page(browser, app)
    ask(page, "Where will the G20 leaders meet in November?")
    page.get_by_role("button", name="Who is Raffaello Pantucci?").click()  # offered under it
    wait_answered(page, 2)
    offered = page.locator("#chat .ask-next").all_text_contents()
    assert len(offered) >= 2 and "Where is the meeting of G20 leaders?" not in offered
    page.context.close()


def test_new_conversation_can_be_undone_and_a_conversation_survives_a_reload(app, browser):
    page = open_page(browser, app)
    click_suggestion(page, 0)
    new = page.get_by_role("button", name="New conversation")
    copy = page.get_by_role("button", name="Copy conversation")
    look = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderStyle]; }"
    assert new.evaluate(look) != copy.evaluate(look)  # it does not look like Copy
    before = page.locator("#chat .message-row").all_text_contents()
    page.reload()
    page.wait_for_selector("#chat .answer .cite")
    assert page.locator("#chat .message-row").all_text_contents() == before
    page.locator("#chat .answer-text .cite").first.click()
    page.wait_for_selector("#article-text mark.active")
    new.click()
    page.wait_for_function("() => !document.querySelector('#chat .message-row')")
    assert "cleared" in page.locator("#undo-bar").text_content()
    page.get_by_role("button", name="Undo").click()
    page.wait_for_function("() => document.querySelectorAll('#chat .message-row').length === 2")
    assert page.locator("#chat .message-row").all_text_contents() == before
    page.reload()  # what came back is kept too
    page.wait_for_selector("#chat .answer .cite")
    assert page.locator("#chat .message-row").all_text_contents() == before
    new.click()
    page.wait_for_function("() => !document.querySelector('#chat .message-row')")
    page.wait_for_timeout(500)
    page.reload()
    page.wait_for_selector("#article-text .run")
    page.wait_for_timeout(1000)
    assert page.locator("#chat .message-row").count() == 0
    page.context.close()


def test_votes_come_up_first_say_why_and_are_kept_one_record_per_answer(app, browser, feedback):
    page = open_page(browser, app)
    click_suggestion(page, 0)
    answer = page.locator("#chat .answer").last
    up, down = (
        answer.get_by_role("button", name="Good answer"),
        answer.get_by_role("button", name="Bad answer"),
    )
    assert up.bounding_box()["x"] < down.bounding_box()["x"]  # up first
    assert min(up.bounding_box()["height"], up.bounding_box()["width"]) >= 24
    up.click()
    assert up.get_attribute("aria-pressed") == "true"

    def recorded(done) -> list:
        deadline, mine = time.monotonic() + 15, []
        while time.monotonic() < deadline:
            lines = feedback.read_text().splitlines() if feedback.exists() else []
            mine = [r for r in map(json.loads, lines) if r["question"] == SUGGESTIONS[0]]
            if mine and done(mine[-1]):
                break
            time.sleep(0.2)
        return mine

    assert recorded(lambda r: r["rating"] == "up")  # the vote is written
    down.click()  # a change of mind, after it was written, and at once an optional reason
    answer.get_by_role("button", name="The article does say").click()
    mine = recorded(lambda r: r["reason"])
    assert len(mine) == 1  # one record per answer: the changed vote replaced it
    assert (mine[0]["rating"], mine[0]["reason"]) == ("down", "The article does say")
    assert "Bali" in mine[0]["answer"] and mine[0]["citations"][0]["start"] > 0
    page.reload()  # the vote is shown again
    page.wait_for_selector("#chat .answer .cite")
    answer = page.locator("#chat .answer").last
    assert answer.get_by_role("button", name="Bad answer").get_attribute("aria-pressed") == "true"
    reason = answer.get_by_role("button", name="The article does say")
    assert reason.is_visible() and reason.get_attribute("aria-pressed") == "true"
    page.context.close()


def test_an_own_article_and_its_conversation_survive_a_reload(app, browser, shelf):
    text = SECOND.read_text(encoding="utf-8")
    page = open_page(browser, app)
    click_suggestion(page, 0)  # a conversation about the shipped article first
    shipped = page.locator("#chat .message-row").all_text_contents()
    open_panel(page)
    page.locator("#own-article input[type=file]").set_input_files(str(SECOND))
    showing(page, "#article-pane", "Your article")
    page.locator("#own-upload").wait_for(state="hidden")  # the panel collapsed
    assert "kept" in page.locator("#status").text_content()  # the shipped one is kept
    assert page.locator("#chat .message-row").count() == 0
    ask(page, "How long will the new light-rail line be?")
    own = page.locator("#chat .message-row").all_text_contents()
    page.wait_for_timeout(500)
    page.reload()  # the article is indexed again, and its conversation comes back
    showing(page, "#article-pane", "Your article")
    page.wait_for_function("() => !document.querySelector('#question textarea').disabled")
    page.wait_for_selector("#chat .answer .cite")
    assert page.locator("#chat .message-row").all_text_contents() == own
    cite = page.locator("#chat .answer-text .cite").first
    start, end = int(cite.get_attribute("data-start")), int(cite.get_attribute("data-end"))
    cite.click()
    page.wait_for_selector("#article-text mark.active")
    assert "".join(page.locator("#article-text mark.active").all_text_contents()) == text[start:end]
    assert "7.8" in text[start:end]
    ask(page, "How much is the line expected to cost?")  # from the article indexed again
    assert "412 million" in page.locator("#chat .answer-text").last.text_content()
    own = page.locator("#chat .message-row").all_text_contents()
    open_panel(page)
    page.get_by_role("button", name="Back to the shipped article").click()
    showing(page, "#article-pane", "Globe and Mail")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .message-row').length === n", arg=len(shipped)
    )
    assert page.locator("#chat .message-row").all_text_contents() == shipped
    page.get_by_role("button", name="Back to your article").click()
    showing(page, "#article-pane", "Your article")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .message-row').length === n", arg=len(own)
    )
    assert page.locator("#chat .message-row").all_text_contents() == own
    open_panel(page)
    page.get_by_label("Or paste its text").fill("The council approved a bridge. It is 300 m long.")
    page.get_by_role("button", name="Use the pasted text").click()  # asked first
    page.get_by_role("button", name="Keep my conversation").click()
    page.locator("#own-article-message").filter(has_text="are kept").wait_for()
    assert page.locator("#chat .message-row").all_text_contents() == own
    page.get_by_role("button", name="Use the pasted text").click()
    page.get_by_role("button", name="Replace it").click()
    showing(page, "#article-pane", "pasted text")
    assert page.locator("#chat .message-row").count() == 0
    page.context.close()
