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


def test_smoke_measures_a_cold_ask_against_importing_llama_index(smoke):
    results, out = smoke
    cold = results["cold_ask"]
    assert cold["ask_s"] > 0 and cold["import_llama_index_s"] > 0 and cold["ratio"] > 0
    report = (out / "results-smoke.md").read_text(encoding="utf-8")
    assert "## Targets (issue 19)" in report and "Cold `ask`" in report


def test_the_targets_table_shows_each_figure_beside_its_baseline():
    from benchmarks.report import _targets

    results = {
        "scaling": [
            {
                "factor": f,
                "baseline": {"latency": {"p50_ms": 4.0}},
                "ours": {"latency": {"p50_ms": v}},
            }
            for f, v in ((10, 9.5), (100, 25.0))
        ],
        "cold_ask": {"ratio": 1.1, "ask_s": 1.2, "import_llama_index_s": 1.1},
        "own_article": {"first_question_s": 2.0, "vectors_s": 8.0},
    }
    lines = "\n".join(_targets(results))
    assert "| 9.5 ms | baseline 4.0 ms | ≤ 12 ms | yes |" in lines
    assert "| 25.0 ms | baseline 4.0 ms | ≤ 20 ms | no |" in lines
    assert "1.10×" in lines and "| 2.0 s |" in lines
