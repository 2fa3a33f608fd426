"""The indexes of articles other than the shipped one, kept to a size budget.

Every article given with ``--article`` or ``ASSISTANT_ARTICLE`` gets its index in a folder
of its own, named by its SHA-256, beside the default index (``index-articles/``); each
edit of an article is a new folder, about a hundred times the size of its text. Opening
one marks it as used (its folder's time); when the folders together are over the budget,
the least recently used go first, never the one just opened. Only folders the assistant
made are removed: a 16-hex-digit name holding nothing but the assistant's files.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for n, name in enumerate(["a" * 16, "b" * 16, "c" * 16]):
    ...     (root / name).mkdir()
    ...     _ = (root / name / "docstore.json").write_bytes(b"x" * 1000)
    ...     os.utime(root / name, (n, n))
    >>> keep_within(root, budget=2500, keep=root / ("a" * 16))
    ['bbbbbbbbbbbbbbbb']
    >>> sorted(p.name for p in root.iterdir())
    ['aaaaaaaaaaaaaaaa', 'cccccccccccccccc']
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from .folder import is_own_name

log = logging.getLogger(__name__)

FOLDER_NAME = re.compile(r"^[0-9a-f]{16}$")  # the first 16 hex digits of an article's SHA-256


def mark_used(folder: Path) -> None:
    """Record that ``folder`` was just used (its modification time)."""
    try:
        os.utime(folder)
    except OSError:
        pass  # a read-only cache: nothing is removed from it either


def _own_size(folder: Path) -> int | None:
    """The size of an index folder the assistant made, or None if it is not one."""
    if not FOLDER_NAME.match(folder.name) or folder.is_symlink() or not folder.is_dir():
        return None
    size = 0
    for entry in os.scandir(folder):
        if not is_own_name(entry.name) or entry.is_symlink():
            return None
        if entry.is_dir():  # only a leftover staging folder
            size += sum(f.stat().st_size for f in Path(entry.path).rglob("*") if f.is_file())
        else:
            size += entry.stat().st_size
    return size


def keep_within(root: Path, budget: int, keep: Path) -> list[str]:
    """Remove the least recently used index folders under ``root`` until the assistant's
    folders there take at most ``budget`` bytes, ``keep`` excepted; return their names."""
    try:
        folders = [(p, _own_size(p)) for p in Path(root).iterdir()]
    except OSError:
        return []
    ours = sorted(((p, n) for p, n in folders if n is not None), key=lambda f: f[0].stat().st_mtime)
    total, removed = sum(n for _, n in ours), []
    for folder, size in ours:
        if total <= budget:
            break
        if folder.resolve() == Path(keep).resolve():
            continue
        try:
            shutil.rmtree(folder)
        except OSError as exc:
            log.warning("Cannot remove the old index %s: %s", folder, exc.strerror)
            continue
        total -= size
        removed.append(folder.name)
    if removed:
        log.info("Removed %d least recently used article indexes from %s.", len(removed), root)
    return removed
