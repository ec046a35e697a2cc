"""The sentences and formulas of the 3-D chapters, in English and Japanese.

Kept beside the chapters until they join ``nnanim.captions``; the lookup works the same way
(``NNANIM_LANG`` picks the language, every key exists in both). The matrices are built from
the trained weights, so the numbers on screen are the network's own, rounded to 2 decimals.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import MathTex, VGroup

from nnanim.anim.lecture import LectureScene, lecture_text
from nnanim.palette import INK
from nnanim.errors import NnanimError

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "lift_title": "Beyond the plane:  2 → 3 → 2",
        "compare_heading": "The donut with 2 hidden units, and with 3",
        "units": "{n} tanh units",
        "compare_stuck": "2 units: a warp of the plane cannot cut out an island",
        "compare_solved": "3 units: lift the plane into 3-D, then cut it with a flat plane",
        "lift_heading": "2 → 3:  the plane is lifted into 3-D",
        "lift_from_above": "seen from above, this is the input plane",
        "lift_learned": "how to lift it is learned",
        "lift_in_floor": "first it turns and stretches in the floor  o₃ = 0",
        "lift_rise": "then it rises out of the floor, tilted",
        "plane_heading": "The boundary in this space is a flat plane",
        "plane_equation": "the points where the two logits are equal",
        "edge_on": "seen edge-on: the two classes lie on either side",
        "project_heading": "3 → 2:  projected back onto a plane",
        "project_learned": "from which angle to project is learned too",
        "project_flatten": "the direction the output layer does not read\nis squashed to 0",
        "wide_heading": "Inside the {n}-unit layer, in 3-D",
        "wide_view": (
            "the 3 directions: 2 that the output layer reads\n+ the strongest remaining one"
        ),
        "wide_edge_on": "seen edge-on, the output layer's plane\nseparates the classes",
        "islands_heading": "Early in training: islands",
        "islands_input": "epoch {epoch}:  {count} separate boundary curves",
        "islands_hidden": "inside the layer, all {count} curves lie on one flat plane",
        "islands_none_heading": "Islands early in training?",
        "no_islands": (
            "No islands in this run: the boundary is one curve\n"
            "at every one of the {count} checkpoints"
        ),
    },
    "ja": {
        "lift_title": "平面の外へ:  2 → 3 → 2",
        "compare_heading": "ドーナツ: 中間層 2 ユニットと 3 ユニット",
        "units": "tanh {n} ユニット",
        "compare_stuck": "2 ユニット: 平面をどう歪めても島は切り出せない",
        "compare_solved": "3 ユニット: 3 次元へ持ち上げ、平らな面で切る",
        "lift_heading": "2 → 3:  平面を 3 次元へ持ち上げる",
        "lift_from_above": "上から見ると、これは入力の平面",
        "lift_learned": "どう持ち上げるかは学習される",
        "lift_in_floor": "まず床 (o₃ = 0) の中で回転・伸縮し",
        "lift_rise": "それから傾いて床から持ち上がる",
        "plane_heading": "この空間での境界は平らな面",
        "plane_equation": "2 つのロジットが等しい点の集まり",
        "edge_on": "真横から見ると、2 つのクラスは面の両側にある",
        "project_heading": "3 → 2:  平面へ射影して戻す",
        "project_learned": "どの角度から射影するかも学習される",
        "project_flatten": "出力層が読まない方向は\n0 につぶれる",
        "wide_heading": "{n} ユニットの層の中を 3 次元で見る",
        "wide_view": "3 つの方向: 出力層が読む 2 方向\n+ 残りで最も広がる 1 方向",
        "wide_edge_on": "真横から見ると、出力層の面が\nクラスを分けている",
        "islands_heading": "学習の初期: 島",
        "islands_input": "エポック {epoch}:  境界が {count} 本に分かれる",
        "islands_hidden": "層の中では {count} 本の曲線はすべて 1 枚の平面の上",
        "islands_none_heading": "学習の初期に島は?",
        "no_islands": "この学習では島は現れない: {count} 個のチェックポイント\nすべてで境界は 1 本",
    },
}


def lift_caption(key: str, lang: str, **values: object) -> str:
    """The sentence ``key`` in ``lang`` with its placeholders filled."""
    table = _TEXT.get(lang)
    if table is None or key not in table:
        raise NnanimError(f"caption: no text named {key!r} in {lang!r}")
    return table[key].format(**values)


def lift_text(scene: LectureScene, key: str, size: float = 28, color: str = INK,
              **values: object) -> VGroup:
    """A sentence of the 3-D chapters in the lecture's language and font."""
    return lecture_text(lift_caption(key, scene.lang, **values), size, color)


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
