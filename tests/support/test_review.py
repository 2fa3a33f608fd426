"""Reviewing an answer claim by claim: what a list of names is judged by."""

from assistant.article.article import parse_article
from assistant.core.result import Passage
from assistant.support.checker import SupportChecker
from assistant.support.review import Reviewer

TEXT = (
    "At the summit in Samarkand, Xi will meet Vladimir Putin and Ebrahim Raisi. "
    "A meeting of G20 leaders in Bali could be the first time Xi and Joe Biden meet."
)


def review(answer: str) -> tuple[str, list]:
    """What the reader is shown of ``answer`` (streamed, then the rest at its end, which is
    also the checked answer's text) and each claim's verdict."""
    article = parse_article(TEXT)
    passages = [
        Passage(n, s.text, s.start, s.end) for n, s in enumerate(article.sentences, start=1)
    ]
    done = Reviewer(SupportChecker(article)).review(None, lambda: passages)
    shown = done.feed(answer)
    closed = done.close()
    assert (shown + closed.tail).strip() == closed.text
    return shown + closed.tail, [(c.text, c.supported) for c in closed.claims]


def test_names_in_a_list_are_judged_by_the_marker_that_closes_it():
    shown, claims = review("The leaders are:\n1. Vladimir Putin\n2. Joe Biden\n[1]\n")
    assert "Putin [1]" in shown and "Biden" not in shown
    assert ("2. Joe Biden", False) in claims


def test_names_in_a_list_are_judged_by_the_marker_of_its_lead_in():
    shown, claims = review("At the summit Xi will meet [1]:\n- Ebrahim Raisi\n- Joe Biden\n")
    assert "Raisi [1]" in shown and "Biden" not in shown


def test_a_name_cited_to_a_passage_that_lacks_it_is_not_moved_to_one_that_has_it():
    shown, claims = review("Xi will meet:\n- Joe Biden [1]\n")
    assert "Biden" not in shown


def test_a_list_with_no_markers_is_judged_by_the_sentence_after_it():
    shown, _ = review(
        "Xi will meet:\n- Vladimir Putin\n- Ebrahim Raisi\nThey meet in Samarkand [1]."
    )
    assert "Putin [1]" in shown and "Raisi [1]" in shown


def test_he_is_the_person_the_claim_before_named(checker, article):
    # the shipped checker (it knows who is a person): "He" after a claim about Li Zhanshu is
    # Li Zhanshu, and Nechaev's words are not his
    def passage(n, start):
        s = next(s for s in article.sentences if s.text.startswith(start))
        return Passage(n, s.text, s.start, s.end)

    li = passage(1, "“We see that the United States")
    nechaev = passage(2, "Russian parliamentarian Alexey Nechaev")
    done = checker.review(None, lambda: [li, nechaev])
    said = "He said the old world order shows moral bankruptcy and is collapsing [2]. "
    shown = done.feed("The speaker was Li Zhanshu, chairman of the standing committee [1]. " + said)
    shown += done.close().tail
    assert "Li Zhanshu" in shown and "collapsing" not in shown
    done = checker.review(None, lambda: [li, nechaev])
    shown = done.feed("Alexey Nechaev spoke at the same meeting [2]. " + said)
    shown += done.close().tail
    assert "collapsing [2]" in shown


def test_a_list_that_ends_the_answer_without_markers_is_shown_and_judged():
    shown, claims = review("Xi will meet:\n- Vladimir Putin\n- Ebrahim Raisi")
    assert shown.endswith("- Vladimir Putin [1]\n- Ebrahim Raisi [1]")
    assert all(supported for _, supported in claims)
    shown, claims = review("- Vladimir Putin\n- Joe Biden")
    assert shown == "- Vladimir Putin [1]\n- Joe Biden [2]"
