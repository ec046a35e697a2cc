"""Three classes are drawn from the network's own numbers, down to the triangle y1 + y2 + y3 = 1.

Every stage of K1 and K2 ends at the network's values; the dots drawn square-on, read back from
their mobjects, are ``softmax(z)``; the drawn boundaries are where two probabilities are equal
and the third smaller, and the input plane's boundary curves land on them; the training
window's colours are the region colours blended by the three probabilities.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnanim.anim.layout import SPACE_WINDOW
from nnanim.anim.player import StagePlayer
from nnanim.anim.raster import probability_colors
from nnanim.anim.chapters.training import class_picture
from nnanim.anim.layout import data_box
from nnanim.anim.space3d import SpaceView
from nnanim.anim.triangle import SQUARE_ON, TRIANGLE_BOX3, TriangleFilm, TriangleOverlay
from nnanim.geometry.simplex import CENTRE, PAIRS, from_chart, side_midpoint, to_chart
from nnanim.geometry.space3d import Box3, clip_polygon3
from nnanim.model import forward_stages, predict_proba
from nnanim.palette import BACKGROUND, REGION_COLORS, hex_to_rgb
from nnanim.run import prepare


@pytest.fixture(scope="module", params=["K1", "K2"])
def three(request):
    run = prepare([request.param])[0]
    film = TriangleFilm(run.trajectory.final_params, run.trajectory.arch, run.X)
    return run, film


def square_on(run, film) -> StagePlayer:
    """The chapter's last picture: the end of softmax, seen along (1, 1, 1)."""
    view = SpaceView(SPACE_WINDOW, camera=SQUARE_ON)
    return StagePlayer(film, view, run.y, start=(film.last, "softmax", 1.0),
                       overlay=TriangleOverlay)


def read_back(view: SpaceView, scene_points: np.ndarray) -> np.ndarray:
    """Scene points of the square-on picture back to points of the plane y1 + y2 + y3 = 1."""
    return from_chart((scene_points[:, :2] - SPACE_WINDOW.center) / view.data_scale)


def test_every_stage_ends_at_the_networks_own_values(three):
    run, film = three
    forward = forward_stages(run.trajectory.final_params, run.trajectory.arch, run.X)
    ends = {"linear": "linear", "bias": "affine", "activation": "activated"}
    for layer, stage in film.warp.stages():
        got = film.points(run.X, layer, stage, 1.0)
        if stage == "softmax":
            want = forward.probabilities
        else:
            want = getattr(forward.layers[layer], ends[stage])
            view = film.warp.view(layer + 1)
            want = want if view is None else want @ view
        np.testing.assert_allclose(got[:, : want.shape[1]], want, atol=1e-9)
        np.testing.assert_allclose(got[:, want.shape[1]:], 0.0, atol=1e-12)


def test_drawn_dots_seen_square_on_are_the_networks_probabilities(three):
    run, film = three
    player = square_on(run, film)
    assert player.frame.box == TRIANGLE_BOX3
    probabilities = forward_stages(run.trajectory.final_params, run.trajectory.arch,
                                   run.X).probabilities
    for label in range(3):
        drawn = np.concatenate([part.cloud.dot_centers() for part in player.view.dots
                                if part.label == label])
        got = read_back(player.view, drawn)
        want = probabilities[run.y == label]
        assert got.shape == want.shape
        order = np.lexsort(got.T[::-1]), np.lexsort(want.T[::-1])
        np.testing.assert_allclose(got[order[0]], want[order[1]], atol=1e-9)


def test_drawn_boundaries_are_where_two_probabilities_tie_and_the_third_is_smaller(three):
    run, film = three
    player = square_on(run, film)
    segments = [read_back(player.view, line) for line in player.overlay.boundaries.drawn_lines()]
    assert len(segments) == 3
    for segment in segments:
        np.testing.assert_allclose(segment[0], CENTRE, atol=1e-9)
        (i, j), = [pair for pair in PAIRS if np.allclose(segment[-1], side_midpoint(*pair))]
        k = 3 - i - j
        np.testing.assert_allclose(segment[:, i], segment[:, j], atol=1e-9)
        assert np.all(segment[1:, k] < segment[1:, i])


