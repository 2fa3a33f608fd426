from assistant.citations import resolve_citations
from assistant.result import Passage

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
