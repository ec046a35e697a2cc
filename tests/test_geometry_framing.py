"""Framing, mapping into the scene, clipping and the grid."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnanim.errors import NnanimError
from nnanim.geometry import (
    Box,
    clip_polylines,
    frame_box,
    grid_lines,
    interpolate_boxes,
    nice_step,
    robust_range,
    to_scene,
)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 2000),
    outliers=st.integers(0, 8),
    aspect=st.sampled_from([None, 16 / 9, 1.0]),
)
def test_frame_box_keeps_98_percent_despite_far_outliers(
    seed: int, n: int, outliers: int, aspect: float | None
) -> None:
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(n, 2)) * rng.uniform(0.01, 100, size=2) + rng.normal(size=2) * 10
    far = rng.normal(size=(outliers, 2)) * 1e6
    cloud = np.concatenate([points, far])
    box = frame_box(cloud, aspect=aspect, min_size=0.5)
    assert box.contains(cloud).mean() >= 0.98
    assert box.width >= 0.5 and box.height >= 0.5
    if aspect is not None:
        assert box.aspect == pytest.approx(aspect)
    if n + outliers - 1 >= 200 * outliers:  # each side may ignore 0.5 % of the points
        assert max(box.width, box.height) < 1e5


def test_robust_range_trims_tails() -> None:
    values = np.concatenate([np.linspace(0, 1, 1000), [1e9]])
    lo, hi = robust_range(values, 0.98)
    assert lo == pytest.approx(0.01, abs=0.002) and hi == pytest.approx(0.99, abs=0.002)
    with pytest.raises(NnanimError):
        robust_range(np.array([np.nan]))


def test_interpolated_boxes_glide() -> None:
    a, b = Box(0, 1, 0, 1), Box(10, 110, -50, 50)
    assert interpolate_boxes(a, b, 0.0) == a
    ends = interpolate_boxes(a, b, 1.0)
    np.testing.assert_allclose([ends.xmin, ends.xmax, ends.ymin, ends.ymax], [10, 110, -50, 50])
    mid = interpolate_boxes(a, b, 0.5)
    assert mid.width == pytest.approx(10.0)  # geometric mean of 1 and 100
    np.testing.assert_allclose(mid.center, (a.center + b.center) / 2)
    corners = np.array([interpolate_boxes(a, b, s).corners() for s in np.linspace(0, 1, 1001)])
    assert np.abs(np.diff(corners, axis=0)).max() < 0.5


def test_to_scene_keeps_shapes_and_fits_the_rectangle() -> None:
    box = Box(-1, 1, -1, 1)
    rect = Box(-7, 7, -4, 4)
    mapped = to_scene(np.array([[-1.0, -1.0], [1.0, 1.0], [0.0, 0.0]]), box, rect)
    np.testing.assert_allclose(mapped, [[-4, -4, 0], [4, 4, 0], [0, 0, 0]])
    lifted = to_scene(np.array([[[0.5, 0.0, 0.25]]]), box, rect)
    np.testing.assert_allclose(lifted, [[[2.0, 0.0, 1.0]]])


def test_clip_polylines_cuts_at_the_edges() -> None:
    box = Box(0, 1, 0, 1)
    line = np.array([[-1.0, 0.5], [0.5, 0.5], [2.0, 0.5], [2.0, 0.8], [0.5, 0.8], [-5.0, 0.8]])
    pieces = clip_polylines([line], box)
    assert len(pieces) == 2
    np.testing.assert_allclose(pieces[0], [[0, 0.5], [0.5, 0.5], [1, 0.5]])
    np.testing.assert_allclose(pieces[1], [[1, 0.8], [0.5, 0.8], [0, 0.8]])
    inside = np.array([[0.2, 0.2], [0.3, 0.3], [0.3, 0.3], [0.4, 0.2]])
    outside = np.array([[5.0, 5.0], [6.0, 6.0]])
    np.testing.assert_allclose(clip_polylines([inside, outside], box)[0], inside)
    assert clip_polylines([outside], box) == []
    rng = np.random.default_rng(0)
    wild = rng.normal(size=(40, 100, 2)).cumsum(axis=1)
    for piece in clip_polylines(wild, box):
        assert len(piece) >= 2 and np.all(box.padded(1e-12).contains(piece))


def test_grid_lines_sit_on_round_values_and_sample_densely() -> None:
    grid = grid_lines(Box(-3.2, 3.2, -1.9, 1.9))
    assert nice_step(6.4, 20) == 0.5
    assert grid.lines.shape == (len(grid.values), 150, 2)
    vertical = grid.lines[grid.vertical]
    x_values = grid.values[grid.vertical]
    np.testing.assert_array_equal(vertical[:, :, 0], np.repeat(x_values[:, None], 150, axis=1))
    assert 0.0 in grid.values[grid.vertical] and 0.0 in grid.values[~grid.vertical]
    assert np.all(np.abs(grid.values[grid.vertical]) <= 3.2)
    assert grid_lines(Box(0, 1, 0, 1), step=0.25, samples=3).lines.shape == (10, 3, 2)
    with pytest.raises(NnanimError):
        grid_lines(Box(0, 1, 0, 1), samples=1)
    with pytest.raises(NnanimError):
        grid_lines(Box(0, 1, 0, 1), step=-1.0)


def test_box_rejects_nonsense() -> None:
    with pytest.raises(NnanimError, match="empty"):
        Box(0, 1, 2, 2)
    with pytest.raises(NnanimError, match="finite"):
        Box(0, float("inf"), 0, 1)
    with pytest.raises(NnanimError, match=r"\(N, 2\)"):
        frame_box(np.zeros(5))
