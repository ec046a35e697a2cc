"""The donut: 2 tanh units fail (E6) because a warp of the plane cannot make an island; 10 units succeed (E7).

    manim -pqh scenes/donut.py
"""

from nnanim.anim.chapters.title import play_title_card
from nnanim.anim.storyboards import play_experiment
from nnanim.anim.lecture import LectureScene
from nnanim.course.lectures import get_lecture
from nnanim.core.run import prepare

LECTURE = get_lecture("donut")


class Donut(LectureScene):
    def construct(self) -> None:
        runs = prepare(LECTURE.presets)
        self.next_section("title")
        play_title_card(self, "donut_title", "donut_subtitle")
        for chapter, run in zip(LECTURE.experiment_chapters, runs):
            self.next_section(chapter.name)
            play_experiment(self, run, chapter.verdict)
