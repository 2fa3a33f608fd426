"""Questions offered next: written from the article, each answered before it is offered,
near the topic of the last question, never one already asked."""

import pytest

from assistant.article.article import parse_article
from assistant.reader.askable import askables
from assistant.reader.mentions import find_mentions
from assistant.reader.suggest import Suggestions


@pytest.fixture(scope="module")
def offered(article, retriever, extractive, digest):
    from assistant.core.assistant import Assistant

    bot = Assistant(article, retriever, extractive, read=digest.analyse)
    return Suggestions.build(digest, bot.ask)


def test_candidates_come_from_the_articles_people_things_events_and_amounts():
    art = parse_article(
        "Mayor Teresa Okafor, a former teacher, backed the plan. The Riverline, a light-rail "
        "line, will open in 2029. The line is expected to cost $412 million. Council members "
        "met at a meeting of the transit board in Eastgate."
    )
    questions = [a.question for a in askables(art.sentences, find_mentions(art))]
    assert "Who is Teresa Okafor?" in questions
    assert "How much is the line expected to cost?" in questions
    assert "Where is the meeting of the transit board?" in questions


def test_every_kept_question_is_answered_with_a_citation_that_says_its_subject(bot, offered):
    assert len(offered.kept) >= 10
    for candidate in offered.kept:
        result = bot.ask(candidate.question)
        assert result.answered and result.citations
        assert candidate.key.lower() in result.answer.lower()


def test_a_decline_leads_to_questions_on_the_nearest_topic(bot, offered):
    declined = bot.ask("What did Joe Biden say about the trip?")
    assert not declined.answered
    questions = offered.after(declined)
    assert 2 <= len(questions) <= 3
    # the nearest passages are about the G20 and Mr. Pantucci's view of it
    assert any("Pantucci" in q or "G20" in q for q in questions)


def test_after_an_answer_related_questions_that_do_not_repeat_it(bot, offered):
    question = "Who is Raffaello Pantucci?"
    result = bot.ask(question)
    history = [{"role": "user", "content": "Who is Li Zhanshu?"}]
    questions = offered.after(result, history)
    assert 2 <= len(questions) <= 3
    assert question not in questions and "Who is Li Zhanshu?" not in questions
    assert questions[0] in {a.question for a in offered.kept if abs(a.sentence - 24) <= 1}


def test_a_question_whose_answer_was_just_given_is_not_offered(bot, offered):
    result = bot.ask("Where will the G20 leaders meet in November?")
    assert all("G20" not in q for q in offered.after(result))  # Bali and November: said


def test_the_suggestions_of_an_article_are_built_once(bot, digest):
    from assistant.wiring import suggestions_for

    assert suggestions_for(bot, digest) is suggestions_for(bot, digest)
