"""Cairo paths remembered by the points they were built from.

manim rebuilds every shape's cairo path on every frame: it finds the shape's subpaths in Python
and issues one ``curve_to`` per Bezier curve. A lecture keeps two dozen text glyphs on screen
for thousands of frames with exactly the same points, so most of that work repeats itself
(75 µs a glyph, about a tenth of a 1080p frame's drawing). ``PathCache`` keeps the finished
path of recently drawn points and hands it back to cairo in one call. The path is the same
one cairo would build again, so the picture does not change by a single pixel.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable

import cairo
import numpy as np

PATHS_KEPT = 4096
"""Paths remembered at most (the least recently drawn go first): a few thousand glyphs' worth,
well under a megabyte, so a moving caption that never repeats cannot grow the cache."""


class PathCache:
    """The cairo path of each recently drawn set of points, under a given transform."""

    def __init__(self, capacity: int = PATHS_KEPT) -> None:
        self.capacity = capacity
        self._paths: OrderedDict[tuple, cairo.Path] = OrderedDict()

    def play_identity(self) -> str:
        """Nothing: paths kept to be drawn again never change a frame (``nnanim.anim.play_key``)."""
        return ""

    def __len__(self) -> int:
        return len(self._paths)

    def set_path(self, ctx: cairo.Context, points: np.ndarray, tolerance: float,
                 build: Callable[[], None]) -> None:
        """Make ``ctx``'s current path the one ``build()`` makes from ``points``.

        ``build`` must start a new path and depend on nothing but ``points``, ``tolerance``
        (how close two points are to count as one) and the context's transform: those are the
        key. The path is kept in user coordinates, so it is only reused under the same matrix.
        """
        key = (points.shape, points.tobytes(), tolerance, tuple(ctx.get_matrix()))
        path = self._paths.get(key)
        if path is None:
            build()
            self._paths[key] = ctx.copy_path()
            if len(self._paths) > self.capacity:
                self._paths.popitem(last=False)
            return
        self._paths.move_to_end(key)
        ctx.new_path()
        ctx.append_path(path)
