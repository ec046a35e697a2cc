"""Three classes: a linear model cuts three blobs into wedges, tanh layers unroll a spiral.

    manim -pqh scenes/threeclass.py

Chapters (``--save_sections`` writes one file each): the opening card, then K1 (three blobs,
one linear layer) and K2 (three-arm spiral, tanh layers of 10 and 3), each with its training
in three colours and the inside of the trained network, ending on the triangle
``y1 + y2 + y3 = 1`` seen square-on.
"""

from nnanim.anim.chapters.title import play_title_card
from nnanim.anim.storyboards import play_experiment
from nnanim.anim.lecture import LectureScene
from nnanim.course.lectures import get_lecture
from nnanim.core.run import prepare

LECTURE = get_lecture("threeclass")


class ThreeClass(LectureScene):
    def construct(self) -> None:
        runs = prepare(LECTURE.presets)
        self.next_section("title")
        play_title_card(self, "threeclass_title", "threeclass_subtitle",
                        r"y_i = \frac{e^{z_i}}{e^{z_1} + e^{z_2} + e^{z_3}}")
        for chapter, run in zip(LECTURE.experiment_chapters, runs):
            self.next_section(chapter.name)
            play_experiment(self, run, chapter.verdict)
