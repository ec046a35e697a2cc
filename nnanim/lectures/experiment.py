"""Any one experiment as a stand-alone chapter: what `nnanim render` draws.

    NNANIM_EXPERIMENT=E3 manim -pql scenes/experiment.py
    NNANIM_EXPERIMENT=examples/spiral.toml manim -pql scenes/experiment.py

``NNANIM_EXPERIMENT`` is a preset name or an experiment ``.toml`` file; ``NNANIM_VERDICT``
optionally names the caption shown under the accuracy.

A still (``manim -s``) shows the end of training -- the data, the heatmap and the decision
boundary -- because the chapter itself ends on an empty frame after its closing fade.
"""

from manim import config

from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import experiment_from_env, play_experiment, play_training_still


class ExperimentChapter(LectureScene):
    def construct(self) -> None:
        run, verdict = experiment_from_env(self)
        if config.save_last_frame:
            play_training_still(self, run)
        else:
            play_experiment(self, run, verdict)
