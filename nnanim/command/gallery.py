"""The README's gallery: a few real frames of the lectures, small PNGs in ``media/gallery/``.

Each picture is one moment of one chapter, rendered by the lecture's own scene file (the
chapter alone, quick mode: the same pictures at a fraction of the time) and read out of the
video, so the gallery always shows what the lectures draw today. ``nnanim gallery`` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from nnanim.errors import NnanimError
from nnanim.core.files import write_whole
from nnanim.outputs.video_file import open_video
from nnanim.course.lectures import get_lecture
from nnanim.settings import LECTURE_CHAPTER_ENV
from nnanim.command.rendering import Look, lecture_file, render_scene

WIDTH = 640
"""Pixels across: sharp on a README page, a few hundred kB for the whole gallery."""


@dataclass(frozen=True)
class Picture:
    """``at`` (0 to 1) of chapter ``chapter`` of lecture ``lecture``, saved as ``name``.png."""

    name: str
    lecture: str
    chapter: str
    at: float
    shows: str


PICTURES = (
    Picture("training", "swissroll", "E3", 0.30,
            "E3 training: the heatmap and the p = 0.5 boundary of the network at this epoch"),
    Picture("inside", "swissroll", "E3", 0.62,
            "E3 inside the trained network: tanh bending the grid, the points and the boundary"),
    Picture("softmax", "softmax", "softmax", 0.97,
            "softmax: every point on y1 + y2 = 1, the boundary y1 = y2 perpendicular to it"),
    Picture("triangle", "threeclass", "K2", 0.80,
            "three classes: the triangle y1 + y2 + y3 = 1 seen square-on, three boundaries"),
    Picture("lift", "lift", "lift", 0.97,
            "2 → 3 → 2: the donut lifted into 3-D and cut by a flat plane, seen edge-on"),
    Picture("islands", "swissroll", "E5", 0.93,
            "E5 early in training: islands in the plane are one flat cut in the 10-unit layer"),
    Picture("wiser", "wiser", "verdicts", 0.95,
            "the wiser boundary: five networks against the line a person would draw, measured"),
)


def frame_at(video: Path, at: float, target: Path) -> Path:
    """The frame at share ``at`` of ``video``, ``WIDTH`` pixels wide, as a PNG (atomically)."""
    with open_video(video) as container:
        frames = [frame for frame in container.decode(video=0)]
    if not frames:
        raise NnanimError(f"gallery: {video} holds no frame")
    image = frames[min(len(frames) - 1, round(at * (len(frames) - 1)))].to_image()
    image = image.resize((WIDTH, round(WIDTH * image.height / image.width)))
    return write_whole(target, lambda path: image.save(path, format="PNG", optimize=True))


def make_gallery(folder: Path, work: Path, say: Callable[[str], None] = print) -> list[Path]:
    """Render every picture's chapter (once per chapter) and save the pictures in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    look = Look("m", "en", quick=True)
    videos: dict[tuple[str, str], Path] = {}
    written = []
    for picture in PICTURES:
        lecture = get_lecture(picture.lecture)
        lecture.chapter(picture.chapter)
        key = (picture.lecture, picture.chapter)
        if key not in videos:
            say(f"  rendering {picture.lecture} / {picture.chapter}")
            stem = f"{picture.lecture}-{picture.chapter}".replace(" ", "-")
            videos[key] = render_scene(lecture_file(lecture.name), lecture.scene_class,
                                       stem, look, work, work / f"{stem}.log",
                                       work / f"{stem}.frames",
                                       env={LECTURE_CHAPTER_ENV: picture.chapter})
        written.append(frame_at(videos[key], picture.at, folder / f"{picture.name}.png"))
    return written
