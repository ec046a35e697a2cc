"""A wide hidden layer in 3-D (E5, E7): the lift, the plane seen edge-on, then islands.

A layer wider than 3 is seen through the 3-D view the network itself chooses (see
``LiftFilm``). In that space the output layer's boundary is exactly a flat plane, and early in
training the input plane's boundary may split into separate curves ("islands") that all lie
on that one plane inside the layer.

The host scene is a ``LectureScene`` (any 2-D ``Scene`` works): all 3-D drawing is projected
in numpy, so heatmaps from ``RasterCamera`` keep working in the same lecture.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, VGroup

from nnanim.anim.films import LiftFilm
from nnanim.anim.layout import SPACE_WINDOW, TITLE_Y, data_box
from nnanim.anim.lecture import LectureScene, fit_width, lecture_text
from nnanim.anim.motion import Appear, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.anim.shown_points import shown_points_note
from nnanim.anim.side import side_below, side_column
from nnanim.anim.space3d import FROM_ABOVE, OBLIQUE, SpaceView, turned
from nnanim.course.captions import rate_caption
from nnanim.errors import NnanimError
from nnanim.core.experiments import EARLY_ISLANDS
from nnanim.geometry.boundary import ISLAND_RESOLUTION, decision_field, find_islands
from nnanim.geometry.framing import Box
from nnanim.core.model import Params
from nnanim.palette import MUTED
from nnanim.core.run import Run

ISLAND_WINDOWS = (Box.around((-3.95, -0.55), 5.2, 5.2), Box.around((3.3, 0.2), 7.2, 7.1))
"""The input window and the 3-D window of the islands moment, side by side: the heading sits
over the input window, so the 3-D window (where the claim is seen) takes the frame's height."""
ISLAND_NOTE_Y = -3.65
"""The notes under the two windows."""


def play_wide_layer(scene: LectureScene, run: Run, stage_seconds: float = 3.0) -> None:
    """Show a wide hidden layer (say 10 tanh units) in 3-D, its plane edge-on, then islands.

    Part 1: the trained network's input plane is lifted into the layer's 3-D view (the caption
    says which view), shifted, bent; the output layer's plane appears and the camera turns to
    look along it. Part 2: the checkpoint with the most separate boundary curves in the input
    window, next to the same moment inside the layer, where all those curves lie on one flat
    plane. If the run has no such checkpoint, a caption says so, with the count.
    """
    trajectory = run.trajectory
    if trajectory.arch.classes != 2:
        raise NnanimError(
            f"wide layer chapter: {trajectory.arch.describe()!r} has "
            f"{trajectory.arch.classes} classes, cut by {trajectory.arch.classes} half-planes, "
            "not one flat plane; its inside chapter (play_inside_three) shows the layer in 3-D")
    film = LiftFilm(trajectory.final_params, trajectory.arch, run.shown_X)
    width = max(trajectory.arch.widths[1:-1])
    player = StagePlayer(film, SpaceView(SPACE_WINDOW, camera=FROM_ABOVE, plane_opacity=0.0),
                         run.shown_y)
    lines = [scene.text("wide_heading", 34, n=width), scene.text("wide_view", 22, MUTED)]
    shown = shown_points_note(scene, run)
    column = side_column(*lines, *([shown] if shown else []), y=TITLE_Y - 0.7, buff=0.45)
    scene.play(Appear(player.view), Appear(column), run_time=scene.seconds(1.0))
    scene.play(player.turn(OBLIQUE, run_time=scene.seconds(3.0)))
    for layer, stage in film.warp.stages():
        if layer == film.last:
            break
        scene.play(player.stage(layer, stage, drift=12, run_time=scene.seconds(stage_seconds)))
    note = side_below(column, scene.text("wide_edge_on", 24), buff=0.5)
    scene.play(player.reveal_plane(), Appear(note), run_time=scene.seconds(1.0))
    scene.play(player.edge_on(run_time=scene.seconds(4.0)))
    scene.pause(2.0)
    scene.play(Vanish(player.view), Vanish(column), Vanish(note), run_time=scene.seconds(0.8))
    _play_islands(scene, run)


