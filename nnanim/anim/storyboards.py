"""Storyboards made of chapters: one experiment, told the same way in every lecture.

The third layer of the drawing side: primitives (``nnanim.anim``) → chapters
(``nnanim.anim.chapters``, which never import each other) → storyboards (here) → scene files.

``play_experiment``: the model and its data, the training, the inside of the trained network,
and a verdict that quotes the accuracy the trained network actually reaches on the data shown
(and, for a preset that does not always keep its claim, how often it does). A two-class
network with one wide hidden layer (more than 3 units) is then also shown lifted into 3 of its
directions, where the output layer's cut is a flat plane; a three-class network's inside ends
in 3-D, on the triangle of its three probabilities, and has no such plane to show.

``play_model``: a network trained elsewhere, read from its weights file
(``nnanim render --model``), told the same way without a training: the model and its data, its
decision on them, the inside of the network, and its accuracy.

``Storyboard``: what a scene file holds on to while it tells its lecture top to bottom. It
names each chapter as the lectures table (``nnanim.course.lectures``) has it, in that order,
trains or loads the runs the chapters show, and plays the lecture's experiment chapters in one
call; a scene file imports nothing else but chapters.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from manim import DOWN, LEFT, RIGHT, MathTex, Mobject, Text, VGroup, Write

from nnanim.anim.chapters.inside import Beat, InsideChapter
from nnanim.anim.chapters.inside_three import play_inside_three
from nnanim.anim.chapters.title import play_title_card
from nnanim.anim.chapters.training import play_decision, play_training
from nnanim.anim.chapters.wide_layer import play_wide_layer
from nnanim.anim.layout import TITLE_Y, WINDOW, data_box
from nnanim.anim.lecture import LectureScene, fit_width, lecture_text
from nnanim.anim.motion import Appear, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.anim.shown_points import shown_points_note
from nnanim.anim.side import side_below, side_column
from nnanim.anim.typeset import set_line
from nnanim.core.experiment_file import load_experiment
from nnanim.core.experiments import Experiment
from nnanim.core.model import Architecture
from nnanim.core.model_run import ModelRun
from nnanim.core.run import Run, TrainedNetwork, prepare, run_of
from nnanim.course.captions import has_caption, rate_caption
from nnanim.course.lectures import Lecture, LectureChapter, get_lecture
from nnanim.course.render_request import request_from_env
from nnanim.errors import NnanimError
from nnanim.palette import INK, MUTED

BeatEdit = Callable[[list[Beat]], None]
"""Changes a two-class inside chapter's beats in place (``nnanim.anim.chapters.inside``)."""


class Storyboard:
    """One lecture told by one scene: its chapters in the table's order, and their runs.

    Every preset the table names is trained or loaded here, before the first frame, so a
    wrong name fails at once and no chapter waits for training halfway through the video.
    """

    def __init__(self, scene: LectureScene, lecture: str, *also: str) -> None:
        """``also``: presets a chapter shows that the table does not name (side-by-side runs)."""
        self.scene = scene
        self.lecture: Lecture = get_lecture(lecture)
        names = tuple(dict.fromkeys((*self.lecture.presets, *also)))
        self.runs: dict[str, Run] = dict(zip(names, prepare(names)))
        self.played: list[str] = []

    def run(self, preset: str) -> Run:
        """The trained run of ``preset``, one of those prepared for this lecture."""
        if preset not in self.runs:
            raise NnanimError(f"lecture {self.lecture.name}: {preset!r} is not prepared "
                              f"(it has {', '.join(self.runs) or 'none'}); name it in the table "
                              "or in Storyboard(..., also)")
        return self.runs[preset]

    def chapter(self, name: str) -> LectureChapter:
        """Start chapter ``name``: it must be the table's next chapter, so the sections of the
        video and the chapter markers of ``nnanim lecture`` stay the same list."""
        done = len(self.played)
        expected = self.lecture.chapters[done].name if done < len(self.lecture.chapters) else None
        if name != expected:
            names = ", ".join(c.name for c in self.lecture.chapters)
            raise NnanimError(
                f"lecture {self.lecture.name}: chapter {name!r} out of order; the table "
                f"(nnanim/course/lectures.py) has {names} and the next one is {expected!r}")
        self.played.append(name)
        self.scene.next_section(name)
        return self.lecture.chapter(name)

    def title(self, title_key: str, subtitle_key: str,
              formula_tex: str = r"Y = f(WX + B)") -> None:
        """The chapter ``title``: the lecture's opening card."""
        self.chapter("title")
        play_title_card(self.scene, title_key, subtitle_key, formula_tex)

    def experiment(self, name: str, inside: BeatEdit | None = None) -> None:
        """Chapter ``name`` of the table: its experiment told in full, with its verdict
        (``inside``: see ``play_experiment``)."""
        chapter = self.lecture.chapter(name)
        if chapter.experiment is None:
            raise NnanimError(f"lecture {self.lecture.name}: chapter {name!r} has no experiment")
        self.chapter(name)
        play_experiment(self.scene, self.run(chapter.experiment), chapter.verdict, inside=inside)

    def experiments(self) -> None:
        """Every experiment chapter of the table still to come, one after another."""
        for chapter in self.lecture.chapters[len(self.played):]:
            if chapter.experiment is not None:
                self.experiment(chapter.name)


