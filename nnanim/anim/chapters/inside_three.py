"""Inside a three-class network: the plane while it stays 2-D, then 3-D down to the triangle.

Every stage of every layer moves the data, grid and boundary curves as in the two-class
chapter. From the first layer wider than 2 on (at the latest the three logits) the picture
is 3-D, seen by a slowly drifting camera. The softmax stage then moves every point onto the
triangle ``y1 + y2 + y3 = 1``, and the camera turns to look at it square-on: the three class
regions, and the boundaries ``y_i = y_j`` meeting at the centre, on which the input plane's
boundary curves (dashed) land exactly.
"""

from __future__ import annotations

from manim import DOWN, LEFT, VGroup

from nnanim.anim.films import NetworkFilm
from nnanim.anim.layout import SIDE_WIDTH, SPACE_WINDOW, TITLE_Y, WINDOW
from nnanim.anim.lecture import LectureScene, fit_width
from nnanim.anim.motion import Appear, Swap, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.anim.side import (
    play_notes_then_clear, side_below, side_column, stage_caption_key, stage_label,
)
from nnanim.anim.space3d import FROM_ABOVE, OBLIQUE, SpaceView
from nnanim.anim.triangle_film import SQUARE_ON, TriangleFilm, TriangleOverlay, first_space_layer
from nnanim.geometry.stages import Warp
from nnanim.palette import INK, MUTED, SOFTMAX_BOUNDARY
from nnanim.core.run import TrainedNetwork

DRIFT = 10
"""Degrees the camera drifts round during each 3-D stage (parallax)."""


def _space_label(scene: LectureScene, warp: Warp, layer: int, stage: str) -> VGroup:
    """A stage's caption in 3-D: a wide layer is seen through 3 directions, softmax ends on
    the triangle."""
    last = warp.arch.n_layers - 1
    if (layer, stage) == (last, "softmax"):
        key, values = "softmax_triangle", {}
    elif layer == last:
        key, values = "logits_3d", {}
    else:
        key, values = stage_caption_key(warp, layer, stage)
    label = VGroup(scene.text(key, 28, INK, **values))
    if warp.view(layer + 1) is not None and stage == "linear":
        label.add(scene.text("view3_of", 20, MUTED, n=warp.arch.widths[layer + 1]))
    return fit_width(label.arrange(DOWN, aligned_edge=LEFT, buff=0.15),
                     SIDE_WIDTH)


def play_inside_three(scene: LectureScene, run: TrainedNetwork,
                      stage_seconds: float = 2.2) -> None:
    """Warp the data of a three-class network through every stage, ending on the triangle."""
    params, arch = run.params, run.arch
    split = first_space_layer(arch)
    heading = side_column(scene.text("inside", 34, INK), y=TITLE_Y - 0.9, middle=True)
    legend = side_column(scene.text("final_boundary", 22, MUTED), y=-3.55, middle=True)
    shown = VGroup()

    def label_move(label: VGroup) -> list:
        nonlocal shown
        placed = side_below(heading, label, buff=0.5)
        moves = [Swap(shown, placed, run_time=scene.seconds(0.4))]
        shown = placed
        return moves

    if split > 0:
        flat = StagePlayer(NetworkFilm(params, arch, run.shown_X), PlaneView(WINDOW), run.shown_y)
        scene.play(Appear(flat.view), Appear(heading), Appear(legend),
                   run_time=scene.seconds(1.0))
        for layer, stage in flat.film.warp.stages():
            if layer == split:
                break
            scene.play(flat.stage(layer, stage, run_time=scene.seconds(stage_seconds)),
                       *label_move(stage_label(scene, flat.film.warp, layer, stage)))
            scene.beat()
        scene.play(Vanish(flat.view), run_time=scene.seconds(0.5))

    film = TriangleFilm(params, arch, run.shown_X)
    player = StagePlayer(film, SpaceView(SPACE_WINDOW, camera=FROM_ABOVE, plane_opacity=0.0),
                         run.shown_y, start=(split, "linear", 0.0), overlay=TriangleOverlay)
    entering = [Appear(heading), Appear(legend)] if split == 0 else []
    scene.play(Appear(player.view), *entering, run_time=scene.seconds(1.0))
    scene.play(player.turn(OBLIQUE, run_time=scene.seconds(2.5)))
    for layer, stage in film.warp.stages()[3 * split:]:
        if (layer, stage) == (film.last, "linear"):
            player.view.name_axes(("z_1", "z_2", "z_3"))
        if stage == "softmax":
            player.view.name_axes(("y_1", "y_2", "y_3"))
        seconds = 2 * stage_seconds if stage == "softmax" else stage_seconds
        scene.play(player.stage(layer, stage, drift=DRIFT, run_time=scene.seconds(seconds)),
                   *label_move(_space_label(scene, film.warp, layer, stage)))
        scene.beat()
    scene.play(player.turn(SQUARE_ON, run_time=scene.seconds(3.0)),
               *label_move(scene.text("triangle_square_on", 28, INK)))
    notes = side_below(shown, scene.text("triangle_boundaries", 22, SOFTMAX_BOUNDARY),
                       scene.text("triangle_regions", 22, MUTED), buff=0.4)
    play_notes_then_clear(scene, notes, appear=0.6, rest=1.5,
                          clear=(player.view, heading, legend, shown))
