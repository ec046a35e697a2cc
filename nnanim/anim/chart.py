"""Loss and accuracy against epoch, drawn up to the current moment of training only."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Text, VGroup

from nnanim.anim.layout import CHART
from nnanim.anim.lecture import FONT
from nnanim.anim.shapes import Polylines
from nnanim.captions import caption
from nnanim.palette import ACCURACY_COLOR, LOSS_COLOR, MUTED
from nnanim.trajectory import Trajectory


class TrainingChart(VGroup):
    """The chart's fixed ``frame`` (axes, labels, legend) and its moving ``curves``."""

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
        ).arrange(direction=np.array([1.0, 0, 0]), buff=0.5).next_to(self.axes, UP, buff=0.25)
        # Right-aligned: on the left the top tick's label sits just under it.
        legend.align_to(self.axes, RIGHT)
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
