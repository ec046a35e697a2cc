"""Side-by-side windows for the "wiser boundary" lecture: one network per window, trained in sync.

Six small windows in a 2 × 3 grid: the midway line a person would draw, then the plain fit and
its four variants, each redrawn every frame from its own paced trajectory (heatmap and
``p = 0.5`` curve), with the midway line dashed over all of them for comparison. The verdict
under each window is written from ``nnanim.wiser.verdict``: the words only say what the numbers
measured.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, Create, FadeIn, FadeOut, Text, ValueTracker, VGroup, linear

from nnanim.anim.counter import LiveNumber
from nnanim.anim.layout import SIDE_LEFT, SIDE_WIDTH, WINDOW
from nnanim.anim.lecture import FONT, LectureScene, fit_width
from nnanim.anim.palette import CLASS_COLORS, INK, MUTED
from nnanim.anim.plane import PlaneView
from nnanim.anim.shapes import DotCloud2D
from nnanim.geometry.framing import Box
from nnanim.trajectory import Trajectory
from nnanim.wiser import Comparison, Measurements, Variant, Verdict, Yardstick, plane_field

MIDWAY_COLOR = "#C2185B"
"""The midway line (magenta: no other meaning in the lectures)."""
FIELD_SHAPE = (100, 100)
"""Grid nodes per small window: about 3 screen pixels per node at 1080p."""
CELL_SIZE = 2.55
CELL_CENTERS = [(x, y) for y in (1.95, -1.95) for x in (-4.6, 0.0, 4.6)]
"""Window centres, row by row: the midway line first, then plain and its variants."""
LABEL_SIZE = 20
NOTE_SIZE = 18

CAPTIONS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Can a network learn a wiser boundary?",
        "subtitle": "The article's closing question, answered with measurements",
        "midway_heading": "What a person would draw",
        "midway_explain": "The midway line: every point on it is\nequally far from both arms.",
        "measures": "Each network's boundary is measured by\n"
                    "  gap: its mean distance to the midway line\n"
                    "  margin: how close it comes to a point\n"
                    "  test: accuracy on {n_test:,} new points\n"
                    "(the arms are 1.4 apart)",
        "same_data": "Same {n} points, same seed: each network changes one thing.",
        "label_midway": "midway line (dashed)",
        "label_plain": "plain: 10 tanh (E5)",
        "label_decay": "weight decay {decay:g}",
        "label_wide": "wider: {width} tanh",
        "label_noise": "trained on {copies} jittered copies",
        "label_polar": "inputs (r, θ)",
        "note_midway": "as far as possible from both arms",
        "note_noise": "(σ = {std:g}, drawn once)",
        "note_polar": "θ jumps on the negative x axis",
        "epoch": "epoch {value:.0f}",
        "yardstick": "the yardstick",
        "much_closer": "much closer to the midway line",
        "closer": "closer to the midway line",
        "no_better": "no better",
        "further": "further from the midway line",
        "near_point": ", but within {margin:.2f} of a point",
        "less_accurate": ", and less accurate",
        "numbers": "gap {gap:.2f}  margin {margin:.2f}  test {test:.1f} %",
        "name_decay": "weight decay",
        "name_wide": "the wider layer",
        "name_noise": "jittered copies",
        "name_polar": "(r, θ) inputs",
        "closest": "Closest to the midway line: {name} (gap {gap:.2f}, plain {plain:.2f}).",
        "no_better_list": "No better than the plain fit: {names}.",
        "answer_yes": "So yes, a network can learn a wiser boundary.\nWhat worked here: {how}.",
        "answer_no": "Not with these changes: none came closer to the midway line.",
        "how_decay": "a penalty on large weights",
        "how_wide": "more units",
        "how_noise": "jittered copies, which say that the space around a point is its class too",
        "how_polar": "(r, θ) inputs, in which the arms are straight bands",
    },
    "ja": {
        "title": "ネットワークは「賢い」境界を学べるか?",
        "subtitle": "記事の最後の問いに、測定で答える",
        "midway_heading": "人が引く境界",
        "midway_explain": "中間線: 線上のどの点も\n二本の腕から等しく離れている",
        "measures": "各ネットワークの境界を次で測る\n"
                    "  ずれ: 中間線との平均距離\n"
                    "  マージン: 点にどこまで近づくか\n"
                    "  テスト: 新しい {n_test:,} 点での正解率\n"
                    "(腕と腕の間隔は 1.4)",
        "same_data": "同じ {n} 点・同じシード。各ネットワークは一つだけ変える。",
        "label_midway": "中間線 (破線)",
        "label_plain": "そのまま: tanh 10 (E5)",
        "label_decay": "重み減衰 {decay:g}",
        "label_wide": "幅を広げる: tanh {width}",
        "label_noise": "ぼかした {copies} 個の複製で学習",
        "label_polar": "入力を (r, θ) に",
        "note_midway": "両方の腕からできるだけ遠い",
        "note_noise": "(σ = {std:g}、一度だけ生成)",
        "note_polar": "θ は負の x 軸で跳ぶ",
        "epoch": "エポック {value:.0f}",
        "yardstick": "比較の基準",
        "much_closer": "中間線にずっと近い",
        "closer": "中間線に近い",
        "no_better": "良くならない",
        "further": "中間線から遠ざかる",
        "near_point": "、ただし点から {margin:.2f} まで近づく",
        "less_accurate": "、正解率も下がる",
        "numbers": "ずれ {gap:.2f}  マージン {margin:.2f}  テスト {test:.1f} %",
        "name_decay": "重み減衰",
        "name_wide": "広い層",
        "name_noise": "ぼかした複製",
        "name_polar": "(r, θ) 入力",
        "closest": "中間線に最も近いのは {name} (ずれ {gap:.2f}、そのままは {plain:.2f})。",
        "no_better_list": "そのままと比べて良くならない: {names}。",
        "answer_yes": "つまり、ネットワークは「賢い」境界を学べる。\nここで効いたのは: {how}。",
        "answer_no": "これらの変更では学べなかった: どれも中間線に近づかなかった。",
        "how_decay": "大きな重みへの罰",
        "how_wide": "ユニットを増やすこと",
        "how_noise": "ぼかした複製 (点のまわりも同じクラスだと教える)",
        "how_polar": "(r, θ) 入力 (腕がまっすぐな帯になる)",
    },
}


def say(scene: LectureScene, key: str, **values: object) -> str:
    """The sentence ``key`` in the scene's language."""
    return CAPTIONS[scene.lang][key].format(**values)


