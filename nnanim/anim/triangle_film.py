"""Three classes in 3-D: the logits, softmax onto the triangle ``y1 + y2 + y3 = 1``, seen square-on.

Three logits are a point in 3-D, so a three-class network ends in a ``SpaceView``. Its film is a
``LiftFilm`` with two differences:

* its boundary curves are the input plane's curves between every pair of classes
  (``boundary_curves``: ``p_i = p_j``, the third smaller), pushed through the same warp, the
  same curves as the flat film that plays the layers before it (same reach, same grid), so
  nothing jumps at the hand-over; there is no single separating plane;
* its softmax stage ends in a box centred on the triangle's centre. Seen from ``SQUARE_ON``
  (looking along ``(1, 1, 1)``) every point of the plane is at the pivot's depth, so the
  picture is the triangle's chart (``simplex.to_chart``) at one scale, undistorted: class 0's
  corner bottom left, class 1's bottom right, class 2's on top.

``TriangleOverlay`` draws what the article draws for two classes, one dimension up: the
triangle in blue, the three boundary segments in red from its centre to the middles of its
sides, and the three class regions shaded, each cut to the current box.
"""

from __future__ import annotations

import math

import numpy as np
from manim import Polygon, VGroup

from nnanim.anim.films import BOUNDARY_RESOLUTION, LiftFilm
from nnanim.anim.layout import data_box
from nnanim.anim.shapes import Polylines
from nnanim.anim.space3d import FOCAL_DISTANCE, SpaceView
from nnanim.anim.softmax_overlay import REGION_FILL
from nnanim.geometry.classes import boundary_curves
from nnanim.geometry.simplex import CENTRE, CORNERS, boundary_segments, class_regions
from nnanim.geometry.space3d import (
    Box3, Orbit, clip_polygon3, clip_polylines3, frame_box3, interpolate_boxes3,
)
from nnanim.core.model import Architecture, Params
from nnanim.palette import REGION_COLORS, SOFTMAX_BOUNDARY, SOFTMAX_LINE

TRIANGLE_BOX3 = Box3.around(CENTRE, (1.5, 1.5, 1.5))
"""Where the softmax stage ends: centred on the triangle's centre, every probability inside
(with ``frame_box3``'s margin), so the end box is exactly this one."""
SQUARE_ON = Orbit(math.acos(1.0 / math.sqrt(3.0)), math.pi / 4, FOCAL_DISTANCE)
"""Looking along ``(1, 1, 1)``: the plane ``y1 + y2 + y3 = 1`` face on, ``y3``'s corner on top."""


def first_space_layer(arch: Architecture) -> int:
    """The first layer whose output is wider than 2: from there on the film is drawn in 3-D."""
    return next(layer for layer, width in enumerate(arch.widths[1:]) if width > 2)


class TriangleFilm(LiftFilm):
    """Every 3-D frame of a three-class network, ending on the triangle."""

    def __init__(self, params: Params, arch: Architecture, X: np.ndarray) -> None:
        reach = data_box(np.asarray(X, dtype=np.float64)).padded(0.25)
        curves = boundary_curves(params, arch, reach, BOUNDARY_RESOLUTION)
        super().__init__(params, arch, X, reach=reach, boundary=curves)

    def box(self, layer: int, stage: str, s: float) -> Box3:
        """As ``LiftFilm``, but the softmax stage glides to ``TRIANGLE_BOX3`` and ends on it."""
        if stage != "softmax":
            return super().box(layer, stage, s)
        if s == 1.0:
            return TRIANGLE_BOX3
        start = frame_box3(self.points(self.X, layer, stage, 0.0))
        now = frame_box3(self.points(self.X, layer, stage, s))
        return interpolate_boxes3(start, TRIANGLE_BOX3, s).union(now)


class TriangleOverlay(VGroup):
    """The triangle, its three boundary segments and three class regions, under the data.

    Same use as ``SoftmaxOverlay`` (a ``StagePlayer`` calls ``show`` every softmax frame with
    the progress ``s``), but it cuts its shapes to the view's 3-D box: everything fades in
    with ``s``, as the points arrive.
    """

    def __init__(self, view: SpaceView) -> None:
        super().__init__()
        self.view = view
        self.regions = [
            Polygon(*[[0, 0, 0]] * 3, stroke_width=0, fill_color=color, fill_opacity=0.0)
            for color in REGION_COLORS
        ]
        self.outline = Polylines(stroke_color=SOFTMAX_LINE, stroke_width=4)
        self.boundaries = Polylines(stroke_color=SOFTMAX_BOUNDARY, stroke_width=4.5)
        self.add(*self.regions, self.outline, self.boundaries)

    def show(self, box: object, line_opacity: float) -> None:
        """Draw within the view's current box (``box``, the flat one, is not enough in 3-D)."""
        box3 = self.view.box
        for polygon, corners in zip(self.regions, class_regions()):
            cut = clip_polygon3(corners, box3)
            if len(cut) >= 3:
                polygon.set_points_as_corners([*self.view.scene_points(cut),
                                               self.view.scene_points(cut[:1])[0]])
            else:
                polygon.clear_points()
            polygon.set_fill(opacity=REGION_FILL * line_opacity)
        outline = np.vstack([CORNERS, CORNERS[:1]])
        self.outline.set_lines([self.view.scene_points(line)
                                for line in clip_polylines3([outline], box3)])
        self.boundaries.set_lines([self.view.scene_points(line) for line in
                                   clip_polylines3(list(boundary_segments().values()), box3)])
        self.outline.set_stroke(opacity=line_opacity)
        self.boundaries.set_stroke(opacity=line_opacity)

    def reveal(self) -> None:
        """Nothing to reveal at the stage's start: the triangle exists only at its end."""
