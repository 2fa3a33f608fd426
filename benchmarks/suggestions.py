"""What offering questions costs, beside what answering costs, in the same run.

``python -m benchmarks.suggestions [DATASET.jsonl]`` builds the suggestions of the shipped
article once (every candidate asked through the answer path) and compares that with
indexing the article in memory; then, for every question of the dataset, the time of
``Suggestions.after`` with the time of ``Assistant.ask`` (ratios; the machine's load
shows in both alike). It prints one JSON object.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path


def measure(dataset: Path) -> dict:
    from assistant.config import Config
    from assistant.jsonl import read_jsonl
    from assistant.reader.suggest import Suggestions
    from assistant.wiring import build_assistant, index_in_memory, load_models, open_article

    config = Config.from_env({})
    models = load_models(config)
    indexed = open_article(models, config)
    bot = build_assistant(models, indexed, config)
    bot.ask("Where will the G20 leaders meet in November?")  # one-off set-up costs

    t = time.perf_counter()
    index_in_memory(models, indexed.article)
    index_s = time.perf_counter() - t
    t = time.perf_counter()
    suggestions = Suggestions.build(indexed.digest, bot.ask)
    build_s = time.perf_counter() - t

    ask_s, offer_s = [], []
    for _, item in read_jsonl(dataset, "dataset"):
        if not isinstance(item, dict) or "question" not in item:
            continue
        t = time.perf_counter()
        result = bot.ask(item["question"], item.get("history"))
        ask_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        suggestions.after(result, item.get("history") or ())
        offer_s.append(time.perf_counter() - t)
    ask_p50, offer_p50 = statistics.median(ask_s), statistics.median(offer_s)
    return {
        "questions": len(ask_s),
        "kept": len(suggestions.kept),
        "build_s": round(build_s, 3),
        "index_in_memory_s": round(index_s, 3),
        "build_over_index": round(build_s / index_s, 2),
        "ask_p50_ms": round(1000 * ask_p50, 2),
        "offer_p50_ms": round(1000 * offer_p50, 3),
        "offer_over_ask": round(offer_p50 / ask_p50, 4),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dataset = Path(args[0] if args else "tests/data/test.jsonl")
    print(json.dumps(measure(dataset), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
