"""Your own torch network in your own scene: the public drawing side of ``nnanim``.

A teacher's scene derives from ``nnanim.LectureScene`` and calls two functions, each placing
its picture where the scene asks (``center=``, ``size=``) and refusing, in one line and before
any work, a scene that is not a ``LectureScene`` or a place off the frame:

* ``show_training(scene, network, X, y, checkpoints)``: the training chapter (heatmap,
  boundary, loss and accuracy) replayed from the state dicts saved while training;
* ``show_inside(scene, network, X, y)``: the trained network warping the points layer by
  layer in a square window, ending on the softmax line (two classes) or triangle (three).

Both read the module with ``nnanim.core.torch_bridge.network_from_torch``, so every frame is
the module's own forward pass. On a dark scene (``LectureScene.dark``) the pictures sit on a
card of nnanim's light paper: their colours (the classes, the boundary, the ink of the chart)
are chosen for it.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
from manim import Group, Mobject, Rectangle, Scene, config

from nnanim.anim.chapters.inside import DRIFT, TURN_SECONDS, pieces
from nnanim.anim.chapters.training import play_training
from nnanim.anim.films import LiftFilm, NetworkFilm, inside_film
from nnanim.anim.layout import TRAINING, WINDOW, Placement
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
from nnanim.errors import NnanimError, check_positive_float, shown
from nnanim.geometry.framing import Box
from nnanim.palette import BACKGROUND
from nnanim.settings import TRAINING_SECONDS

INSIDE_CENTER = tuple(round(float(v), 6) for v in WINDOW.center)
"""Where a lecture puts its inside window (plain numbers, as ``help()`` and the docs show them)."""
TRAINING_CENTER = tuple(round(float(v), 6) for v in TRAINING.center)
"""Where a lecture puts its training picture."""

CARD_MARGIN = 0.25
"""Paper around a picture on a dark scene, in scene units."""
TRAINING_ASPECT = TRAINING.aspect
"""The training picture's width over its height (the window's side)."""
SMALLEST_TRAINING = 3.5
"""The least height of the training picture: its chart's numbers are then 0.1 scene units
high (14 px at 1080p), half their size in the lectures."""


def check_scene(scene: object) -> LectureScene:
    """The scene, if nnanim can draw in it; else one line naming the base class to use.

    Every function that draws calls this first, before it reads anything else, so a plain
    manim ``Scene`` (or anything else) is told what to change, not handed an AttributeError
    from deep inside the drawing.
    """
    if isinstance(scene, type) and issubclass(scene, LectureScene):
        raise NnanimError(f"scene: the class {scene.__name__} was given, not a scene; pass the "
                          "scene itself (self, in construct)")
    if not isinstance(scene, LectureScene):
        kind = type(scene).__name__
        plain = " (a plain manim Scene)" if isinstance(scene, Scene) else ""
        raise NnanimError(f"scene: {kind}{plain} cannot show nnanim's pictures; derive your "
                          f"scene from nnanim.LectureScene: class {kind}(nnanim.LectureScene)")
    return scene


def _film(params: Params, arch: Architecture, X: np.ndarray) -> NetworkFilm | LiftFilm:
    return TriangleFilm(params, arch, X) if arch.classes == 3 else inside_film(params, arch, X)


def network_film(network: object, X: np.ndarray) -> NetworkFilm | LiftFilm:
    """Every stage ``show_inside`` plays of the torch ``network`` on the points ``X``, as
    arrays: to check, in your own code, that the pictures are your network's.

    ``film.warp.stages()`` lists the ``(layer, stage)`` pairs in the order they are played
    (``linear``, ``bias``, ``activation`` for each layer, and ``softmax`` last), and
    ``film.frame(layer, stage, t)`` is what is drawn at the stage's film time ``t`` (0 to 1):
    ``.points`` where each point of ``X`` is (at ``t = 1``, exactly the stage's output),
    ``.grid`` and ``.final_boundary`` the lines drawn with them. The film is flat, in 3-D for
    a layer of 3 units, or the triangle for three classes, as ``show_inside`` shows it. The
    last stage is the softmax of the module's output:

    >>> import torch
    >>> torch.manual_seed(0)  # doctest: +ELLIPSIS
    <torch._C.Generator object at ...>
    >>> net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Tanh(), torch.nn.Linear(2, 2))
    >>> X = np.array([[-1.0, -0.5], [-0.8, 0.4], [0.9, 0.2], [1.1, -0.6]])
    >>> film = network_film(net, X)
    >>> film.warp.stages()[-1]
    (1, 'softmax')
    >>> drawn = film.frame(1, "softmax", 1.0).points
    >>> with torch.no_grad():
    ...     p = torch.softmax(net(torch.tensor(X, dtype=torch.float32)), dim=1).numpy()
    >>> bool(np.abs(drawn - p).max() < 1e-6)
    True
    """
    from nnanim.core.torch_bridge import network_from_torch

    arch, params = network_from_torch(network)
    return _film(params, arch, as_points(X))


def _labels(y: object, n: int, classes: int) -> np.ndarray:
    labels = np.asarray(y)
    if n == 0 or labels.shape != (n,) or not np.issubdtype(labels.dtype, np.integer) \
            or labels.min() < 0 or labels.max() >= classes:
        raise NnanimError(f"y: give one integer label 0..{classes - 1} per point ({n} points)")
    return labels


def _frame() -> Box:
    """The scene's frame, in scene units (manim's, centred on 0)."""
    return Box.around((0.0, 0.0), config.frame_width, config.frame_height)


def _card(scene: LectureScene, around: Box) -> Group:
    """On a dark scene, nnanim's paper to lay under ``around`` (the group holds it, so the
    picture and its card leave together), cut at the frame's edge; on the light one, an empty
    group."""
    card = Group()
    if scene.dark:
        frame, paper = _frame(), Box.around(around.center, around.width + 2 * CARD_MARGIN,
                                            around.height + 2 * CARD_MARGIN)
        paper = Box(max(paper.xmin, frame.xmin), min(paper.xmax, frame.xmax),
                    max(paper.ymin, frame.ymin), min(paper.ymax, frame.ymax))
        card.add(Rectangle(width=paper.width, height=paper.height, stroke_width=0,
                           fill_color=BACKGROUND, fill_opacity=1.0).move_to([*paper.center, 0]))
    return card


def _placed(center: object, size: object, standard: Box, what: str,
            smallest: float = 0.0) -> Placement:
    """``standard`` centred on ``center``, ``size`` high: checked to lie in the frame and to be
    large enough to read, before any drawing."""
    size = check_positive_float("size", size)
    try:
        middle = np.asarray(center, dtype=np.float64).reshape(2)
    except (TypeError, ValueError):
        middle = None
    if middle is None or not np.all(np.isfinite(middle)):
        raise NnanimError(f"center: {shown(center)} is not a point (x, y) in scene units")
    if size < smallest:
        raise NnanimError(f"size: {size:g} is too small to read {what}; use size >= {smallest:g}")
    place = Placement.at(standard, middle, size)
    drawn, frame = place.picture, _frame()
    over = max(frame.xmin - drawn.xmin, drawn.xmax - frame.xmax, frame.ymin - drawn.ymin,
               drawn.ymax - frame.ymax)
    if over > 1e-9:
        raise NnanimError(
            f"center, size: {what} ({drawn.width:.2f} × {drawn.height:.2f} at size {size:g}) "
            f"around ({middle[0]:g}, {middle[1]:g}) leaves the frame ({frame.width:.2f} × "
            f"{frame.height:.2f}, centred on 0) by {over:.2f}; make size smaller or move center")
    return place


def show_inside(scene: LectureScene, network: object, X: np.ndarray, y: np.ndarray,
                center: Sequence[float] = INSIDE_CENTER, size: float = WINDOW.width,
                stage_seconds: float = 2.2) -> Mobject:
    """Play ``network`` warping the points ``X`` (labels ``y``) through every stage of every
    layer (``W``, then ``+ b``, then the activation), ending on the softmax line or triangle.

    The square window of side ``size`` is centred on ``center`` (scene units; the frame is
    14.2 × 8, centred on 0), and must lie in the frame. Each stage ends exactly where the
    module's forward pass puts the points, and each is a beat (a slide with
    ``NNANIM_SLIDES=1``). A large set is drawn as a sample that keeps every class's share
    (``nnanim.core.subsample``). Returns the window (with its card on a dark scene) as one
    group, left on screen. In your scene's ``construct``, after training ``net``:

    .. code-block:: python

        nnanim.show_inside(self, net, X, y, center=(3.5, 0), size=5)

    Checked in a moment, without writing a video (manim's ``dry_run``) and with every play
    jumping to its end (``skip_animations``, as ``manim -s`` does):

    >>> import torch
    >>> from manim import tempconfig
    >>> torch.manual_seed(0)  # doctest: +ELLIPSIS
    <torch._C.Generator object at ...>
    >>> net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Tanh(), torch.nn.Linear(2, 2))
    >>> X = np.array([[-1.0, -0.5], [-0.8, 0.4], [0.9, 0.2], [1.1, -0.6]])
    >>> y = np.array([0, 0, 1, 1])
    >>> class Inside(LectureScene):
    ...     def construct(self):
    ...         self.shown = show_inside(self, net, X, y, center=(3.5, 0), size=5)
    >>> with tempconfig({"dry_run": True, "progress_bar": "none"}):
    ...     scene = Inside(skip_animations=True)
    ...     _ = scene.render()
    >>> scene.shown.get_center().round(2).tolist(), round(float(scene.shown.width), 2)
    ([3.5, 0.0, 0.0], 5.0)
    """
    from nnanim.core.torch_bridge import network_from_torch

    scene = check_scene(scene)
    rect = _placed(center, size, WINDOW, "the window").picture
    stage_seconds = check_positive_float("stage_seconds", stage_seconds)
    arch, params = network_from_torch(network)
    X = as_points(X)
    labels = _labels(y, len(X), arch.classes)
    drawn = drawn_points(labels)  # a large set: a sample keeping every class's share
    film, labels = _film(params, arch, X[drawn]), labels[drawn]
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
                  seconds: float = TRAINING_SECONDS,
                  center: Sequence[float] = TRAINING_CENTER,
                  size: float = TRAINING.height) -> Mobject:
    """Replay your training: ``checkpoints`` are ``(epoch, state_dict)`` pairs (or a dict
    ``{epoch: state_dict}``) saved while ``network`` trained on ``X``, ``y``, the first before
    any step. Every frame draws the weights between two checkpoints (a monotone cubic through
    them), its heatmap and boundary, and the loss and accuracy on ``X``.

    The picture is the square window (heatmap, boundary, points) with the epoch, the accuracy
    and the loss/accuracy chart to its right: ``size`` high (the window's side) and about
    1.95 × ``size`` wide (``TRAINING_ASPECT``), centred on ``center`` (scene units; the frame
    is 14.2 × 8, centred on 0). It moves and scales as one, and must lie in the frame and be
    at least 3.5 high (``SMALLEST_TRAINING``), so its numbers can be read. By default it takes
    the lectures' place. Returns the window (with its card on a dark scene) as one group, left on
    screen. In your scene's ``construct``, with ``checkpoints`` saved while ``net`` trained:

    .. code-block:: python

        nnanim.show_training(self, net, X, y, checkpoints, center=(0, -1), size=5)

    Checked in a moment, without writing a video (manim's ``dry_run``) and with every play
    jumping to its end (``skip_animations``, as ``manim -s`` does):

    >>> import torch
    >>> from manim import tempconfig
    >>> torch.manual_seed(0)  # doctest: +ELLIPSIS
    <torch._C.Generator object at ...>
    >>> net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Tanh(), torch.nn.Linear(2, 2))
    >>> X = np.array([[-1.0, -0.5], [-0.8, 0.4], [0.9, 0.2], [1.1, -0.6]])
    >>> y = np.array([0, 0, 1, 1])
    >>> step, checkpoints = torch.optim.Adam(net.parameters(), lr=0.1), []
    >>> for epoch in range(31):
    ...     checkpoints.append((epoch, {k: v.clone() for k, v in net.state_dict().items()}))
    ...     step.zero_grad()
    ...     loss = torch.nn.functional.cross_entropy(net(torch.tensor(X).float()), torch.tensor(y))
    ...     loss.backward()
    ...     step.step()
    >>> class Training(LectureScene):
    ...     def construct(self):
    ...         self.shown = show_training(self, net, X, y, checkpoints, center=(0, -1), size=5)
    >>> with tempconfig({"dry_run": True, "progress_bar": "none"}):
    ...     scene = Training(skip_animations=True)
    ...     _ = scene.render()
    >>> window = scene.shown  # the window's left edge is the picture's: 1.95 × 5 wide, centred
    >>> round(float(window.height), 2), round(float(window.get_left()[0]), 2)
    (5.0, -4.87)
    """
    from nnanim.core.torch_bridge import checkpoints_from_torch

    scene = check_scene(scene)
    place = _placed(center, size, TRAINING, "the training picture", SMALLEST_TRAINING)
    seconds = check_positive_float("seconds", seconds)
    X = as_points(X)
    trajectory: Trajectory = checkpoints_from_torch(network, checkpoints, X, y)
    run = Run(None, trajectory, X, _labels(y, len(X), trajectory.arch.classes))
    card = _card(scene, place.picture)
    scene.add(card)
    scene.bring_to_back(card)
    return card.add(play_training(scene, run, seconds, place))
