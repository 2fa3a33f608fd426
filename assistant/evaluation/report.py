"""The evaluation report: the terminal table, and Markdown, HTML and threshold lines.

A report is ``{"dataset", "load_s", "invalid", "runs", "gates"}``; each run has its
``name``, ``config``, ``metrics`` (:func:`.metrics.aggregate`) and ``items`` (records
from :func:`.scoring.score_item`):

    >>> gate_lines([{"run": "default", "metric": "mrr", "min": 0.9, "value": 0.5, "met": False}])
    ['FAIL mrr 0.500 < 0.9 (default)']
"""

from __future__ import annotations

import html

from .metrics import CHECKS, METRICS


def check_gates(runs: list[dict], gates: list[tuple[str, str, float]]) -> list[dict]:
    """Each ``(metric, "min"|"max", threshold)`` against each run; a missing value fails."""
    out = []
    for run in runs:
        for name, kind, limit in gates:
            value = run["metrics"].get(name)
            met = value is not None and (value >= limit if kind == "min" else value <= limit)
            out.append(
                {"run": run["name"], "metric": name, kind: limit, "value": value, "met": met}
            )
    return out


def fmt(name: str, value) -> str:
    return "n/a" if value is None else METRICS[name][0].format(value)


def _shown(runs: list[dict]) -> list[str]:
    return [n for n in METRICS if any(n in r["metrics"] for r in runs)]


def _summary(report: dict) -> str:
    items = report["runs"][0]["items"] if report["runs"] else []
    yes = sum(r["answerable"] for r in items)
    return (
        f"{len(items)} items ({yes} answerable, {len(items) - yes} unanswerable) from "
        f"{report['dataset']}; {len(report['invalid'])} invalid line(s); "
        f"assistant loaded in {report['load_s']:.2f} s"
    )


def gate_lines(gates: list[dict]) -> list[str]:
    """One line per threshold: ``FAIL answer_accuracy 0.812 < 0.9 (top_k=3)``."""
    lines = []
    for g in gates:
        kind = "min" if "min" in g else "max"
        sign = (">=" if kind == "min" else "<=") if g["met"] else ("<" if kind == "min" else ">")
        value = fmt(g["metric"], g["value"])
        tag = "ok  " if g["met"] else "FAIL"
        lines.append(f"{tag} {g['metric']} {value} {sign} {g[kind]:g} ({g['run']})")
    return lines


def render_table(report: dict) -> str:
    """The terminal table: one row per metric, one column per configuration."""
    runs = report["runs"]
    names = [r["name"] for r in runs]
    width = max(len(n) for n in [*METRICS, "metric"])
    cols = [max(9, len(n)) for n in names]
    head = "metric".ljust(width) + "".join(f"  {n:>{w}}" for n, w in zip(names, cols, strict=True))
    lines = [_summary(report), "", head]
    for name in _shown(runs):
        cells = [fmt(name, r["metrics"].get(name)) for r in runs]
        lines.append(
            name.ljust(width) + "".join(f"  {c:>{w}}" for c, w in zip(cells, cols, strict=True))
        )
    for bad in report["invalid"]:
        lines.append(f"invalid line {bad['line']}: {bad['error']}")
    return "\n".join(lines + gate_lines(report["gates"]))


def render_markdown(report: dict) -> str:
    """A report to paste in a pull request: metrics table, then failed checks per item."""
    runs = report["runs"]
    out = [f"### Evaluation: {report['dataset']}", "", _summary(report) + ".", ""]
    out += ["| metric | " + " | ".join(f"`{r['name']}`" for r in runs) + " |"]
    out += ["|---|" + "---:|" * len(runs)]
    for name in _shown(runs):
        out.append(
            f"| {name} | " + " | ".join(fmt(name, r["metrics"].get(name)) for r in runs) + " |"
        )
    for run in runs:
        failed = [r for r in run["items"] if r["checks"]["failed"]]
        out += [
            "",
            f"**Failed checks, `{run['name']}`** ({len(failed)} of {len(run['items'])} items)",
        ]
        out += [
            f"- `{r['id']}` {', '.join(r['checks']['failed'])}: {r['question']}" for r in failed
        ]
    if report["invalid"]:
        out += ["", "**Invalid lines**"] + [
            f"- line {b['line']}: {b['error']}" for b in report["invalid"]
        ]
    if report["gates"]:
        out += ["", "**Thresholds**"] + [f"- {line}" for line in gate_lines(report["gates"])]
    return "\n".join(out) + "\n"


