"""Files that are whole or absent: what a render writes must never be found half-written."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path


def temporary_beside(target: Path) -> Path:
    """A hidden file next to ``target``, so the final rename never crosses file systems."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def atomic_copy(source: Path, target: Path) -> None:
    """Copy so that ``target`` is never half-written: a temporary file, then a rename."""
    temporary = temporary_beside(target)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
