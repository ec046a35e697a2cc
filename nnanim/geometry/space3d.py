"""Pictures of a 3-D space: the data's box, the separating plane inside it, and an orbiting camera.

A 3-wide layer (or the 3-D view of a wider one) is drawn by projecting its points onto the
screen with a camera that circles the data. Everything here is plain numpy, so what the video
shows can be checked without rendering:

* ``Box3`` / ``frame_box3`` / ``interpolate_boxes3``: the part of the space on screen, chosen
  from the data points (like ``frame_box`` in 2-D) and gliding between stages.
* ``fit_scale``: how large the box may be drawn at the camera's elevation so that no azimuth
  can push any part of it out of the window (perspective included): drifts never zoom.
* ``Orbit``: the camera, with the same ``phi`` (angle from the vertical axis), ``theta``
  (azimuth) and focal distance as manim's ``ThreeDCamera``, so the numbers mean what a manim
  user expects. ``edge_on`` turns it to look along a plane.
* ``plane_polygon``: the plane ``normal · p + offset = 0`` inside a box, as a polygon.
* ``clip_polylines3`` / ``split_by_plane``: grid lines cut to the box, and into the parts on
  either side of the plane (drawn before and after the plane, so it hides what is behind it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnanim.errors import NnanimError, check_positive_float
from nnanim.geometry.checks import check_finite_number, check_points, check_progress
from nnanim.geometry.framing import robust_range


@dataclass(frozen=True)
class Box3:
    """An axis-aligned box ``low ≤ p ≤ high`` in a 3-D space (display coordinates)."""

    low: tuple[float, float, float]
    high: tuple[float, float, float]

    def __post_init__(self) -> None:
        low = tuple(check_finite_number(v, "low") for v in self.low)
        high = tuple(check_finite_number(v, "high") for v in self.high)
        if len(low) != 3 or len(high) != 3 or not all(a < b for a, b in zip(low, high)):
            raise NnanimError(f"Box3: {self.low} .. {self.high} is not a non-empty 3-D box")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    @classmethod
    def around(cls, center: Sequence[float], size: Sequence[float]) -> "Box3":
        c, h = np.asarray(center, dtype=float), np.asarray(size, dtype=float) / 2
        return cls(tuple(c - h), tuple(c + h))

    @property
    def center(self) -> np.ndarray:
        return (np.array(self.low) + np.array(self.high)) / 2

    @property
    def size(self) -> np.ndarray:
        return np.array(self.high) - np.array(self.low)

    @property
    def radius(self) -> float:
        """Half the diagonal: the radius of the sphere through the corners."""
        return float(np.linalg.norm(self.size) / 2)

    def corners(self) -> np.ndarray:
        """``(8, 3)`` corners; corner ``k`` has ``high`` on axis ``a`` where bit ``a`` of k is 1."""
        bits = (np.arange(8)[:, None] >> np.arange(3)) & 1
        return np.where(bits == 1, np.array(self.high), np.array(self.low))

    def contains(self, points: np.ndarray) -> np.ndarray:
        p = np.asarray(points, dtype=np.float64)
        return np.all((p >= np.array(self.low)) & (p <= np.array(self.high)), axis=-1)

    def union(self, other: "Box3") -> "Box3":
        low = np.minimum(self.low, other.low)
        return Box3(tuple(low), tuple(np.maximum(self.high, other.high)))


def frame_box3(
    points: np.ndarray, coverage: float = 1.0, margin: float = 0.08, min_size: float = 0.2
) -> Box3:
    """The box to show a 3-D point cloud: ≥ ``coverage`` of the points, plus room around it.

    The margin is a share of the *largest* side on every axis, so the room around the data is
    even on screen; a flat cloud (the input plane before the lift) gets ``min_size`` of depth.
    """
    p = check_points(points, 3, "points").reshape(-1, 3)
    check_positive_float("margin", margin, allow_zero=True)
    check_positive_float("min_size", min_size)
    axis_coverage = 1.0 - (1.0 - coverage) / 3
    ranges = np.array([robust_range(p[:, axis], axis_coverage) for axis in range(3)])
    room = margin * float(np.max(ranges[:, 1] - ranges[:, 0]))
    size = np.maximum(ranges[:, 1] - ranges[:, 0] + 2 * room, min_size)
    return Box3.around(ranges.mean(axis=1), size)


def interpolate_boxes3(a: Box3, b: Box3, s: float) -> Box3:
    """The box ``s`` of the way from ``a`` to ``b``: centre linearly, sides log-linearly."""
    s = check_progress(s)
    center = (1 - s) * a.center + s * b.center
    size = np.exp((1 - s) * np.log(a.size) + s * np.log(b.size))
    return Box3.around(center, size)


def _screen_reach(extent: float, radius: float, focal_distance: float) -> float:
    """The farthest from the screen centre a point can land whose offset along one screen axis
    is at most ``extent`` and whose distance from the pivot is at most ``radius`` (model units).

    Perspective pushes a point out by ``f / (f - depth)``, and its depth is at most
    ``sqrt(radius² - offset²)``; past the point where the camera's tangent cone touches the
    sphere, the sphere's silhouette ``radius f / sqrt(f² - radius²)`` is the bound.
    """
    if math.isinf(focal_distance):
        return extent
    f = focal_distance
    touch = radius * math.sqrt(1.0 - (radius / f) ** 2)
    if extent >= touch:
        return radius * f / math.sqrt(f * f - radius * radius)
    return extent * f / (f - math.sqrt(radius * radius - extent * extent))


def fit_scale(box: Box3, half_width: float, half_height: float, phi: float,
              focal_distance: float = math.inf) -> float:
    """Scene units per data unit so that ``box``, centred at the origin, fills the window as far
    as it can while no azimuth of a camera at elevation ``phi`` pushes it out of the window.

    An ``Orbit`` keeps the screen's x axis level, so across the window the box reaches at
    most its floor radius ``ρ`` (half the diagonal of its first two sides), whatever the
    azimuth; up the window at most ``|cos φ| ρ + |sin φ| h`` (``h`` half its height). Drifting
    round (``theta``) therefore never changes the scale; only tilting does. Perspective is
    bounded with the box's enclosing sphere (``_screen_reach``).
    """
    half_width = check_positive_float("half_width", half_width)
    half_height = check_positive_float("half_height", half_height)
    across = float(np.hypot(box.size[0], box.size[1]) / 2)
    up = abs(math.cos(phi)) * across + abs(math.sin(phi)) * float(box.size[2] / 2)
    radius = box.radius

    def fits(scale: float) -> bool:
        return (_screen_reach(across * scale, radius * scale, focal_distance) <= half_width
                and _screen_reach(up * scale, radius * scale, focal_distance) <= half_height)

    # Without perspective the bound is exact; perspective only shrinks it: bisect below it.
    low, high = 0.0, min(half_width / across, half_height / up)
    if not math.isinf(focal_distance):
        high = min(high, 0.999 * focal_distance / radius)
    if fits(high):
        return high
    for _ in range(50):
        middle = (low + high) / 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low


def to_model(points: np.ndarray, box: Box3, scale: float) -> np.ndarray:
    """Data coordinates to the camera's model space: the box centre at the origin, one scale."""
    return (np.asarray(points, dtype=np.float64) - box.center) * scale


