"""The command line: ask, chat, index, eval and web (``python -m assistant``, or installed
``article-assistant``).

    $ python -m assistant ask "Where will the G20 leaders meet in November?"
    Bali — “The summits will also provide ... a meeting of G20 leaders in Bali in November.” [1]

    [1] "The summits will also provide ... in Bali in November." (chars 5422-5586)

Errors go to stderr with exit code 1 (2 for usage mistakes); no tracebacks.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from ..errors import AssistantError
from .commands import batch_row, cmd_ask, cmd_chat, cmd_index
from .output import configure_logging, format_result, json_line

__all__ = ["batch_row", "configure_logging", "format_result", "json_line", "main"]

log = logging.getLogger("assistant")


def command_parser(subparsers, name: str, summary: str, example: str) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` says what it does and shows an example."""
    return subparsers.add_parser(
        name,
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.",
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _article_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--article",
        metavar="PATH",
        help="chat with this article (.txt, .md or .html) instead of the shipped one",
    )


def program_name() -> str:
    """How the user called us: the installed command, or ``python -m assistant``."""
    return (
        "article-assistant"
        if Path(sys.argv[0]).name == "article-assistant"
        else ("python -m assistant")
    )


def build_parser() -> argparse.ArgumentParser:
    from ..evaluation.command import add_parser as add_eval

    p = argparse.ArgumentParser(
        prog=program_name(),
        description=" ".join(__doc__.split("\n\n")[0].split()).replace("``", ""),
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log retrieval and timing")
    sub = p.add_subparsers(dest="command", required=True)
    ask = command_parser(
        sub,
        "ask",
        "answer one question, or every line of a JSONL batch, with cited passages",
        'python -m assistant ask "Where will the G20 leaders meet in November?"\n'
        "  python -m assistant ask --batch questions.jsonl > answers.jsonl",
    )
    ask.add_argument("question", nargs="?", help="the question (omit it with --batch)")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--history", metavar="FILE", help="JSON list of earlier turns")
    ask.add_argument("--batch", metavar="FILE.jsonl", help="one JSON result per input line")
    chat = command_parser(
        sub,
        "chat",
        "chat in the terminal; follow-ups see the conversation",
        "python -m assistant chat",
    )
    index = command_parser(
        sub,
        "index",
        "rebuild the article's persisted index",
        "python -m assistant index --article notes.md",
    )
    web = command_parser(
        sub,
        "web",
        "serve the web chat (PORT or GRADIO_SERVER_PORT, default 7860)",
        "PORT=8080 article-assistant web",
    )
    for command in (ask, chat, index, web):
        _article_option(command)
    add_eval(sub, command_parser)
    _article_option(sub.choices["eval"])
    for command in sub.choices.values():
        command.set_defaults(usage_error=command.error)
    return p


def _usage_problem(args) -> str:
    """What is wrong with the arguments that argparse alone cannot tell ("" when nothing)."""
    if args.command != "ask":
        return ""
    if args.batch and args.question is not None:
        return "give a question or --batch FILE, not both"
    if not args.batch and args.question is None:
        return 'give a question: python -m assistant ask "Where is the summit?"'
    return ""


def _collect_from_now() -> None:
    """Turn the garbage collector back on, if :func:`main` turned it off, for what is made
    from now on: what start-up made stays (``gc.freeze``), so the first pass does not walk
    all of it (60 ms)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run(args, load: Callable | None = None, minilm=None) -> int:
    """Carry out the parsed command; AssistantError for anything the user can fix.

    ``load(config, rebuild)`` makes the assistant (:func:`assistant.wiring.load_assistant`
    by default, with ``minilm``, the model's session being opened; tests pass one that
    shares models already loaded)."""
    from ..config import Config
    from ..wiring import load_assistant

    load = load or partial(load_assistant, minilm=minilm)
    config = Config.from_env()
    if args.article:
        config = config.with_(article=Path(args.article))
    if args.command in ("eval", "web"):
        _collect_from_now()  # a long run: many questions, or a server
    if args.command == "eval":
        from ..evaluation.command import run as run_eval

        return run_eval(args, config)
    if args.command == "web":
        from ..web.serve import serve

        return serve(config)
    assistant = load(config, rebuild=args.command == "index")
    _collect_from_now()  # loaded: from here on, what is made and dropped is the answers'
    if args.command == "index":
        return cmd_index(args, assistant, config)
    return {"ask": cmd_ask, "chat": cmd_chat}[args.command](args, assistant)


MODEL_COMMANDS = ("ask", "chat", "index", "eval")  # they load MiniLM before anything else


def open_model_early(argv: Sequence[str] | None):
    """For a command that loads the models, MiniLM's session opened in a thread while the
    rest is imported (:class:`assistant.index.session.Opening`); else None."""
    words = [w for w in (sys.argv[1:] if argv is None else argv) if not w.startswith("-")]
    if not words or words[0] not in MODEL_COMMANDS:
        return None
    from ..index.session import Opening

    return Opening()


def main(argv: Sequence[str] | None = None, load: Callable | None = None) -> int:
    """The command line: parse ``argv``, run it, turn errors into a message and an exit code."""
    # Starting imports llama-index and loads the models and the index: many objects made,
    # few dropped, so the garbage collector's passes over them are wasted (a tenth of a
    # second of a cold `ask`). It is on again once the assistant is loaded (run).
    # MiniLM's session is opened meanwhile, in a thread (open_model_early).
    if load is None:  # a caller's own loader (a test's) shares its process: left alone
        gc.disable()
    try:
        return _main(argv, load)
    finally:
        gc.enable()


def _main(argv: Sequence[str] | None, load: Callable | None) -> int:
    minilm = open_model_early(argv) if load is None else None
    args = build_parser().parse_args(argv)
    if _usage_problem(args):
        args.usage_error(_usage_problem(args))  # the subcommand's usage, then exit 2
    configure_logging(args.verbose)
    try:
        return run(args, load, minilm)
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
