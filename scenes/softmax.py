"""C2: softmax drops every point onto y₁ + y₂ = 1, and the boundary is the perpendicular y₁ = y₂.

    manim -pqh scenes/softmax.py
"""

from nnanim.anim.chapters.title import play_title_card
from nnanim.anim.chapters.softmax_explained import play_softmax_story
from nnanim.anim.lecture import LectureScene
from nnanim.core.run import prepare


class Softmax(LectureScene):
    def construct(self) -> None:
        (run,) = prepare(["E3"])
        self.next_section("title")
        play_title_card(self, "softmax_title", "softmax_formula_note",
                        r"y_i = \frac{e^{z_i}}{e^{z_1} + e^{z_2}}")
        self.next_section("softmax")
        play_softmax_story(self, run)
