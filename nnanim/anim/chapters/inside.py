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

The chapter is a list of named beats (``InsideChapter.beats``): "enter the view", one beat per
stage ("layer 1 linear", "layer 2 bias", ... ; a stage cut where the data leaves the floor is
played in parts, "layer 1 linear, part 1"), "turn the camera", "show the cut", "look from
above", "name the axes z" / "name the axes y", the stops where a teacher talks ("stop after
layer 2 bias"), then "name the boundary" and "leave". A teacher reorders or extends the list,
and ``play`` tells it. Pause after layer 2's bias and show its matrix, one added beat (the
suite renders this very code, tests/test_inside_beats.py)::

    chapter = InsideChapter(scene, run)
    beats = chapter.beats()
    insert_after(beats, "layer 2 bias", show_matrix(2))
    chapter.play(beats)

In a lecture, the same beat goes into one experiment's chapter through its storyboard:
``story.experiment("E3", inside=lambda beats: insert_after(beats, "layer 2 bias",
show_matrix(2)))``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from manim import VGroup

from nnanim.anim.equations import matrix_equation
from nnanim.anim.films import LiftFilm, NetworkFilm, inside_film
from nnanim.anim.layout import SPACE_WINDOW, TITLE_Y, WINDOW
from nnanim.anim.lecture import LectureScene
from nnanim.anim.lens import Lens
from nnanim.anim.motion import Appear, Swap, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.anim.side import side_below, side_column, stage_label
from nnanim.anim.space3d import FROM_ABOVE, OBLIQUE, SpaceView
from nnanim.core.run import TrainedNetwork
from nnanim.errors import NnanimError
from nnanim.palette import INK, MUTED, SOFTMAX_BOUNDARY

TURN_SECONDS = 2.5
"""A camera turn: slow enough for the eye to rebuild the 3-D picture."""
DRIFT = 10.0
"""Degrees the 3-D camera drifts round during a stage off the floor (parallax reads as depth)."""


@dataclass(frozen=True)
class Beat:
    """One named step of the chapter; ``play`` draws it on the chapter's scene and view."""

    name: str
    play: Callable[[InsideChapter], None]


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


def play_inside(scene: LectureScene, run: TrainedNetwork,
                stage_seconds: float = 2.2) -> None:
    """Warp the data, grid and final boundary through every stage of the trained network."""
    InsideChapter(scene, run, stage_seconds).play()


