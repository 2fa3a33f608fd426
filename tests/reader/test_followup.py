"""Follow-ups made stand-alone: what a pronoun, "there", "that country" or an ellipsis
stands for (a hand-made cast, no model), and the issue's conversations on the shipped
article (the real answer path, each earlier answer as the assistant gives it)."""

import pytest

from assistant.reader.followup import leans, resolve
from assistant.reader.referents import Cast, pronouns_of
from assistant.reader.rewrite import after, substitute, swap_wh

CAST = Cast(
    {
        "xi": "Xi Jinping",
        "xi jinping": "Xi Jinping",
        "putin": "Vladimir Putin",
        "vladimir putin": "Vladimir Putin",
        "raisi": "Ebrahim Raisi",
        "teresa okafor": "Teresa Okafor",
        "bali": "Bali",
        "kazakhstan": "Kazakhstan",
        "uzbekistan": "Uzbekistan",
        "samarkand": "Samarkand",
        "g20": "G20",
        "sco": "SCO",
        "aukus": "AUKUS",
        "ipef": "IPEF",
        "u.s.": "U.S.",
        "australia": "Australia",
        "britain": "Britain",
    },
    {
        "Xi Jinping": "PERSON",
        "Vladimir Putin": "PERSON",
        "Ebrahim Raisi": "PERSON",
        "Teresa Okafor": "PERSON",
        "Bali": "PLACE",
        "Kazakhstan": "PLACE",
        "Uzbekistan": "PLACE",
        "Samarkand": "PLACE",
        "U.S.": "PLACE",
        "Australia": "PLACE",
        "Britain": "PLACE",
        "G20": "ORG",
        "SCO": "ORG",
        "AUKUS": "ORG",
        "IPEF": "ORG",
    },
    {"Xi Jinping": "he", "Teresa Okafor": "she"},
)


def turns(*pairs: str) -> list[dict]:
    roles = ("user", "assistant") * len(pairs)
    return [{"role": r, "content": c} for r, c in zip(roles, pairs, strict=False)]


G20 = turns("Where will the G20 leaders meet in November?", "Bali — “… Mr. Xi … in Bali.” [1]")


@pytest.mark.parametrize(
    ("question", "history", "standalone"),
    [
        ("Who will he meet there?", G20, "Who will Xi Jinping meet in Bali?"),
        ("When?", G20, "When will the G20 leaders meet in November?"),
        ("Why does he go there?", G20, "Why does Xi Jinping go to Bali?"),
        (
            "What did she call the vote?",
            turns("Who is Teresa Okafor?", "Teresa Okafor — “Mayor” [1]"),
            "What did Teresa Okafor call the vote?",
        ),
        (
            "When did they launch it?",
            turns("Which countries launched AUKUS?", "U.S., Australia and Britain — “…” [1]"),
            "When did U.S., Australia and Britain launch AUKUS?",
        ),
        ("And IPEF?", turns("What is AUKUS?", "AUKUS — “a new security alliance” [1]"), None),
        (
            "When did he last meet Xi?",
            turns("Who is Vladimir Putin?", "Vladimir Putin — “Russian President” [1]"),
            "When did Vladimir Putin last meet Xi?",
        ),
        (
            "Who is the president of that country?",
            turns("Where is the SCO summit?", "Uzbekistan — “…” [1]"),
            "Who is the president of Uzbekistan?",
        ),
    ],
)
def test_what_a_follow_up_points_to_is_filled_in(question, history, standalone):
    got = resolve(question, history, CAST, question).standalone
    assert got == (standalone or "What is IPEF?")


def test_which_other_sets_aside_the_last_one_of_the_kind_asked_for():
    history = turns(
        "Who is Vladimir Putin?",
        "Vladimir Putin — “Russian President” [1]",
        "Where will the G20 leaders meet in November?",
        "Bali — “… in Bali.” [1]",
    )
    got = resolve("Which other leaders will Xi face there?", history, CAST).standalone
    assert got == "Which other leaders will Xi face in Bali besides Vladimir Putin?"  # not Bali


