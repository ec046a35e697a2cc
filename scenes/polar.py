"""E8: move the donut to polar coordinates (r, θ), and a linear model separates it.

    manim -pqh scenes/polar.py

The storyboard is ``nnanim/lectures/polar.py``, the importable scene module the ``nnanim``
command renders; this file lets manim render it from the checkout under its usual name.
"""

from nnanim.lectures import polar


class Polar(polar.Polar):
    pass
