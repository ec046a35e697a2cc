"""When each part of a stage is shown: equal film time for equal motion on screen.

A stage is a path in its own progress ``u`` (0 to 1), and its formulas are linear in ``u``:
``(1 - u) a + u tanh(a)``, a stretch factor from 1 to ``σ``. What the viewer sees is the motion
relative to the view box, and that can crowd into a sliver of ``u``: with pre-activations of
100, the cloud keeps the shape of ``a`` until the last 2 % of the tanh stage and takes the
shape of ``tanh(a)`` in one frame. ``even_pace`` measures the on-screen motion along ``u`` and
maps film time ``t`` to ``u`` so that every frame moves the picture about as much as the next
(a share ``PLAIN_TIME`` of the time still runs evenly, so a stage that hardly moves on screen,
a shift followed by the box, takes its moment too). Nothing is interpolated: each frame is the
stage at some ``u``, and ``t = 0, 1`` are exactly ``u = 0, 1``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from nnanim.geometry.checks import check_progress

FIRST_STEPS = 24
"""The stage is measured at this many even steps of ``u``, then finer where it moves more."""
FINE_MOTION = 0.01
"""A step moving any point more than this share of the view is measured in halves."""
FINEST_STEP = 1e-7
"""Steps of ``u`` are never split below this (only a jump moves that much in so little)."""
PLAIN_TIME = 0.2
"""Share of the film time spread evenly over ``u``, whatever moves."""


class Pace:
    """Film time ``t`` to stage progress ``u`` and back: increasing, piecewise linear, exact ends."""

    def __init__(self, u: np.ndarray, t: np.ndarray) -> None:
        self._u = u
        self._t = t

    def progress(self, t: float) -> float:
        """The stage progress shown at film time ``t``."""
        t = check_progress(t, "t")
        return t if t in (0.0, 1.0) else float(np.interp(t, self._t, self._u))

    def time(self, u: float) -> float:
        """The film time at which the stage reaches progress ``u`` (say, where a move starts)."""
        u = check_progress(u, "u")
        return u if u in (0.0, 1.0) else float(np.interp(u, self._u, self._t))


def even_pace(in_view: Callable[[float], tuple[np.ndarray, np.ndarray]]) -> Pace:
    """The pace of a stage whose points, in view units, are ``in_view(u)``: ``(N, k)`` points
    and an ``(N,)`` mask of those inside the view (only those are drawn).

    View units: the view box is 1 across, so a move of 0.05 is 5 % of the window. The motion
    of a step is its largest move of a point drawn at either end; steps are halved until each
    moves at most ``FINE_MOTION``, then film time is shared in proportion to motion (and
    ``PLAIN_TIME`` evenly).
    """
    seen: dict[float, tuple[np.ndarray, np.ndarray]] = {}

    def at(u: float) -> tuple[np.ndarray, np.ndarray]:
        if u not in seen:
            points, shown = in_view(u)
            seen[u] = np.asarray(points, dtype=np.float64), np.asarray(shown, dtype=bool)
        return seen[u]

    def motion(a: float, b: float) -> float:
        (start, shown_start), (end, shown_end) = at(a), at(b)
        drawn = shown_start | shown_end
        if not drawn.any():
            return 0.0
        return float(np.sqrt(np.max(np.sum((end - start)[drawn] ** 2, axis=-1))))

    u_values = list(np.linspace(0.0, 1.0, FIRST_STEPS + 1))
    steps: list[tuple[float, float, float]] = []
    pending = [(a, b) for a, b in zip(u_values, u_values[1:])]
    while pending:
        a, b = pending.pop()
        moved = motion(a, b)
        if moved > FINE_MOTION and b - a > FINEST_STEP:
            middle = (a + b) / 2
            pending += [(a, middle), (middle, b)]
        else:
            steps.append((a, b, moved))
    steps.sort()
    starts = np.array([a for a, _, _ in steps] + [1.0])
    widths = np.diff(starts)
    moves = np.array([moved for _, _, moved in steps])
    total = float(moves.sum())
    share = widths if total == 0.0 else (1 - PLAIN_TIME) * moves / total + PLAIN_TIME * widths
    t = np.concatenate([[0.0], np.cumsum(share)])
    return Pace(starts, t / t[-1])
