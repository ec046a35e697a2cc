"""The swiss-roll lecture: why a linear model fails, and how tanh layers untangle the roll.

    nnanim lecture swissroll         # anywhere nnanim is installed
    manim -pqh scenes/swissroll.py   # in the source checkout

Chapters (``--save_sections`` writes one file each): the opening card, then E2 (linear),
E3 (2 tanh), E4 (5 layers of 2 tanh) and E5 (10 tanh), each with its training and the inside
of the trained network; E5's 10-D layer is also seen in 3-D.
"""

from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import Storyboard


class SwissRoll(LectureScene):
    def construct(self) -> None:
        story = Storyboard(self, "swissroll")
        story.title("swissroll_title", "swissroll_subtitle")
        story.experiments()
