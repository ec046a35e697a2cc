"""Decision boundaries and the softmax stage: on the true p = 0.5, islands counted right."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnanim.errors import NnanimError
from nnanim.geometry import (
    Box,
    Warp,
    class_regions,
    clip_line,
    decision_boundary,
    decision_field,
    equal_logit_plane,
    half_plane,
    logit_margin,
    probability_segment,
    softmax_boundary,
    softmax_path,
)
from nnanim.geometry.classes import class_boundaries
from nnanim.core.model import ACTIVATIONS, Architecture, forward_stages, predict_proba, unflatten_params

BOX = Box(-4.0, 4.0, -3.0, 3.0)


def disks(centers: list[tuple[float, float]], units: int = 12) -> tuple[list, Architecture]:
    """A tanh layer whose units face outwards around each centre: p > 0.5 inside each disk.

    Unit ``i`` of a disk is ``tanh(3 (1 - u_i · (x - c)))``, about +1 on the inner side of a
    line at distance 1 from ``c``. Class 1 wins where nearly all units of one disk agree.
    """
    angles = np.arange(units) * 2 * np.pi / units
    u = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    W = np.concatenate([-3 * u for _ in centers])
    b = np.concatenate([3 * (1 + u @ np.asarray(c, dtype=float)) for c in centers])
    width = len(b)
    out = (np.stack([np.zeros(width), np.ones(width)]), np.array([0.0, -(units - 2.0)]))
    return [(W, b), out], Architecture.from_table([(width, "tanh")])


def area(polygon: np.ndarray) -> float:
    x, y = polygon[:, 0], polygon[:, 1]
    return 0.5 * abs(float(x @ np.roll(y, 1) - y @ np.roll(x, 1)))


def is_closed(line: np.ndarray) -> bool:
    return bool(np.array_equal(line[0], line[-1]))


def test_a_disk_network_has_one_closed_boundary() -> None:
    params, arch = disks([(0.0, 0.0)])
    lines = decision_boundary(params, arch, BOX)
    assert len(lines) == 1 and is_closed(lines[0])
    radius = np.linalg.norm(lines[0], axis=1)
    assert 0.8 < radius.min() <= radius.max() < 1.1
    assert np.abs(predict_proba(params, arch, lines[0]) - 0.5).max() < 1e-3


def test_two_disks_give_two_islands() -> None:
    params, arch = disks([(-2.0, 0.0), (2.0, 0.5)])
    lines = decision_boundary(params, arch, BOX)
    assert len(lines) == 2 and all(is_closed(line) for line in lines)
    centres = sorted(tuple(np.round(line.mean(axis=0))) for line in lines)
    assert centres == [(-2.0, 0.0), (2.0, 0.0)] or centres == [(-2.0, 0.0), (2.0, 1.0)]


def test_a_linear_network_has_one_straight_open_boundary() -> None:
    W = np.array([[1.0, 2.0], [-1.0, 0.5]])
    params = [(W, np.array([0.3, -0.2]))]
    lines = decision_boundary(params, Architecture(()), BOX)
    assert len(lines) == 1 and not is_closed(lines[0])
    normal, offset = W[1] - W[0], -0.5
    np.testing.assert_allclose(lines[0] @ normal + offset, 0.0, atol=1e-9)


LAYERS = st.lists(
    st.tuples(st.sampled_from([1, 2, 3, 10]), st.sampled_from(ACTIVATIONS)), max_size=3
)


@settings(max_examples=30, deadline=None)
@given(rows=LAYERS, seed=st.integers(0, 2**32 - 1))
def test_boundary_points_have_p_one_half(rows: list[tuple[int, str]], seed: int) -> None:
    arch = Architecture.from_table(rows)
    rng = np.random.default_rng(seed)
    params = unflatten_params(rng.normal(size=arch.n_params) * rng.uniform(0.5, 4.0), arch)
    for line in decision_boundary(params, arch, BOX, resolution=120):
        assert np.abs(predict_proba(params, arch, line) - 0.5).max() < 1e-3


def test_field_raster_is_p_of_class_one_image_oriented() -> None:
    params, arch = disks([(0.0, 0.0)])
    field = decision_field(params, arch, BOX, (61, 81))
    assert field.probability.shape == (61, 81)
    assert field.probability[30, 40] > 0.8  # the centre of the box is inside the disk
    corners = np.array([[BOX.xmin, BOX.ymax], [BOX.xmax, BOX.ymin]])
    np.testing.assert_allclose(
        field.probability[[0, -1], [0, -1]], predict_proba(params, arch, corners), atol=1e-12
    )
    assert len(field.boundary) == 1


def test_pushed_boundary_lies_on_the_equal_logit_line_in_the_last_hidden_space() -> None:
    rng = np.random.default_rng(4)
    for rows in ([(2, "tanh")], [(10, "tanh")], [(3, "relu"), (10, "tanh")], [(1, "sigmoid")]):
        arch = Architecture.from_table(rows)
        params = unflatten_params(rng.normal(size=arch.n_params) * 1.5, arch)
        params[-1][1][1] -= logit_margin(params, arch, np.zeros(2))  # boundary through the origin
        X = rng.normal(size=(100, 2))
        warp = Warp(params, arch, reference=X)
        lines = decision_boundary(params, arch, BOX)
        assert lines
        last = arch.n_layers - 2
        normal, offset = equal_logit_plane(warp)
        for shown in warp.display_lines(lines, last, "activation", 1.0):
            np.testing.assert_allclose(shown[:, : len(normal)] @ normal + offset, 0.0, atol=1e-6)
        assert len(normal) == 2 or normal[2] == pytest.approx(0.0, abs=1e-12)
        for shown in warp.display_lines(lines, arch.n_layers - 1, "softmax", 0.6):
            np.testing.assert_allclose(shown[:, 0], shown[:, 1], atol=1e-6)


@settings(max_examples=50, deadline=None)
@given(
    z=st.lists(st.tuples(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4)), min_size=1, max_size=20),
    s=st.floats(0.0, 1.0),
)
def test_softmax_lands_on_the_segment(z: list[tuple[float, float]], s: float) -> None:
    logits = np.array(z)
    y = softmax_path(logits, 1.0)
    assert np.all(np.isfinite(y)) and np.all((0 <= y) & (y <= 1))
    np.testing.assert_allclose(y.sum(axis=1), 1.0, atol=1e-12)
    expected = (1 - s) * logits + s * y
    np.testing.assert_allclose(softmax_path(logits, s), expected, rtol=1e-12, atol=1e-9)
    assert np.all(np.isfinite(softmax_path(logits, s)))


def test_extreme_logits() -> None:
    y = softmax_path(np.array([[1e4, -1e4], [-1e4, 1e4], [1e4, 1e4], [0.0, 0.0]]), 1.0)
    np.testing.assert_array_equal(y, [[1, 0], [0, 1], [0.5, 0.5], [0.5, 0.5]])


def test_softmax_picture_geometry() -> None:
    box = Box(-0.5, 1.5, -0.5, 1.5)
    line = softmax_boundary(box)
    np.testing.assert_allclose(sorted(line.tolist()), [[-0.5, -0.5], [1.5, 1.5]])
    segment = probability_segment()
    np.testing.assert_allclose(segment.sum(axis=1), 1.0)
    perpendicular = (line[1] - line[0]) @ (segment[1] - segment[0])
    assert perpendicular == pytest.approx(0.0)
    class0, class1 = class_regions(box)
    assert np.all(class0[:, 0] >= class0[:, 1]) and np.all(class1[:, 1] >= class1[:, 0])
    assert area(class0) == pytest.approx(2.0) and area(class1) == pytest.approx(2.0)


def test_lines_and_half_planes_clip_to_the_box() -> None:
    box = Box(0.0, 2.0, 0.0, 1.0)
    assert clip_line(np.array([1.0, 0.0]), -5.0, box) is None
    assert clip_line(np.zeros(2), 1.0, box) is None
    np.testing.assert_allclose(clip_line(np.array([1.0, 0.0]), -0.5, box), [[0.5, 0.0], [0.5, 1.0]])
    right = half_plane(np.array([1.0, 0.0]), -0.5, box)
    np.testing.assert_allclose(right, [[0.5, 0], [2, 0], [2, 1], [0.5, 1]])
    assert half_plane(np.array([1.0, 0.0]), -5.0, box).shape == (0, 2)


def test_bad_requests_are_clear_errors() -> None:
    params, arch = disks([(0.0, 0.0)])
    with pytest.raises(NnanimError, match="resolution"):
        decision_boundary(params, arch, BOX, resolution=1)
    with pytest.raises(NnanimError, match="shape"):
        decision_field(params, arch, BOX, (1, 10))
    with pytest.raises(NnanimError, match="params"):
        decision_boundary(params[:1], arch, BOX)
    with pytest.raises(NnanimError, match="outside"):
        softmax_path(np.zeros((2, 2)), -0.5)
    with pytest.raises(NnanimError, match="empty"):
        Box(1.0, 1.0, 0.0, 1.0)


@settings(max_examples=30, deadline=None)
@given(rows=LAYERS, seed=st.integers(0, 2**32 - 1))
def test_three_class_boundary_points_tie_above_the_third_and_junctions_are_triple_points(
    rows: list[tuple[int, str]], seed: int
) -> None:
    """Any three-class network, ReLU kinks included: every vertex of every pair's curve has
    its two probabilities equal and the third smaller, and every curve end inside the box is
    a point where all three tie."""
    arch = Architecture.from_table(rows, classes=3)
    rng = np.random.default_rng(seed)
    params = unflatten_params(rng.normal(size=arch.n_params) * rng.uniform(0.5, 4.0), arch)
    inner = Box(BOX.xmin + 1e-9, BOX.xmax - 1e-9, BOX.ymin + 1e-9, BOX.ymax - 1e-9)
    for pair in class_boundaries(params, arch, BOX, resolution=120):
        i, j = pair.pair
        k = 3 - i - j
        for line in pair.lines:
            p = forward_stages(params, arch, line).probabilities
            assert np.abs(p[:, i] - p[:, j]).max() < 1e-3
            assert np.all(p[:, k] <= np.maximum(p[:, i], p[:, j]) + 1e-3)
            ends = line[[0, -1]][inner.contains(line[[0, -1]])]
            if len(ends) and not np.array_equal(line[0], line[-1]):
                q = forward_stages(params, arch, ends).probabilities
                np.testing.assert_allclose(q, 1 / 3, atol=1e-3)
