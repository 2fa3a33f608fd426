"""The page in headless Chromium, as a demanding reader uses it, at desktop (1366x768) and
phone (390x844) sizes, light and dark: accessibility in every state (axe-core, every rule
and impact), citations, the layout, focus, copy and download. The conversation itself
(actions, reload, own articles, votes) is in ``test_browser_conversation.py``; what both
need is in ``browsing.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.web.page import SUGGESTIONS
from assistant.web.shelf import Shelf, article_info
from tests.conftest import running_app
from tests.web.browsing import (
    CONTRAST,
    LUMINANCE,
    SECOND,
    SIZES,
    States,
    ask,
    box,
    click_suggestion,
    focused,
    inside,
    needs_axe,
    open_page,
    rect,
    showing,
    wait_answered,
)

pytestmark = pytest.mark.slow  # starts a server, a browser or a child process

OFFERED_IN_VIEW = """() => {
  const wrap = document.querySelector('#chat .bubble-wrap').getBoundingClientRect();
  const next = [...document.querySelectorAll('#chat .answer')].pop()
    .querySelector('.next-questions').getBoundingClientRect();
  const arrow = document.querySelector('#chat .scroll-down-button-container button');
  const a = arrow ? arrow.getBoundingClientRect() : null;
  return {count: document.querySelectorAll('#chat .next-questions .ask-next').length,
    inside: next.top >= wrap.top - 1 && next.bottom <= wrap.bottom + 1,
    covered: !!a && a.width > 0 && a.left < next.right && next.left < a.right
      && a.top < next.bottom && next.top < a.bottom}; }"""


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_accessible_in_every_state_with_screenshots(app, browser, size, theme):
    needs_axe()
    page = open_page(browser, app, size, theme, has_touch=size == "phone")
    states = States(page, f"{size}-{theme}")
    states.check("before")
    page.get_by_text("Chat with your own article").click()
    page.locator("#own-upload").wait_for()
    states.check("panel")  # the own-article panel open
    page.get_by_text("Chat with your own article").click()
    click_suggestion(page, 1)
    states.check("answer")  # with the questions it offers next
    cite = page.locator("#chat .answer-text .cite").first
    if size == "desktop":
        cite.hover()
        page.locator("#cite-preview").wait_for(state="visible")
        states.check("preview")  # the hover preview
        page.mouse.move(2, 2)
    cite.click()
    page.wait_for_selector("#article-text mark.active")
    states.check("citation")  # on a phone, the citation dialog
    mark = page.locator("#article-text mark.active").first
    assert mark.evaluate(CONTRAST) >= 7
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Bad answer").last.click()
    page.get_by_role("button", name="Wrong citation").wait_for()
    states.check("voted")  # down, with its optional reasons
    page.get_by_role("button", name="Edit question 1").click()
    page.locator("#editing").wait_for()
    states.check("editing")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="New conversation").click()
    page.get_by_role("button", name="Undo").wait_for()
    states.check("undo")
    page.get_by_text("Chat with your own article").click()
    page.locator("#own-article input[type=file]").set_input_files(str(SECOND))
    showing(page, "#article-pane", "Your article")
    ask(page, "How long will the new light-rail line be?")
    states.check("own")  # a reader's own article, answered
    page.get_by_text("Chat with your own article").click()
    page.get_by_label("Or paste its text").fill("The council approved a bridge. It is 300 m long.")
    page.get_by_role("button", name="Use the pasted text").click()
    page.get_by_role("button", name="Keep my conversation").wait_for()
    states.check("confirm")  # asked before the conversation is replaced
    assert states.violations() == {}
    page.context.close()


def test_a_phone_citation_is_a_dialog_that_keeps_focus_and_gives_it_back(app, browser, shelf):
    page = open_page(browser, app, "phone", has_touch=True)
    click_suggestion(page, 0)
    cite = page.locator("#chat .answer-text .cite").first
    start, end = int(cite.get_attribute("data-start")), int(cite.get_attribute("data-end"))
    cited = shelf.article.text[start:end]
    cite.tap()
    sheet = page.locator("#cite-sheet")
    sheet.wait_for(state="visible")
    assert sheet.get_attribute("role") == "dialog" and sheet.get_attribute("aria-modal") == "true"
    assert page.locator("#cite-sheet-quote").text_content() == cited
    assert inside(sheet.bounding_box(), 0, 844)
    assert "Source 1" in page.locator("#cite-live").text_content()  # announced
    assert focused(page) == "DIV#cite-sheet"  # focus moves into the dialog
    for _ in range(5):  # and Tab keeps it there
        page.keyboard.press("Tab")
        assert page.evaluate(
            "() => document.querySelector('#cite-sheet').contains(document.activeElement)"
        )
    page.keyboard.press("Escape")  # closes it; focus goes back to its marker
    assert sheet.is_hidden()
    assert page.evaluate("() => document.activeElement.classList.contains('cite')")
    cite.tap()
    sheet.wait_for(state="visible")
    page.get_by_role("button", name="Show in the article").tap()
    page.wait_for_function(
        """() => { const r = document.querySelector('#article-text mark.active')
                   .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"""
    )
    assert "".join(page.locator("#article-text mark.active").all_text_contents()) == cited
    assert sheet.is_hidden()
    back = page.get_by_role("button", name="Back to the answer")
    assert inside(back.bounding_box(), 0, 844) and back.bounding_box()["height"] >= 44
    back.tap()
    page.wait_for_function(
        """() => { const c = document.activeElement, r = c.getBoundingClientRect();
                   return c.classList.contains('cite') && r.top >= 0
                     && r.bottom <= innerHeight; }"""
    )
    assert back.is_hidden()
    page.context.close()


def test_a_phone_citation_dialog_covers_the_chats_scroll_down_arrow(app, browser):
    page = open_page(browser, app, "phone", has_touch=True)
    click_suggestion(page, 0)
    ask(page, "Who is Raffaello Pantucci?")  # cites a long sentence: a tall dialog
    page.evaluate(
        "() => { document.querySelector('#chat .bubble-wrap').scrollTop = 0; scrollTo(0, 0); }"
    )
    arrow = page.locator("#chat .scroll-down-button-container button")
    arrow.wait_for(state="visible")  # the chat is not at its end: the arrow shows
    page.evaluate("() => [...document.querySelectorAll('#chat .answer-text .cite')].pop().click()")
    page.locator("#cite-sheet").wait_for(state="visible")
    a, quote = arrow.bounding_box(), rect(page, "#cite-sheet-quote")
    top, bottom = max(a["y"], quote["y"]), min(a["y"] + a["height"], quote["y"] + quote["height"])
    assert top < bottom and quote["x"] < a["x"] < quote["x"] + quote["width"]  # the same place
    seen = page.evaluate(  # what is drawn there, on the quoted text: the dialog
        "([x, y]) => document.elementFromPoint(x, y).closest('[id]').id",
        [a["x"] + a["width"] / 2, (top + bottom) / 2],
    )
    assert seen == "cite-sheet-quote"
    page.context.close()


def test_desktop_citations_mark_every_source_and_preview_on_hover(app, browser, shelf):
    page = open_page(browser, app)
    assert page.evaluate("() => document.documentElement.scrollHeight <= innerHeight + 1")
    ask(page, "What risk did Uzbek President Shavkat Mirziyoyev warn of?")  # cites two
    answer = page.locator("#chat .answer").last
    cites = answer.locator(".answer-text .cite")
    assert cites.count() == 2
    spans = [(int(c.get_attribute("data-start")), int(c.get_attribute("data-end"))) for c in
             cites.all()]  # fmt: skip
    cites.nth(1).click()
    page.wait_for_selector("#article-text mark.active")
    marked = page.evaluate(
        "() => [...document.querySelectorAll('#article-text mark')].map(m => m.textContent)"
    )
    assert "".join(marked) == "".join(shelf.article.text[s:e] for s, e in sorted(spans))
    active = "".join(page.locator("#article-text mark.active").all_text_contents())
    assert active == shelf.article.text[spans[1][0] : spans[1][1]]
    article = rect(page, "#article-text")
    page.wait_for_timeout(800)  # the smooth scroll
    mark = rect(page, "#article-text mark.active")
    assert inside(mark, article["y"], article["y"] + article["height"]) and inside(mark, 0, 768)
    assert page.locator("#cite-sheet").count() == 0 or page.locator("#cite-sheet").is_hidden()
    assert "Source 2" in page.locator("#cite-live").text_content()
    cites.nth(0).hover()
    preview = page.locator("#cite-preview")
    preview.wait_for(state="visible")
    text = preview.text_content()
    assert shelf.article.text[spans[0][0] : spans[0][1]] in text and "characters" in text
    assert preview.evaluate("e => !!e.closest('main')")  # inside the page's landmark
    fonts = page.evaluate(
        "() => [getComputedStyle(document.querySelector('#cite-preview')).fontFamily,"
        " getComputedStyle(document.querySelector('#chat .answer')).fontFamily]"
    )
    assert fonts[0] == fonts[1]  # the page's font, not the browser's default
    page.get_by_role("button", name="New conversation").click()
    page.wait_for_function("() => !document.querySelector('#chat .message-row')")
    assert page.locator("#article-text mark").count() == 0
    page.context.close()


def test_copy_and_download_give_plain_text(app, browser):
    page = open_page(browser, app, permissions=["clipboard-read", "clipboard-write"])
    exports = [page.get_by_role("button", name=n) for n in ("Copy conversation", "Download (.md)")]
    assert [b.is_disabled() for b in exports] == [True, True]  # nothing to copy yet
    typed = "**Where** will the G20 leaders meet? <img src=x onerror='window.pwned=1'> <b>Ta</b>"
    ask(page, typed)
    assert page.evaluate("() => window.pwned") is None
    user = page.locator("#chat .message-row.user-row").last.text_content()
    assert typed in user
    page.get_by_role("button", name="Copy answer").last.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "[1]" in copied and "<" not in copied and "Bali" in copied
    page.get_by_role("button", name="Copy conversation").click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.includes('You:'))")
    whole = page.evaluate("() => navigator.clipboard.readText()")
    assert f"**You:** {typed}" in whole and "[^1]:" in whole and "<span" not in whole
    with page.expect_download() as download:
        page.get_by_role("button", name="Download (.md)").click()
    path = download.value.path()
    assert download.value.suggested_filename == "conversation.md"
    assert Path(path).read_text(encoding="utf-8") == whole
    page.get_by_role("button", name="New conversation").click()
    page.wait_for_function("() => document.querySelector('#copy-conversation').disabled")
    assert [b.is_disabled() for b in exports] == [True, True]
    page.context.close()


def test_the_chat_uses_the_screen_and_nothing_covers_its_text(app, browser):
    page = open_page(browser, app)
    fits = "() => document.documentElement.scrollHeight <= innerHeight + 1"
    assert rect(page, "#chat")["height"] >= 768 / 2 and page.evaluate(fits)  # first screen
    for question in SUGGESTIONS:  # enough to scroll
        ask(page, question)
        page.wait_for_timeout(800)  # the smooth scroll to the answer's end
        offered = page.evaluate(OFFERED_IN_VIEW)  # under the last answer, whole, not covered
        assert offered == {"count": 3, "inside": True, "covered": False}, question
    assert rect(page, "#chat")["height"] >= 768 / 2 and page.evaluate(fits)
    page.evaluate("() => document.querySelector('#chat .bubble-wrap').scrollTop = 0")
    arrow = page.locator("#chat .scroll-down-button-container button")
    arrow.wait_for(state="visible")
    covered = page.evaluate(
        """() => { const a = document.querySelector('#chat .scroll-down-button-container')
                     .getBoundingClientRect();
          const hits = [];
          for (const el of document.querySelectorAll('#chat .message *')) {
            for (const n of el.childNodes) {
              if (n.nodeType !== 3 || !n.textContent.trim()) continue;
              const range = document.createRange(); range.selectNodeContents(n);
              for (const r of range.getClientRects())
                if (r.right > a.left && r.left < a.right && r.bottom > a.top && r.top < a.bottom)
                  hits.push(n.textContent.trim().slice(0, 30));
            } }
          return hits; }"""
    )
    assert covered == []
    page.context.close()
    phone = open_page(browser, app, "phone")
    first_screen = 844
    for selector in ("#question textarea", ".suggestion >> nth=-1", "#article-text .para"):
        box_ = rect(phone, selector)
        assert box_["y"] + box_["height"] <= first_screen, selector
    phone.context.close()


def test_focus_rings_are_seen_on_everything_that_takes_focus(app, browser):
    for theme in ("light", "dark"):
        page = open_page(browser, app, theme=theme)
        click_suggestion(page, 0)
        page.get_by_text("Chat with your own article").click()
        page.locator("#own-upload").wait_for()
        page.evaluate("() => document.activeElement.blur()")
        page.mouse.click(2, 300)  # nothing focused; Tab starts at the top
        rings, seen = [], set()
        for _ in range(60):
            page.keyboard.press("Tab")
            ring = page.evaluate(
                f"""() => {{ {LUMINANCE}
                const e = document.activeElement, cs = getComputedStyle(e);
                if (e === document.body) return ['BODY', 0, 0];
                const page = getComputedStyle(document.body).backgroundColor;
                const width = parseFloat(cs.outlineWidth) || 0;
                const label = (e.getAttribute('aria-label') || e.textContent || e.tagName)
                  .trim().slice(0, 30);
                return [label + '#' + (e.id || e.className), cs.outlineStyle === 'none' ? 0 : width,
                        ratio(cs.outlineColor, page)]; }}"""
            )
            if ring[0] in seen or ring[0] == "BODY":  # past the last control: the browser's
                continue
            seen.add(ring[0])
            rings.append(ring)
        assert len(rings) >= 15  # the page's controls, the chat's, the article, the panel's
        faint = [r for r in rings if r[1] < 2 or r[2] < 3]
        assert faint == [], theme
        page.context.close()


def test_the_page_is_labelled_calm_and_fits_fingers(app, browser):
    page = open_page(browser, app, "phone", reduced_motion="reduce")
    assert page.locator("h1").count() == 1
    assert box(page).evaluate("e => e.tagName") == "TEXTAREA"
    region = page.get_by_role("region", name="The article")
    assert region.get_attribute("tabindex") == "0"
    click_suggestion(page, 0)
    page.locator("#chat .ask-next").first.click()  # a question the answer offers
    wait_answered(page, 2)
    small = page.evaluate(
        """() => [...document.querySelectorAll('#chat-column button, #article-column button')]
        .filter(b => b.offsetParent && !b.closest('.answer-text'))
        .map(b => [b.textContent.trim() || b.getAttribute('aria-label'),
                   b.getBoundingClientRect().height, b.getBoundingClientRect().width])
        .filter(([, h, w]) => h < 44 || w < 44)"""
    )
    assert small == []
    assert page.locator("#chat .top-panel button:visible").count() == 0  # no toolbar on top
    wrap, last = rect(page, "#chat .bubble-wrap"), rect(page, "#chat .user-row >> nth=-1")
    assert inside(last, wrap["y"], wrap["y"] + wrap["height"])  # the new answer's start
    article = page.locator("#article-text")
    page.evaluate("() => document.querySelector('#article-text').style.maxHeight = '200px'")
    page.evaluate("() => document.querySelector('#article-text').style.overflowY = 'auto'")
    moved = page.evaluate(
        """() => { document.querySelector('#chat .answer-text .cite').click();
                   return document.querySelector('#article-text').scrollTop; }"""
    )
    assert moved > 0 and article.is_visible()  # reduced motion: the article jumps, no animation
    page.context.close()
    desktop = open_page(browser, app)
    click_suggestion(desktop, 0)
    small = desktop.evaluate(
        """() => [...document.querySelectorAll('#chat-column button, #article-column button')]
        .filter(b => b.offsetParent && !b.closest('.answer-text'))
        .map(b => [b.textContent.trim() || b.getAttribute('aria-label'),
                   b.getBoundingClientRect().height, b.getBoundingClientRect().width])
        .filter(([, h, w]) => h < 24 || w < 24)"""
    )
    assert small == []
    desktop.context.close()


def test_the_page_is_served_while_the_assistant_loads(browser, shelf):
    loading = Shelf(shelf.article, article_info(None))
    with running_app(loading) as url:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("#article-text .run")
        assert "Loading the assistant" in page.locator("#status").text_content()
        loading.assistant = shelf.get()
        loading.ready.set()
        showing(page, "#status", "offline")
        click_suggestion(page, 0)
        assert "Bali" in page.locator("#chat .answer").last.text_content()
        page.close()
