"""The last stage for three classes: three probabilities that add up to 1 fill a triangle.

softmax puts every point on the plane ``y1 + y2 + y3 = 1``, inside the triangle whose corners
are the unit vectors (a corner is a sure answer, the centre ``(1/3, 1/3, 1/3)`` no idea at all).
The class of a point is its largest probability, so the boundary between classes ``i`` and ``j``
is where ``y_i = y_j`` and the third is smaller: a segment from the centre to the middle of the
side joining corners ``i`` and ``j``. The three segments cut the triangle into three regions,
each a corner's quadrilateral.

The stage itself is ``softmax.softmax_path``, ``(1 - s) z + s softmax(z)``, in 3-D. Along it no
point changes class, because ``y_i - y_j = (1 - s)(z_i - z_j) + s (p_i - p_j)`` and both terms
have the sign of ``z_i - z_j``. So the boundary between ``i`` and ``j`` is the same half-plane
``{y_i = y_j >= y_k}`` in every frame (``boundary_half_plane``), from the logits, where it is
the equal-logit half-plane, to the triangle, where it ends as the segment.

The chart puts the plane square-on: 2-D coordinates in an orthonormal basis of the plane,
centred on the triangle's centre, with class 0's corner bottom left, class 1's bottom right and
class 2's on top. Distances and angles in the chart are those in 3-D.

Naming as in ``softmax``: column ``i`` (the article's ``y_{i+1}``) is class index ``i``.
"""

from __future__ import annotations

import math

import numpy as np

from nnanim.errors import NnanimError
from nnanim.geometry.checks import check_points

CLASSES = 3
CORNERS = np.eye(CLASSES)
"""The triangle's corners, row ``i`` the sure answer "class ``i``"."""
CENTRE = np.full(CLASSES, 1.0 / CLASSES)
CHART_BASIS = np.column_stack(
    [np.array([-1.0, 1.0, 0.0]) / math.sqrt(2.0), np.array([-1.0, -1.0, 2.0]) / math.sqrt(6.0)]
)
"""``(3, 2)``: orthonormal columns spanning the directions within ``y1 + y2 + y3 = 1``."""
PAIRS: tuple[tuple[int, int], ...] = ((0, 1), (0, 2), (1, 2))


def to_chart(points: np.ndarray) -> np.ndarray:
    """Points ``(..., 3)`` on the plane as chart coordinates ``(..., 2)``; others are projected."""
    p = check_points(points, CLASSES)
    return (p - CENTRE) @ CHART_BASIS


def from_chart(coords: np.ndarray) -> np.ndarray:
    """Chart coordinates ``(..., 2)`` back to points ``(..., 3)`` on the plane."""
    c = check_points(coords, 2, "coords")
    return CENTRE + c @ CHART_BASIS.T


def _pair(i: int, j: int) -> tuple[int, int, int]:
    """``(i, j, k)`` with ``i < j`` and ``k`` the third class; raise for anything else."""
    if (min(i, j), max(i, j)) not in PAIRS:
        raise NnanimError(f"classes: ({i!r}, {j!r}) is not a pair of two different classes 0, 1, 2")
    i, j = min(i, j), max(i, j)
    return i, j, CLASSES - i - j


def side_midpoint(i: int, j: int) -> np.ndarray:
    """The middle of the triangle's side between corners ``i`` and ``j``: ``y_i = y_j = 1/2``."""
    i, j, _ = _pair(i, j)
    return (CORNERS[i] + CORNERS[j]) / 2


def boundary_segment(i: int, j: int) -> np.ndarray:
    """``(2, 3)``: from the centre to the middle of side ``ij``, where ``y_i = y_j > y_k``."""
    return np.array([CENTRE, side_midpoint(i, j)])


def boundary_segments() -> dict[tuple[int, int], np.ndarray]:
    """The three boundaries in the triangle, by pair of classes ``(i, j)``, ``i < j``."""
    return {pair: boundary_segment(*pair) for pair in PAIRS}


def boundary_half_plane(i: int, j: int) -> tuple[np.ndarray, np.ndarray]:
    """The boundary between ``i`` and ``j`` in 3-D: ``{a·along + b·into : b >= 0}``.

    ``along`` is the unit vector ``(1, 1, 1)/√3`` (adding the same number to every logit changes
    no probability), ``into`` the unit vector in the plane ``y_i = y_j`` pointing to where
    ``y_k`` is smaller. It holds the equal-logit boundary, the segment in the triangle, and every
    softmax stage frame in between.
    """
    i, j, k = _pair(i, j)
    into = CORNERS[i] + CORNERS[j] - 2.0 * CORNERS[k]
    return np.full(CLASSES, 1.0 / math.sqrt(3.0)), into / np.linalg.norm(into)


def class_region(i: int) -> np.ndarray:
    """``(4, 3)``: where class ``i`` wins, corner → side middle → centre → side middle.

    Counter-clockwise in the chart; the regions of the three classes tile the triangle.
    """
    if isinstance(i, bool) or i not in range(CLASSES):
        raise NnanimError(f"class: {i!r} is not a class 0, 1 or 2")
    j, k = (i + 1) % CLASSES, (i + 2) % CLASSES
    return np.array([CORNERS[i], side_midpoint(i, j), CENTRE, side_midpoint(i, k)])


def class_regions() -> list[np.ndarray]:
    """The three regions ``class_region(0), class_region(1), class_region(2)``."""
    return [class_region(i) for i in range(CLASSES)]
