"""Where a network of any number of classes changes its mind, in input space.

The class of a point is its largest probability (equally, its largest logit). Class ``i`` wins
where ``r_i = z_i - max_{k≠i} z_k > 0``, so the edge of its region is the zero set of ``r_i``: a
continuous function, contoured and refined onto the true curve like the two-class boundary
(``boundary.zero_contours``). Along that edge the runner-up ``j`` names the pair: the curve
between ``i`` and ``j`` is where ``p_i = p_j`` and every other probability is smaller. Where the
runner-up changes, three classes tie; that point is found by bisection between the two vertices
and ends both curves, so the curves of a junction meet.

For two classes this is the ``p = 0.5`` curve of ``boundary``; the two-class drawing keeps using
``decision_field``, whose raster is ``p`` of class 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnanim.errors import NnanimError
from nnanim.geometry.boundary import grid_axes, grid_shape, zero_contours
from nnanim.geometry.checks import check_points
from nnanim.geometry.forward import logits
from nnanim.geometry.framing import Box
from nnanim.model import Architecture, Params, check_params, softmax

_JUNCTION_STEPS = 40
"""Halvings of the segment holding a three-way tie, before Newton refines it."""
_NEWTON_STEPS = 6
"""Newton converges quadratically from a point a fraction of a cell away."""


def _logits(params: Params, arch: Architecture, points: np.ndarray) -> np.ndarray:
    p = check_points(points, 2)
    return logits(params, arch, p.reshape(-1, 2)).reshape(p.shape[:-1] + (arch.classes,))


def _lead(z: np.ndarray, label: int) -> np.ndarray:
    """``z_label - max_{k≠label} z_k``: positive where ``label`` wins."""
    others = np.delete(z, label, axis=-1)
    return z[..., label] - others.max(axis=-1)


def _runner_up(z: np.ndarray, label: int) -> np.ndarray:
    """The class with the largest logit other than ``label``."""
    masked = z.copy()
    masked[..., label] = -np.inf
    return np.argmax(masked, axis=-1)


def class_lead(params: Params, arch: Architecture, points: np.ndarray, label: int) -> np.ndarray:
    """How far class ``label``'s logit leads the best other one at input points ``(..., 2)``."""
    params = check_params(params, arch)
    if isinstance(label, bool) or label not in range(arch.classes):
        raise NnanimError(f"class: {label!r} is not a class 0 .. {arch.classes - 1}")
    return _lead(_logits(params, arch, points), label)


@dataclass(frozen=True)
class PairBoundary:
    """The curves where classes ``pair = (i, j)``, ``i < j``, tie and lead every other class."""

    pair: tuple[int, int]
    lines: list[np.ndarray]


@dataclass(frozen=True)
class ClassField:
    """Class probabilities on a grid and the boundaries between every pair of classes.

    ``probability`` ``(rows, columns, K)`` on the grid of ``boundary.DecisionField`` (first and
    last columns on the box's left and right edges, row 0 on its top edge). ``boundaries`` holds
    one ``PairBoundary`` per pair that meets in the box, ordered by pair.
    """

    box: Box
    probability: np.ndarray
    boundaries: list[PairBoundary]


def class_field(
    params: Params, arch: Architecture, box: Box, shape: tuple[int, int] = (90, 160)
) -> ClassField:
    """Probabilities and pairwise boundaries over ``box`` on a ``(rows, columns)`` grid."""
    params = check_params(params, arch)
    xs, ys = grid_axes(box, shape)
    z = _logits(params, arch, np.stack(np.meshgrid(xs, ys), axis=-1))
    curves: dict[tuple[int, int], list[np.ndarray]] = {}
    for label in range(arch.classes - 1):  # the last class's edges all border a smaller one

        def lead(points: np.ndarray, label: int = label) -> np.ndarray:
            return _lead(_logits(params, arch, points), label)

        for line in zero_contours(lead, xs, ys, _lead(z, label)):
            for other, piece in _split_by_runner_up(params, arch, line, label):
                if other > label:
                    curves.setdefault((label, other), []).append(piece)
    boundaries = [PairBoundary(pair, curves[pair]) for pair in sorted(curves)]
    return ClassField(box, softmax(z)[::-1], boundaries)


