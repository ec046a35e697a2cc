"""The article's closing question: can a network learn a "wiser" swiss-roll boundary?

    nnanim lecture wiser         # anywhere nnanim is installed
    manim -pqh scenes/wiser.py   # in the source checkout

Chapters (``--save_sections``): the question; the midway line a person would draw and how we
measure a boundary against it; five networks on the same points training side by side (the
plain fit E5, weight decay, a wider layer, jittered copies, (r, θ) inputs); the verdict under
each, read off the measurements; the answer.
"""

from nnanim.anim.chapters.wiser_panels import (
    make_windows,
    measured_comparison,
    play_answer,
    play_midway,
    play_question,
    play_training_side_by_side,
    play_verdicts,
)
from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import Storyboard


class Wiser(LectureScene):
    def construct(self) -> None:
        story = Storyboard(self, "wiser")
        comparison = measured_comparison()
        story.chapter("question")
        play_question(self)
        story.chapter("midway line")
        play_midway(self, comparison.yardstick)
        story.chapter("training")
        windows = make_windows(self, comparison)
        play_training_side_by_side(self, comparison, windows)
        story.chapter("verdicts")
        play_verdicts(self, windows, comparison)
        story.chapter("answer")
        play_answer(self, comparison)
