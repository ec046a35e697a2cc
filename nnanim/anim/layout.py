"""Where things sit on the 16:9 frame (manim units: 14.22 wide, 8 high, origin at the centre).

One window for the data on the left, a column for text and the training chart on the right,
a title line on top. Every chapter uses these, so the lecture never jumps between layouts.
"""

import numpy as np

from nnanim.geometry.framing import Box, data_view

TITLE_Y = 3.45
WINDOW = Box.around((-3.25, -0.4), 6.9, 6.9)
"""The data window (square: a rotation must look like a rotation)."""
SPACE_WINDOW = Box.around((-3.3, 0.0), 7.4, 7.9)
"""The 3-D window: the left part of the frame at full height (the picture is round)."""
SIDE_LEFT = 0.75
"""Left edge of the right-hand column."""
SIDE_RIGHT = 6.75
SIDE_WIDTH = SIDE_RIGHT - SIDE_LEFT
CHART = Box(SIDE_LEFT + 0.65, SIDE_RIGHT - 0.95, -3.25, -0.75)
"""Loss/accuracy chart: its axes; their scales and names around them, inside the column."""


def data_box(X: np.ndarray) -> Box:
    """The input-space view: every point with room around it, square like the window."""
    return data_view(X, WINDOW.aspect)
