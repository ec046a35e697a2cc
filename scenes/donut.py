"""The donut: 2 tanh units fail (E6) because a warp of the plane cannot make an island; 10 units succeed (E7).

    manim -pqh scenes/donut.py
"""

from nnanim.anim.chapters import play_experiment, play_title_card
from nnanim.anim.lecture import LectureScene
from nnanim.lectures import prepare

CHAPTERS = (("E6", "verdict_donut_fail"), ("E7", "verdict_donut_wide"))


class Donut(LectureScene):
    def construct(self) -> None:
        runs = prepare(name for name, _ in CHAPTERS)
        self.next_section("title")
        play_title_card(self, self.caption("donut_title"), self.caption("donut_subtitle"))
        for (name, verdict), run in zip(CHAPTERS, runs):
            self.next_section(name)
            play_experiment(self, run.experiment, run.trajectory, run.X, run.y, verdict)
