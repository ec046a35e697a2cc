"""The article's softmax picture over a view: the class regions, the line and the boundary.

Drawn under the data of a ``PlaneView`` or the floor of a ``SpaceView`` (both map points with
``scene_points``), clipped to the current box.
"""

from __future__ import annotations

import numpy as np
from manim import Polygon, VGroup

from nnanim.anim.shapes import Polylines
from nnanim.geometry.framing import Box, clip_polylines
from nnanim.geometry.softmax_line import class_regions, probability_segment, softmax_boundary
from nnanim.palette import REGION_COLORS, SOFTMAX_BOUNDARY, SOFTMAX_LINE

REGION_FILL = 0.55


class SoftmaxOverlay(VGroup):
    """The light-blue and orange half planes, the line ``y1 + y2 = 1`` and the boundary."""

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view
        self.regions = [
            Polygon(*[[0, 0, 0]] * 3, stroke_width=0, fill_color=color, fill_opacity=REGION_FILL)
            for color in REGION_COLORS[:2]
        ]
        self.line = Polylines(stroke_color=SOFTMAX_LINE, stroke_width=5)
        self.boundary = Polylines(stroke_color=SOFTMAX_BOUNDARY, stroke_width=5)
        self.add(*self.regions, self.line, self.boundary)

    def show(self, box: Box, line_opacity: float) -> None:
        for polygon, corners in zip(self.regions, class_regions(box)):
            if len(corners) >= 3:
                polygon.set_points_as_corners([*self.view.scene_points(corners),
                                               self.view.scene_points(corners[:1])[0]])
        boundary = softmax_boundary(box)
        self.boundary.set_lines([] if boundary is None else
                                [self.view.scene_points(p) for p in clip_polylines([boundary], box)])
        segment = probability_segment()
        direction = segment[1] - segment[0]
        long_line = np.array([segment[0] - 3 * direction, segment[1] + 3 * direction])
        self.line.set_lines([self.view.scene_points(p) for p in clip_polylines([long_line], box)])
        self.line.set_stroke(opacity=line_opacity)

    def reveal(self) -> None:
        """Make the regions and the boundary visible (the line follows ``show``'s opacity)."""
        for polygon in self.regions:
            polygon.set_fill(opacity=REGION_FILL)
        self.boundary.set_stroke(opacity=1.0)
