"""Run manim on a scene file in a child process, and say where the video is.

manim renders scene *files* and passes no arguments to a scene, so what the scene should
draw travels in environment variables (see ``nnanim.render_env``). This module never imports
manim: the ``nnanim`` command stays quick to start and to fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import nnanim
from nnanim.captions import LANG_ENV
from nnanim.errors import NnanimError
from nnanim.render_env import QUICK_ENV

QUALITIES = {"l": "480p15", "m": "720p30", "h": "1080p60", "k": "2160p60"}
"""manim's quality flags and the folder each one renders into."""
FORMATS = ("mp4", "gif", "png")


def scenes_dir() -> Path:
    """``scenes/`` of the source checkout nnanim runs from (scene files are not in the wheel)."""
    path = Path(nnanim.__file__).resolve().parents[1] / "scenes"
    if not (path / "experiment.py").is_file():
        raise NnanimError(
            f"scenes: {path} not found; rendering needs nnanim's source checkout "
            f"(git clone it, then pip install -e . inside it)"
        )
    return path


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


def render_scene(
    scene_file: Path,
    scene_class: str,
    stem: str,
    look: Look,
    media: Path,
    *,
    fmt: str = "mp4",
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    extra: Sequence[str] = (),
) -> Path:
    """Render ``scene_class`` of ``scene_file`` into ``media`` as ``stem``; return the file.

    manim's own output goes to the terminal, or to ``log`` when several renders run at once.
    """
    command = [
        sys.executable, "-m", "manim", "render", "-q", look.quality, "--media_dir", str(media),
        "-o", stem,
    ]
    if fmt == "gif":
        command += ["--format", "gif"]
    elif fmt == "png":
        command += ["-s"]
    command += [*extra, str(scene_file), scene_class]
    if fmt == "png":
        output = media / "images" / scene_file.stem / f"{stem}.png"
    else:
        output = media / "videos" / scene_file.stem / QUALITIES[look.quality] / f"{stem}.{fmt}"
    output.unlink(missing_ok=True)  # an earlier render's file must not pass for this one
    environ = {**os.environ, **look.env(), **(env or {})}
    if log is None:
        result = subprocess.run(command, env=environ)
    else:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "w") as handle:
            result = subprocess.run(command, env=environ, stdout=handle,
                                    stderr=subprocess.STDOUT)
    where = f"; its output is in {log}" if log else ""
    if result.returncode != 0:
        raise NnanimError(f"manim failed (exit status {result.returncode}){where}")
    if not output.is_file():
        raise NnanimError(f"manim finished but wrote no {output}{where}")
    return output
