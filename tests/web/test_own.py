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
from assistant.web.own import use_article
from assistant.web.shelf import (
    MAX_ARTICLE_CHARS,
    Shelf,
    article_info,
    check_article_text,
    read_upload,
)
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
        check_article_text("word " * (MAX_ARTICLE_CHARS // 5 + 1))
    with pytest.raises(ArticleError, match="empty"):
        check_article_text("  \n ")
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
