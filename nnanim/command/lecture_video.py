"""A whole lecture as one video: each chapter rendered in its own process, then joined.

Every chapter process runs the lecture's own scene file with ``$NNANIM_CHAPTER`` naming its
chapter: the other chapters run without drawing a frame (``LectureScene.next_section``), so
each chapter starts from exactly the state the full lecture reaches there. The longest
chapters start first, so the last one to finish is a short one and no core idles for long;
a network two chapters train at once is trained by one and read from the cache by the other
(``nnanim.core.cache`` locks it).

Each chapter file is kept in ``<video>-chapters/`` as soon as it is rendered, so a failure
later -- another chapter, or the joining -- never costs a render already done: the same
command again reuses every chapter whose stamp (``nnanim.command.chapter_stamps``) says it was
finished from the same inputs, and renders only the others.
"""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from nnanim.settings import USED_ENV
from nnanim.command.chapter_stamps import (ChapterStamp, base_key, chapter_key, finished,
                                           forget, plays_known, restamp, reusable, write_stamp)
from nnanim.errors import NnanimError
from nnanim.core.files import atomic_copy
from nnanim.command.frame_bar import FrameBar
from nnanim.outputs.joining import Clip, join_videos
from nnanim.course.lectures import Lecture
from nnanim.command.paths import DiskFullError, ran_out_of_space
from nnanim.settings import LECTURE_CHAPTER_ENV, QUICK_FACTOR
from nnanim.command.rendering import (QUALITIES, Look, lecture_file, plays_path, read_plays,
                                      render_scene)
from nnanim.outputs.subtitles import Cue, cues_path, read_cues, write_cues


DISK_PER_SECOND = {"l": 120e3, "m": 170e3, "h": 350e3, "k": 780e3}
"""Bytes a lecture render leaves on disk per second of the full lecture, by quality: manim's
partial movie files and text caches, each chapter's video, the kept chapters, the joined file.
Measured by ``benchmarks/disk_need.py``: the linear lecture at l and h, m and k in the
softmax lecture's proportions (figures in ``benchmarks/RESULTS.md``)."""
QUICK_DISK_SHARE = 0.5
"""A quick render's share of that: its videos are short, its text caches the same size."""


def disk_need(lecture: Lecture, look: Look) -> int:
    """Roughly how many bytes rendering all of ``lecture`` as ``look`` takes on disk."""
    share = QUICK_DISK_SHARE if look.quick else 1.0
    return round(lecture.seconds * DISK_PER_SECOND[look.quality] * share)


def expected_frames(lecture: Lecture, look: Look) -> int:
    """About how many frames ``lecture`` has as ``look`` (from the lectures table's length,
    which a test keeps within a second of the real one)."""
    rate = int(QUALITIES[look.quality].split("p")[1])
    return round(lecture.seconds * rate * (QUICK_FACTOR if look.quick else 1.0))


def chapter_files(lecture: Lecture, folder: Path) -> list[tuple[str, Path]]:
    """Each chapter's title and its file in ``folder`` (``02-midway-line.mp4``), in order."""
    return [
        (chapter.name, folder / f"{i:02d}-{re.sub(r'[^A-Za-z0-9]+', '-', chapter.name)}.mp4")
        for i, chapter in enumerate(lecture.chapters, start=1)
    ]


def finished_chapters(lecture: Lecture, folder: Path, inputs: dict[str, object]) -> list[str]:
    """The chapters in ``folder`` finished from ``inputs``: what a run again would reuse."""
    return [name for name, path in chapter_files(lecture, folder)
            if reusable(path, chapter_key(name, inputs))]


