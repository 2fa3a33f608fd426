"""The machine the figures were measured on."""

from __future__ import annotations

import os
import platform
import sys
from datetime import datetime, timezone


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return 0.0


def machine() -> dict:
    """nproc, CPU model, RAM, Python version, platform and the UTC date."""
    return {
        "nproc": os.cpu_count() or 0,
        "cpu": _cpu_model(),
        "ram_gib": _ram_gib(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "date_utc": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
