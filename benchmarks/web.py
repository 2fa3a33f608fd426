"""How soon the web chat answers HTTP: ``python app.py`` to its first 200, against
``python -c "import gradio"`` alone, each in fresh processes of the same run.

The page is served before the models and the index are loaded (the status line says
so), so the figure to beat is Gradio's own import; ``ready_s`` is when the app prints
that its answerer is ready. Medians of ``runs`` alternating runs.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def import_gradio_s() -> float:
    """Seconds for a new Python process to import gradio and exit."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import gradio"], cwd=ROOT, check=True)
    return time.perf_counter() - t0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_start_s(timeout: float = 120.0) -> tuple[float, float]:
    """Seconds from starting ``python app.py`` to its first HTTP 200, and to its answerer
    being ready (the ``Answerer:`` line)."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        env = {**os.environ, "PORT": str(port), "ASSISTANT_BACKEND": "extractive"}
        env["ASSISTANT_FEEDBACK_FILE"] = str(Path(tmp) / "feedback.jsonl")
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            first = _first_200(f"http://127.0.0.1:{port}/", t0, timeout)
            for line in proc.stdout:
                if line.startswith("Answerer:"):
                    return first, time.perf_counter() - t0
            raise RuntimeError("app.py stopped before its answerer was ready")
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _first_200(url: str, t0: float, timeout: float) -> float:
    """Poll ``url`` every 20 ms with one client (a new client per poll builds an SSL context
    each time, and that CPU would be taken from the app being measured)."""
    import httpx

    with httpx.Client(timeout=1.0) as client:
        while time.perf_counter() - t0 < timeout:
            try:
                if client.get(url).status_code == 200:
                    return time.perf_counter() - t0
            except httpx.HTTPError:
                pass
            time.sleep(0.02)
    raise RuntimeError(f"no HTTP 200 from {url} within {timeout:.0f} s")


def measure_web_start(runs: int) -> dict:
    """Medians over ``runs`` alternating runs, and app / import as a ratio."""
    imports, firsts, readies = [], [], []
    for _ in range(runs):
        imports.append(import_gradio_s())
        first, ready = app_start_s()
        firsts.append(first)
        readies.append(ready)
    out = {
        "runs": runs,
        "import_gradio_s": statistics.median(imports),
        "first_200_s": statistics.median(firsts),
        "ready_s": statistics.median(readies),
    }
    out["ratio"] = out["first_200_s"] / out["import_gradio_s"]
    return out
