"""The benchmark harness: its metrics, its synthetic corpus, and the smoke run's output shape.

The smoke run measures real subprocesses, so it checks structure (keys present,
figures positive), never wall-clock limits.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.metrics import first_relevant_rank, must_include_ok, quality, support_spans
from benchmarks.report import ROWS, get
from benchmarks.synthetic import perturb, synthetic_text

ROOT = Path(__file__).resolve().parent.parent


def test_first_relevant_rank_uses_span_overlap():
    spans = support_spans("abcdefghij", ["def"])
    assert first_relevant_rank([(0, 3), (5, 9)], spans) == 2
    assert first_relevant_rank([(0, 3)], spans) is None


def test_must_include_needs_every_group():
    assert must_include_ok("Samarkand in 2022", [["samarkand"], ["2022"]])
    assert not must_include_ok("Samarkand", [["samarkand"], ["2022"]])


def test_quality_counts_refusals_and_citations():
    text = "Xi met Putin in Samarkand."
    items = [
        {
            "answerable": True,
            "support": ["in Samarkand"],
            "must_include": [["Samarkand"]],
            "retrieved": [(0, 12), (13, 26)],
            "citations": [(13, 26)],
            "answer": "in Samarkand.",
            "answered": True,
        },
        {
            "answerable": False,
            "support": [],
            "must_include": [],
            "retrieved": [(0, 12)],
            "citations": [],
            "answer": "The article does not say.",
            "answered": False,
        },
    ]
    q = quality(items, text)
    assert q["hit_at_1"] == 0.0 and q["hit_at_k"] == 1.0 and q["mrr"] == 0.5
    assert q["citation_support_overlap"] == 1.0 and q["answer_accuracy"] == 1.0
    assert q["refusal_accuracy"] == 1.0 and q["mean_chars_per_citation"] == 13


def test_synthetic_copies_differ_but_keep_size(article):
    text = synthetic_text(article.text, 3)
    copies = text.strip().split("\n\n")
    assert len(text) > 2.9 * len(article.text.strip())
    assert perturb(article.text, 1) != article.text
    assert len(set(copies)) == len(copies)


@pytest.fixture(scope="module")
def smoke(tmp_path_factory, article):
    """Run ``python -m benchmarks --smoke`` on a three-item dev set built from the article."""
    tmp = tmp_path_factory.mktemp("bench")
    first = article.sentences[1].text
    dev = tmp / "dev.jsonl"
    rows = [
        {
            "id": "t1",
            "question": "Where is the SCO summit held?",
            "answerable": True,
            "must_include": [["Samarkand"]],
            "support": ["Samarkand"],
        },
        {
            "id": "t2",
            "question": first,
            "answerable": True,
            "must_include": [[first.split()[0]]],
            "support": [first],
        },
        {
            "id": "t3",
            "question": "What is the capital of Peru?",
            "answerable": False,
            "must_include": [],
            "support": [],
        },
    ]
    dev.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp / "out"
    subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--dev", str(dev), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads((out / "results-smoke.json").read_text(encoding="utf-8")), out


def test_smoke_writes_json_and_markdown(smoke):
    results, out = smoke
    assert (out / "results-smoke.md").read_text(encoding="utf-8").startswith("# Benchmark")
    assert results["mode"] == "smoke" and results["scaling"] == []
    for key in ("nproc", "cpu", "ram_gib", "python", "date_utc"):
        assert results["machine"][key]


@pytest.mark.parametrize("system", ["baseline", "ours"])
def test_smoke_figures_are_positive(smoke, system):
    results, _ = smoke
    fig = results[system]
    for _, path, _ in ROWS:
        value = get(fig, path)
        assert isinstance(value, (int, float))
        assert value >= 0
    for path in [
        ("cold_start", "parent_s"),
        ("cold_start", "since_process_start_s"),
        ("build_s",),
        ("latency", "p50_ms"),
        ("latency", "p95_ms"),
        ("peak_rss_mb",),
        ("chunks",),
    ]:
        assert get(fig, path) > 0, path
    assert fig["latency"]["n"] == 3


def test_smoke_ratios_cover_every_row(smoke):
    results, _ = smoke
    assert set(results["ratios"]) == {".".join(path) for _, path, _ in ROWS}
    assert results["ratios"]["build_s"] > 0
