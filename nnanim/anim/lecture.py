"""The base class every lecture scene derives from: look, pacing and the quick test mode.

Scene files stay storyboards: they call the chapters in ``nnanim.anim.chapters``, which
take a ``LectureScene``. This class only sets the stage (light background like the article,
the raster-aware camera, one font) and owns the clock, so tests can render every scene in a
fraction of its real length with ``NNANIM_QUICK=1`` without the scene code knowing.
"""

from __future__ import annotations

from manim import DOWN, LEFT, DefaultSectionType, Scene, Text, VGroup

from nnanim.palette import BACKGROUND, INK
from nnanim.anim.raster import RasterCamera
from nnanim.captions import caption, language
from nnanim.errors import NnanimError
from nnanim.render_env import LECTURE_CHAPTER_ENV, QUICK_FACTOR, lecture_chapter, quick_mode

FONT = "Noto Sans CJK JP"
"""Covers Latin and Japanese, so both caption languages look alike (``fonts-noto-cjk``)."""


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
        self.only_chapter = lecture_chapter()
        self.chapters_seen: list[str] = []

    def setup(self) -> None:
        self.camera.background_color = BACKGROUND

    def next_section(self, name: str = "unnamed", section_type: str = DefaultSectionType.NORMAL,
                     skip_animations: bool = False) -> None:
        """Start chapter ``name``; with ``$NNANIM_CHAPTER`` set, draw that chapter alone.

        Skipped chapters still run their code, so the chapter drawn starts from exactly the
        state the full lecture reaches there: ``nnanim lecture`` renders chapters in parallel.
        """
        self.chapters_seen.append(name)
        skip = skip_animations or (self.only_chapter is not None and name != self.only_chapter)
        super().next_section(name, section_type, skip)

    def tear_down(self) -> None:
        if self.only_chapter is not None and self.only_chapter not in self.chapters_seen:
            raise NnanimError(
                f"{LECTURE_CHAPTER_ENV}: {self.only_chapter!r} is not a chapter of "
                f"{type(self).__name__} (it has {', '.join(self.chapters_seen)})"
            )

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
