"""Two trained networks on the same data, side by side: their boundaries and measured accuracy.

Each window is the network's own probability heatmap and ``p = 0.5`` curves over the data,
as in the training chapter; the accuracy under it is measured on the points shown.
"""

from __future__ import annotations

from manim import DOWN, UP, VGroup

from nnanim.anim.layout import data_box
from nnanim.anim.lecture import LectureScene, fit_width
from nnanim.anim.motion import Appear, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.geometry.boundary import decision_field
from nnanim.geometry.framing import Box
from nnanim.core.model import accuracy
from nnanim.palette import ACCURACY_COLOR, INK, MUTED
from nnanim.core.run import Run

PANELS = (Box.around((-3.5, -0.1), 5.0, 5.0), Box.around((3.5, -0.1), 5.0, 5.0))
FIELD_SHAPE = (150, 150)


def final_window(run: Run, rect: Box) -> PlaneView:
    """The trained network's heatmap, boundary and data in a window at ``rect``."""
    params = run.trajectory.final_params
    X, y = run.shown_X, run.shown_y
    box = data_box(X)
    field = decision_field(params, run.trajectory.arch, box, FIELD_SHAPE)
    return PlaneView(rect, heatmap=True).show(box, X, y, boundary=field.boundary,
                                              probabilities=field.probability)


def measured_accuracy(run: Run) -> float:
    return accuracy(run.trajectory.final_params, run.trajectory.arch, run.X, run.y)


def _panel(scene: LectureScene, run: Run, rect: Box, note_key: str) -> tuple[PlaneView, VGroup]:
    window = final_window(run, rect)
    width = max(run.trajectory.arch.widths[1:-1])
    top = scene.text("units", 30, n=width).next_to([rect.center[0], rect.ymax, 0], UP, buff=0.2)
    score = scene.text("accuracy_value", 28, ACCURACY_COLOR, value=100 * measured_accuracy(run))
    note = fit_width(scene.text(note_key, 22, MUTED), rect.width + 1.4)
    below = VGroup(score, note).arrange(DOWN, buff=0.15)
    below.next_to([rect.center[0], rect.ymin, 0], DOWN, buff=0.2)
    return window, VGroup(top, below)


def play_side_by_side(scene: LectureScene, stuck: Run, solved: Run) -> None:
    """The same data, 2 hidden units (left, stuck) against 3 (right, solved)."""
    heading = scene.text("compare_heading", 34, INK).move_to([0, 3.45, 0])
    left, left_text = _panel(scene, stuck, PANELS[0], "compare_stuck")
    right, right_text = _panel(scene, solved, PANELS[1], "compare_solved")
    scene.play(Appear(heading), Appear(left), Appear(left_text), run_time=scene.seconds(1.2))
    scene.pause(2.5)
    scene.play(Appear(right), Appear(right_text), run_time=scene.seconds(1.2))
    scene.pause(4.0)
    shown = [heading, left, left_text, right, right_text]
    scene.play(*[Vanish(m) for m in shown], run_time=scene.seconds(0.8))
