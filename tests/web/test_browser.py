"""The page in headless Chromium, as a demanding reader uses it, at desktop (1366x768) and
phone (390x844) sizes, light and dark.

Needs Debian's ``chromium``, Playwright for Python and axe-core from npm
(``.ci/browser-setup.sh`` installs all three; Playwright's own browser downloads are never
used). Without Chromium or Playwright the tests are skipped; without axe-core the
accessibility test is skipped, except in CI (``CI`` set), where it fails.
Screenshots go to ``$BROWSER_SHOTS`` (default ``/tmp/browser-shots``).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from assistant.config import Config
from assistant.web.page import SUGGESTIONS
from assistant.web.shelf import Shelf, article_info
from tests.conftest import ROOT, ScriptedAnswerer, fake_bot, running_app

pytestmark = pytest.mark.slow  # starts a server, a browser or a child process

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path(os.environ.get("BROWSER_SHOTS", "/tmp/browser-shots"))
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}
SECOND = ROOT / "tests" / "data" / "second_article.txt"
CONTRAST = """el => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const cs = getComputedStyle(el), a = lum(rgb(cs.color)), b = lum(rgb(cs.backgroundColor));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium is not installed (run .ci/browser-setup.sh)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def feedback(tmp_path_factory):
    return tmp_path_factory.mktemp("feedback") / "feedback.jsonl"


@pytest.fixture(scope="module")
def shelf():
    config = Config.from_env({"ASSISTANT_BACKEND": "extractive"})
    shelf = Shelf.loading(config)
    shelf.start().join()
    return shelf


@pytest.fixture(scope="module")
def app(shelf, feedback):
    with running_app(shelf, feedback_file=feedback) as url:
        yield url


def open_page(browser, url, size="desktop", theme="light", **options):
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=theme, **options
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url + ("?__theme=dark" if theme == "dark" else ""))
    page.wait_for_selector("#article-text .run")
    page.wait_for_function("() => !document.querySelector('#status').textContent.includes('Load')")
    return page


def ask(page, question, sources=True):
    rows = page.locator("#chat .message-row.user-row").count()
    box = page.get_by_label("Your question about the article")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .message-row.user-row').length > n", arg=rows
    )
    wait_answered(page, rows + 1, sources)


def wait_answered(page, n, sources=True):
    """Until the n-th answer is finished (and unlocked): its copy button is there."""
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .answer .copy-answer').length >= n", arg=n
    )
    page.wait_for_function("() => !document.querySelector('#question textarea').disabled")
    if sources:
        page.locator("#chat .answer").nth(n - 1).locator(".sources").wait_for()


def click_suggestion(page, i):
    rows = page.locator("#chat .message-row.user-row").count()
    page.get_by_role("button", name=SUGGESTIONS[i]).click()
    wait_answered(page, rows + 1)


def inside(rect, top, bottom) -> bool:
    return rect["y"] >= top - 1 and rect["y"] + rect["height"] <= bottom + 1


def rect(page, selector):
    return page.locator(selector).first.bounding_box()


