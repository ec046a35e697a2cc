"""A lecture render that stops part-way: what it keeps, what the next run reuses, and two runs
of one lecture at once.

The renders are the smallest lecture (softmax, two chapters) in quick mode at 480p15.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

from nnanim.command import cli
from nnanim.command.chapter_stamps import (
    base_key, chapter_key, lecture_inputs, reusable, stamp_path, write_stamp,
)
from nnanim.command.lecture_video import disk_need
from nnanim.errors import NnanimError
from nnanim.course.lectures import get_lecture
from nnanim.command.paths import size_in_words
from nnanim.command.rendering import Look, lecture_file
from nnanim.outputs.subtitles import cues_path

from conftest import lecture_group
from test_cli import assert_one_line_error, encode_clip

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["lecture", "softmax", "-q", "l", "--quick", "--jobs", "1", "--out", "out/softmax.mp4"]
CHAPTERS = Path("out/softmax-chapters")


def as_in_a_terminal() -> None:
    """Ctrl-C as a terminal's command has it: a process started in the background of a
    script (a CI job run with ``&``) inherits SIGINT ignored, and would not stop at all."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_lecture(cwd: Path) -> subprocess.Popen:
    """``nnanim lecture`` in a session of its own, so Ctrl-C can reach it and its children as
    a terminal's does: the whole process group."""
    return subprocess.Popen([sys.executable, "-m", "nnanim.command.cli", *ARGS], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=as_in_a_terminal)


def frame_count(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


@pytest.mark.slow
@lecture_group("softmax")
def test_after_ctrl_c_the_same_command_renders_only_the_unfinished_chapters(tmp_path):
    run = start_lecture(tmp_path)
    # One job, the longest chapter first: softmax, then the title.
    first = tmp_path / CHAPTERS / "02-softmax.mp4"
    # Written by the title chapter's manim process once it runs (nnanim.command.render_child).
    counting = tmp_path / "media" / "lecture-parts" / "softmax" / "progress" / \
        "01-title-quick.frames"
    deadline = time.monotonic() + 300
    while not (stamp_path(first).is_file() and counting.is_file()):
        assert run.poll() is None and time.monotonic() < deadline, run.communicate()
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGINT)  # the softmax chapter is finished, the title rendering
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 130, stderr
    assert stderr.strip().splitlines() == [
        f"nnanim: interrupted; the finished chapters (softmax) are kept in {CHAPTERS}/ and the "
        f"same command renders only the others"]
    assert not (tmp_path / "out" / "softmax.mp4").exists()
    finished = first.stat().st_mtime_ns

    again = start_lecture(tmp_path)
    stdout, stderr = again.communicate(timeout=600)
    assert again.returncode == 0, stderr[-3000:]
    lines = stdout.splitlines()
    assert "  softmax      reused: finished earlier from the same inputs" in lines, stdout
    assert any(line.startswith("  title ") and line.endswith(" s") for line in lines), stdout
    assert first.stat().st_mtime_ns == finished  # not rendered again
    title = tmp_path / CHAPTERS / "01-title.mp4"
    joined = tmp_path / "out" / "softmax.mp4"
    assert frame_count(joined) == frame_count(title) + frame_count(
        tmp_path / CHAPTERS / "02-softmax.mp4")
    # What a full disk's message says the render takes is what it took, give or take half.
    written = sum(path.stat().st_size for path in tmp_path.rglob("*") if path.is_file())
    need = disk_need(get_lecture("softmax"), Look("l", "en", True))
    assert 0.5 * need < written < 1.5 * need, (written, need)


