"""C2: why the boundary after softmax is the line perpendicular to ``y1 + y2 = 1``.

Starts from the logits of a trained network, where the classes are split by ``z1 = z2``;
softmax moves every point onto ``y1 + y2 = 1`` without changing which output is larger, so the
same line ``y1 = y2`` -- perpendicular to the blue line through (0.5, 0.5) -- is the boundary.
"""

from __future__ import annotations

from manim import MathTex

from nnanim.anim.films import NetworkFilm
from nnanim.anim.layout import TITLE_Y, WINDOW
from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Appear
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.anim.side import play_notes_then_clear, side_below, side_column
from nnanim.palette import INK, MUTED, SOFTMAX_BOUNDARY
from nnanim.core.run import Run


def play_softmax_story(scene: LectureScene, run: Run, seconds: float = 4.0) -> None:
    """Logit plane → softmax line, with the formula and the reason on the right."""
    arch = run.trajectory.arch
    film = NetworkFilm(run.trajectory.final_params, arch, run.shown_X)
    last = arch.n_layers - 1
    player = StagePlayer(film, PlaneView(WINDOW), run.shown_y, start=(last, "bias", 1.0))
    player.overlay.show(player.frame.flat_box, line_opacity=0.0)
    player.overlay.reveal()
    logits = scene.text("softmax_logits", 24, MUTED)
    formula = MathTex(r"y_i = \frac{e^{z_i}}{e^{z_1} + e^{z_2}}", color=INK, font_size=46)
    note = scene.text("softmax_formula_note", 24, MUTED)
    column = side_column(logits, formula, note, y=TITLE_Y - 1.9, middle=True)
    scene.play(Appear(player.view), Appear(logits), run_time=scene.seconds(1.0))
    scene.bring_to_front(player.view)
    scene.play(Appear(formula), Appear(note), run_time=scene.seconds(1.0))
    scene.pause(1.5)
    scene.play(player.stage(last, "softmax", run_time=scene.seconds(seconds)))
    reasons = side_below(column, scene.text("softmax_order", 24, INK),
                         scene.text("softmax_boundary", 24, SOFTMAX_BOUNDARY),
                         scene.text("softmax_regions", 22, MUTED), buff=0.6)
    play_notes_then_clear(scene, reasons, appear=0.8, rest=2.0, clear=(player.view, column))
