"""Films: for one set of weights, every frame of the warp as arrays, ready for a view to draw.

Points, grid lines and the final decision boundary all move through the same
``nnanim.geometry.Warp``, one stage at a time (``W``, then ``+ b``, then the activation), and
the view box glides with them.

* ``NetworkFilm``  2-D frames for a ``PlaneView`` (a wide layer is seen through the plane the
  next layer reads); the softmax stage ends on the unit square around ``y1 + y2 = 1``
* ``LiftFilm``     3-D frames for a ``SpaceView``: a layer of 3 units lifts the plane into 3-D,
  a wider one is seen through the 3-D view the network itself chooses (``wide_view=3``: the 2
  directions the output layer reads plus the strongest remaining one); there the output
  layer's boundary is exactly a flat plane (``equal_logit_plane``)

Both answer ``frame(layer, stage, s) -> Frame``, which is all a ``StagePlayer`` asks of a film.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from nnanim.anim.layout import WINDOW, data_box
from nnanim.geometry.boundary import decision_boundary
from nnanim.geometry.stages import Warp, equal_logit_plane
from nnanim.geometry.framing import Box, frame_box, interpolate_boxes
from nnanim.geometry.grid import grid_lines
from nnanim.geometry.space3d import Box3, frame_box3, interpolate_boxes3
from nnanim.model import Architecture, Params

Plane = tuple[np.ndarray, float]
"""``(normal, offset)``: the points ``p`` with ``normal · p + offset = 0``."""

GRID_LINES = 14
GRID_SAMPLES = 150
BOUNDARY_RESOLUTION = 240
SOFTMAX_BOX = Box(-0.35, 1.35, -0.35, 1.35)
"""Where the softmax stage ends: the unit square around the segment y1 + y2 = 1."""

LIFT_GRID_LINES = 10
LIFT_GRID_SAMPLES = 120
LIFT_BOUNDARY_RESOLUTION = 200
SOFTMAX_BOX3 = Box3((-0.35, -0.35, -0.1), (1.35, 1.35, 0.1))
"""Where the softmax stage ends in 3-D: the unit square around ``y1 + y2 = 1``, flat."""


@dataclass(frozen=True)
class Frame:
    """One frame of a film, in the display coordinates of the stage it shows.

    ``box`` is the view box (``Box`` for a plane, ``Box3`` for a space); ``plane`` is the output
    layer's separating plane where a 3-D film shows it, else None.
    """

    box: Box | Box3
    points: np.ndarray
    grid: list[np.ndarray]
    final_boundary: list[np.ndarray]
    plane: Plane | None = None

    @property
    def flat_box(self) -> Box:
        """The box's first two axes (where the softmax picture is drawn)."""
        if isinstance(self.box, Box):
            return self.box
        return Box(self.box.low[0], self.box.high[0], self.box.low[1], self.box.high[1])


class Film(Protocol):
    """What a ``StagePlayer`` plays: a warp and its frames."""

    warp: Warp

    def frame(self, layer: int, stage: str, s: float) -> Frame: ...


def _moved_lines(move, lines: list[np.ndarray]) -> list[np.ndarray]:
    """Move many polylines with one call of ``move`` (points → points)."""
    if not lines:
        return []
    moved = move(np.concatenate(lines))
    return np.split(moved, np.cumsum([len(line) for line in lines])[:-1])


class NetworkFilm:
    """Every 2-D frame of the warp, for one set of weights."""

    def __init__(self, params: Params, arch: Architecture, X: np.ndarray,
                 aspect: float = WINDOW.aspect) -> None:
        self.arch = arch
        self.X = X
        self.aspect = aspect
        self.warp = Warp(params, arch, reference=X, wide_view=2)
        self.input_box = data_box(X)
        reach = self.input_box.padded(0.25)
        self.grid = list(grid_lines(reach, target_lines=GRID_LINES, samples=GRID_SAMPLES).lines)
        self.boundary = decision_boundary(params, arch, reach, BOUNDARY_RESOLUTION)

    def box(self, layer: int, stage: str, s: float) -> Box:
        if stage == "softmax":
            # Glide to the unit square around y1 + y2 = 1, grown wherever the points are on the
            # way (with huge logits they travel far outside both ends' boxes).
            start = self.warp.box(self.X, layer, stage, 0.0, aspect=self.aspect)
            glide = interpolate_boxes(start, SOFTMAX_BOX.with_aspect(self.aspect), s)
            if s in (0.0, 1.0):
                return glide
            now = frame_box(self.points(self.X, layer, stage, s), aspect=self.aspect)
            return glide.union(now).with_aspect(self.aspect)
        return self.warp.box(self.X, layer, stage, s, aspect=self.aspect)

    def points(self, points: np.ndarray, layer: int, stage: str, s: float) -> np.ndarray:
        """Display coordinates; a flip is shown as the plane turning over, seen from above."""
        path = self.warp.path(layer)
        if stage == "linear" and path.flips and path.in_dim == 2 and self.warp.display_dim(layer) == 2:
            segment = path.segment_at(s)
            if segment.name == "flip" and 0.0 < s < 1.0:
                start = self.warp.display(points, layer, "linear", 0.0)
                return path.flip_turn(start, segment.progress(s))[..., :2]
        return self.warp.display(points, layer, stage, s)[..., :2]

    def frame(self, layer: int, stage: str, s: float) -> Frame:
        def move(points: np.ndarray) -> np.ndarray:
            return self.points(points, layer, stage, s)

        return Frame(
            box=self.box(layer, stage, s),
            points=move(self.X),
            grid=_moved_lines(move, self.grid),
            final_boundary=_moved_lines(move, self.boundary),
        )


