"""Loss and accuracy against epoch, drawn up to the current moment of training only.

Loss and accuracy have different units, so each has its own scale: loss on the left axis,
accuracy (0 to 100 %) on the right, each axis's numbers and name in its curve's colour. The
names stand on top of their axes: what names a curve touches the chart, it does not float
above it.
"""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, NumberLine, Text, VGroup

from nnanim.anim.layout import CHART
from nnanim.anim.shapes import Polylines
from nnanim.anim.typeset import set_line
from nnanim.course.captions import caption
from nnanim.palette import ACCURACY_COLOR, LOSS_COLOR, MUTED
from nnanim.core.trajectory import Trajectory

SCALE_SIZE = 20
"""Font size of the numbers on the scales."""
NAME_SIZE = 22
"""Font size of the axis names (loss, accuracy)."""


def _label(text: str, size: float, color: str) -> Text:
    return set_line(text, size, color)


class TrainingChart(VGroup):
    """The chart's fixed ``frame`` (axes, scales, names) and its moving ``curves``."""

    def __init__(self, trajectory: Trajectory, lang: str) -> None:
        super().__init__()
        self.trajectory = trajectory
        self.top = max(1.0, float(np.ceil(trajectory.loss.max() * 10) / 10))
        top = self.top
        last_epoch = int(trajectory.epochs[-1])
        axis_style = {"color": MUTED, "stroke_width": 2, "include_ticks": True}
        self.axes = Axes(
            x_range=[0, last_epoch, last_epoch],
            y_range=[0, top, top / 2],
            x_length=CHART.width,
            y_length=CHART.height,
            tips=False,
            axis_config=axis_style,
        ).move_to([*CHART.center, 0])
        # The accuracy axis spans the same height on the right: 0 % at the bottom, 100 % on top.
        self.accuracy_axis = NumberLine(x_range=[0, 1, 0.5], length=CHART.height,
                                        rotation=math.pi / 2, **axis_style)
        self.accuracy_axis.shift(self.axes.c2p(last_epoch, 0)
                                 - self.accuracy_axis.number_to_point(0))
        self.loss_curve = Polylines(stroke_color=LOSS_COLOR, stroke_width=3.5)
        self.accuracy_curve = Polylines(stroke_color=ACCURACY_COLOR, stroke_width=3.5)

        self.loss_scale = VGroup(*[
            _label(f"{value:g}", SCALE_SIZE, LOSS_COLOR).next_to(self.axes.c2p(0, value), LEFT,
                                                                 buff=0.15)
            for value in (0.0, top / 2, top)])
        self.accuracy_scale = VGroup(*[
            _label(f"{percent} %", SCALE_SIZE, ACCURACY_COLOR).next_to(
                self.accuracy_axis.number_to_point(percent / 100), RIGHT, buff=0.15)
            for percent in (0, 50, 100)])
        self.loss_name = _label(caption("loss", lang), NAME_SIZE, LOSS_COLOR).next_to(
            self.axes.c2p(0, top), UP, buff=0.15)
        self.accuracy_name = _label(caption("accuracy", lang), NAME_SIZE, ACCURACY_COLOR).next_to(
            self.accuracy_axis.number_to_point(1), UP, buff=0.15)
        x_zero = _label("0", SCALE_SIZE, MUTED).next_to(self.axes.c2p(0, 0), DOWN, buff=0.15)
        self.x_label = _label(caption("epoch", lang, epoch=last_epoch), SCALE_SIZE, MUTED).next_to(
            self.axes.c2p(last_epoch, 0), DOWN, buff=0.15)
        self.x_label.align_to(self.axes.x_axis, RIGHT)
        self.frame = VGroup(self.axes, self.accuracy_axis, self.loss_scale, self.accuracy_scale,
                            self.loss_name, self.accuracy_name, x_zero, self.x_label)
        self.curves = VGroup(self.loss_curve, self.accuracy_curve)
        self.add(self.frame, self.curves)

    def show_until(self, t: float, loss: float, accuracy: float) -> None:
        """Curves from epoch 0 to the moment ``t``, ending at the current network's values."""
        tr = self.trajectory
        now = tr.epoch_at(t)
        done = tr.epochs <= now
        epochs = np.append(tr.epochs[done], now)
        # Accuracy 0..1 on the right axis is the same height as loss 0..top on the left.
        for curve, values, scale in (
            (self.loss_curve, np.append(tr.loss[done], loss), 1.0),
            (self.accuracy_curve, np.append(tr.accuracy[done], accuracy), self.top),
        ):
            curve.set_lines([self.axes.c2p(epochs, scale * values).T] if len(epochs) > 1 else [])
