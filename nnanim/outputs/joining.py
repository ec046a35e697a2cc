"""Join chapter videos into one mp4 with a chapter marker at the start of each.

The compressed frames are copied as they are (no re-encoding: no quality loss, seconds instead
of minutes), which needs every part encoded alike, as manim does at one quality. The parts
are read through libavformat's concat demuxer -- the mechanism manim itself joins its partial
movie files with -- so the timestamps of the joined stream are libav's, not shifted by hand.
Only PyAV is needed (manim's own encoder), never the ``ffmpeg`` program.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from io import BytesIO
from pathlib import Path
from typing import Sequence

from nnanim.errors import NnanimError
from nnanim.core.files import write_whole
from nnanim.outputs.video_file import open_video


@dataclass(frozen=True)
class Clip:
    """What joining needs to know about one video, read without decoding a frame."""

    path: Path
    encoding: tuple
    frames: int
    frame_ticks: int
    time_base: Fraction

    @classmethod
    def read(cls, path: Path) -> "Clip":
        with open_video(path) as source:
            video = source.streams.video[0]
            context = video.codec_context
            time_base = Fraction(video.time_base)
            durations = [packet.duration for packet in source.demux(video) if packet.size]
            if not durations:
                raise NnanimError(f"{path}: has no video frames")
            # The frame rate as the frames' own duration: a stream's average rate is inexact.
            encoding = (
                context.name, context.width, context.height, context.format.name,
                time_base, max(durations), bytes(context.extradata or b""),
            )
        return cls(path, encoding, len(durations), max(durations), time_base)

    @property
    def ticks(self) -> int:
        """Its length in its stream's time base: every frame lasts one frame duration."""
        return self.frames * self.frame_ticks


def _concat_manifest(clips: Sequence[Clip]) -> bytes:
    """An ffconcat list; each part's length makes the next one start on its first frame.

    Lengths are whole microseconds, rounded up, so a part never overlaps the one before.
    """
    lines = ["ffconcat version 1.0"]
    for clip in clips:
        quoted = str(clip.path.resolve()).replace("'", "'\\''")
        microseconds = math.ceil(clip.ticks * clip.time_base * 1_000_000)
        lines += [f"file '{quoted}'", f"duration {microseconds}us"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def join_videos(parts: Sequence[tuple[str, Path]], target: Path) -> list[tuple[str, float]]:
    """Concatenate ``(title, mp4)`` parts into ``target`` with an mp4 chapter for each.

    ``target`` appears whole or not at all. Returns each chapter's title and start in
    seconds.
    """
    import av

    if not parts:
        raise NnanimError("join: no chapters to join")
    clips = [Clip.read(path) for _, path in parts]
    for (title, _), clip in zip(parts, clips):
        if clip.encoding != clips[0].encoding:
            raise NnanimError(
                f"chapter {title!r} was encoded differently from {parts[0][0]!r}; "
                f"render all chapters with the same quality"
            )
    time_base = clips[0].time_base
    starts = [sum(clip.ticks for clip in clips[:i]) for i in range(len(clips) + 1)]
    millisecond = Fraction(1, 1000)
    chapters = [
        {
            "id": i + 1,
            "start": round(starts[i] * time_base / millisecond),
            "end": round(starts[i + 1] * time_base / millisecond),
            "time_base": millisecond,
            "metadata": {"title": title},
        }
        for i, (title, _) in enumerate(parts)
    ]
    def write(path: Path) -> None:
        with av.open(BytesIO(_concat_manifest(clips)), format="concat",
                     options={"safe": "0"}) as joined, \
                av.open(str(path), "w", format="mp4") as output:
            video = joined.streams.video[0]
            stream = output.add_stream_from_template(video)
            output.set_chapters(chapters)
            for packet in joined.demux(video):
                if not packet.size:  # the demuxer's empty end-of-stream packet
                    continue
                packet.stream = stream
                output.mux(packet)

    try:
        write_whole(target, write)
    except av.error.FFmpegError as err:
        raise NnanimError(f"join: {target}: {err}") from None
    return [(title, float(start * time_base)) for (title, _), start in zip(parts, starts)]
