"""The swiss-roll lecture: why a linear model fails, and how tanh layers untangle the roll.

    manim -pqh scenes/swissroll.py

Chapters (``--save_sections`` writes one file each): the opening card, then E2 (linear),
E3 (2 tanh), E4 (5 layers of 2 tanh) and E5 (10 tanh), each with its training and the inside
of the trained network; E5's 10-D layer is also seen in 3-D.
"""

from nnanim.anim.chapters.title import play_title_card
from nnanim.anim.storyboards import play_experiment
from nnanim.anim.lecture import LectureScene
from nnanim.course.lectures import get_lecture
from nnanim.core.run import prepare

LECTURE = get_lecture("swissroll")


class SwissRoll(LectureScene):
    def construct(self) -> None:
        runs = prepare(LECTURE.presets)
        self.next_section("title")
        play_title_card(self, "swissroll_title", "swissroll_subtitle")
        for chapter, run in zip(LECTURE.experiment_chapters, runs):
            self.next_section(chapter.name)
            play_experiment(self, run, chapter.verdict)