@dataclass(frozen=True)
class Orbit:
    """A camera on a sphere around the origin, looking at it (manim's ``ThreeDCamera`` angles).

    ``phi`` is the angle from the vertical (third) axis, 0 = looking straight down onto the
    first two axes as in a 2-D picture; ``theta`` is the azimuth (manim's default -90°). Screen
    "up" is the projection of the third axis. ``focal_distance`` sets the perspective (points
    nearer the camera look larger); ``math.inf`` gives a parallel projection.
    """

    phi: float
    theta: float
    focal_distance: float = 16.0

    def rotation(self) -> np.ndarray:
        """Model coordinates → camera coordinates (x right, y up, z towards the viewer)."""
        a = -self.theta - math.pi / 2
        ca, sa = math.cos(a), math.sin(a)
        turn = np.array([[ca, -sa, 0.0], [sa, ca, 0.0], [0.0, 0.0, 1.0]])
        cp, sp = math.cos(self.phi), math.sin(self.phi)
        tilt = np.array([[1.0, 0.0, 0.0], [0.0, cp, sp], [0.0, -sp, cp]])
        return tilt @ turn

    def direction(self) -> np.ndarray:
        """Unit vector from the origin towards the camera."""
        sp = math.sin(self.phi)
        return np.array([sp * math.cos(self.theta), sp * math.sin(self.theta), math.cos(self.phi)])

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Model points ``(..., 3)`` → screen offsets ``(..., 2)`` and depth (towards viewer)."""
        q = np.asarray(points, dtype=np.float64) @ self.rotation().T
        depth = q[..., 2]
        if np.any(depth >= self.focal_distance):
            raise NnanimError("project: a point lies at or behind the camera; frame it smaller")
        factor = 1.0 / (1.0 - depth / self.focal_distance)
        return q[..., :2] * factor[..., None], depth

    def magnification(self, depth: np.ndarray) -> np.ndarray:
        """How much larger than at the pivot something at ``depth`` looks (dot sizes)."""
        return 1.0 / (1.0 - np.asarray(depth, dtype=np.float64) / self.focal_distance)

    def side(self, normal: np.ndarray, offset: float) -> float:
        """Sign of ``normal · camera + offset`` (model coordinates): the side the camera is on.

        A parallel camera (infinite focal distance) is on the side its direction points to.
        """
        if math.isinf(self.focal_distance):
            return 1.0 if float(np.dot(normal, self.direction())) >= 0 else -1.0
        camera = self.direction() * self.focal_distance
        return 1.0 if float(np.dot(normal, camera) + offset) >= 0 else -1.0


def edge_on(normal: np.ndarray, camera: Orbit, offset: float = 0.0) -> Orbit:
    """The camera nearest to ``camera`` that sees the plane ``normal · m + offset = 0`` as a line.

    Model coordinates (camera pivot at the origin). A plane looks like a line exactly when the
    camera stands in it: its direction ``d`` must satisfy ``n̂ · d = -offset / (|n| f)``. Of those
    directions the one closest to the current one is taken, so the turn is the smallest that
    does it; ``theta`` continues from the current value (no spin the long way round).
    """
    n = check_points(normal, 3, "normal")
    if not np.any(n):
        raise NnanimError("normal: the zero vector does not define a plane")
    length = float(np.linalg.norm(n))
    n = n / length
    along = -check_finite_number(offset, "offset") / (length * camera.focal_distance)
    if abs(along) >= 1.0:
        raise NnanimError("edge_on: the plane passes outside the camera's sphere")
    d = camera.direction()
    d = d - (d @ n) * n
    if np.linalg.norm(d) < 1e-9:  # looking straight along the normal: any direction in the plane
        d = np.cross(n, [0.0, 0.0, 1.0]) if abs(n[2]) < 0.9 else np.cross(n, [1.0, 0.0, 0.0])
    d = along * n + math.sqrt(1.0 - along**2) * d / np.linalg.norm(d)
    phi = math.acos(float(np.clip(d[2], -1.0, 1.0)))
    theta = math.atan2(d[1], d[0])
    theta += 2 * math.pi * round((camera.theta - theta) / (2 * math.pi))
    return Orbit(phi, theta, camera.focal_distance)


def plane_polygon(normal: np.ndarray, offset: float, box: Box3) -> np.ndarray:
    """``{p in box : normal · p + offset = 0}`` as a convex polygon ``(K, 3)``, in order round it.

    ``(0, 3)`` if the plane misses the box (or only touches an edge or corner).
    """
    n = check_points(normal, 3, "normal")
    c = check_finite_number(offset, "offset")
    corners = box.corners()
    value = corners @ n + c
    # The 12 edges join corners that differ in one bit.
    edges = [(i, i | (1 << a)) for i in range(8) for a in range(3) if not i & (1 << a)]
    hits = []
    for i, j in edges:
        if value[i] == 0.0:
            hits.append(corners[i])
        if (value[i] < 0) != (value[j] < 0) and value[j] != 0.0:
            t = value[i] / (value[i] - value[j])
            hits.append(corners[i] + t * (corners[j] - corners[i]))
    if len(hits) < 3:
        return np.zeros((0, 3))
    points = np.unique(np.round(np.array(hits), 12), axis=0)
    if len(points) < 3:
        return np.zeros((0, 3))
    middle = points.mean(axis=0)
    u = points[0] - middle
    u = u / np.linalg.norm(u)
    v = np.cross(n / np.linalg.norm(n), u)
    order = np.argsort(np.arctan2((points - middle) @ v, (points - middle) @ u))
    return points[order]


def clip_polylines3(lines: Sequence[np.ndarray], box: Box3) -> list[np.ndarray]:
    """The parts of each polyline ``(S, 3)`` inside ``box``, cut exactly at its faces.

    Grid lines thrown far by large weights must neither reach the renderer nor leave the
    window; a line that leaves and re-enters becomes several pieces (Liang–Barsky per segment).
    """
    low, high = np.array(box.low), np.array(box.high)
    pieces: list[np.ndarray] = []
    for line in lines:
        line = np.asarray(line, dtype=np.float64)
        if len(line) < 2:
            continue
        p0, d = line[:-1], np.diff(line, axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            to_low, to_high = (low - p0) / d, (high - p0) / d
        enter = np.where(d > 0, to_low, np.where(d < 0, to_high, -np.inf))
        leave = np.where(d > 0, to_high, np.where(d < 0, to_low, np.inf))
        t0 = np.maximum(enter.max(axis=1), 0.0)
        t1 = np.minimum(leave.min(axis=1), 1.0)
        parallel_outside = np.any((d == 0) & ((p0 < low) | (p0 > high)), axis=1)
        visible = (t0 < t1) & ~parallel_outside
        joined = np.zeros(len(p0), dtype=bool)
        joined[1:] = visible[1:] & visible[:-1] & (t1[:-1] == 1.0) & (t0[1:] == 0.0)
        shown = np.flatnonzero(visible)
        ends = p0[shown] + t1[shown, None] * d[shown]
        starts = np.flatnonzero(~joined[shown])
        for a, b in zip(starts, [*starts[1:], len(shown)]):
            first = shown[a]
            pieces.append(np.vstack([p0[first] + t0[first] * d[first], ends[a:b]]))
    return pieces


def split_by_plane(
    lines: Sequence[np.ndarray], normal: np.ndarray, offset: float
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Cut polylines where they cross the plane: ``(negative side pieces, positive side pieces)``.

    The crossing point is shared by both pieces, so the line stays unbroken on screen.
    """
    n = check_points(normal, 3, "normal")
    negative: list[np.ndarray] = []
    positive: list[np.ndarray] = []
    for line in lines:
        line = np.asarray(line, dtype=np.float64)
        if len(line) < 2:
            continue
        value = line @ n + offset
        side = value >= 0
        cuts = np.flatnonzero(side[1:] != side[:-1])
        start, start_point = 0, line[0]
        for k in cuts:
            t = value[k] / (value[k] - value[k + 1])
            crossing = line[k] + t * (line[k + 1] - line[k])
            piece = np.vstack([start_point, line[start + 1 : k + 1], crossing])
            (positive if side[k] else negative).append(piece)
            start, start_point = k, crossing
        piece = np.vstack([start_point, line[start + 1 :]])
        if len(piece) >= 2:
            (positive if side[-1] else negative).append(piece)
    return negative, positive


def clip_polygon3(polygon: np.ndarray, box: Box3) -> np.ndarray:
    """The part of a flat convex polygon ``(K, 3)`` inside ``box``, in the same order round it.

    Sutherland–Hodgman against the six faces; ``(0, 3)`` if nothing is left. A filled shape
    (a class region of the triangle) must be cut at the box like the lines, or it would spill
    out of its window while the box is small.
    """
    points = check_points(polygon, 3, "polygon").reshape(-1, 3)
    for axis in range(3):
        for bound, sign in ((box.low[axis], 1.0), (box.high[axis], -1.0)):
            if len(points) == 0:
                return np.zeros((0, 3))
            value = sign * (points[:, axis] - bound)
            kept = []
            for k in range(len(points)):
                a, b = points[k], points[(k + 1) % len(points)]
                va, vb = value[k], value[(k + 1) % len(points)]
                if va >= 0:
                    kept.append(a)
                if (va >= 0) != (vb >= 0):
                    kept.append(a + va / (va - vb) * (b - a))
            points = np.array(kept).reshape(-1, 3)
    return points
