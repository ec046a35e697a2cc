"""Where nnanim writes, checked before a minute of training or rendering is spent.

A mistyped ``--out``, a read-only folder or a cache variable that names a file would otherwise
surface as an OSError traceback at the very end, after the render it was meant to keep. These
checks run first and turn each case into one line naming the path, what it is for and the fix.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from nnanim.errors import NnanimError


def output_target(out: str | None, default: Path, suffixes: Sequence[str]) -> Path:
    """The file a user means by ``--out``; ``default`` when there is none.

    ``default`` is the file nnanim would write, already named with the chosen format's suffix;
    ``suffixes`` are the endings ``--out`` may have (``(".png",)``, or every format when the
    format follows the file name). An existing folder, or any path ending in ``/``, gets
    ``default``'s name inside it; a name without a suffix gets ``default``'s suffix.
    """
    if out is None:
        return default
    if not out.strip():
        raise NnanimError(
            f"--out: empty; give a file such as {default.name} or a folder ending in '/'"
        )
    path = Path(out).expanduser()
    if out.endswith(("/", os.sep)) or path.is_dir():
        return path / default.name
    suffix = path.suffix.lower()
    if not suffix:
        return path.with_name(path.name.rstrip(".") + default.suffix)
    if suffix not in suffixes:
        allowed = " or ".join(", ".join(suffixes).rsplit(", ", 1))
        raise NnanimError(
            f"--out: {out!r} does not end in {allowed}; "
            f"give a file such as {default.name} or a folder ending in '/'"
        )
    return path


LOW_SPACE_BYTES = 1 << 20
"""Less room than this left after a write failed: the disk is taken to be what stopped it."""


class DiskFullError(NnanimError):
    """A write failed for want of space in ``folder``. Where the caller knows, ``need`` says
    what the whole work takes (``"rendering ... takes about 2 MB"``) and ``after`` what is
    kept for the next try."""

    def __init__(self, folder: Path, need: str = "", after: str = "") -> None:
        free = size_in_words(free_bytes(folder))
        super().__init__(f"the disk holding {folder} is full ({free} free)"
                         + (f"; {need}" if need else "")
                         + "; free space there or run nnanim from a folder on a disk with room"
                         + (f"; {after}" if after else ""))
        self.folder = folder


def ran_out_of_space(folder: Path, err: BaseException | None = None,
                     log: Path | None = None) -> bool:
    """Whether a failed write into ``folder`` failed for want of space: ``err`` says so, the
    ``log`` of the process that failed says so, or almost nothing is left there."""
    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if log is not None:
        try:
            text = log.read_text(errors="replace")
        except OSError:
            text = ""
        if any(sign in text for sign in ("No space left on device", "Disk quota exceeded")):
            return True
    return free_bytes(folder) < LOW_SPACE_BYTES


def free_bytes(folder: Path) -> int:
    """Room left on the file system holding ``folder`` (or its nearest existing parent)."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return shutil.disk_usage(candidate).free
    return 0


def size_in_words(size: float) -> str:
    """``1.7 MB``, ``350 kB``: a size as a person reads it."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}" if size < 10 * scale else f"{size / scale:.0f} {unit}"
    return f"{size:.0f} bytes"
