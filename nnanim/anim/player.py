"""One player for every warp window, 2-D or 3-D: a film's stages as manim animations.

A ``StagePlayer`` holds a film (``NetworkFilm`` or ``LiftFilm``), the view that draws its frames
(``PlaneView`` or ``SpaceView``) and where in the film it is. Its moves are ``Redraw``
animations, so a chapter plays them with ``scene.play`` beside captions and camera turns, or
chains them with ``Succession``: the picture at every frame is the film's frame at that moment,
computed from the network, never interpolated between copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from manim import Animation, VGroup

from nnanim.anim.films import Film, Frame
from nnanim.anim.lens import Lens
from nnanim.anim.motion import Redraw
from nnanim.anim.plane import PlaneView
from nnanim.anim.softmax_overlay import SoftmaxOverlay
from nnanim.anim.space3d import SpaceView, orbit_between, turned
from nnanim.errors import NnanimError
from nnanim.geometry.framing import Box
from nnanim.geometry.linear_path import Segment
from nnanim.geometry.space3d import Orbit, edge_on

View = PlaneView | SpaceView


@dataclass
class _Leg:
    """Where one move starts and ends: film progress, and camera (3-D views) if it turns."""

    s: tuple[float, float] = (0.0, 0.0)
    orbits: tuple[Orbit, Orbit] | None = None


class StagePlayer:
    """Plays a film's stages in one view: the data, grid and final boundary move together.

    ``start`` is ``(layer, stage, s)``, by default the first stage at s = 0; ``s`` is film time
    (the film paces each stage's own progress). A new stage starts at s = 0; the same stage
    again goes on from where it stopped, so a chapter can pause between moves (say, before the
    lift) and turn the camera. ``overlay`` makes the picture the softmax stage ends in, drawn
    under the data: by default the two-class one (``SoftmaxOverlay``); three classes use
    ``TriangleOverlay``. ``lens`` (a flat view's ``Lens``) is drawn with the view, as part of it.

    A chapter plays the moves (``scene.play(player.stage(0, "activation"))``); at the end of
    each the view shows every point where the network puts it:

    >>> from nnanim.anim.films import NetworkFilm
    >>> from nnanim.anim.layout import WINDOW
    >>> from nnanim.core.model import Architecture, forward_stages
    >>> arch = Architecture.from_table([(2, "tanh")])
    >>> params = [(np.array([[2.0, 0.0], [0.0, 0.5]]), np.zeros(2)), (np.eye(2), np.zeros(2))]
    >>> X, labels = np.array([[0.3, 0.2], [-0.4, 0.1], [0.1, -0.5]]), np.array([0, 1, 0])
    >>> player = StagePlayer(NetworkFilm(params, arch, X), PlaneView(WINDOW), labels)
    >>> move = player.stage(0, "activation")  # layer 1's tanh, as a manim animation
    >>> move.begin(); move.interpolate(1.0)  # what scene.play does, frame by frame
    >>> hidden = forward_stages(params, arch, X).hidden_outputs[0]
    >>> drawn = player.view.dots[1].dot_centers()
    >>> len(drawn), bool(np.allclose(drawn, player.view.scene_points(hidden[labels == 1])))
    (1, True)
    """

    def __init__(self, film: Film, view: View, labels: np.ndarray,
                 start: tuple[int, str, float] | None = None,
                 overlay: Callable[[View], VGroup] = SoftmaxOverlay,
                 lens: Lens | None = None) -> None:
        self.film = film
        self.view = view
        self.labels = np.asarray(labels)
        self.lens = lens
        if lens is not None:
            view.add(lens)
        self.overlay = overlay(view)
        self.overlay.set_opacity(0.0)
        view.underlay.add(self.overlay)
        layer, stage, s = start or (*film.warp.stages()[0], 0.0)
        self.position = (layer, stage)
        self.s = s
        self.redraw()

    @property
    def frame(self) -> Frame:
        return self.film.frame(*self.position, self.s)

    def redraw(self) -> None:
        """Draw the current frame (and the softmax picture during the softmax stage)."""
        frame = self.frame
        self.view.show_frame(frame, self.labels)
        if self.lens is not None:
            self.lens.show(frame, self.labels, *self.position, self.s)
        if self.position[1] == "softmax":
            self.overlay.show(frame.flat_box, line_opacity=self.s)

    def _enter(self, layer: int, stage: str) -> None:
        if (layer, stage) != self.position:
            self.position = (layer, stage)
            self.s = 0.0
        if stage == "softmax":
            self.overlay.reveal()

    def _move(self, stage: tuple[int, str] | None, until: float | None,
              camera: Callable[[Orbit], Orbit] | None, **kwargs) -> Animation:
        """Along the stage to ``until`` and the camera to ``camera(now)``, eased, redrawn.

        Where the move starts is read when it begins, so moves can be queued in a
        ``Succession``.
        """
        leg = _Leg()

        def start() -> None:
            if stage is not None:
                self._enter(*stage)
            leg.s = (self.s, self.s if until is None else until)
            if camera is not None:
                leg.orbits = (self.view.camera, camera(self.view.camera))

        def draw(t: float) -> None:
            s0, s1 = leg.s
            self.s = s0 + t * (s1 - s0)
            if leg.orbits is not None:
                self.view.camera = orbit_between(*leg.orbits, t)
            self.redraw()

        return Redraw(self.view, draw, start=start, within=self.drawn_within, **kwargs)

    @property
    def drawn_within(self) -> tuple[Box, ...]:
        """Where the view draws: its window, and its lens if it has one."""
        return (self.view.rect,) if self.lens is None else (self.view.rect, self.lens.rect)

    def stage(self, layer: int, stage: str, until: float = 1.0, drift: float = 0.0,
              **kwargs) -> Animation:
        """Play a stage up to ``until``; a 3-D camera drifts ``drift`` degrees round meanwhile
        (parallax: a slowly turning picture reads as 3-D)."""
        camera = (lambda now: turned(now, drift)) if drift else None
        return self._move((layer, stage), until, camera, **kwargs)

    def turn(self, target: Orbit, **kwargs) -> Animation:
        """Move only the camera (slowly: the eye needs time to rebuild the 3-D picture)."""
        return self._move(None, None, lambda _now: target, **kwargs)

    def edge_on(self, **kwargs) -> Animation:
        """Turn the camera the least it takes to look along the separating plane."""
        def target(now: Orbit) -> Orbit:
            plane = self.film.plane_at(*self.position, 1.0) or self.film.plane
            if plane is None:
                raise NnanimError("edge_on: this film has no one separating plane "
                                  "(three classes are cut by three half-planes)")
            return edge_on(plane[0], now, self.view.model_offset(plane))

        return self._move(None, None, target, **kwargs)

    def reveal_plane(self, **kwargs) -> Animation:
        """Fade the separating plane in (3-D views)."""
        return Redraw(self.view, self.view.show_plane, within=self.view.rect, **kwargs)

    def segment(self, layer: int, name: str) -> Segment:
        """The move ``name`` (``"lift"``, ``"flatten"``, ...) of a linear stage: where it starts
        and ends in film time (what ``stage(..., until=)`` takes)."""
        segment = next((seg for seg in self.film.warp.path(layer).segments if seg.name == name),
                       None)
        if segment is None:
            raise NnanimError(f"segment: layer {layer + 1} has no {name!r} move")
        pace = self.film.pace(layer, "linear")
        return Segment(name, pace.time(segment.start), pace.time(segment.end))
