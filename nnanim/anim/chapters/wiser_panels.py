"""Side-by-side windows for the "wiser boundary" lecture: one network per window, trained in sync.

Six small windows in a 2 × 3 grid: the midway line a person would draw, then the plain fit and
its four variants, each redrawn every frame from its own paced trajectory (heatmap and
``p = 0.5`` curve), with the midway line dashed over all of them for comparison. The verdict
under each window is written from ``nnanim.studies.wiser_boundary.verdict``: the words only say what the numbers
measured.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Create,
    ReplacementTransform,
    Succession,
    VGroup,
    Wait,
    linear,
)

from nnanim.anim.counter import LiveNumber
from nnanim.anim.layout import WINDOW
from nnanim.anim.lecture import LectureScene, fit_width
from nnanim.anim.motion import Appear, Redraw, Swap, Vanish
from nnanim.anim.plane import PlaneView, dashed
from nnanim.anim.shapes import DotCloud2D, Polylines
from nnanim.anim.side import side_column
from nnanim.anim.typeset import set_line
from nnanim.course.captions import caption, caption_template
from nnanim.palette import CLASS_COLORS, INK, MUTED
from nnanim.geometry.framing import Box
from nnanim.core.trajectory import Trajectory
from nnanim.studies.wiser_boundary import (
    Comparison,
    Measurements,
    Variant,
    Verdict,
    Yardstick,
    compare,
    plane_field,
)

MIDWAY_COLOR = "#C2185B"
"""The midway line (magenta: no other meaning in the lectures)."""
FIELD_SHAPE = (100, 100)
"""Grid nodes per small window: about 3 screen pixels per node at 1080p."""
CELL_SIZE = 2.65
CELL_CENTERS = [(x, y) for y in (2.175, -1.625) for x in (-4.6, 0.0, 4.6)]
"""Window centres, row by row: the midway line first, then plain and its variants."""
LABEL_SIZE = 20
NOTE_SIZE = 18


def measured_comparison() -> Comparison:
    """The five networks trained (or loaded) and measured against the midway line: what every
    chapter of the lecture shows, computed once before its first frame."""
    return compare()


def cell_rect(index: int) -> Box:
    """The window of grid cell ``index`` (row by row), in scene units."""
    return Box.around(CELL_CENTERS[index], CELL_SIZE, CELL_SIZE)


def label_values(variant: Variant) -> dict[str, object]:
    """The numbers a variant's label quotes, read from its definition."""
    jitter = variant.jitter
    return {
        "decay": variant.experiment.train.weight_decay,
        "width": variant.arch.hidden[0].width,
        "copies": jitter.copies if jitter else 0,
        "std": jitter.std if jitter else 0.0,
    }


def verdict_text(lang: str, said: Verdict) -> str:
    """One line: how close to the midway line, plus the warnings the numbers raise."""
    line = caption(f"wiser_{said.closeness}", lang)
    if said.near_point:
        line += caption("wiser_near_point", lang)
    if said.less_accurate:
        line += caption("wiser_less_accurate", lang)
    return line


def numbers_text(lang: str, measured: Measurements) -> str:
    return caption("wiser_numbers", lang, gap=measured.midway_gap, margin=measured.margin_min,
                   test=100 * measured.test_accuracy)


def _under(rect: Box, mobject, row: int):
    """Put a line of text under a window (row 0 just below, row 1 below that)."""
    return mobject.move_to([rect.center[0], rect.ymin - 0.2 - 0.32 * row, 0])


def _above(rect: Box, mobject):
    return mobject.next_to([rect.center[0], rect.ymax, 0], UP, buff=0.1)


def _fitted(mobject, rect: Box):
    """Text may spread a little beyond its window, never into the next column."""
    return fit_width(mobject, rect.width + 1.7)


def stacked(text: str, size: float, color: str = INK) -> VGroup:
    """Text with line breaks as separate, centred lines of one size."""
    return VGroup(*[set_line(line, size, color)
                    for line in text.split("\n")]).arrange(DOWN, buff=0.12)


# -- chapters ---------------------------------------------------------------------------------

def play_question(scene: LectureScene) -> None:
    """The opening: the article's closing question."""
    heading = fit_width(scene.text("wiser_title", 44), 12.5)
    sub = fit_width(scene.text("wiser_subtitle", 28, MUTED), 12.5)
    card = VGroup(heading, sub).arrange(DOWN, buff=0.6)
    scene.play(Appear(heading, shift=0.2 * DOWN), run_time=scene.seconds(1.0))
    scene.play(Appear(sub), run_time=scene.seconds(0.8))
    scene.pause(2.0)
    scene.play(Vanish(card), run_time=scene.seconds(0.8))


