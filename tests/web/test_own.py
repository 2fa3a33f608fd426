"""Another article in the web chat: ``ASSISTANT_ARTICLE`` for the whole app, and a reader's
own (pasted or uploaded) for one session, indexed in memory. Both cite their own text
exactly, and neither writes over the shipped index. Uses the real models."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from assistant.config import Config
from assistant.errors import ArticleError
from assistant.web.chat import Session, respond
from assistant.web.limits import MAX_ARTICLE_CHARS, MAX_UPLOAD_BYTES, article_text
from assistant.web.own import use_article
from assistant.web.owned import BUSY, MAX_OWN_ARTICLES
from assistant.web.shelf import Shelf, article_info, read_upload
from assistant.wiring import cached_index_dir
from tests.conftest import ROOT

SECOND = ROOT / "tests" / "data" / "second_article.txt"


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def index_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shipped") / "index"
    shutil.copytree(ROOT / "index", folder)
    return folder


@pytest.fixture(scope="module")
def shelf(index_copy):
    config = Config.from_env({"ASSISTANT_BACKEND": "extractive"}).with_(index_dir=index_copy)
    shelf = Shelf.loading(config)
    shelf.start().join()
    return shelf


def test_a_pasted_article_is_answered_and_cited_exactly(shelf, index_copy):
    before = digests(index_copy)
    text = SECOND.read_text(encoding="utf-8")
    switch = use_article(shelf, Session(), text, "pasted text")
    assert switch.own is not None and "Now answering from your article" in switch.message
    bot = switch.own.assistant
    assert bot.article.text == text and str(bot.index_status) == "built in memory"
    *_, (_, exchanges, _) = respond(bot, "How long will the new light-rail line be?", [])
    answer = exchanges[-1]
    assert "7.8" in answer.answer and answer.citations
    for c in answer.citations:
        assert text[c.start : c.end] == c.text
    assert digests(index_copy) == before
    assert not index_copy.with_name("index-articles").exists()  # nothing cached on disk
    # the shipped article is still the default
    default = shelf.get().ask("Where will the G20 leaders meet in November?")
    assert shelf.get().article.text != text and "Bali" in default.answer


def test_an_uploaded_html_file_is_reduced_to_its_text(shelf, tmp_path):
    page = tmp_path / "story.html"
    body = SECOND.read_text(encoding="utf-8").split("\n\n")
    page.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body><nav>Home | Sports</nav>"
        "<article>" + "".join(f"<p>{p}</p>" for p in body) + "</article></body></html>",
        encoding="utf-8",
    )
    text = read_upload(page)
    assert "Home | Sports" not in text and "Riverline" in text
    switch = use_article(shelf, Session(), text, page.name)
    result = switch.own.assistant.ask("How long will the new light-rail line be?")
    assert "7.8" in result.answer
    for c in result.citations:
        assert switch.own.assistant.article.text[c.start : c.end] == c.text


def test_readers_articles_are_size_limited_and_typed(tmp_path):
    with pytest.raises(ArticleError, match="limit here is 60,000"):
        article_text("word " * (MAX_ARTICLE_CHARS // 5 + 1))
    with pytest.raises(ArticleError, match="empty"):
        article_text("  \n ")
    exe = tmp_path / "run.exe"
    exe.write_bytes(b"MZ")
    with pytest.raises(ArticleError, match=r"\.txt, \.md or \.html"):
        read_upload(exe)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        read_upload(latin)


def test_a_busy_tab_keeps_its_article(shelf):
    busy = Session(busy=True)
    switch = use_article(shelf, busy, SECOND.read_text(encoding="utf-8"), "pasted text")
    assert switch.own is None and "Wait for the answer" in switch.message


def test_assistant_article_sets_the_apps_article(tmp_path):
    env = {"ASSISTANT_BACKEND": "extractive", "ASSISTANT_ARTICLE": str(SECOND)}
    config = Config.from_env(env).with_(index_dir=tmp_path / "index")
    shelf = Shelf.loading(config)
    assert shelf.article.text == SECOND.read_text(encoding="utf-8")  # shown before loading
    assert shelf.info == article_info(SECOND) and "second_article.txt" in shelf.info.note
    shelf.start().join()
    result = shelf.get().ask("How long will the new light-rail line be?")
    assert "7.8" in result.answer
    for c in result.citations:
        assert shelf.article.text[c.start : c.end] == c.text
    assert (cached_index_dir(config, shelf.article.sha256) / "manifest.json").is_file()
    assert not (tmp_path / "index").exists()  # the default index is not touched


def _page(text: str, size: int) -> str:
    """A web page of about ``size`` bytes whose article is ``text`` (the rest is markup a
    real page has: navigation, scripts, styles)."""
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    head = "<!DOCTYPE html><html><head><title>A story</title><style>p{margin:0}</style></head>"
    page = f"{head}<body><nav>Home | World | Sports</nav><article>{body}</article>"
    filler = "<script>var tracking = " + "0" * 1000 + ";</script>"
    while len(page) + len(filler) < size - 100:
        page += filler
    return page + "</body></html>"


def test_a_500_kb_page_with_60000_characters_of_text_is_taken(shelf, tmp_path):
    words = SECOND.read_text(encoding="utf-8")
    text = (words * (58_000 // len(words) + 1))[:58_000]
    page = tmp_path / "story.html"
    page.write_text(_page(text, 495_000), encoding="utf-8")
    assert 450_000 < page.stat().st_size <= MAX_UPLOAD_BYTES
    taken = read_upload(page)
    assert 40_000 < len(taken) <= MAX_ARTICLE_CHARS and "Home | World" not in taken
    pasted = use_article(shelf, Session(), page.read_text(encoding="utf-8"), "pasted text")
    assert pasted.own is not None, pasted.message
    pasted.own.release()


def test_pasted_html_over_the_byte_limit_is_refused_before_it_is_parsed(shelf):
    huge = _page("A short story.", 2_000_000)
    switch = use_article(shelf, Session(), huge, "pasted text")
    assert switch.own is None and "bytes; the limit here is 500,000" in switch.message


def test_own_articles_are_capped_and_a_reader_is_told_the_server_is_busy(shelf):
    taken = [shelf.slots.take() for _ in range(MAX_OWN_ARTICLES - shelf.slots.used)]
    try:
        switch = use_article(shelf, Session(), SECOND.read_text(encoding="utf-8"), "pasted text")
        assert switch.own is None and switch.message == BUSY
    finally:
        for slot in taken:
            slot.release()
    switch = use_article(shelf, Session(), SECOND.read_text(encoding="utf-8"), "pasted text")
    assert switch.own is not None
    used = shelf.slots.used
    switch.own.release()
    assert shelf.slots.used == used - 1


def test_the_page_and_the_answers_come_from_one_reading_of_the_article(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(SECOND.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"ASSISTANT_BACKEND": "extractive", "ASSISTANT_ARTICLE": str(article)}
    config = Config.from_env(env).with_(index_dir=tmp_path / "index")
    shelf = Shelf.loading(config)  # the page shows this text from now on
    article.write_text("A different story. Nothing about trains.", encoding="utf-8")
    shelf.start().join()
    assert shelf.get().article.text == shelf.article.text
    assert "7.8" in shelf.get().ask("How long will the new light-rail line be?").answer
