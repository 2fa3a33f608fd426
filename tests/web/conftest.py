"""Fixtures of the browser tests (``browsing.py`` has their helpers): one Chromium per
module, and the app with the real models (a test module may define its own ``shelf``
or ``app``)."""

from __future__ import annotations

import shutil

import pytest

from assistant.config import Config
from assistant.web.offers import Offers
from assistant.web.shelf import Shelf
from tests.conftest import running_app
from tests.web.browsing import ARGS, CHROMIUM


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
    # the questions offered under answers are built before the first answer (in the app,
    # an answer given while they are being built offers none); closed pages' sessions are
    # freed within seconds: their own articles' places with them
    offers = Offers()
    offers.prepare(shelf.assistant, shelf.digest).join()
    with running_app(shelf, session_idle=5, feedback_file=feedback, offers=offers) as url:
        yield url
