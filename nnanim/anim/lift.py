"""Beyond the plane: a network's hidden layer in 3-D, the separating plane in it, and islands.

A layer of 3 units lifts the input plane into 3-D (``o = W i``, ``W`` 3×2); a wider one is seen
through the 3-D view the network itself chooses (``Warp(..., wide_view=3)``): the 2 directions
the output layer reads plus the strongest remaining one. In that space the output layer's
boundary is exactly a flat plane (``equal_logit_plane``), and the output layer projects
everything back to 2-D.

* ``LiftFilm``      the arrays of every frame: points, grid, final boundary, the plane, the box
* ``SpacePlayer``   plays stages in a ``SpaceView`` while a ``CameraRig`` may turn
* ``play_wide_layer``  the reusable chapter for a wide layer (E5, E7): the lift, the plane
  seen edge-on, and the "islands" moment early in training

The host scene is a ``LectureScene`` (any 2-D ``Scene`` works): all 3-D drawing is projected
in numpy, so heatmaps from ``RasterCamera`` keep working in the same lecture.
"""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, UP, Animation, FadeIn, FadeOut, ValueTracker, VGroup, smooth

from nnanim.anim.inside import SoftmaxOverlay
from nnanim.anim.layout import SIDE_LEFT, SIDE_WIDTH, TITLE_Y
from nnanim.anim.lecture import LectureScene, fit_width
from nnanim.anim.lift_text import lift_text
from nnanim.palette import MUTED
from nnanim.anim.plane import PlaneView
from nnanim.anim.space3d import CameraRig, Plane, SpaceView
from nnanim.anim.training import data_box
from nnanim.errors import NnanimError
from nnanim.geometry import equal_logit_plane
from nnanim.geometry.boundary import (
    ISLAND_RESOLUTION, decision_boundary, decision_field, find_islands,
)
from nnanim.geometry.framing import Box
from nnanim.geometry.grid import grid_lines
from nnanim.geometry.linear_path import Segment
from nnanim.geometry.space3d import Box3, Orbit, edge_on, frame_box3, interpolate_boxes3
from nnanim.geometry.stages import Warp
from nnanim.run import Run
from nnanim.model import Architecture, Params

GRID_LINES = 10
GRID_SAMPLES = 120
BOUNDARY_RESOLUTION = 200
PLANE_FILL = 0.16
SOFTMAX_BOX3 = Box3((-0.35, -0.35, -0.1), (1.35, 1.35, 0.1))
"""Where the softmax stage ends: the unit square around ``y1 + y2 = 1``, flat."""

SPACE_WINDOW = Box.around((-3.3, 0.0), 7.4, 7.9)
"""The 3-D window: the left part of the frame at full height (the picture is round)."""
ISLAND_WINDOWS = (Box.around((-3.75, -0.25), 5.6, 5.6), Box.around((3.3, -0.25), 7.2, 6.1))
"""The input window and the 3-D window of the islands moment, side by side."""
FROM_ABOVE = Orbit(0.0, -math.pi / 2)
"""Looking straight down: the first two axes exactly as a 2-D picture shows them."""
OBLIQUE = Orbit(math.radians(62), math.radians(-62))
"""The working view: high enough to see the floor, low enough to see height."""


