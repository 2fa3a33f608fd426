"""The benchmark harness: its metrics, its synthetic corpus, and the smoke run's output shape.

The smoke run measures real subprocesses, so it checks structure (keys present,
figures positive), never wall-clock limits.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmarks.report import ROWS, get
from benchmarks.synthetic import perturb, synthetic_text
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # starts a server, a browser or a child process


def test_quality_rows_are_the_evaluation_metrics():
    from assistant.evaluation.metrics import METRICS

    quality_keys = {path[1] for _, path, _ in ROWS if path[0] == "quality"}
    assert quality_keys and quality_keys <= set(METRICS)


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
        ("build_second_s",),
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


def test_smoke_measures_the_web_chat_start_against_import_gradio(smoke):
    results, out = smoke
    web = results["web_start"]
    assert web["import_gradio_s"] > 0 and web["first_200_s"] > 0
    assert web["ready_s"] > 0
    assert web["ratio"] == pytest.approx(web["first_200_s"] / web["import_gradio_s"])
    assert "Web chat start-up" in (out / "results-smoke.md").read_text(encoding="utf-8")
