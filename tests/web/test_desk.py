"""What a tab keeps in the browser so that a reload loses nothing (issue 17, item 2): the
conversation, a reader's own article and the conversation set aside, each checked again
when it comes back; and what each answer keeps with it (the questions offered, the vote)."""

from __future__ import annotations

import json

import pytest

from assistant.article.article import load_article, parse_article
from assistant.core.result import Citation
from assistant.errors import LimitError
from assistant.web.desk import Aside, Source, read_desk, save_desk
from assistant.web.limits import (
    MAX_ARTICLE_CHARS,
    MAX_NAME_CHARS,
    check_saved,
)
from assistant.web.state import Exchange, restore_conversation, saved_conversation
from tests.conftest import ROOT

SECOND = (ROOT / "tests" / "data" / "second_article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shipped():
    return load_article()


def _cited(article, question="Where?") -> Exchange:
    p = article.paragraphs[1]
    cite = Citation(1, p.text[:40], p.start, p.start + 40)
    return Exchange(question, f"{p.text[:40]} [1]", (cite,), id="a" * 32)


def _round_trip(saved: dict) -> dict:
    return json.loads(json.dumps(saved))  # as the browser keeps it: JSON


def test_an_own_article_and_both_conversations_come_back(shipped):
    mine = Source(SECOND, "riverline.md")
    own_article = mine.article()
    about_mine, about_shipped = _cited(own_article), _cited(shipped, "And there?")
    saved = save_desk([about_mine], own_article, mine, Aside(shipped.sha256, (about_shipped,)))
    desk = read_desk(_round_trip(check_saved(saved, 2000)), shipped)
    assert desk.source == mine and desk.exchanges == [about_mine]
    assert desk.exchanges[0].citations[0].text == about_mine.citations[0].text
    assert desk.aside.source is None and desk.aside.exchanges == (about_shipped,)
    # and the other way round: on the shipped article, the own one set aside
    saved = save_desk(
        [about_shipped], shipped, None, Aside(own_article.sha256, (about_mine,), mine)
    )
    desk = read_desk(_round_trip(saved), shipped)
    assert desk.source is None and desk.exchanges == [about_shipped]
    assert desk.aside.source == mine and desk.aside.exchanges == (about_mine,)


def test_a_conversation_comes_back_only_over_the_text_it_was_about(shipped):
    mine = Source(SECOND, "riverline.md")
    saved = _round_trip(save_desk([_cited(mine.article())], mine.article(), mine, None))
    saved["own"]["text"] = SECOND.replace("Riverline", "Lakeline")  # another text now
    assert read_desk(saved, shipped).exchanges == []
    # two own articles at once is not a desk this page makes: the aside is dropped
    two = save_desk([], mine.article(), mine, Aside("ab", (), Source("Other text.", "x.txt")))
    assert read_desk(_round_trip(two), shipped).aside is None
    for junk in (None, 5, {"own": {"text": 7}}, {"own": {"text": " "}}, {"aside": []}):
        desk = read_desk(junk, shipped)
        assert desk.exchanges == [] and desk.source is None and desk.aside is None


def test_what_the_browser_keeps_fits_its_limit_the_oldest_going_first(shipped):
    big = [Exchange(f"Q{i}?", "A" * 20_000) for i in range(50)]  # 2,000,000 in all
    saved = save_desk(big, shipped, None, Aside(shipped.sha256, tuple(big)))
    assert check_saved(saved, 2000) is saved  # a restore takes it
    assert len(saved["exchanges"]) == 50  # the conversation on screen is whole
    kept = [ex["question"] for ex in saved["aside"]["exchanges"]]
    assert 0 < len(kept) < 50 and kept[-1] == "Q49?"  # the set-aside one lost its oldest


def test_an_own_article_over_the_limits_is_refused_whole():
    for own in (
        {"text": "x" * (MAX_ARTICLE_CHARS + 1), "name": "a.txt"},
        {"text": "Short.", "name": "n" * (MAX_NAME_CHARS + 1)},
    ):
        with pytest.raises(LimitError, match="saved article"):
            check_saved({"article": "ab", "exchanges": [], "own": own}, 2000)
        with pytest.raises(LimitError, match="saved article"):
            check_saved({"aside": {"article": "ab", "exchanges": [], "own": own}}, 2000)
    too_many = [{"question": "Q", "answer": "A"}] * 51
    with pytest.raises(LimitError, match="over 50 exchanges"):
        check_saved({"aside": {"article": "ab", "exchanges": too_many}}, 2000)


def test_an_answer_keeps_its_offered_questions_and_its_vote(shipped):
    ex = Exchange("Where?", "In Bali.", suggested=("Who is Li Zhanshu?",), vote="Wrong answer")
    back = restore_conversation(_round_trip(saved_conversation([ex], shipped)), shipped)[0]
    assert back.suggested == ex.suggested and back.vote == "Wrong answer"
    forged = saved_conversation([ex], shipped)
    forged["exchanges"][0].update(vote="made up", suggested=["Q1", "", 5, "Q2", "Q3", "Q4"])
    back = restore_conversation(forged, shipped)[0]
    assert back.vote == "" and back.suggested == ("Q1", "Q2", "Q3")
    forged["exchanges"][0]["suggested"] = ["x" * 301]
    with pytest.raises(LimitError):
        check_saved(forged, 2000)


def test_a_source_is_an_articles_text():
    assert Source("One sentence. Another.", "a.txt").article().sha256 == (
        parse_article("One sentence. Another.").sha256
    )