def midway_view(rect: Box, yardstick: Yardstick, heatmap: bool = False) -> PlaneView:
    """A window on the training points with the midway line dashed over them."""
    # Dots shrink with the window, but stay big enough to see at 480p.
    view = PlaneView(rect, dot_radius=0.05 * rect.width / WINDOW.width + 0.01, heatmap=heatmap)
    view.final_boundary.set_stroke(color=MIDWAY_COLOR, width=3.0)
    return view.show(yardstick.box, yardstick.X, yardstick.y, final_boundary=yardstick.midway)


def play_midway(scene: LectureScene, yardstick: Yardstick) -> PlaneView:
    """The reference, large: the points and the line a person would draw; what we measure.

    Returns the reference window, moved into the first cell of the grid.
    """
    view = midway_view(WINDOW, yardstick)
    midway = view.final_boundary
    view.remove(midway)
    heading = scene.text("wiser_midway_heading", 34)
    explain = scene.text("wiser_midway_explain", 26)
    measures = VGroup(
        scene.text("wiser_measures", 24),
        *[scene.text(f"wiser_{key}", 22, MUTED, n_test=len(yardstick.X_test))
          for key in ("measure_gap", "measure_margin", "measure_test", "measure_scale")],
    ).arrange(DOWN, buff=0.14, aligned_edge=LEFT)
    column = side_column(heading, explain, measures, y=0.0, buff=0.5, middle=True)
    scene.play(Appear(view), Appear(heading), run_time=scene.seconds(1.0))
    scene.play(Create(midway), Appear(explain), run_time=scene.seconds(2.5))
    scene.pause(2.5)
    scene.play(Appear(measures), run_time=scene.seconds(1.0))
    scene.pause(6.0)
    view.add(midway)
    # A fresh small window rather than a scaled copy: its dashes match the other windows'.
    small = midway_view(cell_rect(0), yardstick)
    scene.play(Vanish(column), ReplacementTransform(view, small), run_time=scene.seconds(1.2))
    return small


@dataclass
class Window:
    """One variant's window, its label and its live epoch counter."""

    variant: Variant
    trajectory: Trajectory
    rect: Box
    view: PlaneView
    label: VGroup
    epoch: LiveNumber


def _copies_cloud(view: PlaneView, variant: Variant, box: Box) -> VGroup:
    """The jittered copies the network trained on, faint and small under the real points."""
    X, y = variant.training_data()
    inside = box.contains(X)
    clouds = VGroup()
    for cls, color in enumerate(CLASS_COLORS):
        cloud = DotCloud2D(view.scene_points(X[(y == cls) & inside]), radius=0.011, color=color)
        cloud.window = view.border
        clouds.add(cloud.set_stroke(width=0).set_fill(opacity=0.35))
    return clouds


def _theta_jump(view: PlaneView, box: Box) -> Polylines:
    """The ray where the angle θ jumps from π to -π: the negative x axis."""
    ray = np.array([[0.0, 0.0], [box.xmin, 0.0]])
    return Polylines(dashed([view.scene_points(ray)], 0.08, 0.05), stroke_color=MUTED,
                     stroke_width=2.5)


def make_windows(scene: LectureScene, comparison: Comparison) -> list[Window]:
    """One window per variant (plain first), with labels and epoch counters."""
    yardstick = comparison.yardstick
    windows = []
    pairs = zip(comparison.variants, comparison.trajectories)
    for index, (variant, trajectory) in enumerate(pairs, start=1):
        rect = cell_rect(index)
        view = midway_view(rect, yardstick, heatmap=True)
        if variant.jitter is not None:
            view.underlay.add(_copies_cloud(view, variant, yardstick.box))
        if variant.polar:
            view.underlay.add(_theta_jump(view, yardstick.box))
        label = scene.text(f"wiser_label_{variant.key}", LABEL_SIZE, **label_values(variant))
        _above(rect, _fitted(label, rect))
        epoch = LiveNumber(caption_template("wiser_epoch", scene.lang), font_size=NOTE_SIZE,
                           color=MUTED)
        _under(rect, epoch, 0)
        epoch.shift([rect.center[0] - epoch.get_center()[0], 0, 0])
        windows.append(Window(variant, trajectory, rect, view, label, epoch))
    return windows


def reference_notes(scene: LectureScene, n_points: int) -> VGroup:
    """The first cell's label, and the note under it that every network saw the same data."""
    rect = cell_rect(0)
    label = _above(rect, _fitted(scene.text("wiser_label_midway", LABEL_SIZE, MIDWAY_COLOR), rect))
    note = stacked(scene.caption("wiser_same_data", n=n_points), NOTE_SIZE - 2, MUTED)
    note = _fitted(scene.captioned(note, ("wiser_same_data", {"n": n_points})), rect)
    note.next_to([rect.center[0], rect.ymin, 0], DOWN, buff=0.1)
    return VGroup(label, note)


