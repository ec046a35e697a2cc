"""Which captions are on screen when: the cues of a lecture's subtitles, read off the scene.

A caption mobject carries its sentence in every language (``mark_caption``; ``LectureScene.text``
marks what it makes). Before and after every ``play`` the scene reports which marked mobjects
it holds: a cue opens at the start of the play in which its caption first is on screen (its
first frame with the caption fading in; later if it waits for other words to leave) and closes at the end of the play after which it is
gone (its last frame fading out); a caption added or removed without an animation comes or
goes when the next play starts. Times count the frames written to the video, so a chapter rendered on
its own (the other chapters skipped) has cues in its own clock.
"""

from __future__ import annotations

from typing import Callable

from manim import Mobject

from nnanim.course.captions import LANGUAGES, in_every_language
from nnanim.outputs.subtitles import Cue

CAPTION_ATTRIBUTE = "nnanim_caption"


def mark_caption(mobject: Mobject, *parts: tuple[str, dict] | str) -> Mobject:
    """Tag ``mobject`` as showing the caption ``parts``, so the subtitles carry it."""
    keys = tuple(part[0] for part in parts if not isinstance(part, str))
    setattr(mobject, CAPTION_ATTRIBUTE, (keys, in_every_language(*parts)))
    return mobject


def mark_sentences(mobject: Mobject, texts: dict[str, str], keys: tuple[str, ...] = ()) -> Mobject:
    """Tag ``mobject`` with a sentence already written in every language (``texts``), for
    captions assembled from several keys by code that knows the language."""
    setattr(mobject, CAPTION_ATTRIBUTE, (keys, {lang: texts[lang] for lang in LANGUAGES}))
    return mobject


def outermost(mobjects: list[Mobject], wanted: Callable[[Mobject], bool]) -> list[Mobject]:
    """The ``wanted`` mobjects among ``mobjects`` and everything inside them, outermost only
    (what is inside a wanted one is part of it)."""
    found: list[Mobject] = []

    def visit(mobject: Mobject) -> None:
        if wanted(mobject):
            found.append(mobject)
            return
        for sub in mobject.submobjects:
            visit(sub)

    for mobject in mobjects:
        visit(mobject)
    return found


def captions_on_screen(mobjects: list[Mobject]) -> list[Mobject]:
    """The marked mobjects among ``mobjects`` and everything inside them, outermost only."""
    return outermost(mobjects, lambda mobject: hasattr(mobject, CAPTION_ATTRIBUTE))


class CueRecorder:
    """Opens and closes cues as captions come and go, in video seconds."""

    def __init__(self) -> None:
        self.cues: list[Cue] = []
        self._open: dict[int, tuple[Mobject, float]] = {}

    def observe(self, on_screen: list[Mobject], start: float, end: float,
                gone_at: dict[int, float] | None = None,
                come_at: dict[int, float] | None = None) -> None:
        """One play from ``start`` to ``end``: ``on_screen`` is what the scene holds after it.

        Captions already open and still there go on; new ones open at ``start``, or at
        ``come_at[id(caption)]`` if they started fading in later in the play; those gone
        close at ``end`` (they were on screen, fading, until the play's last frame), or at
        ``gone_at[id(caption)]`` if they finished fading out before the play ended.
        """
        present = {id(m): m for m in captions_on_screen(on_screen)}
        for key in [k for k in self._open if k not in present]:
            self._close(key, (gone_at or {}).get(key, end))
        for key, mobject in present.items():
            self._open.setdefault(key, (mobject, (come_at or {}).get(key, start)))

    def settle(self, on_screen: list[Mobject], at: float) -> None:
        """Before a play: captions added or removed without an animation since the last play
        came or went at ``at``."""
        present = {id(m): m for m in captions_on_screen(on_screen)}
        for key in [k for k in self._open if k not in present]:
            self._close(key, at)
        for key, mobject in present.items():
            self._open.setdefault(key, (mobject, at))

    def finish(self, at: float) -> list[Cue]:
        for key in list(self._open):
            self._close(key, at)
        return sorted(self.cues, key=lambda c: (c.start, c.end))

    def _close(self, key: int, end: float) -> None:
        mobject, start = self._open.pop(key)
        keys, texts = getattr(mobject, CAPTION_ATTRIBUTE)
        if end > start:
            self.cues.append(Cue(start, end, keys, texts))
