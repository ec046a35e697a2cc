"""Beyond the plane: the donut needs a third dimension (C3: 2 → 3 tanh → 2 softmax).

    manim -pqh scenes/lift.py

The storyboard is ``nnanim/lectures/lift.py``, the importable scene module the ``nnanim``
command renders; this file lets manim render it from the checkout under its usual name.
"""

from nnanim.lectures import lift


class Lift(lift.Lift):
    pass
