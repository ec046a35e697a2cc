"""C2: softmax drops every point onto y₁ + y₂ = 1, and the boundary is the perpendicular y₁ = y₂.

    manim -pqh scenes/softmax.py

The storyboard is ``nnanim/lectures/softmax.py``, the importable scene module the ``nnanim``
command renders; this file lets manim render it from the checkout under its usual name.
"""

from nnanim.lectures import softmax


class Softmax(softmax.Softmax):
    pass
