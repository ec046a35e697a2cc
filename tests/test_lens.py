"""The lens: how thin the plane is, how strong the lens, and that it magnifies the warp itself."""

import numpy as np
import pytest
from scipy.spatial import cKDTree

from nnanim.anim.films import inside_film
from nnanim.anim.layout import WINDOW
from nnanim.anim.lens import Lens
from nnanim.anim.plane import PlaneView
from nnanim.geometry.boundary import logit_margin
from nnanim.geometry.framing import Box, to_scene
from nnanim.geometry.lens import (
    fade_level, is_thin, onto_zero_set, plane_thickness, refine_near, zoom_for,
)
from nnanim.core.run import prepare

PIXEL = 8 / 480
"""One pixel at 480p, in scene units."""


def test_a_linear_squash_is_measured_as_its_own_thickness():
    squash = np.diag([1.0, 0.01])
    rotate = np.array([[np.cos(0.7), -np.sin(0.7)], [np.sin(0.7), np.cos(0.7)]])
    reach = Box(-1.0, 1.0, -1.0, 1.0)
    move = lambda p: p @ (rotate @ squash).T  # noqa: E731
    # The plane 2 wide lands 0.02 across: 1 % of a window 2 wide, wherever one looks.
    for point in ([0.0, 0.0], [0.5, -0.3]):
        assert plane_thickness(move, np.array(point), reach, 2.0) == pytest.approx(0.01, rel=0.02)
    # Not squashed: as wide across as the window.
    assert plane_thickness(lambda p: p, np.zeros(2), reach, 2.0) == pytest.approx(1.0)


def test_the_lens_is_as_strong_as_the_plane_is_thin():
    assert is_thin(0.01) and not is_thin(0.05)
    assert zoom_for(0.0035) == 50 and zoom_for(0.0081) == 20 and zoom_for(0.5) == 2
    assert zoom_for(0.0) == 1000
    # Fading in over the first 15 % of the stage that turns it on, out where it turns off.
    assert fade_level(False, True, 0.075) == pytest.approx(0.5)
    assert fade_level(True, False, 0.15) == 0.0 and fade_level(True, True, 0.0) == 1.0
    assert fade_level(False, False, 0.5) == 0.0


def test_refined_lines_near_the_box_are_short_and_exact_far_away_untouched():
    line = np.column_stack([np.linspace(-1, 1, 5), np.zeros(5)])
    move = lambda p: np.column_stack([p[:, 0], p[:, 0] ** 3])  # noqa: E731  a bend
    box = Box(-0.1, 0.1, -0.1, 0.1)
    refined = refine_near([line], move, box)[0]
    inside = np.all(np.abs(refined) <= 0.1, axis=1)
    steps = np.linalg.norm(np.diff(refined, axis=0), axis=1)
    assert steps[inside[:-1] | inside[1:]].max() <= 0.2 / 24 + 1e-12
    np.testing.assert_allclose(refined[:, 1], refined[:, 0] ** 3)  # every vertex on the curve
    assert refined[0].tolist() == [-1.0, -1.0] and refined[-1].tolist() == [1.0, 1.0]


def test_new_boundary_points_are_put_back_on_the_boundary():
    run = prepare(["E4"])[0]
    params, arch = run.trajectory.final_params, run.trajectory.arch
    margin = lambda p: logit_margin(params, arch, p)  # noqa: E731
    film = inside_film(params, arch, run.X)
    curve = film.boundary[0]
    halfway = (curve[:-1] + curve[1:]) / 2  # chords' middles: off the curve
    settled = onto_zero_set(margin, 1e-7 * film.reach.width)(halfway)
    assert np.abs(margin(settled)).max() < 1e-6 * np.abs(margin(halfway)).max() + 1e-9


@pytest.mark.parametrize("layer, stage", [(2, "linear"), (3, "activation"), (5, "bias")])
def test_the_lens_draws_the_warped_grid_itself_to_the_pixel(layer, stage):
    """What E4's lens shows, against the grid lines warped point by point (100 000 times along
    each, and as often again along each part in the lens):
    every drawn point lies on a true one within half a pixel at 480p, and every true point in
    the lens has a drawn one that near (the window's own samples, magnified, miss by many)."""
    run = prepare(["E4"])[0]
    film = inside_film(run.trajectory.final_params, run.trajectory.arch, run.X)
    lens = Lens(PlaneView(WINDOW), film)
    assert lens.plan[layer, stage][0]
    lens.show(film.frame(layer, stage, 1.0), run.y, layer, stage, 1.0)
    box = lens.view.box
    s = film.pace(layer, stage).progress(1.0)

    def warped(line: np.ndarray, low: float, high: float, count: int) -> tuple:
        share = np.linspace(low, high, count)
        return share, film.points(line[0] + share[:, None] * (line[-1] - line[0]), layer, stage, s)

    truth = []
    for line in film.grid:  # straight in the input: warped densely, then again where it is in
        share, points = warped(line, 0.0, 1.0, 100_000)
        seen = np.flatnonzero(box.contains(points))
        for run_ in np.split(seen, np.flatnonzero(np.diff(seen) > 1) + 1) if len(seen) else []:
            _, points = warped(line, share[max(run_[0] - 1, 0)],
                               share[min(run_[-1] + 1, len(share) - 1)], 100_000)
            truth.append(points[box.contains(points)])
    truth = to_scene(np.concatenate(truth), box, lens.rect)[:, :2]
    drawn = np.concatenate([a[:, :2] + f * (b[:, :2] - a[:, :2])
                            for a, b in [(line[:-1], line[1:])
                                         for line in lens.view.grid.drawn_lines()]
                            for f in np.linspace(0, 1, 16)])
    assert len(truth) > 1000
    assert cKDTree(truth).query(drawn)[0].max() < PIXEL / 2
    assert cKDTree(drawn).query(truth)[0].max() < PIXEL / 2
