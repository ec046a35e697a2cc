"""Validation shared by the geometry modules: one clear message per kind of mistake."""

from __future__ import annotations

import math

import numpy as np

from nnanim.errors import NnanimError


def check_progress(s: object, field: str = "s") -> float:
    """Return ``s`` as a float in [0, 1]: how far through a stage (0 = start, 1 = end)."""
    if isinstance(s, bool):
        raise NnanimError(f"{field}: {s!r} is not a number in [0, 1]")
    try:
        value = float(s)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise NnanimError(f"{field}: {s!r} is not a number in [0, 1]") from None
    if not (0.0 <= value <= 1.0):  # also rejects NaN
        raise NnanimError(f"{field}: {value!r} is outside [0, 1] (0 = stage start, 1 = stage end)")
    return value


def check_matrix(W: object, field: str = "W") -> np.ndarray:
    """Return ``W`` as a finite 2-D float64 array, else raise naming the problem."""
    array = np.asarray(W, dtype=np.float64)
    if array.ndim != 2 or 0 in array.shape:
        raise NnanimError(f"{field}: shape {array.shape} is not a (rows, columns) matrix")
    if not np.all(np.isfinite(array)):
        raise NnanimError(f"{field}: contains NaN or inf")
    return array


def check_points(points: object, width: int, field: str = "points") -> np.ndarray:
    """Return an array shaped ``(..., width)`` of finite float64 numbers."""
    array = np.asarray(points, dtype=np.float64)
    if array.ndim < 1 or array.shape[-1] != width:
        raise NnanimError(
            f"{field}: shape {array.shape} does not end in {width}; give one row of {width} "
            f"numbers per point"
        )
    if not np.all(np.isfinite(array)):
        raise NnanimError(f"{field}: contains NaN or inf; remove or fix those points")
    return array


def check_finite_number(value: object, field: str) -> float:
    """Return ``value`` as a finite float."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise NnanimError(f"{field}: {value!r} is not a number") from None
    if not math.isfinite(number):
        raise NnanimError(f"{field}: {value!r} is not finite")
    return number
