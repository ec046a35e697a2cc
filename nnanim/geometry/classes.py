"""Where a network of any number of classes changes its mind, in input space.

The class of a point is its largest probability (equally, its largest logit). The boundary
between classes ``i`` and ``j`` is where ``z_i = z_j`` and every other logit is smaller.

Each pair's tie ``z_j - z_i = 0`` is contoured on its own and refined onto the true curve like
the two-class boundary (``boundary.zero_contours``: bisection along grid edges). The pairwise
difference is as smooth as the network, unlike a region's edge ``z_i - max_k z_k``, whose
``max`` has a kink wherever the runner-up changes: contoured on a grid, a region that narrows
to a wedge thinner than a cell vanishes between the nodes, and its edges stop short of the
point where three regions meet. A tie curve does not care how thin the regions beside it are.

Only the stretches of a tie curve where the pair leads every other class are kept. Where a
third class ``k`` overtakes them along the curve, three classes tie: that point solves the two
equations ``z_i = z_j``, ``z_i = z_k``, found by Newton's method from the crossing on the
polyline, and ends the curves of all three pairs (the same point for each), so the curves of
a junction meet. Where a curve bends sharply between two vertices, the chord's middle is
put on the curve too, so no chord cuts a bend by more than a fiftieth of a cell.

For two classes this is the ``p = 0.5`` curve of ``boundary``; the two-class drawing keeps using
``decision_field``, whose raster is ``p`` of class 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Callable

import numpy as np

from nnanim.errors import NnanimError
from nnanim.geometry.boundary import decision_boundary, grid_axes, grid_shape, zero_contours
from nnanim.geometry.checks import check_points
from nnanim.geometry.forward import logits
from nnanim.geometry.framing import Box
from nnanim.core.model import Architecture, Params, check_params, softmax

_NEWTON_STEPS = 8
"""Newton converges quadratically from a crossing a fraction of a cell from the triple point."""
_STEP = 1e-6
"""Central-difference step for the Jacobian, as a share of the grid cell."""
_BEND = 0.02
"""How far (share of a grid cell) a chord may cut a bend of the true curve: 0.12 px at 1080p
in the training window, whose cells are 6 px."""
_BEND_ROUNDS = 4
_TIED = 1e-9
"""Logits this close are a triple point; a junction Newton left further off is found again
along the curve (``_along_the_tie``)."""
_FOUND = 1e-6
"""Logits this close at a junction are drawn as the triple point (a thousandth of a pixel)."""
_SHARED = 3.0
"""Cells within which the crossings of one triple of classes share one triple point."""
_HALVINGS = 30


def _logits(params: Params, arch: Architecture, points: np.ndarray) -> np.ndarray:
    p = check_points(points, 2)
    return logits(params, arch, p.reshape(-1, 2)).reshape(p.shape[:-1] + (arch.classes,))


def _lead(z: np.ndarray, label: int) -> np.ndarray:
    """``z_label - max_{k≠label} z_k``: positive where ``label`` wins."""
    others = np.delete(z, label, axis=-1)
    return z[..., label] - others.max(axis=-1)


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
    ties: list[tuple[tuple[int, int], np.ndarray]] = []
    for i, j in combinations(range(arch.classes), 2):

        def tie(points: np.ndarray, i: int = i, j: int = j) -> np.ndarray:
            at = _logits(params, arch, points)
            return at[..., j] - at[..., i]

        ties += [((i, j), line) for line in zero_contours(tie, xs, ys, z[..., j] - z[..., i])]
    cell = float(max(xs[1] - xs[0], ys[1] - ys[0]))
    pieces = ties
    if arch.classes > 2:
        # Two classes keep exactly the curves of ``decision_field``: one pair, nothing to cut.
        pieces = _follow_bends(params, arch, _where_the_pair_leads(params, arch, ties, cell),
                               cell)
    curves: dict[tuple[int, int], list[np.ndarray]] = {}
    for pair, piece in pieces:
        curves.setdefault(pair, []).append(piece)
    boundaries = [PairBoundary(pair, curves[pair]) for pair in sorted(curves)]
    return ClassField(box, softmax(z)[::-1], boundaries)


def class_boundaries(
    params: Params, arch: Architecture, box: Box, resolution: int = 240
) -> list[PairBoundary]:
    """The pairwise boundaries within ``box``; ``resolution`` as in ``decision_boundary``."""
    return class_field(params, arch, box, grid_shape(box, resolution)).boundaries


def boundary_curves(
    params: Params, arch: Architecture, box: Box, resolution: int = 240
) -> list[np.ndarray]:
    """Every curve where the network changes its mind within ``box``, whatever the pair.

    Two classes: the ``p = 0.5`` curves of ``decision_boundary``, exactly; more: every pair's
    curves of ``class_boundaries``. A film that carries "the final decision boundary" through
    the warp carries these, so no pair is left out.
    """
    if arch.classes == 2:
        return decision_boundary(params, arch, box, resolution)
    return [line for pair in class_boundaries(params, arch, box, resolution) for line in pair.lines]


def _where_the_pair_leads(
    params: Params, arch: Architecture, ties: list[tuple[tuple[int, int], np.ndarray]],
    cell: float,
) -> list[tuple[tuple[int, int], np.ndarray]]:
    """The stretches of each tie curve where its pair leads every other class, ended on the
    triple points where a third class takes over."""
    if not ties:
        return ties
    lines = [_open_at_a_loss(params, arch, pair, line) for pair, line in ties]
    z = _logits(params, arch, np.concatenate(lines))
    pairs = np.repeat(np.array([pair for pair, _ in ties]), [len(line) for line in lines], axis=0)
    lead = _pair_lead(z, pairs)
    valid = lead > 0
    # A change of sign between vertex n and n + 1 of the same line: a triple point.
    starts = np.cumsum([0] + [len(line) for line in lines])
    change = np.flatnonzero(valid[1:] != valid[:-1])
    change = change[~np.isin(change + 1, starts)]
    vertices = np.concatenate(lines)
    a, b = vertices[change], vertices[change + 1]
    t = lead[change] / (lead[change] - lead[change + 1])
    losing = np.where(valid[change], change + 1, change)
    third = _third(z[losing], pairs[losing])
    triples = np.column_stack([pairs[change], third])
    junctions = _triple_points(params, arch, a + t[:, None] * (b - a), triples, cell)
    at = _logits(params, arch, junctions)
    rows = np.arange(len(junctions))
    error = np.maximum(np.abs(at[rows, triples[:, 0]] - at[rows, triples[:, 1]]),
                       np.abs(at[rows, triples[:, 0]] - at[rows, triples[:, 2]]))
    failed = error > _TIED
    if failed.any():
        junctions[failed] = _along_the_tie(params, arch, a[failed], b[failed],
                                           pairs[change][failed])
        at = _logits(params, arch, junctions)
        error = np.maximum(np.abs(at[rows, triples[:, 0]] - at[rows, triples[:, 1]]),
                           np.abs(at[rows, triples[:, 0]] - at[rows, triples[:, 2]]))
    # A junction neither search pins down (the third class's tie running almost along the
    # pair's, in a nearly degenerate network) is left out: the curve then ends on its last
    # vertex, on the tie and still led by the pair, less than a cell from where the third
    # class takes over -- short, but never wrong.
    found = error <= _FOUND
    ends = {n: point for n, point, ok in zip(change.tolist(), junctions, found) if ok}
    pieces = []
    for (pair, _), line, first in zip(ties, lines, starts[:-1]):
        keep = valid[first : first + len(line)]
        cuts = np.flatnonzero(keep[1:] != keep[:-1]) + 1
        for lo, hi in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(line)]])):
            if not keep[lo]:
                continue
            parts = [line[lo:hi]]
            if lo > 0 and first + lo - 1 in ends:
                parts.insert(0, ends[first + lo - 1][None])
            if hi < len(line) and first + hi - 1 in ends:
                parts.append(ends[first + hi - 1][None])
            pieces.append((pair, np.vstack(parts)))
    return pieces


def _bisect(tie: Callable[[np.ndarray], np.ndarray], lo: np.ndarray,
            hi: np.ndarray) -> np.ndarray:
    """Each row's zero of ``tie`` between ``lo`` and ``hi`` (where its sign changes), by
    ``_HALVINGS`` halvings: a millionth of the bracket."""
    f_lo = tie(lo)
    for _ in range(_HALVINGS):
        mid = (lo + hi) / 2
        f_mid = tie(mid)
        same = (f_mid * f_lo > 0)[:, None]
        lo, f_lo = np.where(same, mid, lo), np.where(same[:, 0], f_mid, f_lo)
        hi = np.where(same, hi, mid)
    return (lo + hi) / 2


def _along_the_tie(
    params: Params, arch: Architecture, a: np.ndarray, b: np.ndarray, pairs: np.ndarray
) -> np.ndarray:
    """Where a third class starts to lead, walking along the pair's tie from vertex ``a`` to
    ``b`` (both on it, the pair leading at one only): bisection on the way from ``a`` to ``b``,
    each point put back on the tie across the chord. Slower than Newton, but it cannot stray
    where the third class's tie runs almost along the pair's."""
    rows = np.arange(len(a))
    along = b - a
    normal = np.column_stack([-along[:, 1], along[:, 0]])

    def tie(points: np.ndarray) -> np.ndarray:
        z = _logits(params, arch, points)
        return z[rows, pairs[:, 1]] - z[rows, pairs[:, 0]]

    def onto_tie(points: np.ndarray) -> np.ndarray:
        # The narrowest bracket across the chord that holds the tie: the nearest branch.
        lo, hi = points - normal, points + normal
        bracketed = np.zeros(len(points), dtype=bool)
        for reach in (0.125, 0.25, 0.5, 1.0, 2.0, 4.0):
            lo_r, hi_r = points - reach * normal, points + reach * normal
            now = ~bracketed & (tie(lo_r) * tie(hi_r) < 0)
            lo, hi = np.where(now[:, None], lo_r, lo), np.where(now[:, None], hi_r, hi)
            bracketed |= now
        return np.where(bracketed[:, None], _bisect(tie, lo, hi), points)

    leads_at_a = _pair_lead(_logits(params, arch, a), pairs) > 0
    t_lo, t_hi = np.zeros(len(a)), np.ones(len(a))
    for _ in range(_HALVINGS):
        t = (t_lo + t_hi) / 2
        leads = _pair_lead(_logits(params, arch, onto_tie(a + t[:, None] * along)), pairs) > 0
        same = leads == leads_at_a
        t_lo, t_hi = np.where(same, t, t_lo), np.where(same, t_hi, t)
    return onto_tie(a + ((t_lo + t_hi) / 2)[:, None] * along)


def _follow_bends(
    params: Params, arch: Architecture, pieces: list[tuple[tuple[int, int], np.ndarray]],
    cell: float,
) -> list[tuple[tuple[int, int], np.ndarray]]:
    """Put a vertex on the true curve wherever a chord cuts a bend by more than ``_BEND``.

    Every vertex is on the curve, but where it bends sharply (mid-training, say) the straight
    line between two vertices a cell apart can pass a pixel inside. Each chord's middle is
    moved along the chord's normal onto the tie by bisection; where it moved far, it becomes
    a vertex, and the halves are checked again.
    """
    if not pieces:
        return pieces
    lines = [line for _, line in pieces]
    pairs = np.array([pair for pair, _ in pieces])
    for _ in range(_BEND_ROUNDS):
        sizes = np.array([len(line) for line in lines])
        vertices = np.concatenate(lines)
        owner = np.repeat(np.arange(len(lines)), sizes)
        first = np.flatnonzero(owner[1:] == owner[:-1])
        a, b = vertices[first], vertices[first + 1]
        middle, along = (a + b) / 2, b - a
        normal = np.column_stack([-along[:, 1], along[:, 0]]) / 2
        pair = pairs[owner[first]]
        rows = np.arange(len(first))

        def tie(points: np.ndarray) -> np.ndarray:
            z = _logits(params, arch, points)
            return z[rows, pair[:, 1]] - z[rows, pair[:, 0]]

        lo, hi = middle - normal, middle + normal
        bracketed = tie(lo) * tie(hi) < 0
        found = _bisect(tie, lo, hi)
        # A tie point where a third class leads is no part of this pair's boundary.
        leads = _pair_lead(_logits(params, arch, found), pair) > 0
        bent = bracketed & leads & (np.linalg.norm(found - middle, axis=1) > _BEND * cell)
        if not bent.any():
            break
        vertices = np.insert(vertices, first[bent] + 1, found[bent], axis=0)
        sizes = sizes + np.bincount(owner[first[bent]], minlength=len(lines))
        lines = np.split(vertices, np.cumsum(sizes)[:-1])
    return [(pair, line) for (pair, _), line in zip(pieces, lines)]


def _open_at_a_loss(
    params: Params, arch: Architecture, pair: tuple[int, int], line: np.ndarray
) -> np.ndarray:
    """A closed tie curve that the pair does not lead all round, reopened where it loses.

    Then no stretch it leads is cut in two where the contour happened to close the loop.
    """
    if len(line) < 3 or not np.array_equal(line[0], line[-1]):
        return line
    lead = _pair_lead(_logits(params, arch, line[:-1]), np.array([pair] * (len(line) - 1)))
    losing = np.flatnonzero(lead <= 0)
    if len(losing) == 0 or len(losing) == len(lead):
        return line
    turned = np.roll(line[:-1], -int(losing[0]), axis=0)
    return np.vstack([turned, turned[:1]])


def _pair_lead(z: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """How far the tied pair (row ``pairs[n]``) leads the best other class at ``z[n]``."""
    rows = np.arange(len(z))
    tied = (z[rows, pairs[:, 0]] + z[rows, pairs[:, 1]]) / 2
    others = z.copy()
    others[rows, pairs[:, 0]] = others[rows, pairs[:, 1]] = -np.inf
    return tied - others.max(axis=1)


def _third(z: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """The best class other than the pair, at each row of ``z``."""
    rows = np.arange(len(z))
    others = z.copy()
    others[rows, pairs[:, 0]] = others[rows, pairs[:, 1]] = -np.inf
    return np.argmax(others, axis=1)


def _triple_points(
    params: Params, arch: Architecture, starts: np.ndarray, triples: np.ndarray, cell: float
) -> np.ndarray:
    """Where the classes of each row of ``triples`` tie, Newton's method from ``starts``.

    Each triple point is met by the curves of three pairs, each of which asks for it from its
    own crossing; the answers within a cell of each other are made one (the one with the
    smallest residual), so the three curves end on the same point. A start whose Newton steps
    leave the cell's neighbourhood (a kink of a ReLU can send them off) keeps its crossing,
    unless another curve's answer is near.
    """
    if len(starts) == 0:
        return starts
    rows = np.arange(len(starts))

    def residual(points: np.ndarray) -> np.ndarray:
        z = _logits(params, arch, points)
        tied = z[rows, triples[:, 0]]
        return np.column_stack([tied - z[rows, triples[:, 1]], tied - z[rows, triples[:, 2]]])

    h = _STEP * cell
    point = starts
    for _ in range(_NEWTON_STEPS):
        f = residual(point)
        dx = (residual(point + [h, 0.0]) - residual(point - [h, 0.0])) / (2 * h)
        dy = (residual(point + [0.0, h]) - residual(point - [0.0, h])) / (2 * h)
        det = dx[:, 0] * dy[:, 1] - dy[:, 0] * dx[:, 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            step = np.column_stack([dy[:, 1] * f[:, 0] - dy[:, 0] * f[:, 1],
                                    dx[:, 0] * f[:, 1] - dx[:, 1] * f[:, 0]]) / det[:, None]
        point = np.where(np.isfinite(step).all(axis=1)[:, None], point - step, point)
    strayed = ~np.isfinite(point).all(axis=1) | (np.linalg.norm(point - starts, axis=1) > 2 * cell)
    point = np.where(strayed[:, None], starts, point)
    error = np.abs(residual(point)).max(axis=1)
    key = np.sort(triples, axis=1)
    # Where the third class's tie runs almost along the pair's, lead changes sign several times
    # within a few cells and Newton from some crossings fails: they share the answer found
    # from the others.
    same = (np.all(key[:, None] == key[None], axis=2)
            & (np.linalg.norm(point[:, None] - point[None], axis=2) <= _SHARED * cell))
    best = np.argmin(np.where(same, error[None], np.inf), axis=1)
    return point[best]
