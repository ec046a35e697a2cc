"""E8: move the donut to polar coordinates (r, θ), and a linear model separates it.

    manim -pqh scenes/polar.py
"""

from nnanim.anim.chapters.title import play_title_card
from nnanim.anim.storyboards import play_experiment
from nnanim.anim.chapters.polar import play_polar_move
from nnanim.anim.lecture import LectureScene
from nnanim.core.run import prepare


class Polar(LectureScene):
    def construct(self) -> None:
        (run,) = prepare(["E8"])
        self.next_section("title")
        play_title_card(self, "polar_title", "polar_subtitle")
        self.next_section("to polar")
        play_polar_move(self, run)
        self.next_section("E8")
        play_experiment(self, run, "verdict_polar")
