"""The base class every lecture scene derives from: look, pacing, subtitles and slides.

Scene files stay storyboards: they call the chapters in ``nnanim.anim.chapters``, which
take a ``LectureScene``. This class only sets the stage (light background like the article,
the raster-aware camera, one font) and owns the clock, so tests can render every scene in a
fraction of its real length with ``NNANIM_QUICK=1`` without the scene code knowing.

It also keeps the classroom extras in step with the frames: every caption made with ``text``
(or marked with ``captioned``) becomes a subtitle cue for as long as it is on screen, written
next to the video as ``.srt`` and ``.vtt`` in English and Japanese; and with
``NNANIM_SLIDES=1`` every beat (``pause``, ``beat``) starts a section of its own, one slide each;
with ``NNANIM_BEAT_FRAMES`` naming a folder, the picture at every beat is kept there
(``nnanim.anim.beat_frames``), for the suite to compare with its controls.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

import numpy as np

from manim import (
    DOWN, LEFT, Animation, AnimationGroup, DefaultSectionType, MarkupText, MathTex, Mobject,
    Paragraph, Scene, Tex, Text, VGroup, config,
)
from manim.utils.exceptions import EndSceneEarlyException

from nnanim.anim.beat_frames import beat_frame_name, save_beat_frame
from nnanim.anim.cached_renderer import LectureRenderer
from nnanim.anim.raster import RasterCamera
from nnanim.anim.settling import settle
from nnanim.anim.subtitle_track import (
    CueRecorder, captions_on_screen, mark_caption, mark_sentences,
)
from nnanim.anim.typeset import FONT, set_line
from nnanim.course.captions import LANGUAGES, caption, language
from nnanim.errors import NnanimError
from nnanim.palette import BACKGROUND, DARK_BACKGROUND, DARK_INK, INK
from nnanim.settings import (
    LECTURE_CHAPTER_ENV, QUICK_FACTOR, beat_frames_folder, lecture_chapter, quick_mode,
    slides_mode,
)
from nnanim.outputs.slide_deck import beat_section
from nnanim.outputs.subtitles import write_cues, write_subtitle_files

WORDS = (Text, MarkupText, Paragraph)
FORMULAS = (Tex, MathTex)
"""Manim's kinds of words and formulas: white by default, which vanishes on the light paper."""


