"""The one place that knows colours, so every scene paints the classes the same way.

The softmax colours follow the article: the line ``y1 + y2 = 1`` in blue, the boundary in red,
class 1 (``y1 > y2``) on a light-blue region and class 2 on an orange one. The data classes use
the same hues so a point's colour and its region agree. (Class index 0 in code is the article's
"class 1".) A third class, beyond the article, is green: a hue far from both blue and orange,
and dark enough on the light paper, so the three regions of the triangle read apart.
"""

BACKGROUND = "#FBFAF7"
INK = "#1F2328"
MUTED = "#6E7781"
GRID = "#9AA4B2"

DARK_BACKGROUND = "#16181D"
DARK_INK = "#ECEAE4"
"""A dark scene (``LectureScene.dark``): its paper and the ink of words written on it."""

CLASS_COLORS = ("#1F77D0", "#F07F13", "#2E9E44")
"""Dot colours for class index 0, 1 and 2."""

REGION_COLORS = ("#BFE0FA", "#FFD7AE", "#C8EBC4")
"""Light fills behind each class (light blue, orange, green), also the heatmap's colours."""

SOFTMAX_LINE = "#1F5FD0"
SOFTMAX_BOUNDARY = "#D62828"
FINAL_BOUNDARY = "#111111"
LOSS_COLOR = "#8250DF"
ACCURACY_COLOR = "#1A7F37"


def hex_to_rgb(color: str) -> tuple[float, float, float]:
    """``"#RRGGBB"`` to floats in [0, 1]."""
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]
