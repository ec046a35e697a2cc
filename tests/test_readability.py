"""Every label can be read and every claim can be seen: read back from what is drawn.

The training chart names each curve at its own axis and reads each on its own scale; the
3-D views' axis names are not covered by the data or the plane; the islands panel is big
enough to see its curves lie on one plane; a layer that squashes the plane to nearly a line
still shows a grid.
"""

import numpy as np
import pytest
from manim import Text, tempconfig
from manim.utils.color import ManimColor
from scipy import ndimage

from nnanim.anim.chapters.inside import play_inside
from nnanim.anim.chapters.wide_layer import islands_panel
from nnanim.anim.chart import TrainingChart
from nnanim.anim.films import LiftFilm
from nnanim.anim.layout import SIDE_LEFT, SIDE_RIGHT, SPACE_WINDOW, WINDOW, data_box
from nnanim.anim.plane import PlaneView
from nnanim.anim.raster import RasterCamera
from nnanim.anim.subtitle_track import CAPTION_ATTRIBUTE
from nnanim.anim.space3d import OBLIQUE, SpaceView, turned
from nnanim.geometry.boundary import find_islands
from nnanim.geometry.space3d import edge_on
from nnanim.course.captions import caption
from nnanim.core.model import accuracy, cross_entropy
from nnanim.palette import ACCURACY_COLOR, BACKGROUND, FINAL_BOUNDARY, LOSS_COLOR, hex_to_rgb
from nnanim.core.run import prepare

from stepping import Stepping, chapter, step_through


FRAME_HEIGHT = 8.0
"""Scene units from the bottom of the frame to its top."""


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


# --- the 3-D views' axis names -----------------------------------------------------------


def space_views(name: str):
    """The lecture's 3-D view of ``name``'s trained network at every stage (half way and at
    the end), from the working camera, turned round, and edge-on to the plane where it shows."""
    run = prepare([name])[0]
    film = LiftFilm(run.trajectory.final_params, run.trajectory.arch, run.X)
    view = SpaceView(SPACE_WINDOW, plane_opacity=1.0)
    for layer, stage in film.warp.stages():
        for s in (0.5, 1.0):
            frame = film.frame(layer, stage, s)
            cameras = {"oblique": OBLIQUE, "turned": turned(OBLIQUE, 40),
                       "turned back": turned(OBLIQUE, -70)}
            if frame.plane is not None:
                view.show_frame(frame, run.y, OBLIQUE)
                cameras["edge-on"] = edge_on(frame.plane[0], OBLIQUE,
                                             view.model_offset(frame.plane))
            for seen_from, camera in cameras.items():
                yield (layer, stage, s, seen_from), view.show_frame(frame, run.y, camera)


def shown_labels(view: SpaceView) -> list:
    return [label for label in view.axis_labels if opacity_of(label) > 0]


def opacity_of(mobject) -> float:
    return max(float(np.max(part.fill_rgbas[:, 3], initial=0.0))
               for part in mobject.family_members_with_points())


@pytest.mark.parametrize("name", ["E5", "C3"])
def test_axis_names_lie_clear_of_the_dots_and_are_drawn_over_everything(name):
    seen = 0
    for moment, view in space_views(name):
        drawn = view.family_members_with_points()
        for label in shown_labels(view):
            seen += 1
            letters = label.family_members_with_points()
            first = min(i for i, m in enumerate(drawn) if any(m is part for part in letters))
            assert all(m in view.axis_labels.get_family() for m in drawn[first:]), moment
            x0, x1, y0, y1 = box(label)
            for part in view.dots:
                centers, radius = part.cloud.dot_centers()[:, :2], part.cloud.drawn_radius()
                nearest = np.clip(centers, [x0, y0], [x1, y1])
                clearance = np.linalg.norm(centers - nearest, axis=1) - radius
                assert clearance.min(initial=np.inf) > 0, (moment, label.tex_string)
    assert seen > 50


def test_axis_names_read_the_same_over_the_plane_and_its_edge():
    """The letters and a pixel round them are painted exactly as on empty paper: whatever the
    name lies over (the plane, its edge, a grid line), it stops short of the letters."""
    last_hidden = prepare(["E5"])[0].trajectory.arch.n_layers - 2
    # The end of the 10-unit layer, the output layer's plane seen edge-on: through h3's name.
    view = next(view for moment, view in space_views("E5")
                if moment == (last_hidden, "activation", 1.0, "edge-on"))
    with tempconfig({"quality": "low_quality"}):
        camera = RasterCamera(background_color=BACKGROUND)
        camera.capture_mobject(view)
        whole = camera.pixel_array[..., :3].astype(int)
        for label in shown_labels(view):
            alone = RasterCamera(background_color=BACKGROUND)
            alone.capture_mobject(label)
            paper = alone.pixel_array[..., :3].astype(int)
            letters = np.any(np.abs(paper - paper[0, 0]) > 8, axis=-1)
            near = ndimage.binary_dilation(letters, iterations=1)
            differ = np.any(np.abs(whole - paper) > 8, axis=-1) & near
            assert letters.sum() > 20 and not differ.any(), (label.tex_string, differ.sum())