class LectureScene(Scene):
    """A plain 2-D ``Scene`` with nnanim's camera, background, captions and clock.

    A lecture names its chapters with ``next_section``, shows sentences from the captions
    table with ``text`` (each one a subtitle while it is on screen) and holds the picture for a
    beat with ``pause``. A plain ``Text`` or ``MathTex`` of the scene is in the ink of its
    paper while it renders; manim's own defaults are back afterwards, even if ``construct``
    raised. Rendered without writing a video (manim's ``dry_run``), a scene runs in a moment,
    which is how to check a new scene before rendering it:

    >>> from manim import FadeIn, tempconfig
    >>> class Hello(LectureScene):
    ...     def construct(self):
    ...         self.next_section("greeting")
    ...         self.title = Text("Hello")
    ...         self.play(FadeIn(self.text("training")))
    ...         self.pause(2.0)
    >>> with tempconfig({"dry_run": True, "progress_bar": "none"}):
    ...     scene = Hello()
    ...     _ = scene.render()
    >>> scene.chapters_seen, f"{scene.renderer.time:.1f} s", scene.caption("epoch", epoch=3)
    (['greeting'], '3.0 s', 'epoch 3')
    >>> scene.title.color.to_hex() == INK, Text("after the scene").color.to_hex()
    (True, '#FFFFFF')
    """

    dark = False
    """A dark background (``palette.DARK_BACKGROUND``) instead of the article's light paper;
    words are then light by default, and nnanim's pictures sit on a card of light paper."""

    settle_finished_fades = True
    """Paint captions that finished fading once, not on every frame of the play (same frames;
    off only to check exactly that)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("camera_class", RasterCamera)
        if kwargs.get("renderer") is None:
            kwargs["renderer"] = LectureRenderer(camera_class=kwargs["camera_class"],
                                                 skip_animations=kwargs.get("skip_animations",
                                                                            False))
        super().__init__(**kwargs)
        # A renderer handed in from outside (e.g. manim's frames_comparison tests) brings a
        # plain Camera, which would silently skip the heatmaps.
        camera = getattr(self.renderer, "camera", None)
        if camera is not None and not isinstance(camera, RasterCamera):
            self.renderer.camera = RasterCamera()
        self.lang = language()
        self.quick = quick_mode()
        self.only_chapter = lecture_chapter()
        self.slides = slides_mode()
        self.chapters_seen: list[str] = []
        self.beats = 0
        self.beat_frames = beat_frames_folder()
        self.beats_kept: dict[str, int] = {}
        self.cue_recorder = CueRecorder()
        self.video_time = 0.0
        """Seconds of video written so far (skipped chapters write none)."""

    @property
    def ink(self) -> str:
        """The colour words take on this scene's background."""
        return DARK_INK if self.dark else INK

    def setup(self) -> None:
        """The paper, and the ink a plain ``Text("...")`` or ``MathTex("...")`` of the scene
        takes on it (dark on the light paper, light on the dark one; words in the lecture font,
        which has every script the captions use) while it renders: ``render`` gives the word
        classes back the defaults they had, whether the scene ends or raises."""
        self.camera.background_color = DARK_BACKGROUND if self.dark else BACKGROUND
        for kind in WORDS:
            kind.set_default(color=self.ink, font=FONT)
        for kind in FORMULAS:
            kind.set_default(color=self.ink)

    def next_section(self, name: str = "unnamed", section_type: str = DefaultSectionType.NORMAL,
                     skip_animations: bool = False) -> None:
        """Start chapter ``name``; with ``$NNANIM_CHAPTER`` set, draw that chapter alone.

        The chapters before it still run their code, so the chapter drawn starts from exactly
        the state the full lecture reaches there (``nnanim lecture`` renders chapters in
        parallel); the lecture ends with it.
        """
        if self.only_chapter in self.chapters_seen and name != self.only_chapter:
            # The chapter asked for is drawn: nothing after it can change its frames, so the
            # rest of the lecture's code need not run (manim ends the scene as at ``-n``'s end).
            raise EndSceneEarlyException()
        self.chapters_seen.append(name)
        skip = skip_animations or (self.only_chapter is not None and name != self.only_chapter)
        self.beats = 1
        super().next_section(beat_section(name, 1) if self.slides else name, section_type, skip)

    def beat(self) -> None:
        """A moment to stop and talk: in slides mode the next slide starts here."""
        self._keep_beat_frame()
        if not self.slides or not self.chapters_seen:
            return
        section = self.renderer.file_writer.sections[-1]
        self.beats += 1
        super().next_section(beat_section(self.chapters_seen[-1], self.beats), section.type_,
                             section.skip_animations)

    def play(self, *args, **kwargs) -> None:
        """Play, and note which captions were on screen for how long (the subtitle cues)."""
        writing = self._writing_video()
        before = self.renderer.time
        if writing:
            self.cue_recorder.settle(self.mobjects, self.video_time)
        super().play(*args, **kwargs)
        if writing:
            start = self.video_time
            self.video_time += self._seconds_written(self.renderer.time - before)
            # A caption fading out before the play ends is gone when its fade ends; one fading
            # in after the play starts (waiting for others to leave, ``Swap``) comes then.
            share = (self.video_time - start) / self.duration if self.duration else 0.0

            def at(moments: list[tuple[float, Mobject]]) -> dict[int, float]:
                return {id(caption): start + share * seconds for seconds, mobject in moments
                        for caption in captions_on_screen([mobject])}

            self.cue_recorder.observe(self.mobjects, start, self.video_time,
                                      at(self._early_exits), at(self._late_entries))

    def begin_animations(self) -> None:
        super().begin_animations()
        self._settled = not self.settle_finished_fades
        timed = [part for a in self.animations for part in timed_parts(a, 0.0, a.run_time)]
        self._early_exits = [(start + length, a.mobject) for a, start, length in timed
                             if a.remover and start + length < self.duration]
        self._late_entries = [(start, a.mobject) for a, start, length in timed
                              if a.is_introducer() and start > 0]

    def update_to_time(self, t: float) -> None:
        """Advance the play to ``t``; captions that finished fading stop being redrawn
        (``nnanim.anim.settling``: same pixels, less work per frame)."""
        super().update_to_time(t)
        if not self._settled:
            self._settled = settle(self, t)

    def _keep_beat_frame(self) -> None:
        """Save the frame the viewer sees at this beat, if asked to (``$NNANIM_BEAT_FRAMES``)."""
        if (self.beat_frames is None or not self.chapters_seen or not self._writing_video()
                or self.renderer.skip_animations):
            return
        chapter = self.chapters_seen[-1]
        number = self.beats_kept[chapter] = self.beats_kept.get(chapter, 0) + 1
        target = self.beat_frames / beat_frame_name(chapter, number)
        save_beat_frame(self.renderer.get_frame(), target)

    def _writing_video(self) -> bool:
        """Whether this play goes into the video: not in a skipped chapter, nor in a render
        that skips everything (``-s`` stills, ``-n`` starts)."""
        sections = self.renderer.file_writer.sections
        skipped = bool(sections) and sections[-1].skip_animations
        return not (skipped or self.renderer._original_skipping_status)

    def _seconds_written(self, elapsed: float) -> float:
        """The video length a play added: its frames. Drawn frames advance the renderer's clock
        frame by frame; a play manim takes from its cache advances it by the play's length, so
        count its frames from that length the way manim writes them (one per step, or a
        still held)."""
        if not self.renderer.skip_animations:
            return elapsed
        step = 1 / config.frame_rate
        if self.is_current_animation_frozen_frame():
            return int(self.duration / step) * step
        return len(np.arange(0, self.duration, step)) * step

    def render(self, preview: bool = False) -> bool:
        """Render, then write the subtitles of the video beside it (both languages)."""
        with kept_word_defaults():
            rerun = super().render(preview)
        if not rerun and not config.dry_run:
            try:
                video = self.renderer.file_writer.movie_file_path
            except AttributeError:  # a still or an image sequence: no timeline to subtitle
                return rerun
            cues = self.cue_recorder.finish(self.video_time)
            if video.is_file():
                write_cues(cues, video)
                write_subtitle_files(cues, video)
        return rerun

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
        """Hold still for ``real`` seconds of lecture: a beat (see ``beat``)."""
        self.wait(self.seconds(real))
        self.beat()

    def caption(self, key: str, **values: object) -> str:
        """The sentence ``key`` in this lecture's language."""
        return caption(key, self.lang, **values)

    def text(self, key: str, size: float = 28, color: str = INK, **values: object) -> VGroup:
        """The sentence ``key`` in this lecture's language, set in the lecture font (and a
        subtitle cue while it is on screen); ``INK`` is the ink of this scene's paper."""
        color = self.ink if color == INK else color
        return self.captioned(lecture_text(self.caption(key, **values), size, color),
                              (key, values))

    @staticmethod
    def captioned(mobject: Mobject, *parts: tuple[str, dict] | str) -> Mobject:
        """Mark ``mobject`` as showing the caption made of ``parts`` (``(key, values)`` pairs
        or literal text), so the subtitles carry it while it is on screen."""
        return mark_caption(mobject, *parts)

    @staticmethod
    def captioned_by(mobject: Mobject, sentence: Callable[[str], str],
                     keys: tuple[str, ...] = ()) -> Mobject:
        """Mark ``mobject`` with the sentence ``sentence(lang)`` gives in each language: for
        captions assembled from several keys (``keys``) by code that knows the language."""
        return mark_sentences(mobject, {lang: sentence(lang) for lang in LANGUAGES}, keys)


