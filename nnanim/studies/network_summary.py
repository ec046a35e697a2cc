"""A one-page PNG of a trained network: the article's figures, without rendering a video.

Panel 1 is the data with the network's probability heatmap and its decision boundary. Then
comes the output of every hidden layer, with the boundary pushed through the same layers (the
article's black dashed line; in the last hidden space it is straight), and finally the softmax
output, where every point lies on ``y1 + y2 = 1`` and the boundary is ``y1 = y2`` -- or, for
three classes, on the triangle ``y1 + y2 + y3 = 1`` seen square-on, cut by its three boundaries.

Drawn with matplotlib rather than manim: a static multi-panel figure with axes and titles is
what matplotlib is made for, and it takes about a second instead of a render.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from matplotlib import font_manager
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from nnanim.palette import (
    BACKGROUND,
    CLASS_COLORS,
    FINAL_BOUNDARY,
    INK,
    REGION_COLORS,
    SOFTMAX_BOUNDARY,
    SOFTMAX_LINE,
    hex_to_rgb,
)
from nnanim.core.experiments import Experiment
from nnanim.core.files import write_whole
from nnanim.geometry import (
    Box, Warp, class_field, decision_field, probability_segment, softmax_boundary,
)
from nnanim.geometry.simplex import CORNERS, boundary_segments, class_regions, to_chart
from nnanim.core.model import Architecture, Params, accuracy
from nnanim.core.trajectory import Trajectory

PANEL_INCHES = 4.0
TITLE_INCHES = 0.5
DPI = 100
EDGE_PAD = 0.12
"""Inches kept free at the figure's edges: with a 3-D panel in the row, matplotlib's default
(0.04) leaves the bottom axis label partly outside the picture."""
COLUMNS = 4
HEATMAP_SHAPE = (200, 200)
SOFTMAX_BOX = Box(-0.05, 1.05, -0.05, 1.05)
HEATMAP = LinearSegmentedColormap.from_list(
    "nnanim", [REGION_COLORS[0], BACKGROUND, REGION_COLORS[1]]
)
"""p(class 1) from light blue through the paper colour (unsure) to orange, as in the videos."""
CJK_FONT = "Noto Sans CJK JP"
"""The lecture font; names and titles from a user's file may be Japanese."""


def title_fonts() -> list[str]:
    """matplotlib's own font, then the CJK one if installed (naming a missing font warns)."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return ["DejaVu Sans"] + ([CJK_FONT] if CJK_FONT in installed else [])


def _grid(panels: int) -> tuple[int, int]:
    """Rows and columns: up to ``COLUMNS`` panels side by side, then a new row."""
    return -(-panels // COLUMNS), min(panels, COLUMNS)


def figure_size(panels: int) -> tuple[int, int]:
    """Width and height in pixels of a summary with this many panels."""
    rows, columns = _grid(panels)
    return round(columns * PANEL_INCHES * DPI), round((rows * PANEL_INCHES + TITLE_INCHES) * DPI)


def _scatter(ax, points: np.ndarray, y: np.ndarray) -> None:
    for label in np.unique(y):
        ax.scatter(*points[y == label].T, s=6, color=CLASS_COLORS[label], linewidths=0)


def _input_picture(params, arch, box: Box) -> tuple[np.ndarray, list[np.ndarray]]:
    """The heatmap as RGB and the boundary curves: p(class 1) for two classes; for three,
    the region colours mixed by the three probabilities, and every pair's boundary."""
    if arch.classes == 2:
        field = decision_field(params, arch, box, HEATMAP_SHAPE)
        return HEATMAP(field.probability)[..., :3], field.boundary
    field = class_field(params, arch, box, HEATMAP_SHAPE)
    regions = np.array([hex_to_rgb(color) for color in REGION_COLORS[: arch.classes]])
    return field.probability @ regions, [line for pair in field.boundaries for line in pair.lines]


def _triangle_panel(ax, probabilities: np.ndarray, y: np.ndarray) -> None:
    """Three classes: the triangle ``y1 + y2 + y3 = 1`` square-on, its regions and boundaries."""
    for region, color in zip(class_regions(), REGION_COLORS):
        ax.fill(*to_chart(region).T, color=color, linewidth=0)
    outline = to_chart(np.vstack([CORNERS, CORNERS[:1]]))
    ax.plot(*outline.T, color=SOFTMAX_LINE, linewidth=1.5)
    for segment in boundary_segments().values():
        ax.plot(*to_chart(segment).T, color=SOFTMAX_BOUNDARY, linewidth=1.5)
    _scatter(ax, to_chart(probabilities), y)
    for corner, name in zip(to_chart(CORNERS), ("y1", "y2", "y3")):
        ax.annotate(name, corner, textcoords="offset points", xytext=(0, -12 if corner[1] < 0 else 5),
                    ha="center", color=INK, fontsize=9)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("softmax: y1 + y2 + y3 = 1, boundaries yi = yj", color=INK, fontsize=10)


