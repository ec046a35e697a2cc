"""Words on screen never sit on top of other words: text replaced in place leaves first.

A cross-fade of two texts on one spot shows both half-faded over each other, which no one can
read. ``Swap`` takes the old words away before the new ones come; these tests step through
every frame of a play (manim's own clock, frame by frame, nothing drawn) and look at what is
visible: the opacity each text has at that frame and where it lies.
"""

from pathlib import Path

import numpy as np
import pytest
from manim import DL, UR, MathTex, SingleStringMathTex, Text, config

from nnanim.anim.chapters.collapse import play_collapse
from nnanim.anim.chapters.inside import play_inside
from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Swap
from nnanim.anim.side import SideColumn
from nnanim.anim.subtitle_track import CAPTION_ATTRIBUTE, outermost

from stepping import Stepping, chapter, opacity, step_through

ROOT = Path(__file__).resolve().parents[1]


def words_on_screen(mobjects) -> list:
    """The texts among ``mobjects`` (captions, set text, formulas), outermost only."""
    def is_words(mobject) -> bool:
        return hasattr(mobject, CAPTION_ATTRIBUTE) or isinstance(
            mobject, (Text, MathTex, SingleStringMathTex))

    return outermost(mobjects, is_words)


def overlap(a, b, slack: float = 0.02) -> bool:
    """Whether the boxes of ``a`` and ``b`` share more than a hairline (scene units)."""
    (ax0, ay0, _), (ax1, ay1, _) = a.get_corner([-1, -1, 0]), a.get_corner([1, 1, 0])
    (bx0, by0, _), (bx1, by1, _) = b.get_corner([-1, -1, 0]), b.get_corner([1, 1, 0])
    return (min(ax1, bx1) - max(ax0, bx0) > slack) and (min(ay1, by1) - max(ay0, by0) > slack)


# --- the helper ------------------------------------------------------------------------------


def test_a_swap_takes_the_old_words_away_before_the_new_ones_come(monkeypatch):
    class Swapping(Stepping):
        def construct(self):
            self.old = self.text("layer_tanh", 28, layer=1).move_to([3.0, 1.0, 0])
            self.new = self.text("logits", 28, layer=2).move_to([3.0, 1.0, 0])
            self.seen: list[tuple[float, float]] = []
            self.add(self.old)
            self.play(Swap(self.old, self.new), run_time=1.2)
            self.after = (opacity(self.old), opacity(self.new), list(self.mobjects))

        def look(self, t):
            self.seen.append((opacity(self.old), opacity(self.new)))

    scene = step_through(Swapping, monkeypatch)
    old, new = np.array(scene.seen).T
    assert len(old) >= 15  # 1.2 s at 15 frames a second
    assert not np.any((old > 0) & (new > 0)), "old and new words visible in the same frame"
    # Both fades are gradual (not a cut), the old first, and each takes about half the time.
    assert 0.0 < old[len(old) // 4] < 1.0 and 0.0 < new[3 * len(new) // 4] < 1.0
    assert np.all(np.diff(old) <= 1e-9) and np.all(np.diff(new) >= -1e-9)
    assert abs((old > 0).mean() - 0.5) < 0.1
    left_opacity, new_opacity, mobjects = scene.after
    assert scene.old not in mobjects and scene.new in mobjects and new_opacity == 1.0
    assert left_opacity == 1.0  # put back as it was built, so it can be shown again


def test_the_side_column_replaces_its_text_with_a_swap():
    column = SideColumn()
    first = column.replace(Text("one"))
    second = column.replace(Text("two"), Text("three"))
    assert [type(a) for a in first + second] == [Swap, Swap]
    assert second[0].old is first[0].new and second[0].new is column.shown


# --- the lectures ----------------------------------------------------------------------------


EDGE_MARGIN = 0.15
"""Scene units (20 px at 1080p) every word keeps from the frame's edge: closer, it looks cut."""


def too_near_the_edge(mobject) -> bool:
    (x0, y0, _), (x1, y1, _) = mobject.get_corner(DL), mobject.get_corner(UR)
    width, height = config.frame_x_radius - EDGE_MARGIN, config.frame_y_radius - EDGE_MARGIN
    return x0 < -width or x1 > width or y0 < -height or y1 > height


def overlapping_words_in(lecture: type[LectureScene],
                         monkeypatch) -> list[tuple[float, str, str]]:
    """Every frame (lecture time) of ``lecture`` at which two visible texts overlap, or one
    comes nearer the frame's edge than ``EDGE_MARGIN``, and which."""

    class Watched(Stepping, lecture):
        clashes: list[tuple[float, str, str]] = []

        def look(self, t):
            shown = [w for w in words_on_screen(self.mobjects) if opacity(w) > 0]
            for i, a in enumerate(shown):
                if too_near_the_edge(a):
                    self.clashes.append((round(t, 2), name(a), "the frame's edge"))
                for b in shown[i + 1:]:
                    if overlap(a, b):
                        self.clashes.append((round(t, 2), name(a), name(b)))

    return step_through(Watched, monkeypatch).clashes


def name(mobject) -> str:
    caption = getattr(mobject, CAPTION_ATTRIBUTE, None)
    if caption is not None:
        return caption[1]["en"].split("\n")[0]
    return getattr(mobject, "tex_string", None) or getattr(mobject, "text", type(mobject).__name__)


@pytest.mark.slow
def test_no_words_overlap_in_any_frame_of_the_lift_lecture(monkeypatch):
    from nnanim.lectures.lift import Lift

    clashes = overlapping_words_in(Lift, monkeypatch)
    assert not clashes, clashes[:10]


@pytest.mark.slow
@pytest.mark.parametrize("preset", ["E4", "C3"])
def test_no_words_overlap_in_any_frame_inside_the_network(preset, monkeypatch):
    """A flat network (E4: the stage labels "layer 1: tanh", ..., "output layer: logits") and
    one drawn in 3-D (C3)."""
    clashes = overlapping_words_in(chapter(play_inside, preset), monkeypatch)
    assert not clashes, clashes[:10]


@pytest.mark.slow
def test_no_words_overlap_in_any_frame_of_the_collapse_chapter(monkeypatch):
    clashes = overlapping_words_in(chapter(play_collapse, "E1"), monkeypatch)
    assert not clashes, clashes[:10]
