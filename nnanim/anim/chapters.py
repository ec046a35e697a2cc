"""One experiment as a lecture chapter: the model, its training, its inside, and a verdict.

A network with one wide hidden layer (more than 3 units) is then also shown lifted into 3 of
its directions, where the output layer's cut is a flat plane.

``play_experiment`` is what scene files call; it strings together the chapter parts so every
lecture presents every model the same way. The verdict quotes the accuracy the trained
network actually reaches on the data shown.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, FadeIn, FadeOut, MathTex, Text, VGroup, Write

from nnanim.anim.inside import play_inside
from nnanim.anim.lift import play_wide_layer
from nnanim.anim.layout import SIDE_LEFT, TITLE_Y, WINDOW
from nnanim.anim.lecture import FONT, LectureScene, fit_width, lecture_text
from nnanim.palette import INK, MUTED
from nnanim.anim.plane import PlaneView
from nnanim.anim.training import data_box, play_training
from nnanim.captions import caption, has_caption
from nnanim.experiments import Experiment
from nnanim.run import Run
from nnanim.model import Architecture
from nnanim.trajectory import Trajectory


def experiment_title(exp: Experiment, lang: str) -> str:
    key = f"title_{exp.name}"
    return caption(key, lang) if has_caption(key, lang) else exp.title


def layer_table(arch: Architecture, size: int = 26) -> VGroup:
    """The article's table: one row per layer, width and activation, output row last."""
    rows = [(str(i + 1), str(layer.width), layer.activation) for i, layer in enumerate(arch.hidden)]
    rows.append(("out", "2", "softmax"))
    cells = VGroup(*[
        Text(cell, font=FONT, font_size=size, color=INK if r else MUTED)
        for r, row in enumerate([("layer", "width", "f"), *rows]) for cell in row
    ])
    cells.arrange_in_grid(rows=len(rows) + 1, cols=3, buff=(0.5, 0.14),
                          col_alignments="lcl")
    return cells


def play_title_card(scene: LectureScene, title: str, subtitle: str,
                    formula_tex: str = r"Y = f(WX + B)") -> None:
    """The lecture's opening card: title, the formula it is about, one line of context."""
    heading = Text(title, font=FONT, font_size=44, color=INK)
    fit_width(heading, 12.5)
    formula = MathTex(formula_tex, color=INK, font_size=64)
    sub = Text(subtitle, font=FONT, font_size=28, color=MUTED)
    card = VGroup(heading, formula, sub).arrange(DOWN, buff=0.6)
    scene.play(FadeIn(heading, shift=0.2 * DOWN), run_time=scene.seconds(1.0))
    scene.play(Write(formula), FadeIn(sub), run_time=scene.seconds(1.5))
    scene.pause(2.0)
    scene.play(FadeOut(card), run_time=scene.seconds(0.8))


def play_experiment(
    scene: LectureScene,
    exp: Experiment,
    trajectory: Trajectory,
    X: np.ndarray,
    y: np.ndarray,
    verdict_key: str | None = None,
    inside_seconds: float = 30.0,
) -> None:
    """Present one experiment: model and data, training, inside the network, verdict."""
    X = np.asarray(X, dtype=np.float64)
    title = Text(f"{exp.name}   {experiment_title(exp, scene.lang)}", font=FONT, font_size=34,
                 color=INK)
    fit_width(title, 13.2).move_to([0, TITLE_Y, 0])
    table = layer_table(exp.arch).move_to([SIDE_LEFT, 1.6, 0], aligned_edge=LEFT)
    formula = MathTex(r"Y = f(WX + B)", color=INK, font_size=40)
    formula.next_to(table, DOWN, buff=0.5, aligned_edge=LEFT)
    data_view = PlaneView(WINDOW).show(data_box(X), X, y)
    scene.play(FadeIn(title), FadeIn(data_view), run_time=scene.seconds(1.0))
    scene.play(FadeIn(table, shift=0.2 * RIGHT), Write(formula), run_time=scene.seconds(1.5))
    scene.pause(2.0)
    scene.play(FadeOut(table), FadeOut(formula), run_time=scene.seconds(0.5))
    scene.remove(data_view)

    view = play_training(scene, trajectory, X, y)
    scene.play(FadeOut(view), run_time=scene.seconds(0.6))

    stages = 3 * exp.arch.n_layers
    play_inside(scene, trajectory.final_params, exp.arch, X, y, stage_seconds=float(np.clip(inside_seconds / stages, 1.0, 2.4)))

    accuracy = lecture_text(caption("accuracy_value", scene.lang, value=100 * trajectory.final_accuracy), 40, INK)
    lines = [accuracy]
    if verdict_key is not None:
        lines.append(fit_width(lecture_text(caption(verdict_key, scene.lang), 30, INK), 12.5))
    verdict = VGroup(*lines).arrange(DOWN, buff=0.4)
    scene.play(FadeIn(verdict), run_time=scene.seconds(0.8))
    scene.pause(2.5)
    scene.play(FadeOut(verdict), FadeOut(title), run_time=scene.seconds(0.8))
    if shows_wide_layer(exp.arch):
        play_wide_layer(scene, Run(exp, trajectory, X, np.asarray(y)))


def shows_wide_layer(arch: Architecture) -> bool:
    """One hidden layer wider than 3 (E5, E7): worth seeing in 3 of its directions too."""
    return len(arch.hidden) == 1 and arch.hidden[0].width > 3
