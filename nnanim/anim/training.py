"""The training chapter: the decision boundary and heatmap evolving over the paced trajectory.

Every frame asks the trajectory for the weights at the frame's moment and draws the network's
own p = 0.5 curve and probability raster for exactly those weights; the epoch counter and the
loss/accuracy curves come from the same moment.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, Axes, Text, ValueTracker, VGroup, linear

from nnanim.anim.layout import CHART, SIDE_LEFT, WINDOW
from nnanim.anim.counter import LiveNumber
from nnanim.anim.lecture import FONT, LectureScene
from nnanim.palette import ACCURACY_COLOR, LOSS_COLOR, MUTED
from nnanim.anim.plane import PlaneView
from nnanim.anim.shapes import Polylines
from nnanim.captions import caption, caption_template
from nnanim.geometry.boundary import decision_field
from nnanim.geometry.framing import Box, data_view
from nnanim.model import accuracy, cross_entropy
from nnanim.trajectory import Trajectory

FIELD_SHAPE = (150, 150)
"""Grid nodes for the heatmap and the p = 0.5 contour (the window is square)."""


def data_box(X: np.ndarray) -> Box:
    """The input-space view: every point with room around it, square like the window."""
    return data_view(X, WINDOW.aspect)


class TrainingChart(VGroup):
    """Loss and accuracy against epoch, drawn up to the current moment only."""

    def __init__(self, trajectory: Trajectory, lang: str) -> None:
        super().__init__()
        self.trajectory = trajectory
        top = max(1.0, float(np.ceil(trajectory.loss.max() * 10) / 10))
        last_epoch = int(trajectory.epochs[-1])
        self.axes = Axes(
            x_range=[0, last_epoch, last_epoch],
            y_range=[0, top, top / 2],
            x_length=CHART.width,
            y_length=CHART.height,
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 2, "include_ticks": True},
        ).move_to([*CHART.center, 0])
        self.loss_curve = Polylines(stroke_color=LOSS_COLOR, stroke_width=3.5)
        self.accuracy_curve = Polylines(stroke_color=ACCURACY_COLOR, stroke_width=3.5)
        small = 20
        self.x_label = Text(caption("epoch", lang, epoch=last_epoch), font=FONT, font_size=small,
                            color=MUTED).next_to(self.axes.x_axis, DOWN, buff=0.15)
        self.x_label.align_to(self.axes.x_axis, np.array([1.0, 0, 0]))
        zero = Text("0", font=FONT, font_size=small, color=MUTED).next_to(
            self.axes.c2p(0, 0), DOWN + LEFT, buff=0.1)
        top_label = Text(f"{top:g}", font=FONT, font_size=small, color=MUTED).next_to(
            self.axes.c2p(0, top), LEFT, buff=0.12)
        legend = VGroup(
            Text(caption("loss", lang), font=FONT, font_size=small + 2, color=LOSS_COLOR),
            Text(caption("accuracy", lang), font=FONT, font_size=small + 2, color=ACCURACY_COLOR),
        ).arrange(direction=np.array([1.0, 0, 0]), buff=0.5).next_to(self.axes, UP, buff=0.15)
        legend.align_to(self.axes, LEFT)
        self.frame = VGroup(self.axes, self.x_label, zero, top_label, legend)
        self.curves = VGroup(self.loss_curve, self.accuracy_curve)
        self.add(self.frame, self.curves)

    def show_until(self, t: float, loss: float, accuracy: float) -> None:
        """Curves from epoch 0 to the moment ``t``, ending at the current network's values."""
        tr = self.trajectory
        now = tr.epoch_at(t)
        done = tr.epochs <= now
        epochs = np.append(tr.epochs[done], now)
        for curve, values, current in (
            (self.loss_curve, tr.loss[done], loss),
            (self.accuracy_curve, tr.accuracy[done], accuracy),
        ):
            values = np.append(values, current)
            curve.set_lines([self.axes.c2p(epochs, values).T] if len(epochs) > 1 else [])


def play_training(
    scene: LectureScene,
    trajectory: Trajectory,
    X: np.ndarray,
    y: np.ndarray,
    real_seconds: float = 10.0,
) -> PlaneView:
    """Animate training from epoch 0 to the end; returns the window left on screen."""
    arch = trajectory.arch
    box = data_box(X)
    view = PlaneView(WINDOW, heatmap=True)
    chart = TrainingChart(trajectory, scene.lang)
    clock = ValueTracker(0.0)
    epoch = LiveNumber(caption_template("epoch", scene.lang), font_size=30)
    epoch.shift([SIDE_LEFT, CHART.ymax + 1.9, 0] - epoch.get_left())
    acc = LiveNumber(caption_template("accuracy_value", scene.lang), font_size=26,
                     color=ACCURACY_COLOR)
    acc.shift([SIDE_LEFT, CHART.ymax + 1.35, 0] - acc.get_left())

    def draw(_view: PlaneView) -> None:
        t = float(np.clip(clock.get_value(), 0.0, 1.0))
        params = trajectory.params_at(t)
        field = decision_field(params, arch, box, FIELD_SHAPE)
        view.show(box, X, y, boundary=field.boundary, probabilities=field.probability)
        current_accuracy = accuracy(params, arch, X, y)
        chart.show_until(t, cross_entropy(params, arch, X, y), current_accuracy)
        epoch.set_value(int(round(trajectory.epoch_at(t))))
        acc.set_value(100 * current_accuracy)

    draw(view)
    view.add_updater(draw)
    # Static parts first: manim draws everything before the first moving mobject only once.
    scene.add(chart.frame, view, chart.curves, epoch, acc)
    scene.play(clock.animate.set_value(1.0), run_time=scene.seconds(real_seconds), rate_func=linear)
    view.remove_updater(draw)
    scene.pause(1.0)
    scene.remove(chart.frame, chart.curves, epoch, acc)
    return view