def class_boundaries(
    params: Params, arch: Architecture, box: Box, resolution: int = 240
) -> list[PairBoundary]:
    """The pairwise boundaries within ``box``; ``resolution`` as in ``decision_boundary``."""
    return class_field(params, arch, box, grid_shape(box, resolution)).boundaries


def _split_by_runner_up(
    params: Params, arch: Architecture, line: np.ndarray, label: int
) -> list[tuple[int, np.ndarray]]:
    """Pieces of one edge of ``label``'s region, each with the class across it.

    A closed edge crossed by several neighbours is rotated to start at a change, so no piece
    is cut in two where contourpy happened to close the loop; its closing step is then a
    change like the others.
    """
    others = _runner_up(_logits(params, arch, line), label)
    if np.all(others == others[0]):
        return [(int(others[0]), line)]
    closed = len(line) > 2 and np.array_equal(line[0], line[-1])
    if closed:
        first = int(np.nonzero(others[1:] != others[:-1])[0][0]) + 1
        line, others = np.roll(line[:-1], -first, axis=0), np.roll(others[:-1], -first)
    cuts = np.nonzero(others[1:] != others[:-1])[0] + 1
    ties = {
        int(c): _junction(params, arch, line[c - 1], line[c], label, others[c - 1], others[c])
        for c in cuts
    }
    if closed:
        ties[0] = ties[len(line)] = _junction(
            params, arch, line[-1], line[0], label, others[-1], others[0]
        )
    bounds = np.concatenate([[0], cuts, [len(line)]])
    pieces = []
    for start, end in zip(bounds[:-1], bounds[1:]):
        parts = [ties[start][None]] if start in ties else []
        parts.append(line[start:end])
        if end in ties:
            parts.append(ties[end][None])
        pieces.append((int(others[start]), np.vstack(parts)))
    return pieces


def _junction(
    params: Params, arch: Architecture, a: np.ndarray, b: np.ndarray, label: int, j: int, k: int
) -> np.ndarray:
    """Where ``label``, ``j`` and ``k`` tie, between edge vertices ``a`` and ``b``.

    ``a`` has runner-up ``j`` and ``b`` has ``k``.

    Bisection on the segment finds where ``z_j = z_k``; Newton steps on the two equations
    ``z_label = z_j = z_k`` then move it onto the true triple point, so the curves of all three
    pairs end on the same point. Newton is kept only if it converges near the segment (a kink
    of a ReLU can defeat it); otherwise the bisection point stands.
    """
    def three_way(at: np.ndarray) -> np.ndarray:
        return _ties(params, arch, at, (label, j), (label, k))

    fa = _ties(params, arch, a, (j, k))[0]
    lo, hi = a, b
    for _ in range(_JUNCTION_STEPS):
        mid = (lo + hi) / 2
        fm = _ties(params, arch, mid, (j, k))[0]
        if fm * fa > 0:
            lo, fa = mid, fm
        else:
            hi = mid
    start = (lo + hi) / 2
    reach = 2.0 * float(np.linalg.norm(b - a))
    step = 1e-6 * max(reach, 1e-12)
    point = start
    for _ in range(_NEWTON_STEPS):
        jacobian = np.column_stack(
            [(three_way(point + step * e) - three_way(point - step * e)) / (2 * step)
             for e in np.eye(2)]
        )
        try:
            point = point - np.linalg.solve(jacobian, three_way(point))
        except np.linalg.LinAlgError:
            return start
        if not np.all(np.isfinite(point)) or np.linalg.norm(point - start) > reach:
            return start
    better = np.abs(three_way(point)).max() < np.abs(three_way(start)).max()
    return point if better else start


def _ties(
    params: Params, arch: Architecture, point: np.ndarray, *pairs: tuple[int, int]
) -> np.ndarray:
    """``z_a - z_b`` at one input point for each pair ``(a, b)``."""
    z = _logits(params, arch, point[None])[0]
    return np.array([z[a] - z[b] for a, b in pairs])
