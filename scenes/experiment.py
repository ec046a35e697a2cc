"""Any one experiment as a stand-alone chapter: what `nnanim render` draws.

    NNANIM_EXPERIMENT=E3 manim -pql scenes/experiment.py

The storyboard is ``nnanim/lectures/experiment.py``, the importable scene module the ``nnanim``
command renders; this file lets manim render it from the checkout under its usual name.
"""

from nnanim.lectures import experiment


class ExperimentChapter(experiment.ExperimentChapter):
    pass
