"""Stepping through a lecture frame by frame without drawing: what tests of the viewer's
picture share (manim's own clock and plays, at the real pace, 15 frames a second)."""

import numpy as np
from manim import tempconfig

from nnanim.anim.lecture import LectureScene
from nnanim.core.run import prepare


def opacity(mobject) -> float:
    """The most opaque ink of ``mobject`` as drawn now (fill or outline)."""
    levels = [0.0]
    for part in mobject.family_members_with_points():
        levels += [float(np.max(part.fill_rgbas[:, 3], initial=0.0)),
                   float(np.max(part.stroke_rgbas[:, 3], initial=0.0)) * (part.stroke_width > 0)]
    return max(levels)


class Stepping(LectureScene):
    """A lecture scene whose ``look`` sees every frame of every play (nothing is drawn)."""

    settle_finished_fades = False  # settling paints a still: drawing this test does not need

    def setup(self) -> None:
        super().setup()
        self.skip_animation_preview = True  # manim steps through each frame, draws none
        self.elapsed = 0.0

    def play(self, *args, **kwargs) -> None:
        start = self.elapsed
        super().play(*args, **kwargs)
        self.elapsed = start + self.duration

    def update_to_time(self, t: float) -> None:
        super().update_to_time(t)
        self.play_time = t
        self.look(self.elapsed + t)

    @property
    def play_ends(self) -> bool:
        """Whether this frame is the last of its play (say, a stage's end): manim's frames
        step by 1/15 s from 0 and stop short of the play's length."""
        return self.play_time >= self.duration - 1 / 15 - 1e-9

    def look(self, t: float) -> None:
        """See the frame at lecture time ``t`` (seconds)."""
        raise NotImplementedError


def step_through(scene_class: type[Stepping], monkeypatch) -> Stepping:
    """Run ``scene_class`` at its real pace, 15 frames a second, frame by frame (a quick
    render would shrink a short fade to a frame or none)."""
    with monkeypatch.context() as patch:
        patch.setenv("NNANIM_QUICK", "0")
        with tempconfig({"quality": "low_quality", "disable_caching": True, "dry_run": True,
                         "progress_bar": "none"}):
            scene = scene_class()
            scene.render()
    return scene


def chapter(play, preset: str) -> type[LectureScene]:
    """A lecture of one chapter: ``play(scene, run)`` with the trained ``preset``."""

    class Chapter(LectureScene):
        def construct(self):
            play(self, prepare([preset])[0])

    return Chapter
