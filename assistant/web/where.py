"""Where the web chat listens: GRADIO_SERVER_NAME, then GRADIO_SERVER_PORT or PORT.

Gradio reads GRADIO_SERVER_PORT itself when it is imported, and a value that is not a number
ends that import in a traceback; so this module imports no Gradio, and :func:`serve
<assistant.web.serve.serve>` checks the address before anything imports it.

    >>> launch_options({"PORT": "8080"})
    {'server_name': '127.0.0.1', 'server_port': 8080}
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..errors import AssistantError

DEFAULT_PORT = 7860


def launch_options(env: Mapping[str, str] | None = None) -> dict:
    """Where to listen: GRADIO_SERVER_NAME, then GRADIO_SERVER_PORT or PORT (default 7860).

    A port that is not a number from 1 to 65535 is an error that says so:

    >>> launch_options({"GRADIO_SERVER_PORT": "abc"})
    Traceback (most recent call last):
    assistant.errors.AssistantError: GRADIO_SERVER_PORT='abc' is not a port number: use a ...
    """
    env = os.environ if env is None else env
    name = "GRADIO_SERVER_PORT" if env.get("GRADIO_SERVER_PORT") else "PORT"
    raw = env.get(name) or str(DEFAULT_PORT)
    port = int(raw) if raw.strip().isdigit() else 0
    if not 1 <= port <= 65535:
        raise AssistantError(f"{name}={raw!r} is not a port number: use a number from 1 to 65535.")
    return {"server_name": env.get("GRADIO_SERVER_NAME") or "127.0.0.1", "server_port": port}
