"""``python -m assistant eval DATA.jsonl``: score the assistant on a labelled dataset.

Each line is checked by a pydantic model (a bad line is reported with its number and
skipped); each question is asked through :meth:`Assistant.ask` with a retriever that
records the passages it handed to the answerer; :mod:`assistant.eval_report` turns
the per-item records into metrics and renders them. The article, embedder and index
are loaded once; each ``--compare`` configuration only builds its own retriever:

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

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import eval_report, loading
from .config import Config
from .core import Assistant
from .errors import AssistantError, DatasetError
from .loading import Parts, load_parts
from .retrieval import MODES

SPEC_KEYS = {
    "top_k": "N (N >= 1)",
    "retriever": "|".join(MODES),
    "backend": "extractive|openai",
}


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    role: str = Field(pattern="^(user|assistant)$")
    content: str


class Item(BaseModel):
    """One labelled question; ``support`` must quote the article exactly."""

    model_config = ConfigDict(extra="forbid", strict=True)
    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    history: list[Turn] = []
    answerable: bool
    reference_answer: str = ""
    must_include: list[list[str]] = []
    support: list[str] = []

    @field_validator("must_include")
    @classmethod
    def _groups(cls, groups: list[list[str]]) -> list[list[str]]:
        if any(not g or not all(s.strip() for s in g) for g in groups):
            raise ValueError("every group needs at least one non-empty string")
        return groups

    @field_validator("support")
    @classmethod
    def _quotes(cls, quotes: list[str], info: ValidationInfo) -> list[str]:
        text = (info.context or {}).get("article_text")
        for i, quote in enumerate(quotes):
            if not quote or (text is not None and quote not in text):
                raise ValueError(f"support[{i}] is not found in the article: {quote[:60]!r}")
        return quotes

    @model_validator(mode="after")
    def _supported(self) -> Item:
        if self.answerable and not self.support:
            raise ValueError("an answerable item needs at least one support quote")
        return self


def load_dataset(path: str | Path, article_text: str | None) -> tuple[list[Item], list[dict]]:
    """Valid items, and ``{"line", "error"}`` for every line that is not one.

    >>> load_dataset(Path("/nonexistent.jsonl"), None)
    Traceback (most recent call last):
    assistant.errors.DatasetError: Cannot read the dataset /nonexistent.jsonl: No such file...
    """
    try:
        raw_lines = Path(path).read_bytes().splitlines()
    except OSError as exc:
        raise DatasetError(f"Cannot read the dataset {path}: {exc.strerror}.") from None
    items, errors, seen = [], [], set()
    for n, raw in enumerate(raw_lines, start=1):
        try:
            data = json.loads(raw.decode("utf-8")) if raw.strip() else None
            if data is None:
                continue
            item = Item.model_validate(data, context={"article_text": article_text})
        except UnicodeDecodeError:
            errors.append({"line": n, "error": "not UTF-8 text"})
        except ValidationError as exc:
            why = "; ".join(_explain(e) for e in exc.errors())
            errors.append({"line": n, "error": why})
        except ValueError as exc:
            errors.append({"line": n, "error": f"not valid JSON ({exc})"})
        else:
            if item.id in seen:
                errors.append({"line": n, "error": f"id {item.id!r} is used by an earlier line"})
            else:
                seen.add(item.id)
                items.append(item)
    return items, errors


def _explain(error: dict) -> str:
    """``support: support[0] is not found ...`` from one pydantic error."""
    msg = error["msg"].replace("Value error, ", "")
    return f"{'.'.join(map(str, error['loc']))}: {msg}" if error["loc"] else msg


def parse_spec(spec: str) -> dict:
    """``"top_k=6,retriever=dense"`` -> overrides (keys: top_k, retriever, backend)."""
    out: dict = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        key, _, value = (s.strip() for s in part.partition("="))
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
    if name.strip() not in eval_report.METRICS or threshold is None:
        names = ", ".join(eval_report.METRICS)
        raise AssistantError(
            f"Threshold {gate!r} must be METRIC=NUMBER with METRIC one of {names}."
        )
    return name.strip(), threshold


class Recorder:
    """Wraps a retriever; remembers the query and passages of the last call."""

    def __init__(self, retriever) -> None:
        self.retriever, self.query, self.passages = retriever, "", []

    def retrieve(self, query: str):
        self.query, self.passages = query, self.retriever.retrieve(query)
        return self.passages


def build_assistant(parts: Parts, config: Config, mode: str = "hybrid") -> Assistant:
    """An assistant for one configuration, sharing ``parts``, recording its retrieval."""
    bot = loading.build_assistant(parts, config, mode)
    bot.retriever = Recorder(bot.retriever)
    return bot


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open spans share a character: ``overlaps((0, 5), (4, 9))`` is True."""
    return a[0] < b[1] and b[0] < a[1]


