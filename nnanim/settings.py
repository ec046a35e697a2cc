"""Every ``NNANIM_*`` environment variable, read here and nowhere else.

manim passes no arguments to a scene, so the ``nnanim`` command (and a user at the shell)
tells a scene file how to render through these variables; the cache folder and the caption
language are chosen the same way. One module reads them all, so a newcomer finds every knob
in one place. Light on purpose: the command imports it without numpy, torch or manim.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from nnanim.errors import NnanimError, check_choice

QUICK_ENV = "NNANIM_QUICK"
QUICK_FACTOR = 0.08
"""In quick mode every pause and animation lasts this share of its real length."""
TRAINING_SECONDS = 10.0
"""How long a chapter's training animation plays (before quick mode); each of its frames
measures the network on every point, which the command counts before a large render."""
LECTURE_CHAPTER_ENV = "NNANIM_CHAPTER"
SLIDES_ENV = "NNANIM_SLIDES"
BEAT_FRAMES_ENV = "NNANIM_BEAT_FRAMES"
LANG_ENV = "NNANIM_LANG"
CACHE_ENV = "NNANIM_CACHE_DIR"
USED_ENV = "NNANIM_CACHE_USED"
EXPERIMENT_ENV = "NNANIM_EXPERIMENT"
VERDICT_ENV = "NNANIM_VERDICT"
MODEL_ENV = "NNANIM_MODEL"
MODEL_DATA_ENV = "NNANIM_MODEL_DATA"
ACTIVATIONS_ENV = "NNANIM_ACTIVATIONS"


def quick_mode(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether every animation plays at ``QUICK_FACTOR`` of its length (checks in seconds)."""
    return check_choice(QUICK_ENV, environ.get(QUICK_ENV, "") or "0", ("0", "1")) == "1"


def lecture_chapter(environ: Mapping[str, str] = os.environ) -> str | None:
    """The one chapter (section) of a lecture scene to draw, or None to draw them all.

    The sections before it still run, without drawing a frame, so whatever a chapter carries
    over to the next (a camera angle, a window on screen) is the same as in the full lecture;
    the scene ends with the chapter.
    """
    return environ.get(LECTURE_CHAPTER_ENV) or None


def slides_mode(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether every beat of the lecture starts a section of its own: one slide per beat."""
    return check_choice(SLIDES_ENV, environ.get(SLIDES_ENV, "") or "0", ("0", "1")) == "1"


def beat_frames_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where to keep the picture of every beat (``nnanim.anim.beat_frames``), or None."""
    folder = environ.get(BEAT_FRAMES_ENV)
    return Path(folder) if folder else None


def requested_language(environ: Mapping[str, str] = os.environ) -> str | None:
    """The caption language ``$NNANIM_LANG`` names, or None when it is unset or empty.

    Unchecked: ``nnanim.course.captions`` knows the languages, and checks it there.
    """
    return environ.get(LANG_ENV) or None


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where trained networks are kept: ``$NNANIM_CACHE_DIR`` if set, else ``~/.cache/nnanim``.

    ``~/.cache`` stands for ``$XDG_CACHE_HOME`` where that is set, as on every freedesktop system.
    """
    configured = environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nnanim"


def cache_use_file(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The file in which a render names every cache entry it draws from, if asked to: a
    lecture chapter's stamp holds the weights it was drawn from
    (``nnanim.command.chapter_stamps``)."""
    used = environ.get(USED_ENV)
    return Path(used) if used else None


def cache_dir_chosen(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether ``$NNANIM_CACHE_DIR`` chose the cache folder (a problem with it then names it)."""
    return bool(environ.get(CACHE_ENV))


def experiment_request(environ: Mapping[str, str] = os.environ) -> tuple[str, str | None]:
    """The experiment (preset or ``.toml``) and verdict key ``scenes/experiment.py`` must draw.

    ``nnanim.course.render_request.RenderRequest.env`` writes these two variables.
    """
    experiment = environ.get(EXPERIMENT_ENV)
    if not experiment:
        raise NnanimError(f"{EXPERIMENT_ENV}: not set; give a preset (E3) or a .toml file "
                          f"(or a weights file in {MODEL_ENV} and its points in {MODEL_DATA_ENV})")
    return experiment, environ.get(VERDICT_ENV) or None


def model_request(environ: Mapping[str, str] = os.environ) -> tuple[str, str, str | None] | None:
    """The weights file, the CSV of points and the activations ``scenes/experiment.py`` draws
    instead of an experiment (``nnanim render --model``), or None when no model is named.

    ``nnanim.course.render_request.RenderRequest.env`` writes these three variables.
    """
    model = environ.get(MODEL_ENV)
    if not model:
        return None
    data = environ.get(MODEL_DATA_ENV)
    if not data:
        raise NnanimError(f"{MODEL_DATA_ENV}: not set; give the CSV file of points (x1,x2,label) "
                          f"to draw {model} on")
    return model, data, environ.get(ACTIVATIONS_ENV) or None
