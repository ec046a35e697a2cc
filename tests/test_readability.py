"""Every label can be read and every claim can be seen: read back from what is drawn.

The training chart names each curve at its own axis and reads each on its own scale; the
3-D views' axis names are not covered by the data or the plane; the islands panel is big
enough to see its curves lie on one plane; a layer that squashes the plane to nearly a line
still shows a grid.
"""

import numpy as np
import pytest
from manim import Text, VMobject
from manim.utils.color import ManimColor

from nnanim.anim.chart import TrainingChart
from nnanim.anim.layout import SIDE_LEFT, SIDE_RIGHT
from nnanim.captions import caption
from nnanim.model import accuracy, cross_entropy
from nnanim.palette import ACCURACY_COLOR, LOSS_COLOR
from nnanim.run import prepare


def box(mobject) -> tuple[float, float, float, float]:
    """``(xmin, xmax, ymin, ymax)`` of a mobject's drawn points (scene units)."""
    (x0, y0, _), (x1, y1, _) = mobject.get_corner([-1, -1, 0]), mobject.get_corner([1, 1, 0])
    return x0, x1, y0, y1


def gap(a: tuple, b: tuple) -> float:
    """The distance between two boxes (0 if they touch or overlap)."""
    dx = max(a[0] - b[1], b[0] - a[1], 0.0)
    dy = max(a[2] - b[3], b[2] - a[3], 0.0)
    return float(np.hypot(dx, dy))


def colored(mobject, color: str) -> bool:
    return ManimColor(mobject.get_fill_color()).to_hex().upper() == color.upper()


# --- the training chart ------------------------------------------------------------------


@pytest.fixture(scope="module")
def chart():
    run = prepare(["E3"])[0]
    trajectory, arch = run.trajectory, run.trajectory.arch
    params = trajectory.params_at(1.0)
    drawn = TrainingChart(trajectory, "en")
    values = (cross_entropy(params, arch, run.X, run.y), accuracy(params, arch, run.X, run.y))
    drawn.show_until(1.0, *values)
    return drawn, values


def texts(mobject) -> list[Text]:
    return [m for m in mobject.get_family() if isinstance(m, Text)]


def scale_of(chart: TrainingChart, color: str, suffix: str = "") -> tuple[np.ndarray, float]:
    """The numbers written in ``color`` on the chart, as ``value = a·y + b`` (scene height y),
    and the mean x of those numbers."""
    marks = [(float(t.text.removesuffix(suffix).strip()), t.get_center())
             for t in texts(chart.frame) if colored(t, color)
             and t.text.removesuffix(suffix).strip().replace(".", "", 1).isdigit()]
    assert len(marks) >= 2, f"no scale written in {color}"
    values = np.array([v for v, _ in marks])
    ys = np.array([c[1] for _, c in marks])
    return np.polyfit(ys, values, 1), float(np.mean([c[0] for _, c in marks]))


def test_each_curve_is_read_on_a_scale_of_its_own_colour(chart):
    drawn, (loss, acc) = chart
    loss_fit, loss_x = scale_of(drawn, LOSS_COLOR)
    acc_fit, acc_x = scale_of(drawn, ACCURACY_COLOR, "%")
    loss_end = drawn.loss_curve.drawn_lines()[0][-1]
    acc_end = drawn.accuracy_curve.drawn_lines()[0][-1]
    assert np.polyval(loss_fit, loss_end[1]) == pytest.approx(loss, abs=0.005)
    assert np.polyval(acc_fit, acc_end[1]) == pytest.approx(100 * acc, abs=0.5)
    # Two scales, on the two sides of the chart (the loss on the left, accuracy on the right).
    plot = box(drawn.axes)
    assert loss_x < plot[0] and acc_x > plot[1]


@pytest.mark.parametrize("key, color, side", [("loss", LOSS_COLOR, 0),
                                              ("accuracy", ACCURACY_COLOR, 1)])
def test_each_curve_is_named_on_top_of_its_own_axis(chart, key, color, side):
    """The legend is not a line floating above the chart: each name stands on its axis."""
    drawn, _ = chart
    names = [t for t in texts(drawn.frame) if t.text == caption(key, "en")]
    assert len(names) == 1
    name = names[0]
    assert colored(name, color)
    plot = box(drawn.axes)
    axis_top = np.array([plot[side], plot[3]])
    x0, x1, y0, _ = box(name)
    quarter = (x1 - x0) / 4
    assert x0 + quarter <= axis_top[0] <= x1 - quarter, "the name is not over its axis"
    assert 0.0 <= y0 - axis_top[1] <= 0.3, "the name does not touch the chart"


def test_the_chart_and_its_words_stay_inside_the_side_column(chart):
    drawn, _ = chart
    x0, x1, _, _ = box(drawn.frame)
    assert SIDE_LEFT - 1e-9 <= x0 and x1 <= SIDE_RIGHT + 1e-9
