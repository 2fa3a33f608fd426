import pytest

from assistant.core.citations import resolve_citations
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
        ("Gamma [3-5].", "Gamma."),
    ],
)
def test_markers_in_odd_forms_never_survive_unchecked(answer, checked):
    assert resolve_citations(answer, PASSAGES, ARTICLE)[0] == checked


def test_brackets_that_are_not_markers_stay():
    text, cites = resolve_citations("Gamma [3] [sic] [2022a] [a].", PASSAGES, ARTICLE)
    assert (text, len(cites)) == ("Gamma [1] [sic] [2022a] [a].", 1)
