"""Which part of a space is on screen, and where it goes on screen.

A stage's view box is chosen from the data points only (never the grid: large weights can
throw grid lines arbitrarily far, and those are clipped by the drawer instead). It is robust:
a handful of far outliers cannot shrink the cloud to a dot. Between stages the box glides,
centre linearly and size log-linearly, so zooming by 10× feels as even as zooming by 2×.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnanim.errors import NnanimError, check_positive_float
from nnanim.geometry.checks import check_finite_number, check_progress


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle ``xmin ≤ x ≤ xmax, ymin ≤ y ≤ ymax`` in some coordinates."""

    xmin: float
    xmax: float
    ymin: float
    ymax: float

    def __post_init__(self) -> None:
        for name in ("xmin", "xmax", "ymin", "ymax"):
            object.__setattr__(self, name, check_finite_number(getattr(self, name), name))
        if not (self.xmin < self.xmax and self.ymin < self.ymax):
            raise NnanimError(
                f"Box: ({self.xmin}, {self.xmax}, {self.ymin}, {self.ymax}) is empty; "
                f"need xmin < xmax and ymin < ymax"
            )

    @classmethod
    def around(cls, center: Sequence[float], width: float, height: float) -> "Box":
        """The box of the given size centred on ``center``."""
        cx, cy = center
        return cls(cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2)

    @property
    def width(self) -> float:
        return self.xmax - self.xmin

    @property
    def height(self) -> float:
        return self.ymax - self.ymin

    @property
    def center(self) -> np.ndarray:
        return np.array([(self.xmin + self.xmax) / 2, (self.ymin + self.ymax) / 2])

    @property
    def aspect(self) -> float:
        """Width over height (16/9 for a full 1080p frame)."""
        return self.width / self.height

    def contains(self, points: np.ndarray) -> np.ndarray:
        """Boolean mask over points ``(..., ≥2)``: which lie in the box (edges included)."""
        p = np.asarray(points, dtype=np.float64)
        return (
            (p[..., 0] >= self.xmin) & (p[..., 0] <= self.xmax)
            & (p[..., 1] >= self.ymin) & (p[..., 1] <= self.ymax)
        )

    def padded(self, fraction: float) -> "Box":
        """Grown on every side by ``fraction`` of its width (left/right) and height (top/bottom)."""
        dx, dy = fraction * self.width, fraction * self.height
        return Box(self.xmin - dx, self.xmax + dx, self.ymin - dy, self.ymax + dy)

    def with_aspect(self, aspect: float) -> "Box":
        """The smallest box with this width/height ratio that contains this one, same centre."""
        width = max(self.width, aspect * self.height)
        return Box.around(self.center, width, width / aspect)

    def union(self, other: "Box") -> "Box":
        return Box(
            min(self.xmin, other.xmin), max(self.xmax, other.xmax),
            min(self.ymin, other.ymin), max(self.ymax, other.ymax),
        )

    def corners(self) -> np.ndarray:
        """``(4, 2)`` corners, counter-clockwise from the lower left."""
        x0, x1, y0, y1 = self.xmin, self.xmax, self.ymin, self.ymax
        return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])


def robust_range(values: np.ndarray, coverage: float = 0.98) -> tuple[float, float]:
    """``(lo, hi)`` holding at least ``coverage`` of ``values``, trimming equal tails."""
    values = np.asarray(values, dtype=np.float64).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise NnanimError("values: need at least one finite number to frame")
    if not 0.0 < coverage <= 1.0:
        raise NnanimError(f"coverage: {coverage!r} is not in (0, 1]")
    tail = (1.0 - coverage) / 2
    # 'lower'/'higher' pick actual data values, so at most a `tail` share lies beyond each.
    lo = float(np.quantile(values, tail, method="lower"))
    hi = float(np.quantile(values, 1.0 - tail, method="higher"))
    return lo, hi


def frame_box(
    points: np.ndarray,
    coverage: float = 0.98,
    margin: float = 0.1,
    min_size: float = 1.0,
    aspect: float | None = None,
) -> Box:
    """A view box for a point cloud: ≥ ``coverage`` of the points inside, plus breathing room.

    Each axis trims the same small share from both ends, so the four trimmed tails add up to at
    most ``1 - coverage``: each side may ignore ``(1 - coverage) / 4`` of the points (with 400
    points and 98 %, one far outlier per side; more are framed, the guarantee comes first).
    Quantiles move continuously with the points, so the box never jumps. Then the box grows by
    ``margin`` of its size on every side, to at least ``min_size`` in each direction, and to the
    ``aspect`` ratio if given (16/9 for a full frame). Uses the first two columns, so 3-D
    display points frame their x-y footprint.
    """
    p = np.asarray(points, dtype=np.float64)
    if p.ndim != 2 or p.shape[1] not in (2, 3):
        raise NnanimError(f"points: shape {p.shape} is not (N, 2) or (N, 3)")
    if not 0.0 < coverage <= 1.0:
        raise NnanimError(f"coverage: {coverage!r} is not in (0, 1]")
    check_positive_float("min_size", min_size)
    check_positive_float("margin", margin, allow_zero=True)
    if aspect is not None:
        check_positive_float("aspect", aspect)
    axis_coverage = 1.0 - (1.0 - coverage) / 2
    (x0, x1), (y0, y1) = robust_range(p[:, 0], axis_coverage), robust_range(p[:, 1], axis_coverage)
    dx, dy = margin * (x1 - x0), margin * (y1 - y0)
    width = max(x1 - x0 + 2 * dx, min_size)
    height = max(y1 - y0 + 2 * dy, min_size)
    box = Box.around(((x0 + x1) / 2, (y0 + y1) / 2), width, height)
    return box if aspect is None else box.with_aspect(aspect)