@contextmanager
def kept_word_defaults() -> Iterator[None]:
    """Give manim's word and formula classes back the defaults they have now when the block
    ends, however it ends: ``setup`` changes them for a lecture, and a scene that raises must not
    leave a notebook's or a test process's next plain ``Scene`` writing ink on black."""
    kept = {kind: kind.__dict__["__init__"] for kind in WORDS + FORMULAS}
    try:
        yield
    finally:
        for kind, init in kept.items():
            kind.__init__ = init


def timed_parts(animation: Animation, start: float,
                length: float) -> list[tuple[Animation, float, float]]:
    """``animation`` and every part nested in it, each with when it starts in the play and how
    long it runs (seconds): a group plays its parts at its steady rate (manim's default)."""
    found = [(animation, start, length)]
    if isinstance(animation, AnimationGroup) and animation.max_end_time > 0:
        scale = length / animation.max_end_time
        for part, begins, ends in animation.anims_with_timings:
            found += timed_parts(part, start + begins * scale, (ends - begins) * scale)
    return found


def lecture_text(content: str, size: float = 28, color: str = INK) -> VGroup:
    """Text in the lecture font; lines (split at ``\\n``) left-aligned with airy spacing."""
    lines = [set_line(line, size, color) for line in content.split("\n")]
    return VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.14 * size / 28)


def fit_width(mobject, width: float):
    """Shrink ``mobject`` to ``width`` if it is wider (long captions, Japanese or English)."""
    if mobject.width > width:
        mobject.scale_to_fit_width(width)
    return mobject
