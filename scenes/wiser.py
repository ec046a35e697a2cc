"""The article's closing question: can a network learn a "wiser" swiss-roll boundary?

    manim -pqh scenes/wiser.py

The storyboard is ``nnanim/lectures/wiser.py``, the importable scene module the ``nnanim``
command renders; this file lets manim render it from the checkout under its usual name.
"""

from nnanim.lectures import wiser


class Wiser(wiser.Wiser):
    pass