@pytest.mark.slow
@lecture_group("softmax")
def test_two_runs_of_one_lecture_at_once_do_not_collide(tmp_path):
    runs = [start_lecture(tmp_path)]
    time.sleep(1.0)
    runs.append(start_lecture(tmp_path))
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, stderr) in zip(runs, outputs):
        assert run.returncode == 0, stderr[-3000:]
    work = tmp_path / "media" / "lecture-parts" / "softmax"
    waiting = [i for i, (stdout, _) in enumerate(outputs) if "waiting" in stdout]
    assert len(waiting) == 1  # whichever took the lock first, the other one waited
    waiter, holder = waiting[0], 1 - waiting[0]
    assert outputs[waiter][0].splitlines()[0] == (
        f"nnanim: lecture softmax is already being rendered in {work} (process "
        f"{runs[holder].pid}); waiting for it to finish (Ctrl-C to stop waiting)")
    assert "  title        reused: finished earlier from the same inputs" in outputs[waiter][0]
    assert "  softmax      reused: finished earlier from the same inputs" in outputs[waiter][0]
    assert not any("Traceback" in log.read_text() for log in work.glob("*.log"))


@pytest.mark.slow
@lecture_group("softmax")
def test_a_disk_that_fills_up_is_named_with_what_the_lecture_needs(private_mount, tmp_path):
    """A 400 kB file system holds the title chapter, then fills up during the next one."""
    work = tmp_path / "work"
    work.mkdir()
    code = f"import os, sys; os.chdir({str(work)!r}); from nnanim.command import cli; " \
           "sys.exit(cli.main(['lecture', 'softmax', '-q', 'l', '--quick']))"
    result = private_mount(f"mount -t tmpfs -o size=400k tmpfs {work}", code)
    need = size_in_words(disk_need(get_lecture("softmax"), Look("l", "en", True)))
    assert_one_line_error(
        result.returncode, result.stderr,
        f"nnanim: error: the disk holding {work}/media/",
        " is full (", f"rendering lecture softmax at -q l --quick takes about {need} in all; "
        f"free space there or run nnanim from a folder on a disk with room")
    assert "manim failed" not in result.stderr


@pytest.fixture
def ctrl_c_interrupts():
    """Ctrl-C raises KeyboardInterrupt in this process, as in a terminal's, however the test
    run was started (see ``as_in_a_terminal``)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_stops_a_chapter_process_that_starts_at_that_moment(tmp_path, monkeypatch,
                                                                   ctrl_c_interrupts):
    """Ctrl-C reaches the command just as the next chapter's process starts (too late for the
    terminal's signal to reach it): that process is stopped too, not left to render."""
    import threading

    from nnanim.command import lecture_video
    from nnanim.command.frame_bar import FrameBar

    chapters: list[subprocess.Popen] = []

    def render_scene(scene_file, scene_class, stem, look, media, log, counter, *, env, started):
        if env["NNANIM_CHAPTER"] == "title":  # the short chapter: a real video
            media.mkdir(parents=True)
            encode_clip(media / "title.mp4", 4)
            cues_path(media / "title.mp4").write_text("[]")
            return media / "title.mp4"
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)  # Ctrl-C, now
        process = subprocess.Popen(["sleep", "90"])  # a chapter taking a minute and a half
        chapters.append(process)
        started(process)
        process.wait()
        raise lecture_video.NnanimError("manim failed")

    monkeypatch.setattr(lecture_video, "render_scene", render_scene)
    look = Look("l", "en", True)
    inputs = lecture_inputs(lecture_file("softmax"), look)
    with FrameBar(tmp_path / "progress", shown=False) as bar, pytest.raises(KeyboardInterrupt):
        lecture_video.render_chapters(get_lecture("softmax"), look, tmp_path / "chapters",
                                      tmp_path / "work", 2, bar, inputs, say=lambda line: None)
    deadline = time.monotonic() + 60
    while not chapters:  # the worker may still be starting it (Ctrl-C came first)
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert chapters[0].wait(timeout=30) == -signal.SIGINT  # stopped, not left to run


