"""Writing answers: quotes cut to the clause that matters, definitions, yes and no."""

from assistant.reader.compose import (
    denies,
    describe,
    excerpt,
    expansion,
    join_names,
    quote_line,
    yes_or_no,
)

LONG = (
    "Instead, on Wednesday Mr. Xi heads to Kazakhstan, where in 2013 he first mooted plans for "
    "what became his trademark Belt and Road Initiative (BRI), a vast trade and infrastructure "
    "project spanning much of the globe."
)


def test_a_long_sentence_is_cut_to_the_clauses_around_the_answer():
    at = LONG.index("2013")
    cut = excerpt(LONG, [(at, at + 4)], budget=120)
    assert "2013" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) < len(LONG)
    assert LONG.replace("…", "").find(cut.strip("…")[:20]) >= 0
    assert excerpt("Short.", [(0, 5)], budget=120) == "Short."


def test_quote_lines_nest_inner_quotes():
    assert quote_line("Bali", "in “Bali” now", 3) == "Bali — “in ‘Bali’ now” [3]"
    assert quote_line("", "Just this.", 1) == "“Just this.” [1]"


def test_definitions_come_from_appositions_titles_and_expansions():
    assert describe("Li Zhanshu", "said Li Zhanshu, chairman of the committee.") == (
        "chairman of the committee"
    )
    assert describe(
        "Djoomart Otorbaev", "Writing, former Kyrgyz prime minister Djoomart Otorbaev hoped"
    ) == ("former Kyrgyz prime minister")
    assert describe("BRI", LONG) == "" and expansion("BRI", LONG) == "Belt and Road Initiative"
    assert describe("Belt and Road Initiative", LONG).startswith("a vast trade")
    # a participle is not a description of a person
    assert describe("Alexey Nechaev", "Alexey Nechaev, speaking at the meeting, said so.") == ""


def test_a_sentence_that_denies_the_question():
    assert denies(
        "Why would Xi face a hostile audience?", "He’s not going to find a hostile audience."
    )
    assert not denies("How long since Xi left China?", "Xi has not crossed his borders since 2020.")
    assert not denies("Why is it not hostile?", "It is not hostile.")


def test_yes_and_no_only_where_the_sentence_states_it():
    assert yes_or_no("Did trade grow?", "Trade grew 31 per cent.", False, 0.8) == "Yes"
    assert yes_or_no("Will it go badly?", "It is not going to go badly.", False, 0.8) == "No"
    assert yes_or_no("Is it in Kazakhstan?", "It is in Samarkand.", True, 0.8) == "No"
    assert yes_or_no("Is Xi on the left?", "Xi, right, and Putin.", False, 0.4) == ""


def test_names_are_joined_as_in_prose():
    assert [join_names(n) for n in (["A"], ["A", "B"], ["A", "B", "C"])] == [
        "A",
        "A and B",
        "A, B and C",
    ]