def test_the_latest_turn_wins_and_an_older_one_is_looked_at_when_it_names_none():
    history = turns(
        "Who is Vladimir Putin?",
        "Vladimir Putin — “Russian President” [1]",
        "What is AUKUS?",
        "AUKUS — “a new security alliance” [1]",
    )
    assert resolve("Where did he meet Xi?", history, CAST).standalone == (
        "Where did Vladimir Putin meet Xi?"
    )
    assert resolve("Who launched it?", history, CAST).standalone == "Who launched AUKUS?"


def test_nothing_before_a_change_of_topic_is_pointed_to():
    history = turns(
        "Who is Vladimir Putin?",
        "Vladimir Putin — “Russian President” [1]",
        "Unrelated, but what is AUKUS?",
        "AUKUS — “a new security alliance” [1]",
    )
    found = resolve("Where did he meet Xi?", history, CAST)
    assert found.standalone == "" and found.leaned == "Unrelated, but what is AUKUS?"


def test_a_she_is_not_a_he():
    history = turns("Who is Xi Jinping?", "Xi Jinping — “Chinese President” [1]")
    assert resolve("What did she say?", history, CAST).standalone == ""


def test_what_cannot_be_filled_in_leaves_the_question_it_leans_on():
    history = turns("What did China criticize?", "“… Western sanctions against Moscow.” [1]")
    found = resolve("Who are those sanctions against?", history, CAST)
    assert (found.standalone, found.leaned) == ("", "What did China criticize?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What book did he write?", True),
        ("How many people live there?", True),
        ("And the next day?", True),
        ("Over what period?", True),
        ("Where was that?", True),
        ("Where will he be with Xi?", True),  # "he" before the name is someone else
        ("What did Xi say about his trip?", False),  # "his" is Xi's
        ("Is there a summit in Bali?", False),  # "there" as a subject, not a place
        ("Unrelated, but what is he doing?", False),
        ("On another subject, what did he say?", False),  # any words for a new topic
        ("Different question: where did he go?", False),
        ("What is the new subject of his talks?", True),  # "new subject" inside: not an opener
        ("Who is Vladimir Putin?", False),
    ],
)
def test_which_questions_lean_on_the_conversation(question, expected):
    assert leans(question, question, CAST) is expected


def test_rewrites_of_the_question_leaned_on():
    assert swap_wh("Who dominates it?", "where") == ""  # "who" is its subject
    assert swap_wh("How much did trade grow?", "over what period") == (
        "Over what period did trade grow?"
    )
    assert after("Where does Xi go on Friday?", "Kazakhstan", CAST) == (
        "Where does Xi go after Kazakhstan?"
    )
    assert substitute("How much did trade grow?", "in 2021", CAST) == (
        "How much did trade grow in 2021?"
    )
    # a name used as a modifier is not swapped: the new one is added
    assert substitute("Which leader will be at the Samarkand summit?", "Bali", CAST) == (
        "Which leader will be at the Samarkand summit Bali?"
    )


def test_the_pronoun_a_person_takes_is_the_articles():
    from assistant.article.article import parse_article
    from assistant.reader.mentions import find_mentions

    art = parse_article(
        "Mayor Teresa Okafor called the vote historic. She spoke first. "
        "Councilmember Paul Lindqvist voted last. He said he had changed his mind."
    )
    assert pronouns_of(find_mentions(art), art.sentences) == {
        "Teresa Okafor": "she",
        "Paul Lindqvist": "he",
    }


def ask_chain(bot, *questions):
    """Ask each question with the earlier ones and their real answers as history."""
    history, result = [], None
    for q in questions:
        result = bot.ask(q, history)
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": result.answer}]
    return result


@pytest.mark.parametrize(
    ("chain", "wanted"),
    [
        (
            (
                "Where will the G20 leaders meet in November?",
                "Who is Raffaello Pantucci?",
                "What book did he write?",
            ),
            "Sinostan",
        ),
        (("What did Li Zhanshu say about NATO?", "And who was he talking to?"), "lawmakers"),
        (("Where does Xi go first?", "And what did he first propose there?"), "Belt and Road"),
        (("Who is Shavkat Mirziyoyev?", "Where did he publish his comments?"), "state media"),
    ],
)
def test_the_issues_conversations(bot, chain, wanted):
    result = ask_chain(bot, *chain)
    assert result.answered and wanted in result.answer and result.citations