class LiftFilm:
    """Every 3-D frame of the warp, for one set of weights (display coordinates, 3 columns).

    ``reach`` is the part of the input plane whose grid and ``p = 0.5`` curves ride along
    (by default the data's window with a quarter more room); ``boundary`` replaces those
    curves when a scene already has them (the same curves as a window beside it).
    """

    def __init__(self, params: Params, arch: Architecture, X: np.ndarray,
                 reach: Box | None = None, boundary: list[np.ndarray] | None = None) -> None:
        self.arch = arch
        self.X = np.asarray(X, dtype=np.float64)
        self.warp = Warp(params, arch, reference=self.X, wide_view=3)
        reach = data_box(self.X).padded(0.25) if reach is None else reach
        self.grid = list(grid_lines(reach, target_lines=LIFT_GRID_LINES,
                                    samples=LIFT_GRID_SAMPLES).lines)
        self.boundary = (decision_boundary(params, arch, reach, LIFT_BOUNDARY_RESOLUTION)
                         if boundary is None else boundary)
        normal, offset = equal_logit_plane(self.warp)
        self.plane: Plane = (np.pad(normal, (0, 3 - len(normal))), offset)
        """The output layer's boundary in the last hidden space (display coordinates)."""
        self.last = arch.n_layers - 1

    def points(self, points: np.ndarray, layer: int, stage: str, s: float) -> np.ndarray:
        """Display coordinates with 3 columns (a flat space is the floor, third coordinate 0)."""
        shown = self.warp.display(points, layer, stage, s)
        if shown.shape[-1] == 3:
            return shown
        return np.concatenate([shown, np.zeros(shown.shape[:-1] + (1,))], axis=-1)

    def box(self, layer: int, stage: str, s: float) -> Box3:
        """The data's box, gliding from the start of the current move to its end.

        A linear stage glides move by move (a 10× stretch must not zoom out during the turn
        before it), and the box always holds every point.
        """
        def tight(t: float) -> Box3:
            return frame_box3(self.points(self.X, layer, stage, t))

        if stage == "softmax":
            return interpolate_boxes3(tight(0.0), SOFTMAX_BOX3, s).union(tight(s))
        start, end = 0.0, 1.0
        if stage == "linear":
            segment = self.warp.path(layer).segment_at(s)
            start, end = segment.start, segment.end
        glide = (s - start) / (end - start)
        return interpolate_boxes3(tight(start), tight(end), glide).union(tight(s))

    def plane_at(self, layer: int, stage: str, s: float) -> Plane | None:
        """The separating plane where it exists: the last hidden space and the output layer's
        linear and bias stages (it moves with them: normal ``A(s)⁺ᵀ n``); else None."""
        normal, offset = self.plane
        if (layer, stage, s) == (self.last - 1, "activation", 1.0):
            return normal, offset
        if layer != self.last or stage == "softmax":
            return None
        A = self.warp.path(layer).matrix(1.0 if stage == "bias" else s)
        moved = np.linalg.pinv(A).T @ normal[: A.shape[1]]
        moved = np.pad(moved, (0, 3 - len(moved)))
        if stage == "bias":
            offset -= s * float(moved[:2] @ self.warp.params[layer][1])
        return moved, offset

    def frame(self, layer: int, stage: str, s: float) -> Frame:
        def move(points: np.ndarray) -> np.ndarray:
            return self.points(points, layer, stage, s)

        return Frame(
            box=self.box(layer, stage, s),
            points=move(self.X),
            grid=_moved_lines(move, self.grid),
            final_boundary=_moved_lines(move, self.boundary),
            plane=self.plane_at(layer, stage, s),
        )
