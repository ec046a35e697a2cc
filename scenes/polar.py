"""E8: move the donut to polar coordinates (r, θ), and a linear model separates it.

    manim -pqh scenes/polar.py
"""

from nnanim.anim.chapters import play_experiment, play_title_card
from nnanim.anim.lecture import LectureScene
from nnanim.anim.polar import play_polar_move
from nnanim.run import cartesian_data, prepare


class Polar(LectureScene):
    def construct(self) -> None:
        (run,) = prepare(["E8"])
        self.next_section("title")
        play_title_card(self, self.caption("polar_title"), self.caption("polar_subtitle"))
        self.next_section("to polar")
        X_cartesian, y = cartesian_data(run.experiment)
        play_polar_move(self, X_cartesian, y)
        self.next_section("E8")
        play_experiment(self, run.experiment, run.trajectory, run.X, run.y, "verdict_polar")