def experiment_from_env(scene: LectureScene) -> tuple[Run | ModelRun, str | None]:
    """The experiment ``$NNANIM_EXPERIMENT`` names (a preset or a ``.toml`` file), trained or
    loaded, and the verdict ``$NNANIM_VERDICT`` names: both checked before the first frame.
    Or the network ``$NNANIM_MODEL`` names, on the points of ``$NNANIM_MODEL_DATA``, every
    check of its file made (``nnanim.core.model_file``); it has no verdict."""
    request = request_from_env()
    if request.model is not None:
        return request.model.load(), None
    request.check(scene.lang)
    return run_of(load_experiment(request.experiment)), request.verdict


def play_training_still(scene: LectureScene, run: Run | ModelRun) -> None:
    """The end of training as one still (``manim -s``): the data, the heatmap, the boundary,
    and, for a large set drawn as a sample, the line that says so. A network trained
    elsewhere has no training: its still is its decision, under its title."""
    if isinstance(run, ModelRun):
        scene.add(_title_line(scene, model_title(run, scene), run))
        play_decision(scene, run, _model_source(scene, run))
        return
    note = shown_points_note(scene, run)
    if note is not None:
        scene.add(note.move_to([0, TITLE_Y, 0]))
    play_training(scene, run)


def experiment_title(exp: Experiment, scene: LectureScene) -> Text:
    """``E3   swiss roll, 2 tanh units``: the preset's caption, or a user's own title."""
    key = f"title_{exp.name}"
    words: tuple[str, dict] | str = (key, {}) if has_caption(key, scene.lang) else exp.title
    said = scene.caption(key) if isinstance(words, tuple) else words
    title = set_line(f"{exp.name}   {said}", 34, INK)
    return scene.captioned(title, f"{exp.name}   ", words)


def model_title(net: ModelRun, scene: LectureScene) -> Mobject:
    """``weights.pt: two moons``: the weights file, and the title its TOML file gives."""
    return scene.captioned(set_line(net.heading, 34, INK), net.heading)


def _model_source(scene: LectureScene, net: ModelRun) -> VGroup:
    """Its layers, and where the weights come from: a still says it without the video."""
    layers = net.arch.describe()
    return VGroup(scene.captioned(lecture_text(layers, 26, INK), layers),
                  scene.text("model_source", 24, MUTED, file=net.source.name)
                  ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)


def _title_line(scene: LectureScene, title: Mobject, net: TrainedNetwork) -> Mobject:
    """The title across the top, with the line saying a large set is drawn as a sample."""
    note = shown_points_note(scene, net)
    if note is not None:  # on the title line: on screen as long as the points are
        title = VGroup(title, note).arrange(RIGHT, buff=0.6, aligned_edge=DOWN)
    return fit_width(title, 13.2).move_to([0, TITLE_Y, 0])


def layer_table(arch: Architecture, size: int = 26) -> VGroup:
    """The article's table: one row per layer, width and activation, output row last."""
    rows = [(str(i + 1), str(layer.width), layer.activation) for i, layer in enumerate(arch.hidden)]
    rows.append(("out", str(arch.classes), "softmax"))
    cells = VGroup(*[
        set_line(cell, size, INK if r else MUTED)
        for r, row in enumerate([("layer", "width", "f"), *rows]) for cell in row
    ])
    cells.arrange_in_grid(rows=len(rows) + 1, cols=3, buff=(0.5, 0.14),
                          col_alignments="lcl")
    return cells