def _boundary(ax, lines: list[np.ndarray]) -> None:
    for line in lines:
        ax.plot(*line.T, color=FINAL_BOUNDARY, linestyle="--", linewidth=1.2)


def _frame(ax, box) -> None:
    ax.set_xlim(box.xmin, box.xmax)
    ax.set_ylim(box.ymin, box.ymax)
    ax.set_aspect("equal")


def summary_figure(
    exp: Experiment, trajectory: Trajectory, X: np.ndarray, y: np.ndarray
) -> Figure:
    """The figure ``write_summary`` saves (kept separate so it can be shown in a notebook)."""
    return network_figure(f"{exp.name}: {exp.title}", trajectory.final_params, trajectory.arch,
                          X, y)


def network_figure(heading: str, params: Params, arch: Architecture, X: np.ndarray,
                   y: np.ndarray) -> Figure:
    """The summary of any trained network, under ``heading`` (its name and title): one
    trained here, or read from a weights file (``nnanim inspect --model``)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    warp = Warp(params, arch, reference=X, wide_view=2)
    hidden = len(arch.hidden)
    panels = hidden + 2
    width, height = figure_size(panels)
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor=BACKGROUND,
                    layout=ConstrainedLayoutEngine(h_pad=EDGE_PAD, w_pad=EDGE_PAD))
    figure.suptitle(
        f"{heading}   ({arch.describe()}, accuracy "
        f"{100 * accuracy(params, arch, X, y):.1f} %)",
        color=INK, fontsize=12, fontfamily=title_fonts(),
    )
    rows, columns = _grid(panels)

    ax = figure.add_subplot(rows, columns, 1)
    box = warp.box(X, 0, "linear", 0.0, aspect=1.0)
    heatmap, boundary = _input_picture(params, arch, box)
    ax.imshow(heatmap, extent=(box.xmin, box.xmax, box.ymin, box.ymax),
              interpolation="bilinear")
    _scatter(ax, X, y)
    _boundary(ax, boundary)
    _frame(ax, box)
    ax.set_title("data and decision boundary", color=INK, fontsize=10)

    for layer in range(hidden):
        points = warp.display(X, layer, "activation", 1.0)
        three_d = points.shape[1] == 3
        ax = figure.add_subplot(rows, columns, layer + 2, projection="3d" if three_d else None)
        _scatter(ax, points, y)
        _boundary(ax, warp.display_lines(boundary, layer, "activation", 1.0))
        if not three_d:
            _frame(ax, warp.box(X, layer, "activation", 1.0, aspect=1.0))
        row = arch.hidden[layer]
        view = " (2-D view)" if row.width > 3 else ""
        ax.set_title(f"layer {layer + 1}: {row.width} {row.activation}{view}", color=INK,
                     fontsize=10)

    ax = figure.add_subplot(rows, columns, panels)
    if arch.classes == 3:
        _triangle_panel(ax, warp.native(X, arch.n_layers - 1, "softmax", 1.0), y)
        return _finish(figure)
    ax.plot(*probability_segment().T, color=SOFTMAX_LINE, linewidth=1.5)
    ax.plot(*softmax_boundary(SOFTMAX_BOX).T, color=SOFTMAX_BOUNDARY, linewidth=1.5)
    _scatter(ax, warp.display(X, arch.n_layers - 1, "softmax", 1.0), y)
    _frame(ax, SOFTMAX_BOX)
    ax.set_xlabel("y1")
    ax.set_ylabel("y2")
    ax.set_title("softmax: y1 + y2 = 1, boundary y1 = y2", color=INK, fontsize=10)
    return _finish(figure)


def _finish(figure: Figure) -> Figure:
    for ax in figure.axes:
        ax.set_facecolor(BACKGROUND)
        ax.tick_params(labelsize=7, colors=INK)
    return figure


def write_summary(
    exp: Experiment,
    trajectory: Trajectory,
    X: np.ndarray,
    y: np.ndarray,
    path: str | os.PathLike,
) -> Path:
    """Save the summary PNG to ``path`` (folders created; written whole or not at all)."""
    return write_figure(summary_figure(exp, trajectory, X, y), path)


def write_figure(figure: Figure, path: str | os.PathLike) -> Path:
    """Save a summary figure as a PNG at ``path`` (folders created; written whole or not at
    all)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_whole(path, lambda temporary: figure.savefig(temporary, format="png", dpi=DPI))
