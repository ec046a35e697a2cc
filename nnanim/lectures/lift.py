"""Beyond the plane: the donut needs a third dimension (C3: 2 → 3 tanh → 2 softmax).

    nnanim lecture lift         # anywhere nnanim is installed
    manim -pqh scenes/lift.py   # in the source checkout

Chapters (``--save_sections`` writes one file each): "compare" (2 hidden units are stuck, 3
solve it), "lift" (the input plane lifted into 3-D, shifted, bent by tanh, then cut by the
separating plane, seen edge-on) and "project" (3 → 2 back onto a plane, then the softmax).
"""

from nnanim.anim.chapters.lift import LiftChapter
from nnanim.anim.chapters.lift_compare import play_side_by_side
from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import Storyboard


class Lift(LectureScene):
    def construct(self) -> None:
        story = Storyboard(self, "lift", "E6", "C3")
        stuck, solved = story.run("E6"), story.run("C3")
        story.chapter("compare")
        play_side_by_side(self, stuck, solved)
        lifted = LiftChapter(self, solved)
        story.chapter("lift")
        lifted.play_lift()
        story.chapter("project")
        lifted.play_projection()