def render_chapters(
    lecture: Lecture,
    look: Look,
    folder: Path,
    work: Path,
    jobs: int,
    bar: FrameBar,
    inputs: dict[str, object],
    say: Callable[[str], None] = print,
) -> None:
    """Render every chapter of ``lecture`` into ``folder``, ``jobs`` at a time, except those
    finished earlier from the same ``inputs``: those are reused, and ``say`` says so.

    ``work`` holds manim's media folders and one log per chapter; ``bar`` counts the frames
    of all chapters against the whole lecture's.
    """
    scene_file = lecture_file(lecture.name)
    files = chapter_files(lecture, folder)
    keys = [chapter_key(name, inputs) for name, _ in files]
    bases = [base_key(name, inputs) for name, _ in files]

    def reuse(index: int, stamp: ChapterStamp, why: str) -> None:
        name, path = files[index]
        bar.counter(path.stem + look.suffix).write_text(f"{stamp.frames}\n")
        say(f"  {name:12s} reused: {why}")

    stamps = [finished(path) for _, path in files]  # each chapter's files hashed once
    todo = []
    for index, stamp in enumerate(stamps):
        if stamp is not None and stamp.key == keys[index]:
            reuse(index, stamp, "finished earlier from the same inputs")
        else:
            todo.append(index)
    if any(plays_known(stamps[i], bases[i]) for i in todo):
        # The code changed since: a plan of every play (nothing drawn) tells which chapters
        # still show exactly what they showed.
        try:
            plays = read_plays(bar.plan(scene_file, lecture.scene_class, look, wait=True))
        except NnanimError:  # the edited code fails: the chapters' renders say where, with logs
            plays = {}
        for index in list(todo):
            name, path = files[index]
            stamp = stamps[index]
            if plays_known(stamp, bases[index]) and stamp.plays == plays.get(name):
                restamp(path, stamp, keys[index])
                todo.remove(index)
                reuse(index, stamp, "every picture in it is unchanged")
    elif todo:
        bar.expect(expected_frames(lecture, look))
    if not todo:
        return

    running: list[subprocess.Popen] = []
    stopping = threading.Event()
    failed = threading.Event()

    def started(process: subprocess.Popen) -> None:
        running.append(process)
        if stopping.is_set():  # Ctrl-C came as this one started: stop it too
            process.send_signal(signal.SIGINT)

    def render(index: int) -> None:
        if stopping.is_set() or failed.is_set():  # a chapter failed: start no other
            return
        try:
            render_one(index)
        except BaseException:
            failed.set()
            raise

    def render_one(index: int) -> None:
        name, path = files[index]
        stem = path.stem + look.suffix
        began = time.perf_counter()
        forget(path)
        used = work / f"{stem}.weights"
        used.unlink(missing_ok=True)
        plays_path(bar.counter(stem)).unlink(missing_ok=True)
        try:
            rendered = render_scene(scene_file, lecture.scene_class, stem, look, work / stem,
                                    work / f"{stem}.log", bar.counter(stem),
                                    env={LECTURE_CHAPTER_ENV: name, USED_ENV: str(used)},
                                    started=started)
        except DiskFullError:
            raise
        except NnanimError as err:
            raise NnanimError(f"chapter {name!r}: {err}") from None
        try:
            atomic_copy(rendered, path)
            if cues_path(rendered).is_file():
                write_cues(read_cues(rendered), path)
                weights = used.read_text().split() if used.is_file() else []
                write_stamp(path, keys[index], weights, Clip.read(path).frames, bases[index],
                            read_plays(bar.counter(stem)).get(name))
        except OSError as err:
            if ran_out_of_space(folder, err):
                raise DiskFullError(folder) from None
            raise
        say(f"  {name:12s} {time.perf_counter() - began:6.1f} s")

    # Longest first: the chapters left for the end are short, so both cores stay busy.
    todo.sort(key=lambda index: -lecture.chapters[index].seconds)
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        # list() re-raises the first failure, after the other chapters have finished.
        list(pool.map(render, todo))
    except KeyboardInterrupt:  # Ctrl-C: stop every render, start no other
        stopping.set()
        for process in list(running):
            process.send_signal(signal.SIGINT)
        raise
    finally:
        pool.shutdown(cancel_futures=stopping.is_set())


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
