"""Every sentence a lecture shows, in English and Japanese (the article's language).

Pick the language with ``NNANIM_LANG=ja`` (or ``en``, the default). Scenes never hold prose
themselves: they ask ``caption("key", ...)`` so both languages stay complete and in step.
"""

from __future__ import annotations

import os

from nnanim.errors import NnanimError, check_choice

LANGUAGES = ("en", "ja")
LANG_ENV = "NNANIM_LANG"

_CAPTIONS: dict[str, dict[str, str]] = {
    "en": {
        "swissroll_title": "What a neural network does to the swiss roll",
        "swissroll_subtitle": "Each layer moves the data:  Y = f(WX + B)",
        "data": "data",
        "model": "model",
        "training": "Training",
        "epoch": "epoch {epoch}",
        "loss": "loss",
        "accuracy": "accuracy",
        "inside": "Inside the trained network",
        "layer_linear": "layer {layer}:  W  (rotate, stretch)",
        "layer_linear_flip": "layer {layer}:  W  (rotate, stretch, flip)",
        "layer_lift": "layer {layer}:  W  ({m} → {n} dimensions)",
        "layer_bias": "layer {layer}:  + b  (shift)",
        "layer_tanh": "layer {layer}:  tanh  (squash)",
        "layer_relu": "layer {layer}:  ReLU  (fold negatives to 0)",
        "layer_sigmoid": "layer {layer}:  sigmoid  (squash)",
        "layer_linear_act": "layer {layer}:  f = identity  (nothing bends)",
        "logits": "output layer:  logits  z = Wh + b",
        "view_of": "a 2-D view of the {n}-D layer (the plane the next layer reads)",
        "softmax": "softmax:  every point lands on  y₁ + y₂ = 1",
        "softmax_boundary": "the boundary  y₁ = y₂  is perpendicular to that line",
        "final_boundary": "dashed: the final decision boundary",
        "accuracy_value": "accuracy {value:.1f} %",
        "verdict_fail_linear": "A straight line cannot separate the arms: the best it can do is a compromise.",
        "verdict_slow": "2 tanh units separate the arms, but the boundary is strained.",
        "verdict_deep": "Five layers of 2 tanh units bend the plane step by step.",
        "verdict_wide": "10 tanh units separate it too; early on, islands appear.",
        "class_1": "class 1",
        "class_2": "class 2",
        "title_E1": "two blobs, a linear model",
        "title_E2": "swiss roll, a linear model",
        "title_E3": "swiss roll, 2 tanh units",
        "title_E4": "swiss roll, 5 layers of 2 tanh units",
        "title_E5": "swiss roll, 10 tanh units",
        "title_E6": "donut, 2 tanh units",
        "title_E7": "donut, 10 tanh units",
        "title_E8": "donut in polar coordinates, a linear model",
        "title_C3": "donut, 3 tanh units",
    },
    "ja": {
        "swissroll_title": "ニューラルネットはスイスロールに何をしているか",
        "swissroll_subtitle": "各層はデータを動かす:  Y = f(WX + B)",
        "data": "データ",
        "model": "モデル",
        "training": "学習",
        "epoch": "エポック {epoch}",
        "loss": "損失",
        "accuracy": "正解率",
        "inside": "学習したネットワークの中",
        "layer_linear": "第{layer}層:  W  (回転・拡大縮小)",
        "layer_linear_flip": "第{layer}層:  W  (回転・拡大縮小・反転)",
        "layer_lift": "第{layer}層:  W  ({m} → {n} 次元)",
        "layer_bias": "第{layer}層:  + b  (平行移動)",
        "layer_tanh": "第{layer}層:  tanh  (押しつぶし)",
        "layer_relu": "第{layer}層:  ReLU  (負を 0 に折る)",
        "layer_sigmoid": "第{layer}層:  sigmoid  (押しつぶし)",
        "layer_linear_act": "第{layer}層:  f = 恒等写像  (曲がらない)",
        "logits": "出力層:  z = Wh + b",
        "view_of": "{n} 次元の層を 2 次元で見る (次の層が読む平面)",
        "softmax": "softmax:  すべての点が  y₁ + y₂ = 1  の上へ",
        "softmax_boundary": "境界  y₁ = y₂  はその直線に垂直",
        "final_boundary": "破線: 最終的な決定境界",
        "accuracy_value": "正解率 {value:.1f} %",
        "verdict_fail_linear": "直線では腕を分けられない: 最小コストの妥協線に落ち着く。",
        "verdict_slow": "tanh 2 ユニットで分離できるが、境界は無理をしている。",
        "verdict_deep": "2 ユニット tanh の 5 層は平面を少しずつ曲げる。",
        "verdict_wide": "tanh 10 ユニットでも分離できる。学習初期には島が現れる。",
        "class_1": "クラス 1",
        "class_2": "クラス 2",
        "title_E1": "2 つの塊、線形モデル",
        "title_E2": "スイスロール、線形モデル",
        "title_E3": "スイスロール、tanh 2 ユニット",
        "title_E4": "スイスロール、tanh 2 ユニット × 5 層",
        "title_E5": "スイスロール、tanh 10 ユニット",
        "title_E6": "ドーナツ、tanh 2 ユニット",
        "title_E7": "ドーナツ、tanh 10 ユニット",
        "title_E8": "極座標のドーナツ、線形モデル",
        "title_C3": "ドーナツ、tanh 3 ユニット",
    },
}


def language() -> str:
    """The caption language from ``$NNANIM_LANG`` (``en`` when unset)."""
    return check_choice(LANG_ENV, os.environ.get(LANG_ENV, "en") or "en", LANGUAGES)


def has_caption(key: str, lang: str | None = None) -> bool:
    """Whether a sentence named ``key`` exists (e.g. an optional per-experiment title)."""
    return key in _CAPTIONS[lang or language()]


def caption_template(key: str, lang: str | None = None) -> str:
    """The sentence ``key`` with its ``{placeholders}`` unfilled (for live numbers)."""
    table = _CAPTIONS[lang or language()]
    if key not in table:
        raise NnanimError(f"caption: no text named {key!r}")
    return table[key]


def caption(key: str, lang: str | None = None, **values: object) -> str:
    """The sentence ``key`` in the chosen language, with ``{placeholders}`` filled in."""
    table = _CAPTIONS[lang or language()]
    if key not in table:
        raise NnanimError(f"caption: no text named {key!r}")
    return table[key].format(**values)
