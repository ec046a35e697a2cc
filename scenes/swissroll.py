"""The swiss-roll lecture: why a linear model fails, and how tanh layers untangle the roll.

    manim -pqh scenes/swissroll.py

The storyboard is ``nnanim/lectures/swissroll.py``, the importable scene module the ``nnanim``
command renders; this file lets manim render it from the checkout under its usual name.
"""

from nnanim.lectures import swissroll


class SwissRoll(swissroll.SwissRoll):
    pass
