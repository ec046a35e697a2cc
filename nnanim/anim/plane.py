"""A framed window onto one 2-D space of the network: heatmap, grid, boundary and the data.

``PlaneView.show`` takes arrays computed by ``nnanim.geometry`` in the space's own coordinates
plus the view box, maps them to the window with one uniform scale (so a rotation still looks
like a rotation) and clips lines to the window. It computes nothing about the network itself.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import Group, Rectangle, VGroup

from nnanim.anim.films import Frame
from nnanim.palette import CLASS_COLORS, FINAL_BOUNDARY, GRID, INK
from nnanim.anim.raster import RasterPanel, probability_colors
from nnanim.anim.shapes import DotCloud2D, Polylines
from nnanim.geometry.density import density_radius
from nnanim.geometry.framing import Box, clip_polylines, to_scene


DASH = 0.14
DASH_GAP = 0.09
"""Scene units of each dash of the final boundary, and of the gap after it."""


def dashed(lines: Sequence[np.ndarray], dash: float, gap: float) -> list[np.ndarray]:
    """Cut polylines (scene units) into dashes of length ``dash`` separated by ``gap``."""
    pieces: list[np.ndarray] = []
    period = dash + gap
    for line in lines:
        if len(line) < 2:
            continue
        step = np.linalg.norm(np.diff(line[:, :2], axis=0), axis=1)
        arc = np.concatenate([[0.0], np.cumsum(step)])
        for a in np.arange(0.0, arc[-1], period):
            b = min(a + dash, arc[-1])
            if b - a < 1e-9:
                continue
            inner = line[(arc > a) & (arc < b)]
            ends = [[np.interp(x, arc, line[:, k]) for k in range(line.shape[1])] for x in (a, b)]
            pieces.append(np.vstack([ends[0], inner, ends[1]]))
    return pieces


class PlaneView(Group):
    """The window: a border, an optional heatmap, grid lines, boundary curves and two dot clouds.

    ``dot_radius`` is the largest dot; a dense cloud is drawn with smaller dots
    (``density_radius``). Nothing is drawn outside ``rect``: lines are clipped to the box, a
    dot is drawn only if its centre lies in it, and the camera cuts dots at the border.
    """

    def __init__(self, rect: Box, dot_radius: float = 0.05, heatmap: bool = False) -> None:
        super().__init__()
        self.rect = rect
        self.box = rect
        self.dot_radius = dot_radius
        self.border = Rectangle(width=rect.width, height=rect.height, stroke_color=INK,
                                stroke_width=1.5).move_to([*rect.center, 0])
        self.heatmap = RasterPanel(rect.width, rect.height).move_to([*rect.center, 0])
        self.grid = Polylines(stroke_color=GRID, stroke_width=1.1, stroke_opacity=0.8)
        self.boundary = Polylines(stroke_color=INK, stroke_width=4)
        self.final_boundary = Polylines(stroke_color=FINAL_BOUNDARY, stroke_width=3.5)
        self.underlay = VGroup()
        """Shapes drawn under the grid and the data (e.g. the softmax class regions)."""
        self.dots = [DotCloud2D(np.zeros((0, 2)), radius=dot_radius, color=c) for c in CLASS_COLORS]
        for cloud in self.dots:
            cloud.window = self.border
        parts = [self.heatmap] if heatmap else []
        self.add(*parts, self.underlay, self.grid, self.boundary, self.final_boundary, *self.dots, self.border)

    def scene_points(self, points: np.ndarray) -> np.ndarray:
        """Data coordinates of the current box to scene coordinates."""
        return to_scene(points, self.box, self.rect)

    def _lines(self, lines: Sequence[np.ndarray]) -> list[np.ndarray]:
        return [self.scene_points(line) for line in clip_polylines(lines, self.box)]

    def show(
        self,
        box: Box,
        points: np.ndarray | None = None,
        labels: np.ndarray | None = None,
        grid: Sequence[np.ndarray] | None = None,
        boundary: Sequence[np.ndarray] | None = None,
        final_boundary: Sequence[np.ndarray] | None = None,
        probabilities: np.ndarray | None = None,
    ) -> "PlaneView":
        """Draw one frame. ``box`` must have the window's aspect; ``None`` leaves a part as is.

        ``probabilities`` is a raster over ``box``, first row at the top: p(class index 1) of
        a two-class network, or ``(rows, columns, K)`` every class's probability.

        ``box`` fills the window: its centre is drawn at the window's centre, its corner at
        the window's corner, and a point outside it is not drawn at all.

        >>> view = PlaneView(Box(-4.0, 4.0, -3.0, 3.0))  # the window, in scene units
        >>> points = np.array([[0.0, 0.0], [2.0, 1.5], [5.0, 0.0]])
        >>> _ = view.show(Box(-2.0, 2.0, -1.5, 1.5), points, labels=np.array([0, 1, 1]))
        >>> view.dots[1].dot_centers()[:, :2]  # class 1: (2, 1.5) at the corner, (5, 0) hidden
        array([[4., 3.]])
        """
        self.box = box
        if points is not None and labels is not None:
            self._show_dots(np.asarray(points, dtype=np.float64), np.asarray(labels))
        if grid is not None:
            self.grid.set_lines(self._lines(grid))
        if boundary is not None:
            self.boundary.set_lines(self._lines(boundary))
        if final_boundary is not None:
            self.final_boundary.set_lines(dashed(self._lines(final_boundary), DASH, DASH_GAP))
        if probabilities is not None:
            self.heatmap.set_raster(probability_colors(probabilities))
        return self

    def _show_dots(self, points: np.ndarray, labels: np.ndarray) -> None:
        inside = self.box.contains(points)
        screen = self.scene_points(points[inside])
        radius = density_radius(screen, self.rect, self.dot_radius)
        for cls, cloud in enumerate(self.dots):
            cloud.dot_radius = radius
            cloud.move_dots(screen[labels[inside] == cls])

    def show_frame(self, frame: Frame, labels: np.ndarray) -> "PlaneView":
        """Draw a film's frame: its box, points, grid and final boundary.

        Every point is drawn where the network puts it; here layer 1 turns the plane a
        quarter turn, and the point (0, 1) ends at (-1, 0):

        >>> from nnanim.anim.films import NetworkFilm
        >>> from nnanim.anim.layout import WINDOW
        >>> from nnanim.core.model import Architecture
        >>> quarter_turn = np.array([[0.0, -1.0], [1.0, 0.0]])
        >>> params = [(quarter_turn, np.zeros(2)), (np.eye(2), np.zeros(2))]
        >>> film = NetworkFilm(params, Architecture.from_table([(2, "linear")]),
        ...                    np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]))
        >>> view = PlaneView(WINDOW)
        >>> _ = view.show_frame(film.frame(0, "linear", 1.0), labels=np.array([0, 1, 0]))
        >>> drawn, turned = view.dots[1].dot_centers(), view.scene_points(np.array([[-1.0, 0.0]]))
        >>> len(drawn), bool(np.allclose(drawn, turned))
        (1, True)
        """
        return self.show(frame.box, frame.points, labels, grid=frame.grid,
                         final_boundary=frame.final_boundary)
