"""The base class every lecture scene derives from: look, pacing and the quick test mode.

Scene files stay storyboards: they call the chapters in ``nnanim.anim.chapters``, which
take a ``LectureScene``. This class only sets the stage (light background like the article,
the raster-aware camera, one font) and owns the clock, so tests can render every scene in a
fraction of its real length with ``NNANIM_QUICK=1`` without the scene code knowing.
"""

from __future__ import annotations

import os

from manim import DOWN, LEFT, Scene, Text, VGroup

from nnanim.palette import BACKGROUND, INK
from nnanim.anim.raster import RasterCamera
from nnanim.captions import caption, language
from nnanim.errors import NnanimError

QUICK_ENV = "NNANIM_QUICK"
QUICK_FACTOR = 0.08
"""In quick mode every pause and animation lasts this share of its real length."""

FONT = "Noto Sans CJK JP"
"""Covers Latin and Japanese, so both caption languages look alike (``fonts-noto-cjk``)."""


def quick_mode() -> bool:
    value = os.environ.get(QUICK_ENV, "")
    if value not in ("", "0", "1"):
        raise NnanimError(f"{QUICK_ENV}: {value!r} is not one of 0, 1")
    return value == "1"


class LectureScene(Scene):
    """A plain 2-D ``Scene`` with nnanim's camera, background, captions and clock."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("camera_class", RasterCamera)
        super().__init__(**kwargs)
        # A renderer handed in from outside (e.g. manim's frames_comparison tests) brings a
        # plain Camera, which would silently skip the heatmaps.
        camera = getattr(self.renderer, "camera", None)
        if camera is not None and not isinstance(camera, RasterCamera):
            self.renderer.camera = RasterCamera()
        self.lang = language()
        self.quick = quick_mode()

    def setup(self) -> None:
        self.camera.background_color = BACKGROUND

    def seconds(self, real: float) -> float:
        """How long ``real`` seconds of lecture last in this render (short in quick mode)."""
        return real * QUICK_FACTOR if self.quick else real

    def pause(self, real: float) -> None:
        self.wait(self.seconds(real))

    def caption(self, key: str, **values: object) -> str:
        """The sentence ``key`` in this lecture's language."""
        return caption(key, self.lang, **values)

    def text(self, key: str, size: float = 28, color: str = INK, **values: object) -> VGroup:
        """The sentence ``key`` in this lecture's language, set in the lecture font."""
        return lecture_text(self.caption(key, **values), size, color)


def lecture_text(content: str, size: float = 28, color: str = INK) -> VGroup:
    """Text in the lecture font; lines (split at ``\\n``) left-aligned with airy spacing."""
    lines = [Text(line, font=FONT, font_size=size, color=color) for line in content.split("\n")]
    return VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.14 * size / 28)


def fit_width(mobject, width: float):
    """Shrink ``mobject`` to ``width`` if it is wider (long captions, Japanese or English)."""
    if mobject.width > width:
        mobject.scale_to_fit_width(width)
    return mobject
