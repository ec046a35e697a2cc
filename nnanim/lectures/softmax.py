"""C2: softmax drops every point onto y₁ + y₂ = 1, and the boundary is the perpendicular y₁ = y₂.

    nnanim lecture softmax         # anywhere nnanim is installed
    manim -pqh scenes/softmax.py   # in the source checkout
"""

from nnanim.anim.chapters.softmax_explained import play_softmax_story
from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import Storyboard


class Softmax(LectureScene):
    def construct(self) -> None:
        story = Storyboard(self, "softmax", "E3")
        story.title("softmax_title", "softmax_formula_note",
                    r"y_i = \frac{e^{z_i}}{e^{z_1} + e^{z_2}}")
        story.chapter("softmax")
        play_softmax_story(self, story.run("E3"))
