"""The line that says a picture draws a sample of the data, not every point.

Past ``nnanim.core.subsample.DRAWN_POINTS`` a window draws a sample that keeps every class's
share (the heatmap, boundary and accuracy still come from every point); the viewer is told,
wherever those points are drawn.
"""

from __future__ import annotations

from manim import VGroup

from nnanim.anim.lecture import LectureScene
from nnanim.palette import MUTED
from nnanim.core.run import TrainedNetwork


def shown_points_note(scene: LectureScene, run: TrainedNetwork, size: float = 22) -> VGroup | None:
    """``showing 5,000 of 1,000,000 points`` for a thinned run, else None."""
    if not run.thinned:
        return None
    return scene.text("points_shown", size, MUTED, shown=len(run.shown_y), total=len(run.y))
