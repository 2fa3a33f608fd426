"""A candidate answer belongs to the question's words in its own clause."""

from assistant.reader.clauses import clause_closeness, clause_of
from assistant.reader.matching import closeness, term_hits


def test_a_value_in_the_clause_with_the_question_words_wins_over_a_nearer_one():
    text = "Roughly 60 percent of the budget goes to schools, 25 percent to roads."
    terms = {"school": 1.0, "budget": 0.5}
    hits = term_hits(text, terms)
    first, second = text.index("60"), text.index("25")
    assert closeness(second, hits, terms) > closeness(first, hits, terms)  # nearer in tokens
    assert clause_closeness(text, first, hits, terms) > 0
    assert clause_closeness(text, second, hits, terms) == 0  # its clause says "roads"


def test_a_clause_with_more_of_the_question_is_closer():
    text = "Peru and Chile signed the pact, while Spain only observed the talks."
    terms = {"sign": 2.0, "pact": 2.0, "talk": 1.0}
    hits = term_hits(text, terms)
    assert clause_closeness(text, text.index("Chile"), hits, terms) > clause_closeness(
        text, text.index("Spain"), hits, terms
    )


def test_a_text_without_breaks_is_one_clause():
    assert clause_of("No breaks here", 3) == (0, 14)