def words(scene: LectureScene, key: str, size: float = 28, color: str = INK,
          **values: object) -> Text:
    return Text(say(scene, key, **values), font=FONT, font_size=size, color=color)


def cell_rect(index: int) -> Box:
    return Box.around(CELL_CENTERS[index], CELL_SIZE, CELL_SIZE)


def label_values(variant: Variant) -> dict[str, object]:
    """The numbers a variant's label quotes, read from its definition."""
    jitter = variant.jitter
    return {
        "decay": variant.experiment.train.weight_decay,
        "width": variant.arch.hidden[0].width,
        "copies": jitter.copies if jitter else 0,
        "std": jitter.std if jitter else 0.0,
    }


def verdict_text(scene: LectureScene, said: Verdict, measured: Measurements) -> str:
    """One line: how close to the midway line, plus the warnings the numbers raise."""
    line = say(scene, said.closeness)
    if said.near_point:
        line += say(scene, "near_point", margin=measured.margin_min)
    if said.less_accurate:
        line += say(scene, "less_accurate")
    return line


def numbers_text(scene: LectureScene, measured: Measurements) -> str:
    return say(scene, "numbers", gap=measured.midway_gap, margin=measured.margin_min,
               test=100 * measured.test_accuracy)


def _under(rect: Box, mobject, row: int):
    """Put a line of text under a window (row 0 just below, row 1 below that)."""
    return mobject.move_to([rect.center[0], rect.ymin - 0.2 - 0.32 * row, 0])


def _fitted(mobject, rect: Box):
    return fit_width(mobject, rect.width + 1.7)


# -- chapters ---------------------------------------------------------------------------------

def play_question(scene: LectureScene) -> None:
    """The opening: the article's closing question."""
    heading = fit_width(words(scene, "title", size=44), 12.5)
    sub = fit_width(words(scene, "subtitle", size=28, color=MUTED), 12.5)
    card = VGroup(heading, sub).arrange(DOWN, buff=0.6)
    scene.play(FadeIn(heading, shift=0.2 * DOWN), run_time=scene.seconds(1.0))
    scene.play(FadeIn(sub), run_time=scene.seconds(0.8))
    scene.pause(2.0)
    scene.play(FadeOut(card), run_time=scene.seconds(0.8))


