"""The input plane's grid, as densely sampled polylines that bend with the warp.

A straight grid line stops being straight after a tanh, so it cannot be drawn from its two end
points: each line is sampled (150 points by default, about one every 7 pixels across a 1080p
frame, enough for a tanh bend to look smooth) and every sample goes through the same ``Warp``
as the data, so lines and points agree exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnanim.errors import NnanimError, check_positive_int
from nnanim.geometry.framing import Box


@dataclass(frozen=True)
class GridLines:
    """Grid polylines ``lines`` ``(L, samples, 2)``: vertical lines first, then horizontal.

    ``values[i]`` is the x of a vertical line or the y of a horizontal one, so a scene can pick
    out the axes (value 0) or label lines; ``vertical[i]`` says which kind line ``i`` is.
    """

    lines: np.ndarray
    values: np.ndarray
    vertical: np.ndarray


def nice_step(span: float, target_lines: int) -> float:
    """A round spacing (1, 2 or 5 times a power of ten) for about ``target_lines`` over ``span``."""
    if not (span > 0 and math.isfinite(span)):
        raise NnanimError(f"span: {span!r} must be a positive finite length")
    raw = span / max(int(target_lines), 1)
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)


def grid_lines(
    box: Box, step: float | None = None, samples: int = 150, target_lines: int = 20
) -> GridLines:
    """Lines ``x = k·step`` and ``y = k·step`` crossing ``box``, each sampled ``samples`` times.

    Lines sit on round values (including 0 when it is in the box), so the grid reads like graph
    paper; without ``step``, about ``target_lines`` lines span the box's longer side.
    """
    samples = check_positive_int("samples", samples, minimum=2)
    if step is None:
        step = nice_step(max(box.width, box.height), target_lines)
    elif not (step > 0 and math.isfinite(step)):
        raise NnanimError(f"step: {step!r} must be a positive finite spacing")

    def values(low: float, high: float) -> np.ndarray:
        return np.arange(math.ceil(low / step), math.floor(high / step) + 1) * step

    xs, ys = values(box.xmin, box.xmax), values(box.ymin, box.ymax)
    along_y = np.linspace(box.ymin, box.ymax, samples)
    along_x = np.linspace(box.xmin, box.xmax, samples)
    vertical = np.stack(np.broadcast_arrays(xs[:, None], along_y[None, :]), axis=-1)
    horizontal = np.stack(np.broadcast_arrays(along_x[None, :], ys[:, None]), axis=-1)
    return GridLines(
        lines=np.concatenate([vertical, horizontal]),
        values=np.concatenate([xs, ys]),
        vertical=np.concatenate([np.ones(len(xs), bool), np.zeros(len(ys), bool)]),
    )
