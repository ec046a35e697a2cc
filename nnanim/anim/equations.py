"""Formulas built from the trained weights: the numbers on screen are the network's own.

``matrix_equation`` writes ``o = W i`` as the article does, with ``W`` rounded to 2 decimals.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import MathTex

from nnanim.errors import NnanimError
from nnanim.palette import INK


def _number(value: float) -> str:
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def column(names: Sequence[str]) -> str:
    """TeX of a column vector of symbols, e.g. ``("i_1", "i_2")``."""
    return r"\begin{pmatrix}" + r"\\".join(names) + r"\end{pmatrix}"


def matrix_equation(W: np.ndarray, out: Sequence[str], into: Sequence[str],
                    font_size: float = 34) -> MathTex:
    """``out = W into`` with the learned numbers of ``W``, as the article writes ``o = W i``."""
    W = np.asarray(W, dtype=np.float64)
    if W.shape != (len(out), len(into)):
        raise NnanimError(f"W: shape {W.shape} does not map {len(into)} values to {len(out)}")
    rows = r"\\".join(" & ".join(_number(v) for v in row) for row in W)
    return MathTex(column(out), "=", r"\begin{pmatrix}" + rows + r"\end{pmatrix}", column(into),
                   color=INK, font_size=font_size)
