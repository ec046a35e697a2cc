"""What a render process is asked to do, read from the environment.

manim passes no arguments to a scene, so the ``nnanim`` command (and a user at the shell)
tells a scene file how to render through these variables. Light on purpose: the command
imports it without numpy, torch or manim.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from nnanim.errors import check_choice

QUICK_ENV = "NNANIM_QUICK"
QUICK_FACTOR = 0.08
"""In quick mode every pause and animation lasts this share of its real length."""
TRAINING_SECONDS = 10.0
"""How long a chapter's training animation plays (before quick mode); each of its frames
measures the network on every point, which the command counts before a large render."""
LECTURE_CHAPTER_ENV = "NNANIM_CHAPTER"
SLIDES_ENV = "NNANIM_SLIDES"
BEAT_FRAMES_ENV = "NNANIM_BEAT_FRAMES"


def quick_mode(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether every animation plays at ``QUICK_FACTOR`` of its length (checks in seconds)."""
    return check_choice(QUICK_ENV, environ.get(QUICK_ENV, "") or "0", ("0", "1")) == "1"


def lecture_chapter(environ: Mapping[str, str] = os.environ) -> str | None:
    """The one chapter (section) of a lecture scene to draw, or None to draw them all.

    The other sections still run, without drawing a frame, so whatever a chapter carries over
    to the next (a camera angle, a window on screen) is the same as in the full lecture.
    """
    return environ.get(LECTURE_CHAPTER_ENV) or None


def slides_mode(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether every beat of the lecture starts a section of its own: one slide per beat."""
    return check_choice(SLIDES_ENV, environ.get(SLIDES_ENV, "") or "0", ("0", "1")) == "1"


def beat_frames_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where to keep the picture of every beat (``nnanim.anim.beat_frames``), or None."""
    folder = environ.get(BEAT_FRAMES_ENV)
    return Path(folder) if folder else None
