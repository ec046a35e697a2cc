"""Where the network changes its mind: the decision boundary ``p = 0.5`` and the fields around it.

In input space the boundary can be any set of curves, so it is contoured from a grid with
``contourpy`` (closed loops are the "islands"). It is contoured on the logit difference
``z2 - z1`` rather than on ``p`` itself: the same zero set (``p = 0.5`` exactly where the logits
are equal), but smooth and nearly linear where ``p`` is flat at 0 or 1, so linear interpolation
between grid nodes lands close to the true curve; bisection along each vertex's grid edge then
puts it on the curve even where ReLU kinks or saturated units fool the interpolation.

In the last hidden space the boundary is exactly a straight line (a plane in 3-D), because all
that is left is the output layer's affine map; those helpers clip lines and half-planes to a box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import contourpy
import numpy as np

from nnanim.errors import NnanimError
from nnanim.geometry.checks import check_finite_number, check_points
from nnanim.geometry.forward import logits
from nnanim.geometry.framing import Box
from nnanim.model import Architecture, Params, activate, check_params

if TYPE_CHECKING:
    from nnanim.trajectory import Trajectory
    from nnanim.geometry.stages import Warp


def logit_margin(params: Params, arch: Architecture, points: np.ndarray) -> np.ndarray:
    """``z2 - z1`` for input points ``(..., 2)``: positive where class 1 wins, 0 on the boundary."""
    params = check_params(params, arch)
    p = check_points(points, 2)
    z = logits(params, arch, p.reshape(-1, 2))
    return (z[:, 1] - z[:, 0]).reshape(p.shape[:-1])


@dataclass(frozen=True)
class DecisionField:
    """What the training animation redraws every frame, from one pass over a grid.

    ``probability`` ``(rows, columns)``: p of class 1 at the nodes of an even grid whose first
    and last columns lie on the box's left and right edges and whose row 0 lies on its top edge
    (``ymax``), as in an image. ``boundary``: the ``p = 0.5`` curves through the same grid, so a
    heatmap upsampled with aligned corners changes colour exactly where the curves are drawn.
    """

    box: Box
    probability: np.ndarray
    boundary: list[np.ndarray]


def decision_field(
    params: Params, arch: Architecture, box: Box, shape: tuple[int, int] = (90, 160)
) -> DecisionField:
    """The probability raster and the boundary curves over ``box`` on a ``(rows, columns)`` grid."""
    params = check_params(params, arch)
    rows, cols = (int(n) for n in shape)
    if rows < 2 or cols < 2:
        raise NnanimError(f"shape: {shape!r} needs at least 2 rows and 2 columns")
    xs = np.linspace(box.xmin, box.xmax, cols)
    ys = np.linspace(box.ymin, box.ymax, rows)
    margin = logit_margin(params, arch, np.stack(np.meshgrid(xs, ys), axis=-1))
    probability = activate("sigmoid", margin)[::-1]
    return DecisionField(box, probability, _contour(params, arch, xs, ys, margin))


def decision_boundary(
    params: Params, arch: Architecture, box: Box, resolution: int = 240
) -> list[np.ndarray]:
    """The curves ``p = 0.5`` in input space within ``box``, as polylines ``(M, 2)``.

    Several disconnected curves are normal. A closed curve (an island) ends on the point it
    starts from; an open one runs from box edge to box edge. ``resolution`` grid nodes along the
    longer side (square cells) set the finest detail found: features smaller than a cell can be
    missed, but every vertex found lies on the true curve.
    """
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 2:
        raise NnanimError(f"resolution: {resolution!r} is not a whole number of nodes >= 2")
    if box.width >= box.height:
        shape = (max(2, round(resolution / box.aspect)), resolution)
    else:
        shape = (resolution, max(2, round(resolution * box.aspect)))
    return decision_field(params, arch, box, shape).boundary


ISLAND_RESOLUTION = 150
"""Grid nodes across the input window when every checkpoint is searched for islands (the
counts agree with a 240-node grid on E5 and E7, at a tenth of the cost)."""


def find_islands(trajectory: "Trajectory", box: Box,
                 resolution: int = ISLAND_RESOLUTION) -> tuple[int, list[np.ndarray]] | None:
    """The checkpoint whose ``p = 0.5`` boundary in ``box`` has the most separate curves.

    Ties go to the earliest. None if the boundary is one curve (or none) at every checkpoint:
    then this run shows no islands, and the lecture must say so rather than draw any.
    """
    best: tuple[int, list[np.ndarray]] | None = None
    for k in range(trajectory.n_checkpoints):
        curves = decision_boundary(trajectory.checkpoint(k), trajectory.arch, box, resolution)
        if len(curves) >= 2 and (best is None or len(curves) > len(best[1])):
            best = (k, curves)
    return best


def _contour(
    params: Params, arch: Architecture, xs: np.ndarray, ys: np.ndarray, margin: np.ndarray
) -> list[np.ndarray]:
    generator = contourpy.contour_generator(xs, ys, margin, line_type=contourpy.LineType.Separate)
    lines = [np.asarray(line, dtype=np.float64) for line in generator.lines(0.0)]
    if not lines:
        return []
    refined = _bisect_on_edges(params, arch, np.concatenate(lines), xs, ys, margin)
    return np.split(refined, np.cumsum([len(line) for line in lines])[:-1])


def _bisect_on_edges(
    params: Params,
    arch: Architecture,
    vertices: np.ndarray,
    xs: np.ndarray,
    ys: np.ndarray,
    margin: np.ndarray,
    steps: int = 12,
) -> np.ndarray:
    """Move each contour vertex onto the true zero of the margin along its grid edge.

    ``contourpy`` puts every vertex on a cell edge whose two nodes have opposite signs, by
    linear interpolation. With ReLU kinks or saturated tanh units that guess can be far off, so
    the bracket is halved ``steps`` times (any continuous margin) and only the last, tiny
    bracket is interpolated.
    """
    dx, dy = xs[1] - xs[0], ys[1] - ys[0]
    u = (vertices[:, 0] - xs[0]) / dx
    w = (vertices[:, 1] - ys[0]) / dy
    on_column = np.abs(u - np.round(u)) <= np.abs(w - np.round(w))
    i = np.where(on_column, np.round(u), np.clip(np.floor(u), 0, len(xs) - 2)).astype(int)
    j = np.where(on_column, np.clip(np.floor(w), 0, len(ys) - 2), np.round(w)).astype(int)
    i2, j2 = i + ~on_column, j + on_column
    a = np.stack([xs[i], ys[j]], axis=1)
    b = np.stack([xs[i2], ys[j2]], axis=1)
    fa, fb = margin[j, i], margin[j2, i2]
    brackets = fa * fb <= 0
    a, b, fa, fb = a[brackets], b[brackets], fa[brackets], fb[brackets]
    for _ in range(steps):
        mid = (a + b) / 2
        fm = logit_margin(params, arch, mid)
        same = (fm * fa > 0)[:, None]
        a, fa = np.where(same, mid, a), np.where(same[:, 0], fm, fa)
        b, fb = np.where(same, b, mid), np.where(same[:, 0], fb, fm)
    gap = fa - fb
    t = np.divide(fa, gap, out=np.full_like(fa, 0.5), where=gap != 0)
    refined = vertices.copy()
    refined[brackets] = a + t[:, None] * (b - a)
    return refined


def equal_logit_plane(warp: "Warp") -> tuple[np.ndarray, float]:
    """The exact boundary in the last hidden space: ``normal · c + offset = 0`` on display points.

    ``normal = Vᵀ (W_out[1] - W_out[0])`` and ``offset = b_out[1] - b_out[0]``, where ``V`` is the
    view of that space; the view contains the output layer's row space, so the display shows
    the true boundary. Positive side = class 1. ``normal`` has as many entries as the display
    has columns. In a 2-D display this is a line: ``clip_line(normal, offset, box)``, and the
    class sides are ``half_plane(±normal, ±offset, box)``. In the 3-D view of a wide layer it is
    a vertical plane (``normal[2] == 0``) over the line ``clip_line(normal[:2], offset, box)``;
    only a 3-wide last layer, shown as it is, has a tilted plane.
    """
    W_out, b_out = warp.params[-1]
    space = warp.arch.n_layers - 1
    normal = warp.to_view(W_out[1] - W_out[0], space)
    normal = np.pad(normal, (0, warp.display_dim(space) - len(normal)))
    return normal, float(b_out[1] - b_out[0])


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
