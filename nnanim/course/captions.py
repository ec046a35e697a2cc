"""Every sentence a lecture shows, in English and Japanese (the article's language).

Pick the language with ``NNANIM_LANG=ja`` (or ``en``, the default). Scenes never hold prose
themselves: they ask ``caption("key", ...)`` so both languages stay complete and in step.
"""

from __future__ import annotations

from nnanim.errors import NnanimError, check_choice
from nnanim.core.rates import Rate
from nnanim.settings import LANG_ENV, requested_language

LANGUAGES = ("en", "ja")

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
        "view_of": "a {d}-D view of the {n}-D layer (it holds all the next layer reads)",
        "view_of_most": "a {d}-D view of the {n}-D layer (the {d} directions the next layer reads most)",
        "softmax": "softmax:  every point lands on  y₁ + y₂ = 1",
        "softmax_boundary": "the boundary  y₁ = y₂\nis perpendicular to that line",
        "final_boundary": "dashed: the final decision boundary",
        "accuracy_value": "accuracy {value:.1f} %",
        "points_shown": "showing {shown:,} of {total:,} points",
        "decision": "The trained network's decision",
        "model_source": "weights read from {file}:\nno training to show",
        "verdict_fail_linear": "A straight line cannot separate the arms: the best it can do is a compromise.",
        "verdict_slow": "2 tanh units separate the arms, but the boundary is strained.",
        "verdict_deep": "Five layers of 2 tanh units bend the plane step by step.",
        "verdict_wide": "10 tanh units separate it too: next, that layer seen in 3-D.",
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
        "verdict_donut_wide": "With 10 units the network lifts the disk out of the ring: next, in 3-D.",
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
        "wiser_title": "Can a network learn a wiser boundary?",
        "wiser_subtitle": "The article's closing question, answered with measurements",
        "wiser_midway_heading": "What a person would draw",
        "wiser_midway_explain": "The midway line: every point on it is\nequally far from both arms.",
        "wiser_measures": "Each network's boundary is measured by",
        "wiser_measure_gap": "gap: its mean distance to the midway line",
        "wiser_measure_margin": "margin: how close it comes to a point",
        "wiser_measure_test": "test: accuracy on {n_test:,} new points",
        "wiser_measure_scale": "(distances in the units of the data)",
        "wiser_same_data": "Same {n} points, same seed:\neach network changes one thing",
        "wiser_label_midway": "midway line (dashed)",
        "wiser_label_plain": "plain: 10 tanh (E5)",
        "wiser_label_decay": "weight decay {decay:g}",
        "wiser_label_wide": "wider: {width} tanh",
        "wiser_label_noise": "{copies} jittered copies (σ {std:g})",
        "wiser_label_polar": "inputs (r, θ)",
        "wiser_epoch": "epoch {value:.0f}",
        "wiser_yardstick": "the yardstick",
        "wiser_much_closer": "much closer to midway",
        "wiser_closer": "closer to midway",
        "wiser_no_better": "no better",
        "wiser_further": "further from midway",
        "wiser_near_point": ", but near a point",
        "wiser_less_accurate": ", less accurate",
        "wiser_numbers": "gap {gap:.2f}  margin {margin:.2f}  test {test:.1f} %",
        "wiser_name_decay": "weight decay",
        "wiser_name_wide": "the wider layer",
        "wiser_name_noise": "jittered copies",
        "wiser_name_polar": "(r, θ) inputs",
        "wiser_closest": "Closest to the midway line: {name}\n(gap {gap:.2f}, plain {plain:.2f}).",
        "wiser_no_better_list": "No better than the plain fit: {names}.",
        "wiser_answer_yes": "So yes, a network can learn a wiser boundary.\nWhat worked here: {how}.",
        "wiser_answer_no": "Not with these changes: none came closer to the midway line.",
        "wiser_how_decay": "a penalty on large weights",
        "wiser_how_wide": "more units",
        "wiser_how_noise": "training on jittered copies,\nwhich count the space around each point as its class",
        "wiser_how_polar": "(r, θ) inputs, in which the arms are straight bands",
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
        "threeclass_title": "Three classes: softmax puts every point on a triangle",
        "threeclass_subtitle": "y₁ + y₂ + y₃ = 1:  three boundaries meet at the centre",
        "title_K1": "three blobs, a linear model",
        "title_K2": "three-arm spiral, tanh layers of 10 and 3",
        "verdict_threeblobs": (
            "Straight boundaries cut the plane into three wedges\n"
            "that meet in one point, where all three classes are equally likely."
        ),
        "verdict_threespiral": (
            "No straight cuts separate three spiral arms:\n"
            "tanh layers unroll them until flat cuts do."
        ),
        "view3_of": "seen through 3 of its {n} directions:\nthose the next layer reads first",
        "softmax_triangle": "softmax:  every point lands on\nthe triangle  y₁ + y₂ + y₃ = 1",
        "logits_3d": "three logits: one point in 3-D per input",
        "triangle_square_on": "the triangle seen square-on",
        "triangle_boundaries": (
            "boundaries  yᵢ = yⱼ  (the third smaller):\n"
            "from the centre (⅓, ⅓, ⅓) to the middle of each side"
        ),
        "triangle_regions": "each class wins in its corner's region",
        "rate_E3": (
            "2 tanh units solve the roll in {about} ({k} of {n});\n"
            "the others end between {low:.0f} and {high:.0f} %."
        ),
        "rate_E5_islands": (
            "One run of several: islands like these appear early in training\n"
            "in {about} ({k} of {n})."
        ),
        "one_run": "this run: seed {seed}; the claim holds in {k} of {n} runs",
        "about_half": "about half of the runs",
        "about_fraction": "about {k} runs of {q}",
        "about_one": "about 1 run of {q}",
        "every_run": "every run",
        "no_run": "no run",
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
        "view_of": "{n} 次元の層を {d} 次元で見る (次の層が読む方向をすべて含む)",
        "view_of_most": "{n} 次元の層を {d} 次元で見る (次の層が最も強く読む {d} 方向)",
        "softmax": "softmax:  すべての点が  y₁ + y₂ = 1  の上へ",
        "softmax_boundary": "境界  y₁ = y₂  は\nその直線に垂直",
        "final_boundary": "破線: 最終的な決定境界",
        "accuracy_value": "正解率 {value:.1f} %",
        "points_shown": "全 {total:,} 点のうち {shown:,} 点を表示",
        "decision": "学習済みネットワークの判定",
        "model_source": "{file} から読んだ重み:\n学習の過程はなし",
        "verdict_fail_linear": "直線では腕を分けられない: 最小コストの妥協線に落ち着く。",
        "verdict_slow": "tanh 2 ユニットで分離できるが、境界は無理をしている。",
        "verdict_deep": "2 ユニット tanh の 5 層は平面を少しずつ曲げる。",
        "verdict_wide": "tanh 10 ユニットでも分離できる。次に、その層を 3 次元で見る。",
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
        "verdict_donut_wide": "10 ユニットなら円盤をリングの外へ持ち上げられる: 次に 3 次元で見る。",
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
        "wiser_title": "ネットワークは「賢い」境界を学べるか?",
        "wiser_subtitle": "記事の最後の問いに、測定で答える",
        "wiser_midway_heading": "人が引く境界",
        "wiser_midway_explain": "中間線: 線上のどの点も\n二本の腕から等しく離れている",
        "wiser_measures": "各ネットワークの境界を次で測る",
        "wiser_measure_gap": "ずれ: 中間線との平均距離",
        "wiser_measure_margin": "マージン: 点にどこまで近づくか",
        "wiser_measure_test": "テスト: 新しい {n_test:,} 点での正解率",
        "wiser_measure_scale": "(距離はデータと同じ単位)",
        "wiser_same_data": "同じ {n} 点・同じシード:\n各ネットワークは一つだけ変える",
        "wiser_label_midway": "中間線 (破線)",
        "wiser_label_plain": "そのまま: tanh 10 (E5)",
        "wiser_label_decay": "重み減衰 {decay:g}",
        "wiser_label_wide": "幅を広げる: tanh {width}",
        "wiser_label_noise": "ぼかした複製 {copies} 個 (σ {std:g})",
        "wiser_label_polar": "入力を (r, θ) に",
        "wiser_epoch": "エポック {value:.0f}",
        "wiser_yardstick": "比較の基準",
        "wiser_much_closer": "中間線にずっと近い",
        "wiser_closer": "中間線に近い",
        "wiser_no_better": "良くならない",
        "wiser_further": "中間線から遠ざかる",
        "wiser_near_point": "、ただし点に近い",
        "wiser_less_accurate": "、正解率も下がる",
        "wiser_numbers": "ずれ {gap:.2f}  マージン {margin:.2f}  テスト {test:.1f} %",
        "wiser_name_decay": "重み減衰",
        "wiser_name_wide": "広い層",
        "wiser_name_noise": "ぼかした複製",
        "wiser_name_polar": "(r, θ) 入力",
        "wiser_closest": "中間線に最も近いのは {name}\n(ずれ {gap:.2f}、そのままは {plain:.2f})。",
        "wiser_no_better_list": "そのままと比べて良くならない: {names}。",
        "wiser_answer_yes": "つまり、ネットワークは「賢い」境界を学べる。\nここで効いたのは: {how}。",
        "wiser_answer_no": "これらの変更では学べなかった: どれも中間線に近づかなかった。",
        "wiser_how_decay": "大きな重みへの罰",
        "wiser_how_wide": "ユニットを増やすこと",
        "wiser_how_noise": "ぼかした複製で学習すること\n(点のまわりも同じクラスだと教える)",
        "wiser_how_polar": "(r, θ) 入力 (腕がまっすぐな帯になる)",
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
        "threeclass_title": "3 クラス: softmax はすべての点を三角形の上に置く",
        "threeclass_subtitle": "y₁ + y₂ + y₃ = 1:  3 本の境界が中心で出会う",
        "title_K1": "3 つの塊、線形モデル",
        "title_K2": "3 本腕の渦巻き、tanh 10 と 3 の層",
        "verdict_threeblobs": (
            "直線の境界が平面を 3 つのくさびに切り分ける。\n"
            "境界が出会う 1 点では 3 クラスが同じ確率。"
        ),
        "verdict_threespiral": (
            "渦巻きの 3 本の腕は直線では分けられない:\n"
            "tanh の層がほどくと、平らな切り口で分けられる。"
        ),
        "view3_of": "{n} 方向のうち 3 方向から見る:\n次の層が最初に読む方向",
        "softmax_triangle": "softmax:  すべての点が\n三角形  y₁ + y₂ + y₃ = 1  の上へ",
        "logits_3d": "3 つのロジット: 入力 1 つが 3 次元の 1 点",
        "triangle_square_on": "三角形を正面から見る",
        "triangle_boundaries": (
            "境界  yᵢ = yⱼ  (残り 1 つは小さい):\n"
            "中心 (⅓, ⅓, ⅓) から各辺の中点へ"
        ),
        "triangle_regions": "各クラスは自分の角の領域で勝つ",
        "rate_E3": (
            "tanh 2 ユニットでロールを解けるのは{about} ({n} 回中 {k} 回)。\n"
            "残りは {low:.0f}〜{high:.0f} % で止まる"
        ),
        "rate_E5_islands": (
            "何回か学習したうちの 1 回: このような島が学習の初期に現れるのは\n"
            "{about} ({n} 回中 {k} 回)"
        ),
        "one_run": "この学習: シード {seed}。主張が成り立つのは {n} 回中 {k} 回",
        "about_half": "約半数",
        "about_fraction": "約 {q} 回に {k} 回",
        "about_one": "約 {q} 回に 1 回",
        "every_run": "毎回",
        "no_run": "一度もない",
    },
}


