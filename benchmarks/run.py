"""``python -m benchmarks``: run every measured program in its own subprocess.

Full mode: cold start, in-memory build, warm latency (5 repetitions of the dev
set), peak RSS and quality for the baseline and ours, plus scaling over synthetic
corpora 1×, 10× and 100× the article. ``--smoke``: one repetition, no scaling.
Writes ``results.json`` and ``results.md`` (``results-smoke.*`` in smoke mode).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.cold import measure_cold_start
from benchmarks.machine import machine
from benchmarks.report import markdown, ratios
from benchmarks.web import measure_web_start

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEV = Path(os.environ.get("BENCH_DEV", "/work/shared/eval/dev.jsonl"))
DEFAULT_OUT = Path(__file__).resolve().parent / "results"
NOTES = [
    "Notes:",
    "",
    "- Each program runs in its own Python subprocess. *Cold start, parent* is measured by the"
    " parent from spawning the process to the child's `READY` line (after the first dev"
    " question is answered); *since process start* is measured in the child from the kernel's"
    " process start time (`/proc/self/stat`, 10 ms resolution).",
    "- Baseline: `Document(text=article)` → `SentenceSplitter()` (1024-token chunks) →"
    " `VectorStoreIndex(embed_model=MiniLM)` → `as_retriever(similarity_top_k=2)`; it has no"
    " persisted index, so its cold start includes building one. Its *answer* is the retrieved"
    " chunks' text and its citations are the chunks; answer accuracy therefore only asks"
    " whether the required words occur somewhere in about 7,000 retrieved characters, which"
    " favours it. It cannot refuse (refusal accuracy 0) and retrieves with the question alone.",
    "- Ours: the shipped default (`load_assistant`, extractive answerer, hybrid MiniLM + BM25"
    " retrieval, multilingual ranker where installed) over a temporary copy of `index/`."
    " Latency is `Assistant.ask` per question.",
    "- Index build: fastest of up to 3 in-memory builds from the article text (parse, split,"
    " embed, index; for ours also BM25 and the IDF table, without the multilingual vectors).",
    "- Quality: a retrieved chunk or citation is relevant when its character span overlaps a"
    " support span of the dev item. hit@k uses each system's own k (mean k in the table).",
    "- Scaling: the article body repeated N times, copy i with capitalised words suffixed and"
    " digits shifted by i, parsed as one article; ours = `build_index` + `HybridRetriever` +"
    " extractive answerer (no multilingual ranker), baseline = the pipeline above. One build,"
    " one pass over the dev questions (so a word met for the first time counts).",
    "- Cold ask: `python -m assistant ask QUESTION` (offline answerer, the committed index)"
    ' from spawning to exit, against `python -c "import llama_index.core"`, run in turn;'
    " medians, and the median of the pairs' ratios (7 pairs; 1 in smoke mode).",
    "- Own article: 60,000 characters (the web chat's limit) indexed in memory as the web"
    " chat does; a Spanish question asked at once (it waits at most 2 s for the multilingual"
    " vectors, computed in the background, then is answered without them), and another once"
    " they are ready.",
    "- Web start: `python app.py` (offline answerer) from spawning to its first HTTP 200 on `/`,"
    " and to its `Answerer:` line (models and index loaded), against a new process running"
    ' `python -c "import gradio"`; medians of alternating runs (3; 1 in smoke mode).',
]


def run_child(args: list[str], timeout: float) -> dict:
    """Run ``python -m benchmarks.child ARGS``; return its JSON plus the parent's cold start."""
    cmd = [sys.executable, "-m", "benchmarks.child", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    ready = None
    lines = []
    for line in proc.stdout:
        if line.strip() == "READY" and ready is None:
            ready = time.perf_counter() - t0
        else:
            lines.append(line)
    err = proc.stderr.read()
    proc.wait(timeout=timeout)
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    out = json.loads(lines[-1])
    if ready is not None:
        out["cold_start"]["parent_s"] = ready
    out["wall_s"] = time.perf_counter() - t0
    return out


def measure_own(timeout: float) -> dict:
    """``python -m benchmarks.own`` in its own process (:mod:`benchmarks.own`)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.own"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmarks.own failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--smoke", action="store_true", help="one repetition, no scaling (CI)")
    p.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="dev set (JSONL)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the results")
    p.add_argument("--reps", type=int, help="warm repetitions of the dev set (default 5)")
    p.add_argument("--factors", default="1,10,100", help="scaling sizes, e.g. 1,10,50")
    p.add_argument("--timeout", type=float, default=1800.0)
    args = p.parse_args(argv)
    if not args.dev.is_file():
        p.error(f"dev set not found: {args.dev} (pass --dev or set BENCH_DEV)")
    args.reps = args.reps or (1 if args.smoke else 5)
    args.factors = [] if args.smoke else [int(f) for f in args.factors.split(",") if f.strip()]
    return args


def measure_systems(args: argparse.Namespace) -> dict:
    """Both systems' full run (cold start, builds, latency, quality) over a copy of index/."""
    out = {}
    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
        index_copy = Path(tmp) / "index"
        shutil.copytree(ROOT / "index", index_copy)
        common = ["--dev", str(args.dev), "--reps", str(args.reps)]
        for system in ("baseline", "ours"):
            log(f"{system}: cold start, build, latency, quality")
            out[system] = run_child(
                ["full", system, *common, "--index-dir", str(index_copy)], args.timeout
            )
    return out


def measure_scaling(args: argparse.Namespace) -> list[dict]:
    """Build and query both systems over synthetic corpora ``factor`` times the article."""
    rows = []
    for factor in args.factors:
        row = {"factor": factor}
        for system in ("baseline", "ours"):
            log(f"{system}: scaling {factor}x")
            row[system] = run_child(
                ["scale", system, "--dev", str(args.dev), "--reps", "1", "--factor", str(factor)],
                args.timeout,
            )
        row["ratios"] = {
            "build_s": row["ours"]["build_s"] / row["baseline"]["build_s"],
            "p50_ms": row["ours"]["latency"]["p50_ms"] / row["baseline"]["latency"]["p50_ms"],
            "p95_ms": row["ours"]["latency"]["p95_ms"] / row["baseline"]["latency"]["p95_ms"],
        }
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    dev_items = sum(1 for line in args.dev.open(encoding="utf-8") if line.strip())
    results: dict = {"mode": "smoke" if args.smoke else "full", "machine": machine()}
    results.update(dev=str(args.dev), dev_items=dev_items, reps=args.reps)
    results.update(measure_systems(args))
    results["ratios"] = ratios(results["ours"], results["baseline"])
    results["scaling"] = measure_scaling(args)
    log("cold ask, against import llama_index.core, in turn")
    results["cold_ask"] = measure_cold_start(1 if args.smoke else 7)
    if not args.smoke:
        log("a 60,000-character own article: a question in Spanish, multilingual vectors")
        results["own_article"] = measure_own(args.timeout)
    log("web chat: app.py to first HTTP 200, against import gradio")
    results["web_start"] = measure_web_start(1 if args.smoke else 3)
    results["notes"] = NOTES
    args.out.mkdir(parents=True, exist_ok=True)
    stem = "results-smoke" if args.smoke else "results"
    (args.out / f"{stem}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.out / f"{stem}.md").write_text(markdown(results), encoding="utf-8")
    log(f"wrote {args.out / stem}.json and .md")
    print(markdown(results))
    return 0
