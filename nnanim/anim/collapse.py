"""C1: two linear layers collapse into one, shown side by side with the real trained weights.

Left: the trained linear network, layer by layer (``W1``, ``+B1``, ``W2``, ``+B2``). Right: the
single layer ``W = W2 W1``, ``B = W2 B1 + B2`` computed from the same weights. Both windows end
on the same logits; the caption quotes the largest difference actually measured.
"""

from __future__ import annotations

import numpy as np
from manim import FadeIn, FadeOut, MathTex, VGroup

from nnanim.anim.inside import NetworkFilm, StagePlayer
from nnanim.anim.lecture import LectureScene, fit_width, lecture_text
from nnanim.palette import INK, MUTED
from nnanim.captions import caption
from nnanim.errors import NnanimError
from nnanim.geometry.framing import Box
from nnanim.model import Architecture, Params, forward_stages

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


def play_collapse(scene: LectureScene, params: Params, arch: Architecture, X: np.ndarray,
                  y: np.ndarray, stage_seconds: float = 2.0) -> None:
    """Both ways through the network, then the measured agreement."""
    single = combined_layer(params, arch)
    two = StagePlayer(scene, NetworkFilm(params, arch, X, aspect=LEFT_WINDOW.aspect), y,
                      rect=LEFT_WINDOW)
    one = StagePlayer(scene, NetworkFilm(single, SINGLE_LAYER, X, aspect=RIGHT_WINDOW.aspect),
                      y, rect=RIGHT_WINDOW)
    heading = lecture_text(caption("c1_heading", scene.lang), 36, INK)
    heading.move_to([0, 3.55, 0])
    labels = VGroup(
        lecture_text(caption("c1_two", scene.lang), 26, MUTED),
        lecture_text(caption("c1_one", scene.lang), 26, MUTED),
    )
    labels[0].move_to([LEFT_WINDOW.center[0], LEFT_WINDOW.ymax + 0.4, 0])
    labels[1].move_to([RIGHT_WINDOW.center[0], RIGHT_WINDOW.ymax + 0.4, 0])
    scene.play(FadeIn(heading), FadeIn(labels), FadeIn(two.view), FadeIn(one.view),
               run_time=scene.seconds(1.0))
    scene.bring_to_front(two.view, one.view)

    def formula(tex: str, window: Box) -> MathTex:
        return MathTex(tex, color=INK, font_size=40).move_to([window.center[0], window.ymin - 0.4, 0])

    def play_steps(player: StagePlayer, window: Box, steps: list) -> VGroup:
        """Each stage with its formula under the window; returns the last formula shown."""
        shown = VGroup()
        for (layer, stage), tex in steps:
            label = formula(tex, window)
            player.stage(layer, stage, stage_seconds, FadeOut(shown), FadeIn(label))
            shown = label
        player.stop()
        return shown

    shown = play_steps(two, LEFT_WINDOW, [((0, "linear"), r"W_1"), ((0, "bias"), r"+\,B_1"),
                                          ((1, "linear"), r"W_2"), ((1, "bias"), r"+\,B_2")])
    shown_right = play_steps(one, RIGHT_WINDOW, [((0, "linear"), r"W = W_2 W_1"),
                                                 ((0, "bias"), r"+\,B = W_2 B_1 + B_2")])

    two_layers = forward_stages(params, arch, X).logits
    one_layer = forward_stages(single, SINGLE_LAYER, X).logits
    difference = float(np.max(np.abs(two_layers - one_layer)))
    verdict = lecture_text(caption("c1_same", scene.lang, diff=max(difference, 1e-300)), 28, INK)
    fit_width(verdict, 13.0).move_to([0, 3.55, 0])
    scene.play(FadeOut(heading), FadeIn(verdict), run_time=scene.seconds(0.8))
    scene.pause(3.0)
    scene.play(*[FadeOut(m) for m in (verdict, labels, two.view, one.view, shown, shown_right)],
               run_time=scene.seconds(0.8))
