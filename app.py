"""``python app.py``: the web chat on http://127.0.0.1:7860 (see README.md, "Web chat").

GRADIO_SERVER_NAME, GRADIO_SERVER_PORT (or PORT) choose where it listens; the assistant is
configured from the environment like the CLI (OPENAI_API_KEY for the OpenAI answerer,
ASSISTANT_ARTICLE for another article than the shipped one).
"""

from __future__ import annotations

import logging
import sys

from assistant.config import Config
from assistant.errors import AssistantError
from assistant.web import build_ui, launch, launch_options
from assistant.wiring import load_assistant


def main() -> int:
    """Load the assistant, build the page, serve it until interrupted."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        bot = load_assistant(Config.from_env())
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(f"Answerer: {bot.status}", flush=True)
    launch(build_ui(bot), **launch_options())
    return 0


if __name__ == "__main__":
    sys.exit(main())