class LiftFilm:
    """Everything one frame of the 3-D film needs, for one set of weights (display coordinates).

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
        self.grid = list(grid_lines(reach, target_lines=GRID_LINES, samples=GRID_SAMPLES).lines)
        self.boundary = (decision_boundary(params, arch, reach, BOUNDARY_RESOLUTION)
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

    def lines(self, lines: list[np.ndarray], layer: int, stage: str, s: float) -> list[np.ndarray]:
        if not lines:
            return []
        moved = self.points(np.concatenate(lines), layer, stage, s)
        return np.split(moved, np.cumsum([len(line) for line in lines])[:-1])

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

    def frame(self, layer: int, stage: str, s: float) -> dict:
        return {
            "box": self.box(layer, stage, s),
            "points": self.points(self.X, layer, stage, s),
            "grid": self.lines(self.grid, layer, stage, s),
            "plane": self.plane_at(layer, stage, s),
            "final_boundary": self.lines(self.boundary, layer, stage, s),
        }


class SpacePlayer:
    """Plays a film's stages in a 3-D window; the camera rig can turn at the same time."""

    def __init__(self, scene: LectureScene, film: LiftFilm, y: np.ndarray, rig: CameraRig,
                 rect: Box = SPACE_WINDOW, axis_names: tuple[str, ...] = ("h_1", "h_2", "h_3"),
                 start: tuple[int, str, float] | None = None, dashed_boundary: bool = True,
                 ) -> None:
        self.scene = scene
        self.film = film
        self.y = np.asarray(y)
        self.rig = rig
        self.view = SpaceView(rect, axis_names, dashed_boundary=dashed_boundary)
        self.overlay = SoftmaxOverlay(self.view)
        self.overlay.set_opacity(0.0)
        self.view.underlay.add(self.overlay)
        self.progress = ValueTracker(0.0)
        self.plane_opacity = ValueTracker(0.0)
        layer, stage, s = start or (*film.warp.stages()[0], 0.0)
        self.position = (layer, stage)
        self.progress.set_value(s)
        self.redraw()

        # A plain function, not a bound method: manim deep-copies updaters when it copies the
        # view for a fade, and a bound method would drag the whole scene along.
        def draw(_view: SpaceView) -> None:
            self.redraw()

        self._updater = draw
        self.view.add_updater(draw)

    def redraw(self) -> None:
        s = float(np.clip(self.progress.get_value(), 0.0, 1.0))
        frame = self.film.frame(*self.position, s)
        self.view.show(camera=self.rig.orbit(), labels=self.y, **frame)
        shown = self.plane_opacity.get_value()
        self.view.plane.set_fill(opacity=PLANE_FILL * shown).set_stroke(opacity=shown)
        if self.position[1] == "softmax":
            box = frame["box"]
            self.overlay.show(Box(box.low[0], box.high[0], box.low[1], box.high[1]),
                              line_opacity=s)

    def stage(self, layer: int, stage: str, seconds: float, *with_it: Animation,
              until: float = 1.0) -> None:
        """Play a stage (eased) up to ``until``, with other animations at the same time.

        A new stage starts at s = 0; the same stage again goes on from where it stopped, so a
        scene can pause between moves (say, before the lift) and turn the camera.
        """
        if (layer, stage) != self.position:
            self.position = (layer, stage)
            self.progress.set_value(0.0)
        if stage == "softmax":
            self.overlay.reveal()
        self.scene.bring_to_front(self.view)  # text before the view is drawn once, not per frame
        self.scene.play(
            *with_it,
            self.progress.animate(run_time=self.scene.seconds(seconds), rate_func=smooth)
            .set_value(until),
        )

    def segment(self, layer: int, name: str) -> Segment:
        """The move ``name`` (``"lift"``, ``"flatten"``, ...) of a linear stage: start and end."""
        segment = next((seg for seg in self.film.warp.path(layer).segments if seg.name == name),
                       None)
        if segment is None:
            raise NnanimError(f"segment: layer {layer + 1} has no {name!r} move")
        return segment

    def turn(self, target: Orbit, seconds: float, *with_it: Animation) -> None:
        """Move only the camera (slowly: the eye needs time to rebuild the 3-D picture)."""
        self.scene.bring_to_front(self.view)
        self.scene.play(*with_it, *self.rig.turn_to(target, self.scene.seconds(seconds)))

    def edge_on(self, seconds: float, *with_it: Animation) -> None:
        """Turn the camera the least it takes to look along the separating plane."""
        plane = self.film.plane_at(*self.position, 1.0) or self.film.plane
        target = edge_on(plane[0], self.rig.orbit(), self.view.model_offset(plane))
        self.turn(target, seconds, *with_it)

    def stop(self) -> None:
        self.view.remove_updater(self._updater)


def _side_column(*parts: VGroup) -> VGroup:
    column = VGroup(*parts).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
    fit_width(column, SIDE_WIDTH)
    return column.move_to([SIDE_LEFT, TITLE_Y - 0.7, 0], aligned_edge=UP + LEFT)


