"""An mp4 opened for reading with PyAV, or one clear line saying why it cannot be.

Every reader of finished videos (joining, the GIF, the gallery, the subtitle tracks) opens
them here, so a file that is not a video, or holds no picture, is named the same way
everywhere instead of surfacing as a libav traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nnanim.errors import NnanimError

if TYPE_CHECKING:
    from av.container import InputContainer


def open_video(path: Path) -> InputContainer:
    """``path`` opened for reading (close it, e.g. with ``with``), holding a video stream.

    PyAV is imported here, not at the top, so the command starts without loading libav.
    """
    import av

    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError) as err:
        raise NnanimError(f"{path}: not a readable video ({err})") from None
    if not container.streams.video:
        container.close()
        raise NnanimError(f"{path}: has no video stream")
    return container
