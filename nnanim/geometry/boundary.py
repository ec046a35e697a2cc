"""Where the network changes its mind: the decision boundary ``p = 0.5`` and the fields around it.

In input space the boundary can be any set of curves, so it is contoured from a grid with
``contourpy`` (closed loops are the "islands"). It is contoured on the logit difference
``z2 - z1`` rather than on ``p`` itself: the same zero set (``p = 0.5`` exactly where the logits
are equal), but smooth and nearly linear where ``p`` is flat at 0 or 1, so linear interpolation
between grid nodes lands close to the true curve; bisection along each vertex's grid edge then
puts it on the curve even where ReLU kinks or saturated units fool the interpolation.

A network that reads features of the plane instead of ``(x, y)`` (the polar one reads
``(r, θ)``) is contoured in the plane all the same: ``features`` maps plane points to what the
network reads, at the grid nodes and at every bisection step alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import contourpy
import numpy as np

from nnanim.errors import NnanimError
from nnanim.geometry.checks import check_points
from nnanim.geometry.forward import logits
from nnanim.geometry.framing import Box
from nnanim.core.model import Architecture, Params, activate, check_params

Features = Callable[[np.ndarray], np.ndarray]
"""``plane points (N, 2) -> network inputs (N, 2)``, e.g. ``(x, y) -> (r, θ)``."""
Margin = Callable[[np.ndarray], np.ndarray]
"""``plane points (N, 2) -> values (N,)`` whose zero set is the curve wanted (``z2 - z1``)."""

if TYPE_CHECKING:
    from nnanim.core.trajectory import Trajectory


def logit_margin(
    params: Params, arch: Architecture, points: np.ndarray, features: Features | None = None
) -> np.ndarray:
    """``z2 - z1`` at plane points ``(..., 2)``: positive where class 1 wins, 0 on the boundary.

    ``features`` (if given) maps the points to what the network reads before it is run.
    """
    params = check_params(params, arch)
    p = check_points(points, 2)
    flat = p.reshape(-1, 2)
    inputs = flat if features is None else check_points(features(flat), 2, "features")
    z = logits(params, arch, inputs)
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
    params: Params,
    arch: Architecture,
    box: Box,
    shape: tuple[int, int] = (90, 160),
    features: Features | None = None,
) -> DecisionField:
    """The probability raster and the boundary curves over ``box`` on a ``(rows, columns)`` grid.

    ``features`` maps plane points to the network's inputs (None: the network reads ``(x, y)``).
    Where the features jump (θ across the negative x axis), the decision may jump too; that cut
    is part of the drawn boundary, as it is where the network changes its mind.
    """
    params = check_params(params, arch)
    xs, ys = grid_axes(box, shape)

    def margin_at(points: np.ndarray) -> np.ndarray:
        return logit_margin(params, arch, points, features)

    margin = margin_at(np.stack(np.meshgrid(xs, ys), axis=-1))
    probability = activate("sigmoid", margin)[::-1]
    return DecisionField(box, probability, zero_contours(margin_at, xs, ys, margin))


def decision_boundary(
    params: Params, arch: Architecture, box: Box, resolution: int = 240
) -> list[np.ndarray]:
    """The curves ``p = 0.5`` in input space within ``box``, as polylines ``(M, 2)``.

    Several disconnected curves are normal. A closed curve (an island) ends on the point it
    starts from; an open one runs from box edge to box edge. ``resolution`` grid nodes along the
    longer side (square cells) set the finest detail found: features smaller than a cell can be
    missed, but every vertex found lies on the true curve.
    """
    return decision_field(params, arch, box, grid_shape(box, resolution)).boundary


def grid_axes(box: Box, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The node coordinates ``xs`` (columns, left to right) and ``ys`` (rows, bottom to top)
    of a ``(rows, columns)`` grid spanning ``box``, edges included."""
    rows, cols = (int(n) for n in shape)
    if rows < 2 or cols < 2:
        raise NnanimError(f"shape: {shape!r} needs at least 2 rows and 2 columns")
    return np.linspace(box.xmin, box.xmax, cols), np.linspace(box.ymin, box.ymax, rows)


def grid_shape(box: Box, resolution: int) -> tuple[int, int]:
    """``(rows, columns)`` of square cells with ``resolution`` nodes along the longer side."""
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 2:
        raise NnanimError(f"resolution: {resolution!r} is not a whole number of nodes >= 2")
    if box.width >= box.height:
        return (max(2, round(resolution / box.aspect)), resolution)
    return (resolution, max(2, round(resolution * box.aspect)))


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


def zero_curves(xs: np.ndarray, ys: np.ndarray, values: np.ndarray) -> list[np.ndarray]:
    """The polylines where grid ``values`` (rows along ``ys``) change sign, linearly interpolated.

    For any sampled field (a distance difference, say); a network's margin goes through
    ``zero_contours``, which then puts every vertex on the true zero.
    """
    generator = contourpy.contour_generator(xs, ys, values, line_type=contourpy.LineType.Separate)
    return [np.asarray(line, dtype=np.float64) for line in generator.lines(0.0)]


def zero_contours(
    margin_of: Margin, xs: np.ndarray, ys: np.ndarray, margin: np.ndarray
) -> list[np.ndarray]:
    """The curves ``margin_of = 0`` as polylines, ``margin`` being its values on the grid.

    ``margin[j, i]`` is the value at ``(xs[i], ys[j])``; every vertex is moved onto the true
    zero along its grid edge (see ``_bisect_on_edges``).
    """
    lines = zero_curves(xs, ys, margin)
    if not lines:
        return []
    refined = _bisect_on_edges(margin_of, np.concatenate(lines), xs, ys, margin)
    return np.split(refined, np.cumsum([len(line) for line in lines])[:-1])


def _bisect_on_edges(
    margin_of: Margin,
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
        fm = margin_of(mid)
        same = (fm * fa > 0)[:, None]
        a, fa = np.where(same, mid, a), np.where(same[:, 0], fm, fa)
        b, fb = np.where(same, b, mid), np.where(same[:, 0], fb, fm)
    gap = fa - fb
    t = np.divide(fa, gap, out=np.full_like(fa, 0.5), where=gap != 0)
    refined = vertices.copy()
    refined[brackets] = a + t[:, None] * (b - a)
    return refined
