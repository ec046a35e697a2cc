"""The "inside the trained network" chapter: every stage of every layer as a warp of the plane.

Points, grid lines and the final decision boundary all move through the same
``nnanim.geometry.Warp``, one stage at a time (``W``, then ``+ b``, then the activation), and
the view box glides with them. The output layer ends in the softmax picture of the article:
every point lands on the blue line ``y1 + y2 = 1``, split by the red perpendicular ``y1 = y2``.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, LEFT, Animation, FadeIn, FadeOut, Polygon, ValueTracker, VGroup, smooth,
)

from nnanim.anim.layout import SIDE_LEFT, SIDE_WIDTH, TITLE_Y, WINDOW
from nnanim.anim.lecture import LectureScene, fit_width, lecture_text
from nnanim.palette import (
    INK, MUTED, REGION_COLORS, SOFTMAX_BOUNDARY, SOFTMAX_LINE,
)
from nnanim.anim.plane import PlaneView
from nnanim.anim.shapes import Polylines
from nnanim.anim.training import data_box
from nnanim.captions import caption
from nnanim.geometry.boundary import decision_boundary
from nnanim.geometry.framing import Box, clip_polylines, frame_box, interpolate_boxes
from nnanim.geometry.grid import grid_lines
from nnanim.geometry.softmax import class_regions, probability_segment, softmax_boundary
from nnanim.geometry.stages import Warp
from nnanim.model import Architecture, Params

GRID_LINES = 14
GRID_SAMPLES = 150
BOUNDARY_RESOLUTION = 240
SOFTMAX_BOX = Box(-0.35, 1.35, -0.35, 1.35)
"""Where the softmax stage ends: the unit square around the segment y1 + y2 = 1."""


def stage_caption_key(warp: Warp, layer: int, stage: str) -> tuple[str, dict]:
    """Which sentence names this stage, and its values."""
    widths = warp.arch.widths
    values = {"layer": layer + 1}
    if layer == warp.arch.n_layers - 1:
        return ("softmax" if stage == "softmax" else "logits"), values
    if stage == "linear":
        if widths[layer] != widths[layer + 1]:
            return "layer_lift", {**values, "m": widths[layer], "n": widths[layer + 1]}
        return ("layer_linear_flip" if warp.path(layer).flips else "layer_linear"), values
    if stage == "bias":
        return "layer_bias", values
    activation = warp.arch.activations[layer]
    return ("layer_linear_act" if activation == "linear" else f"layer_{activation}"), values


class NetworkFilm:
    """Everything one frame of the warp needs, for one set of weights."""

    def __init__(self, params: Params, arch: Architecture, X: np.ndarray,
                 aspect: float = WINDOW.aspect) -> None:
        self.arch = arch
        self.X = X
        self.aspect = aspect
        self.warp = Warp(params, arch, reference=X, wide_view=2)
        self.input_box = data_box(X)
        reach = self.input_box.padded(0.25)
        self.grid = grid_lines(reach, target_lines=GRID_LINES, samples=GRID_SAMPLES).lines
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

    def frame(self, layer: int, stage: str, s: float) -> dict:
        shape = self.grid.shape
        grid = self.points(self.grid.reshape(-1, 2), layer, stage, s).reshape(shape[0], shape[1], 2)
        lengths = np.cumsum([len(line) for line in self.boundary])[:-1]
        boundary = (
            np.split(self.points(np.concatenate(self.boundary), layer, stage, s), lengths)
            if self.boundary else []
        )
        return {
            "box": self.box(layer, stage, s),
            "points": self.points(self.X, layer, stage, s),
            "grid": list(grid),
            "final_boundary": boundary,
        }


class SoftmaxOverlay(VGroup):
    """The article's softmax picture, clipped to the current box: regions, line, boundary."""

    def __init__(self, view: PlaneView) -> None:
        super().__init__()
        self.view = view
        self.regions = [
            Polygon(*[[0, 0, 0]] * 3, stroke_width=0, fill_color=color, fill_opacity=0.55)
            for color in REGION_COLORS
        ]
        self.line = Polylines(stroke_color=SOFTMAX_LINE, stroke_width=5)
        self.boundary = Polylines(stroke_color=SOFTMAX_BOUNDARY, stroke_width=5)
        self.add(*self.regions, self.line, self.boundary)

    def show(self, box: Box, line_opacity: float) -> None:
        for polygon, corners in zip(self.regions, class_regions(box)):
            if len(corners) >= 3:
                polygon.set_points_as_corners([*self.view.scene_points(corners),
                                               self.view.scene_points(corners[:1])[0]])
        boundary = softmax_boundary(box)
        self.boundary.set_lines([] if boundary is None else
                                [self.view.scene_points(p) for p in clip_polylines([boundary], box)])
        segment = probability_segment()
        direction = segment[1] - segment[0]
        long_line = np.array([segment[0] - 3 * direction, segment[1] + 3 * direction])
        self.line.set_lines([self.view.scene_points(p) for p in clip_polylines([long_line], box)])
        self.line.set_stroke(opacity=line_opacity)

    def reveal(self) -> None:
        """Make the regions and the boundary visible (the line follows ``show``'s opacity)."""
        for polygon in self.regions:
            polygon.set_fill(opacity=0.55)
        self.boundary.set_stroke(opacity=1.0)


