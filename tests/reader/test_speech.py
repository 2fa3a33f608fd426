"""Whose speech a sentence reports, and what that means for "What did X say ...?"."""

from assistant.core.answerer import REFUSAL
from assistant.reader.mentions import Mention
from assistant.reader.speech import SPEECH_ASKED, speakers


def person(text: str, sentence: str, name: str = "") -> Mention:
    start = sentence.index(text)
    return Mention(text, start, start + len(text), "PERSON", name or text)


def test_the_speaker_stands_next_to_a_verb_of_saying():
    s = "“It is unlikely,” Mr. Pantucci said, unlike Mr. Xi."
    people = [person("Pantucci", s, "Raffaello Pantucci"), person("Xi", s, "Xi Jinping")]
    assert speakers(s, 0, people) == {"Raffaello Pantucci"}
    s = "China understands Russia, said Li Zhanshu, chairman of the committee."
    assert speakers(s, 0, [person("Li Zhanshu", s)]) == {"Li Zhanshu"}


def test_a_name_across_a_quote_is_not_its_speaker():
    s = "Xi went to Kazakhstan. “We will prevail,” he said."
    assert speakers(s, 0, [person("Xi", s)]) == set()


def test_offsets_are_relative_to_the_text():
    s = "Nechaev, speaking at the meeting, said the order is over."
    m = Mention("Nechaev", 100, 107, "PERSON", "Alexey Nechaev")
    assert speakers(s, 100, [m]) == {"Alexey Nechaev"}


def test_speech_is_asked_about_only_with_a_verb_of_saying():
    assert SPEECH_ASKED.search("What did Mirziyoyev warn about?")
    assert not SPEECH_ASKED.search("When did the U.S. host the talks?")
    assert SPEECH_ASKED.search("What has Beijing called for?")
    assert not SPEECH_ASKED.search("What will Xi be seeking in October?")  # "see" + "king"


def test_someone_elses_speech_does_not_answer(bot):
    assert bot.ask("What did Xi say about the World Cup?").answer == REFUSAL
    r = bot.ask("What did Pantucci say about the G20?")
    assert r.answered and "much more unpredictable" in r.answer