def test_the_input_planes_boundary_curves_land_on_the_triangles_boundaries(three):
    run, film = three
    landed = [film.points(line, film.last, "softmax", 1.0) for line in film.boundary]
    assert landed
    for points in landed:
        ranked = np.sort(points, axis=1)
        # Two probabilities tie and the third is smaller, as on a boundary segment.
        np.testing.assert_allclose(ranked[:, 2], ranked[:, 1], atol=1e-6)
        assert np.all(ranked[:, 0] <= ranked[:, 1] + 1e-9)


def test_each_dot_lies_in_the_drawn_region_of_its_predicted_class(three):
    run, film = three
    player = square_on(run, film)
    probabilities = film.points(run.X, film.last, "softmax", 1.0)
    winner = np.argmax(probabilities, axis=1)
    chart = to_chart(probabilities)
    for label, polygon in enumerate(player.overlay.regions):
        corners = to_chart(read_back(player.view, np.array(polygon.get_vertices())))
        inside = _inside_convex(chart, corners)
        clear = np.sort(probabilities, axis=1)[:, 2] - np.sort(probabilities, axis=1)[:, 1] > 1e-6
        assert np.all(inside[clear & (winner == label)])
        assert not np.any(inside[clear & (winner != label)])


def _inside_convex(points: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Within the convex polygon (either orientation), edges included up to round-off."""
    edges = np.roll(corners, -1, axis=0) - corners
    cross = (edges[:, 0][None] * (points[:, None, 1] - corners[None, :, 1])
             - edges[:, 1][None] * (points[:, None, 0] - corners[None, :, 0]))
    return np.all(cross >= -1e-9, axis=1) | np.all(cross <= 1e-9, axis=1)


def test_a_region_cut_to_a_small_box_keeps_inside_it():
    box = Box3((0.0, 0.0, 0.0), (0.5, 0.5, 0.5))
    region = np.array([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.0, 0.5]])
    cut = clip_polygon3(region, box)
    assert len(cut) >= 3
    assert box.contains(cut + 1e-12 * np.sign(box.center - cut)).all()
    np.testing.assert_allclose(cut.sum(axis=1), 1.0, atol=1e-12)
    assert clip_polygon3(region, Box3((2.0, 2.0, 2.0), (3.0, 3.0, 3.0))).shape == (0, 3)


def test_training_colours_blend_the_three_region_colours_by_probability():
    run = prepare(["K1"])[0]
    params, arch = run.trajectory.final_params, run.trajectory.arch
    lines, probabilities = class_picture(params, arch, data_box(run.X))
    assert probabilities.shape[-1] == 3 and len(lines) >= 3
    np.testing.assert_allclose(probabilities.sum(axis=-1), 1.0, atol=1e-12)
    sure = probability_colors(np.eye(3)[None])[0, :, :3]
    paper = np.array(hex_to_rgb(BACKGROUND))
    for color, rgb in zip(REGION_COLORS, sure):
        np.testing.assert_allclose(rgb, 0.85 * np.array(hex_to_rgb(color)) + 0.15 * paper)
    # A three-way tie fades towards the paper the most; two classes keep their own colours.
    tie = probability_colors(np.full((1, 1, 3), 1 / 3))[0, 0, :3]
    mixed = 0.85 * 0.35 * np.mean([hex_to_rgb(c) for c in REGION_COLORS], axis=0)
    np.testing.assert_allclose(tie, mixed + (1 - 0.85 * 0.35) * paper)
    two = prepare(["E1"])[0]
    p = predict_proba(two.trajectory.final_params, two.trajectory.arch, two.X[:5])[None]
    np.testing.assert_allclose(probability_colors(p),
                               probability_colors(np.stack([1 - p, p], axis=-1)))
