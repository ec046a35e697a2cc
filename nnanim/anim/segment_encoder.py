"""manim's partial-movie encoder, minus two full-frame passes its encoder spends on every frame.

manim 0.22 encodes each frame in ``VideoSegmentEncoder.write_frame``: it copies the 1080p RGBA
array into a new video frame (``VideoFrame.from_ndarray``, about 2 ms), and the codec then
converts that frame to its own pixel format (RGBA to YUV 4:2:0, about 4 ms) -- once for every
time a still frame is held, too. ``LectureSegmentEncoder`` hands the codec the array itself
(``from_numpy_buffer``: no copy), converts it with the very conversion the codec would use
(``VideoReformatter.reformat`` with the codec's size, format and thread count: bilinear, the
same colour matrix), once, and encodes that converted frame as often as it is held. x264
therefore receives exactly the bytes it received before: the partial movies are the same,
byte for byte (``tests/test_segment_encoder.py``), for about a sixth of the encoder's CPU
less per frame.

``LectureFileWriter`` is manim's ``SceneFileWriter`` with this encoder; ``LectureRenderer``
uses it.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
from av.video.reformatter import VideoReformatter
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder
from manim.typing import RGBAPixelArray


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
            frame = self._reformatter.reformat(
                av.VideoFrame.from_numpy_buffer(pixels, format="rgba"),
                context.width, context.height, context.format, threads=context.thread_count)
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