def play_wide_layer(scene: LectureScene, run: Run, stage_seconds: float = 3.0) -> None:
    """Show a wide hidden layer (say 10 tanh units) in 3-D, its plane edge-on, then islands.

    Part 1: the trained network's input plane is lifted into the layer's 3-D view (the caption
    says which view), shifted, bent; the output layer's plane appears and the camera turns to
    look along it. Part 2: the checkpoint with the most separate boundary curves in the input
    window, next to the same moment inside the layer, where all those curves lie on one flat
    plane. If the run has no such checkpoint, a caption says so, with the count.
    """
    trajectory, X, y = run.trajectory, run.X, run.y
    film = LiftFilm(trajectory.final_params, trajectory.arch, X)
    width = max(trajectory.arch.widths[1:-1])
    rig = CameraRig(FROM_ABOVE.phi, FROM_ABOVE.theta)
    player = SpacePlayer(scene, film, y, rig)
    heading = lift_text(scene, "wide_heading", 34, n=width)
    view_note = lift_text(scene, "wide_view", 22, MUTED)
    column = _side_column(heading, view_note)
    scene.play(FadeIn(player.view), FadeIn(column), run_time=scene.seconds(1.0))
    player.turn(OBLIQUE, 3.0)
    for layer, stage in film.warp.stages():
        if layer == film.last:
            break
        drift = Orbit(OBLIQUE.phi, rig.theta.get_value() + math.radians(12))
        player.stage(layer, stage, stage_seconds, *rig.turn_to(drift, scene.seconds(stage_seconds)))
    note = lift_text(scene, "wide_edge_on", 24).next_to(column, DOWN, buff=0.5, aligned_edge=LEFT)
    fit_width(note, SIDE_WIDTH)
    scene.play(player.plane_opacity.animate.set_value(1.0), FadeIn(note),
               run_time=scene.seconds(1.0))
    player.edge_on(4.0)
    scene.pause(2.0)
    player.stop()
    scene.play(FadeOut(player.view), FadeOut(column), FadeOut(note), run_time=scene.seconds(0.8))
    _play_islands(scene, run)


def _play_islands(scene: LectureScene, run: Run) -> None:
    """The input window at the checkpoint with the most boundary curves, and inside the layer."""
    trajectory, X, y = run.trajectory, run.X, run.y
    box = data_box(X)
    found = find_islands(trajectory, box)
    if found is None:
        heading = lift_text(scene, "islands_none_heading", 34).move_to([0, TITLE_Y, 0])
        note = lift_text(scene, "no_islands", 28, count=trajectory.n_checkpoints)
        scene.play(FadeIn(heading), FadeIn(note), run_time=scene.seconds(0.8))
        scene.pause(3.0)
        scene.play(FadeOut(heading), FadeOut(note), run_time=scene.seconds(0.6))
        return
    k, curves = found
    params = trajectory.checkpoint(k)
    heading = lift_text(scene, "islands_heading", 34).move_to([0, TITLE_Y, 0])
    left, right = ISLAND_WINDOWS
    field = decision_field(params, trajectory.arch, box, (ISLAND_RESOLUTION, ISLAND_RESOLUTION))
    flat = PlaneView(left, heatmap=True).show(box, X, y, boundary=curves,
                                               probabilities=field.probability)
    film = LiftFilm(params, trajectory.arch, X, reach=box, boundary=curves)
    rig = CameraRig(OBLIQUE.phi, OBLIQUE.theta)
    player = SpacePlayer(scene, film, y, rig, rect=right, start=(film.last - 1, "activation", 1.0),
                         dashed_boundary=False)
    player.plane_opacity.set_value(1.0)
    player.redraw()
    count = len(curves)
    left_note = lift_text(scene, "islands_input", 24, epoch=int(trajectory.epochs[k]), count=count)
    right_note = lift_text(scene, "islands_hidden", 24, count=count)
    for note, rect in ((left_note, left), (right_note, right)):
        fit_width(note, rect.width).move_to([rect.center[0], -3.5, 0])
    scene.play(FadeIn(heading), FadeIn(flat), FadeIn(left_note), run_time=scene.seconds(1.0))
    scene.play(FadeIn(player.view), FadeIn(right_note), run_time=scene.seconds(1.0))
    player.turn(Orbit(OBLIQUE.phi, OBLIQUE.theta + math.radians(50)), 6.0)
    player.edge_on(3.0)
    scene.pause(2.0)
    player.stop()
    scene.play(*[FadeOut(m) for m in (heading, flat, left_note, player.view, right_note)],
               run_time=scene.seconds(0.8))
