"""A window onto a 3-D space of the network, seen by a slowly orbiting camera.

Why not manim's ``ThreeDScene``? Its camera would force every lecture that shows a 3-D moment
to give up ``RasterCamera`` (the fast heatmaps of the training chapter), it sorts whole
mobjects by depth (a translucent plane cannot sit *between* the dots behind it and the dots in
front), and 400 ``Dot3D``s are far too slow. Measured on this machine (1080p60, 240 frames,
28 warped grid lines and 400 dots, camera turning): ``ThreeDCamera`` with dots projected
through ``camera.project_points`` 16.4 s of CPU, our own projection 15.2 s. Same cost, so the
choice is made on the points above: ``SpaceView`` projects everything itself with
``nnanim.geometry.space3d.Orbit`` (manim's camera formula, same angles), and draws flat
``DotCloud2D``s and ``Polylines``. It works in any 2-D scene, and every text is fixed in the
frame because nothing else moves it.

Dots shrink in dense clouds (``density_radius``), as in ``PlaneView``.

Depth is shown three ways: perspective (near things larger), dots sorted into depth bands
that fade towards the background with distance, and the separating plane drawn between the
dots behind it and the dots in front of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from manim import Group, MathTex, Mobject, Polygon, VGroup

from nnanim.palette import (
    BACKGROUND, CLASS_COLORS, FINAL_BOUNDARY, GRID, INK, MUTED, SOFTMAX_BOUNDARY, hex_to_rgb,
)
from nnanim.anim.films import Frame, Plane
from nnanim.anim.plane import DASH, DASH_GAP, dashed
from nnanim.anim.shapes import DotCloud2D, Polylines
from nnanim.geometry.density import density_radius
from nnanim.geometry.framing import Box
from nnanim.geometry.space3d import (
    Box3, Orbit, clip_polylines3, fit_scale, plane_polygon, split_by_plane, to_model,
)

FOCAL_DISTANCE = 20.0
"""Scene units from the camera to the pivot: mild perspective, manim's default."""
DEPTH_BANDS = 5
FAR_FADE = 0.6
"""Share of background colour mixed into the farthest dots; dots nearer than the pivot keep
their colour, so a flat picture seen from the front looks exactly like a 2-D one."""
PLANE_FILL = 0.16
"""Fill opacity of the separating plane when fully shown (its outline is opaque)."""
LABEL_ROOM = 0.35
"""Scene units kept free inside the window for axis labels and dot radii."""
LABEL_OFFSET = 0.2
"""Scene units from an axis's end to its name (at least: further out if data lie there)."""
LABEL_HALO = 6.0
"""Stroke width of the background-coloured outline round an axis name's letters: a grid line
or the plane's edge passing under a name stops short of them, so they stay readable."""
LABEL_CLEARANCE = 0.04
"""Scene units kept between an axis name and the nearest dot."""

FROM_ABOVE = Orbit(0.0, -math.pi / 2, FOCAL_DISTANCE)
"""Looking straight down: the first two axes exactly as a 2-D picture shows them."""
OBLIQUE = Orbit(math.radians(62), math.radians(-62), FOCAL_DISTANCE)
"""The working view: high enough to see the floor, low enough to see height."""


def axis_label(name: str) -> MathTex:
    """An axis name (TeX), outlined in the background colour so lines under it stop short."""
    label = MathTex(name, color=MUTED, font_size=30)
    return label.set_stroke(BACKGROUND, width=LABEL_HALO, background=True)


def mixed(color: str, other: str, amount: float) -> str:
    """``color`` with ``amount`` (0..1) of ``other`` mixed in."""
    rgb = (1 - amount) * np.array(hex_to_rgb(color)) + amount * np.array(hex_to_rgb(other))
    return "#" + "".join(f"{round(255 * c):02X}" for c in rgb)


def orbit_between(start: Orbit, end: Orbit, t: float) -> Orbit:
    """The camera a share ``t`` of the way from ``start`` to ``end`` (angles move linearly)."""
    return Orbit(start.phi + t * (end.phi - start.phi),
                 start.theta + t * (end.theta - start.theta), end.focal_distance)


def turned(camera: Orbit, degrees: float) -> Orbit:
    """The same camera moved ``degrees`` round the vertical axis (a drift, for parallax)."""
    return Orbit(camera.phi, camera.theta + math.radians(degrees), camera.focal_distance)


@dataclass
class DepthDots:
    """One class's dots at one depth band on one side of the plane, drawn as one VMobject."""

    cloud: DotCloud2D
    band: int
    label: int
    in_front: bool


