"""Fewer vertices for a drawn polyline, never moving it by more than a set distance.

A warped grid line is sampled densely so that it bends truthfully where the tanh bends it,
but in a linear stage, or far from the bend, most samples sit on a straight run. cairo's
stroking time grows with the vertex count (a grid of 3,000 segments took 5-8 ms a frame at
1080p, about 2 ms once thinned). ``thin_polylines`` drops vertices that lie within
``tolerance`` of the segment joining their neighbours, in rounds; dropped vertices are never
neighbours within a round, so each round moves the drawn line by at most ``tolerance``
(the Hausdorff distance from the two old segments to the new chord), and ``rounds`` rounds
by at most ``rounds * tolerance``. All lines are thinned together, in numpy.
"""

from __future__ import annotations

import numpy as np

ROUNDS = 8
"""At most this many rounds; each can halve a straight run."""


def _distance_to_segment(points: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    along = end - start
    length2 = (along * along).sum(axis=1)
    t = ((points - start) * along).sum(axis=1) / np.where(length2 > 0, length2, 1.0)
    np.clip(t, 0.0, 1.0, out=t)
    offset = points - start - t[:, None] * along
    return np.sqrt((offset * offset).sum(axis=1))


def thin_polylines(vertices: np.ndarray, line_of: np.ndarray, tolerance: float,
                   rounds: int = ROUNDS) -> np.ndarray:
    """A mask of the vertices to keep: every line keeps its ends and stays within
    ``rounds * tolerance`` of the original.

    ``vertices`` is ``(N, 2)`` (or more columns: all are measured), the lines laid end to end;
    ``line_of`` is ``(N,)``, the line each vertex belongs to (non-decreasing).
    """
    vertices = np.asarray(vertices, dtype=np.float64)
    line_of = np.asarray(line_of)
    keep = np.ones(len(vertices), dtype=bool)
    if len(vertices) < 3 or tolerance <= 0:
        return keep
    index, points, lines = np.arange(len(vertices)), vertices, line_of
    idle_rounds = 0
    for parity in range(rounds):
        # interior vertices: the kept neighbour on each side belongs to the same line
        inner = (lines[1:-1] == lines[:-2]) & (lines[1:-1] == lines[2:])
        # every other kept vertex, so no two dropped vertices are neighbours this round
        inner[(1 - parity % 2)::2] = False
        candidates = np.flatnonzero(inner) + 1
        distance = _distance_to_segment(points[candidates], points[candidates - 1],
                                        points[candidates + 1])
        dropped = candidates[distance <= tolerance]
        idle_rounds = 0 if len(dropped) else idle_rounds + 1
        if idle_rounds == 2:  # neither the odd nor the even vertices can go
            break
        still = np.ones(len(index), dtype=bool)
        still[dropped] = False
        keep[index[dropped]] = False
        index, points, lines = index[still], points[still], lines[still]
    return keep
