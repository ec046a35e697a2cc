"""Files that are whole or absent: what a render writes must never be found half-written."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Callable


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
