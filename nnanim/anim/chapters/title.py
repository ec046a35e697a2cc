"""The lecture's opening card: its title, the formula it is about, one line of context."""

from __future__ import annotations

from manim import DOWN, MathTex, VGroup, Write

from nnanim.anim.lecture import LectureScene, fit_width
from nnanim.anim.motion import Appear, Vanish
from nnanim.palette import INK, MUTED


def play_title_card(scene: LectureScene, title_key: str, subtitle_key: str,
                    formula_tex: str = r"Y = f(WX + B)") -> None:
    """The lecture's opening card: title, the formula it is about, one line of context."""
    heading = fit_width(scene.text(title_key, 44, INK), 12.5)
    formula = MathTex(formula_tex, color=INK, font_size=64)
    sub = scene.text(subtitle_key, 28, MUTED)
    card = VGroup(heading, formula, sub).arrange(DOWN, buff=0.6)
    scene.play(Appear(heading, shift=0.2 * DOWN), run_time=scene.seconds(1.0))
    scene.play(Write(formula), Appear(sub), run_time=scene.seconds(1.5))
    scene.pause(2.0)
    scene.play(Vanish(card), run_time=scene.seconds(0.8))
