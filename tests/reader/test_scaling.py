"""A question's cost stays flat as the article grows (issue 19): what the reader needs of
each word or sentence is computed when the article is indexed, and the article's names are
looked up by the question's words, not tried one by one. Checked by what is computed per
question, and by timings relative to a baseline measured in the same run."""

from __future__ import annotations

import re
import time

from assistant.article.article import parse_article
from assistant.core.assistant import Assistant
from assistant.language.words import is_stopword
from assistant.reader.answerer import ExtractiveAnswerer
from assistant.reader.digest import Digest, build_digest
from assistant.reader.matching import question_names
from assistant.reader.mentions import Mention
from assistant.reader.model import load_calibration

QUESTIONS = [
    "Where will the G20 leaders meet in November?",
    "Who is Raffaello Pantucci?",
    "How much did trade between China and Russia grow?",
    "What did Li Zhanshu say NATO is doing?",
]


class Counting:
    """An embedder that passes everything to MiniLM and keeps what it was given to embed
    as texts (not as queries)."""

    def __init__(self, embed_model) -> None:
        self.inner, self.texts = embed_model, []

    def get_text_embedding_batch(self, texts, **kwargs):
        self.texts += list(texts)
        return self.inner.get_text_embedding_batch(texts)

    def get_query_embedding(self, text):
        return self.inner.get_query_embedding(text)


def test_answering_embeds_no_word_of_the_article_only_the_questions_own(
    article, embed_model, retriever, index_dir
):
    from assistant.index.store import open_index

    counting = Counting(embed_model)
    digest = build_digest(article, open_index(article, embed_model, index_dir)[0], counting)
    bot = Assistant(
        article, retriever, ExtractiveAnswerer(digest, load_calibration()), read=digest.analyse
    )
    counting.texts.clear()  # what indexing embedded (clauses, the article's words) is done
    for question in QUESTIONS:
        bot.ask(question)
    asked = {  # the questions' own words (their names left out)
        w.lower()
        for q in QUESTIONS
        for w in re.findall(r"[a-z][\w’'-]+", re.sub(r"\b[A-Z][\w’'.-]*", " ", q))
        if not is_stopword(w)
    }
    assert counting.texts and set(counting.texts) <= asked


def _digest_with_names(count: int) -> Digest:
    """A digest whose article names ``count`` people (no model needed)."""
    text = "Xi Jinping met the leaders in Samarkand. They spoke about trade."
    art = parse_article(text)
    mentions = [Mention("Xi Jinping", 0, 10, "PERSON", "Xi Jinping")]
    mentions += [
        Mention(f"Person{i} Name{i}", 0, 10, "PERSON", f"Person{i} Name{i}") for i in range(count)
    ]
    return Digest(art, mentions, {"trade": 1.0}, vectors=None, embed=None)


def _reading_s(digest: Digest) -> float:
    """The fastest of five readings of some questions (names found, follow-up checked)."""
    history = [
        {"role": "user", "content": "Who is Xi Jinping?"},
        {"role": "assistant", "content": "Xi Jinping is China's leader."},
    ]
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for question in QUESTIONS + ["What did he say there?"]:
            digest.analyse(question, history)
            question_names(question, digest)
        best = min(best, time.perf_counter() - start)
    return best


def test_reading_a_question_costs_the_same_with_a_hundred_times_more_names():
    few, many = _digest_with_names(50), _digest_with_names(5000)
    assert question_names("Where did Xi Jinping go?", many)[0] == {"Xi Jinping"}
    assert many.last_person([{"role": "user", "content": "And Person42 Name42?"}]) == (
        "Person42 Name42"
    )
    _reading_s(few)  # warm-up
    assert _reading_s(many) < 4 * _reading_s(few)
