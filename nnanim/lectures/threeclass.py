"""Three classes: a linear model cuts three blobs into wedges, tanh layers unroll a spiral.

    nnanim lecture threeclass         # anywhere nnanim is installed
    manim -pqh scenes/threeclass.py   # in the source checkout

Chapters (``--save_sections`` writes one file each): the opening card, then K1 (three blobs,
one linear layer) and K2 (three-arm spiral, tanh layers of 10 and 3), each with its training
in three colours and the inside of the trained network, ending on the triangle
``y1 + y2 + y3 = 1`` seen square-on.
"""

from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import Storyboard


class ThreeClass(LectureScene):
    def construct(self) -> None:
        story = Storyboard(self, "threeclass")
        story.title("threeclass_title", "threeclass_subtitle",
                    r"y_i = \frac{e^{z_i}}{e^{z_1} + e^{z_2} + e^{z_3}}")
        story.experiments()