def play_experiment(scene: LectureScene, run: Run | ModelRun, verdict_key: str | None = None,
                    inside_seconds: float = 30.0, inside: BeatEdit | None = None) -> None:
    """Present one experiment: model and data, training, inside the network, verdict.

    ``inside``: what this lecture adds to (or changes in) the inside chapter's beats, e.g.
    ``lambda beats: insert_after(beats, "layer 2 bias", show_matrix(2))``.

    A network trained elsewhere (``ModelRun``) is told by ``play_model`` instead."""
    if isinstance(run, ModelRun):
        play_model(scene, run, inside_seconds, inside)
        return
    exp = run.experiment
    _check_inside(exp.name, exp.arch, inside)
    title = _introduce(scene, experiment_title(exp, scene), run)

    view = play_training(scene, run)
    scene.play(Vanish(view), run_time=scene.seconds(0.6))

    _play_inside(scene, run, inside_seconds, inside)

    lines = [scene.text("accuracy_value", 40, INK, value=100 * run.trajectory.final_accuracy)]
    if verdict_key is not None:
        lines.append(fit_width(scene.text(verdict_key, 30, INK), 12.5))
    lines += [fit_width(line, 12.5) for line in rate_lines(scene, exp)]
    _close(scene, title, lines)
    if shows_wide_layer(exp.arch):
        play_wide_layer(scene, run)


def play_model(scene: LectureScene, net: ModelRun, inside_seconds: float = 30.0,
               inside: BeatEdit | None = None) -> None:
    """Present a network trained elsewhere: model and data, its decision on them (there is
    no training to show), inside the network, its accuracy. The islands of a wide layer are
    moments of a training, so it has no wide-layer chapter: its inside chapter already shows
    such a layer in 3-D."""
    _check_inside(net.name, net.arch, inside)
    title = _introduce(scene, model_title(net, scene), net)
    decision = play_decision(scene, net, _model_source(scene, net))
    scene.play(Vanish(decision), run_time=scene.seconds(0.6))
    _play_inside(scene, net, inside_seconds, inside)
    _close(scene, title, [scene.text("accuracy_value", 40, INK, value=100 * net.accuracy)])


def _introduce(scene: LectureScene, title: Mobject, net: TrainedNetwork) -> Mobject:
    """The title, the data, and the layer table with ``Y = f(WX + B)`` beside them; returns
    the title line, left on screen."""
    title = _title_line(scene, title, net)
    table = side_column(layer_table(net.arch), y=1.6, middle=True)
    formula = side_below(table, MathTex(r"Y = f(WX + B)", color=INK, font_size=40), buff=0.5)
    data_view = PlaneView(WINDOW).show(data_box(net.shown_X), net.shown_X, net.shown_y)
    scene.play(Appear(title), Appear(data_view), run_time=scene.seconds(1.0))
    scene.play(Appear(table, shift=0.2 * RIGHT), Write(formula), run_time=scene.seconds(1.5))
    scene.pause(2.0)
    scene.play(Vanish(table), Vanish(formula), run_time=scene.seconds(0.5))
    scene.remove(data_view)
    return title


def _check_inside(name: str, arch: Architecture, inside: BeatEdit | None) -> None:
    if inside is not None and arch.classes != 2:
        raise NnanimError(f"{name}: only a two-class network's inside chapter is told in "
                          "named beats; leave out inside=")


def _play_inside(scene: LectureScene, net: TrainedNetwork, inside_seconds: float,
                 inside: BeatEdit | None) -> None:
    """The inside chapter, its stages sharing ``inside_seconds``: two classes in named beats
    (``inside`` edits them), three down to the triangle."""
    arch = net.arch
    stage_seconds = float(np.clip(inside_seconds / (3 * arch.n_layers), 1.0, 2.4))
    if arch.classes == 2:
        chapter = InsideChapter(scene, net, stage_seconds)
        beats = chapter.beats()
        if inside is not None:
            inside(beats)
        chapter.play(beats)
    else:
        play_inside_three(scene, net, stage_seconds=stage_seconds)


def _close(scene: LectureScene, title: Mobject, lines: list[Mobject]) -> None:
    """The verdict lines under the accuracy, then away with them and the title."""
    verdict = VGroup(*lines).arrange(DOWN, buff=0.4)
    scene.play(Appear(verdict), run_time=scene.seconds(0.8))
    scene.pause(2.5)
    scene.play(Vanish(verdict), Vanish(title), run_time=scene.seconds(0.8))


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
