"""Many dots and many lines as a handful of VMobjects whose points come from numpy.

A ``VGroup`` of hundreds of ``Dot``s costs one Python object per dot on every frame. Here a
whole class of points is one VMobject: each dot is a closed subpath (a circle template
offset to the dot's position), and a whole grid is one VMobject of polylines. Updating a
frame is one numpy assignment.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import Circle, VMobject

_CIRCLE_TEMPLATE: np.ndarray | None = None


def _circle_template() -> np.ndarray:
    """Bezier control points of a unit circle (closed, 8 cubic segments)."""
    global _CIRCLE_TEMPLATE
    if _CIRCLE_TEMPLATE is None:
        _CIRCLE_TEMPLATE = Circle(radius=1.0, num_components=9).points.copy()
    return _CIRCLE_TEMPLATE


def to_3d(points: np.ndarray) -> np.ndarray:
    """(N, 2) scene coordinates to (N, 3) with z = 0; (N, 3) passes through."""
    points = np.asarray(points, dtype=np.float64)
    if points.shape[1] == 3:
        return points
    return np.column_stack([points, np.zeros(len(points))])


def dot_cloud_points(centers: np.ndarray, radius: float) -> np.ndarray:
    """Control points of one VMobject made of a circle around each centre."""
    template = _circle_template() * radius
    centers = to_3d(centers)
    return (centers[:, None, :] + template[None, :, :]).reshape(-1, 3)


class DotCloud2D(VMobject):
    """Round filled dots, all one colour, drawn as one VMobject.

    ``RasterCamera`` draws it with one cairo ``arc`` per dot instead of eight Bezier curves.
    """

    def __init__(self, centers: np.ndarray, radius: float = 0.045, color: str = "#000000",
                 stroke_color: str = "#FFFFFF", **kwargs):
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_color=stroke_color,
                         stroke_width=0.0, **kwargs)
        self.dot_radius = radius
        self.window: VMobject | None = None
        """A frame the dots are cut to when drawn (``RasterCamera``): a dot on a window's edge
        must not spill out. It is a mobject, not a box, so it moves with the window."""
        self.move_dots(centers)

    def move_dots(self, centers: np.ndarray) -> "DotCloud2D":
        """Put the dots at ``centers`` (scene units); an empty array hides them all."""
        if len(centers) == 0:
            self.clear_points()
        else:
            self.points = dot_cloud_points(centers, self.dot_radius)
        return self

    def dot_centers(self) -> np.ndarray:
        """The centre of every dot, read back from the drawn points (also what the camera draws)."""
        n_template = len(_circle_template())
        if len(self.points) == 0 or len(self.points) % n_template:
            return np.zeros((0, 3))
        return self.points.reshape(-1, n_template, 3).mean(axis=1)

    def drawn_radius(self) -> float:
        """The dots' radius as they are now (an animation may have scaled them)."""
        n_template = len(_circle_template())
        if len(self.points) < n_template:
            return self.dot_radius
        first = self.points[:n_template]
        return float(np.linalg.norm(first[0] - first.mean(axis=0)))


def polyline_points(lines: Sequence[np.ndarray]) -> np.ndarray:
    """Control points for straight-segment polylines, each its own subpath."""
    lines = [line for line in lines if len(line) >= 2]
    if not lines:
        return np.zeros((0, 3))
    vertices = np.concatenate([to_3d(line) for line in lines])
    # a segment joins each vertex to the next one, except across the end of a line
    last = np.cumsum([len(line) for line in lines]) - 1
    starts = np.delete(np.arange(len(vertices) - 1), last[:-1])
    start, end = vertices[starts], vertices[starts + 1]
    step = (end - start) / 3
    return np.stack([start, start + step, start + 2 * step, end], axis=1).reshape(-1, 3)


class Polylines(VMobject):
    """Many open or closed polylines as one stroked VMobject (grid lines, boundary curves).

    ``RasterCamera`` draws it with straight ``line_to`` segments, which cairo strokes faster
    than the equivalent Bezier curves.
    """

    def __init__(self, lines: Sequence[np.ndarray] = (), **kwargs):
        self.segment_counts: list[int] = []
        kwargs.setdefault("fill_opacity", 0.0)
        super().__init__(**kwargs)
        self.set_lines(lines)

    def drawn_lines(self) -> list[np.ndarray] | None:
        """The polylines' vertices as they are now, or None if the points were rebuilt."""
        if 4 * sum(self.segment_counts) != len(self.points):
            return None
        starts = self.points[0::4]
        ends = self.points[3::4]
        lines, offset = [], 0
        for count in self.segment_counts:
            lines.append(np.vstack([starts[offset : offset + count], ends[offset + count - 1]]))
            offset += count
        return lines

    def drawn_vertices(self) -> tuple[np.ndarray, np.ndarray] | None:
        """All lines' vertices end to end, ``(N, 3)``, and the line of each, ``(N,)`` (or
        None if the points were rebuilt): ``drawn_lines`` in one array."""
        if 4 * sum(self.segment_counts) != len(self.points) or not self.segment_counts:
            return None
        counts = np.asarray(self.segment_counts)
        ends_at = np.cumsum(counts)
        segment_line = np.repeat(np.arange(len(counts)), counts)
        vertices = np.insert(self.points[0::4], ends_at, self.points[3::4][ends_at - 1], axis=0)
        return vertices, np.insert(segment_line, ends_at, np.arange(len(counts)))

    def set_lines(self, lines: Sequence[np.ndarray]) -> "Polylines":
        self.segment_counts = [len(line) - 1 for line in lines if len(line) >= 2]
        points = polyline_points(lines)
        if len(points) == 0:
            self.clear_points()
        else:
            self.points = points
        return self
