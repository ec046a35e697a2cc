"""Run manim on a scene file in a child process, and say where the video is.

manim renders scene *files* and passes no arguments to a scene, so what the scene should
draw travels in environment variables (see ``nnanim.settings``). This module never imports
manim: the ``nnanim`` command stays quick to start and to fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from nnanim import lectures
from nnanim.errors import NnanimError
from nnanim.command.paths import DiskFullError, ran_out_of_space
from nnanim.settings import LANG_ENV, QUICK_ENV

QUALITIES = {"l": "480p15", "m": "720p30", "h": "1080p60", "k": "2160p60"}
"""manim's quality flags and the folder each one renders into."""
FORMATS = ("mp4", "gif", "png")


def lecture_file(name: str) -> Path:
    """The scene module manim renders for lecture ``name`` (or the ``experiment`` chapter): a
    file inside the package, so an installed nnanim renders from any folder."""
    return lectures.scene_file(name)


def plays_path(counter: Path) -> Path:
    """Where the child counting (or planning) frames into ``counter`` writes one digest per
    chapter of the keys of its plays (JSON; see ``nnanim.command.render_child``)."""
    return counter.with_name(counter.name + ".plays")


def read_plays(counter: Path) -> dict[str, str | None]:
    """The chapter digests the child counting into ``counter`` wrote; none if it wrote none."""
    try:
        digests = json.loads(plays_path(counter).read_text())
    except (OSError, ValueError):
        return {}
    return digests if isinstance(digests, dict) else {}


def media_dir() -> Path:
    """``./media``, where manim itself puts what it renders."""
    return Path.cwd() / "media"


@dataclass(frozen=True)
class Look:
    """What every render of one command shares: quality, caption language, quick mode."""

    quality: str
    lang: str
    quick: bool

    @property
    def suffix(self) -> str:
        """File-name suffix that keeps Japanese and quick renders from overwriting real ones."""
        return ("-ja" if self.lang == "ja" else "") + ("-quick" if self.quick else "")

    def env(self) -> dict[str, str]:
        return {LANG_ENV: self.lang, QUICK_ENV: "1" if self.quick else "0"}


def manim_config() -> Path:
    """nnanim's render settings (x264 preset, encoders in flight, cache size), shipped in the
    package: manim reads a ``manim.cfg`` by itself only from the folder it runs in, and the
    ``nnanim`` command runs from anywhere."""
    return lectures.FOLDER / "manim.cfg"


def _manim(mode: str, counter: Path, scene_file: Path, scene_class: str, quality: str,
           media: Path, *options: str) -> list[str]:
    """The command running manim quietly in a child that counts (or plans) its frames."""
    return [
        sys.executable, "-m", "nnanim.command.render_child", mode, str(counter),
        "render", "-q", quality, "--media_dir", str(media), "--progress_bar", "none",
        "-v", "WARNING", "--config_file", str(manim_config()),
        *options, str(scene_file), scene_class,
    ]


def plan_frames(scene_file: Path, scene_class: str, look: Look, media: Path, counter: Path,
                env: Mapping[str, str] | None = None) -> subprocess.Popen:
    """Start a child that writes into ``counter`` how many frames the scene's video will have.

    Every animation is skipped (seconds, not a render); the child's output is dropped.
    """
    counter.parent.mkdir(parents=True, exist_ok=True)
    command = _manim("plan", counter, scene_file, scene_class, look.quality, media,
                     "--dry_run", "-n", "1000000")
    return subprocess.Popen(command, env={**os.environ, **look.env(), **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def render_scene(
    scene_file: Path,
    scene_class: str,
    stem: str,
    look: Look,
    media: Path,
    log: Path,
    counter: Path,
    *,
    still: bool = False,
    env: Mapping[str, str] | None = None,
    extra: Sequence[str] = (),
    started: Callable[[subprocess.Popen], None] | None = None,
) -> Path:
    """Render ``scene_class`` of ``scene_file`` into ``media`` as ``stem``; return the file.

    The video is an mp4 (a png of the last frame if ``still``); ``extra`` are more manim
    options (``--save_sections``, say). manim's output goes to
    ``log``; the frames written so far, to ``counter`` (see ``nnanim.command.render_child``).
    ``started`` is handed the manim process as soon as it runs (to stop it from elsewhere).
    manim's partial-movie cache is on, keyed by nnanim (``nnanim.anim.play_key``): rendering
    again after an edit draws only the plays whose pictures changed (the frame counter counts
    the frames of the plays taken from the cache too).
    """
    options = ["-o", stem, *(["-s"] if still else []), *extra]
    command = _manim("count", counter, scene_file, scene_class, look.quality, media, *options)
    if still:
        output = media / "images" / scene_file.stem / f"{stem}.png"
    else:
        output = media / "videos" / scene_file.stem / QUALITIES[look.quality] / f"{stem}.mp4"
    output.unlink(missing_ok=True)  # an earlier render's file must not pass for this one
    environ = {**os.environ, **look.env(), **(env or {})}
    log.parent.mkdir(parents=True, exist_ok=True)
    counter.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as handle, subprocess.Popen(
            command, env=environ, stdout=handle, stderr=subprocess.STDOUT) as process:
        if started is not None:
            started(process)
        try:
            status = process.wait()
        except BaseException:  # Ctrl-C while waiting: the render ends with the command
            process.kill()
            raise
    if status != 0:
        if ran_out_of_space(media, log=log):
            raise DiskFullError(media)
        raise NnanimError(f"manim failed (exit status {status}); its output is in {log}")
    if not output.is_file():
        raise NnanimError(f"manim finished but wrote no {output}; its output is in {log}")
    return output
