"""Which data points a picture draws: every one, or -- past the size where more dots stop
changing the picture -- a fixed sample in which every class keeps its share.

A million points train and are measured like any data set, but drawn they are a solid blot
that costs seconds a frame: past a few thousand, the dots already cover the data's shape, and
more only fill the gaps between them (``benchmarks/large_data.py``, figures in
``benchmarks/RESULTS.md``). The sample is drawn by a seeded generator, so every render and
every chapter of one data set shows the same points; the heatmap, the boundary, the loss and
the accuracy are still computed from the network on every point.
"""

from __future__ import annotations

import numpy as np

DRAWN_POINTS = 5_000
"""The most points a picture draws (see the module's docstring for where it comes from)."""
SAMPLE_SEED = 0


def class_shares(y: np.ndarray, total: int) -> np.ndarray:
    """How many of ``total`` points each class ``0 .. K-1`` gets: its share of ``y``, rounded
    by largest remainders so they add up to ``total``, and at least one for a class that has
    points, so none vanishes from the picture."""
    counts = np.bincount(np.asarray(y, dtype=np.int64))
    exact = total * counts / counts.sum()
    shares = np.floor(exact).astype(np.int64)
    shares[(counts > 0) & (shares == 0)] = 1
    order = np.argsort(-(exact - shares), kind="stable")
    for k in order[: max(0, total - int(shares.sum()))]:
        shares[k] += 1
    return np.minimum(shares, counts)


def drawn_points(y: np.ndarray, limit: int = DRAWN_POINTS, seed: int = SAMPLE_SEED) -> np.ndarray:
    """Indices of the points to draw, in the data's own order: all of them up to ``limit``,
    else ``limit`` of them (and one of each class too rare for a share of its own) chosen at
    random (``seed``) within each class, by its share."""
    y = np.asarray(y, dtype=np.int64)
    if len(y) <= limit:
        return np.arange(len(y))
    rng = np.random.default_rng(seed)
    chosen = [
        rng.choice(np.flatnonzero(y == label), size=share, replace=False)
        for label, share in enumerate(class_shares(y, limit))
    ]
    return np.sort(np.concatenate(chosen))


class ShownPoints:
    """For a frozen dataclass with fields ``X``, ``y`` (every point) and ``shown_X``,
    ``shown_y`` (``init=False``): fills those with the points pictures draw, the same or for
    a large data set a sample keeping every class's share (``drawn_points``)."""

    X: np.ndarray
    y: np.ndarray
    shown_X: np.ndarray
    shown_y: np.ndarray

    def __post_init__(self) -> None:
        drawn = drawn_points(self.y)
        object.__setattr__(self, "shown_X", self.X[drawn])
        object.__setattr__(self, "shown_y", self.y[drawn])

    @property
    def thinned(self) -> bool:
        """Whether pictures draw fewer points than the data has."""
        return len(self.shown_y) < len(self.y)