def data_view(points: np.ndarray, aspect: float = 1.0) -> Box:
    """The input plane's view: every data point, a little room around, at ``aspect``.

    The training window, the warp's first frame and the comparison windows all frame the data
    this way, so the same data set always appears at the same size.
    """
    return frame_box(points, coverage=1.0, margin=0.08, aspect=aspect)


def interpolate_boxes(a: Box, b: Box, s: float) -> Box:
    """The box ``s`` of the way from ``a`` to ``b``: centre linearly, size log-linearly."""
    s = check_progress(s)
    center = (1 - s) * a.center + s * b.center
    width = math.exp((1 - s) * math.log(a.width) + s * math.log(b.width))
    height = math.exp((1 - s) * math.log(a.height) + s * math.log(b.height))
    return Box.around(center, width, height)


def to_scene(points: np.ndarray, box: Box, rect: Box) -> np.ndarray:
    """Map data coordinates in ``box`` to scene coordinates in the scene's ``rect``.

    One scale for both axes (the largest that fits ``box`` into ``rect``, centred), because a
    rotation must still look like a rotation. A third column (3-D display points) is scaled by
    the same factor; the result is always ``(..., 3)``, as manim wants points.
    """
    p = np.asarray(points, dtype=np.float64)
    if p.ndim < 1 or p.shape[-1] not in (2, 3):
        raise NnanimError(f"points: shape {p.shape} does not end in 2 or 3 coordinates")
    scale = min(rect.width / box.width, rect.height / box.height)
    out = np.zeros(p.shape[:-1] + (3,))
    out[..., :2] = rect.center + (p[..., :2] - box.center) * scale
    if p.shape[-1] == 3:
        out[..., 2] = p[..., 2] * scale
    return out


def clip_polylines(lines: Sequence[np.ndarray], box: Box) -> list[np.ndarray]:
    """The parts of each polyline ``(S, 2)`` inside ``box``, cut exactly at the box's edges.

    A line that leaves and re-enters the box becomes several pieces. Used by the drawer so grid
    lines thrown far away by large weights neither drive the framing nor reach the renderer.
    """
    pieces = [np.asarray(line, dtype=np.float64)[:, :2] for line in lines]
    pieces = [line for line in pieces if len(line) >= 2]
    if not pieces:
        return []
    vertices = np.concatenate(pieces)
    # Segment k joins vertex k to k + 1; drop the ones that would join two different lines.
    first = np.zeros(len(vertices) - 1, dtype=bool)
    first[np.cumsum([0] + [len(line) for line in pieces[:-1]])] = True
    last_vertex = np.cumsum([len(line) for line in pieces]) - 1
    real = np.ones(len(vertices) - 1, dtype=bool)
    real[last_vertex[:-1]] = False
    p0, d = vertices[:-1][real], np.diff(vertices, axis=0)[real]
    first = first[real]
    # Liang–Barsky: each box edge bounds the visible parameter range [t0, t1] of a segment.
    t0, t1 = np.zeros(len(p0)), np.ones(len(p0))
    parallel_outside = np.zeros(len(p0), dtype=bool)
    edges = (
        (-d[:, 0], p0[:, 0] - box.xmin),
        (d[:, 0], box.xmax - p0[:, 0]),
        (-d[:, 1], p0[:, 1] - box.ymin),
        (d[:, 1], box.ymax - p0[:, 1]),
    )
    for direction, room in edges:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = room / direction
        t0 = np.where(direction < 0, np.maximum(t0, ratio), t0)
        t1 = np.where(direction > 0, np.minimum(t1, ratio), t1)
        parallel_outside |= (direction == 0) & (room < 0)
    visible = (t0 < t1) & ~parallel_outside
    joined = np.zeros(len(p0), dtype=bool)
    joined[1:] = visible[:-1] & (t1[:-1] == 1.0) & (t0[1:] == 0.0) & ~first[1:]
    index = np.flatnonzero(visible)
    if index.size == 0:
        return []
    starts = ~joined[index]
    counts = 1 + starts
    ends = np.cumsum(counts) - 1
    out = np.empty((int(counts.sum()), 2))
    out[ends] = p0[index] + t1[index, None] * d[index]
    out[ends[starts] - 1] = p0[index[starts]] + t0[index[starts], None] * d[index[starts]]
    return np.split(out, (ends - counts + 1)[starts][1:])
