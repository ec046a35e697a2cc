"""A lens beside a window: a small piece of the warp's picture, magnified, to scale.

Where a layer squashes the plane to nearly a line, its grid drawn to scale is one grey stroke
under the dots (``nnanim.geometry.lens``). The lens shows the same frame round one point of
the plane (where the final boundary parts the classes), magnified by a round factor it
names (``×20``), with a square in the window marking where it looks: the grid, the points and
the dashed final boundary are all still there, and the viewer sees the plane is a thin band.
It is on for the stages that end with the plane that thin, and for those between two such
stages (a lens coming and going every stage would be noise), never for the softmax, whose
picture is a line by design. Each stage's magnification is set by how thin the plane is at
the stage's end. Lines in the lens are resampled where it looks (``refine_near``), so what
it magnifies is the warp itself, not the straight pieces the window draws between samples.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from manim import RIGHT, UP, Group, VGroup, VMobject

from nnanim.anim.films import Frame, NetworkFilm
from nnanim.anim.plane import PlaneView
from nnanim.anim.shapes import Polylines
from nnanim.anim.typeset import set_line
from nnanim.geometry.boundary import logit_margin
from nnanim.geometry.framing import Box, to_scene
from nnanim.geometry.lens import (
    Move, fade_level, is_thin, onto_zero_set, plane_thickness, refine_near, zoom_for,
)
from nnanim.palette import MUTED

LENS_RECT = Box.around((3.75, -1.25), 3.3, 3.3)
"""Where the lens sits: the middle of the column right of the data window."""


def _followed_point(film: NetworkFilm) -> np.ndarray:
    """The point of the final boundary nearest the input window's centre, ``(1, 2)``: the
    classes part there, so few dots cover the grid, and the dashed boundary crosses the lens
    (the window's centre itself where there is no boundary)."""
    center = film.input_box.center
    if not film.boundary:
        return center[None]
    samples = np.concatenate(film.boundary)[:, :2]
    return samples[np.argmin(np.linalg.norm(samples - center, axis=1))][None]


class Lens(Group):
    """The lens for ``window`` playing ``film``: ``show`` draws it for one frame."""

    def __init__(self, window: PlaneView, film: NetworkFilm, rect: Box = LENS_RECT) -> None:
        super().__init__()
        self.window, self.film, self.rect = window, film, rect
        self.view = PlaneView(rect)
        self.marker = Polylines(stroke_color=MUTED, stroke_width=1.5)
        """The square in the window the lens shows, and two lines from it to the lens."""
        self.center = _followed_point(film)
        """The input point the lens follows through the warp (on the plane, where it parts
        the classes)."""
        margin = partial(logit_margin, film.warp.params, film.arch)
        self.settle = onto_zero_set(margin, 1e-7 * film.reach.width)
        """Puts new boundary points back on the boundary (``refine_near``)."""
        stages = film.warp.stages()
        thickness = [plane_thickness(self._move(layer, stage, 1.0), self.center[0], film.reach,
                                     film.box(layer, stage, 1.0).width)
                     for layer, stage in stages]
        thin = [is_thin(t) and stage != "softmax" for t, (_, stage) in zip(thickness, stages)]
        # On where the plane is thin, and between two such stages (no coming and going).
        on = [thin[i] or (any(thin[:i]) and any(thin[i + 1:])) for i in range(len(stages))]
        self.plan: dict[tuple[int, str], tuple[bool, int]] = {
            where: (shown, zoom_for(t)) for where, shown, t in zip(stages, on, thickness)}
        self.before = {here: self.plan[there][0] for there, here in zip(stages, stages[1:])}
        self.names = {zoom: set_line(f"\u00d7{zoom}", 26, MUTED)
                      .next_to([rect.xmax, rect.ymax, 0], UP, buff=0.12, aligned_edge=RIGHT)
                      for zoom in sorted({zoom for on, zoom in self.plan.values() if on})}
        self.add(self.marker, self.view, VGroup(*self.names.values()))
        self._bases = [(part, part.get_fill_opacity(), part.get_stroke_opacity())
                       for part in self.get_family() if isinstance(part, VMobject)]
        self.zoom: int | None = None
        """The magnification shown (named over the lens)."""
        self._drawn: tuple[float, int | None] | None = None
        self._blank = False
        self._forget()
        self._set_level(0.0)

    @property
    def used(self) -> bool:
        """Whether this film ever squashes the plane enough to need the lens."""
        return any(on for on, _ in self.plan.values())

    def show(self, frame: Frame, labels: np.ndarray, layer: int, stage: str, t: float) -> None:
        """Draw the lens for ``frame``, the film's frame at film time ``t`` of the stage."""
        on, zoom = self.plan[layer, stage]
        level = fade_level(self.before.get((layer, stage), False), on, t)
        if level > 0.0:
            move = self._move(layer, stage, self.film.pace(layer, stage).progress(t))
            side = frame.box.width / zoom
            looked_at = Box.around(move(self.center)[0], side, side)
            self.view.show(looked_at, frame.points, labels,
                           grid=refine_near(self.film.grid, move, looked_at),
                           final_boundary=refine_near(self.film.boundary, move, looked_at,
                                                      self.settle))
            self._mark(looked_at, frame.box)
            self.zoom = zoom
            self._blank = False
        else:
            self._forget()
        self._set_level(level)

    def _forget(self) -> None:
        """Hidden, hold no trace of the last frame shown: a lens that faded out is then the
        same object whether its fade was drawn frame by frame or skipped, so the next play
        has one key either way (``nnanim.anim.play_key``)."""
        if self._blank:
            return
        self.view.show(self.rect, np.empty((0, 2)), np.empty(0, dtype=int), grid=[],
                       final_boundary=[])
        self.marker.set_lines([])
        self.zoom = None
        self._blank = True

    def _move(self, layer: int, stage: str, s: float) -> Move:
        """Input points to where the stage has them at its own progress ``s``."""
        return lambda points: self.film.points(points, layer, stage, s)

    def _mark(self, looked_at: Box, box: Box) -> None:
        """The square the lens shows, in the window, and lines from it to the lens's corners."""
        corners = to_scene(looked_at.corners(), box, self.window.rect)[:, :2]
        if not self.window.rect.contains(corners.mean(axis=0)):
            self.marker.set_lines([])
            return
        lens = self.rect.corners()
        square = np.vstack([corners, corners[:1]])
        # From the square's right-hand corners to the lens's left-hand ones.
        lines = [square, np.array([corners[2], lens[3]]), np.array([corners[1], lens[0]])]
        self.marker.set_lines([np.column_stack([line, np.zeros(len(line))]) for line in lines])

    def _set_level(self, level: float) -> None:
        """Every part at ``level`` of its own opacity; of the magnification names, only the
        current one."""
        if self._drawn == (level, self.zoom):
            return
        shown = {id(part) for zoom, name in self.names.items() if zoom == self.zoom
                 for part in name.get_family()}
        hidden = {id(part) for name in self.names.values() for part in name.get_family()}
        for part, fill, stroke in self._bases:
            scale = level if id(part) in shown or id(part) not in hidden else 0.0
            part.set_fill(opacity=fill * scale, family=False)
            part.set_stroke(opacity=stroke * scale, family=False)
        self._drawn = (level, self.zoom)