def support_spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    """Every place each quote occurs in the article."""
    spans = []
    for quote in quotes:
        at = text.find(quote)
        while at >= 0:
            spans.append((at, at + len(quote)))
            at = text.find(quote, at + 1)
    return spans


def includes(answer: str, groups: list[list[str]]) -> bool:
    """One string of every group occurs in ``answer`` (case-insensitive, ’ == ')."""
    low = answer.replace("’", "'").casefold()
    return all(any(s.replace("’", "'").casefold() in low for s in g) for g in groups)


def score_item(item: Item, result, passages, article, latency_s: float) -> dict:
    """The JSON record of one question: what came back and which checks passed.

    ``result`` is a :class:`Result` (or ``None`` when asking raised); ``passages`` are
    the passages the answerer was given, in rank order.
    """
    from .citations import MARKER

    spans = support_spans(article.text, item.support)
    paras = [
        (p.start, p.end)
        for p in article.paragraphs
        if any(overlaps((p.start, p.end), s) for s in spans)
    ]
    cites = [(c.start, c.end) for c in (result.citations if result else [])]
    answer = result.answer if result else ""
    ids = {c.id for c in (result.citations if result else [])}
    markers = [int(n) for m in MARKER.finditer(answer) for n in m.group(1).split(",")]
    ranks = [
        n for n, p in enumerate(passages, 1) if any(overlaps((p.start, p.end), s) for s in spans)
    ]
    rec = {
        "id": item.id,
        "question": item.question,
        "answerable": item.answerable,
        "answer": answer,
        "answered": bool(result and result.answered),
        "citations": [c.to_json() for c in result.citations] if result else [],
        "passages": [[p.start, p.end] for p in passages],
        "first_relevant_rank": ranks[0] if ranks else None,
        "cited_support": sum(any(overlaps(c, s) for s in spans) for c in cites),
        "cited_support_paragraph": sum(any(overlaps(c, p) for p in paras) for c in cites),
        "markers": len(markers),
        "valid_markers": sum(n in ids for n in markers),
        "latency_s": latency_s,
    }
    if item.answerable:
        checks = {
            "retrieved": bool(ranks),
            "answered": rec["answered"],
            "correct": rec["answered"] and includes(answer, item.must_include),
            "cited_support": rec["answered"] and rec["cited_support"] > 0,
        }
    else:
        checks = {"refused": not rec["answered"]}
    checks["valid_markers"] = rec["valid_markers"] == rec["markers"]
    rec["checks"] = {
        "passed": [k for k, ok in checks.items() if ok],
        "failed": [k for k, ok in checks.items() if not ok],
    }
    return rec


def evaluate_run(parts: Parts, name: str, config: Config, mode: str, items, judge=None) -> dict:
    """Ask every item with one configuration; the run's records and metrics."""
    bot = build_assistant(parts, config, mode)
    bot.retriever.retrieve(items[0].question)  # warm-up: first calls pay one-off set-up costs
    records, t0 = [], time.perf_counter()
    for n, item in enumerate(items, start=1):
        t = time.perf_counter()
        history = [turn.model_dump() for turn in item.history]
        bot.retriever.query, bot.retriever.passages = "", []
        try:
            result, error = bot.ask(item.question, history), None
        except AssistantError as exc:
            result, error = None, str(exc)
        rec = score_item(
            item, result, bot.retriever.passages, parts.article, time.perf_counter() - t
        )
        rec["query"] = bot.retriever.query
        if error:
            rec["error"] = error
        if judge is not None and item.answerable and rec["answered"]:
            rec["judge"] = judge(item, rec)
        records.append(rec)
        verdict = "ok" if not rec["checks"]["failed"] else ",".join(rec["checks"]["failed"])
        print(f"[{name}] {n}/{len(items)} {item.id}: {verdict}", file=sys.stderr, flush=True)
    settings = {"backend": config.backend, "top_k": config.top_k, "retriever": mode}
    settings |= {"embedder": config.embedder, "multilingual": parts.multilingual is not None}
    metrics = eval_report.aggregate(records, time.perf_counter() - t0)
    return {"name": name, "config": settings, "metrics": metrics, "items": records}


