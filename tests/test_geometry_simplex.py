"""Three classes: the probability triangle, its boundaries, and the boundaries in input space."""

import math

import numpy as np
import pytest

from nnanim.core.data import blobs, three_spiral
from nnanim.errors import NnanimError
from nnanim.geometry import Box, Warp, decision_boundary
from nnanim.geometry.classes import class_boundaries, class_field, class_lead
from nnanim.geometry.simplex import (
    CENTRE,
    CHART_BASIS,
    CORNERS,
    PAIRS,
    boundary_half_plane,
    boundary_segments,
    class_region,
    class_regions,
    from_chart,
    to_chart,
)
from nnanim.geometry.softmax_line import softmax_path
from nnanim.core.model import Architecture, forward_stages
from nnanim.core.train import TrainSpec, train

THREE = Architecture.from_table([(4, "tanh")], classes=3)
BOX = Box(-4.0, 4.0, -4.0, 4.0)


@pytest.fixture(scope="module")
def spiral_net():
    X, y = three_spiral(n=150, seed=2)
    trajectory = train(X, y, THREE, TrainSpec(lr=0.05, epochs=200), seed=1, progress=False)
    return trajectory.final_params, X.astype(np.float64)


def shoelace(polygon: np.ndarray) -> float:
    x, y = polygon.T
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def inside_convex(polygon: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Points on or left of every edge of a counter-clockwise polygon."""
    edges = np.roll(polygon, -1, axis=0) - polygon
    to_points = points[:, None, :] - polygon[None, :, :]
    cross = edges[None, :, 0] * to_points[..., 1] - edges[None, :, 1] * to_points[..., 0]
    return np.all(cross >= -1e-12, axis=1)


# --- the triangle ------------------------------------------------------------------------------


def test_the_chart_shows_the_plane_square_on() -> None:
    np.testing.assert_allclose(CHART_BASIS.T @ CHART_BASIS, np.eye(2), atol=1e-15)
    np.testing.assert_allclose(CHART_BASIS.sum(axis=0), 0.0, atol=1e-15)
    corners = to_chart(CORNERS)
    sides = [np.linalg.norm(corners[a] - corners[b]) for a, b in PAIRS]
    np.testing.assert_allclose(sides, math.sqrt(2.0), rtol=1e-12)
    assert corners[0, 0] < corners[1, 0] and corners[2, 1] > corners[0, 1] == corners[1, 1]
    points = np.random.default_rng(0).dirichlet(np.ones(3), size=200)
    np.testing.assert_allclose(from_chart(to_chart(points)), points, atol=1e-15)
    np.testing.assert_allclose(from_chart(np.zeros(2)), CENTRE)


def test_boundary_segments_are_where_two_probabilities_tie_and_the_third_is_smaller() -> None:
    t = np.linspace(0.0, 1.0, 101)[:, None]
    for (i, j), (start, end) in boundary_segments().items():
        k = 3 - i - j
        points = start + t * (end - start)
        np.testing.assert_allclose(points.sum(axis=1), 1.0, atol=1e-15)
        np.testing.assert_allclose(points[:, i], points[:, j], atol=1e-15)
        assert np.all(points[1:, k] < points[1:, i])  # equal only at the centre
        np.testing.assert_allclose(start, CENTRE)
        np.testing.assert_allclose(end[[i, j]], 0.5)


def test_class_regions_partition_the_triangle_by_the_largest_probability() -> None:
    regions = [to_chart(region) for region in class_regions()]
    triangle = to_chart(CORNERS)
    assert [shoelace(region) > 0 for region in regions] == [True] * 3
    assert sum(shoelace(region) for region in regions) == pytest.approx(shoelace(triangle))
    points = np.random.default_rng(1).dirichlet(np.ones(3), size=2000)
    inside = np.stack([inside_convex(region, to_chart(points)) for region in regions], axis=1)
    assert np.all(inside.sum(axis=1) == 1)
    np.testing.assert_array_equal(np.argmax(inside, axis=1), np.argmax(points, axis=1))


def test_regions_and_pairs_refuse_classes_that_do_not_exist() -> None:
    with pytest.raises(NnanimError, match="class: 3"):
        class_region(3)
    with pytest.raises(NnanimError, match=r"classes: \(1, 1\)"):
        boundary_half_plane(1, 1)


# --- the softmax stage -------------------------------------------------------------------------


def test_the_softmax_stage_ends_at_the_networks_probabilities(spiral_net) -> None:
    params, X = spiral_net
    warp = Warp(params, THREE, X)
    last = THREE.n_layers - 1
    expected = forward_stages(params, THREE, X)
    np.testing.assert_allclose(warp.display(X, last, "softmax", 1.0), expected.probabilities,
                               rtol=0, atol=1e-9)
    np.testing.assert_allclose(warp.display(X, last, "softmax", 0.0), expected.logits,
                               rtol=0, atol=1e-9)
    np.testing.assert_allclose(warp.display(X, last, "bias", 1.0), expected.logits,
                               rtol=0, atol=1e-9)


def test_no_point_changes_class_during_the_softmax_stage(spiral_net) -> None:
    params, X = spiral_net
    z = forward_stages(params, THREE, X).logits
    for s in np.linspace(0.0, 1.0, 11):
        np.testing.assert_array_equal(np.argmax(softmax_path(z, s), axis=1), np.argmax(z, axis=1))


@pytest.mark.parametrize("i, j", PAIRS)
def test_the_boundary_half_plane_holds_the_boundary_in_every_softmax_frame(i: int, j: int) -> None:
    k = 3 - i - j
    rng = np.random.default_rng(i + j)
    z = rng.normal(scale=3.0, size=(200, 3))
    z[:, j] = z[:, i]
    z[:, k] = z[:, i] - rng.exponential(2.0, size=200)  # the tie leads the third class
    along, into = boundary_half_plane(i, j)
    for s in np.linspace(0.0, 1.0, 6):
        y = softmax_path(z, s)
        a, b = y @ along, y @ into
        np.testing.assert_allclose(a[:, None] * along + b[:, None] * into, y, atol=1e-12)
        assert np.all(b >= 0)
    # At the end of the stage the half-plane has become the segment in the triangle.
    centre, midpoint = boundary_segments()[(i, j)]
    direction = midpoint - centre
    ends = softmax_path(z, 1.0)
    t = (ends - centre) @ direction / (direction @ direction)
    np.testing.assert_allclose(centre + t[:, None] * direction, ends, atol=1e-12)
    assert np.all((t >= 0) & (t <= 1))


# --- boundaries in input space -----------------------------------------------------------------


def test_input_boundaries_tie_two_probabilities_above_the_third(spiral_net) -> None:
    params, _ = spiral_net
    boundaries = class_boundaries(params, THREE, BOX)
    assert [boundary.pair for boundary in boundaries] == list(PAIRS)
    for boundary in boundaries:
        i, j = boundary.pair
        k = 3 - i - j
        for line in boundary.lines:
            p = forward_stages(params, THREE, line).probabilities
            np.testing.assert_allclose(p[:, i], p[:, j], rtol=0, atol=1e-8)
            assert np.all(p[:, k] <= p[:, i] + 1e-8)


def test_input_boundaries_meet_where_three_classes_tie(spiral_net) -> None:
    params, _ = spiral_net
    ends = [
        line[[0, -1]] for boundary in class_boundaries(params, THREE, BOX)
        for line in boundary.lines
    ]
    ends = np.concatenate(ends)
    on_edge = np.isclose(np.abs(ends), 4.0).any(axis=1)
    junctions = ends[~on_edge]
    assert len(junctions) >= 3
    p = forward_stages(params, THREE, junctions).probabilities
    np.testing.assert_allclose(p, 1 / 3, atol=1e-8)
    # Every junction ends one curve of each of the three pairs.
    distinct = np.unique(np.round(junctions, 9), axis=0)
    assert len(junctions) == 3 * len(distinct)


def test_every_input_point_off_the_boundaries_belongs_to_its_largest_class(spiral_net) -> None:
    params, _ = spiral_net
    field = class_field(params, THREE, BOX, (40, 60))
    assert field.probability.shape == (40, 60, 3)
    top_left = forward_stages(params, THREE, np.array([[BOX.xmin, BOX.ymax]])).probabilities[0]
    np.testing.assert_allclose(field.probability[0, 0], top_left, atol=1e-15)
    leads = [class_lead(params, THREE, np.array([[0.3, -0.2]]), label)[0] for label in range(3)]
    assert sum(lead > 0 for lead in leads) == 1
    assert int(np.argmax(leads)) == int(np.argmax(
        forward_stages(params, THREE, np.array([[0.3, -0.2]])).probabilities[0]))


def test_for_two_classes_the_pair_boundary_is_the_p_half_curve() -> None:
    X, y = blobs(n=80, seed=1)
    arch = Architecture.from_table([(3, "tanh")])
    params = train(X, y, arch, TrainSpec(epochs=100), progress=False).final_params
    box = Box(-3.0, 3.0, -3.0, 3.0)
    (pair,) = class_boundaries(params, arch, box, resolution=120)
    assert pair.pair == (0, 1)
    ours = np.concatenate(pair.lines)
    theirs = np.concatenate(decision_boundary(params, arch, box, resolution=120))
    assert len(ours) == len(theirs)
    gaps = np.linalg.norm(ours[:, None] - theirs[None], axis=2).min(axis=1)
    assert gaps.max() < 1e-9
