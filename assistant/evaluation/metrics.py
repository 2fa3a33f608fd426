"""Every check and metric of the evaluation, defined once (the benchmarks import them).

Spans are character offsets into the article; two spans overlap when they share a
character. An item's record says what came back and which checks passed;
:func:`aggregate` turns a run's records into the metrics defined in docs/evaluation.md:

    >>> support_spans("a b c a b", ["a b"])
    [(0, 3), (6, 9)]
    >>> overlaps((2, 4), (0, 3)), overlaps((3, 6), (0, 3))
    (True, False)
    >>> includes("In SAMARKAND’s centre", [["samarkand's"], ["x", "centre"]])
    True
    >>> percentile([1, 2, 3, 4], 50), percentile([1, 2, 3, 4], 95), percentile([], 50)
    (2.5, 3.85, None)
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import numpy as np

Span = tuple[int, int]

# Per-item checks, in the order reports show them.
CHECKS = ["retrieved", "answered", "correct", "cited_support", "refused", "valid_markers"]
# name -> (format, higher is better); the order is the order of every table.
METRICS = {
    "hit_rate": ("{:.3f}", True),
    "hit_at_1": ("{:.3f}", True),
    "mrr": ("{:.3f}", True),
    "passages_mean": ("{:.1f}", None),
    "answer_accuracy": ("{:.3f}", True),
    "refusal_accuracy": ("{:.3f}", True),
    "false_refusal_rate": ("{:.3f}", False),
    "citation_recall": ("{:.3f}", True),
    "citation_precision": ("{:.3f}", True),
    "mean_citation_chars": ("{:.0f}", None),
    "factoid_answer_chars_p50": ("{:.0f}", False),
    "marker_validity": ("{:.3f}", True),
    "answered_precision": ("{:.3f}", True),
    "alce_citation_recall": ("{:.3f}", True),
    "alce_citation_precision": ("{:.3f}", True),
    "unsupported_claim_rate": ("{:.3f}", False),
    "latency_p50_s": ("{:.3f}", False),
    "latency_p95_s": ("{:.3f}", False),
    "wall_s": ("{:.2f}", False),
    "judge_faithfulness": ("{:.3f}", True),
    "judge_correctness": ("{:.2f}", True),
}


def overlaps(a: Span, b: Span) -> bool:
    """Half-open spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def support_spans(text: str, quotes: Sequence[str]) -> list[Span]:
    """Every place each quote occurs in the article."""
    spans = []
    for quote in quotes:
        at = text.find(quote) if quote else -1
        while at >= 0:
            spans.append((at, at + len(quote)))
            at = text.find(quote, at + 1)
    return spans


def _fold(text: str) -> str:
    return text.replace("’", "'").casefold()


def includes(answer: str, groups: Sequence[Sequence[str]]) -> bool:
    """One string of every group occurs in ``answer`` (case-insensitive, ’ == ')."""
    low = _fold(answer)
    return all(any(_fold(s) in low for s in g) for g in groups)


def missing_groups(answer: str, groups: Sequence[Sequence[str]]) -> list[str]:
    """The first string of every group that ``answer`` lacks (to say why a check failed)."""
    return [g[0] for g in groups if not includes(answer, [g])]


def first_relevant_rank(passages: Sequence[Span], spans: Sequence[Span]) -> int | None:
    """1-based rank of the first passage that overlaps a support span, or None."""
    for rank, p in enumerate(passages, start=1):
        if any(overlaps(p, s) for s in spans):
            return rank
    return None


def percentile(values: Sequence[float], q: float) -> float | None:
    """numpy's linear percentile, rounded to 10 places; None for no values."""
    return round(float(np.percentile(values, q)), 10) if len(values) else None


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def aggregate(records: list[dict], wall_s: float) -> dict:
    """Every metric of one run; ``None`` where a metric has no item to average over.

    Records come from :func:`assistant.evaluation.scoring.score_item`.
    """
    yes = [r for r in records if r["answerable"]]
    no = [r for r in records if not r["answerable"]]
    ans = [r for r in yes if r["answered"]]
    cites = [c for r in ans for c in r["citations"]]
    ranks = [r["first_relevant_rank"] for r in yes]
    markers = sum(r["markers"] for r in records)
    m = {
        "hit_rate": _share(sum(k is not None for k in ranks), len(yes)),
        "hit_at_1": _share(sum(k == 1 for k in ranks), len(yes)),
        "mrr": _share(sum(1 / k for k in ranks if k), len(yes)),
        "passages_mean": statistics.fmean(len(r["passages"]) for r in records) if records else None,
        "answer_accuracy": _share(
            sum("correct" not in r["checks"]["failed"] for r in ans), len(yes)
        ),
        "refusal_accuracy": _share(sum(not r["answered"] for r in no), len(no)),
        "false_refusal_rate": _share(len(yes) - len(ans), len(yes)),
        "citation_recall": _share(sum(r["cited_support"] > 0 for r in ans), len(ans)),
        "citation_precision": _share(sum(r["cited_support_paragraph"] for r in ans), len(cites)),
        "mean_citation_chars": statistics.fmean(c["end"] - c["start"] for c in cites)
        if cites
        else None,
        "factoid_answer_chars_p50": percentile(
            [len(r["answer"]) for r in ans if r.get("asked_kind") == "factoid"], 50
        ),
        "marker_validity": sum(r["valid_markers"] for r in records) / markers if markers else 1.0,
        # of the answers presented, the share that is right (an unanswerable one never is)
        "answered_precision": _share(
            sum("correct" not in r["checks"]["failed"] for r in ans),
            len(ans) + sum(r["answered"] for r in no),
        ),
        "alce_citation_recall": _share(
            sum(r.get("claims_supported", 0) for r in records),
            sum(r.get("claims", 0) for r in records),
        ),
        "alce_citation_precision": _share(
            sum(r.get("citations_relevant", 0) for r in records),
            sum(r.get("citations_written", 0) for r in records),
        ),
        "unsupported_claim_rate": _share(
            sum(r.get("claims_unsupported", 0) for r in records),
            sum(r.get("claims", 0) for r in records),
        ),
        "latency_p50_s": percentile([r["latency_s"] for r in records], 50),
        "latency_p95_s": percentile([r["latency_s"] for r in records], 95),
        "wall_s": wall_s,
    }
    judged = [r["judge"] for r in ans if "judge" in r]
    if judged:
        m["judge_faithfulness"] = _share(sum(bool(j.get("faithful")) for j in judged), len(judged))
        scores = [j["correctness"] for j in judged if j.get("correctness") is not None]
        m["judge_correctness"] = statistics.fmean(scores) if scores else None
    return m
