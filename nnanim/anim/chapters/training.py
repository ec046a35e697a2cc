"""The training chapter: the decision boundary and heatmap evolving over the paced trajectory.

Every frame asks the trajectory for the weights at the frame's moment and draws the network's
own boundary curves and probability raster for exactly those weights (two classes: the
p = 0.5 curve; three: the curves between each pair of classes, regions in three colours); the epoch counter and the
loss/accuracy curves come from the same moment.
"""

from __future__ import annotations

import numpy as np
from manim import Group, VGroup, linear

from nnanim.anim.chart import TrainingChart
from nnanim.anim.counter import LiveNumber
from nnanim.anim.layout import CHART, SIDE_LEFT, TRAINING, WINDOW, Placement, data_box
from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Redraw
from nnanim.anim.plane import PlaneView
from nnanim.course.captions import caption_template
from nnanim.geometry.boundary import decision_field
from nnanim.geometry.classes import class_field
from nnanim.geometry.framing import Box
from nnanim.core.model import Architecture, Params, accuracy_and_loss
from nnanim.palette import ACCURACY_COLOR
from nnanim.settings import TRAINING_SECONDS
from nnanim.core.run import Run

FIELD_SHAPE = (150, 150)
"""Grid nodes for the heatmap and the p = 0.5 contour (the window is square)."""


def class_picture(params: Params, arch: Architecture,
                  box: Box) -> tuple[list[np.ndarray], np.ndarray]:
    """The boundary curves and the probability raster a window draws over ``box``.

    Two classes: the ``p = 0.5`` curves and p(class 1); more: the curves between every pair of
    classes (``p_i = p_j``, the rest smaller) and every class's probability.
    """
    if arch.classes == 2:
        field = decision_field(params, arch, box, FIELD_SHAPE)
        return field.boundary, field.probability
    pairs = class_field(params, arch, box, FIELD_SHAPE)
    return [line for pair in pairs.boundaries for line in pair.lines], pairs.probability


def play_training(scene: LectureScene, run: Run, real_seconds: float = TRAINING_SECONDS,
                  place: Placement = Placement(TRAINING, tuple(TRAINING.center))) -> PlaneView:
    """Animate training from epoch 0 to the end; returns the window left on screen.

    ``place`` moves and scales the whole picture (window, numbers and chart) as one; by default
    it sits where every lecture has it.
    """
    trajectory, X, y = run.trajectory, run.X, run.y  # measured on every point
    arch = trajectory.arch
    box = data_box(run.shown_X)
    view = PlaneView(place.box(WINDOW), heatmap=True)
    chart = TrainingChart(trajectory, scene.lang)
    chart.scale(place.scale, about_point=[*TRAINING.center, 0])
    chart.shift([*(place.point(TRAINING.center) - TRAINING.center), 0])
    epoch = LiveNumber(caption_template("epoch", scene.lang), font_size=30 * place.scale)
    epoch.shift([*place.point((SIDE_LEFT, CHART.ymax + 1.9)), 0] - epoch.get_left())
    acc = LiveNumber(caption_template("accuracy_value", scene.lang), font_size=26 * place.scale,
                     color=ACCURACY_COLOR)
    acc.shift([*place.point((SIDE_LEFT, CHART.ymax + 1.35)), 0] - acc.get_left())

    def draw(t: float) -> None:
        params = trajectory.params_at(t)
        boundary, probabilities = class_picture(params, arch, box)
        view.show(box, run.shown_X, run.shown_y, boundary=boundary,
                  probabilities=probabilities)
        current_accuracy, loss = accuracy_and_loss(params, arch, X, y)
        chart.show_until(t, loss, current_accuracy)
        epoch.set_value(int(round(trajectory.epoch_at(t))))
        acc.set_value(100 * current_accuracy)

    draw(0.0)
    # The words before the numbers stay put: drawn once, not on every frame.
    still = VGroup(chart.frame, epoch.prefix, acc.prefix)
    moving = Group(view, chart.curves, epoch.changing, acc.changing)
    scene.add(still, moving)
    scene.play(Redraw(moving, draw, run_time=scene.seconds(real_seconds), rate_func=linear))
    scene.pause(1.0)
    scene.remove(still, moving)
    scene.add(view)
    return view
