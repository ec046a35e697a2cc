"""A lecture as click-to-advance slides: rendered once with a section per beat, then packed.

The scene file renders as usual, with ``$NNANIM_SLIDES`` set: every beat starts a section
(``LectureScene.beat``) and manim writes one video per section. ``nnanim.outputs.slide_deck`` turns those
into one offline HTML file and a deck for ``manim-slides present``.
"""

from __future__ import annotations

from pathlib import Path

from nnanim.course.captions import caption, has_caption
from nnanim.command.frame_bar import FrameBar
from nnanim.course.lectures import Lecture
from nnanim.palette import BACKGROUND
from nnanim.settings import SLIDES_ENV
from nnanim.command.rendering import Look, lecture_file, render_scene
from nnanim.outputs.slide_deck import Deck, read_sections


def lecture_title(lecture: Lecture, lang: str) -> str:
    key = f"{lecture.name}_title"
    return caption(key, lang) if has_caption(key, lang) else lecture.name


def render_slides(lecture: Lecture, look: Look, work: Path, progress: bool = False) -> Deck:
    """Render ``lecture`` cut at its beats into ``work``; the deck of its section videos.

    ``progress`` shows one bar of frames written (manim's own log goes to ``work``.log).
    """
    stem = f"{lecture.name}{look.suffix}"
    scene_file = lecture_file(lecture.name)
    with FrameBar(work / "progress", shown=progress) as bar:
        bar.plan(scene_file, lecture.scene_class, look, {SLIDES_ENV: "1"})
        video = render_scene(scene_file, lecture.scene_class, stem, look, work,
                             work.with_suffix(".log"), bar.counter(stem),
                             env={SLIDES_ENV: "1"}, extra=("--save_sections",))
    deck = read_sections(video.parent / "sections" / f"{stem}.json",
                         lecture_title(lecture, look.lang), BACKGROUND)
    return Deck(lecture.scene_class, deck.title, deck.resolution, deck.background, deck.slides)
