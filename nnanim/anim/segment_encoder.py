"""manim's partial-movie encoder, minus two full-frame passes its encoder spends on every frame.

manim 0.22 encodes each frame in ``VideoSegmentEncoder.write_frame``: it copies the 1080p RGBA
array into a new video frame (``VideoFrame.from_ndarray``, about 2 ms), and the codec then
converts that frame to its own pixel format (RGBA to YUV 4:2:0, about 4 ms) -- once for every
time a still frame is held, too. ``LectureSegmentEncoder`` hands the conversion the array
itself (``from_numpy_buffer``: no copy; the result does not depend on how the rows lie in
memory: 26 lecture frames at 854 and 1920 pixels wide, rows padded or not, aligned to 64, 16
or 4 bytes, all converted alike), converts each with the very conversion the codec would use
(``VideoReformatter.reformat`` with the codec's size, format and thread count: bilinear, the
same colour matrix), once, and encodes that converted frame as often as it is held. x264 therefore receives exactly the bytes it received before: the partial movies
are the same, byte for byte (``tests/test_segment_encoder.py``), for about a sixth of the
encoder's CPU less per frame.

``LectureFileWriter`` is manim's ``SceneFileWriter`` with this encoder; ``LectureRenderer``
uses it. The renderer hands each frame over in a buffer from ``FRAMES`` (``FramePool``), and the
encoder gives the buffer back once the frame is converted: manim copies every frame into a
freshly allocated 8 MB array, and touching fresh memory costs 1.9 ms a frame at 1080p against
0.3 ms for a copy into a buffer used before.
"""

from __future__ import annotations

import threading
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from av.video.reformatter import VideoReformatter
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder
from manim.typing import RGBAPixelArray


class PooledFrame(np.ndarray):
    """A frame-sized array that ``FramePool`` handed out: the encoder gives it back."""


class FramePool:
    """Frame-sized arrays to copy frames into, used again once the encoder is done with them.

    Only the encoder gives an array back (``give``), after its last read of it; an array
    taken for anything else (the still a play draws on, a frame saved as a picture) is simply
    never given back.
    """

    KEPT = 16
    """Arrays kept for reuse at most: the frames in flight (manim queues 8 per encoder)."""

    def __init__(self) -> None:
        self._free: list[PooledFrame] = []
        self._lock = threading.Lock()

    def copy(self, pixels: np.ndarray) -> np.ndarray:
        """A copy of ``pixels`` (an RGBA frame), in an array used before if one is free."""
        if pixels.ndim != 3 or pixels.shape[2] != 4 or pixels.dtype != np.uint8:
            return pixels.copy()
        with self._lock:
            found = next((i for i, free in enumerate(self._free) if free.shape == pixels.shape),
                         None)
            buffer = self._free.pop(found) if found is not None else None
        if buffer is None:
            return pixels.copy().view(PooledFrame)
        np.copyto(buffer, pixels)
        return buffer

    def give(self, buffer: PooledFrame) -> None:
        """Take ``buffer`` back: nobody reads or writes it any more."""
        with self._lock:
            if len(self._free) < self.KEPT:
                self._free.append(buffer)


FRAMES = FramePool()
"""The pool ``LectureRenderer.get_frame`` copies frames into and the encoder gives them back to."""


class LectureSegmentEncoder(VideoSegmentEncoder):
    """``VideoSegmentEncoder`` that converts each frame once, without copying it first."""

    def __init__(self, *, target: Path, spec) -> None:
        super().__init__(target=target, spec=spec)
        self._reformatter = VideoReformatter()
        self._time_base = Fraction(spec.frame_rate.denominator, spec.frame_rate.numerator)

    def write_frame(self, pixels: RGBAPixelArray, *, repeat: int = 1) -> None:
        """Encode ``pixels`` ``repeat`` times at consecutive segment-local PTS values."""
        self._validate_frame(pixels, repeat)
        try:
            context = self._stream.codec_context
            context.open(strict=False)  # as encode() does first: its thread count is now final
            source = av.VideoFrame.from_numpy_buffer(pixels, format="rgba")  # no copy
            frame = self._reformatter.reformat(source, context.width, context.height,
                                               context.format, threads=context.thread_count)
            if isinstance(pixels, PooledFrame) and frame is not source:
                del source  # converted into a frame of its own: the array is free
                FRAMES.give(pixels)
            for _ in range(repeat):
                frame.pts = self._next_pts
                frame.time_base = self._time_base
                self._next_pts += 1
                for packet in self._stream.encode(frame):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error


class LectureFileWriter(SceneFileWriter):
    """manim's scene file writer, encoding its partial movies with ``LectureSegmentEncoder``."""

    def _create_segment_encoder(self, target: Path) -> VideoSegmentEncoder:
        if self.video_encoder is None:
            raise RuntimeError("Video segment encoding requires resolved settings.")
        return LectureSegmentEncoder(target=target, spec=self.video_encoder)
