"""A GIF small enough for a blog post and timed like the video it is made from.

manim's own GIF writer quantises every frame on its own and stores it whole: a 40 s chapter at
480p15 came out at 81 MB. Here the mp4 is read once to build one palette from frames across
the whole clip, then again frame by frame: each frame stores only the rectangle that changed
since the one before, and inside it the unchanged pixels as transparent (long runs of one
index, which LZW packs to almost nothing). A frame identical to the one before is not stored
at all: its time is added to the previous frame's.

GIF delays are whole centiseconds, so 15 frames per second cannot all last 66.7 ms. Each
frame lasts until the next one's real start time rounded to a centisecond (70, 60, 70 ms…):
no frame is off by more than 5 ms and the whole clip lasts exactly as long as the video.
Frames are never shorter than 20 ms, since browsers play shorter ones as 100 ms: from a
video faster than ``MAX_RATE`` every second (or third…) frame is kept.

Frames are streamed, never all held in memory; only PyAV (manim's encoder) and Pillow.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
from PIL import GifImagePlugin, Image

from nnanim.errors import NnanimError
from nnanim.core.files import write_whole
from nnanim.outputs.video_file import open_video

MAX_RATE = 30
"""Frames per second a GIF keeps at most (its delays stay >= 3 cs, which players honour)."""
PALETTE_SAMPLES = 24
"""Frames, spread over the clip, whose colours the palette is built from."""
STILL_TOLERANCE = 12
"""A pixel within this many levels (of 255, in every channel) of what is shown is unchanged."""
TRANSPARENT = 255
"""The palette index of 'as the frame before': the palette's other 255 entries are colours."""


def _frames(video: Path):
    """``(time in seconds, rgb array)`` of every frame of ``video``, decoded one at a time."""
    with open_video(video) as container:
        for frame in container.decode(video=0):
            yield frame.time, frame.to_ndarray(format="rgb24")


def _video_timing(video: Path) -> tuple[Fraction, int]:
    """The frame rate of ``video`` and how many frames it has, without decoding."""
    with open_video(video) as container:
        stream = container.streams.video[0]
        frames = sum(1 for packet in container.demux(stream) if packet.size)
        rate = Fraction(stream.average_rate or stream.guessed_rate)
    if not frames or not rate:
        raise NnanimError(f"{video}: has no video frames")
    return rate, frames


def build_palette(video: Path, frames: int, samples: int = PALETTE_SAMPLES) -> Image.Image:
    """A 255-colour palette image for the whole clip, from frames sampled evenly across it."""
    wanted = set(np.linspace(0, frames - 1, min(samples, frames)).round().astype(int).tolist())
    picked = [rgb for i, (_, rgb) in enumerate(_frames(video)) if i in wanted]
    mosaic = Image.fromarray(np.concatenate(picked, axis=0))
    return mosaic.quantize(colors=TRANSPARENT, method=Image.Quantize.MEDIANCUT,
                           dither=Image.Dither.NONE)


def centisecond_delays(count: int, rate: Fraction) -> list[int]:
    """How long each of ``count`` frames at ``rate`` lasts in centiseconds; they add up exactly.

    Frame ``i`` lasts until frame ``i + 1``'s start, rounded to a centisecond.
    """
    ends = [round(Fraction(100 * i) / rate) for i in range(count + 1)]
    return [b - a for a, b in zip(ends, ends[1:])]


def write_gif(video: Path, target: Path, max_rate: int = MAX_RATE) -> None:
    """Write ``video`` (an mp4) as a looping GIF at ``target``, whole or not at all."""
    rate, count = _video_timing(video)
    step = math.ceil(rate / max_rate)
    kept = range(0, count, step)
    delays = centisecond_delays(len(kept), rate / step)
    palette = build_palette(video, count)
    def write(path: Path) -> None:
        with open(path, "wb") as out:
            _write_frames(out, video, palette, step, delays)

    write_whole(target, write)


def _indexed(rgb: np.ndarray, palette: Image.Image) -> np.ndarray:
    image = Image.fromarray(rgb).quantize(palette=palette, dither=Image.Dither.NONE)
    return np.asarray(image)


def _image(indices: np.ndarray, palette: Image.Image) -> Image.Image:
    image = Image.fromarray(indices, mode="P")
    image.putpalette(palette.getpalette()[: 3 * TRANSPARENT] + [0, 0, 0])
    return image


def _write_frames(out, video: Path, palette: Image.Image, step: int, delays: list[int]) -> None:
    """The GIF's bytes: header, then each kept frame as the rectangle that changed."""
    colours = np.array(palette.getpalette()[: 3 * 256], dtype=np.int16).reshape(-1, 3)
    canvas: np.ndarray | None = None
    pending: list = []  # the frame waiting for its delay: image, offset, centiseconds, extras

    def flush() -> None:
        image, offset, centiseconds, extras = pending
        for chunk in GifImagePlugin.getdata(image, offset, duration=10 * centiseconds,
                                            disposal=1, **extras):
            out.write(chunk)

    kept = (rgb for i, (_, rgb) in enumerate(_frames(video)) if i % step == 0)
    for delay, rgb in zip(delays, kept):
        indices = _indexed(rgb, palette)
        if canvas is None:
            first = _image(indices, palette)
            header, _ = GifImagePlugin.getheader(first, info={"loop": 0, "duration": 1})
            out.write(b"".join(header))
            canvas, pending = indices, [first, (0, 0), delay, {}]
            continue
        # h264 shimmers by a few levels in flat areas; a pixel that close to what is shown
        # stays as it is, or every frame would redraw noise
        shown = colours[canvas]
        changed = (indices != canvas) & (
            np.abs(rgb.astype(np.int16) - shown).max(axis=2) > STILL_TOLERANCE)
        rows, columns = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
        if not len(rows):  # the same picture: the frame before lasts longer
            pending[2] += delay
            continue
        flush()
        top, bottom, left, right = rows[0], rows[-1] + 1, columns[0], columns[-1] + 1
        patch = indices[top:bottom, left:right].copy()
        patch[~changed[top:bottom, left:right]] = TRANSPARENT
        canvas = np.where(changed, indices, canvas)
        pending = [_image(patch, palette), (int(left), int(top)), delay,
                   {"transparency": TRANSPARENT}]
    if pending:
        flush()
    out.write(b";")
