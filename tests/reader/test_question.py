"""Reading a question: kinds, expected answer types, parts, follow-ups (no model)."""

import pytest

from assistant.reader.question import analyse, expected_types
from assistant.reader.spelling import Speller

NAMES = {"li zhanshu": "Li Zhanshu", "pantucci": "Raffaello Pantucci", "sco": "SCO"}
PEOPLE = {"Li Zhanshu", "Raffaello Pantucci"}


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("hello", "smalltalk"),
        ("Thanks, that's all I needed.", "smalltalk"),
        ("What can you do?", "smalltalk"),
        ("Write me a poem about the summit.", "task"),
        ("Can you recommend a restaurant in Samarkand?", "task"),
        ("Who wrote this article?", "meta"),
        ("Summarise the article", "summary"),
        ("What is the main point?", "summary"),
        ("Give me the gist of what Pantucci argues.", "summary"),
        ("List all the people mentioned", "list"),
        ("Who is quoted in the article?", "list"),
        ("Is the SCO a security group?", "yesno"),
        ("Who is Li Zhanshu?", "definition"),
        ("What does SCO stand for?", "definition"),
        ("What position does Li Zhanshu hold?", "definition"),
        ("Who is the president of Uzbekistan?", "factoid"),
        ("Where is the summit and who will be there?", "multi"),
    ],
)
def test_kinds(question, kind):
    assert analyse(question, names=NAMES).kind == kind


@pytest.mark.parametrize(
    ("question", "types", "plural"),
    [
        ("Where will the leaders meet?", ("PLACE", "EVENT", "ORG"), False),
        ("When did they last meet?", ("DATE",), False),
        ("In which city is the summit?", ("PLACE",), False),
        ("Which countries launched AUKUS?", ("PLACE",), True),
        ("Which Russian MP said it?", ("PERSON",), False),
        ("Who is the president of Kazakhstan?", ("PERSON",), False),
        ("Who took the photo?", ("PERSON", "ORG", "GROUP", "PLACE"), False),
        ("Who was the senior Chinese official?", ("PERSON",), False),
        ("Which other leaders will Xi face?", ("PERSON", "GROUP"), True),  # "European leaders"
        # a role that names someone else is not what is asked: the Duma published it
        (
            "Who published the news release about the Chinese official's remarks?",
            ("PERSON", "ORG", "GROUP", "PLACE"),
            False,
        ),
        ("Who else will be there?", ("PERSON", "ORG", "GROUP", "PLACE"), True),
        ("How many countries does IPEF represent?", ("NUMBER",), False),
        ("By how much did trade grow?", ("PERCENT", "NUMBER", "MONEY"), False),
        ("How much money has China invested?", ("MONEY",), False),
        ("What was the value of trade in dollars?", ("MONEY",), False),
        ("How long has it been since he left?", ("NUMBER", "DATE"), False),
        ("What is the name of his book?", ("TITLE",), False),
        ("Which gathering did he call unpredictable?", ("EVENT", "ORG"), False),
        ("What risk did Uzbek President Shavkat Mirziyoyev warn of?", (), False),
        ("What did the Russian parliamentarian predict?", (), False),
        ("Why is China using the BRI?", (), False),
    ],
)
def test_expected_answer_types(question, types, plural):
    assert expected_types(question) == (types, plural)


def test_parts_of_a_question():
    parts = analyse("When and where did Xi first propose the BRI?").parts
    assert [p.expects for p in parts] == [("DATE",), ("PLACE", "EVENT", "ORG")]
    parts = analyse("Where did Xi first propose it, and in what year?").parts
    assert [p.expects for p in parts] == [("PLACE", "EVENT", "ORG"), ("DATE",)]
    # a noun phrase coordinated with "and which" is not a second question
    assert not analyse("The US started AUKUS with Australia and which other country?").parts
    # parts without a word of their own are one question with two blanks
    assert not analyse("What grew, and by how much?").parts


HISTORY = [
    {"role": "user", "content": "Who is Raffaello Pantucci?"},
    {"role": "assistant", "content": "Raffaello Pantucci — “a senior fellow” [1]"},
]


def test_a_pronoun_or_an_ellipsis_follows_up():
    assert analyse("What book did he write?", HISTORY, NAMES).follows_up
    assert analyse("And what about the SCO?", HISTORY, NAMES).follows_up
    assert analyse("How many people live there?", HISTORY, NAMES).follows_up


def test_a_self_contained_question_starts_afresh():
    assert not analyse("Who is Li Zhanshu?", HISTORY, NAMES).follows_up
    assert not analyse("Unrelated, but what is he?", HISTORY, NAMES).follows_up
    assert not analyse("What book did he write?", [], NAMES).follows_up


def test_an_ellipsis_asks_what_the_last_question_asked():
    history = [{"role": "user", "content": "Where does Xi go on Wednesday?"}]
    assert analyse("And the next day?", history).expects == ("PLACE", "EVENT", "ORG")


def test_his_job_asks_who_the_person_is():
    history = [{"role": "user", "content": "What did Li Zhanshu say to the Russians?"}]
    q = analyse("What's his job?", history, NAMES, people=PEOPLE)
    assert (q.kind, q.focus) == ("definition", "Li Zhanshu")


def test_typos_are_corrected_against_the_article_but_not_other_languages():
    speller = Speller("Mr. Pantucci said the summit in Samarkand is going well.")
    assert analyse("wher is teh sumit goin?", speller=speller).text == "where is the summit going?"
    assert analyse("¿Quién es Pantucci?", speller=speller).text == "¿Quién es Pantucci?"


def test_politeness_and_topic_markers_are_dropped():
    assert analyse("Could you tell me where the summit is?").text == "where the summit is?"
    assert analyse("OK, new question: who is Li Zhanshu?", names=NAMES).focus == "Li Zhanshu"
    assert analyse("Unrelated question: who is Li Zhanshu?").text == "who is Li Zhanshu?"
    assert analyse("On another subject, who is Li Zhanshu?").text == "who is Li Zhanshu?"
