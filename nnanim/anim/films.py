"""Films: for one set of weights, every frame of the warp as arrays, ready for a view to draw.

Points, grid lines and the final decision boundary all move through the same
``nnanim.geometry.Warp``, one stage at a time (``W``, then ``+ b``, then the activation), and
the view box glides with them. The boundary is every pair's (``boundary_curves``): the
``p = 0.5`` curve for two classes, the curves between each pair of classes for more.

* ``NetworkFilm``  2-D frames for a ``PlaneView`` (a wide layer is seen through the plane the
  next layer reads); the softmax stage ends on the unit square around ``y1 + y2 = 1``. Only
  the first two axes of a 3-unit layer: for networks drawn flat (see ``inside_film``)
* ``LiftFilm``     3-D frames for a ``SpaceView``: a layer of 3 units lifts the plane into 3-D,
  a wider one is seen through the 3-D view the network itself chooses (``wide_view=3``: the 2
  directions the output layer reads plus the strongest remaining one; ``"read"``: as many
  directions as the next layer reads); there the output layer's boundary is exactly a flat
  plane (``equal_logit_plane``). Flat spaces are its floor

Both answer ``frame(layer, stage, t) -> Frame`` at film time ``t`` and ``pace(layer, stage)``,
which is all a ``StagePlayer`` asks of a film; ``inside_film`` picks between them for a network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from nnanim.anim.layout import WINDOW, data_box
from nnanim.anim.play_key import digest
from nnanim.geometry.checks import check_progress
from nnanim.geometry.classes import boundary_curves
from nnanim.geometry.stages import Warp, equal_logit_plane
from nnanim.geometry.framing import Box, frame_box, interpolate_boxes
from nnanim.geometry.grid import grid_lines
from nnanim.geometry.pacing import Pace, even_pace
from nnanim.geometry.space3d import Box3, frame_box3, interpolate_boxes3
from nnanim.core.model import Architecture, Params

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
    """What a ``StagePlayer`` plays: a warp, its frames at film time, and each stage's pace."""

    warp: Warp

    def frame(self, layer: int, stage: str, t: float) -> Frame: ...

    def pace(self, layer: int, stage: str) -> Pace: ...


PACE_SAMPLES = 4
"""Every how many grid and boundary samples the pace watches (with every data point)."""


