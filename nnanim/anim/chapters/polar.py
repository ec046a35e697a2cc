"""E8's first step: the donut moves from (x, y) to (r, θ), a change of coordinates we choose.

This is not the network: it is the feature map ``nnanim.core.data.to_polar`` applied before training.
Each point slides straight from its (x, y) to its (r, θ); the end positions are exactly the
data the E8 network is trained on.
"""

from __future__ import annotations

import numpy as np
from manim import smooth

from nnanim.anim.layout import WINDOW
from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Appear, Redraw, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.anim.side import side_below, side_column
from nnanim.core.data import to_polar
from nnanim.geometry.framing import frame_box, interpolate_boxes
from nnanim.palette import INK, MUTED
from nnanim.core.run import Run, cartesian_data


def play_polar_move(scene: LectureScene, run: Run, seconds: float = 4.0) -> None:
    """Slide every point of ``run``'s data from (x, y) to (r, θ) while the view follows."""
    start, y = cartesian_data(run.experiment)
    end = to_polar(start).astype(np.float64)
    box0 = frame_box(start, coverage=1.0, margin=0.08, aspect=WINDOW.aspect)
    box1 = frame_box(end, coverage=1.0, margin=0.08, aspect=WINDOW.aspect)
    view = PlaneView(WINDOW).show(box0, start, y)
    title = side_column(scene.text("polar_move", 30, INK), y=1.5, middle=True)
    axes = side_below(title, scene.text("polar_axes", 24, MUTED), buff=0.4)
    scene.play(Appear(view), Appear(title), run_time=scene.seconds(1.0))

    def draw(s: float) -> None:
        view.show(interpolate_boxes(box0, box1, s), (1 - s) * start + s * end, y)

    scene.play(Redraw(view, draw), Appear(axes), run_time=scene.seconds(seconds),
               rate_func=smooth)
    scene.pause(1.5)
    scene.play(Vanish(view), Vanish(title), Vanish(axes), run_time=scene.seconds(0.6))
