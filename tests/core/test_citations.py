import pytest

from assistant.core.citations import read_markers, resolve_citations
from assistant.core.result import Passage

ARTICLE = "Alpha beta. Gamma delta. Epsilon."
PASSAGES = [Passage(3, "Gamma delta.", 12, 24, 0), Passage(5, "Alpha beta.", 0, 11, 0)]


def test_invented_markers_are_removed_and_the_rest_renumbered():
    text, cites = resolve_citations("Gamma [3] and alpha [5][7]. Nothing [9].", PASSAGES, ARTICLE)
    assert text == "Gamma [1] and alpha [2]. Nothing."
    assert [(c.id, c.text, c.start, c.end) for c in cites] == [
        (1, "Gamma delta.", 12, 24),
        (2, "Alpha beta.", 0, 11),
    ]


def test_grouped_and_repeated_markers():
    text, cites = resolve_citations("A [5, 3]. B [3].", PASSAGES, ARTICLE)
    assert text == "A [1][2]. B [2]."
    assert [c.id for c in cites] == [1, 2]


def test_a_passage_that_is_not_an_exact_span_is_not_cited():
    wrong = [Passage(1, "Gamma delta!", 12, 24, 0)]
    text, cites = resolve_citations("Gamma [1].", wrong, ARTICLE)
    assert (text, cites) == ("Gamma.", [])


@pytest.mark.parametrize(
    ("answer", "checked"),
    [
        ("Gamma [ 3 ].", "Gamma [1]."),
        ("Gamma [ 99 ].", "Gamma."),
        ("Gamma [-1].", "Gamma."),
        ("Gamma [¹].", "Gamma."),  # passage 1 was not given
        ("Gamma [³].", "Gamma [1]."),  # a superscript 3 names passage 3
        ("Gamma [９].", "Gamma."),
        ("Gamma ［3］.", "Gamma [1]."),
        ("Gamma [3;5].", "Gamma [1][2]."),
        ("Gamma [+3].", "Gamma."),
        ("Gamma [3-5].", "Gamma [1][2]."),  # a range: 3, 4 (not given) and 5
        ("Gamma [^3].", "Gamma [1]."),
        ("Gamma 【3】.", "Gamma [1]."),
        ("Gamma 【3†source】.", "Gamma [1]."),
        ("Gamma (Source 3).", "Gamma [1]."),
        ("Gamma (Sources 3 and 5).", "Gamma [1][2]."),
        ("Gamma [Passage 3].", "Gamma [1]."),
        ("Gamma [passages 3, 5].", "Gamma [1][2]."),
        ("Gamma [3][3].", "Gamma [1]."),
        ("Gamma [1-400].", "Gamma."),
    ],
)
def test_markers_in_odd_forms_never_survive_unchecked(answer, checked):
    assert resolve_citations(answer, PASSAGES, ARTICLE)[0] == checked


def test_brackets_that_are_not_markers_stay():
    text, cites = resolve_citations("Gamma [3] [sic] [2022a] [a].", PASSAGES, ARTICLE)
    assert (text, len(cites)) == ("Gamma [1] [sic] [2022a] [a].", 1)


def test_a_trailing_sources_line_is_read_not_shown():
    markers = read_markers("Gamma delta.\n\n**Sources:** [3], [5], [8]", {3, 5})
    assert (markers.text, markers.sources, markers.invalid) == ("Gamma delta.", (3, 5), ("[8]",))


def test_a_marker_naming_no_passage_is_reported():
    markers = read_markers("Gamma [3] [9] [2-4] [x].", {3, 5})
    assert markers.text == "Gamma [3]  [3] [x]." and markers.invalid == ("[9]", "[2-4]")


def test_years_in_parentheses_are_text():
    assert read_markers("In (2022) and [2022a].", {1}).text == "In (2022) and [2022a]."


def test_a_passage_named_in_the_prose_is_a_marker():
    from assistant.core.citations import read_markers

    got = read_markers("According to passage 2, the line has 11 stations. It opens [1].", {1, 2})
    assert got.text == "The line has 11 stations [2]. It opens [1]."
    assert read_markers("According to passage 9, it opens.", {1, 2}).invalid == ("[9]",)