def language() -> str:
    """The caption language from ``$NNANIM_LANG`` (``en`` when unset)."""
    return check_choice(LANG_ENV, requested_language() or "en", LANGUAGES)


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


ROUND_SHARES = (2, 3, 4, 5, 10)
"""Denominators a spoken share may have: "about 2 runs of 3", never "about 16 runs of 25"."""


def in_every_language(*parts: tuple[str, dict] | str) -> dict[str, str]:
    """The sentence made of ``parts`` -- caption keys with their values, or literal text such
    as a user's own title -- in every language (what a subtitle cue holds)."""
    return {
        lang: "".join(part if isinstance(part, str) else caption(part[0], lang, **part[1])
                      for part in parts)
        for lang in LANGUAGES
    }


def share_in_words(rate: Rate, lang: str | None = None) -> str:
    """A measured rate as a listener hears it: "about 2 runs of 3", "about half of the runs".

    The nearest simple share of ``rate.value`` (smallest denominator on a tie); the count itself
    is quoted beside it by the caption, so nothing is rounded away.
    """
    if rate.successes in (0, rate.runs):
        return caption("no_run" if rate.successes == 0 else "every_run", lang)
    shares = [(min(max(round(rate.value * q), 1), q - 1), q) for q in ROUND_SHARES]
    k, q = min(shares, key=lambda share: (abs(share[0] / share[1] - rate.value), share[1]))
    if 2 * k == q:
        return caption("about_half", lang)
    return caption("about_one" if k == 1 else "about_fraction", lang, k=k, q=q)


def rate_caption(key: str, rate: Rate, lang: str | None = None, **values: object) -> str:
    """The sentence ``key`` quoting ``rate``: ``{about}`` in words, ``{k}`` of ``{n}`` counted."""
    return caption(key, lang, about=share_in_words(rate, lang), k=rate.successes, n=rate.runs,
                   **values)
