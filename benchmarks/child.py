"""One measured program, run in its own process by :mod:`benchmarks.run`.

``python -m benchmarks.child full ours --dev dev.jsonl --index-dir DIR --reps 5``
answers the first dev question as a user would (cold start), prints ``READY``,
then measures the in-memory index builds, warm per-question latency and quality.
``python -m benchmarks.child scale baseline --factor 10 --dev dev.jsonl`` builds
over a synthetic corpus ``factor`` times the article and times the dev questions.
The last line printed is the JSON result. Quality is scored by
:mod:`assistant.evaluation` (the benchmarks define no metric of their own).
"""

from __future__ import annotations

import time

T_MAIN = time.perf_counter()  # as early as this module runs

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SECOND_ARTICLE = ROOT / "tests" / "data" / "second_article.txt"


def since_process_start() -> float:
    """Seconds since the kernel started this process (10 ms resolution)."""
    ticks = os.sysconf("SC_CLK_TCK")
    with open("/proc/self/stat") as f:
        start = int(f.read().rsplit(")", 1)[1].split()[19]) / ticks
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start


def rss_mb(field: str = "VmHWM") -> float:
    """Peak (``VmHWM``) or current (``VmRSS``) resident memory of this process, in MiB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def read_dev(path: Path) -> list:
    """The dev set's valid items (:func:`assistant.evaluation.dataset.load_dataset`)."""
    from assistant.article.article import load_article
    from assistant.evaluation.dataset import load_dataset

    items, _, _ = load_dataset(path, load_article().text)
    return items


def latency_summary(seconds: list[float]) -> dict[str, float]:
    from assistant.evaluation.metrics import percentile

    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95),
        "mean_ms": statistics.fmean(ms),
        "n": len(ms),
    }


def make_system(name: str, index_dir: str | None):
    """Load ``name`` as a user would: ours from its index, the baseline by building."""
    from benchmarks.systems import Baseline, Ours

    if name == "ours":
        return Ours.load_default(Path(index_dir))
    from assistant.article.article import load_article
    from assistant.index.embedder import load_minilm

    system = Baseline(load_minilm())
    system.build(load_article())
    return system


def timed_build(system, text: str, reps: int) -> float:
    """Fastest of ``reps`` in-memory builds from raw text (parse, split, embed, index)."""
    from assistant.article.article import parse_article

    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        system.build(parse_article(text))
        best = min(best, time.perf_counter() - t0)
    return best


def _history(item) -> list[dict]:
    return [t.model_dump() for t in item.history]


def measure_questions(system, items, reps: int, article) -> tuple[list[float], list[dict]]:
    """Per-question latencies over ``reps`` passes; the first pass's scored records."""
    from assistant.evaluation.scoring import score_item

    records, seconds = [], []
    for rep in range(reps):
        for item in items:
            t = time.perf_counter()
            result = system.ask(item.question, _history(item))
            seconds.append(time.perf_counter() - t)
            if rep == 0:
                records.append(score_item(item, result, article, seconds[-1]))
    return seconds, records


def full(args: argparse.Namespace) -> dict:
    items = read_dev(args.dev)
    t0 = time.perf_counter()
    system = make_system(args.system, args.index_dir)
    t_loaded = time.perf_counter()
    system.ask(items[0].question, _history(items[0]))
    cold = {
        "since_process_start_s": since_process_start(),
        "since_module_start_s": time.perf_counter() - T_MAIN,
        "load_s": t_loaded - t0,
        "first_answer_s": time.perf_counter() - t_loaded,
        "rss_at_first_answer_mb": rss_mb(),
    }
    print("READY", flush=True)

    from assistant.article.article import load_article
    from assistant.evaluation.metrics import aggregate
    from benchmarks.systems import Baseline, Ours

    article = load_article()
    t = time.perf_counter()
    seconds, records = measure_questions(system, items, args.reps, article)
    quality = aggregate(records, time.perf_counter() - t)
    # Built after the latency runs, so the discarded indexes cannot slow the questions.
    kind = Ours if args.system == "ours" else Baseline
    build_s = timed_build(kind(system.embed_model), article.text, min(args.reps, 3))
    second = SECOND_ARTICLE.read_text(encoding="utf-8")
    build_second_s = timed_build(kind(system.embed_model), second, min(args.reps, 3))
    return {
        "system": args.system,
        "chunks": system.chunks,
        "cold_start": cold,
        "build_s": build_s,
        "build_second_s": build_second_s,
        "second_article_chars": len(second),
        "latency": latency_summary(seconds),
        "quality": quality,
        "peak_rss_mb": rss_mb(),
        "items": [{k: r[k] for k in ("id", "answered", "citations", "passages")} for r in records],
    }


def scale(args: argparse.Namespace) -> dict:
    from assistant.article.article import load_article
    from assistant.index.embedder import load_minilm
    from benchmarks.synthetic import synthetic_text
    from benchmarks.systems import Baseline, Ours

    items = read_dev(args.dev)
    text = synthetic_text(load_article().text, args.factor)
    embed = load_minilm()
    system = Ours(embed) if args.system == "ours" else Baseline(embed)
    build_s = timed_build(system, text, 1)
    seconds = []
    for _ in range(args.reps):
        for item in items:
            t = time.perf_counter()
            system.ask(item.question, _history(item))
            seconds.append(time.perf_counter() - t)
    return {
        "system": args.system,
        "factor": args.factor,
        "chars": len(text),
        "chunks": system.chunks,
        "build_s": build_s,
        "latency": latency_summary(seconds),
        "peak_rss_mb": rss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.child")
    p.add_argument("task", choices=["full", "scale"])
    p.add_argument("system", choices=["ours", "baseline"])
    p.add_argument("--dev", type=Path, required=True)
    p.add_argument("--index-dir")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--factor", type=int, default=10)
    args = p.parse_args(argv)
    out = full(args) if args.task == "full" else scale(args)
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
