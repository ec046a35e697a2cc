"""Your own torch network in your own scene: the public drawing side of ``nnanim``.

A teacher's scene derives from ``nnanim.LectureScene`` and calls two functions:

* ``show_training(scene, network, X, y, checkpoints)``: the training chapter (heatmap,
  boundary, loss and accuracy) replayed from the state dicts saved while training;
* ``show_inside(scene, network, X, y, center=, size=)``: the trained network warping the
  points layer by layer in a square window placed and sized by the scene, ending on the
  softmax line (two classes) or triangle (three).

Both read the module with ``nnanim.core.torch_bridge.network_from_torch``, so every frame is
the module's own forward pass. On a dark scene (``LectureScene.dark``) the pictures sit on a
card of nnanim's light paper: their colours (the classes, the boundary, the ink of the chart)
are chosen for it.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
from manim import Group, Mobject, Rectangle, Scene

from nnanim.anim.chapters.inside import DRIFT, TURN_SECONDS, pieces
from nnanim.anim.chapters.training import play_training
from nnanim.anim.films import LiftFilm, NetworkFilm, inside_film
from nnanim.anim.layout import CHART, SIDE_RIGHT, TITLE_Y, WINDOW
from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Appear
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.anim.space3d import FROM_ABOVE, OBLIQUE, SpaceView
from nnanim.anim.triangle_film import SQUARE_ON, TriangleFilm, TriangleOverlay
from nnanim.core.model import Architecture, Params, as_points
from nnanim.core.run import Run
from nnanim.core.subsample import drawn_points
from nnanim.core.trajectory import Trajectory
from nnanim.errors import NnanimError, check_positive_float
from nnanim.geometry.framing import Box
from nnanim.palette import BACKGROUND
from nnanim.settings import TRAINING_SECONDS

CARD_MARGIN = 0.25
"""Paper around a picture on a dark scene, in scene units."""


def check_scene(scene: object) -> LectureScene:
    """The scene, if nnanim can draw in it; else one line naming the base class to use."""
    if not isinstance(scene, LectureScene):
        kind = type(scene).__name__
        plain = " (a plain manim Scene)" if isinstance(scene, Scene) else ""
        raise NnanimError(f"scene: {kind}{plain} cannot show nnanim's pictures; derive your "
                          f"scene from nnanim.LectureScene: class {kind}(nnanim.LectureScene)")
    return scene


def _film(params: Params, arch: Architecture, X: np.ndarray) -> NetworkFilm | LiftFilm:
    return TriangleFilm(params, arch, X) if arch.classes == 3 else inside_film(params, arch, X)


def network_film(network: object, X: np.ndarray) -> NetworkFilm | LiftFilm:
    """Every stage of the torch ``network`` on the points ``X``: what ``show_inside`` plays
    (flat, in 3-D, or down to the triangle for three classes)."""
    from nnanim.core.torch_bridge import network_from_torch

    arch, params = network_from_torch(network)
    return _film(params, arch, as_points(X))


def _labels(y: object, n: int, classes: int) -> np.ndarray:
    labels = np.asarray(y)
    if n == 0 or labels.shape != (n,) or not np.issubdtype(labels.dtype, np.integer) \
            or labels.min() < 0 or labels.max() >= classes:
        raise NnanimError(f"y: give one integer label 0..{classes - 1} per point ({n} points)")
    return labels


def _card(scene: LectureScene, around: Box) -> Group:
    """On a dark scene, nnanim's paper to lay under ``around`` (the group holds it, so the
    picture and its card leave together); on the light one, an empty group."""
    card = Group()
    if scene.dark:
        card.add(Rectangle(width=around.width + 2 * CARD_MARGIN,
                           height=around.height + 2 * CARD_MARGIN, stroke_width=0,
                           fill_color=BACKGROUND, fill_opacity=1.0).move_to([*around.center, 0]))
    return card


def show_inside(scene: LectureScene, network: object, X: np.ndarray, y: np.ndarray,
                center: Sequence[float] = tuple(WINDOW.center), size: float = WINDOW.width,
                stage_seconds: float = 2.2) -> Mobject:
    """Play ``network`` warping the points ``X`` (labels ``y``) through every stage of every
    layer (``W``, then ``+ b``, then the activation), ending on the softmax line or triangle.

    The square window of side ``size`` is centred on ``center`` (scene units; the frame is
    14.2 × 8). Each stage ends exactly where the module's forward pass puts the points, and
    each is a beat (a slide with ``NNANIM_SLIDES=1``). A large set is drawn as a sample that
    keeps every class's share (``nnanim.core.subsample``). Returns the window (with its card on a
    dark scene) as one group, left on screen.
    """
    from nnanim.core.torch_bridge import network_from_torch

    scene = check_scene(scene)
    size = check_positive_float("size", size)
    stage_seconds = check_positive_float("stage_seconds", stage_seconds)
    middle = np.asarray(center, dtype=np.float64) if np.size(center) == 2 else None
    if middle is None or not np.all(np.isfinite(middle)):
        raise NnanimError(f"center: {center!r} is not a point (x, y) in scene units")
    arch, params = network_from_torch(network)
    X = as_points(X)
    labels = _labels(y, len(X), arch.classes)
    drawn = drawn_points(labels)  # a large set: a sample keeping every class's share
    film, labels = _film(params, arch, X[drawn]), labels[drawn]
    rect = Box.around(middle, size, size)
    three = arch.classes == 3
    if isinstance(film, NetworkFilm):
        player = StagePlayer(film, PlaneView(rect), labels)
    else:
        view = SpaceView(rect, camera=FROM_ABOVE, plane_opacity=0.0)
        player = StagePlayer(film, view, labels,
                             **({"overlay": TriangleOverlay} if three else {}))
    card = _card(scene, rect)
    scene.play(*[Appear(part) for part in (*card, player.view)], run_time=scene.seconds(1.0))
    steps = pieces(film)
    solid = [i for i, piece in enumerate(steps) if piece.solid]
    for i, piece in enumerate(steps):
        if solid and i == solid[0]:
            scene.play(player.turn(OBLIQUE, run_time=scene.seconds(TURN_SECONDS)))
        if isinstance(player.view, SpaceView) and piece.layer == arch.n_layers - 1:
            player.view.name_axes(("y_1", "y_2", "y_3") if piece.stage == "softmax"
                                  else ("z_1", "z_2", "z_3"))
        drift = DRIFT * piece.share if piece.solid else 0.0
        scene.play(player.stage(piece.layer, piece.stage, until=piece.until, drift=drift,
                                run_time=scene.seconds(stage_seconds * piece.share)))
        if solid and i == solid[-1] and not three:
            scene.play(player.turn(FROM_ABOVE, run_time=scene.seconds(TURN_SECONDS)))
        if piece.until == 1.0:
            scene.beat()
    if three:
        scene.play(player.turn(SQUARE_ON, run_time=scene.seconds(3.0)))
    scene.pause(1.0)
    return card.add(player.view)


def show_training(scene: LectureScene, network: object, X: np.ndarray, y: np.ndarray,
                  checkpoints: Mapping[int, Mapping] | Sequence[tuple[int, Mapping]],
                  seconds: float = TRAINING_SECONDS) -> Mobject:
    """Replay your training: ``checkpoints`` are ``(epoch, state_dict)`` pairs (or a dict
    ``{epoch: state_dict}``) saved while ``network`` trained on ``X``, ``y``, the first before
    any step. Every frame draws the weights between two checkpoints (a monotone cubic through
    them), its heatmap and boundary, and the loss and accuracy on ``X``. The picture takes
    nnanim's layout (window left, chart right); returns the window (with its card on a dark
    scene) as one group, left on screen.
    """
    from nnanim.core.torch_bridge import checkpoints_from_torch

    scene = check_scene(scene)
    seconds = check_positive_float("seconds", seconds)
    X = as_points(X)
    trajectory: Trajectory = checkpoints_from_torch(network, checkpoints, X, y)
    run = Run(None, trajectory, X, _labels(y, len(X), trajectory.arch.classes))
    area = Box(WINDOW.xmin, SIDE_RIGHT, CHART.ymin - 0.3, TITLE_Y - 0.6)
    card = _card(scene, area.union(WINDOW))
    scene.add(card)
    scene.bring_to_back(card)
    return card.add(play_training(scene, run, seconds))
