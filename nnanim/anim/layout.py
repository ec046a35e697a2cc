"""Where things sit on the 16:9 frame (manim units: 14.22 wide, 8 high, origin at the centre).

One window for the data on the left, a column for text and the training chart on the right,
a title line on top. Every chapter uses these, so the lecture never jumps between layouts.
"""

from dataclasses import dataclass
from typing import Sequence

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
TRAINING = Box(WINDOW.xmin, SIDE_RIGHT, WINDOW.ymin, WINDOW.ymax)
"""The training chapter's picture: the window, and the column with its numbers and chart."""


@dataclass(frozen=True)
class Placement:
    """A picture laid out on the lecture's frame (``standard``), moved and scaled as one: each
    point ``p`` of it is drawn at ``center + scale · (p - standard.center)``, so its parts keep
    their proportions and their gaps at any size, and nothing new can overlap.

    >>> placed = Placement.at(TRAINING, center=(3.0, 1.0), height=3.45)
    >>> placed.scale, placed.picture.height, placed.picture.center.tolist()
    (0.5, 3.45, [3.0, 1.0])
    """

    standard: Box
    center: tuple[float, float]
    scale: float = 1.0

    @classmethod
    def at(cls, standard: Box, center: Sequence[float], height: float) -> "Placement":
        """``standard`` drawn ``height`` high, centred on ``center``."""
        x, y = center
        return cls(standard, (float(x), float(y)), height / standard.height)

    def point(self, p: Sequence[float]) -> np.ndarray:
        """Where the point ``p`` of the standard layout is drawn."""
        return np.asarray(self.center) + self.scale * (np.asarray(p, dtype=np.float64)
                                                       - self.standard.center)

    def box(self, box: Box) -> Box:
        """Where the box ``box`` of the standard layout is drawn."""
        xmin, ymin = self.point((box.xmin, box.ymin))
        xmax, ymax = self.point((box.xmax, box.ymax))
        return Box(xmin, xmax, ymin, ymax)

    @property
    def picture(self) -> Box:
        """The whole picture on the scene."""
        return self.box(self.standard)


def data_box(X: np.ndarray) -> Box:
    """The input-space view: every point with room around it, square like the window."""
    return data_view(X, WINDOW.aspect)
