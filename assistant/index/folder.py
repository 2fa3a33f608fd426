"""The index folder is the assistant's own: when it may be written, and how.

A folder may be written only when it is absent, empty, or holds nothing but files the
assistant writes (:data:`OWN_NAMES`, plus the temporary names it uses while writing).
Anything else is refused with a message that names the folder and the fix, before
anything is created; nothing is ever deleted but the assistant's own temporary folder.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "notes").mkdir()
    >>> _ = (root / "notes" / "todo.txt").write_text("mine")
    >>> check_own(root / "notes")
    Traceback (most recent call last):
    assistant.errors.IndexStoreError: The folder .../notes holds files that are not the \
assistant's (todo.txt), so the index is not written there: set ASSISTANT_INDEX_DIR to an \
empty or new folder, or unset it to use the default.
    >>> write_folder(root / "index", lambda tmp: (tmp / "manifest.json").write_text("{}"))
    >>> sorted(p.name for p in (root / "index").iterdir())
    ['manifest.json']

Files are moved in one by one with :func:`os.replace` (each one atomic) and the
manifest last, so a crash mid-write leaves a folder whose manifest does not match its
files: it is rebuilt at the next start, never served.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import IndexStoreError

# Every file the assistant writes in an index folder: llama-index's stores, the
# manifest, the multilingual vectors and the offline reader's vectors.
OWN_NAMES = frozenset(
    {
        "manifest.json",
        "docstore.json",
        "index_store.json",
        "graph_store.json",
        "default__vector_store.json",
        "image__vector_store.json",
        "e5.json",
        "e5.npy",
        "reader.json",
        "reader.npz",
    }
)
STAGING = ".staging-"  # the temporary folder a rebuild is written to, inside the index folder
# What a crash can leave behind: a staging folder, or write_atomically's ".NAME-xxxx" file.
_LEFTOVER = re.compile(
    rf"^(?:{re.escape(STAGING)}.+|\.(?:{'|'.join(map(re.escape, OWN_NAMES))})-.+)$"
)
FIX = "set ASSISTANT_INDEX_DIR to an empty or new folder, or unset it to use the default"


def is_own_name(name: str) -> bool:
    """True for a file name the assistant writes in an index folder.

    >>> is_own_name("docstore.json"), is_own_name(".e5.npy-k2j1"), is_own_name("notes.txt")
    (True, True, False)
    """
    return name in OWN_NAMES or bool(_LEFTOVER.match(name))


def check_own(folder: Path) -> None:
    """Raise :class:`IndexStoreError` unless ``folder`` is absent, empty or all ours."""
    folder = Path(os.path.abspath(folder))
    if not folder.exists() and not folder.is_symlink():
        return
    if not folder.is_dir():
        raise IndexStoreError(
            f"{folder} is a file, not a folder, so the index is not written there: {FIX}."
        )
    try:
        foreign = sorted(name for name in os.listdir(folder) if not is_own_name(name))
    except OSError as exc:
        raise IndexStoreError(f"Cannot read the index folder {folder}: {exc.strerror}.") from None
    if foreign:
        shown = ", ".join(foreign[:3]) + (
            f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        )
        raise IndexStoreError(
            f"The folder {folder} holds files that are not the assistant's ({shown}), "
            f"so the index is not written there: {FIX}."
        )


def write_folder(folder: Path, fill: Callable[[Path], object], last: str = "manifest.json") -> None:
    """Have ``fill`` write files into a staging folder inside ``folder`` (created if absent),
    then move them in one by one, ``last`` after all the others.

    Refuses a folder that is not ours (:func:`check_own`); an :class:`OSError` becomes an
    :class:`IndexStoreError` that says where.
    """
    folder = Path(os.path.abspath(folder))
    check_own(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=folder))
    except OSError as exc:
        raise IndexStoreError(f"Cannot write the index in {folder}: {exc.strerror}.") from None
    try:
        fill(staging)
        for name in sorted(os.listdir(staging), key=lambda n: n == last):
            os.replace(staging / name, folder / name)
    except OSError as exc:
        raise IndexStoreError(f"Cannot write the index in {folder}: {exc.strerror}.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # ours: made by mkdtemp above


def file_mode() -> int:
    """The mode a new file gets here (``0o666`` less the umask), as llama-index's files get
    it: the assistant's files in an index folder all have one mode.

    >>> oct(file_mode() & 0o600)
    '0o600'
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            umask = next(int(line.split()[1], 8) for line in f if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError):  # not Linux: ask the process itself
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place (with
    :func:`file_mode`, not the owner-only mode of a temporary file)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