class StagePlayer:
    """Plays a film's stages in one window: the data, grid and final boundary move together."""

    def __init__(self, scene: LectureScene, film: NetworkFilm, y: np.ndarray,
                 rect: Box = WINDOW, start: tuple[int, str, float] | None = None) -> None:
        self.scene = scene
        self.film = film
        self.y = y
        self.view = PlaneView(rect)
        self.overlay = SoftmaxOverlay(self.view)
        self.overlay.set_opacity(0.0)
        self.view.underlay.add(self.overlay)
        self.progress = ValueTracker(0.0)
        layer, stage, s = start or (*film.warp.stages()[0], 0.0)
        self.position = (layer, stage)
        self.progress.set_value(s)
        self.view.show(labels=y, **film.frame(layer, stage, s))
        # A plain function, not a bound method: manim deep-copies updaters when it copies the
        # view for a fade, and a bound method would drag the whole scene along.
        def draw(view: PlaneView) -> None:
            self._draw(view)

        self._updater = draw
        self.view.add_updater(draw)

    def _draw(self, _view: PlaneView) -> None:
        s = float(np.clip(self.progress.get_value(), 0.0, 1.0))
        frame = self.film.frame(*self.position, s)
        self.view.show(labels=self.y, **frame)
        if self.position[1] == "softmax":
            self.overlay.show(frame["box"], line_opacity=s)

    def stage(self, layer: int, stage: str, seconds: float, *with_it: Animation) -> None:
        """Play one stage from s = 0 to 1 (eased), with other animations at the same time."""
        self.position = (layer, stage)
        self.progress.set_value(0.0)
        if stage == "softmax":
            self.overlay.show(self.film.box(layer, stage, 0.0), line_opacity=0.0)
            self.overlay.reveal()
        self.scene.play(
            *with_it,
            self.progress.animate(run_time=self.scene.seconds(seconds), rate_func=smooth)
            .set_value(1.0),
        )

    def stop(self) -> None:
        self.view.remove_updater(self._updater)


def stage_label(scene: LectureScene, warp: Warp, layer: int, stage: str) -> VGroup:
    """The caption naming a stage (plus which view a wide layer is seen through)."""
    key, values = stage_caption_key(warp, layer, stage)
    label = VGroup(lecture_text(caption(key, scene.lang, **values), 28, INK))
    if warp.view(layer + 1) is not None and stage == "linear":
        label.add(lecture_text(caption("view_of", scene.lang, n=warp.arch.widths[layer + 1]), 20, MUTED))
    label.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
    return fit_width(label, SIDE_WIDTH)


def play_inside(
    scene: LectureScene,
    params: Params,
    arch: Architecture,
    X: np.ndarray,
    y: np.ndarray,
    stage_seconds: float = 2.2,
) -> None:
    """Warp the data, grid and final boundary through every stage of the trained network."""
    film = NetworkFilm(params, arch, X)
    player = StagePlayer(scene, film, y)
    heading = lecture_text(caption("inside", scene.lang), 34, INK)
    heading.move_to([SIDE_LEFT, TITLE_Y - 0.9, 0], aligned_edge=LEFT)
    legend = lecture_text(caption("final_boundary", scene.lang), 22, MUTED)
    legend.move_to([SIDE_LEFT, -3.55, 0], aligned_edge=LEFT)
    scene.play(FadeIn(player.view), FadeIn(heading), FadeIn(legend), run_time=scene.seconds(1.0))
    scene.bring_to_front(player.view)  # text before the view is drawn once, not every frame

    shown = VGroup()
    for layer, stage in film.warp.stages():
        label = stage_label(scene, film.warp, layer, stage)
        label.next_to(heading, DOWN, buff=0.5, aligned_edge=LEFT)
        player.stage(layer, stage, stage_seconds,
                     FadeOut(shown, run_time=scene.seconds(0.4)),
                     FadeIn(label, run_time=scene.seconds(0.4)))
        shown = label
    player.stop()
    note = lecture_text(caption("softmax_boundary", scene.lang), 24, SOFTMAX_BOUNDARY)
    fit_width(note, SIDE_WIDTH).next_to(shown, DOWN, buff=0.35, aligned_edge=LEFT)
    scene.play(FadeIn(note), run_time=scene.seconds(0.6))
    scene.pause(2.0)
    scene.play(*[FadeOut(m) for m in (player.view, heading, legend, shown, note)],
               run_time=scene.seconds(0.8))
