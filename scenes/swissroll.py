"""The swiss-roll lecture: why a linear model fails, and how tanh layers untangle the roll.

    manim -pqh scenes/swissroll.py

Chapters (``--save_sections`` writes one file each): the opening card, then E2 (linear),
E3 (2 tanh), E4 (5 layers of 2 tanh) and E5 (10 tanh), each with its training and the inside
of the trained network; E5's 10-D layer is also seen in 3-D.
"""

from nnanim.anim.chapters import play_experiment, play_title_card
from nnanim.anim.lecture import LectureScene
from nnanim.lectures import prepare

CHAPTERS = (
    ("E2", "verdict_fail_linear"),
    ("E3", "verdict_slow"),
    ("E4", "verdict_deep"),
    ("E5", "verdict_wide"),
)


class SwissRoll(LectureScene):
    def construct(self) -> None:
        runs = prepare(name for name, _ in CHAPTERS)
        self.next_section("title")
        play_title_card(self, self.caption("swissroll_title"), self.caption("swissroll_subtitle"))
        for (name, verdict), run in zip(CHAPTERS, runs):
            self.next_section(name)
            play_experiment(self, run.experiment, run.trajectory, run.X, run.y, verdict)
