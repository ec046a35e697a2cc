"""The donut: 2 tanh units fail (E6) because a warp of the plane cannot make an island; 10 units succeed (E7).

    manim -pqh scenes/donut.py

The storyboard is ``nnanim/lectures/donut.py``, the importable scene module the ``nnanim``
command renders; this file lets manim render it from the checkout under its usual name.
"""

from nnanim.lectures import donut


class Donut(donut.Donut):
    pass
