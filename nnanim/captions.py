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
        "softmax_boundary": "the boundary  y₁ = y₂\nis perpendicular to that line",
        "final_boundary": "dashed: the final decision boundary",
        "accuracy_value": "accuracy {value:.1f} %",
        "verdict_fail_linear": "A straight line cannot separate the arms: the best it can do is a compromise.",
        "verdict_slow": "2 tanh units separate the arms, but the boundary is strained.",
        "verdict_deep": "Five layers of 2 tanh units bend the plane step by step.",
        "verdict_wide": "10 tanh units separate it too; early on, islands appear.",
        "class_1": "class 1",
        "class_2": "class 2",
        "linear_title": "A linear network only rotates, shifts and stretches",
        "linear_subtitle": "and two linear layers are still one linear layer",
        "verdict_blobs": "A straight line separates the blobs: no bending is needed.",
        "c1_heading": "Two linear layers = one linear layer",
        "c1_two": "two layers",
        "c1_one": "one combined layer",
        "c1_same": "Both end in the same place (largest difference {diff:.0e}).",
        "donut_title": "Why 2 units cannot cut an island out of the plane",
        "donut_subtitle": "a warp of the plane keeps the disk surrounded by the ring",
        "verdict_donut_fail": "A 2-D warp cannot pull the disk out of the ring: no straight cut separates them.",
        "verdict_donut_wide": "With 10 units the network lifts the disk out of the ring and separates it.",
        "polar_title": "Use what you know: the donut in polar coordinates",
        "polar_subtitle": "(x, y) → (r, θ): distance from the centre and angle",
        "polar_move": "every point moves to (r, θ)",
        "polar_axes": "r (distance)   →   θ (angle) ↑",
        "verdict_polar": "In (r, θ) a straight line r = constant separates the classes.",
        "softmax_title": "Softmax: why the boundary is the perpendicular line",
        "softmax_formula_note": "two outputs that always add up to 1",
        "softmax_logits": "the logits z of the trained network (E3)",
        "softmax_order": "z₁ > z₂ exactly when y₁ > y₂:\nsoftmax keeps the order",
        "softmax_regions": "light blue: class 1 (y₁ > y₂)\norange: class 2 (y₁ < y₂)",
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
        "softmax_boundary": "境界  y₁ = y₂  は\nその直線に垂直",
        "final_boundary": "破線: 最終的な決定境界",
        "accuracy_value": "正解率 {value:.1f} %",
        "verdict_fail_linear": "直線では腕を分けられない: 最小コストの妥協線に落ち着く。",
        "verdict_slow": "tanh 2 ユニットで分離できるが、境界は無理をしている。",
        "verdict_deep": "2 ユニット tanh の 5 層は平面を少しずつ曲げる。",
        "verdict_wide": "tanh 10 ユニットでも分離できる。学習初期には島が現れる。",
        "class_1": "クラス 1",
        "class_2": "クラス 2",
        "linear_title": "線形ネットワークは回転・平行移動・拡大縮小だけ",
        "linear_subtitle": "線形の 2 層は 1 層の線形変換と同じ",
        "verdict_blobs": "直線で 2 つの塊を分けられる: 曲げる必要はない。",
        "c1_heading": "線形 2 層 = 線形 1 層",
        "c1_two": "2 層",
        "c1_one": "まとめた 1 層",
        "c1_same": "どちらも同じ場所に行き着く (最大の差 {diff:.0e})。",
        "donut_title": "2 ユニットでは平面から島を切り出せない理由",
        "donut_subtitle": "平面をどう歪めても円盤はリングに囲まれたまま",
        "verdict_donut_fail": "2 次元の歪みでは円盤をリングから引き出せない: 直線では分けられない。",
        "verdict_donut_wide": "10 ユニットなら円盤をリングの外へ持ち上げて分離できる。",
        "polar_title": "知っていることを使う: 極座標のドーナツ",
        "polar_subtitle": "(x, y) → (r, θ): 中心からの距離と角度",
        "polar_move": "すべての点が (r, θ) へ移動する",
        "polar_axes": "r (距離)   →   θ (角度) ↑",
        "verdict_polar": "(r, θ) では直線 r = 一定 でクラスを分けられる。",
        "softmax_title": "softmax: 境界が垂直な直線になる理由",
        "softmax_formula_note": "2 つの出力の和は常に 1",
        "softmax_logits": "学習したネットワーク (E3) のロジット z",
        "softmax_order": "z₁ > z₂ のときちょうど y₁ > y₂:\nsoftmax は大小を保つ",
        "softmax_regions": "水色: クラス 1 (y₁ > y₂)\nオレンジ: クラス 2 (y₁ < y₂)",
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
