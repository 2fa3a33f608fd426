"""How long a cold ``python -m assistant ask`` takes, against a new process that only
imports ``llama_index.core`` (which every command needs), in the same run: the two are
run in turn (A B A B ...), so a machine that slows down slows both, and the ratio is
taken pair by pair. Whole processes, timed from spawning to exit.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Where will the G20 leaders meet in November?"


def _wall_s(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def measure_cold_start(runs: int) -> dict:
    """Medians of ``runs`` paired runs (after one of each not counted) and the median of
    the pairs' ratios."""
    env = {**os.environ, "ASSISTANT_ANSWERER": "extractive", "PYTHONPATH": str(ROOT)}
    ask = [sys.executable, "-m", "assistant", "ask", QUESTION]
    imports = [sys.executable, "-c", "import llama_index.core"]
    _wall_s(ask, env), _wall_s(imports, env)  # warm the file cache for both
    asks, bases = [], []
    for _ in range(runs):
        asks.append(_wall_s(ask, env))
        bases.append(_wall_s(imports, env))
    return {
        "runs": runs,
        "ask_s": statistics.median(asks),
        "import_llama_index_s": statistics.median(bases),
        "ratio": statistics.median(a / b for a, b in zip(asks, bases, strict=True)),
    }