class SpaceView(Group):
    """Axes, grid, the data and a separating plane in 3-D, projected into the window ``rect``.

    ``show`` takes display coordinates (3 columns) and the data's ``Box3``; the box is scaled
    by ``fit_scale`` to fill ``rect`` at the camera's elevation, so that no drift round the
    vertical axis can push anything out of it.

    Seen ``FROM_ABOVE`` a point's height does not show; from the ``OBLIQUE`` working view a
    point above the floor is drawn higher up the window:

    >>> view = SpaceView(Box(-4.0, 4.0, -3.0, 3.0))
    >>> cube = Box3((-1.0, -1.0, -1.0), (1.0, 1.0, 1.0))
    >>> points, labels = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 1.0]]), np.array([0, 1])
    >>> _ = view.show(cube, FROM_ABOVE, points, labels)
    >>> origin, above = view.scene_points(points)
    >>> bool(np.allclose(origin, above))  # one spot on the screen
    True
    >>> _ = view.show(cube, OBLIQUE, points, labels)
    >>> drawn = np.concatenate([part.cloud.dot_centers() for part in view.dots if part.label == 1])
    >>> print(drawn[:, 1].round(2))  # the point above the origin, drawn 1.47 up the window
    [1.47]
    """

    def __init__(self, rect: Box, axis_names: Sequence[str] = ("h_1", "h_2", "h_3"),
                 dot_radius: float = 0.06, dashed_boundary: bool = True,
                 camera: Orbit = FROM_ABOVE, plane_opacity: float = 1.0) -> None:
        super().__init__()
        self.rect = rect
        self.half_size = (rect.width / 2 - LABEL_ROOM, rect.height / 2 - LABEL_ROOM)
        self.dot_radius = dot_radius
        self.dashed_boundary = dashed_boundary
        self.box = Box3((-1.0, -1.0, -1.0), (1.0, 1.0, 1.0))
        self.camera = camera
        """Where the camera is now: ``show_frame`` draws from here, a turn moves it."""
        self.underlay = VGroup()
        """Shapes drawn under everything (the softmax class regions)."""
        self.axes = Polylines(stroke_color=MUTED, stroke_width=2.0)
        self.axis_labels = VGroup(*[axis_label(name) for name in axis_names])
        self._label_shown = [True] * len(axis_names)
        self._label_shapes = [_shape(label) for label in self.axis_labels]
        self.grid_behind = Polylines(stroke_color=GRID, stroke_width=1.0, stroke_opacity=0.75)
        self.grid_in_front = Polylines(stroke_color=GRID, stroke_width=1.0, stroke_opacity=0.75)
        self.plane = Polygon(*[[0, 0, 0]] * 3, stroke_color=SOFTMAX_BOUNDARY, stroke_width=2.5,
                             fill_color=SOFTMAX_BOUNDARY, fill_opacity=PLANE_FILL)
        self.show_plane(plane_opacity)
        self.final_boundary = Polylines(stroke_color=FINAL_BOUNDARY, stroke_width=3.0)
        self.dots: list[DepthDots] = []
        layers: dict[bool, list[DotCloud2D]] = {False: [], True: []}
        middles = np.linspace(-1, 1, 2 * DEPTH_BANDS + 1)[1::2]
        for in_front in (False, True):
            for band in range(DEPTH_BANDS):
                fade = FAR_FADE * max(0.0, -float(middles[band]))
                for label, color in enumerate(CLASS_COLORS):
                    # A darker rim, not a white one: saturated tanh units stack many dots on
                    # one spot, and a pile of white rims reads as a pale, faded dot.
                    rim = mixed(color, INK, 0.35)
                    cloud = DotCloud2D(np.zeros((0, 3)), radius=dot_radius,
                                       color=mixed(color, BACKGROUND, fade),
                                       stroke_color=mixed(rim, BACKGROUND, fade))
                    self.dots.append(DepthDots(cloud, band, label, in_front))
                    layers[in_front].append(cloud)
        self.add(self.underlay, self.axes, self.grid_behind, *layers[False], self.plane,
                 self.final_boundary, self.grid_in_front, *layers[True], self.axis_labels)

    def show_plane(self, opacity: float) -> None:
        """How much of the separating plane shows (0 hidden, 1 fully)."""
        self.plane.set_fill(opacity=PLANE_FILL * opacity).set_stroke(opacity=opacity)

    def name_axes(self, names: Sequence[str]) -> None:
        """Rename the axes (e.g. hidden units → logits once the output layer has moved the data)."""
        for axis, (label, name) in enumerate(zip(self.axis_labels, names)):
            label.become(axis_label(name).move_to(label))
            label.set_opacity(1.0 if self._label_shown[axis] else 0.0)
            self._label_shapes[axis] = _shape(label)

    # --- from the data's space to the screen ----------------------------------------------

    @property
    def data_scale(self) -> float:
        """Scene units per data unit for the current box and camera elevation."""
        return fit_scale(self.box, *self.half_size, self.camera.phi, self.camera.focal_distance)

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Display points ``(N, 2 or 3)`` → scene points ``(N, 3)`` on the screen, and depth."""
        p = np.asarray(points, dtype=np.float64).reshape(-1, np.shape(points)[-1])
        if p.shape[1] == 2:
            p = np.column_stack([p, np.zeros(len(p))])
        xy, depth = self.camera.project(to_model(p, self.box, self.data_scale))
        return np.column_stack([xy + self.rect.center, np.zeros(len(xy))]), depth

    def scene_points(self, points: np.ndarray) -> np.ndarray:
        """Display points to scene points (the name ``PlaneView`` uses, for shared overlays)."""
        return self.project(points)[0]

    def _lines(self, lines: Sequence[np.ndarray]) -> list[np.ndarray]:
        return [self.scene_points(line) for line in lines if len(line) >= 2]

    # --- one frame ------------------------------------------------------------------------

    def show(
        self,
        box: Box3,
        camera: Orbit,
        points: np.ndarray | None = None,
        labels: np.ndarray | None = None,
        grid: Sequence[np.ndarray] | None = None,
        plane: Plane | None = None,
        final_boundary: Sequence[np.ndarray] | None = None,
    ) -> "SpaceView":
        """Draw one frame; ``None`` leaves a part as it is (``plane=None`` hides the plane)."""
        self.box, self.camera = box, camera
        # The side of the plane the camera is on: what lies on the other side is drawn first.
        far_side = self._far_side(plane)
        ends = self._show_axes()
        if points is not None and labels is not None:
            self._show_dots(points, labels, plane, far_side)
        self._place_axis_labels(ends)
        if grid is not None:
            inside = clip_polylines3(grid, box)
            if plane is None:
                behind, in_front = [], inside
            else:
                negative, positive = split_by_plane(inside, *plane)
                behind, in_front = (negative, positive) if far_side < 0 else (positive, negative)
            self.grid_behind.set_lines(self._lines(behind))
            self.grid_in_front.set_lines(self._lines(in_front))
        polygon = np.zeros((0, 3)) if plane is None else plane_polygon(*plane, box)
        if len(polygon) >= 3:
            corners = self.scene_points(polygon)
            self.plane.set_points_as_corners([*corners, corners[0]])
        else:
            self.plane.clear_points()
        if final_boundary is not None:
            lines = self._lines(clip_polylines3(final_boundary, box))
            self.final_boundary.set_lines(dashed(lines, DASH, DASH_GAP) if self.dashed_boundary
                                          else lines)
        return self

    def show_frame(self, frame: Frame, labels: np.ndarray, camera: Orbit | None = None,
                   ) -> "SpaceView":
        """Draw a film's frame from ``camera`` (by default where the camera is now)."""
        return self.show(frame.box, self.camera if camera is None else camera, frame.points,
                         labels, frame.grid, frame.plane, frame.final_boundary)

    def model_offset(self, plane: Plane) -> float:
        """The plane's offset in the camera's model space (same normal): for ``edge_on``."""
        normal, offset = plane
        # normal · (m / scale + centre) + offset = 0, multiplied by the scale.
        return self.data_scale * (float(normal @ self.box.center) + offset)

    def _far_side(self, plane: Plane | None) -> float:
        """+1 or -1: the sign of ``normal · p + offset`` on the side away from the camera."""
        if plane is None:
            return 0.0
        return -self.camera.side(plane[0], self.model_offset(plane))

    def _show_dots(self, points: np.ndarray, labels: np.ndarray, plane: Plane | None,
                   far_side: float) -> None:
        points = np.asarray(points, dtype=np.float64)
        if points.shape[1] == 2:
            points = np.column_stack([points, np.zeros(len(points))])
        # Only what lies in the box is drawn: the scale keeps the box, not more, in the window.
        inside = self.box.contains(points)
        points, labels = points[inside], np.asarray(labels)[inside]
        screen, depth = self.project(points)
        radius = density_radius(screen, self.rect, self.dot_radius)
        reach = self.data_scale * self.box.radius
        edges = np.linspace(-reach, reach, DEPTH_BANDS + 1)
        band = np.clip(np.searchsorted(edges, depth) - 1, 0, DEPTH_BANDS - 1)
        if plane is None:
            in_front = np.ones(len(points), dtype=bool)
        else:
            normal, offset = plane
            in_front = np.where(points @ normal + offset >= 0, 1.0, -1.0) != far_side
        for part in self.dots:
            chosen = (labels == part.label) & (band == part.band) & (in_front == part.in_front)
            middle = (edges[part.band] + edges[part.band + 1]) / 2
            part.cloud.dot_radius = radius * float(self.camera.magnification(middle))
            part.cloud.move_dots(screen[chosen])

    def _show_axes(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """The three axes through the origin, cut to the box; returns where each axis to be
        named ends on screen and which way it points there.

        An axis that misses the box (the data moved away from the origin) is not drawn.
        """
        low, high = np.array(self.box.low), np.array(self.box.high)
        lines = []
        ends_of: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for axis, label in enumerate(self.axis_labels):
            others = np.arange(3) != axis
            crosses = bool(np.all(low[others] <= 0) and np.all(high[others] >= 0)
                           and high[axis] > 0)
            named = False
            if crosses:
                span = np.zeros((2, 3))
                span[:, axis] = low[axis], high[axis]
                lines.append(span)
                ends = self.scene_points(span)
                along = ends[1] - ends[0]
                # An axis pointing at the viewer is a dot on screen: no room for its name.
                named = float(np.linalg.norm(along)) > 0.6
                if named:
                    ends_of[axis] = (ends[1][:2], along[:2] / np.linalg.norm(along[:2]))
            if not named:  # hidden: parked at the origin, not left wherever it was last drawn
                self._place_label(axis, np.zeros(3))
            if named != self._label_shown[axis]:
                label.set_opacity(1.0 if named else 0.0)
                self._label_shown[axis] = named
        self.axes.set_lines(self._lines(lines))
        return ends_of

    def _place_label(self, axis: int, centre: np.ndarray) -> None:
        """Centre axis name ``axis`` on ``centre``, from its shape (``_shape``): the same
        place however often it moved before, so a play taken from manim's cache leaves the
        scene exactly as drawing it would (``move_to`` adds each move's rounding)."""
        for part, shape in self._label_shapes[axis]:
            part.points = shape + centre

    def _place_axis_labels(self, ends: dict[int, tuple[np.ndarray, np.ndarray]]) -> None:
        """Each axis name beyond its axis's end, pushed further out until no dot (nor a name
        placed before it) lies under it, but not out of the window.

        A dot at ``p`` keeps a name centred at ``end + t·d`` off only if ``t`` exceeds the
        dot's reach along ``d``; a dot beside the name's path asks less the further aside it
        is, so the name glides as dots move instead of jumping. (The name's box is bounded by
        the rectangle along ``d`` and across it, so clearing that clears the box.)
        """
        clouds = [part.cloud for part in self.dots if len(part.cloud.points)]
        centers = [cloud.dot_centers()[:, :2] for cloud in clouds]
        reach = [np.full(len(c), cloud.drawn_radius() * math.sqrt(2)) for c, cloud
                 in zip(centers, clouds)]
        for axis, (end, d) in ends.items():
            label = self.axis_labels[axis]
            half = np.array([label.width, label.height]) / 2
            n = np.array([-d[1], d[0]])
            along, aside = float(np.abs(d) @ half), float(np.abs(n) @ half)
            points = np.concatenate([np.zeros((0, 2)), *centers])
            radii = np.concatenate([np.zeros(0), *reach])
            offset = points - end
            beside = np.maximum(np.abs(offset @ n) - aside - radii, 0.0)
            needed = offset @ d + radii + along + LABEL_CLEARANCE - 4.0 * beside
            t = max(LABEL_OFFSET, float(needed.max(initial=-np.inf)))
            # Not out of the window: the furthest the centre may go along d.
            room = np.array([self.rect.xmax, self.rect.ymax]) - half - end
            back = end - np.array([self.rect.xmin, self.rect.ymin]) - half
            limits = [room[k] / d[k] if d[k] > 1e-9 else back[k] / -d[k] if d[k] < -1e-9
                      else np.inf for k in range(2)]
            t = max(min(t, *limits), 0.0)
            self._place_label(axis, np.array([*(end + t * d), 0.0]))
            centers.append(label.get_center()[None, :2])
            reach.append(np.array([float(np.hypot(*half))]))


def _shape(mobject: Mobject) -> list[tuple[Mobject, np.ndarray]]:
    """Every part's points about ``mobject``'s centre (see ``SpaceView._place_label``)."""
    centre = mobject.get_center()
    return [(part, part.points - centre) for part in mobject.get_family()]
