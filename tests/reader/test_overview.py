"""Whole-article answers, small talk, tasks and other languages (the real article)."""

import pytest


def test_a_summary_is_four_central_sentences_in_article_order_without_the_caption(bot):
    r = bot.ask("Summarise the article")
    assert r.answered and r.answer.startswith("In short: ")
    starts = [c.start for c in r.citations]
    assert len(starts) == 4 and starts == sorted(starts)
    assert all("photo" not in c.text for c in r.citations)


def test_a_summary_about_someone_quotes_them(bot):
    r = bot.ask("Give me the gist of what Pantucci argues.")
    assert r.answered and any("Pantucci" in c.text for c in r.citations)


def test_a_list_names_everyone_once_each_cited(bot):
    r = bot.ask("List all the people mentioned")
    assert r.answer.startswith("The article names 11 people: Xi Jinping [1]")
    for name in ("Vladimir Putin", "Li Zhanshu", "Joe Biden", "Alexei Druzhinin"):
        assert r.answer.count(name) == 1
    quoted = bot.ask("Who is quoted in the article?").answer
    assert "Pantucci" in quoted and "Druzhinin" not in quoted


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("hello", "Hello! I answer questions about this article"),
        ("thanks!", "You're welcome."),
        ("What can you do?", "I answer questions about this article"),
        ("Write me a poem about the summit.", "The article does not say. I only answer"),
        ("Who wrote this article?", "The article does not say. The page as captured"),
    ],
)
def test_replies_that_are_not_answers(bot, question, start):
    r = bot.ask(question)
    assert r.answer.startswith(start) and not r.answered and r.citations == []
    assert r.notice is None  # nothing was removed from it, nothing is uncited


def test_another_language_quotes_the_english_article_without_claiming_silence(bot):
    r = bot.ask("¿Quién es Raffaello Pantucci?")
    assert r.notice == "Offline answers quote the English article."
    assert "does not say" not in r.answer and r.citations
    assert r.answer.startswith("Raffaello Pantucci — “a senior fellow")  # who he is, as in English


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Qui est Li Zhanshu ?", "Li Zhanshu — “chairman"),
        ("Wer ist Shavkat Mirziyoyev?", "Shavkat"),
    ],
)
def test_who_is_in_other_languages_is_answered_by_what_the_article_calls_them(bot, question, lead):
    assert bot.ask(question).answer.startswith(lead)


def test_a_question_in_portuguese_is_not_read_as_english():
    from assistant.language.words import looks_english

    assert not looks_english("Onde vai acontecer a reunião do G20?")
    assert looks_english("wich city is teh sco sumit in?")
