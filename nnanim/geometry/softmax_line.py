"""The last stage: two logits become two probabilities that add up to 1.

Every point slides in a straight line from its logits ``z`` to ``softmax(z)``, which lies on the
segment ``y1 + y2 = 1`` between ``(1, 0)`` and ``(0, 1)``. The classes are separated there by the
perpendicular line ``y1 = y2`` through ``(0.5, 0.5)``.

Naming: the article counts outputs from 1, the code from 0. Output ``y1`` (column 0) is the
probability of class index 0 (the article's "class 1"), ``y2`` (column 1) that of class index 1.
So the half-plane ``y1 > y2`` is the class 0 region, ``y1 < y2`` the class 1 region; the one
palette module maps class indices to colours, and these regions take the colours of their
class index.
"""

from __future__ import annotations

import numpy as np

from nnanim.geometry.clipping import clip_line, half_plane
from nnanim.geometry.checks import check_points, check_progress
from nnanim.geometry.framing import Box
from nnanim.core.model import softmax

_BOUNDARY_NORMAL = np.array([-1.0, 1.0])
"""``y2 - y1``: positive on the class 1 side; the same line ``z1 = z2`` in the logit plane."""


def softmax_path(logits: np.ndarray, s: float) -> np.ndarray:
    """``(1 - s) z + s softmax(z)`` for logits ``(..., K)``; exact probabilities at ``s = 1``.

    Any number of classes ``K >= 2`` (for three, see ``simplex``). The softmax subtracts the
    largest logit before ``exp``, so logits of ±1e4 give 0 and 1, never NaN, and the outputs
    add up to 1 to round-off.
    """
    z = np.asarray(logits, dtype=np.float64)
    z = check_points(z, max(2, z.shape[-1] if z.ndim else 2), "logits")
    s = check_progress(s)
    y = softmax(z)
    return y if s == 1.0 else (1.0 - s) * z + s * y


def probability_segment() -> np.ndarray:
    """The segment ``y1 + y2 = 1, 0 ≤ y ≤ 1`` every point lands on, as its two end points."""
    return np.array([[1.0, 0.0], [0.0, 1.0]])


def softmax_boundary(box: Box) -> np.ndarray | None:
    """The line ``y1 = y2`` (perpendicular to the segment at ``(0.5, 0.5)``) clipped to ``box``.

    The same line separates the classes in the logit plane (``z1 = z2``). ``None`` if it misses
    the box.
    """
    return clip_line(_BOUNDARY_NORMAL, 0.0, box)


def class_regions(box: Box) -> tuple[np.ndarray, np.ndarray]:
    """Polygons ``(K, 2)`` of the class 0 side (``y1 > y2``) and class 1 side within ``box``.

    Also valid in the logit plane. A side that misses the box is an empty ``(0, 2)`` array.
    """
    return half_plane(-_BOUNDARY_NORMAL, 0.0, box), half_plane(_BOUNDARY_NORMAL, 0.0, box)
