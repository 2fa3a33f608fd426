"""``python -m assistant``: ask, chat, index (and eval).

    $ python -m assistant ask "Where will the G20 leaders meet in November?"
    The summits will also provide ... in Bali in November. [1]

    [1] "The summits will also provide ... in Bali in November." (chars 5422-5586)

Errors go to stderr with exit code 1 (2 for usage mistakes); no tracebacks.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import AssistantError, DatasetError

log = logging.getLogger("assistant")


def format_result(result) -> str:
    """The answer, then each cited passage with its place in the article."""
    lines = [result.answer]
    if result.notice:
        lines += ["", f"Note: {result.notice}"]
    if result.citations:
        lines.append("")
        for c in result.citations:
            lines.append(f'[{c.id}] "{c.text}" (chars {c.start}-{c.end})')
    return "\n".join(lines)


def read_history(path: str) -> list[dict]:
    """A JSON list of ``{"role", "content"}`` turns."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DatasetError(f"Cannot read the history file {path}: {exc.strerror}.") from None
    except ValueError as exc:
        raise DatasetError(f"The history file {path} is not valid JSON: {exc}.") from None
    if not isinstance(data, list) or not all(isinstance(t, dict) for t in data):
        raise DatasetError(f'The history file {path} must be a JSON list of {{"role", "content"}}.')
    return data


def read_batch(path: str):
    """Yield ``(line_number, item_or_error)`` for a JSONL file of questions."""
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise DatasetError(f"Cannot read the batch file {path}: {exc.strerror}.") from None
    with f:
        for n, raw in enumerate(f, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield n, DatasetError(f"line {n}: not UTF-8 text")
                continue
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                yield n, DatasetError(f"line {n}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                yield n, DatasetError(f'line {n}: needs a "question" string')
                continue
            yield n, item


def cmd_ask(args, assistant) -> int:
    if args.batch:
        return _ask_batch(args, assistant)
    if args.question is None:
        raise AssistantError('Give a question: python -m assistant ask "Where is the summit?"')
    history = read_history(args.history) if args.history else None
    result = assistant.ask(args.question, history)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(format_result(result))
    return 0


def _ask_batch(args, assistant) -> int:
    failures = 0
    for _n, item in read_batch(args.batch):
        out: dict = {}
        if isinstance(item, DatasetError):
            out["error"] = str(item)
        else:
            if "id" in item:
                out["id"] = item["id"]
            try:
                history = item.get("history")
                out.update(assistant.ask(item["question"], history).to_json())
            except AssistantError as exc:
                out["error"] = str(exc)
        failures += "error" in out
        print(json.dumps(out, ensure_ascii=False), flush=True)
    if failures:
        print(f'{failures} line(s) could not be answered; see their "error".', file=sys.stderr)
    return 1 if failures else 0


def cmd_chat(args, assistant) -> int:
    print(f"Chatting about the article ({assistant.status}). Empty line or Ctrl-D to quit.")
    history: list[dict] = []
    while True:
        try:
            question = input("\n> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not question.strip():
            return 0
        try:
            result = assistant.ask(question, history)
        except AssistantError as exc:
            print(f"Error: {exc}")
            continue
        print(format_result(result))
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": result.answer},
        ]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m assistant", description=__doc__.split("\n")[0])
    p.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = p.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question, or a JSONL batch")
    ask.add_argument("question", nargs="?")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--history", metavar="FILE", help="JSON list of earlier turns")
    ask.add_argument("--batch", metavar="FILE.jsonl", help="one JSON result per input line")
    sub.add_parser("chat", help="interactive chat in the terminal")
    sub.add_parser("index", help="rebuild the persisted index")
    try:
        from . import evaluate
    except ImportError:
        evaluate = None
    if evaluate is not None:
        evaluate.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
    )
    for noisy in ("httpx", "openai", "llama_index", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        from .config import Config
        from .core import load_assistant

        config = Config.from_env()
        if args.command == "eval":
            from . import evaluate

            return evaluate.run(args, config)
        assistant = load_assistant(config, rebuild=args.command == "index")
        if args.command == "index":
            print(f"Index {assistant.index_status} in {config.index_dir}.")
            return 0
        return {"ask": cmd_ask, "chat": cmd_chat}[args.command](args, assistant)
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `python -m assistant ask ... | head -1`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception:
        log.exception("Unexpected error")  # a bug: logged for us, not a trace for the user
        print("Error: something went wrong inside the assistant; run with -v.", file=sys.stderr)
        return 1
