"""E8's first step: the donut moves from (x, y) to (r, θ), a change of coordinates we choose.

This is not the network: it is the feature map ``nnanim.data.to_polar`` applied before training.
Each point slides straight from its (x, y) to its (r, θ); the end positions are exactly the
data the E8 network is trained on.
"""

from __future__ import annotations

import numpy as np
from manim import LEFT, FadeIn, FadeOut, ValueTracker, smooth

from nnanim.anim.layout import SIDE_LEFT, SIDE_WIDTH, WINDOW
from nnanim.anim.lecture import LectureScene, fit_width, lecture_text
from nnanim.palette import INK, MUTED
from nnanim.anim.plane import PlaneView
from nnanim.captions import caption
from nnanim.data import to_polar
from nnanim.geometry.framing import frame_box, interpolate_boxes


def play_polar_move(scene: LectureScene, X_cartesian: np.ndarray, y: np.ndarray,
                    seconds: float = 4.0) -> None:
    """Slide every point from (x, y) to (r, θ) while the view follows."""
    start = np.asarray(X_cartesian, dtype=np.float64)
    end = to_polar(X_cartesian).astype(np.float64)
    box0 = frame_box(start, coverage=1.0, margin=0.08, aspect=WINDOW.aspect)
    box1 = frame_box(end, coverage=1.0, margin=0.08, aspect=WINDOW.aspect)
    view = PlaneView(WINDOW).show(box0, start, y)
    title = lecture_text(caption("polar_move", scene.lang), 30, INK)
    fit_width(title, SIDE_WIDTH).move_to([SIDE_LEFT, 1.5, 0], aligned_edge=LEFT)
    axes = lecture_text(caption("polar_axes", scene.lang), 24, MUTED)
    fit_width(axes, SIDE_WIDTH).next_to(title, direction=np.array([0, -1.0, 0]), buff=0.4,
                                         aligned_edge=LEFT)
    scene.play(FadeIn(view), FadeIn(title), run_time=scene.seconds(1.0))
    scene.bring_to_front(view)
    s = ValueTracker(0.0)
    view.add_updater(lambda v: v.show(interpolate_boxes(box0, box1, s.get_value()),
                                      (1 - s.get_value()) * start + s.get_value() * end, y))
    scene.play(s.animate.set_value(1.0), FadeIn(axes), run_time=scene.seconds(seconds),
               rate_func=smooth)
    view.clear_updaters()
    scene.pause(1.5)
    scene.play(FadeOut(view), FadeOut(title), FadeOut(axes), run_time=scene.seconds(0.6))
