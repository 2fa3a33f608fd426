"""Weighing sentences against a question, and the calibrated model behind it."""

import json

from assistant.reader.evidence import gather
from assistant.reader.matching import closeness, density, role_clash, term_hits
from assistant.reader.model import FEATURES, load_calibration, probability
from assistant.reader.question import Question
from assistant.resources import data_path


def test_the_shipped_calibration_has_a_weight_for_every_feature():
    shipped = json.loads(data_path("calibration.json").read_text())
    assert set(FEATURES) <= set(shipped["weights"]) and "bias" in shipped["weights"]
    assert 0 < shipped["thresholds"]["related"] <= shipped["thresholds"]["answer"] < 1
    assert "tune.jsonl" in shipped["note"]  # fitted on the tuning split only
    assert load_calibration() == shipped


def test_the_model_rises_with_coverage_and_falls_with_missing_names():
    base = dict.fromkeys(FEATURES, 0.0) | {"sim": 0.5, "cover": 0.5}
    weights = load_calibration()["weights"]
    assert probability(base | {"cover": 0.9}, weights) > probability(base, weights)
    assert probability(base | {"missing_names": 1.0}, weights) < probability(base, weights)


def test_an_answer_near_the_question_words_is_closer():
    text = "At the summit in Samarkand, Mr. Xi will meet allies from Singapore."
    terms = {"summit": 1.0}
    hits = term_hits(text, terms)
    assert closeness(text.index("Samarkand"), hits, terms) > closeness(
        text.index("Singapore"), hits, terms
    )
    assert density(hits, {"summit": 1.0, "singapor": 1.0}) == 0.5  # ten words apart


def test_a_title_from_another_country_is_not_the_role_asked_for():
    assert role_clash("Who is the president of Kazakhstan?", "Chinese President", {"kaza"})
    assert not role_clash("Who is the president of Uzbekistan?", "Uzbek President", {"uzbe"})
    assert role_clash("Who is the current prime minister?", "former prime minister", set())


def test_gather_ranks_the_sentence_that_answers_first(digest):
    part = Question(
        "Where will the G20 leaders meet in November?", expects=("PLACE", "EVENT", "ORG")
    )
    found = gather(part, range(len(digest.sentences)), digest, load_calibration()["weights"]).found
    assert "Bali" in found[0].sentence.text
    assert [m.text for m in found[0].candidates][0] == "Bali"
    assert found[0].score >= found[-1].score


def test_a_count_of_something_is_never_a_span_of_time(digest):
    # the article's only "how many" numbers near "members" are spans of time ("more than two
    # years"): a count of members is not one, a count of years is
    weights = load_calibration()["weights"]
    every = range(len(digest.sentences))
    members = Question("How many members does the SCO have?", expects=("NUMBER",))
    found = gather(members, every, digest, weights).found
    assert not any(m.text.endswith("years") for e in found for m in e.candidates)
    years = Question("How many years has Xi stayed in China?", expects=("NUMBER",))
    found = gather(years, every, digest, weights).found
    assert any(m.text.endswith("years") for e in found for m in e.candidates)