def make_judge(config: Config):
    """LLM-judged faithfulness and correctness (llama-index evaluators), or a clear error."""
    if not config.openai_api_key:
        raise AssistantError("--judge openai needs OPENAI_API_KEY in the environment.")
    try:
        from llama_index.core.evaluation import CorrectnessEvaluator, FaithfulnessEvaluator
        from llama_index.llms.openai import OpenAI
    except ImportError:
        raise AssistantError(
            "--judge openai needs the llama-index OpenAI LLM: pip install llama-index-llms-openai"
        ) from None
    llm = OpenAI(
        model=config.openai_model, api_key=config.openai_api_key, api_base=config.openai_base_url
    )
    faithful, correct = FaithfulnessEvaluator(llm=llm), CorrectnessEvaluator(llm=llm)

    def judge(item: Item, rec: dict) -> dict:
        try:
            contexts = [c["text"] for c in rec["citations"]]
            f = faithful.evaluate(query=item.question, response=rec["answer"], contexts=contexts)
            c = correct.evaluate(
                query=item.question, response=rec["answer"], reference=item.reference_answer
            )
        except Exception as exc:  # the judge's endpoint failed: keep going without it
            return {"error": type(exc).__name__}
        return {"faithful": bool(f.passing), "correctness": c.score}

    return judge


def add_parser(subparsers) -> None:
    """Register ``eval`` on the CLI's subparsers."""
    p = subparsers.add_parser("eval", help="score the assistant on a labelled JSONL dataset")
    p.add_argument("dataset", help="JSONL: id, question, answerable, must_include, support, ...")
    p.add_argument("--json", metavar="FILE", help="write the full report as JSON")
    p.add_argument("--markdown", metavar="FILE", help="write a Markdown report (for a PR)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    p.add_argument("--compare", nargs="+", metavar="SPEC", help='e.g. "top_k=3,retriever=bm25"')
    p.add_argument("--min", action="append", default=[], metavar="METRIC=X", help="fail below X")
    p.add_argument("--max", action="append", default=[], metavar="METRIC=X", help="fail above X")
    p.add_argument("--judge", choices=["openai"], help="add LLM-judged faithfulness/correctness")


def run(args, config: Config) -> int:
    """The ``eval`` command: 0 when every line was valid and every threshold is met."""
    gates = [(*parse_gate(g), "min") for g in args.min] + [
        (*parse_gate(g), "max") for g in args.max
    ]
    gates = [(name, kind, limit) for name, limit, kind in gates]
    specs = [(s, parse_spec(s)) for s in args.compare or []] or [("default", {})]
    judge = make_judge(config) if args.judge else None
    from .article import load_article

    items, invalid = load_dataset(args.dataset, load_article().text)
    for bad in invalid:
        print(f"{args.dataset}: line {bad['line']}: {bad['error']}", file=sys.stderr)
    if not items:
        raise DatasetError(f"{args.dataset} has no valid item to evaluate.")
    parts = load_parts(config)
    runs = []
    for name, spec in specs:
        cfg = config.with_(**{k: v for k, v in spec.items() if k != "retriever"})
        runs.append(evaluate_run(parts, name, cfg, spec.get("retriever", "hybrid"), items, judge))
    report = {
        "dataset": str(args.dataset),
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_s": parts.load_s,
        "invalid": invalid,
        "runs": runs,
        "gates": eval_report.check_gates(runs, gates),
    }
    _write(args.json, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _write(args.markdown, eval_report.render_markdown(report))
    _write(args.html, eval_report.render_html(report))
    print(eval_report.render_table(report))
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
