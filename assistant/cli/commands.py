"""The commands that answer: ``ask`` (one question, or a batch), ``chat`` and ``index``."""

from __future__ import annotations

import sys

from ..errors import AssistantError
from ..jsonl import BadLine, read_jsonl
from .output import format_result, json_line, read_history


def batch_row(n: int, item: object, assistant) -> dict:
    """The output line for input line ``n``: its id, then the result or an error."""
    if isinstance(item, BadLine):
        return {"error": str(item)}
    if not isinstance(item, dict):
        return {"error": f'line {n}: needs a JSON object with a "question" string'}
    out = {"id": item["id"]} if "id" in item else {}
    if not isinstance(item.get("question"), str):
        given = ", ".join(sorted(map(str, item))) or "none"
        out["error"] = f'line {n}: needs a "question" string (keys given: {given})'
        return out
    try:
        out.update(assistant.ask(item["question"], item.get("history")).to_json())
    except AssistantError as exc:
        out["error"] = f"line {n}: {exc}"
    return out


def cmd_ask(args, assistant) -> int:
    if args.batch:
        return _ask_batch(args, assistant)
    history = read_history(args.history) if args.history else None
    result = assistant.ask(args.question, history)
    if args.json:
        print(json_line(result.to_json()))
    else:
        print(format_result(result))
    return 0


def _ask_batch(args, assistant) -> int:
    failures = 0
    for n, item in read_jsonl(args.batch, "batch file"):
        out = batch_row(n, item, assistant)
        failures += "error" in out
        print(json_line(out), flush=True)
    if failures:
        print(f'{failures} line(s) could not be answered; see their "error".', file=sys.stderr)
    return 1 if failures else 0


def cmd_chat(args, assistant) -> int:
    print(f"Chatting about the article ({assistant.status}). Empty line or Ctrl-D to quit.")
    if hasattr(sys.stdin, "reconfigure"):  # a line that is not UTF-8 is asked, not a crash
        sys.stdin.reconfigure(errors="replace")
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


def cmd_index(args, assistant, config) -> int:
    from ..wiring import index_dir_for

    where = index_dir_for(config, assistant.article)
    if not assistant.index_status.saved:
        raise AssistantError(f"The index could not be saved in {where}: see the warning above.")
    print(f"Index {assistant.index_status} in {where}.")
    return 0
