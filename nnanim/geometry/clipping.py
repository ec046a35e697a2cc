"""Straight lines and half-planes cut to a box: how an exact linear boundary is drawn.

Where a boundary is a straight line (the last hidden space, the logit and probability planes),
it is drawn from its equation, not contoured: ``clip_line`` gives its visible segment and
``half_plane`` the polygon of one side.
"""

from __future__ import annotations

import numpy as np

from nnanim.errors import NnanimError
from nnanim.geometry.checks import check_finite_number, check_points
from nnanim.geometry.framing import Box


def _normal(normal: np.ndarray) -> np.ndarray:
    n = check_points(normal, 2, "normal")
    if n.shape != (2,):
        raise NnanimError(f"normal: shape {n.shape} is not (2,); give the line's 2-D normal")
    return n


def clip_line(normal: np.ndarray, offset: float, box: Box) -> np.ndarray | None:
    """The line ``normal · x + offset = 0`` (2-D) inside ``box`` as its ``(2, 2)`` end points.

    ``None`` if the line misses the box or ``normal`` is zero (no line at all).
    """
    n = _normal(normal)
    c = check_finite_number(offset, "offset")
    norm2 = float(n @ n)
    if norm2 == 0.0:
        return None
    foot = -c * n / norm2
    direction = np.array([-n[1], n[0]])
    lo, hi = -np.inf, np.inf
    for axis, (low, high) in enumerate(((box.xmin, box.xmax), (box.ymin, box.ymax))):
        if direction[axis] == 0.0:
            if not low <= foot[axis] <= high:
                return None
            continue
        a, b = sorted(((low - foot[axis]) / direction[axis], (high - foot[axis]) / direction[axis]))
        lo, hi = max(lo, a), min(hi, b)
    if not lo < hi:
        return None
    return np.array([foot + lo * direction, foot + hi * direction])


def half_plane(normal: np.ndarray, offset: float, box: Box) -> np.ndarray:
    """Polygon ``(K, 2)`` of ``{x in box : normal · x + offset ≥ 0}``; ``(0, 2)`` if empty.

    Counter-clockwise, clipped from the box's corners (Sutherland–Hodgman with one edge).
    """
    n = _normal(normal)
    c = check_finite_number(offset, "offset")
    corners = box.corners()
    side = corners @ n + c
    polygon: list[np.ndarray] = []
    for i in range(4):
        j = (i + 1) % 4
        if side[i] >= 0:
            polygon.append(corners[i])
        if (side[i] >= 0) != (side[j] >= 0):
            t = side[i] / (side[i] - side[j])
            polygon.append(corners[i] + t * (corners[j] - corners[i]))
    return np.array(polygon).reshape(-1, 2)
