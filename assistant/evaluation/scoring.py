"""Scoring one answered item: its record, and which checks passed.

Checks for an answerable item: ``retrieved`` (a passage given to the answerer overlaps
a support span), ``answered``, ``correct`` (answered, with one string of every
``must_include`` group), ``cited_support`` (a citation overlaps a support span) and
``valid_markers``; for an unanswerable one, ``refused`` and ``valid_markers``:

    >>> from assistant.article.article import parse_article
    >>> from assistant.core.result import Citation, Result
    >>> from assistant.evaluation.dataset import Item
    >>> art = parse_article("The summit is in Samarkand. Xi will come.")
    >>> item = Item(id="x", question="Where?", answerable=True,
    ...             must_include=[["Samarkand"]], support=["in Samarkand"])
    >>> cite = Citation(1, "The summit is in Samarkand.", 0, 27)
    >>> result = Result("Samarkand [1]", True, [cite], "t")
    >>> record = score_item(item, result, art, 0.01)
    >>> record["checks"]["failed"], verdict(record)
    (['retrieved'], 'failed retrieved (no passage given overlaps the support)')
"""

from __future__ import annotations

from ..core.citations import MARKER
from .metrics import first_relevant_rank, missing_groups, overlaps, support_spans


def _markers(answer: str) -> list[int]:
    return [int(m.group(1)) for m in MARKER.finditer(answer)]


def _support(article, quotes) -> tuple[list, list]:
    """The support spans, and the paragraphs that hold (part of) one."""
    spans = support_spans(article.text, quotes)
    paras = [
        (p.start, p.end)
        for p in article.paragraphs
        if any(overlaps((p.start, p.end), s) for s in spans)
    ]
    return spans, paras


def _checks(item, rec: dict) -> dict:
    """Which checks passed and which failed, for a record."""
    if item.answerable:
        checks = {
            "retrieved": rec["first_relevant_rank"] is not None,
            "answered": rec["answered"],
            "correct": rec["answered"] and not rec["missing"],
            "cited_support": rec["answered"] and rec["cited_support"] > 0,
        }
    else:
        checks = {"refused": not rec["answered"]}
    checks["valid_markers"] = rec["valid_markers"] == rec["markers"]
    return {
        "passed": [k for k, ok in checks.items() if ok],
        "failed": [k for k, ok in checks.items() if not ok],
    }


def score_item(item, result, article, latency_s: float) -> dict:
    """The JSON record of one question: what came back and which checks passed.

    ``result`` is a :class:`~assistant.core.result.Result` (``None`` when asking raised); the
    passages given to the answerer come from its trace.
    """
    spans, paras = _support(article, item.support)
    citations = result.citations if result else []
    trace = result.trace if result and result.trace else None
    passages = [(p.start, p.end) for p in trace.passages] if trace else []
    cites = [(c.start, c.end) for c in citations]
    answer = result.answer if result else ""
    markers = _markers(answer)
    rec = {
        "id": item.id,
        "kind": item.kind,
        "question": item.question,
        "answerable": item.answerable,
        "answer": answer,
        "answered": bool(result and result.answered),
        "citations": [c.to_json() for c in citations],
        "passages": [list(p) for p in passages],
        "query": trace.query if trace else "",
        "asked_kind": getattr(trace.asked, "kind", "") if trace else "",
        "first_relevant_rank": first_relevant_rank(passages, spans),
        "cited_support": sum(any(overlaps(c, s) for s in spans) for c in cites),
        "cited_support_paragraph": sum(any(overlaps(c, p) for p in paras) for c in cites),
        "markers": len(markers),
        "valid_markers": sum(n in {c.id for c in citations} for n in markers),
        "latency_s": latency_s,
    }
    rec |= claim_counts(result.claims if result else ())
    rec["missing"] = missing_groups(answer, item.must_include) if item.answerable else []
    rec["checks"] = _checks(item, rec)
    return rec


def claim_counts(claims) -> dict:
    """What the check made of an answer's claims (those that state something): how many,
    how many the passages they cite support (ALCE's citation recall), how many were left out,
    and of the citations the answerer wrote, how many support their claim (ALCE's citation
    precision: a citation is not counted when others of the claim support it without it)."""
    checked = [c for c in claims if c.supported is not None]
    return {
        "claims": len(checked),
        "claims_supported": sum(bool(c.supported and c.own) for c in checked),
        "claims_unsupported": sum(c.supported is False for c in checked),
        "citations_written": sum(c.written for c in checked),
        "citations_relevant": sum(len(c.cites) for c in checked if c.supported and c.own),
    }


WHY = {
    "retrieved": "no passage given overlaps the support",
    "answered": "declined an answerable question",
    "cited_support": "no citation overlaps the support",
    "refused": "answered a question the article does not answer",
    "valid_markers": "a [n] names no citation",
}


def verdict(rec: dict) -> str:
    """One plain line: ``ok``, or each failed check and why."""
    failed = rec["checks"]["failed"]
    if not failed:
        return "ok"
    why = {**WHY, "correct": "the answer lacks " + ", ".join(repr(m) for m in rec["missing"])}
    if "answered" in failed:
        why["correct"] = "not answered"
    return "failed " + "; ".join(f"{check} ({why[check]})" for check in failed)