CSS = """body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}
td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.bar{background:#4a7bd0;height:10px;display:inline-block;margin-right:6px}
.c{display:inline-block;width:14px;height:14px;margin:1px;border-radius:2px}
.pass{background:#3a9d5d}.fail{background:#d0463b}.na{background:#ccc}small{color:#666}
td.q{min-width:22em}"""


def _metric_rows(runs: list[dict]) -> str:
    """One row per metric: a bar and the value for each configuration."""
    rows = []
    for name in _shown(runs):
        values = [r["metrics"].get(name) for r in runs]
        top = max([v for v in values if v is not None] or [1]) or 1
        scale = 1 if METRICS[name][1] and top <= 1 else top
        cells = "".join(
            f'<td><span class="bar" style="width:{120 * (v or 0) / scale:.0f}px"></span>'
            f"{fmt(name, v)}</td>"
            for v in values
        )
        rows.append(f"<tr><th>{name}</th>{cells}</tr>")
    return "".join(rows)


def _grid_rows(runs: list[dict], checks: list[str]) -> str:
    """One row per item: a square per check for each configuration."""
    e, rows = html.escape, []
    for n, item in enumerate(runs[0]["items"] if runs else []):
        cells = "".join(
            "<td>"
            + "".join(
                f'<span class="c {s}" title="{c}: {s}"></span>'
                for c in checks
                for s in [_state(r["items"][n], c)]
            )
            + "</td>"
            for r in runs
        )
        q = f"<td class='q'>{e(item['question'])}</td>"
        rows.append(f"<tr><td>{e(item['id'])}</td>{q}{cells}</tr>")
    return "".join(rows)


def render_html(report: dict) -> str:
    """One self-contained page: metric bars per configuration, then a pass/fail grid."""
    e, runs = html.escape, report["runs"]
    seen = {c for r in runs for i in r["items"] for c in _checks(i)}
    checks = [c for c in CHECKS if c in seen]
    heads = "".join(f"<th>{e(r['name'])}</th>" for r in runs)
    invalid = "".join(f"<li>line {b['line']}: {e(b['error'])}</li>" for b in report["invalid"])
    gates = "".join(f"<li>{e(line)}</li>" for line in gate_lines(report["gates"]))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Evaluation</title>"
        f"<style>{CSS}</style></head><body><h1>Evaluation</h1><p>{e(_summary(report))}</p>"
        f"<h2>Metrics</h2><table><tr><th>metric</th>{heads}</tr>{_metric_rows(runs)}</table>"
        f"<h2>Items</h2><p><small>squares, in order: {', '.join(checks)} "
        "(green: passed, red: failed, grey: does not apply)</small></p>"
        f"<table><tr><th>id</th><th>question</th>{heads}</tr>{_grid_rows(runs, checks)}</table>"
        + (f"<h2>Invalid lines</h2><ul>{invalid}</ul>" if invalid else "")
        + (f"<h2>Thresholds</h2><ul>{gates}</ul>" if gates else "")
        + "</body></html>\n"
    )


def _checks(item: dict) -> list[str]:
    return item["checks"]["passed"] + item["checks"]["failed"]


def _state(item: dict, check: str) -> str:
    if check in item["checks"]["failed"]:
        return "fail"
    return "pass" if check in item["checks"]["passed"] else "na"
