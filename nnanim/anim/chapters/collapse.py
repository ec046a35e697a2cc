"""C1: two linear layers collapse into one, shown side by side with the real trained weights.

Left: the trained linear network, layer by layer (``W1``, ``+B1``, ``W2``, ``+B2``). Right: the
single layer ``W = W2 W1``, ``B = W2 B1 + B2`` computed from the same weights. Both windows end
on the same logits; the caption quotes the largest difference actually measured.
"""

from __future__ import annotations

import numpy as np
from manim import MathTex, VGroup

from nnanim.anim.films import NetworkFilm
from nnanim.anim.lecture import LectureScene, fit_width
from nnanim.anim.motion import Appear, Swap, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.errors import NnanimError
from nnanim.geometry.framing import Box
from nnanim.core.model import Architecture, Params, forward_stages
from nnanim.palette import INK, MUTED
from nnanim.core.run import Run

LEFT_WINDOW = Box.around((-3.5, -0.4), 5.6, 5.6)
RIGHT_WINDOW = Box.around((3.5, -0.4), 5.6, 5.6)
SINGLE_LAYER = Architecture(())


def combined_layer(params: Params, arch: Architecture) -> Params:
    """``W = W2 W1, B = W2 B1 + B2`` (generalised: fold every linear layer into one)."""
    if any(layer.activation != "linear" for layer in arch.hidden):
        raise NnanimError(f"arch: {arch.describe()!r} is not linear; only linear layers collapse")
    W, B = np.eye(2), np.zeros(2)
    for w, b in params:
        W, B = w @ W, w @ B + b
    return [(W, B)]


def play_collapse(scene: LectureScene, run: Run, stage_seconds: float = 2.0) -> None:
    """Both ways through the network, then the measured agreement."""
    params, arch = run.trajectory.final_params, run.trajectory.arch
    X, y = run.shown_X, run.shown_y  # drawn; the agreement below is measured on every point
    single = combined_layer(params, arch)
    two = StagePlayer(NetworkFilm(params, arch, X, aspect=LEFT_WINDOW.aspect),
                      PlaneView(LEFT_WINDOW), y)
    one = StagePlayer(NetworkFilm(single, SINGLE_LAYER, X, aspect=RIGHT_WINDOW.aspect),
                      PlaneView(RIGHT_WINDOW), y)
    heading = scene.text("c1_heading", 36, INK).move_to([0, 3.55, 0])
    labels = VGroup(scene.text("c1_two", 26, MUTED), scene.text("c1_one", 26, MUTED))
    labels[0].move_to([LEFT_WINDOW.center[0], LEFT_WINDOW.ymax + 0.4, 0])
    labels[1].move_to([RIGHT_WINDOW.center[0], RIGHT_WINDOW.ymax + 0.4, 0])
    scene.play(Appear(heading), Appear(labels), Appear(two.view), Appear(one.view),
               run_time=scene.seconds(1.0))

    def formula(tex: str, window: Box) -> MathTex:
        return MathTex(tex, color=INK, font_size=40).move_to([window.center[0], window.ymin - 0.4, 0])

    def play_steps(player: StagePlayer, window: Box, steps: list) -> VGroup:
        """Each stage with its formula under the window; returns the last formula shown."""
        shown = VGroup()
        for (layer, stage), tex in steps:
            label = formula(tex, window)
            scene.play(player.stage(layer, stage, run_time=scene.seconds(stage_seconds)),
                       Swap(shown, label))
            shown = label
        return shown

    shown = play_steps(two, LEFT_WINDOW, [((0, "linear"), r"W_1"), ((0, "bias"), r"+\,B_1"),
                                          ((1, "linear"), r"W_2"), ((1, "bias"), r"+\,B_2")])
    shown_right = play_steps(one, RIGHT_WINDOW, [((0, "linear"), r"W = W_2 W_1"),
                                                 ((0, "bias"), r"+\,B = W_2 B_1 + B_2")])

    two_layers = forward_stages(params, arch, run.X).logits
    one_layer = forward_stages(single, SINGLE_LAYER, run.X).logits
    difference = float(np.max(np.abs(two_layers - one_layer)))
    verdict = scene.text("c1_same", 28, INK, diff=max(difference, 1e-300))
    fit_width(verdict, 13.0).move_to([0, 3.55, 0])
    scene.play(Swap(heading, verdict), run_time=scene.seconds(0.8))
    scene.pause(3.0)
    scene.play(*[Vanish(m) for m in (verdict, labels, two.view, one.view, shown, shown_right)],
               run_time=scene.seconds(0.8))
