"""Serving the web chat: the page first, the assistant loading behind it.

``python app.py`` (a Space's entry point) and ``article-assistant web`` both call
:func:`serve`. GRADIO_SERVER_NAME, GRADIO_SERVER_PORT (or PORT) choose where it listens;
the assistant is configured from the environment like the CLI. The page is served as soon
as Gradio is up; the models and the index load meanwhile, and the page says so.
"""

from __future__ import annotations

import sys

from ..config import Config
from ..errors import AssistantError
from ..wiring import answerer_name
from .shelf import Shelf  # imports no Gradio
from .where import launch_options

GRACE_S = 1.0  # the models start loading when the first page has loaded, or after this


def serve(config: Config | None = None) -> int:
    """Serve the page for ``config`` (the environment's by default), load the assistant
    behind it, serve until interrupted."""
    try:
        config = config or Config.from_env()
        answerer_name(config)  # a misconfigured answerer is an error before the page is up
        where = launch_options()  # before Gradio is imported: it reads the port too
        shelf = Shelf.loading(config)
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    from .page import build_ui, launch  # Gradio, once the port is known to be one

    demo = build_ui(shelf)
    try:
        _, url, _ = launch(demo, config.session_idle, prevent_thread_lock=True, quiet=True, **where)
    except OSError:
        host, port = where["server_name"], where["server_port"]
        print(
            f"Error: cannot listen on {host}:{port} (the port is in use, or the address is not "
            "this machine's): set PORT or GRADIO_SERVER_PORT to a free port.",
            file=sys.stderr,
        )
        return 1
    print(f"Web chat on {url} (Ctrl+C to stop); loading the assistant…", flush=True)
    shelf.start(grace=GRACE_S).join()
    if shelf.assistant is None:  # the reason was logged by the loader
        demo.close()
        return 1
    print(f"Answerer: {shelf.assistant.status}", flush=True)
    demo.block_thread()
    return 0
