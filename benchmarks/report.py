"""Turn the collected figures into ratios and a Markdown report.

Quality figures are :func:`assistant.evaluation.metrics.aggregate`'s metrics, under
the same names; a figure that has nothing to average over is ``None`` ("n/a").
"""

from __future__ import annotations

# (label, path into a system's result, format, what it means)
ROWS: list[tuple[str, tuple[str, ...], str]] = [
    ("Cold start, parent (s)", ("cold_start", "parent_s"), "{:.2f}"),
    ("Cold start, since process start (s)", ("cold_start", "since_process_start_s"), "{:.2f}"),
    ("Index build in memory (s)", ("build_s",), "{:.2f}"),
    ("Index build, second article (s)", ("build_second_s",), "{:.2f}"),
    ("Chunks", ("chunks",), "{:d}"),
    ("Latency p50 (ms)", ("latency", "p50_ms"), "{:.1f}"),
    ("Latency p95 (ms)", ("latency", "p95_ms"), "{:.1f}"),
    ("RSS at first answer (MiB)", ("cold_start", "rss_at_first_answer_mb"), "{:.0f}"),
    ("Peak RSS (MiB)", ("peak_rss_mb",), "{:.0f}"),
    ("Chunks retrieved (mean k)", ("quality", "passages_mean"), "{:.1f}"),
    ("Retrieval hit@1", ("quality", "hit_at_1"), "{:.2f}"),
    ("Retrieval hit@k", ("quality", "hit_rate"), "{:.2f}"),
    ("Retrieval MRR", ("quality", "mrr"), "{:.2f}"),
    ("Citation recall", ("quality", "citation_recall"), "{:.2f}"),
    ("Mean chars per citation", ("quality", "mean_citation_chars"), "{:.0f}"),
    ("Answer accuracy", ("quality", "answer_accuracy"), "{:.2f}"),
    ("Refusal accuracy", ("quality", "refusal_accuracy"), "{:.2f}"),
]


def get(d: dict, path: tuple[str, ...]):
    for key in path:
        d = d[key]
    return d


def ratio(a: float | None, b: float | None) -> float | None:
    """``a / b``, or None when either is missing or ``b`` is zero."""
    return a / b if a is not None and b else None


def ratios(ours: dict, baseline: dict) -> dict[str, float | None]:
    """ours / baseline for every row of the table."""
    return {".".join(path): ratio(get(ours, path), get(baseline, path)) for _, path, _ in ROWS}


def _fmt(fmt: str, value) -> str:
    if value is None:
        return "n/a"
    return fmt.format(int(value) if fmt == "{:d}" else value)


def _ratio(r: float | None) -> str:
    return "–" if r is None else f"{r:.2f}×"


def markdown(results: dict) -> str:
    """The results as Markdown: the machine, the main table, the scaling table."""
    m, ours, base = results["machine"], results["ours"], results["baseline"]
    out = [
        f"# Benchmark results ({results['mode']})",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']},"
        f" {m['platform']}. Date: {m['date_utc']}. Dev set: {results['dev_items']} items,"
        f" {results['reps']} warm repetition(s).",
        "",
        "| Figure | Baseline (llama-index defaults) | Ours (shipped default) | Ours / baseline |",
        "|---|---:|---:|---:|",
    ]
    rat = results["ratios"]
    for label, path, fmt in ROWS:
        out.append(
            f"| {label} | {_fmt(fmt, get(base, path))} | {_fmt(fmt, get(ours, path))} "
            f"| {_ratio(rat['.'.join(path)])} |"
        )
    out += _targets(results) + _scaling(results.get("scaling")) + _web(results.get("web_start"))
    out += ["", *results.get("notes", [])]
    return "\n".join(out) + "\n"


def _scaling(rows: list | None) -> list[str]:
    """The scaling table's lines (none when scaling was not run)."""
    if not rows:
        return []
    out = [
        "",
        "## Scaling (synthetic corpus: perturbed copies of the article)",
        "",
        "| Size | Chars | Chunks base / ours | Build base (s) | Build ours (s) "
        "| p50 base (ms) | p50 ours (ms) | p95 base (ms) | p95 ours (ms) "
        "| Peak RSS base / ours (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        b, o = row["baseline"], row["ours"]
        out.append(
            f"| {row['factor']}× | {o['chars']:,} | {b['chunks']} / {o['chunks']} "
            f"| {b['build_s']:.2f} | {o['build_s']:.2f} "
            f"| {b['latency']['p50_ms']:.1f} | {o['latency']['p50_ms']:.1f} "
            f"| {b['latency']['p95_ms']:.1f} | {o['latency']['p95_ms']:.1f} "
            f"| {b['peak_rss_mb']:.0f} / {o['peak_rss_mb']:.0f} |"
        )
    return out


def _web(web: dict | None) -> list[str]:
    """The web start-up table's lines (none when it was not measured)."""
    if not web:
        return []
    return [
        "",
        "## Web chat start-up",
        "",
        "| `import gradio` (s) | `app.py` to first HTTP 200 (s) | Ratio | Answerer ready (s) |",
        "|---:|---:|---:|---:|",
        f"| {web['import_gradio_s']:.2f} | {web['first_200_s']:.2f} | {web['ratio']:.2f}× "
        f"| {web['ready_s']:.2f} |",
    ]


# Issue 19's targets: (label, the figure, at most, unit)
TARGETS = [
    ("Per question, warm, 10× article: p50", "scale-10", 12.0, "ms"),
    ("Per question, warm, 100× article: p50", "scale-100", 20.0, "ms"),
    ("Cold `ask` / `import llama_index.core` (wall, paired)", "cold", 1.3, "×"),
    ("First question in another language, 60,000-char own article", "own", 3.0, "s"),
]


def _figures(results: dict) -> dict[str, tuple[float | None, str]]:
    """Each target's figure for ours, and the baseline's beside it (as text)."""
    out: dict[str, tuple[float | None, str]] = {}
    for row in results.get("scaling") or []:
        base = row["baseline"]["latency"]["p50_ms"]
        beside = f"baseline {base:.1f} ms"
        out[f"scale-{row['factor']}"] = (row["ours"]["latency"]["p50_ms"], beside)
    cold = results.get("cold_ask")
    if cold:
        times = f"import {cold['import_llama_index_s']:.2f} s, ask {cold['ask_s']:.2f} s"
        out["cold"] = (cold["ratio"], times)
    own = results.get("own_article")
    if own and "first_question_s" in own:
        out["own"] = (own["first_question_s"], f"vectors ready after {own['vectors_s']:.1f} s")
    return out


def _targets(results: dict) -> list[str]:
    """Issue 19's targets, each with its figure in this run and whether it is met."""
    figures = _figures(results)
    if not figures:
        return []
    out = [
        "",
        "## Targets (issue 19)",
        "",
        "| Figure | Ours | Beside it | Target | Met |",
        "|---|---:|---|---:|---|",
    ]
    for label, key, most, unit in TARGETS:
        if key not in figures:
            continue
        value, beside = figures[key]
        shown = f"{value:.2f}{unit}" if unit == "×" else f"{value:.1f} {unit}"
        limit = f"≤ {most}{unit}" if unit == "×" else f"≤ {most:g} {unit}"
        met = "yes" if value <= most else "no"
        out.append(f"| {label} | {shown} | {beside} | {limit} | {met} |")
    return out
