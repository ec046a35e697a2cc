"""How thin the warped plane is, how close a lens must look to show its grid, and lines fine
enough to be drawn that close.

A layer may squash the plane to nearly a line (E4's deep layers: the grid 0.1 % of the window
across): drawn to scale, its 20-odd grid lines merge into one grey stroke under the dots, and
the viewer cannot see that it is still a plane. A lens beside the window shows a small piece
of the same picture magnified, to scale, so the grid is seen again. This module finds how thin
the plane is where the lens looks and how strong the lens must be, and resamples lines where
the lens looks: a grid line is sampled every few pixels of the window, and magnified 200 times
the straight pieces between those samples would be drawn far off the true warped curve.
Plain numpy: ``move`` maps input points to display points at one moment of the warp.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from nnanim.geometry.framing import Box

Move = Callable[[np.ndarray], np.ndarray]
"""Input-plane points ``(N, 2)`` to display points ``(N, 2)`` at one moment of the warp."""

THIN = 0.025
"""The plane counts as squashed to nearly a line where it is thinner than this share of the
window's width (23 px at 1080p in the 6.9-unit data window)."""
FILL = 0.3
"""The share of the lens the squashed plane's width should take."""
ZOOMS = (2, 5, 10, 20, 50, 100, 200, 500, 1000)
"""Round magnifications, so the lens's label reads at a glance."""
DENSE = 200
"""Samples along each side of the input window when the plane's width is measured."""
ALONG = 0.04
"""Half the stretch of the band (share of the window's width) the width is measured over."""
FINE = 1 / 24
"""Resampled segments near the lens are at most this share of its side long."""


def jacobian(move: Move, point: np.ndarray, step: float) -> np.ndarray:
    """``d display / d input`` at ``point`` ``(2,)``, by central differences of size ``step``."""
    offsets = np.array([[step, 0.0], [-step, 0.0], [0.0, step], [0.0, -step]])
    images = move(point[None, :] + offsets)
    return np.column_stack([images[0] - images[1], images[2] - images[3]]) / (2 * step)


def plane_thickness(move: Move, point: np.ndarray, reach: Box, width: float) -> float:
    """How wide the warped plane is across, where ``point`` (input) lands, as a share of the
    window's ``width`` (display units).

    ``reach`` is sampled densely and warped; of the images lying within ``ALONG`` of the
    window's width from where ``point`` lands, measured along the band the plane has become
    (the way the Jacobian's strongest direction goes there), the extent across the band is its
    width. A plane not squashed at all is about as wide as the window (about 1).
    """
    point = np.asarray(point, dtype=np.float64)
    u, _, _ = np.linalg.svd(jacobian(move, point, 1e-6 * reach.width))
    xs = np.linspace(reach.xmin, reach.xmax, DENSE)
    ys = np.linspace(reach.ymin, reach.ymax, DENSE)
    images = move(np.vstack([point, np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)]))
    offsets = images[1:] - images[0]
    near = offsets[np.abs(offsets @ u[:, 0]) < ALONG * width]
    return float(np.ptp(near @ u[:, 1])) / width if len(near) else 0.0


def is_thin(thickness: float) -> bool:
    """Whether a plane this thick (share of the window) reads as a line when drawn to scale."""
    return thickness < THIN


def zoom_for(thickness: float) -> int:
    """The round magnification at which a plane this thick fills about ``FILL`` of the lens
    (the largest of ``ZOOMS`` not beyond it; at least the smallest)."""
    wanted = FILL / thickness if thickness > 0.0 else np.inf
    return max([z for z in ZOOMS if z <= wanted], default=ZOOMS[0])


def fade_level(on_before: bool, on_now: bool, t: float, share: float = 0.15) -> float:
    """The lens's opacity at film time ``t`` of a stage: fading in over the first ``share`` of
    the stage where it turns on, out where it turns off, steady otherwise."""
    ramp = min(max(t / share, 0.0), 1.0)
    if on_now and not on_before:
        return ramp
    if on_before and not on_now:
        return 1.0 - ramp
    return 1.0 if on_now else 0.0


def refine_near(lines: Sequence[np.ndarray], move: Move, box: Box,
                settle: Callable[[np.ndarray], np.ndarray] | None = None,
                rounds: int = 12, split: int = 4) -> list[np.ndarray]:
    """The display images of the input polylines ``lines``, resampled near ``box`` (display)
    until every segment there is at most ``FINE`` of the box's side: straight pieces drawn in
    the box then follow the true warped curves at any magnification.

    A segment counts as near if its ends' box, grown by its own length, meets ``box`` (a
    curve strays from its chord by less than the chord's length). New points are cut evenly
    in input space, which keeps a grid line exact (it is straight there); ``settle`` moves them
    back onto the curve a line follows where that is not straight (the ``p = 0.5`` boundary).
    """
    kept = [np.asarray(line, dtype=np.float64)[:, :2] for line in lines if len(line) >= 2]
    if not kept:
        return []
    inputs = np.concatenate(kept)
    which = np.repeat(np.arange(len(kept)), [len(line) for line in kept])
    images = move(inputs)
    limit = FINE * box.width
    fractions = np.arange(1, split) / split
    for _ in range(rounds):
        a, b = images[:-1], images[1:]
        length = np.linalg.norm(b - a, axis=1)
        low = np.minimum(a, b) - length[:, None]
        high = np.maximum(a, b) + length[:, None]
        cut = ((which[:-1] == which[1:]) & (length > limit)
               & (low[:, 0] <= box.xmax) & (high[:, 0] >= box.xmin)
               & (low[:, 1] <= box.ymax) & (high[:, 1] >= box.ymin))
        if not cut.any():
            break
        first = np.flatnonzero(cut)
        added = (inputs[first, None, :]
                 + fractions[None, :, None] * (inputs[first + 1] - inputs[first])[:, None, :])
        added = added.reshape(-1, 2)
        if settle is not None:
            added = settle(added)
        at = np.repeat(first + 1, split - 1)
        inputs = np.insert(inputs, at, added, axis=0)
        images = np.insert(images, at, move(added), axis=0)
        which = np.insert(which, at, which[first].repeat(split - 1))
    return np.split(images, np.flatnonzero(np.diff(which)) + 1)


def onto_zero_set(margin: Callable[[np.ndarray], np.ndarray], step: float,
                  steps: int = 3) -> Callable[[np.ndarray], np.ndarray]:
    """Newton steps that move input points onto the zero set of ``margin`` (``z2 - z1``: the
    decision boundary), gradients by central differences of size ``step``."""
    def settle(points: np.ndarray) -> np.ndarray:
        p = np.asarray(points, dtype=np.float64).copy()
        for _ in range(steps):
            dx = (margin(p + [step, 0.0]) - margin(p - [step, 0.0])) / (2 * step)
            dy = (margin(p + [0.0, step]) - margin(p - [0.0, step])) / (2 * step)
            norm = dx**2 + dy**2
            safe = norm > 1e-300
            shift = np.where(safe, margin(p) / np.where(safe, norm, 1.0), 0.0)
            p -= shift[:, None] * np.column_stack([dx, dy])
        return p

    return settle
