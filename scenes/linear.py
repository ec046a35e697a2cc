"""Linear networks: E1 (two blobs, a straight boundary) and C1 (two linear layers are one).

    manim -pqh scenes/linear.py
"""

from nnanim.anim.chapters.collapse import play_collapse
from nnanim.anim.chapters.title import play_title_card
from nnanim.anim.storyboards import play_experiment
from nnanim.anim.lecture import LectureScene
from nnanim.core.run import prepare


class Linear(LectureScene):
    def construct(self) -> None:
        (blobs,) = prepare(["E1"])
        self.next_section("title")
        play_title_card(self, "linear_title", "linear_subtitle")
        self.next_section("E1")
        play_experiment(self, blobs, "verdict_blobs")
        self.next_section("C1")
        play_collapse(self, blobs)