def islands_panel(run: Run, params: Params, curves: list[np.ndarray]) -> StagePlayer:
    """The islands' 3-D window: the layer's 3-D view at the checkpoint ``params``, with the
    input window's boundary ``curves`` carried into it (they lie on the output layer's plane).

    Smaller dots and bolder curves than elsewhere: here the curves are the claim.
    """
    film = LiftFilm(params, run.trajectory.arch, run.shown_X, reach=data_box(run.shown_X),
                    boundary=curves)
    view = SpaceView(ISLAND_WINDOWS[1], dot_radius=0.04, dashed_boundary=False, camera=OBLIQUE)
    view.final_boundary.set_stroke(width=5.0)
    return StagePlayer(film, view, run.shown_y, start=(film.last - 1, "activation", 1.0))


def _play_islands(scene: LectureScene, run: Run) -> None:
    """The input window at the checkpoint with the most boundary curves, and inside the layer."""
    trajectory, X, y = run.trajectory, run.shown_X, run.shown_y
    box = data_box(X)
    found = find_islands(trajectory, box)
    if found is None:
        heading = scene.text("islands_none_heading", 34).move_to([0, TITLE_Y, 0])
        note = scene.text("no_islands", 28, count=trajectory.n_checkpoints)
        scene.play(Appear(heading), Appear(note), run_time=scene.seconds(0.8))
        scene.pause(3.0)
        scene.play(Vanish(heading), Vanish(note), run_time=scene.seconds(0.6))
        return
    k, curves = found
    params = trajectory.checkpoint(k)
    heading = VGroup(scene.text("islands_heading", 34))
    if run.experiment.name in EARLY_ISLANDS:
        # One run shows islands; the lecture says how often a run does.
        rate = EARLY_ISLANDS[run.experiment.name]
        heading.add(scene.captioned_by(
            lecture_text(rate_caption("rate_E5_islands", rate, scene.lang), 20, MUTED),
            lambda lang: rate_caption("rate_E5_islands", rate, lang), ("rate_E5_islands",)))
    shown = shown_points_note(scene, run, size=20)
    if shown is not None:
        heading.add(shown)
    left, right = ISLAND_WINDOWS
    heading.arrange(DOWN, buff=0.12, aligned_edge=LEFT)
    fit_width(heading, right.xmin - 0.2 - (left.xmin - 0.2))
    heading.shift([left.xmin - 0.2, TITLE_Y, 0] - heading[0].get_left())
    field = decision_field(params, trajectory.arch, box, (ISLAND_RESOLUTION, ISLAND_RESOLUTION))
    flat = PlaneView(left, heatmap=True).show(box, X, y, boundary=curves,
                                               probabilities=field.probability)
    player = islands_panel(run, params, curves)
    count = len(curves)
    left_note = scene.text("islands_input", 24, epoch=int(trajectory.epochs[k]), count=count)
    right_note = scene.text("islands_hidden", 24, count=count)
    for note, rect in ((left_note, left), (right_note, right)):
        fit_width(note, rect.width).move_to([rect.center[0], ISLAND_NOTE_Y, 0])
    scene.play(Appear(heading), Appear(flat), Appear(left_note), run_time=scene.seconds(1.0))
    scene.play(Appear(player.view), Appear(right_note), run_time=scene.seconds(1.0))
    scene.play(player.turn(turned(OBLIQUE, 50), run_time=scene.seconds(6.0)))
    scene.play(player.edge_on(run_time=scene.seconds(3.0)))
    scene.pause(2.0)
    scene.play(*[Vanish(m) for m in (heading, flat, left_note, player.view, right_note)],
               run_time=scene.seconds(0.8))
