"""The training chapter: the decision boundary and heatmap evolving over the paced trajectory.

Every frame asks the trajectory for the weights at the frame's moment and draws the network's
own boundary curves and probability raster for exactly those weights (two classes: the
p = 0.5 curve; three: the curves between each pair of classes, regions in three colours); the epoch counter and the
loss/accuracy curves come from the same moment.

A network trained elsewhere has no training to play: ``play_decision`` shows the picture the
chapter ends on, for its final weights, with the accuracy beside it.
"""

from __future__ import annotations

import numpy as np
from manim import Group, Mobject, VGroup, linear

from nnanim.anim.chart import TrainingChart
from nnanim.anim.counter import LiveNumber
from nnanim.anim.layout import CHART, SIDE_LEFT, TRAINING, WINDOW, Placement, data_box
from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Appear, Redraw
from nnanim.anim.plane import PlaneView
from nnanim.anim.side import side_column
from nnanim.course.captions import caption_template
from nnanim.geometry.boundary import decision_field
from nnanim.geometry.classes import class_field
from nnanim.geometry.framing import Box
from nnanim.core.model import Architecture, Params, accuracy, accuracy_and_loss
from nnanim.palette import ACCURACY_COLOR, INK
from nnanim.settings import TRAINING_SECONDS
from nnanim.core.run import Run, TrainedNetwork

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


def play_decision(scene: LectureScene, net: TrainedNetwork, *notes: Mobject,
                  real_seconds: float = 4.0) -> Group:
    """The trained network's decision on its data, without a training to play: the heatmap
    and boundary of its final weights, as the training chapter ends, and beside them a
    heading, ``notes`` and the accuracy on every point. Returns the window and its column,
    left on screen (a still ends on them)."""
    box = data_box(net.shown_X)
    boundary, probabilities = class_picture(net.params, net.arch, box)
    view = PlaneView(WINDOW, heatmap=True).show(box, net.shown_X, net.shown_y,
                                                boundary=boundary, probabilities=probabilities)
    score = scene.text("accuracy_value", 30, ACCURACY_COLOR,
                       value=100 * accuracy(net.params, net.arch, net.X, net.y))
    column = side_column(scene.text("decision", 34, INK), *notes, score, y=0.4, middle=True,
                         buff=0.5)
    scene.play(Appear(view), Appear(column), run_time=scene.seconds(1.0))
    scene.pause(real_seconds)
    return Group(view, column)
