"""Fitting the offline answerer's weights and thresholds on a tuning dataset.

``python -m assistant.evaluation.calibration tests/data/tune.jsonl --write`` asks every question,
weighs every passage it was given (:func:`assistant.reader.evidence.gather`), labels a passage
right when it overlaps the item's support quotes, and fits a logistic model to those
labels (L2-regularised, Newton's method). It then asks every question again with those
weights and no threshold, notes for each its confidence and whether the forced answer
was right (``must_include``), and chooses the answer threshold with the best answer
accuracy + refusal accuracy − false refusal rate (the three figures the answerer is
judged by, weighted alike), and the "related" threshold that best tells, among the
questions it declines, whether the closest passage is the one that answers. It writes
``assistant/data/calibration.json``. Only ever run it on the tuning split.

    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]]); y = np.array([0, 0, 1, 1])
    >>> w = fit_logistic(X, y, l2=0.01)
    >>> bool(w[0] < 0 < w[1])
    True
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..config import Config
from ..core.conversation import clean_history
from ..reader.answerer import ExtractiveAnswerer
from ..reader.evidence import weigh_question
from ..reader.model import CALIBRATION, FEATURES, load_calibration
from ..resources import data_path
from ..wiring import load_assistant
from .dataset import load_dataset
from .metrics import overlaps, support_spans
from .scoring import score_item

WEIGHED = ("factoid", "definition", "yesno", "multi")  # kinds the evidence model decides


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """``[bias, w1, ...]`` maximising the L2-penalised log-likelihood (Newton's method)."""
    A = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(A.shape[1])
    penalty = l2 * np.eye(A.shape[1])
    penalty[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(A @ w)))
        grad = A.T @ (p - y) + penalty @ w
        hess = (A * (p * (1 - p))[:, None]).T @ A + penalty
        w -= np.linalg.solve(hess, grad)
    return w


def collect(assistant, items, weights: dict) -> list[dict]:
    """Every passage given for every weighed question: its features (as the answerer
    computes them, :func:`assistant.reader.evidence.weigh_question`) and whether it is right."""
    rows, digest = [], assistant.answerer.digest
    for item in items:
        history = [t.model_dump() for t in item.history]
        trace = assistant.ask(item.question, history).trace
        asked = trace.asked
        if asked is None or asked.kind not in WEIGHED:
            continue
        spans = support_spans(assistant.article.text, item.support)
        starts = sorted(p.start for p in trace.passages)
        indices = [i for i in map(digest.index_of, starts) if i >= 0]
        history = clean_history(history)  # as the answerer was given it
        for _, weighing in weigh_question(asked, history, indices, digest, weights):
            for e in weighing.found:
                right = any(overlaps((e.sentence.start, e.sentence.end), s) for s in spans)
                rows.append({"features": e.features, "label": int(right and item.answerable)})
    return rows


def outcomes(assistant, items, weights: dict) -> list[tuple[float, bool, bool, bool]]:
    """Per weighed question, answered whatever its confidence: ``(confidence, answerable,
    right, cites the support)``."""
    forced = ExtractiveAnswerer(
        assistant.answerer.digest,
        {"weights": weights, "thresholds": {"answer": 0.0, "related": 0.0}},
    )
    probe = replace(assistant, answerer=forced)
    out = []
    for item in items:
        result = probe.ask(item.question, [t.model_dump() for t in item.history])
        if result.trace.confidence is None:
            continue
        rec = score_item(item, result, assistant.article, 0.0)  # the evaluation's own checks
        right, cited = "correct" in rec["checks"]["passed"], rec["cited_support"] > 0
        out.append((result.trace.confidence, item.answerable, right, cited))
    return out


def choose_thresholds(scored: list[tuple[float, bool, bool, bool]]) -> dict:
    """The answer threshold with the best answer + refusal accuracy; the related one."""
    grid = np.round(np.arange(0.02, 0.96, 0.01), 2)

    def accuracy(t: float) -> float:
        """Answer accuracy + refusal accuracy - false refusal rate, the issue's three."""
        right = [c >= t and ok for c, yes, ok, _ in scored if yes]
        declined = [c < t for c, yes, _, _ in scored if yes]
        refused = [c < t for c, yes, _, _ in scored if not yes]
        return float(np.mean(right) + np.mean(refused) - np.mean(declined))

    answer = float(max(grid, key=lambda t: (accuracy(t), -t)))
    below = [(c, yes and cited) for c, yes, _, cited in scored if c < answer]

    def related(t: float) -> float:
        return float(np.mean([(c >= t) == useful for c, useful in below])) if below else 0.0

    lower = [t for t in grid if t < answer]
    return {"answer": answer, "related": float(max(lower, key=related)) if lower else answer}


def calibrate(dataset: Path, l2: float = 1.0) -> dict:
    """Fit the weights and thresholds on ``dataset`` (a tuning split)."""
    assistant = load_assistant(Config.from_env({}))
    items, _, _ = load_dataset(dataset, assistant.article.text)
    rows = collect(assistant, items, load_calibration()["weights"])
    X = np.array([[r["features"][f] for f in FEATURES] for r in rows])
    w = fit_logistic(X, np.array([r["label"] for r in rows]), l2)
    weights = {"bias": round(float(w[0]), 4)} | {
        f: round(float(v), 4) for f, v in zip(FEATURES, w[1:], strict=True)
    }
    scored = outcomes(assistant, items, weights)
    return {
        "note": f"fitted by python -m assistant.evaluation.calibration on {Path(dataset).name}: "
        f"{len(rows)} passages of {len(scored)} questions, L2 {l2}",
        "weights": weights,
        "thresholds": choose_thresholds(scored),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m assistant.evaluation.calibration", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("dataset", type=Path, help="the tuning split, e.g. tests/data/tune.jsonl")
    p.add_argument("--l2", type=float, default=1.0, help="regularisation strength")
    p.add_argument("--write", action="store_true", help="write assistant/data/calibration.json")
    args = p.parse_args(argv)
    result = calibrate(args.dataset, args.l2)
    text = json.dumps(result, indent=2) + "\n"
    print(text, end="")
    if args.write:
        data_path(CALIBRATION).write_text(text, encoding="utf-8")
        print(f"wrote {data_path(CALIBRATION)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
