"""The "inside the trained network" chapter: every stage of every layer as a warp of the data.

Points, grid lines and the final decision boundary move through each stage (``W``, then
``+ b``, then the activation) while the caption on the right names it. The output layer ends
in the softmax picture of the article: every point lands on the blue line ``y1 + y2 = 1``,
split by the red perpendicular ``y1 = y2``.

Each space is drawn as it is (``inside_film``): a network whose spaces are all 2-wide (or seen
through a plane that holds all the next layer reads) plays flat, in a ``PlaneView``. A 3-unit
layer, or a wide one the next layer reads in 3 directions, is drawn in 3-D, in a ``SpaceView``
with the same player: seen from above while the data stays on the floor, the camera tilts
before the data leaves it, and comes back above for the last flat stages. Where the last
hidden space is 3-D, the output layer's cut through it appears as a flat plane, seen edge-on.
Where a flat network squashes the plane to nearly a line, a ``Lens`` beside the window shows
a piece of it magnified, so its grid is seen.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import VGroup

from nnanim.anim.films import LiftFilm, NetworkFilm, inside_film
from nnanim.anim.layout import SPACE_WINDOW, TITLE_Y, WINDOW
from nnanim.anim.lecture import LectureScene
from nnanim.anim.lens import Lens
from nnanim.anim.motion import Appear, Swap, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.anim.side import side_below, side_column, stage_label
from nnanim.anim.space3d import FROM_ABOVE, OBLIQUE, SpaceView
from nnanim.palette import INK, MUTED, SOFTMAX_BOUNDARY
from nnanim.core.run import Run

TURN_SECONDS = 2.5
"""A camera turn: slow enough for the eye to rebuild the 3-D picture."""
DRIFT = 10.0
"""Degrees the 3-D camera drifts round during a stage off the floor (parallax reads as depth)."""


@dataclass(frozen=True)
class Piece:
    """A stretch of one stage, played in one go: up to film time ``until``, ``share`` of the
    stage's time; ``solid`` if it moves the data off the floor of a 3-D view."""

    layer: int
    stage: str
    until: float
    share: float
    solid: bool


def pieces(film: NetworkFilm | LiftFilm) -> list[Piece]:
    """Every stage in order, cut (in 3-D) where the data leaves the floor or comes back."""
    found: list[Piece] = []
    for layer, stage in film.warp.stages():
        if isinstance(film, NetworkFilm):
            found.append(Piece(layer, stage, 1.0, 1.0, False))
            continue
        pace, start = film.pace(layer, stage), 0.0
        for end, solid in film.pieces(layer, stage):
            until = pace.time(end)
            found.append(Piece(layer, stage, until, until - start, solid))
            start = until
    return found


def play_inside(scene: LectureScene, run: Run, stage_seconds: float = 2.2) -> None:
    """Warp the data, grid and final boundary through every stage of the trained network."""
    film = inside_film(run.trajectory.final_params, run.trajectory.arch, run.shown_X)
    flat = isinstance(film, NetworkFilm)
    view = (PlaneView(WINDOW) if flat
            else SpaceView(SPACE_WINDOW, camera=FROM_ABOVE, plane_opacity=0.0))
    # A plane squashed to nearly a line is also shown magnified beside the window.
    lens = Lens(view, film) if flat else None
    player = StagePlayer(film, view, run.shown_y, lens=lens if lens is not None and lens.used else None)
    heading = side_column(scene.text("inside", 34, INK), y=TITLE_Y - 0.9, middle=True)
    legend = side_column(scene.text("final_boundary", 22, MUTED), y=-3.55, middle=True)
    scene.play(Appear(player.view), Appear(heading), Appear(legend), run_time=scene.seconds(1.0))

    steps = pieces(film)
    solid = [i for i, piece in enumerate(steps) if piece.solid]
    last_hidden = film.warp.arch.n_layers - 2
    shown, position = VGroup(), None
    for i, piece in enumerate(steps):
        if solid and i == solid[0]:
            scene.play(player.turn(OBLIQUE, run_time=scene.seconds(TURN_SECONDS)))
        changes = []
        if (piece.layer, piece.stage) != position:
            position = (piece.layer, piece.stage)
            label = side_below(heading, stage_label(scene, film.warp, *position), buff=0.5)
            # In the softmax picture the boundary is the solid red line: the dashed legend goes.
            gone = VGroup(shown, legend) if piece.stage == "softmax" else shown
            changes = [Swap(gone, label, run_time=scene.seconds(0.4))]
            shown = label
        drift = DRIFT * piece.share if piece.solid else 0.0
        scene.play(player.stage(piece.layer, piece.stage, until=piece.until, drift=drift,
                                run_time=scene.seconds(stage_seconds * piece.share)), *changes)
        if position == (last_hidden, "activation") and piece.until == 1.0 and not flat \
                and film.warp.display_dim(last_hidden + 1) == 3:
            shown = _show_the_cut(scene, player, shown, again=i < solid[-1])
        if solid and i == solid[-1]:
            scene.play(player.turn(FROM_ABOVE, run_time=scene.seconds(TURN_SECONDS)))
        if not flat and piece.until == 1.0 and piece.layer == last_hidden + 1:
            names = {"linear": ("z_1", "z_2", "z_3"), "softmax": ("y_1", "y_2", "y_3")}
            if piece.stage in names:
                view.name_axes(names[piece.stage])
        if piece.until == 1.0:
            scene.beat()
    note = side_below(shown, scene.text("softmax_boundary", 24, SOFTMAX_BOUNDARY), buff=0.35)
    scene.play(Appear(note), run_time=scene.seconds(0.6))
    scene.pause(2.0)
    scene.play(*[Vanish(m) for m in (player.view, heading, shown, note)],
               run_time=scene.seconds(0.8))


def _show_the_cut(scene: LectureScene, player: StagePlayer, shown: VGroup,
                  again: bool) -> VGroup:
    """The output layer's boundary in the last hidden space: a flat plane, then seen edge-on.

    ``again``: turn back to the working view afterwards (more moves off the floor follow).
    """
    plane = side_below(shown, scene.text("plane_heading", 24), buff=0.35)
    scene.play(player.reveal_plane(), Appear(plane), run_time=scene.seconds(1.0))
    edge = side_below(plane, scene.text("edge_on", 22, MUTED), buff=0.25)
    scene.play(player.edge_on(run_time=scene.seconds(3.0)), Appear(edge))
    scene.pause(1.5)
    if again:
        scene.play(player.turn(OBLIQUE, run_time=scene.seconds(TURN_SECONDS)))
    return VGroup(shown, plane, edge)
