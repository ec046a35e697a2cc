"""The documentation's pictures: the frames a lecture shows at its beats, rendered for real.

Every beat of a lecture (each ``pause`` and ``beat``: where a teacher stops to talk, and where
``nnanim slides`` waits for a click) is kept as a PNG when ``$NNANIM_BEAT_FRAMES`` names a
folder (``nnanim.anim.beat_frames``). The full build renders each lecture once that way, in
quick mode at 720p (the same pictures as the lecture, in a fraction of its time), through the
same ``render_scene`` and ``lecture_file`` the ``nnanim`` command renders lectures with.

A folder of pictures is used again only while everything that decides its frames is unchanged
(the scene file, nnanim's source, ``manim.cfg``, quality, versions: the inputs a lecture
chapter's stamp records, ``nnanim.command.chapter_stamps``), so rebuilding the documentation
after editing a page takes seconds, and after editing nnanim renders afresh.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from nnanim.anim.beat_frames import beat_frame_name
from nnanim.command.chapter_stamps import lecture_inputs
from nnanim.command.rendering import Look, lecture_file, render_scene
from nnanim.core.files import write_whole
from nnanim.course.lectures import LECTURES, Lecture
from nnanim.settings import BEAT_FRAMES_ENV

LOOK = Look("m", "en", quick=True)
"""720p beats are kept at half size: 640 × 360 pictures, sharp in a page, 20 to 60 kB each."""
STAMP = "inputs.json"


@dataclass(frozen=True)
class Source:
    """A scene file whose beats the documentation shows, in ``pictures/<name>/``."""

    name: str
    scene_file: Path
    scene_class: str
    data: tuple[Path, ...] = ()
    """Files the scene reads besides nnanim (an example's CSV of points)."""


def lecture_source(lecture: Lecture) -> Source:
    """A lecture's scene file, found the way ``nnanim lecture`` finds it."""
    return Source(lecture.name, lecture_file(lecture.name), lecture.scene_class)


def example_source(docs: Path) -> Source:
    """``examples/own_network.py``, the tutorial's scene, beside the documentation."""
    examples = docs.parent / "examples"
    return Source("own_network", examples / "own_network.py", "OwnNetwork",
                  (examples / "moons.csv",))


def sources(docs: Path) -> list[Source]:
    return [example_source(docs), *(lecture_source(lecture) for lecture in LECTURES.values())]


def _inputs(source: Source) -> dict[str, object]:
    inputs = lecture_inputs(source.scene_file, LOOK)
    for path in source.data:
        inputs[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return inputs


def is_current(source: Source, pictures: Path) -> bool:
    """Whether ``pictures/<name>/`` holds the beats of ``source`` as it is now."""
    stamp = pictures / source.name / STAMP
    return stamp.is_file() and json.loads(stamp.read_text()) == _inputs(source)


def render_beats(source: Source, pictures: Path, work: Path) -> None:
    """Render ``source`` and keep the picture at every beat in ``pictures/<name>/``, with a
    stamp of its inputs written last (a render cut short leaves no stamp)."""
    folder = pictures / source.name
    inputs = _inputs(source)
    fresh = work / source.name / "beats"
    shutil.rmtree(fresh, ignore_errors=True)
    render_scene(source.scene_file, source.scene_class, source.name, LOOK, work / source.name,
                 work / f"{source.name}.log", work / f"{source.name}.frames",
                 env={BEAT_FRAMES_ENV: str(fresh)},
                 # A play taken from manim's cache draws no frame to keep at the next beat.
                 extra=("--disable_caching",))
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(fresh, folder)
    write_whole(folder / STAMP, lambda path: path.write_text(json.dumps(inputs, indent=1)))
    shutil.rmtree(work / source.name)  # the video and manim's caches: the beats are all we keep


def render_all(docs: Path, pictures: Path, jobs: int, say: Callable[[str], None]) -> None:
    """Render every source whose pictures are missing or stale, ``jobs`` at a time."""
    work = pictures / ".work"

    def render(source: Source) -> None:
        if is_current(source, pictures):
            say(f"nnanim pictures: {source.name}: unchanged, kept")
            return
        began = time.perf_counter()
        render_beats(source, pictures, work)
        say(f"nnanim pictures: {source.name}: rendered in {time.perf_counter() - began:.0f} s")

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(render, sources(docs)))


def colourfulness(path: Path) -> float:
    """How much of a picture is colour (saturation times brightness, averaged): heatmaps and
    class colours score high, a page of words on the paper low."""
    hsv = np.asarray(Image.open(path).convert("HSV"), dtype=np.float64) / 255.0
    return float((hsv[..., 1] * hsv[..., 2]).mean())


def most_colourful(paths: list[Path]) -> Path:
    """The picture that stands for a run of beats: the one showing the most of the network
    (heatmap, classes, boundary) rather than words; the first of equals."""
    return max(paths, key=colourfulness)


def chapter_beats(pictures: Path, source: str, chapter: str) -> list[Path]:
    """The pictures kept at the beats of one chapter, in order."""
    found = []
    while (path := pictures / source / beat_frame_name(chapter, len(found) + 1)).is_file():
        found.append(path)
    return found
