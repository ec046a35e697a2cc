"""nnanim's partial-movie encoder gives x264 exactly the frames manim's own gives it, and
``nnanim lecture`` starts its longest chapters first, side by side."""

from __future__ import annotations

import threading
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from manim import RIGHT, Circle, Scene, Square, tempconfig
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from nnanim import LectureScene
from nnanim.anim.segment_encoder import FRAMES, LectureFileWriter, LectureSegmentEncoder
from nnanim.command import lecture_video
from nnanim.command.chapter_stamps import lecture_inputs
from nnanim.command.frame_bar import FrameBar
from nnanim.command.rendering import Look, lecture_file
from nnanim.course.lectures import get_lecture
from nnanim.palette import BACKGROUND

from test_cli import encode_clip

SIZE = (640, 360)
HELD = {0: 7, 5: 3, 11: 20}
"""Frames held still (frame index: times written), as manim writes a wait."""


def lecture_like_frames(count: int = 16) -> list[np.ndarray]:
    """Antialiased-looking RGBA frames with sharp colour edges and gradients that move: the
    chroma of such edges is where two RGB→YUV conversions would differ first."""
    rng = np.random.default_rng(7)
    rows, cols = np.mgrid[0:SIZE[1], 0:SIZE[0]]
    frames = []
    for step in range(count):
        red = (cols * 255 // SIZE[0] + 9 * step) % 256
        green = (rows * 255 // SIZE[1] + 5 * step) % 256
        blue = ((rows + cols + 17 * step) // 3) % 256
        rgba = np.stack([red, green, blue, np.full_like(red, 255)], axis=-1).astype(np.uint8)
        disc = (rows - 180) ** 2 + (cols - 100 - 20 * step) ** 2 < 60 ** 2
        rgba[disc] = (220, 30, 90, 255)
        rgba[rng.integers(0, SIZE[1], 400), rng.integers(0, SIZE[0], 400)] = (0, 200, 255, 255)
        frames.append(np.ascontiguousarray(rgba))
    return frames


def encode(kind: type[VideoSegmentEncoder], target: Path, options: dict[str, str]) -> Path:
    spec = VideoEncoderSpec("mp4", "libx264", "yuv420p", SIZE[0], SIZE[1], Fraction(60),
                            tuple(sorted(options.items())))
    encoder = kind(target=target, spec=spec)
    for index, pixels in enumerate(lecture_like_frames()):
        encoder.write_frame(pixels.copy(), repeat=HELD.get(index, 1))  # the writer owns it
    encoder.finish()
    return target


def decoded(path: Path) -> list[tuple[int, bytes, bytes, bytes]]:
    """Every frame's time stamp and its Y, U and V planes, as stored (the picture only: a
    plane's rows are padded to its line size, and the padding holds whatever was there)."""
    def picture(plane) -> bytes:
        rows = np.frombuffer(bytes(plane), np.uint8).reshape(plane.height, plane.line_size)
        return rows[:, :plane.width].tobytes()

    with av.open(str(path)) as container:
        return [(frame.pts, *(picture(plane) for plane in frame.planes))
                for frame in container.decode(video=0)]


def test_x264_receives_the_very_frames_manims_encoder_gives_it(tmp_path):
    """Lossless, so the stored planes are what x264 was given: the same YUV, frame for frame,
    with the same time stamps, held frames included."""
    lossless = {"preset": "veryfast", "qp": "0"}
    manims = decoded(encode(VideoSegmentEncoder, tmp_path / "manim.mp4", lossless))
    ours = decoded(encode(LectureSegmentEncoder, tmp_path / "ours.mp4", lossless))
    assert len(ours) == 16 - len(HELD) + sum(HELD.values())
    assert [pts for pts, *_ in ours] == [pts for pts, *_ in manims]
    for index, (mine, theirs) in enumerate(zip(ours, manims)):
        assert mine == theirs, f"frame {index} differs"


def test_with_the_lectures_own_settings_the_partial_movie_is_the_same_file(tmp_path):
    """manim.cfg's x264 settings (veryfast, crf 23) on one thread: the same bytes."""
    settings = {"preset": "veryfast", "crf": "23", "threads": "1"}
    manims = encode(VideoSegmentEncoder, tmp_path / "manim.mp4", settings).read_bytes()
    ours = encode(LectureSegmentEncoder, tmp_path / "ours.mp4", settings).read_bytes()
    assert ours == manims


class Shapes(LectureScene):
    def construct(self) -> None:
        circle = Circle()
        self.play(circle.animate.shift(2 * RIGHT), run_time=0.5)
        self.add(Square())
        self.wait(0.5)


def test_a_lecture_scene_encodes_with_it(tmp_path):
    with tempconfig({"media_dir": str(tmp_path), "quality": "low_quality",
                     "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING"}):
        scene = Shapes()
        assert isinstance(scene.renderer.file_writer, LectureFileWriter)
        scene.render()
        video = Path(scene.renderer.file_writer.movie_file_path)
    with av.open(str(video)) as container:
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
    assert len(frames) == 15  # 0.5 s moving, 0.5 s held, at 15 fps
    assert np.abs(frames[-1].astype(int) - frames[8].astype(int)).max() <= 2  # the held one


def moving_shapes(scene: Scene) -> None:
    """Every frame differs from the one before, then one is held: a recycled buffer read
    too early or written too soon would show as a wrong frame."""
    square, circle = Square(color="#d03060", fill_opacity=0.6), Circle(color="#2060d0")
    scene.add(circle)
    scene.play(square.animate.shift(3 * RIGHT).rotate(1.0), circle.animate.scale(0.4),
               run_time=2)
    scene.wait(0.5)
    scene.play(square.animate.shift(-5 * RIGHT), run_time=1)


class PlainShapes(Scene):
    construct = moving_shapes


class LectureShapes(LectureScene):
    construct = moving_shapes


def test_recycled_frame_buffers_give_the_frames_manim_gives(tmp_path):
    """The same drawing through manim's renderer and encoder, and through nnanim's (frame
    buffers recycled, one conversion per held frame), encoded losslessly: the same frames."""
    videos = []
    for scene_class in (PlainShapes, LectureShapes):
        with tempconfig({"media_dir": str(tmp_path / scene_class.__name__),
                         "quality": "low_quality", "disable_caching": True,
                         "progress_bar": "none", "verbosity": "WARNING",
                         "background_color": BACKGROUND,
                         # crf 0: lossless (manim adds crf 23 to its options, which a qp would not override)
                         "video_encoder_options": {"preset": "veryfast", "crf": "0"}}):
            scene = scene_class()
            scene.render()
            videos.append(Path(scene.renderer.file_writer.movie_file_path))
    manims, ours = (decoded(video) for video in videos)
    assert len(ours) == len(manims) == 15 * 2 + 7 + 15
    assert len({tuple(planes) for _, *planes in ours}) > 40  # the frames do change
    for index, (mine, theirs) in enumerate(zip(ours, manims)):
        assert mine[1:] == theirs[1:], f"frame {index} differs"
    assert FRAMES._free, "the encoder gave its buffers back for reuse"


def test_the_longest_chapters_start_first_side_by_side(tmp_path, monkeypatch):
    """No chapter renders alone first: with 2 jobs the two longest start together; the
    shortest (the title) is left for the end, so neither core idles long."""
    lecture = get_lecture("swissroll")
    overlapping = threading.Barrier(2, timeout=30)

    def render_scene(scene_file, scene_class, stem, look, media, log, counter, *, env,
                     started):
        name = env["NNANIM_CHAPTER"]
        order.append(name)
        if len(order) <= 2:
            overlapping.wait()  # both first chapters run at once, or this times out
        media.mkdir(parents=True)
        encode_clip(media / f"{name}.mp4", 3)
        return media / f"{name}.mp4"

    order: list[str] = []
    monkeypatch.setattr(lecture_video, "render_scene", render_scene)
    monkeypatch.setattr(lecture_video, "cues_path", lambda path: path.with_suffix(".none"))
    look = Look("l", "en", True)
    inputs = lecture_inputs(lecture_file(lecture.name), look)
    with FrameBar(tmp_path / "progress", shown=False) as bar:
        lecture_video.render_chapters(lecture, look, tmp_path / "chapters", tmp_path / "work",
                                      2, bar, inputs, say=lambda line: None)
    # The title is taken last; with 2 at a time, one chapter taken just before it may still
    # be starting up when it starts.
    assert order[:2] == ["E5", "E4"] and "title" in order[-2:], order
    assert sorted(order) == sorted(chapter.name for chapter in lecture.chapters)
