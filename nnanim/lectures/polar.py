"""E8: move the donut to polar coordinates (r, θ), and a linear model separates it.

    nnanim lecture polar         # anywhere nnanim is installed
    manim -pqh scenes/polar.py   # in the source checkout
"""

from nnanim.anim.chapters.polar import play_polar_move
from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import Storyboard


class Polar(LectureScene):
    def construct(self) -> None:
        story = Storyboard(self, "polar")
        story.title("polar_title", "polar_subtitle")
        story.chapter("to polar")
        play_polar_move(self, story.run("E8"))
        story.experiment("E8")
