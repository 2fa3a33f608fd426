"""The support checker on our labelled claim–sentence pairs (written blind to it by a second
writer, split once into halves): its constants were chosen on the tuning half only
(``python -m assistant.evaluation.claims tests/data/claims_tune.jsonl --grid``). The floors
are what each half reaches today; the issue's targets (precision 0.90, recall 0.85 on the
test half) are not all reached, and docs/evaluation.md says so."""

import pytest

from assistant.evaluation.claims import checkers, judge, load_claims, score
from tests.conftest import ROOT

FLOORS = {"tune": (0.94, 0.89), "test": (0.85, 0.83)}  # precision, recall at flagging


@pytest.fixture(scope="module")
def halves():
    rows = {h: load_claims(ROOT / "tests" / "data" / f"claims_{h}.jsonl") for h in FLOORS}
    return rows, checkers([r for rs in rows.values() for r in rs])


@pytest.mark.parametrize("half", list(FLOORS))
def test_the_checker_flags_unsupported_claims(halves, half):
    rows, made = halves
    result = score(rows[half], [judge(*made[r["article"]], r) for r in rows[half]])
    precision, recall = FLOORS[half]
    assert result["precision"] >= precision and result["recall"] >= recall, result


def test_the_halves_are_disjoint_and_labelled_both_ways(halves):
    rows, _ = halves
    ids = [{r["id"] for r in rs} for rs in rows.values()]
    assert not ids[0] & ids[1]
    for rs in rows.values():
        assert {r["supported"] for r in rs} == {True, False} and len(rs) >= 150 // 2


def test_a_sentence_does_not_end_at_an_abbreviation_followed_by_lower_case():
    from assistant.support.claims import split_claims

    text = "“Mayor Ferreira cut the ribbon at 9 a.m. and said it would carry 40,000.” [1] It did. "
    assert [c.text for c in split_claims(text)] == [
        "“Mayor Ferreira cut the ribbon at 9 a.m. and said it would carry 40,000.” [1] ",
        "It did. ",
    ]
