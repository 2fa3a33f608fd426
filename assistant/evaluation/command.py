"""The ``eval`` command: ask every item, score it, aggregate, report, check thresholds.

The models are loaded once and every article once; each ``--compare`` configuration
only builds its own assistant over them:

    >>> parse_spec("top_k=3,retriever=dense")
    {'top_k': 3, 'retriever': 'dense'}
    >>> parse_gate("answer_accuracy=0.9")
    ('answer_accuracy', 0.9)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..article.article import load_article
from ..config import Config
from ..errors import AssistantError, DatasetError
from ..index.retrieval import MODES
from ..wiring import (
    ANSWERERS,
    answerer_name,
    build_assistant,
    index_article,
    index_dir_for,
    load_models,
    open_article,
)
from . import report as reports
from .dataset import load_dataset
from .judge import make_judge
from .metrics import METRICS, aggregate
from .scoring import score_item, verdict

SPEC_KEYS = {
    "top_k": "N (N >= 1)",
    "retriever": "|".join(MODES),
    "answerer": "|".join(ANSWERERS),
}
OLD_KEYS = {"backend": "answerer"}  # the names before 0.2


def parse_spec(spec: str) -> dict:
    """``"top_k=6,retriever=dense"`` -> overrides (keys: top_k, retriever, answerer)."""
    out: dict = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        key, _, value = (s.strip() for s in part.partition("="))
        key = OLD_KEYS.get(key, key)
        ok = key in SPEC_KEYS and (value.isdigit() and int(value) >= 1 if key == "top_k" else True)
        ok = ok and (key == "top_k" or value in SPEC_KEYS[key].split("|"))
        if not ok:
            wanted = ", ".join(f"{k}={v}" for k, v in SPEC_KEYS.items())
            raise AssistantError(f"--compare {spec!r}: {part!r} is not a setting; use {wanted}.")
        out[key] = int(value) if key == "top_k" else value
    if not out:
        raise AssistantError(f"--compare {spec!r} names no setting (e.g. top_k=3,retriever=bm25).")
    return out


def parse_gate(gate: str) -> tuple[str, float]:
    """``"answer_accuracy=0.9"`` -> ``("answer_accuracy", 0.9)``; the metric must exist."""
    name, _, value = gate.partition("=")
    try:
        threshold = float(value)
    except ValueError:
        threshold = None
    if name.strip() not in METRICS or threshold is None:
        names = ", ".join(METRICS)
        raise AssistantError(
            f"Threshold {gate!r} must be METRIC=NUMBER with METRIC one of {names}."
        )
    return name.strip(), threshold


def evaluate_run(name: str, assistants: dict, items, judge=None) -> dict:
    """Ask every item with one configuration; the run's records and metrics.

    ``assistants`` maps an item's ``article`` name to the assistant for that article.
    """
    for assistant in assistants.values():  # warm-up: first calls pay one-off set-up costs
        assistant.retriever.retrieve(items[0].question)
    records, t0 = [], time.perf_counter()
    for n, item in enumerate(items, start=1):
        assistant = assistants[item.article]
        t = time.perf_counter()
        history = [turn.model_dump() for turn in item.history]
        try:
            result, error = assistant.ask(item.question, history), None
        except AssistantError as exc:
            result, error = None, str(exc)
        rec = score_item(item, result, assistant.article, time.perf_counter() - t)
        if error:
            rec["error"] = error
        if judge is not None and item.answerable and rec["answered"]:
            rec["judge"] = judge(item, rec)
        records.append(rec)
        print(f"[{name}] {n}/{len(items)} {item.id}: {verdict(rec)}", file=sys.stderr, flush=True)
    return {"name": name, "metrics": aggregate(records, time.perf_counter() - t0), "items": records}


def _index_articles(models, config: Config, items, articles) -> tuple[dict, float]:
    """Each article the items name, indexed once (``""``: the configured article)."""
    t0 = time.perf_counter()
    indexed = {"": open_article(models, config)}
    for name in sorted({i.article for i in items} - {""}):
        article = load_article(articles.path(name))
        indexed[name] = index_article(
            models, article, index_dir_for(config.with_(article=articles.path(name)), article)
        )
    return indexed, time.perf_counter() - t0


def run(args, config: Config) -> int:
    """The ``eval`` command: 0 when every line was valid and every threshold is met."""
    gates = [(n, "min", v) for n, v in map(parse_gate, args.min)]
    gates += [(n, "max", v) for n, v in map(parse_gate, args.max)]
    specs = [(s, parse_spec(s)) for s in args.compare or []] or [("default", {})]
    judge = make_judge(config) if args.judge else None
    items, invalid, articles = load_dataset(args.dataset, load_article(config.article).text)
    for bad in invalid:
        print(f"{args.dataset}: line {bad['line']}: {bad['error']}", file=sys.stderr)
    if not items:
        raise DatasetError(f"{args.dataset} has no valid item to evaluate.")
    models = load_models(config)
    indexed, index_s = _index_articles(models, config, items, articles)
    runs = []
    for name, spec in specs:
        cfg = config.with_(**{k: v for k, v in spec.items() if k != "retriever"})
        mode = spec.get("retriever", "hybrid")
        assistants = {a: build_assistant(models, ix, cfg, mode) for a, ix in indexed.items()}
        run_ = evaluate_run(name, assistants, items, judge)
        run_["config"] = {"answerer": answerer_name(cfg), "top_k": cfg.top_k, "retriever": mode}
        run_["config"] |= {
            "embedder": cfg.embedder,
            "multilingual": models.multilingual is not None,
        }
        runs.append(run_)
    report = {
        "dataset": str(args.dataset),
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_s": models.load_s + index_s,
        "invalid": invalid,
        "runs": runs,
        "gates": reports.check_gates(runs, gates),
    }
    return _finish(args, report, invalid)


def _finish(args, report: dict, invalid: list) -> int:
    """Write the reports, print the table, and say what failed."""
    _write(args.json, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _write(args.markdown, reports.render_markdown(report))
    _write(args.html, reports.render_html(report))
    print(reports.render_table(report))
    unmet = [g for g in report["gates"] if not g["met"]]
    if unmet:
        print(f"{len(unmet)} threshold(s) not met.", file=sys.stderr)
    if invalid:
        print(f"{len(invalid)} invalid line(s) in {args.dataset}.", file=sys.stderr)
    return 1 if unmet or invalid else 0


def _write(path: str | None, text: str) -> None:
    if path:
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise AssistantError(f"Cannot write {path}: {exc.strerror}.") from None


def add_parser(subparsers, command_parser) -> None:
    """Register ``eval`` on the CLI's subparsers; ``command_parser`` is the CLI's own maker
    of a subcommand with a summary and an example (passed in: no import back into the CLI)."""
    p = command_parser(
        subparsers,
        "eval",
        "score the assistant on a labelled JSONL dataset",
        "python -m assistant eval ../shared/eval/dev.jsonl --min answer_accuracy=0.8\n"
        '  python -m assistant eval data.jsonl --compare "top_k=3" "retriever=bm25" --html r.html',
    )
    p.add_argument("dataset", help="JSONL: id, question, answerable, must_include, support, ...")
    p.add_argument("--json", metavar="FILE", help="write the full report as JSON")
    p.add_argument("--markdown", metavar="FILE", help="write a Markdown report (for a PR)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    p.add_argument("--compare", nargs="+", metavar="SPEC", help='e.g. "top_k=3,retriever=bm25"')
    p.add_argument("--min", action="append", default=[], metavar="METRIC=X", help="fail below X")
    p.add_argument("--max", action="append", default=[], metavar="METRIC=X", help="fail above X")
    p.add_argument("--judge", choices=["openai"], help="add LLM-judged faithfulness/correctness")
