"""``python app.py`` as an operator runs it: a clear one-line error for a bad or busy port,
the page served, and no Gradio traceback in the console for a reader's mistake."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # starts a server, a browser or a child process


def start(env: dict, tmp_path: Path) -> subprocess.Popen:
    environment = {**os.environ, "ASSISTANT_BACKEND": "extractive", **env}
    environment["ASSISTANT_FEEDBACK_FILE"] = str(tmp_path / "feedback.jsonl")
    return subprocess.Popen(
        [sys.executable, "app.py"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("name", "port"), [("PORT", "http"), ("PORT", "99999"), ("GRADIO_SERVER_PORT", "abc")]
)
def test_a_bad_port_is_one_line(name, port, tmp_path):
    # Gradio reads GRADIO_SERVER_PORT when imported: a traceback, unless checked first
    proc = start({name: port}, tmp_path)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert err.strip() == (
        f"Error: {name}={port!r} is not a port number: use a number from 1 to 65535."
    )


def test_a_busy_port_is_one_line(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = start({"PORT": str(port)}, tmp_path)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in err and err.strip().count("\n") == 0
    assert f"cannot listen on 127.0.0.1:{port}" in err and "free port" in err


def test_readers_mistakes_through_the_api_leave_no_traceback(tmp_path):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    port = free_port()
    proc = start({"PORT": str(port)}, tmp_path)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        client = Client(url, verbose=False)
        for bad in [("  ",), ("Where?", "{not json"), ("x" * 5000,)]:
            with pytest.raises(AppError):
                client.predict(*bad, api_name="/ask")
        assert "Bali" in client.predict("Where will the G20 meet?", api_name="/ask")["answer"]
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=60)
    assert "Answerer: offline, extractive" in out
    assert "Traceback" not in err, err[-2000:]
