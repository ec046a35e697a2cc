"""How large a data point's dot may be drawn: as large as usual until the dots would merge.

400 points in a window read as 400 dots; 20,000 points drawn the same size read as a solid
blob. The dot's area is kept within the area each point has to itself in the window: the part
of the window the cloud covers (counted on a coarse grid of cells), shared among its points. Plain numpy: tests read it without drawing.
"""

from __future__ import annotations

import math

import numpy as np

from nnanim.geometry.framing import Box

CELLS = 16
"""Cells per side of the grid that measures how much of the window a cloud covers."""
FILL = 0.4
"""A dot may take up to this share of the area each point has to itself."""
LEAST_COVER = 0.3
"""The share of the window a cloud is taken to cover at least. A warp may pile hundreds of
points onto a curve (tanh corners, the softmax line): they still keep their size, and
400 points keep the usual size in any window the lectures use; only clouds of thousands
shrink."""
SMALLEST_RADIUS = 0.011
"""Scene units: 1.5 px at 1080p, 0.65 px at 480p: a speck of the class colour still shows."""


def covered_area(points: np.ndarray, rect: Box) -> float:
    """Area of the grid cells of ``rect`` holding at least one of ``points`` (scene units)."""
    p = np.asarray(points, dtype=np.float64).reshape(-1, np.shape(points)[-1])[:, :2]
    p = p[rect.contains(p)]
    if len(p) == 0:
        return 0.0
    col = np.minimum(((p[:, 0] - rect.xmin) / rect.width * CELLS).astype(int), CELLS - 1)
    row = np.minimum(((p[:, 1] - rect.ymin) / rect.height * CELLS).astype(int), CELLS - 1)
    occupied = len(np.unique(row * CELLS + col))
    return occupied * rect.width * rect.height / CELLS**2


def density_radius(points: np.ndarray, rect: Box, largest: float) -> float:
    """The dot radius for ``points`` (scene units) drawn in ``rect``: ``largest`` while the
    dots have room, shrinking with the square root of the area per point, never below
    ``SMALLEST_RADIUS``."""
    count = len(points)
    if count == 0:
        return largest
    cover = max(covered_area(points, rect), LEAST_COVER * rect.width * rect.height)
    room = math.sqrt(FILL * cover / count / math.pi)
    return float(np.clip(room, min(SMALLEST_RADIUS, largest), largest))