class InsideChapter:
    """What the beats share: the scene, the trained network's film in its view, the heading,
    and the caption on show (a beat that replaces or extends the caption updates ``shown``)."""

    def __init__(self, scene: LectureScene, run: TrainedNetwork,
                 stage_seconds: float = 2.2) -> None:
        self.scene = scene
        self.stage_seconds = stage_seconds
        self.film = inside_film(run.params, run.arch, run.shown_X)
        self.flat = isinstance(self.film, NetworkFilm)
        self.view = (PlaneView(WINDOW) if self.flat
                     else SpaceView(SPACE_WINDOW, camera=FROM_ABOVE, plane_opacity=0.0))
        # A plane squashed to nearly a line is also shown magnified beside the window.
        lens = Lens(self.view, self.film) if self.flat else None
        self.player = StagePlayer(self.film, self.view, run.shown_y,
                                  lens=lens if lens is not None and lens.used else None)
        self.heading = side_column(scene.text("inside", 34, INK), y=TITLE_Y - 0.9, middle=True)
        self.legend = side_column(scene.text("final_boundary", 22, MUTED), y=-3.55, middle=True)
        self.shown = VGroup()
        self.note = VGroup()
        self.position: tuple[int, str] | None = None

    def beats(self) -> list[Beat]:
        """The chapter as told in every lecture, beat by beat."""
        film = self.film
        steps = pieces(film)
        solid = [i for i, piece in enumerate(steps) if piece.solid]
        last_hidden = film.warp.arch.n_layers - 2
        parts, part = Counter((p.layer, p.stage) for p in steps), Counter()
        found = [Beat("enter the view", InsideChapter.enter)]
        for i, piece in enumerate(steps):
            if solid and i == solid[0]:
                found.append(Beat("turn the camera", InsideChapter.turn_oblique))
            stage = piece.layer, piece.stage
            part[stage] += 1
            name = f"layer {piece.layer + 1} {piece.stage}"
            found.append(Beat(f"{name}, part {part[stage]}" if parts[stage] > 1 else name,
                              lambda chapter, piece=piece: chapter.play_piece(piece)))
            if (piece.layer, piece.stage) == (last_hidden, "activation") and piece.until == 1.0 \
                    and not self.flat and film.warp.display_dim(last_hidden + 1) == 3:
                again = i < solid[-1]
                found.append(Beat("show the cut", lambda chapter, again=again:
                                  chapter.show_the_cut(again)))
            if solid and i == solid[-1]:
                found.append(Beat("look from above", InsideChapter.look_from_above))
            if not self.flat and piece.until == 1.0 and piece.layer == last_hidden + 1 \
                    and piece.stage in AXIS_NAMES:
                found.append(Beat(f"name the axes {AXIS_NAMES[piece.stage][0][0]}",
                                  lambda chapter, stage=piece.stage:
                                  chapter.view.name_axes(AXIS_NAMES[stage])))
            if piece.until == 1.0:
                found.append(Beat(f"stop after {name}", lambda chapter: chapter.scene.beat()))
        found += [Beat("name the boundary", InsideChapter.name_the_boundary),
                  Beat("leave", InsideChapter.leave)]
        return found

    def play(self, beats: list[Beat] | None = None) -> None:
        """Tell ``beats`` in order (the chapter's own, ``beats()``, if none are given)."""
        for beat in self.beats() if beats is None else beats:
            beat.play(self)

    # --- the beats ------------------------------------------------------------------------

    def enter(self) -> None:
        scene = self.scene
        scene.play(Appear(self.player.view), Appear(self.heading), Appear(self.legend),
                   run_time=scene.seconds(1.0))

    def turn_oblique(self) -> None:
        self.scene.play(self.player.turn(OBLIQUE, run_time=self.scene.seconds(TURN_SECONDS)))

    def look_from_above(self) -> None:
        self.scene.play(self.player.turn(FROM_ABOVE, run_time=self.scene.seconds(TURN_SECONDS)))

    def play_piece(self, piece: Piece) -> None:
        """One stage (or its part), the caption naming it swapped in as a new stage begins."""
        scene, changes = self.scene, []
        if (piece.layer, piece.stage) != self.position:
            self.position = (piece.layer, piece.stage)
            label = side_below(self.heading, stage_label(scene, self.film.warp, *self.position),
                               buff=0.5)
            # In the softmax picture the boundary is the solid red line: the dashed legend goes.
            gone = VGroup(self.shown, self.legend) if piece.stage == "softmax" else self.shown
            changes = [Swap(gone, label, run_time=scene.seconds(0.4))]
            self.shown = label
        drift = DRIFT * piece.share if piece.solid else 0.0
        scene.play(self.player.stage(piece.layer, piece.stage, until=piece.until, drift=drift,
                                     run_time=scene.seconds(self.stage_seconds * piece.share)),
                   *changes)

    def show_the_cut(self, again: bool) -> None:
        """The output layer's boundary in the last hidden space: a flat plane, then seen
        edge-on. ``again``: turn back to the working view afterwards (more moves off the floor
        follow)."""
        scene, player = self.scene, self.player
        plane = side_below(self.shown, scene.text("plane_heading", 24), buff=0.35)
        scene.play(player.reveal_plane(), Appear(plane), run_time=scene.seconds(1.0))
        edge = side_below(plane, scene.text("edge_on", 22, MUTED), buff=0.25)
        scene.play(player.edge_on(run_time=scene.seconds(3.0)), Appear(edge))
        scene.pause(1.5)
        if again:
            scene.play(player.turn(OBLIQUE, run_time=scene.seconds(TURN_SECONDS)))
        self.shown = VGroup(self.shown, plane, edge)

    def name_the_boundary(self) -> None:
        scene = self.scene
        self.note = side_below(self.shown, scene.text("softmax_boundary", 24, SOFTMAX_BOUNDARY),
                               buff=0.35)
        scene.play(Appear(self.note), run_time=scene.seconds(0.6))
        scene.pause(2.0)

    def leave(self) -> None:
        gone = (self.player.view, self.heading, self.shown, self.note)
        self.scene.play(*[Vanish(m) for m in gone], run_time=self.scene.seconds(0.8))


AXIS_NAMES = {"linear": ("z_1", "z_2", "z_3"), "softmax": ("y_1", "y_2", "y_3")}
"""The 3-D axes once the output layer has moved the data: logits, then probabilities."""


def insert_after(beats: list[Beat], name: str, *added: Beat) -> None:
    """Put ``added`` right after the beat called ``name`` (one clear error if there is none)."""
    names = [beat.name for beat in beats]
    if name not in names:
        raise NnanimError(f"inside chapter: no beat {name!r}; the beats are {', '.join(names)}")
    at = names.index(name) + 1
    beats[at:at] = added


def show_matrix(layer: int, seconds: float = 2.0) -> Beat:
    """A beat that stops to show layer ``layer``'s learned matrix (1 = the first layer) under
    the caption, ``o = W i`` (``z = W h`` for the output layer), until the next stage."""

    def play(chapter: InsideChapter) -> None:
        arch = chapter.film.warp.arch
        if not 1 <= layer <= arch.n_layers:
            raise NnanimError(f"show_matrix: layer {layer} does not exist; the network has "
                              f"layers 1 to {arch.n_layers}")
        W = chapter.film.warp.params[layer - 1][0]
        # The output layer's caption reads z = Wh + b; a hidden layer is the article's o = W i.
        out, into = ("z", "h") if layer == arch.n_layers else ("o", "i")
        equation = matrix_equation(W, [f"{out}_{k + 1}" for k in range(W.shape[0])],
                                   [f"{into}_{k + 1}" for k in range(W.shape[1])])
        matrix = side_below(chapter.shown, equation, buff=0.4)
        scene = chapter.scene
        scene.play(Appear(matrix), run_time=scene.seconds(0.6))
        scene.pause(seconds)
        # It stays with the stage's caption, and goes when the next stage's caption comes.
        chapter.shown = VGroup(chapter.shown, matrix)

    return Beat(f"show layer {layer}'s matrix", play)
