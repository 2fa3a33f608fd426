"""Quality metrics over the dev set, computed from character spans.

A retrieved chunk or a citation is *relevant* when its span overlaps a support
span (an exact substring of the article):

    >>> spans = support_spans("a b c a b", ["a b"])
    >>> spans
    [(0, 3), (6, 9)]
    >>> overlaps((2, 4), spans), overlaps((3, 6), spans)
    (True, False)
    >>> must_include_ok("In Samarkand, 2022", [["samarkand"], ["2022", "2023"]])
    True
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

Span = tuple[int, int]


def support_spans(article_text: str, support: Sequence[str]) -> list[Span]:
    """Every occurrence of every support string in the article."""
    out: list[Span] = []
    for s in support:
        i = article_text.find(s)
        while s and i >= 0:
            out.append((i, i + len(s)))
            i = article_text.find(s, i + 1)
    return out


def overlaps(span: Span, spans: Sequence[Span]) -> bool:
    """True when ``span`` shares at least one character with one of ``spans``."""
    return any(span[0] < e and s < span[1] for s, e in spans)


def first_relevant_rank(retrieved: Sequence[Span], spans: Sequence[Span]) -> int | None:
    """1-based rank of the first retrieved span that overlaps support, or None."""
    for rank, span in enumerate(retrieved, start=1):
        if overlaps(span, spans):
            return rank
    return None


def must_include_ok(text: str, groups: Sequence[Sequence[str]]) -> bool:
    """Case-insensitive: one string of every group occurs in ``text``."""
    low = text.lower()
    return all(any(s.lower() in low for s in group) for group in groups)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of a non-empty list.

    >>> percentile([1, 2, 3, 4], 50), percentile([1, 2, 3, 4], 95)
    (2, 4)
    """
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return ordered[int(rank) - 1]


def quality(items: Sequence[dict], article_text: str) -> dict[str, float]:
    """Aggregate the per-item records a child collects.

    Each record has ``answerable``, ``support``, ``must_include``, ``retrieved``
    (spans, ranked), ``citations`` (spans), ``answer`` (text) and ``answered``.
    """
    answerable = [it for it in items if it["answerable"]]
    unanswerable = [it for it in items if not it["answerable"]]
    ranks, cited, correct = [], 0, 0
    k_values = []
    for it in answerable:
        spans = support_spans(article_text, it["support"])
        ranks.append(first_relevant_rank(it["retrieved"], spans))
        k_values.append(len(it["retrieved"]))
        cited += any(overlaps(c, spans) for c in it["citations"])
        correct += bool(it["answered"]) and must_include_ok(it["answer"], it["must_include"])
    n = max(len(answerable), 1)
    cite_chars = [c[1] - c[0] for it in items for c in it["citations"]]
    return {
        "answerable_items": len(answerable),
        "unanswerable_items": len(unanswerable),
        "mean_k": statistics.fmean(k_values) if k_values else 0.0,
        "hit_at_1": sum(r == 1 for r in ranks) / n,
        "hit_at_k": sum(r is not None for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "citation_support_overlap": cited / n,
        "mean_chars_per_citation": statistics.fmean(cite_chars) if cite_chars else 0.0,
        "answer_accuracy": correct / n,
        "refusal_accuracy": (
            sum(not it["answered"] for it in unanswerable) / len(unanswerable)
            if unanswerable
            else 0.0
        ),
    }
