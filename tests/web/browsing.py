"""What the browser tests share: headless Chromium driven by Playwright and axe-core with
every rule (the fixtures, a browser and the app served with the real models, are in
``tests/web/conftest.py``).

Needs Debian's ``chromium``, Playwright for Python and axe-core from npm
(``.ci/browser-setup.sh`` installs all three; Playwright's own browser downloads are never
used). Without Chromium or Playwright the tests are skipped; without axe-core the
accessibility tests are skipped, except in CI (``CI`` set), where they fail.
Screenshots go to ``$BROWSER_SHOTS`` (default ``/tmp/browser-shots``).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from assistant.web.page import SUGGESTIONS
from tests.conftest import ROOT

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
LUMINANCE = """
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (x, y) => { const a = lum(rgb(x)), b = lum(rgb(y));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
"""
CONTRAST = f"""el => {{ {LUMINANCE}
  const cs = getComputedStyle(el); return ratio(cs.color, cs.backgroundColor); }}"""


def needs_axe() -> None:
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: run .ci/browser-setup.sh")
        pytest.skip("axe-core is not installed (npm ci --prefix tests/a11y)")


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


def box(page):
    return page.get_by_label("Your question about the article")


def ask(page, question, sources=True):
    rows = page.locator("#chat .message-row.user-row").count()
    box(page).fill(question)
    box(page).press("Enter")
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


def showing(page, selector: str, text: str) -> None:
    """Until ``selector`` is on the page and has ``text`` (a reload may not have it yet)."""
    page.locator(selector).filter(has_text=text).first.wait_for()


def open_panel(page) -> None:
    """Open "Chat with your own article" (it may be open already)."""
    if not page.locator("#own-upload").is_visible():
        page.get_by_text("Chat with your own article").click()
    page.locator("#own-upload").wait_for()


def focused(page) -> str:
    """What has focus: its tag and the id of the nearest element that has one."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.tagName + '#' + ((e.closest('[id]') || {}).id || ''); }"
    )


def inside(rect, top, bottom) -> bool:
    return rect["y"] >= top - 1 and rect["y"] + rect["height"] <= bottom + 1


def rect(page, selector):
    return page.locator(selector).first.bounding_box()


def axe_run(page) -> list[dict]:
    """axe-core with every rule it has (best practices and AAA included), every impact."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => { const ids = axe.getRules().map(r => r.ruleId);
        const r = await axe.run(document, {runOnly: {type: 'rule', values: ids}});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
          nodes: v.nodes.map(n => n.target.join(' '))})); }"""
    )


class States:
    """Screenshots and axe-core results of one page, state by state."""

    def __init__(self, page, name: str) -> None:
        self.page, self.name, self.found = page, name, {}
        SHOTS.mkdir(parents=True, exist_ok=True)

    def check(self, state: str) -> None:
        self.page.wait_for_timeout(300)  # transitions and scrolls settle
        self.page.screenshot(path=str(SHOTS / f"{self.name}-{state}.png"))
        self.found[state] = axe_run(self.page)

    def violations(self) -> dict:
        summary = {
            s: [(v["id"], v["impact"], v["nodes"]) for v in vs] for s, vs in self.found.items()
        }
        (SHOTS / f"axe-{self.name}.json").write_text(json.dumps(summary, indent=1))
        return {s: vs for s, vs in summary.items() if vs}