def midway_view(rect: Box, yardstick: Yardstick, heatmap: bool = False) -> PlaneView:
    """A window on the training points with the midway line dashed over them."""
    view = PlaneView(rect, dot_radius=0.05 * rect.width / WINDOW.width + 0.01, heatmap=heatmap)
    view.final_boundary.set_stroke(color=MIDWAY_COLOR, width=3.0)
    return view.show(yardstick.box, yardstick.X, yardstick.y, final_boundary=yardstick.midway)


def play_midway(scene: LectureScene, yardstick: Yardstick) -> PlaneView:
    """The reference, large: the points and the line a person would draw; what we measure."""
    view = midway_view(WINDOW, yardstick)
    midway = view.final_boundary
    view.remove(midway)
    heading = words(scene, "midway_heading", size=34)
    explain = words(scene, "midway_explain", size=26)
    measures = words(scene, "measures", size=22, color=MUTED, n_test=len(yardstick.X_test))
    column = VGroup(heading, explain, measures).arrange(DOWN, buff=0.45, aligned_edge=LEFT)
    fit_width(column, SIDE_WIDTH).move_to([SIDE_LEFT, 0.4, 0], aligned_edge=LEFT)
    scene.play(FadeIn(view), FadeIn(heading), run_time=scene.seconds(1.0))
    scene.play(Create(midway), FadeIn(explain), run_time=scene.seconds(2.5))
    scene.pause(2.5)
    scene.play(FadeIn(measures), run_time=scene.seconds(1.0))
    scene.pause(6.0)
    view.add(midway)
    small = cell_rect(0)
    scene.play(FadeOut(column),
               view.animate.scale(small.width / WINDOW.width).move_to([*small.center, 0]),
               run_time=scene.seconds(1.2))
    return view


@dataclass
class Window:
    """One variant's window with its label, its live epoch and, later, its verdict."""

    variant: Variant
    trajectory: Trajectory
    rect: Box
    view: PlaneView
    label: VGroup
    epoch: LiveNumber


def _copies_cloud(view: PlaneView, variant: Variant, box: Box) -> VGroup:
    """The jittered copies the network trained on, faint and small under the real points."""
    X, y = variant.training_data()
    inside = box.contains(X)
    clouds = VGroup()
    for cls, color in enumerate(CLASS_COLORS):
        cloud = DotCloud2D(view.scene_points(X[(y == cls) & inside]), radius=0.011, color=color)
        clouds.add(cloud.set_stroke(width=0).set_fill(opacity=0.35))
    return clouds


def make_windows(scene: LectureScene, comparison: Comparison) -> list[Window]:
    """One window per variant (plain first), with labels and epoch counters."""
    yardstick = comparison.yardstick
    windows = []
    pairs = zip(comparison.variants, comparison.trajectories)
    for index, (variant, trajectory) in enumerate(pairs, start=1):
        rect = cell_rect(index)
        view = midway_view(rect, yardstick, heatmap=True)
        if variant.jitter is not None:
            view.underlay.add(_copies_cloud(view, variant, yardstick.box))
        values = label_values(variant)
        lines = [words(scene, f"label_{variant.key}", size=LABEL_SIZE, **values)]
        note = f"note_{variant.key}"
        if note in CAPTIONS[scene.lang]:
            lines.append(words(scene, note, size=NOTE_SIZE - 2, color=MUTED, **values))
        label = _fitted(VGroup(*lines).arrange(DOWN, buff=0.08), rect)
        label.next_to([rect.center[0], rect.ymax, 0], np.array([0, 1.0, 0]), buff=0.1)
        epoch = LiveNumber(CAPTIONS[scene.lang]["epoch"], font_size=NOTE_SIZE, color=MUTED)
        _under(rect, epoch, 0)
        windows.append(Window(variant, trajectory, rect, view, label, epoch))
    return windows


def reference_label(scene: LectureScene) -> VGroup:
    rect = cell_rect(0)
    lines = VGroup(words(scene, "label_midway", size=LABEL_SIZE, color=MIDWAY_COLOR),
                   words(scene, "note_midway", size=NOTE_SIZE - 2, color=MUTED))
    label = _fitted(lines.arrange(DOWN, buff=0.08), rect)
    return label.next_to([rect.center[0], rect.ymax, 0], np.array([0, 1.0, 0]), buff=0.1)


