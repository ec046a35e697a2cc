"""The "inside the trained network" chapter: every stage of every layer as a warp of the plane.

Points, grid lines and the final decision boundary move through each stage (``W``, then
``+ b``, then the activation) while the caption on the right names it. The output layer ends
in the softmax picture of the article: every point lands on the blue line ``y1 + y2 = 1``,
split by the red perpendicular ``y1 = y2``.
"""

from __future__ import annotations

from manim import VGroup

from nnanim.anim.films import NetworkFilm
from nnanim.anim.layout import TITLE_Y, WINDOW
from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Appear, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.anim.side import side_below, side_column, stage_label
from nnanim.palette import INK, MUTED, SOFTMAX_BOUNDARY
from nnanim.run import Run


def play_inside(scene: LectureScene, run: Run, stage_seconds: float = 2.2) -> None:
    """Warp the data, grid and final boundary through every stage of the trained network."""
    film = NetworkFilm(run.trajectory.final_params, run.trajectory.arch, run.X)
    player = StagePlayer(film, PlaneView(WINDOW), run.y)
    heading = side_column(scene.text("inside", 34, INK), y=TITLE_Y - 0.9, middle=True)
    legend = side_column(scene.text("final_boundary", 22, MUTED), y=-3.55, middle=True)
    scene.play(Appear(player.view), Appear(heading), Appear(legend), run_time=scene.seconds(1.0))

    shown = VGroup()
    for layer, stage in film.warp.stages():
        label = side_below(heading, stage_label(scene, film.warp, layer, stage), buff=0.5)
        # In the softmax picture the boundary is the solid red line: the dashed legend goes.
        gone = VGroup(shown, legend) if stage == "softmax" else shown
        scene.play(player.stage(layer, stage, run_time=scene.seconds(stage_seconds)),
                   Vanish(gone, run_time=scene.seconds(0.4)),
                   Appear(label, run_time=scene.seconds(0.4)))
        scene.beat()
        shown = label
    note = side_below(shown, scene.text("softmax_boundary", 24, SOFTMAX_BOUNDARY), buff=0.35)
    scene.play(Appear(note), run_time=scene.seconds(0.6))
    scene.pause(2.0)
    scene.play(*[Vanish(m) for m in (player.view, heading, shown, note)],
               run_time=scene.seconds(0.8))
