"""Files that are whole or absent: what a render writes must never be found half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable

from nnanim.errors import NnanimError


def temporary_beside(target: Path) -> Path:
    """A hidden file next to ``target``, so the final rename never crosses file systems."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def write_whole(target: Path, write: Callable[[Path], object]) -> Path:
    """``write(path)`` into a temporary file beside ``target``, then rename it: ``target`` is
    the whole new file or stays as it was, never half-written, whatever ``write`` raises."""
    temporary = temporary_beside(target)
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def atomic_copy(source: Path, target: Path) -> None:
    """Copy so that ``target`` is never half-written."""
    write_whole(target, lambda temporary: shutil.copyfile(source, temporary))


WRITABLE_FIX = "choose a folder you can write to"


def _file_in_the_way(path: Path) -> Path | None:
    """The file standing where ``path`` or one of its parent folders should be, if any."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


def check_writable_dir(path: str | os.PathLike, what: str, fix: str = WRITABLE_FIX) -> Path:
    """``path`` as a folder nnanim can write in, created if missing; else one clear line.

    ``what`` names what the folder is for (``--out``, ``NNANIM_CACHE_DIR``), ``fix`` what to
    do instead. Writing is tried for real (a probe file, removed at once), because permission
    bits do not tell: root ignores them, read-only mounts and ACLs do not show in them.
    """
    path = Path(path).expanduser()
    blocker = _file_in_the_way(path)
    if blocker == path:
        raise NnanimError(f"{what}: {path} is a file, not a folder; {fix}")
    if blocker is not None:
        raise NnanimError(f"{what}: {path} cannot be a folder, {blocker} is a file; {fix}")
    try:
        path.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".nnanim-probe-", dir=path)
        os.close(handle)
        os.unlink(probe)
    except OSError as err:
        reason = (err.strerror or type(err).__name__).lower()
        raise NnanimError(f"{what}: cannot write in {path} ({reason}); {fix}") from None
    return path
