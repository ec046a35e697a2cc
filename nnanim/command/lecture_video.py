"""A whole lecture as one video: each chapter rendered in its own process, then joined.

Every chapter process runs the lecture's own scene file with ``$NNANIM_CHAPTER`` naming its
chapter: the other chapters run without drawing a frame (``LectureScene.next_section``), so
each chapter starts from exactly the state the full lecture reaches there. The first chapter
renders alone, before the others start: it trains (or loads) whatever the lecture needs, so
parallel processes never train the same network at once.

Each chapter file is kept in ``<video>-chapters/`` as soon as it is rendered, so a failure
later -- another chapter, or the joining -- never costs a render already done.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from nnanim.errors import NnanimError
from nnanim.core.files import atomic_copy
from nnanim.command.frame_bar import FrameBar
from nnanim.outputs.joining import join_videos
from nnanim.course.lectures import Lecture
from nnanim.settings import LECTURE_CHAPTER_ENV
from nnanim.command.rendering import Look, render_scene, scenes_dir
from nnanim.outputs.subtitles import Cue, cues_path, read_cues, write_cues


def chapter_files(lecture: Lecture, folder: Path) -> list[tuple[str, Path]]:
    """Each chapter's title and its file in ``folder`` (``02-midway-line.mp4``), in order."""
    return [
        (chapter.name, folder / f"{i:02d}-{re.sub(r'[^A-Za-z0-9]+', '-', chapter.name)}.mp4")
        for i, chapter in enumerate(lecture.chapters, start=1)
    ]


def render_chapters(
    lecture: Lecture,
    look: Look,
    folder: Path,
    work: Path,
    jobs: int,
    bar: FrameBar,
    say: Callable[[str], None] = print,
) -> None:
    """Render every chapter of ``lecture`` into ``folder``, ``jobs`` at a time.

    ``work`` holds manim's media folders and one log per chapter; ``bar`` counts the frames
    of all chapters against the whole lecture's.
    """
    scene_file = scenes_dir() / f"{lecture.name}.py"
    files = chapter_files(lecture, folder)
    bar.plan(scene_file, lecture.scene_class, look)

    def render(index: int) -> None:
        name, path = files[index]
        stem = path.stem + look.suffix
        began = time.perf_counter()
        try:
            rendered = render_scene(scene_file, lecture.scene_class, stem, look, work / stem,
                                    work / f"{stem}.log", bar.counter(stem),
                                    env={LECTURE_CHAPTER_ENV: name})
        except NnanimError as err:
            raise NnanimError(f"chapter {name!r}: {err}") from None
        atomic_copy(rendered, path)
        if cues_path(rendered).is_file():
            write_cues(read_cues(rendered), path)
        say(f"  {name:12s} {time.perf_counter() - began:6.1f} s")

    render(0)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        # list() re-raises the first failure, after the other chapters have finished.
        list(pool.map(render, range(1, len(files))))


def join_chapters(lecture: Lecture, folder: Path, target: Path) -> list[tuple[str, float]]:
    """Join the chapter files in ``folder`` into ``target``; each chapter's start in seconds."""
    files = chapter_files(lecture, folder)
    missing = [str(path) for _, path in files if not path.is_file()]
    if missing:
        raise NnanimError(f"join: {', '.join(missing)} not found; render the lecture first")
    return join_videos(files, target)


def lecture_cues(lecture: Lecture, folder: Path, marks: list[tuple[str, float]]) -> list[Cue]:
    """The subtitle cues of the joined lecture: each chapter's own, moved to its start."""
    cues: list[Cue] = []
    for (_, path), (_, start) in zip(chapter_files(lecture, folder), marks):
        if not cues_path(path).is_file():
            raise NnanimError(f"subtitles: {cues_path(path)} not found; render the lecture again")
        cues += [cue.shifted(start) for cue in read_cues(path)]
    return cues
