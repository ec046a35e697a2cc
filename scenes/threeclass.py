"""Three classes: a linear model cuts three blobs into wedges, tanh layers unroll a spiral.

    manim -pqh scenes/threeclass.py

The storyboard is ``nnanim/lectures/threeclass.py``, the importable scene module the ``nnanim``
command renders; this file lets manim render it from the checkout under its usual name.
"""

from nnanim.lectures import threeclass


class ThreeClass(threeclass.ThreeClass):
    pass
