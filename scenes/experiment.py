"""Any one experiment as a stand-alone chapter: what `nnanim render` draws.

    NNANIM_EXPERIMENT=E3 manim -pql scenes/experiment.py
    NNANIM_EXPERIMENT=examples/spiral.toml manim -pql scenes/experiment.py

``NNANIM_EXPERIMENT`` is a preset name or an experiment ``.toml`` file; ``NNANIM_VERDICT``
optionally names the caption shown under the accuracy.

A still (``manim -s``) shows the end of training -- the data, the heatmap and the decision
boundary -- because the chapter itself ends on an empty frame after its closing fade.
"""

from manim import config

from nnanim.anim.storyboards import play_experiment
from nnanim.anim.chapters.training import play_training
from nnanim.anim.layout import TITLE_Y
from nnanim.anim.lecture import LectureScene
from nnanim.anim.shown_points import shown_points_note
from nnanim.core.experiment_file import load_experiment
from nnanim.course.render_request import request_from_env
from nnanim.core.run import run_of


class ExperimentChapter(LectureScene):
    def construct(self) -> None:
        chapter = request_from_env()
        chapter.check(self.lang)
        run = run_of(load_experiment(chapter.experiment))
        if config.save_last_frame:
            note = shown_points_note(self, run)
            if note is not None:  # a large set is drawn as a sample: say so in the still too
                self.add(note.move_to([0, TITLE_Y, 0]))
            play_training(self, run)
        else:
            play_experiment(self, run, chapter.verdict)
