"""Scoring the support checker on labelled claim–sentence pairs, and choosing its two
constants on a tuning half only.

Each line of a claims file is ``{"id", "article": "shipped"|"second", "claim", "cited":
[sentences quoted exactly], "supported", "kind"}``. The checker judges the claim against the
cited sentences (as the passages it cites); what is measured is how well it *flags* an
unsupported claim: precision (of the claims it flags, the share truly unsupported) and
recall (of the unsupported claims, the share it flags), with the time per claim, warm.

    python -m assistant.evaluation.claims tests/data/claims_test.jsonl
    python -m assistant.evaluation.claims tests/data/claims_tune.jsonl --grid

``--grid`` tries every pair of constants and prints the one with the best precision among
those whose recall reaches 0.85 (the targets: flag what is unsupported, rarely flag what is
not): run it on the tuning half, never on the test half, and write what it chose into
:mod:`assistant.support.checker`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from ..config import Config
from ..core.result import Passage
from ..jsonl import BadLine, read_jsonl
from ..resources import shipped_article_path
from ..support.checker import SupportChecker
from ..support.claims import Claim, body_of
from ..wiring import load_models, open_article

ARTICLES = {"shipped": None, "second": Path("tests/data/second_article.txt")}


def load_claims(path: Path) -> list[dict]:
    """The labelled pairs of ``path`` (a line that is not one is an error)."""
    rows = []
    for n, row in read_jsonl(path, "claims file"):
        if isinstance(row, BadLine) or not isinstance(row, dict):
            raise SystemExit(f"{path}: line {n} is not a JSON object")
        rows.append(row)
    return rows


def checkers(rows: list[dict]) -> dict[str, tuple[SupportChecker, object]]:
    """A checker per article the rows name, with the article it reads."""
    config = Config.from_env({"ASSISTANT_ANSWERER": "extractive"})
    models, out = load_models(config), {}
    for name in sorted({r["article"] for r in rows}):
        path = ARTICLES[name]
        indexed = open_article(models, config.with_(article=path) if path else config)
        digest = indexed.digest
        checker = SupportChecker(
            indexed.article, digest.weight, digest.word_vectors, digest.type_of
        )
        out[name] = (checker, indexed.article)
    return out


def judge(checker: SupportChecker, article, row: dict) -> bool:
    """Whether ``checker`` flags the row's claim as unsupported."""
    passages = []
    for n, quote in enumerate(row["cited"], start=1):
        at = article.text.find(quote)
        passages.append(Passage(n, quote, at, at + len(quote)))
    cites = tuple(range(1, len(passages) + 1))
    claim = Claim(0, len(row["claim"]), row["claim"], body_of(row["claim"]), cites)
    return checker.judge(claim, passages).supported is False


def score(rows: list[dict], judged: list[bool]) -> dict:
    """Precision and recall at flagging unsupported claims, and accuracy."""
    truth = [not r["supported"] for r in rows]
    tp = sum(f and t for f, t in zip(judged, truth, strict=True))
    flagged, unsupported = sum(judged), sum(truth)
    precision = tp / flagged if flagged else 1.0
    recall = tp / unsupported if unsupported else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    right = sum(f == t for f, t in zip(judged, truth, strict=True))
    return {
        "pairs": len(rows),
        "unsupported": unsupported,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": right / len(rows),
    }


def run(rows: list[dict], made: dict) -> tuple[list[bool], float]:
    """Every row judged, and the median milliseconds per claim (after one warm pass)."""
    for row in rows:  # warm: word vectors and stems cached
        judge(*made[row["article"]], row)
    judged, times = [], []
    for row in rows:
        t0 = time.perf_counter()
        judged.append(judge(*made[row["article"]], row))
        times.append(1000 * (time.perf_counter() - t0))
    return judged, float(np.median(times))


def grid(rows: list[dict], made: dict) -> tuple[dict, dict]:
    """The constants with the best precision among those whose recall reaches 0.85."""
    best, chosen = None, {}
    for coverage in np.round(np.arange(0.5, 0.96, 0.05), 2):
        for synonym in np.round(np.arange(0.30, 0.81, 0.05), 2):
            for checker, _ in made.values():
                checker.coverage, checker.synonym = float(coverage), float(synonym)
            judged = [judge(*made[r["article"]], r) for r in rows]
            s = score(rows, judged)
            key = (s["recall"] >= 0.85, s["precision"], s["recall"])
            if best is None or key > best:
                best, chosen = key, {"coverage": float(coverage), "synonym": float(synonym)} | s
    return chosen, {}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m assistant.evaluation.claims", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("claims", type=Path, help="a labelled claims file (JSONL)")
    p.add_argument("--grid", action="store_true", help="choose the constants (tuning half!)")
    args = p.parse_args(argv)
    assert shipped_article_path().is_file()
    rows = load_claims(args.claims)
    made = checkers(rows)
    if args.grid:
        chosen, _ = grid(rows, made)
        print(json.dumps(chosen, indent=2))
        return 0
    judged, ms = run(rows, made)
    result = score(rows, judged) | {"ms_per_claim_p50": ms}
    missed = Counter(
        r["kind"] for r, f in zip(rows, judged, strict=True) if f != (not r["supported"])
    )
    result["wrong_by_kind"] = dict(sorted(missed.items()))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