def in_view(box: Box | Box3, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points in view units (the box's centre at 0, its size on screen 1: a 2-D box's width,
    a 3-D box's diameter, which is what ``fit_scale`` fits to the window), and which are in it."""
    size = box.width if isinstance(box, Box) else 2 * box.radius
    return (points - box.center) / size, box.contains(points)


class _PacedFilm:
    """Frames at film time ``t``: each stage's progress ``s`` follows its ``even_pace``.

    Subclasses give ``points`` and ``box`` at the stage's own progress ``s`` (and
    ``plane_at`` where the output layer's cut is drawn), and set ``grid`` and ``boundary``;
    ``frame`` takes film time, so that no frame jumps however the motion crowds in a stage.
    """

    grid: list[np.ndarray]
    boundary: list[np.ndarray]

    def __init__(self, X: np.ndarray) -> None:
        self.X = np.asarray(X, dtype=np.float64)
        self._paces: dict[tuple[int, str], Pace] = {}
        self._identity: bytes | None = None

    def play_identity(self) -> bytes:
        """What decides every frame of the film -- its weights, data and settings -- hashed
        once, for the key of each play that shows it (``nnanim.anim.play_key``); the paces
        measured so far are derived from those and left out."""
        if self._identity is None:
            self._identity = digest({name: value for name, value in vars(self).items()
                                     if name not in ("_paces", "_identity")})
        return self._identity

    def pace(self, layer: int, stage: str) -> Pace:
        """How film time maps to this stage's progress (measured once, on what is drawn)."""
        if (layer, stage) not in self._paces:
            watched = np.concatenate(
                [self.X, *[line[::PACE_SAMPLES] for line in (*self.grid, *self.boundary)]])
            self._paces[layer, stage] = even_pace(
                lambda s: in_view(self.box(layer, stage, s), self.points(watched, layer, stage, s)))
        return self._paces[layer, stage]

    def frame(self, layer: int, stage: str, t: float) -> Frame:
        t = check_progress(t, "t")  # the ends are the stage's ends: no pace to measure there
        s = t if t in (0.0, 1.0) else self.pace(layer, stage).progress(t)
        return self.frame_at(layer, stage, s)

    def plane_at(self, layer: int, stage: str, s: float) -> Plane | None:
        return None

    def frame_at(self, layer: int, stage: str, s: float) -> Frame:
        """The frame at the stage's own progress ``s`` (``frame`` takes film time)."""
        def move(points: np.ndarray) -> np.ndarray:
            return self.points(points, layer, stage, s)

        return Frame(
            box=self.box(layer, stage, s),
            points=move(self.X),
            grid=_moved_lines(move, self.grid),
            final_boundary=_moved_lines(move, self.boundary),
            plane=self.plane_at(layer, stage, s),
        )


def _moved_lines(move, lines: list[np.ndarray]) -> list[np.ndarray]:
    """Move many polylines with one call of ``move`` (points → points)."""
    if not lines:
        return []
    moved = move(np.concatenate(lines))
    return np.split(moved, np.cumsum([len(line) for line in lines])[:-1])


class NetworkFilm(_PacedFilm):
    """Every 2-D frame of the warp, for one set of weights.

    A stage's first frame shows the points as they enter it, its last as the layer leaves them:
    here layer 1 (``W`` doubles x and halves y, then tanh) of a hand-made network.

    >>> from nnanim.core.model import Architecture, forward_stages
    >>> arch = Architecture.from_table([(2, "tanh")])
    >>> params = [(np.array([[2.0, 0.0], [0.0, 0.5]]), np.zeros(2)), (np.eye(2), np.zeros(2))]
    >>> X = np.array([[0.3, 0.2], [-0.4, 0.1]])
    >>> film = NetworkFilm(params, arch, X)
    >>> film.frame(0, "linear", 1.0).points  # after W
    array([[ 0.6 ,  0.1 ],
           [-0.8 ,  0.05]])
    >>> end = film.frame(0, "activation", 1.0).points  # after tanh
    >>> bool(np.allclose(end, forward_stages(params, arch, X).hidden_outputs[0]))
    True
    """

    def __init__(self, params: Params, arch: Architecture, X: np.ndarray,
                 aspect: float = WINDOW.aspect) -> None:
        super().__init__(X)
        self.arch = arch
        self.aspect = aspect
        self.warp = Warp(params, arch, reference=self.X, wide_view=2)
        self.input_box = data_box(self.X)
        self.reach = self.input_box.padded(0.25)
        """The part of the input plane whose grid and boundary ride along."""
        self.grid = list(grid_lines(self.reach, target_lines=GRID_LINES,
                                    samples=GRID_SAMPLES).lines)
        self.boundary = boundary_curves(params, arch, self.reach, BOUNDARY_RESOLUTION)

    def box(self, layer: int, stage: str, s: float) -> Box:
        if stage == "softmax":
            # Glide to the unit square around y1 + y2 = 1, grown wherever the points are on the
            # way (with huge logits they travel far outside both ends' boxes).
            start = self.warp.box(self.X, layer, stage, 0.0, aspect=self.aspect)
            glide = interpolate_boxes(start, SOFTMAX_BOX.with_aspect(self.aspect), s)
            now = frame_box(self.points(self.X, layer, stage, s), aspect=self.aspect)
            return glide.union(now).with_aspect(self.aspect)
        return self.warp.box(self.X, layer, stage, s, aspect=self.aspect)

    def points(self, points: np.ndarray, layer: int, stage: str, s: float) -> np.ndarray:
        """Display coordinates (a flip is the plane turning over, seen from above)."""
        return self.warp.display(points, layer, stage, s)[..., :2]


class LiftFilm(_PacedFilm):
    """Every 3-D frame of the warp, for one set of weights (display coordinates, 3 columns).

    ``reach`` is the part of the input plane whose grid and boundary curves ride along
    (by default the data's window with a quarter more room); ``boundary`` replaces those
    curves when a scene already has them (the same curves as a window beside it).
    ``plane`` is the output layer's cut through the last hidden space; only two classes have
    one (three are cut by three half-planes), so for more it is None.

    A 3-unit layer lifts the plane (the floor, third coordinate 0) into 3-D:

    >>> from nnanim.core.model import Architecture, forward_stages
    >>> arch = Architecture.from_table([(3, "tanh")])
    >>> W1 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # the third unit reads x + y
    >>> params = [(W1, np.zeros(3)), (np.eye(2, 3), np.zeros(2))]
    >>> X = np.array([[0.3, 0.2], [-0.4, 0.1]])
    >>> film = LiftFilm(params, arch, X)
    >>> film.frame(0, "linear", 0.0).points  # on the floor
    array([[ 0.3,  0.2,  0. ],
           [-0.4,  0.1,  0. ]])
    >>> end = film.frame(0, "activation", 1.0).points
    >>> bool(np.allclose(end, forward_stages(params, arch, X).hidden_outputs[0]))
    True
    """

    def __init__(self, params: Params, arch: Architecture, X: np.ndarray,
                 reach: Box | None = None, boundary: list[np.ndarray] | None = None,
                 wide_view: int | str = 3) -> None:
        super().__init__(X)
        self.arch = arch
        self.warp = Warp(params, arch, reference=self.X, wide_view=wide_view)
        reach = data_box(self.X).padded(0.25) if reach is None else reach
        self.grid = list(grid_lines(reach, target_lines=LIFT_GRID_LINES,
                                    samples=LIFT_GRID_SAMPLES).lines)
        self.boundary = (boundary_curves(params, arch, reach, LIFT_BOUNDARY_RESOLUTION)
                         if boundary is None else boundary)
        self.plane: Plane | None = None
        """The output layer's boundary in the last hidden space (display coordinates)."""
        if arch.classes == 2:
            normal, offset = equal_logit_plane(self.warp)
            self.plane = (np.pad(normal, (0, 3 - len(normal))), offset)
        self.last = arch.n_layers - 1

    def points(self, points: np.ndarray, layer: int, stage: str, s: float) -> np.ndarray:
        """Display coordinates with 3 columns (a flat space is the floor, third coordinate 0).

        A flat layer that flips (2 → 2, ``det W < 0``) turns the floor over through the third
        axis, like a card: the truth at both ends, and motion a 3-D view can show.
        """
        path = self.warp.path(layer)
        if stage == "linear" and path.flips and path.dim == 2:
            segment = path.segment_at(s)
            if segment.name == "flip" and 0.0 < s < 1.0:
                start = self.warp.display(points, layer, "linear", 0.0)
                return path.flip_turn(start, segment.progress(s))
        shown = self.warp.display(points, layer, stage, s)
        if shown.shape[-1] == 3:
            return shown
        return np.concatenate([shown, np.zeros(shown.shape[:-1] + (1,))], axis=-1)

    def pieces(self, layer: int, stage: str) -> list[tuple[float, bool]]:
        """The stage cut where it leaves the floor or comes back: ``(end s, solid)`` in order.

        ``solid`` pieces move points off the floor (third coordinate not 0) and need a tilted
        camera to be read; a linear stage is cut at its moves (a 2 → 3 layer turns and
        stretches in the floor, then lifts), every other stage is one piece.
        """
        if stage != "linear":
            return [(1.0, self.warp.display_dim(layer + 1) == 3)]
        found: list[tuple[float, bool]] = []
        for segment in self.warp.path(layer).segments:
            middle = self.points(self.X, layer, stage, (segment.start + segment.end) / 2)
            solid = bool(np.abs(middle[:, 2]).max() > 1e-9 * max(1.0, np.abs(middle).max()))
            if found and found[-1][1] == solid:
                found[-1] = (segment.end, solid)
            else:
                found.append((segment.end, solid))
        return found

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
        if self.plane is None:
            return None
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



def inside_film(params: Params, arch: Architecture, X: np.ndarray) -> NetworkFilm | LiftFilm:
    """Every stage of a network, each space drawn as it is or through a view that holds it.

    Wide layers are seen in as many axes as the next layer reads (``wide_view="read"``). If every
    space then has 2 display axes, the picture is flat (``NetworkFilm``); otherwise a
    ``LiftFilm``, where a 3-unit layer is drawn whole, never as the shadow of its first two
    axes, and the flat spaces lie on its floor.

    >>> from nnanim.core.model import Architecture
    >>> X = np.array([[0.3, 0.2], [-0.4, 0.1]])
    >>> flat = Architecture.from_table([(2, "tanh")])
    >>> type(inside_film([(np.eye(2), np.zeros(2))] * 2, flat, X)).__name__
    'NetworkFilm'
    >>> lifted = Architecture.from_table([(3, "tanh")])
    >>> W1 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> type(inside_film([(W1, np.zeros(3)), (np.eye(2, 3), np.zeros(2))], lifted, X)).__name__
    'LiftFilm'
    """
    warp = Warp(params, arch, reference=X, wide_view="read")
    if all(warp.display_dim(space) == 2 for space in range(arch.n_layers + 1)):
        return NetworkFilm(params, arch, X)
    return LiftFilm(params, arch, X, wide_view="read")
