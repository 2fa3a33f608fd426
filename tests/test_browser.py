"""The page in headless Chromium: ask, click a citation, see the cited span marked.

Needs Debian's ``chromium`` and Playwright for Python (``.ci/browser-setup.sh`` installs
both; Playwright's own browser downloads are never used). Skipped when either is missing.
"""

from __future__ import annotations

import shutil

import pytest

from assistant.config import Config
from assistant.web import SUGGESTIONS
from assistant.wiring import load_assistant
from tests.conftest import running_app

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
SHOT = "/tmp/browser-shot.png"


@pytest.fixture(scope="module")
def page():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium is not installed (run .ci/browser-setup.sh)")
    bot = load_assistant(Config.from_env({"ASSISTANT_BACKEND": "extractive"}))
    with running_app(bot) as url, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(url)
        page.bot = bot
        yield page
        browser.close()


def marked_text(page) -> str:
    page.wait_for_selector("#article-text mark.cited")
    return "".join(page.locator("#article-text mark.cited").all_text_contents())


def test_click_a_citation_marks_the_cited_span(page):
    page.get_by_role("button", name=SUGGESTIONS[0]).click()
    source = page.locator("#chat .source").first
    source.wait_for()
    marker = page.locator("#chat .cite:not(.source)").first
    start, end = int(marker.get_attribute("data-start")), int(marker.get_attribute("data-end"))
    cited = page.bot.article.text[start:end]
    marker.click()
    assert marked_text(page) == cited
    assert "Bali" in cited
    mark = page.locator("#article-text mark.cited").first
    page.wait_for_function(
        """() => { const m = document.querySelector('#article-text mark.cited');
                   const r = m.getBoundingClientRect(), p = document.getElementById('article-text')
                   .getBoundingClientRect(); return r.top >= p.top && r.bottom <= p.bottom; }"""
    )
    assert mark.is_visible()
    page.screenshot(path=SHOT, full_page=False)


def test_clicking_a_source_moves_the_mark(page):
    page.get_by_role("button", name=SUGGESTIONS[1]).click()
    page.wait_for_function("() => document.querySelectorAll('#chat .source').length >= 2")
    source = page.locator("#chat .source").last
    start, end = int(source.get_attribute("data-start")), int(source.get_attribute("data-end"))
    source.click()
    page.wait_for_function(
        "t => document.querySelector('#article-text mark.cited')?.textContent === t",
        arg=page.bot.article.text[start:end],
    )
    assert page.locator("#article-text mark.cited").count() == 1  # the old mark is gone


def test_a_script_in_the_question_is_shown_as_text(page):
    question = "<script>window.pwned = 1</script><img src=x onerror='window.pwned=2'> Bali?"
    box = page.get_by_placeholder("Ask a question about the article")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "q => [...document.querySelectorAll('#chat .user-row, #chat [data-testid=user]')]"
        ".some(e => e.textContent.includes(q))",
        arg="<script>window.pwned = 1</script>",
    )
    page.wait_for_function("() => document.querySelectorAll('#chat .sources').length >= 3")
    assert page.evaluate("() => window.pwned") is None
    page.screenshot(path="/tmp/browser-shot-escaped.png")
