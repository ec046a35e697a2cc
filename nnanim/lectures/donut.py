"""The donut: 2 tanh units fail (E6) because a warp of the plane cannot make an island; 10 units succeed (E7).

    nnanim lecture donut         # anywhere nnanim is installed
    manim -pqh scenes/donut.py   # in the source checkout
"""

from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import Storyboard


class Donut(LectureScene):
    def construct(self) -> None:
        story = Storyboard(self, "donut")
        story.title("donut_title", "donut_subtitle")
        story.experiments()
