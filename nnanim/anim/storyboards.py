"""Storyboards made of chapters: one experiment, told the same way in every lecture.

The third layer of the drawing side: primitives (``nnanim.anim``) → chapters
(``nnanim.anim.chapters``, which never import each other) → storyboards (here) → scene files.

``play_experiment``: the model and its data, the training, the inside of the trained network,
and a verdict that quotes the accuracy the trained network actually reaches on the data shown
(and, for a preset that does not always keep its claim, how often it does). A two-class
network with one wide hidden layer (more than 3 units) is then also shown lifted into 3 of its
directions, where the output layer's cut is a flat plane; a three-class network's inside ends
in 3-D, on the triangle of its three probabilities, and has no such plane to show.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, MathTex, Text, VGroup, Write

from nnanim.anim.chapters.inside import play_inside
from nnanim.anim.chapters.inside_three import play_inside_three
from nnanim.anim.chapters.training import play_training
from nnanim.anim.chapters.wide_layer import play_wide_layer
from nnanim.anim.layout import TITLE_Y, WINDOW, data_box
from nnanim.anim.lecture import FONT, LectureScene, fit_width, lecture_text
from nnanim.anim.motion import Appear, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.anim.shown_points import shown_points_note
from nnanim.anim.side import side_below, side_column
from nnanim.course.captions import has_caption, rate_caption
from nnanim.core.experiments import Experiment
from nnanim.core.model import Architecture
from nnanim.palette import INK, MUTED
from nnanim.core.run import Run


def experiment_title(exp: Experiment, scene: LectureScene) -> Text:
    """``E3   swiss roll, 2 tanh units``: the preset's caption, or a user's own title."""
    key = f"title_{exp.name}"
    words: tuple[str, dict] | str = (key, {}) if has_caption(key, scene.lang) else exp.title
    title = Text(f"{exp.name}   " + (scene.caption(key) if isinstance(words, tuple) else words),
                 font=FONT, font_size=34, color=INK)
    return scene.captioned(title, f"{exp.name}   ", words)


def layer_table(arch: Architecture, size: int = 26) -> VGroup:
    """The article's table: one row per layer, width and activation, output row last."""
    rows = [(str(i + 1), str(layer.width), layer.activation) for i, layer in enumerate(arch.hidden)]
    rows.append(("out", str(arch.classes), "softmax"))
    cells = VGroup(*[
        Text(cell, font=FONT, font_size=size, color=INK if r else MUTED)
        for r, row in enumerate([("layer", "width", "f"), *rows]) for cell in row
    ])
    cells.arrange_in_grid(rows=len(rows) + 1, cols=3, buff=(0.5, 0.14),
                          col_alignments="lcl")
    return cells


def play_experiment(scene: LectureScene, run: Run, verdict_key: str | None = None,
                    inside_seconds: float = 30.0) -> None:
    """Present one experiment: model and data, training, inside the network, verdict."""
    exp = run.experiment
    title = experiment_title(exp, scene)
    note = shown_points_note(scene, run)
    if note is not None:  # on the title line: on screen as long as the points are
        title = VGroup(title, note).arrange(RIGHT, buff=0.6, aligned_edge=DOWN)
    fit_width(title, 13.2).move_to([0, TITLE_Y, 0])
    table = side_column(layer_table(exp.arch), y=1.6, middle=True)
    formula = side_below(table, MathTex(r"Y = f(WX + B)", color=INK, font_size=40), buff=0.5)
    data_view = PlaneView(WINDOW).show(data_box(run.shown_X), run.shown_X, run.shown_y)
    scene.play(Appear(title), Appear(data_view), run_time=scene.seconds(1.0))
    scene.play(Appear(table, shift=0.2 * RIGHT), Write(formula), run_time=scene.seconds(1.5))
    scene.pause(2.0)
    scene.play(Vanish(table), Vanish(formula), run_time=scene.seconds(0.5))
    scene.remove(data_view)

    view = play_training(scene, run)
    scene.play(Vanish(view), run_time=scene.seconds(0.6))

    stages = 3 * exp.arch.n_layers
    inside = play_inside if exp.arch.classes == 2 else play_inside_three
    inside(scene, run, stage_seconds=float(np.clip(inside_seconds / stages, 1.0, 2.4)))

    lines = [scene.text("accuracy_value", 40, INK, value=100 * run.trajectory.final_accuracy)]
    if verdict_key is not None:
        lines.append(fit_width(scene.text(verdict_key, 30, INK), 12.5))
    lines += [fit_width(line, 12.5) for line in rate_lines(scene, exp)]
    verdict = VGroup(*lines).arrange(DOWN, buff=0.4)
    scene.play(Appear(verdict), run_time=scene.seconds(0.8))
    scene.pause(2.5)
    scene.play(Vanish(verdict), Vanish(title), run_time=scene.seconds(0.8))
    if shows_wide_layer(exp.arch):
        play_wide_layer(scene, run)


def rate_lines(scene: LectureScene, exp: Experiment) -> list[VGroup]:
    """What one run can and cannot say, for a preset that does not always keep its claim: how
    often it does (``rate_<name>``, where a lecture has such a sentence) and which run this is."""
    outcome = exp.outcome
    if outcome is None or outcome.measured.successes == outcome.measured.runs:
        return []
    lines = []
    key = f"rate_{exp.name}"
    if has_caption(key, scene.lang):
        missed = {} if outcome.missed is None else \
            {"low": 100 * outcome.missed[0], "high": 100 * outcome.missed[1]}
        lines.append(scene.captioned_by(
            lecture_text(rate_caption(key, outcome.measured, scene.lang, **missed), 26, INK),
            lambda lang: rate_caption(key, outcome.measured, lang, **missed), (key,)))
    lines.append(scene.captioned_by(
        lecture_text(rate_caption("one_run", outcome.measured, scene.lang, seed=exp.seed),
                     22, MUTED),
        lambda lang: rate_caption("one_run", outcome.measured, lang, seed=exp.seed),
        ("one_run",)))
    return lines


def shows_wide_layer(arch: Architecture) -> bool:
    """One hidden layer wider than 3 (E5, E7) of a two-class network: worth seeing in 3 of
    its directions too, where the output layer's cut is one flat plane.

    Three classes are cut by three half-planes, not one plane: their inside chapter has
    already shown such a layer in 3-D, down to the triangle, and that is what they keep."""
    return arch.classes == 2 and len(arch.hidden) == 1 and arch.hidden[0].width > 3
