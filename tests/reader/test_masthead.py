"""A reader's own article: its byline and date answered, its summary whole sentences that
stand on their own (no piece of a quotation, nothing that leans on a sentence left out)."""

import pytest

from assistant.article.article import parse_article
from assistant.article.formats import text_from_markdown
from assistant.reader.masthead import byline, dateline, masthead, quote_piece

OWN = """By Jordan Meeks

March 3, 2024

# Halton opens its new central library after a decade of delays

The city of Halton opened its new central library on Saturday, ending a decade of delays
and a budget fight that twice stalled construction.

About 4,000 residents lined up before the doors opened at 9 a.m., according to city staff.
"We waited ten years for this. Now it is finally here," said Mayor Ana Ruiz, who cut the
ribbon.

The five-storey building cost $86 million, about 30 percent more than first planned. It
holds 400,000 books, a makerspace and a rooftop reading garden.

Critics on the council argued the money should have gone to branch libraries in the
suburbs. Councillor Dev Patel, who voted against the final budget, said the city "built a
monument instead of a network."

He added that two branches had cut their opening hours last year. The library board says
it will restore those hours in the fall.
"""


@pytest.fixture(scope="module")
def own(embed_model):
    """An assistant over OWN, indexed in memory like a reader's upload."""
    from assistant.core.assistant import Assistant
    from assistant.index.retrieval import HybridRetriever
    from assistant.index.store import build_index
    from assistant.reader.answerer import ExtractiveAnswerer
    from assistant.reader.digest import build_digest
    from assistant.reader.model import load_calibration

    article = parse_article(text_from_markdown(OWN))
    index = build_index(article, embed_model)
    digest = build_digest(article, index, embed_model)
    answerer = ExtractiveAnswerer(digest, load_calibration())
    return Assistant(article, HybridRetriever(index, embed_model), answerer, read=digest.analyse)


def test_the_masthead_is_found_among_the_first_sentences():
    art = parse_article(text_from_markdown(OWN))
    assert byline(art.sentences) == (0, "Jordan Meeks")
    assert dateline(art.sentences) == (1, "March 3, 2024")
    assert masthead(art.sentences) == {0, 1, 2}  # the headline after them too
    story = parse_article("Xi heads to Kazakhstan. He meets Putin there.")
    assert byline(story.sentences) is None and masthead(story.sentences) == set()


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ('"We waited ten years for this.', "opens"),
        ('Now it is finally here," said Mayor Ana Ruiz.', "closes"),
        ("“It will be replaced by a new world order.”", ""),
        ("He warned of “the risk of reviving bloc thinking.”", ""),
    ],
)
def test_pieces_of_a_quotation(text, piece):
    assert quote_piece(text) == piece


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Who wrote this article?", "Jordan Meeks — “By Jordan Meeks” [1]"),
        ("Who is the author?", "Jordan Meeks — “By Jordan Meeks” [1]"),
        ("When was this article published?", "March 3, 2024 — “March 3, 2024” [1]"),
    ],
)
def test_a_byline_or_date_in_the_article_is_the_answer(own, question, answer):
    r = own.ask(question)
    assert (r.answer, r.answered) == (answer, True)
    assert r.citations[0].text in ("By Jordan Meeks", "March 3, 2024")


def test_a_summary_quotes_whole_sentences_that_stand_alone(own):
    r = own.ask("Summarise the article")
    assert r.answered and len(r.citations) == 4
    texts = [c.text for c in r.citations]
    assert not any(quote_piece(t) for t in texts)  # no "Now it is finally here,” said …"
    assert not any(t.startswith(("He ", "By ", "March")) for t in texts)
    assert texts[0].startswith("The city of Halton opened")


def test_the_shipped_article_still_has_no_byline(bot):
    r = bot.ask("Who wrote this article?")
    assert (
        r.answer
        == "The article does not say. The page as captured gives no byline or publication date."
    )
