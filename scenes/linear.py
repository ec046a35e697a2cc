"""Linear networks: E1 (two blobs, a straight boundary) and C1 (two linear layers are one).

    manim -pqh scenes/linear.py

The storyboard is ``nnanim/lectures/linear.py``, the importable scene module the ``nnanim``
command renders; this file lets manim render it from the checkout under its usual name.
"""

from nnanim.lectures import linear


class Linear(linear.Linear):
    pass
