"""Linear networks: E1 (two blobs, a straight boundary) and C1 (two linear layers are one).

    nnanim lecture linear         # anywhere nnanim is installed
    manim -pqh scenes/linear.py   # in the source checkout
"""

from nnanim.anim.chapters.collapse import play_collapse
from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import Storyboard


class Linear(LectureScene):
    def construct(self) -> None:
        story = Storyboard(self, "linear")
        story.title("linear_title", "linear_subtitle")
        story.experiment("E1")
        story.chapter("C1")
        play_collapse(self, story.run("E1"))