def axe_run(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"""
    )


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_accessible_in_every_state_with_screenshots(app, browser, shelf, size, theme):
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: run .ci/browser-setup.sh")
        pytest.skip("axe-core is not installed (npm ci --prefix tests/a11y)")
    page = open_page(browser, app, size, theme)
    found = {}
    SHOTS.mkdir(parents=True, exist_ok=True)
    for state in ("before", "answer", "citation"):
        if state == "answer":
            click_suggestion(page, 1)
        if state == "citation":
            page.locator("#chat .answer-text .cite").first.click()
            page.wait_for_selector("#article-text mark.active")
        page.screenshot(path=str(SHOTS / f"{size}-{theme}-{state}.png"))
        found[state] = axe_run(page)
    mark = page.locator("#article-text mark.active").first
    assert mark.evaluate(CONTRAST) >= 4.5
    summary = {s: [(v["id"], v["impact"], len(v["nodes"])) for v in found[s]] for s in found}
    (SHOTS / f"axe-{size}-{theme}.json").write_text(json.dumps(summary, indent=1))
    bad = {s: [v for v in vs if v["impact"] in ("serious", "critical")] for s, vs in found.items()}
    assert bad == {"before": [], "answer": [], "citation": []}
    page.context.close()


def test_a_phone_tap_puts_the_cited_sentence_on_screen(app, browser, shelf):
    page = open_page(browser, app, "phone", has_touch=True)
    click_suggestion(page, 0)
    cite = page.locator("#chat .answer-text .cite").first
    start, end = int(cite.get_attribute("data-start")), int(cite.get_attribute("data-end"))
    cited = shelf.article.text[start:end]
    cite.tap()
    sheet = page.locator("#cite-sheet")
    sheet.wait_for(state="visible")
    assert page.locator("#cite-sheet-quote").text_content() == cited
    assert inside(sheet.bounding_box(), 0, 844)
    assert "Source 1" in page.locator("#cite-live").text_content()  # announced
    page.get_by_role("button", name="Show in the article").tap()
    page.wait_for_function(
        """() => { const r = document.querySelector('#article-text mark.active')
                   .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"""
    )
    assert "".join(page.locator("#article-text mark.active").all_text_contents()) == cited
    assert sheet.is_hidden()
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
    box = rect(page, "#article-text")
    page.wait_for_timeout(800)  # the smooth scroll
    mark = rect(page, "#article-text mark.active")
    assert inside(mark, box["y"], box["y"] + box["height"]) and inside(mark, 0, 768)
    assert page.locator("#cite-sheet").count() == 0 or page.locator("#cite-sheet").is_hidden()
    assert "Source 2" in page.locator("#cite-live").text_content()
    cites.nth(0).hover()
    preview = page.locator("#cite-preview")
    preview.wait_for(state="visible")
    text = preview.text_content()
    assert shelf.article.text[spans[0][0] : spans[0][1]] in text and "characters" in text
    page.get_by_role("button", name="New conversation").click()
    page.wait_for_function("() => !document.querySelector('#chat .message-row')")
    assert page.locator("#article-text mark").count() == 0
    page.context.close()


def test_copy_and_download_give_plain_text(app, browser):
    page = open_page(browser, app, permissions=["clipboard-read", "clipboard-write"])
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
    page.context.close()


@pytest.fixture(scope="module")
def slow_app(shelf):
    class Slow(ScriptedAnswerer):
        def stream(self, turn, retrieve):
            for piece in super().stream(turn, retrieve):
                time.sleep(0.15)
                yield piece

    words = [f"Word{i} " for i in range(30)] + ["Bali [1]."]
    bot = fake_bot(shelf.article, Slow(*words))
    with running_app(bot) as url:
        yield url


def test_nothing_a_reader_asks_is_lost(slow_app, browser):
    page = open_page(browser, slow_app)
    box = page.get_by_label("Your question about the article")
    box.press("Enter")  # empty: ignored
    box.fill("x" * 2500)
    box.press("Enter")  # too long: refused, and the box keeps it
    page.wait_for_function("() => document.querySelector('#question-problem').textContent")
    assert box.input_value() == "x" * 2500
    assert "2,500 / 2,000 characters" in page.locator("#question-count").text_content()
    assert page.locator("#chat .message-row").count() == 0
    box.fill("Where will the G20 meet?")
    box.press("Enter")  # then a suggestion at once, while the answer is on its way
    page.evaluate(
        """s => [...document.querySelectorAll('.suggestion')]
                .find(b => b.textContent.trim() === s).click()""",
        SUGGESTIONS[0],
    )
    page.wait_for_selector("#chat .message-row.user-row")  # the question shows at once
    assert page.locator("#chat .answer.pending").count() == 1
    assert box.is_disabled() and page.get_by_role("button", name=SUGGESTIONS[1]).is_disabled()
    wait_answered(page, 1)
    users = page.locator("#chat .message-row.user-row").all_text_contents()
    assert [u.strip() for u in users] == ["Where will the G20 meet?"]
    box.fill("And then?")
    box.press("Enter")
    page.get_by_role("button", name="Stop").click()
    page.wait_for_selector("#chat .stopped")
    assert not box.is_disabled() and page.locator("#chat .message-row.user-row").count() == 2
    page.context.close()


def test_the_conversation_survives_a_reload_and_new_conversation_clears_it(app, browser):
    page = open_page(browser, app)
    click_suggestion(page, 0)
    before = page.locator("#chat .message-row").all_text_contents()
    page.reload()
    page.wait_for_selector("#chat .answer .cite")
    assert page.locator("#chat .message-row").all_text_contents() == before
    page.locator("#chat .answer-text .cite").first.click()
    page.wait_for_selector("#article-text mark.active")
    page.get_by_role("button", name="New conversation").click()
    page.wait_for_function("() => !document.querySelector('#chat .message-row')")
    page.wait_for_timeout(500)
    page.reload()
    page.wait_for_selector("#article-text .run")
    page.wait_for_timeout(1000)
    assert page.locator("#chat .message-row").count() == 0
    page.context.close()


def test_thumbs_up_goes_to_the_feedback_file(app, browser, feedback):
    page = open_page(browser, app)
    click_suggestion(page, 0)
    page.get_by_role("button", name="Like").last.click()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not feedback.is_file():
        time.sleep(0.1)
    record = json.loads(feedback.read_text(encoding="utf-8").splitlines()[-1])
    assert record["rating"] == "up" and record["question"] == SUGGESTIONS[0]
    assert "Bali" in record["answer"] and record["citations"][0]["start"] > 0
    page.context.close()


def test_a_reader_can_chat_with_an_uploaded_article(app, browser):
    text = SECOND.read_text(encoding="utf-8")
    page = open_page(browser, app)
    page.get_by_text("Chat with your own article").click()
    page.locator("#own-article input[type=file]").set_input_files(str(SECOND))
    page.wait_for_function(
        "() => document.querySelector('#article-pane').textContent.includes('Your article')"
    )
    assert page.locator(".suggestion").count() == 0 or page.locator(".suggestion").first.is_hidden()
    ask(page, "How long will the new light-rail line be?")
    cite = page.locator("#chat .answer-text .cite").first
    start, end = int(cite.get_attribute("data-start")), int(cite.get_attribute("data-end"))
    cite.click()
    page.wait_for_selector("#article-text mark.active")
    assert (
        "".join(page.locator("#article-text mark.active").all_text_contents()) == (text[start:end])
    )
    assert "7.8" in text[start:end]
    page.get_by_role("button", name="Back to the shipped article").click()
    page.wait_for_function(
        "() => document.querySelector('#article-pane').textContent.includes('Globe and Mail')"
    )
    page.context.close()


def test_the_page_is_labelled_calm_and_fits_a_phones_fingers(app, browser):
    page = open_page(browser, app, "phone", reduced_motion="reduce")
    assert page.locator("h1").count() == 1
    assert page.get_by_label("Your question about the article").evaluate("e => e.tagName") == (
        "TEXTAREA"
    )
    region = page.get_by_role("region", name="The article")
    assert region.get_attribute("tabindex") == "0"
    click_suggestion(page, 0)
    click_suggestion(page, 2)
    small = page.evaluate(
        """() => [...document.querySelectorAll('#chat-column button, #article-column button')]
        .filter(b => b.offsetParent && !b.closest('.answer-text'))
        .map(b => [b.textContent.trim() || b.getAttribute('aria-label'),
                   b.getBoundingClientRect().height])
        .filter(([, h]) => h < 44)"""
    )
    assert small == []
    assert page.locator("#chat .top-panel button:visible").count() == 0  # no toolbar on top
    wrap, last = rect(page, "#chat .bubble-wrap"), rect(page, "#chat .user-row >> nth=-1")
    assert inside(last, wrap["y"], wrap["y"] + wrap["height"])  # the new answer's start
    box = page.locator("#article-text")
    page.evaluate("() => document.querySelector('#article-text').style.maxHeight = '200px'")
    page.evaluate("() => document.querySelector('#article-text').style.overflowY = 'auto'")
    moved = page.evaluate(
        """() => { document.querySelector('#chat .answer-text .cite').click();
                   return document.querySelector('#article-text').scrollTop; }"""
    )
    assert moved > 0 and box.is_visible()  # reduced motion: the article jumps, no animation
    page.context.close()


def test_the_page_is_served_while_the_assistant_loads(browser, shelf):
    loading = Shelf(shelf.article, article_info(None))
    with running_app(loading) as url:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("#article-text .run")
        assert "Loading the assistant" in page.locator("#status").text_content()
        loading.assistant = shelf.get()
        loading.ready.set()
        page.wait_for_function(
            "() => document.querySelector('#status').textContent.includes('offline')"
        )
        click_suggestion(page, 0)
        assert "Bali" in page.locator("#chat .answer").last.text_content()
        page.close()