def play_training_side_by_side(scene: LectureScene, comparison: Comparison,
                               windows: list[Window], real_seconds: float = 14.0) -> None:
    """Every network from epoch 0 to its end, in step: the same share of each one's video time."""
    box = comparison.yardstick.box

    def training(window: Window) -> list[Redraw]:
        def draw(t: float) -> None:
            params = window.trajectory.params_at(t)
            field = plane_field(window.variant, params, box, FIELD_SHAPE)
            window.view.show(box, boundary=field.boundary, probabilities=field.probability)

        def count(t: float) -> None:
            window.epoch.set_value(round(window.trajectory.epoch_at(t)))

        draw(0.0)
        count(0.0)
        return [Redraw(window.view, draw), Redraw(window.epoch, count)]

    redraws = [redraw for window in windows for redraw in training(window)]
    notes = reference_notes(scene, len(comparison.yardstick.X))
    scene.play(Appear(notes), *[Appear(VGroup(w.label, w.epoch)) for w in windows],
               *[Appear(w.view) for w in windows], run_time=scene.seconds(1.2))
    scene.pause(2.0)
    scene.play(*redraws, run_time=scene.seconds(real_seconds), rate_func=linear)


def play_verdicts(scene: LectureScene, windows: list[Window], comparison: Comparison) -> None:
    """Under each window, in turn: what was measured, and what that allows us to say."""
    pairs = zip(windows, comparison.measurements, comparison.verdicts())
    for index, (window, measured, said) in enumerate(pairs):
        if index == 0:
            line = scene.text("wiser_yardstick", LABEL_SIZE, INK)
        else:
            line = scene.captioned_by(
                set_line(verdict_text(scene.lang, said), LABEL_SIZE, INK),
                lambda lang, said=said: verdict_text(lang, said))
        numbers = scene.captioned_by(
            set_line(numbers_text(scene.lang, measured), NOTE_SIZE, MUTED),
            lambda lang, measured=measured: numbers_text(lang, measured), ("wiser_numbers",))
        line, numbers = _fitted(line, window.rect), _fitted(numbers, window.rect)
        _under(window.rect, line, 0)
        _under(window.rect, numbers, 1)
        # One play call per window: manim hashes every mobject on screen for each call.
        # The verdict takes the epoch counter's place: the counter leaves first.
        reveal = Swap(window.epoch, VGroup(line, numbers), run_time=scene.seconds(0.8))
        scene.play(Succession(reveal, Wait(scene.seconds(2.2))))
    scene.pause(2.0)


def answer_lines(lang: str, comparison: Comparison) -> list[str]:
    """The closing sentences, each one read off the measurements."""
    def say(key: str, **values: object) -> str:
        return caption(f"wiser_{key}", lang, **values)

    measured, verdicts = comparison.measurements, comparison.verdicts()
    keys = [v.key for v in comparison.variants]
    best = min(range(1, len(keys)), key=lambda i: measured[i].midway_gap)
    lines = [say("closest", name=say(f"name_{keys[best]}"), gap=measured[best].midway_gap,
                 plain=measured[0].midway_gap)]
    no_better = [say(f"name_{keys[i]}") for i in range(1, len(keys))
                 if verdicts[i].closeness in ("no_better", "further")]
    if no_better:
        lines.append(say("no_better_list", names=", ".join(no_better)))
    if verdicts[best].closeness in ("closer", "much_closer"):
        lines.append(say("answer_yes", how=say(f"how_{keys[best]}")))
    else:
        lines.append(say("answer_no"))
    return lines


def play_answer(scene: LectureScene, comparison: Comparison) -> None:
    """Clear the grid; the answer, one measured sentence at a time."""
    scene.play(*[Vanish(m) for m in scene.mobjects], run_time=scene.seconds(0.8))
    text = VGroup(*[
        fit_width(scene.captioned_by(stacked(line, 30),
                                     lambda lang, i=i: answer_lines(lang, comparison)[i]), 12.8)
        for i, line in enumerate(answer_lines(scene.lang, comparison))
    ])
    text.arrange(DOWN, buff=0.55)
    for part in text:
        scene.play(Appear(part, shift=0.1 * DOWN), run_time=scene.seconds(0.8))
        scene.pause(2.5)
    scene.pause(3.0)
    scene.play(Vanish(text), run_time=scene.seconds(0.8))
