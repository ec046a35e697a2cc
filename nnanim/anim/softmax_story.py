"""C2: why the boundary after softmax is the line perpendicular to ``y1 + y2 = 1``.

Starts from the logits of a trained network, where the classes are split by ``z1 = z2``;
softmax moves every point onto ``y1 + y2 = 1`` without changing which output is larger, so the
same line ``y1 = y2`` -- perpendicular to the blue line through (0.5, 0.5) -- is the boundary.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, FadeIn, FadeOut, MathTex, VGroup

from nnanim.anim.inside import NetworkFilm, StagePlayer
from nnanim.anim.layout import SIDE_LEFT, SIDE_WIDTH, TITLE_Y
from nnanim.anim.lecture import LectureScene, fit_width, lecture_text
from nnanim.palette import INK, MUTED, SOFTMAX_BOUNDARY
from nnanim.captions import caption
from nnanim.model import Architecture, Params


def play_softmax_story(scene: LectureScene, params: Params, arch: Architecture, X: np.ndarray,
                       y: np.ndarray, seconds: float = 4.0) -> None:
    """Logit plane → softmax line, with the formula and the reason on the right."""
    film = NetworkFilm(params, arch, X)
    last = arch.n_layers - 1
    player = StagePlayer(scene, film, y, start=(last, "bias", 1.0))
    player.overlay.show(film.box(last, "bias", 1.0), line_opacity=0.0)
    player.overlay.reveal()
    formula = MathTex(r"y_i = \frac{e^{z_i}}{e^{z_1} + e^{z_2}}", color=INK, font_size=46)
    note = lecture_text(caption("softmax_formula_note", scene.lang), 24, MUTED)
    logits = lecture_text(caption("softmax_logits", scene.lang), 24, MUTED)
    column = VGroup(logits, formula, note).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
    fit_width(column, SIDE_WIDTH).move_to([SIDE_LEFT, TITLE_Y - 1.9, 0], aligned_edge=LEFT)
    scene.play(FadeIn(player.view), FadeIn(logits), run_time=scene.seconds(1.0))
    scene.bring_to_front(player.view)
    scene.play(FadeIn(formula), FadeIn(note), run_time=scene.seconds(1.0))
    scene.pause(1.5)
    player.stage(last, "softmax", seconds)
    player.stop()
    reasons = VGroup(
        lecture_text(caption("softmax_order", scene.lang), 24, INK),
        lecture_text(caption("softmax_boundary", scene.lang), 24, SOFTMAX_BOUNDARY),
        lecture_text(caption("softmax_regions", scene.lang), 22, MUTED),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
    fit_width(reasons, SIDE_WIDTH).next_to(column, DOWN, buff=0.6, aligned_edge=LEFT)
    for line in reasons:
        scene.play(FadeIn(line), run_time=scene.seconds(0.8))
        scene.pause(1.2)
    scene.pause(2.0)
    scene.play(*[FadeOut(m) for m in (player.view, column, reasons)], run_time=scene.seconds(0.8))
