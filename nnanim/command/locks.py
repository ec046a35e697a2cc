"""One ``nnanim lecture`` at a time per lecture folder: a second one waits, and says so.

Two renders of one lecture in one folder write the same working files (manim's text and
LaTeX caches, logs, frame counts, chapter files) and break each other mid-render. An advisory
``fcntl.flock`` on a lock file in the folder keeps them apart; the kernel lets it go when the
holder exits, however it exits, so a killed run never leaves a stale lock behind. The waiting
run then finds the chapters the first one finished and reuses them.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Callable, Iterator, Sequence

LOCK_NAME = ".nnanim.lock"


def _holder(handle: int) -> str:
    """The process id the holder wrote into the lock file, as words (empty if unknown)."""
    text = os.pread(handle, 32, 0).decode(errors="replace").strip()
    return f" (process {text})" if text.isdigit() else ""


@contextmanager
def folder_lock(folder: Path, what: str, say: Callable[[str], None]) -> Iterator[None]:
    """Hold ``folder``'s lock for the block; if another process holds it, ``say`` one line
    naming ``what`` waits, then wait for it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"nnanim: {what} is already being rendered in {folder}{_holder(handle)}; "
                f"waiting for it to finish (Ctrl-C to stop waiting)")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:  # who holds it, for the line a second run prints; a full disk may refuse that
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass
        yield
    finally:
        os.close(handle)  # closing lets the lock go


@contextmanager
def folder_locks(folders: Sequence[Path], what: str,
                 say: Callable[[str], None]) -> Iterator[None]:
    """Hold every folder's lock, always taken in the given order, so no two runs deadlock."""
    with ExitStack() as stack:
        for folder in dict.fromkeys(folders):
            stack.enter_context(folder_lock(folder, what, say))
        yield
