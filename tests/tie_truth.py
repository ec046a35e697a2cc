"""Where classes truly tie, computed apart from the library, to check drawn boundaries against.

For every pair ``(i, j)`` the difference ``z_i - z_j`` is contoured on a grid several times
finer than any the library draws from, each vertex is pulled onto ``z_i = z_j`` by Newton steps
along the gradient, and only where every other logit is smaller is kept. Pieces end on the
exact triple points (the two tie equations solved by Newton). The pairwise differences are
smooth where the library's ``max`` is not, so a thin wedge costs this nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import contourpy
import numpy as np
from scipy.spatial import cKDTree

from nnanim.geometry.forward import layer_input, logits
from nnanim.geometry.framing import Box
from nnanim.core.model import Architecture, unflatten_params

PIXELS_PER_UNIT = 1080 / 8.0
"""A 1080p frame is 8 scene units high."""


def _z(params, arch, points: np.ndarray) -> np.ndarray:
    return logits(params, arch, points.reshape(-1, 2)).reshape(points.shape[:-1] + (-1,))


def _gradient(f, points: np.ndarray, h: float) -> np.ndarray:
    """Central differences of ``f`` (points → values) at every point, ``(N, 2)``."""
    steps = np.array([[h, 0.0], [0.0, h]])
    return np.stack([(f(points + e) - f(points - e)) / (2 * h) for e in steps], axis=-1)


def _onto_tie(params, arch, points: np.ndarray, i: int, j: int, h: float) -> np.ndarray:
    def d(p: np.ndarray) -> np.ndarray:
        z = _z(params, arch, p)
        return z[:, i] - z[:, j]

    for _ in range(6):
        g = _gradient(d, points, h)
        points = points - (d(points) / np.maximum((g * g).sum(axis=1), 1e-300))[:, None] * g
    return points


def _triple_point(params, arch, start: np.ndarray, i: int, j: int, k: int,
                  h: float) -> np.ndarray:
    """Newton on ``z_i = z_j = z_k`` from ``start`` ``(N, 2)``."""
    def f(p: np.ndarray) -> np.ndarray:
        z = _z(params, arch, p)
        return np.stack([z[:, i] - z[:, j], z[:, i] - z[:, k]], axis=-1)

    p = start
    for _ in range(8):
        steps = np.array([[h, 0.0], [0.0, h]])
        jac = np.stack([(f(p + e) - f(p - e)) / (2 * h) for e in steps], axis=-1)
        p = p - np.linalg.solve(jac, f(p)[..., None])[..., 0]
    return p


@dataclass(frozen=True)
class Ties:
    """The true boundary pieces ``(M, 2)`` in input space, each with its pair, and the triple
    points in the box."""

    pieces: list[np.ndarray]
    pairs: list[tuple[int, int]]
    triples: np.ndarray


def true_ties(params, arch, box: Box, nodes: int = 1000) -> Ties:
    """The true boundaries of a network over ``box``, from a grid of ``nodes`` columns."""
    xs = np.linspace(box.xmin, box.xmax, nodes)
    ys = np.linspace(box.ymin, box.ymax, max(2, round(nodes / box.aspect)))
    h = 1e-6 * max(box.width, box.height)
    z = _z(params, arch, np.stack(np.meshgrid(xs, ys), axis=-1))
    classes = z.shape[-1]
    pieces, pairs, triples = [], [], []
    for i in range(classes):
        for j in range(i + 1, classes):
            others = [k for k in range(classes) if k not in (i, j)]
            lines = contourpy.contour_generator(
                xs, ys, z[..., i] - z[..., j], line_type=contourpy.LineType.Separate).lines(0.0)
            for line in lines:
                line = _onto_tie(params, arch, np.asarray(line, dtype=np.float64), i, j, h)
                zl = _z(params, arch, line)
                rest = zl[:, others]
                lead = zl[:, i][:, None] - rest
                valid = np.all(lead > 0, axis=1)
                if not valid.any():
                    continue
                edges = np.flatnonzero(valid[1:] != valid[:-1])
                ends = {}
                for e in edges:  # a change between vertex e and e + 1: a triple point
                    a, b = (e, e + 1) if valid[e] else (e + 1, e)
                    k = others[int(np.argmin(lead[b]))]
                    start = line[a] + (line[b] - line[a]) * lead[a, others.index(k)] / (
                        lead[a, others.index(k)] - lead[b, others.index(k)])
                    point = _triple_point(params, arch, start[None], i, j, k, h)[0]
                    ends[e] = point
                    if box.contains(point[None])[0]:
                        triples.append(point)
                cuts = np.concatenate([[0], edges + 1, [len(line)]])
                for lo, hi in zip(cuts[:-1], cuts[1:]):
                    if not valid[lo]:
                        continue
                    parts = [line[lo:hi]]
                    if lo - 1 in ends:
                        parts.insert(0, ends[lo - 1][None])
                    if hi - 1 in ends:
                        parts.append(ends[hi - 1][None])
                    pieces.append(np.vstack(parts))
                    pairs.append((i, j))
    merged = _merge(np.array(triples).reshape(-1, 2), 1e-6 * max(box.width, box.height))
    return Ties(pieces, pairs, merged)


def _merge(points: np.ndarray, tol: float) -> np.ndarray:
    kept: list[np.ndarray] = []
    for p in points:
        if all(np.linalg.norm(p - q) > tol for q in kept):
            kept.append(p)
    return np.array(kept).reshape(-1, 2)


def distances_to_lines(points: np.ndarray, lines: list[np.ndarray], step: float) -> np.ndarray:
    """Distance from each point ``(N, d)`` to the nearest segment of ``lines`` (same units).

    Segments are cut to at most ``step`` long, so the nearest one is among the few whose
    middles are nearest (checked, and searched wider where it is not).
    """
    lines = [np.asarray(line, dtype=np.float64) for line in lines if len(line) >= 2]
    points = np.asarray(points, dtype=np.float64)
    if len(points) == 0:
        return np.zeros(0)
    if not lines:
        return np.full(len(points), np.inf)
    a = np.concatenate([line[:-1] for line in lines])
    b = np.concatenate([line[1:] for line in lines])
    cuts = np.maximum(1, np.ceil(np.linalg.norm(b - a, axis=1) / step)).astype(int)
    part = np.arange(cuts.sum()) - np.repeat(np.cumsum(cuts) - cuts, cuts)
    count = np.repeat(cuts, cuts)
    a, b = np.repeat(a, cuts, 0), np.repeat(b, cuts, 0)
    a, b = a + (part / count)[:, None] * (b - a), a + ((part + 1) / count)[:, None] * (b - a)
    tree = cKDTree((a + b) / 2)
    best = np.empty(len(points))
    todo, k = np.arange(len(points)), 8
    while len(todo):
        k = min(k, len(a))
        reach, index = tree.query(points[todo], k=k)
        reach, index = reach.reshape(len(todo), -1), index.reshape(len(todo), -1)
        p = points[todo][:, None]
        ab = b[index] - a[index]
        t = np.clip(np.einsum("nkd,nkd->nk", p - a[index], ab)
                    / np.maximum(np.einsum("nkd,nkd->nk", ab, ab), 1e-300), 0.0, 1.0)
        found = np.linalg.norm(a[index] + t[..., None] * ab - p, axis=-1).min(axis=1)
        sure = (reach[:, -1] - step / 2 > found) | (k == len(a))
        best[todo[sure]] = found[sure]
        todo, k = todo[~sure], 4 * k
    return best


def thin_wedge_network(seed: int, hidden: list[tuple[int, str]], thin: int = 0,
                       width: float = 0.005, box: Box = Box(-2.0, 2.0, -2.0, 2.0)):
    """A random network whose class ``thin`` wins only in a thin wedge from a triple point.

    Random hidden layers; the output rows are then set so that at a random point ``x0`` all
    three logits tie and, near it, ``thin`` wins only where ``0 < a·δh < width · c·δh``
    (``δh`` the hidden move from ``x0``, ``a`` and ``c`` random): a wedge whose angle shrinks
    with ``width``. Returns ``(params, arch, x0)``.
    """
    arch = Architecture.from_table(hidden, classes=3)
    rng = np.random.default_rng(seed)
    params = unflatten_params(rng.normal(size=arch.n_params), arch)
    x0 = box.center + rng.uniform(-0.15, 0.15, size=2) * [box.width, box.height]
    h0 = layer_input(params, arch, x0[None], arch.n_layers - 1)[0]
    W, b = (array.copy() for array in params[-1])
    a, c = rng.normal(size=len(h0)), rng.normal(size=len(h0))
    rest = [k for k in range(3) if k != thin]
    W[thin] = W[rest[0]] + a
    W[rest[1]] = W[thin] + a - width * c
    b[thin] = b[rest[0]] - a @ h0
    b[rest[1]] = b[thin] - (a - width * c) @ h0
    return [*params[:-1], (W, b)], arch, x0
