import pytest

from assistant.article.article import load_article, parse_article
from assistant.errors import ArticleError
from assistant.resources import shipped_article_path


def test_every_piece_round_trips_to_the_file(article):
    raw = shipped_article_path().read_text(encoding="utf-8")
    assert article.text == raw
    for span in article.paragraphs + article.sentences:
        assert raw[span.start : span.end] == span.text


def test_page_chrome_is_dropped_and_caption_kept(article):
    body = " ".join(p.text for p in article.paragraphs)
    assert "Skip to main content" not in body
    assert "newsletters" not in body and "Sign up today" not in body
    assert article.paragraphs[0].text.startswith("In this Feb. 4, 2022 file photo")


def test_sentences_do_not_break_after_honorifics(article):
    assert not any(s.text.endswith(("Mr.", "U.S.")) and len(s.text) < 40 for s in article.sentences)
    assert any(s.text.startswith("Mr. Xi and Mr. Putin last met") for s in article.sentences)


def test_sentences_belong_to_their_paragraph(article):
    for s in article.sentences:
        p = article.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
        assert article.paragraph_of(s.start, s.end) == p


def test_empty_and_chrome_only_articles_are_rejected():
    with pytest.raises(ArticleError, match="empty"):
        parse_article("  \n ")
    with pytest.raises(ArticleError, match="no text once page chrome"):
        parse_article("Skip to main content\n")


def test_unreadable_article_names_the_path(tmp_path):
    bad = tmp_path / "a.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ArticleError, match="Cannot read the article"):
        load_article(bad)


def test_sentences_split_before_are_taken_only_when_they_fit():
    text = "First one. Second one.\n\nThird paragraph here."
    split = parse_article(text).sentences
    spans = [(s.start, s.end, s.paragraph) for s in split]
    fresh = parse_article(text)
    taken = fresh.with_sentences(spans)
    assert taken.sentences == split and taken.split is not None and fresh.split is None
    assert parse_article(text).with_sentences([(0, 30, 0)]).split is None  # crosses a paragraph
    assert parse_article(text).with_sentences(spans[::-1]).split is None  # out of order
    assert taken == fresh  # the same article: the spans are a cache, not its identity