# --- the islands panel -------------------------------------------------------------------


def test_the_islands_panel_is_big_enough_to_see_its_curves_on_one_plane():
    """E5's checkpoint with islands, inside the layer, from the three cameras of the moment:
    the picture (dots and curves) spans half the frame's height at the working camera, and the
    boundary curves themselves show (pixels of their ink at 480p; the old panel had 163, 144
    and 69, mostly hidden under the dots)."""
    run = prepare(["E5"])[0]
    k, curves = find_islands(run.trajectory, data_box(run.X))
    player = islands_panel(run, run.trajectory.checkpoint(k), curves)
    view, frame = player.view, player.frame
    turned_away = turned(OBLIQUE, 50)
    view.show_frame(frame, run.y, turned_away)
    cameras = {"oblique": (OBLIQUE, 350), "turned": (turned_away, 350),
               "edge-on": (edge_on(player.film.plane[0], turned_away,
                                   view.model_offset(player.film.plane)), 150)}
    ink = np.round(255 * np.array(hex_to_rgb(FINAL_BOUNDARY)))
    for name, (camera, least_ink) in cameras.items():
        view.show_frame(frame, run.y, camera)
        drawn = np.concatenate([part.cloud.dot_centers() for part in view.dots]
                               + [view.final_boundary.points])
        height = np.ptp(drawn[:, 1])
        if name == "oblique":
            assert height >= 0.5 * FRAME_HEIGHT, height
        with tempconfig({"quality": "low_quality"}):
            picture = RasterCamera(background_color=BACKGROUND)
            picture.capture_mobject(view)
            pixels = picture.pixel_array[..., :3].astype(int)
        curve_ink = int((np.abs(pixels - ink).max(axis=-1) < 40).sum())
        assert curve_ink >= least_ink, (name, curve_ink)


# --- a plane squashed to nearly a line ----------------------------------------------------

PIXELS = 480 / FRAME_HEIGHT
"""Pixels per scene unit at 480p."""


def drawn_grid(view: PlaneView) -> np.ndarray:
    """Points along the grid's drawn segments (scene units, 2 columns), 8 per segment."""
    lines = view.grid.drawn_lines() or []
    if not lines:
        return np.zeros((0, 2))
    ends = [(line[:-1, :2], line[1:, :2]) for line in lines]
    a, b = np.concatenate([e[0] for e in ends]), np.concatenate([e[1] for e in ends])
    steps = np.linspace(0.0, 1.0, 8)[:, None, None]
    return (a + steps * (b - a)).reshape(-1, 2)


def across_and_lines(view: PlaneView) -> tuple[float, int]:
    """How wide the drawn grid is across its main direction (pixels at 480p), and how many
    distinct lines (2 px apart or more) cross the cut through its middle."""
    points = drawn_grid(view)
    if len(points) < 3:
        return 0.0, 0
    middle = points.mean(axis=0)
    along, across = np.linalg.svd(points - middle, full_matrices=False)[2]
    width = float(np.ptp((points - middle) @ across)) * PIXELS
    crossings = []
    for line in view.grid.drawn_lines():
        side = (line[:, :2] - middle) @ along
        for i in np.flatnonzero(np.sign(side[:-1]) * np.sign(side[1:]) < 0):
            share = side[i] / (side[i] - side[i + 1])
            where = line[i, :2] + share * (line[i + 1, :2] - line[i, :2])
            crossings.append(float((where - middle) @ across) * PIXELS)
    gaps = np.diff(np.sort(crossings))
    return width, int(len(crossings) and 1 + np.sum(gaps >= 2.0))


@pytest.mark.slow
def test_a_plane_squashed_to_nearly_a_line_still_shows_its_grid(monkeypatch):
    """E4's inside chapter, at the end of every stage: wherever fewer than 3 of the window's
    grid lines can be told apart across it (the deep layers squash the plane to nearly a
    line), another view on screen draws the same grid at least 25 px across, with 3 or more
    lines to be told apart. (The softmax ends on a line by design; mid-stage, a flip turns the
    plane edge-on for a moment.)"""

    class Inside(Stepping, chapter(play_inside, "E4")):
        squashed: list[tuple[float, int, tuple[float, int]]] = []

        def look(self, t):
            views = [m for m in self.get_mobject_family_members()
                     if isinstance(m, PlaneView) and m.border.get_stroke_opacity() > 0.99]
            window = [v for v in views if v.rect == WINDOW]
            softmax = any("softmax" in getattr(m, CAPTION_ATTRIBUTE)[0]
                          for m in self.get_mobject_family_members()
                          if hasattr(m, CAPTION_ATTRIBUTE))
            if not self.play_ends or not window or softmax:
                return
            _, lines = across_and_lines(window[0])
            if lines < 3:
                others = [across_and_lines(v) for v in views if v.rect != WINDOW]
                self.squashed.append((t, lines, max(others, default=(0.0, 0))))

    squashed = step_through(Inside, monkeypatch).squashed
    assert len(squashed) >= 5, len(squashed)
    unseen = [(t, seen) for t, _, seen in squashed if seen[0] < 25.0 or seen[1] < 3]
    assert not unseen, unseen[:5]