def test_join_only_with_nothing_rendered_says_to_render_first(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(
        cli.main(["lecture", "softmax", "-q", "l", "--quick", "--join-only"]),
        capsys.readouterr().err,
        f"--join-only: no chapter is rendered in {tmp_path}/media/lectures/"
        f"softmax-quick-480p15-chapters/ yet; render first: nnanim lecture softmax -q l --quick")
    assert "--join-only" not in capsys.readouterr().err.split("render first")[-1]


@pytest.fixture
def finished_chapter(tmp_path, monkeypatch):
    """A stamped chapter file, its cues and the cache file it was drawn from."""
    monkeypatch.setenv("NNANIM_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    weights = tmp_path / "cache" / "E3-0123.npz"
    weights.write_bytes(b"weights")
    video = tmp_path / "01-title.mp4"
    encode_clip(video, 6)
    cues_path(video).write_text("[]")
    inputs = lecture_inputs(lecture_file("softmax"), Look("l", "en", True))
    key = chapter_key("title", inputs)
    write_stamp(video, key, [weights.name], frames=6)
    assert reusable(video, key) is not None
    return video, key, inputs, weights


def test_a_chapter_is_reused_only_if_its_inputs_are_unchanged(finished_chapter):
    video, key, inputs, weights = finished_chapter
    assert reusable(video, chapter_key("softmax", inputs)) is None  # another chapter
    for changed in ({"lang": "ja"}, {"quick": False}, {"quality": "h"}, {"nnanim": "edited"},
                    {"scene": "edited"}, {"manim": "0.23.0"}):
        assert reusable(video, chapter_key("title", {**inputs, **changed})) is None, changed
    weights.write_bytes(b"trained again")
    assert reusable(video, key) is None
    weights.unlink()
    assert reusable(video, key) is None


def test_a_chapter_cut_short_or_unstamped_is_rendered_again(finished_chapter):
    video, key, _, _ = finished_chapter
    whole = video.read_bytes()
    video.write_bytes(whole[: len(whole) // 2])
    assert reusable(video, key) is None
    video.write_bytes(whole)
    assert reusable(video, key) is not None
    cues_path(video).write_text('[{"start": 0')
    assert reusable(video, key) is None
    cues_path(video).write_text("[]")
    stamp_path(video).unlink()
    assert reusable(video, key) is None


def test_every_input_that_decides_the_frames_is_in_the_key():
    inputs = lecture_inputs(lecture_file("softmax"), Look("h", "ja", False))
    assert set(inputs) == {"scene", "nnanim", "manim.cfg", "quality", "lang", "quick", "manim",
                           "av"}
    assert inputs["manim.cfg"] is not None and inputs["lang"] == "ja"
    other = lecture_inputs(lecture_file("donut"), Look("h", "ja", False))
    assert other["scene"] != inputs["scene"] and other["nnanim"] == inputs["nnanim"]


def test_when_the_plan_of_an_edited_lecture_fails_its_chapters_render_and_say_why(
        tmp_path, monkeypatch):
    """Stamps that a plan of the plays could confirm, but the edited lecture's code fails:
    the chapters are rendered (not reused), so the failure is told with its manim log."""
    from nnanim.command import lecture_video
    from nnanim.command.frame_bar import FrameBar

    lecture, look = get_lecture("softmax"), Look("l", "en", True)
    inputs = lecture_inputs(lecture_file("softmax"), look)
    for name, path in lecture_video.chapter_files(lecture, tmp_path / "chapters"):
        path.parent.mkdir(exist_ok=True)
        encode_clip(path, 4)
        cues_path(path).write_text("[]")
        write_stamp(path, "rendered before the edit", [], 4, base_key(name, inputs), "plays")

    def failing_plan(self, *args, wait: bool = False, **kwargs):
        raise NnanimError("planning softmax.py failed (exit status 1)")

    tried = []

    def render_scene(scene_file, scene_class, stem, look, media, log, counter, *, env, started):
        tried.append(env["NNANIM_CHAPTER"])
        raise NnanimError(f"manim failed (exit status 1); its output is in {log}")

    monkeypatch.setattr(FrameBar, "plan", failing_plan)
    monkeypatch.setattr(lecture_video, "render_scene", render_scene)
    with FrameBar(tmp_path / "progress", shown=False) as bar, \
            pytest.raises(NnanimError, match=r"chapter 'softmax': manim failed .*softmax-quick\.log"):
        lecture_video.render_chapters(lecture, look, tmp_path / "chapters", tmp_path / "work",
                                      1, bar, inputs, say=lambda line: None)
    assert tried == ["softmax"]  # the longest first; once it failed, no other was started