def play_training_side_by_side(scene: LectureScene, yardstick: Yardstick, windows: list[Window],
                               reference: VGroup, real_seconds: float = 14.0) -> None:
    """Every network from epoch 0 to its end, in step: the same share of each one's video time."""
    clock = ValueTracker(0.0)
    same = fit_width(words(scene, "same_data", size=NOTE_SIZE, color=MUTED, n=len(yardstick.X)),
                     13.0).move_to([0, -3.8, 0])

    def drawer(window: Window):
        def draw(view: PlaneView) -> None:
            t = float(np.clip(clock.get_value(), 0.0, 1.0))
            params = window.trajectory.params_at(t)
            field = plane_field(window.variant, params, yardstick.box, FIELD_SHAPE)
            view.show(yardstick.box, boundary=field.boundary, probabilities=field.probability)
            window.epoch.set_value(round(window.trajectory.epoch_at(t)))
        return draw

    updaters = [drawer(window) for window in windows]
    for window, draw in zip(windows, updaters):
        draw(window.view)
    scene.play(FadeIn(reference), *[FadeIn(w.label) for w in windows],
               *[FadeIn(w.view) for w in windows], *[FadeIn(w.epoch) for w in windows],
               FadeIn(same), run_time=scene.seconds(1.2))
    scene.pause(1.5)
    for window, draw in zip(windows, updaters):
        window.view.add_updater(draw)
    scene.play(clock.animate.set_value(1.0), run_time=scene.seconds(real_seconds), rate_func=linear)
    for window, draw in zip(windows, updaters):
        window.view.remove_updater(draw)
    scene.play(FadeOut(same), run_time=scene.seconds(0.5))


def play_verdicts(scene: LectureScene, windows: list[Window], comparison: Comparison) -> None:
    """Under each window, in turn: what was measured, and what that allows us to say."""
    pairs = zip(windows, comparison.measurements, comparison.verdicts())
    for index, (window, measured, said) in enumerate(pairs):
        line = say(scene, "yardstick") if index == 0 else verdict_text(scene, said, measured)
        line = _fitted(Text(line, font=FONT, font_size=LABEL_SIZE, color=INK), window.rect)
        numbers = _fitted(Text(numbers_text(scene, measured), font=FONT, font_size=NOTE_SIZE,
                               color=MUTED), window.rect)
        _under(window.rect, line, 0)
        _under(window.rect, numbers, 1)
        scene.play(FadeOut(window.epoch), FadeIn(line), FadeIn(numbers),
                   run_time=scene.seconds(0.8))
        scene.pause(2.2)
    scene.pause(2.0)


def answer_lines(scene: LectureScene, comparison: Comparison) -> list[str]:
    """The closing sentences, each one read off the measurements."""
    measured, verdicts = comparison.measurements, comparison.verdicts()
    keys = [v.key for v in comparison.variants]
    best = min(range(1, len(keys)), key=lambda i: measured[i].midway_gap)
    lines = [say(scene, "closest", name=say(scene, f"name_{keys[best]}"),
                 gap=measured[best].midway_gap, plain=measured[0].midway_gap)]
    no_better = [say(scene, f"name_{keys[i]}") for i in range(1, len(keys))
                 if verdicts[i].closeness in ("no_better", "further")]
    if no_better:
        lines.append(say(scene, "no_better_list", names=", ".join(no_better)))
    if verdicts[best].closeness in ("closer", "much_closer"):
        lines.append(say(scene, "answer_yes", how=say(scene, f"how_{keys[best]}")))
    else:
        lines.append(say(scene, "answer_no"))
    return lines


def play_answer(scene: LectureScene, comparison: Comparison) -> None:
    """Clear the grid; the answer, one measured sentence at a time."""
    scene.play(*[FadeOut(m) for m in scene.mobjects], run_time=scene.seconds(0.8))
    text = VGroup(*[fit_width(Text(line, font=FONT, font_size=30, color=INK), 12.8)
                    for line in answer_lines(scene, comparison)]).arrange(DOWN, buff=0.5)
    for part in text:
        scene.play(FadeIn(part, shift=0.1 * DOWN), run_time=scene.seconds(0.8))
        scene.pause(2.0)
    scene.pause(3.0)
    scene.play(FadeOut(text), run_time=scene.seconds(0.8))
