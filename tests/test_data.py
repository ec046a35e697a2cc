"""The toy data sets: reproducible, balanced, and shaped the way the lecture says."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import cdist

from nnanim.core.data import (
    CLASSES, DATASETS, GENERATORS, DataSpec, blobs, checkerboard, donut, make_dataset, moons,
    swiss_roll, three_blobs, three_spiral, to_polar, xor,
)
from nnanim.errors import NnanimError


@pytest.mark.parametrize("name", DATASETS)
def test_same_seed_same_arrays_other_seed_other_arrays(name: str) -> None:
    generate = GENERATORS[name]
    X1, y1 = generate(seed=3)
    X2, y2 = generate(seed=3)
    X3, _ = generate(seed=4)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(DATASETS),
    n=st.integers(min_value=6, max_value=301),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_shapes_dtypes_and_balance(name: str, n: int, seed: int) -> None:
    X, y = GENERATORS[name](n=n, seed=seed)
    classes = CLASSES[name]
    assert X.shape == (n, 2) and X.dtype == np.float32
    assert y.shape == (n,) and y.dtype == np.int64
    assert np.all(np.isfinite(X))
    assert set(np.unique(y)) == set(range(classes))
    counts = np.bincount(y, minlength=classes)
    assert counts.max() - counts.min() <= 1 and counts.sum() == n


@pytest.mark.parametrize("name", DATASETS)
def test_a_data_spec_knows_its_classes_without_loading(name: str) -> None:
    spec = DataSpec(name, n=60)
    _, y = spec.load()
    assert spec.classes == int(y.max()) + 1 == CLASSES[name]


def test_three_class_sets_need_two_points_per_class() -> None:
    with pytest.raises(NnanimError, match="n: 5 is too small"):
        three_blobs(n=5)
    with pytest.raises(NnanimError, match="n: 5 is too small"):
        DataSpec("threespiral", n=5)


def test_classes_are_shuffled_not_in_blocks() -> None:
    _, y = swiss_roll()
    assert 0 < np.sum(y[:200]) < 200


@pytest.mark.parametrize("seed", range(10))
def test_blobs_are_linearly_separable_along_the_diagonal(seed: int) -> None:
    X, y = blobs(seed=seed)
    along = X @ np.array([1.0, 1.0]) / math.sqrt(2.0)
    assert along[y == 0].max() < along[y == 1].min()


def test_blobs_without_noise_sit_on_their_centres() -> None:
    X, y = blobs(noise=0.0, separation=2.0)
    assert np.linalg.norm(X[y == 1][0] - X[y == 0][0]) == pytest.approx(2.0, rel=1e-6)


@pytest.mark.parametrize("seed", range(10))
def test_swiss_roll_arms_do_not_overlap(seed: int) -> None:
    X, y = swiss_roll(seed=seed)
    assert cdist(X[y == 0], X[y == 1]).min() > 0.5


def test_swiss_roll_arms_are_half_a_turn_apart() -> None:
    # Without noise, turning class 0 by 180° puts it onto class 1's curve: same set of radii.
    X, y = swiss_roll(n=4000, noise=0.0)
    radii = [np.sort(np.hypot(*X[y == label].T)) for label in (0, 1)]
    assert radii[0].min() == pytest.approx(0.7, abs=0.01)
    assert radii[0].max() == pytest.approx(radii[1].max(), abs=0.02)
    assert np.abs(radii[0] - radii[1]).max() < 0.05


def test_swiss_roll_is_centred_with_a_scale_of_a_few_units() -> None:
    X, _ = swiss_roll()
    assert np.abs(X.mean(axis=0)).max() < 0.5
    assert 1.0 < np.abs(X).max() < 3.5


@pytest.mark.parametrize("seed", range(10))
def test_donut_classes_are_separated_by_radius(seed: int) -> None:
    X, y = donut(seed=seed)
    r = np.hypot(*X.T)
    assert r[y == 0].max() < r[y == 1].min()


def test_donut_without_noise_respects_its_radii() -> None:
    X, y = donut(noise=0.0, inner_radius=0.8, ring=(1.5, 2.0))
    r = np.hypot(*X.T.astype(np.float64))
    assert r[y == 0].max() <= 0.8 + 1e-6
    assert 1.5 - 1e-6 <= r[y == 1].min() and r[y == 1].max() <= 2.0 + 1e-6


@pytest.mark.parametrize("seed", range(10))
def test_three_blobs_are_split_by_three_rays_from_the_centre(seed: int) -> None:
    # Each blob sits in its own 120° wedge around the centre: the three boundaries meet there.
    X, y = three_blobs(seed=seed)
    angle = np.degrees(np.arctan2(X[:, 1], X[:, 0])) % 360
    wedge = ((angle - 150) % 360 // 120).astype(int)  # 150–270: class 0, 270–30: 1, 30–150: 2
    assert np.array_equal(wedge, y)


def test_three_blobs_sit_on_an_equilateral_triangle() -> None:
    X, y = three_blobs(noise=0.0, separation=3.0)
    centres = np.array([X[y == label][0] for label in range(3)], dtype=np.float64)
    np.testing.assert_allclose(cdist(centres, centres)[np.triu_indices(3, 1)], 3.0, rtol=1e-6)
    np.testing.assert_allclose(centres.mean(axis=0), 0.0, atol=1e-6)


@pytest.mark.parametrize("seed", range(10))
def test_three_spiral_arms_do_not_overlap(seed: int) -> None:
    X, y = three_spiral(seed=seed)
    for a, b in ((0, 1), (1, 2), (0, 2)):
        assert cdist(X[y == a], X[y == b]).min() > 0.5


def test_three_spiral_arms_are_a_third_of_a_turn_apart() -> None:
    # Without noise, turning class 0 by 120° and 240° lays it onto classes 1 and 2.
    X, y = three_spiral(n=6000, noise=0.0)
    X = X.astype(np.float64)
    for label in (1, 2):
        turn = np.radians(120.0 * label)
        rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
        turned = X[y == 0] @ rotation.T
        assert cdist(turned, X[y == label]).min(axis=1).max() < 0.05


@pytest.mark.parametrize("seed", range(10))
def test_xor_classes_are_the_sign_of_x_times_y(seed: int) -> None:
    X, y = xor(seed=seed)
    assert np.array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(np.int64))


def test_xor_fills_all_four_corners_about_evenly() -> None:
    X, _ = xor(n=4000)
    quadrant = 2 * (X[:, 0] > 0) + (X[:, 1] > 0)
    assert np.bincount(quadrant).min() > 900


def test_moons_without_noise_lie_on_their_half_circles() -> None:
    X, y = moons(n=1000, noise=0.0)
    X = X.astype(np.float64) + np.array([0.5, 0.25])
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, rtol=1e-6)
    np.testing.assert_allclose(np.hypot(*(lower - [1.0, 0.5]).T), 1.0, rtol=1e-6)
    assert upper[:, 1].min() >= -1e-6 and lower[:, 1].max() <= 0.5 + 1e-6


@pytest.mark.parametrize("cells", [2, 3, 4, 5])
def test_checkerboard_points_take_the_colour_of_their_square(cells: int) -> None:
    X, y = checkerboard(n=1000, cells=cells, size=4.0)
    square = np.floor((X.astype(np.float64) + 2.0) / (4.0 / cells)).astype(int)
    assert np.all((0 <= square) & (square < cells))
    assert np.array_equal(y, square.sum(axis=1) % 2)
    assert len(np.unique(square[:, 0] * cells + square[:, 1])) == cells * cells


def test_to_polar_known_points() -> None:
    X = np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, 0.0], [-1.0, -0.0], [0.0, -3.0], [0.0, 0.0]])
    expected = np.array(
        [[1, 0], [2, math.pi / 2], [1, math.pi], [1, math.pi], [3, -math.pi / 2], [0, 0]],
        dtype=np.float32,
    )
    polar = to_polar(X)
    assert polar.dtype == np.float32
    np.testing.assert_allclose(polar, expected, rtol=1e-6)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-100, 100), st.floats(-100, 100)), min_size=1, max_size=20
    )
)
def test_to_polar_round_trips_and_keeps_theta_in_range(points: list[tuple[float, float]]) -> None:
    X = np.array(points, dtype=np.float64)
    polar = to_polar(X).astype(np.float64)
    r, theta = polar[:, 0], polar[:, 1]
    assert np.all(r >= 0)
    assert np.all(theta > -np.float32(np.pi)) and np.all(theta <= np.float32(np.pi))
    back = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    np.testing.assert_allclose(back, X, atol=1e-4 * (1 + np.abs(X).max()))


@pytest.mark.parametrize("bad", [np.zeros((3, 3)), np.array([[0.0, np.nan]]), np.zeros(4)])
def test_to_polar_rejects_bad_points(bad: np.ndarray) -> None:
    with pytest.raises(NnanimError, match="X"):
        to_polar(bad)


def test_make_dataset_dispatches_and_applies_polar() -> None:
    X, y = make_dataset(DataSpec("swissroll", n=100, seed=2, noise=0.05, options={"turns": 0.5}))
    X2, y2 = swiss_roll(n=100, seed=2, noise=0.05, turns=0.5)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    Xp, yp = make_dataset(DataSpec("donut", polar=True))
    Xd, yd = donut()
    assert np.array_equal(Xp, to_polar(Xd)) and np.array_equal(yp, yd)


def test_to_dict_is_canonical_and_json_able() -> None:
    default = DataSpec("donut")
    explicit = DataSpec("donut", noise=0.05, options=(("ring", (1.6, 2.4)), ("inner_radius", 1)))
    assert default.to_dict() == explicit.to_dict()
    assert json.loads(json.dumps(default.to_dict())) == default.to_dict()
    as_dict = DataSpec("donut", options={"ring": [1.6, 2.4]})
    assert as_dict == DataSpec("donut", options=(("ring", (1.6, 2.4)),))
    assert DataSpec("donut", options={"inner_radius": 0.9}).to_dict() != default.to_dict()
    assert DataSpec("donut", seed=1).to_dict() != default.to_dict()


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"name": "spiral"}, "dataset"),
        ({"name": "blobs", "n": 3}, "n"),
        ({"name": "blobs", "noise": -0.1}, "noise"),
        ({"name": "blobs", "noise": float("nan")}, "noise"),
        ({"name": "blobs", "seed": -1}, "seed"),
        ({"name": "swissroll", "options": {"spin": 2.0}}, "options"),
        ({"name": "swissroll", "options": {"turns": 0.0}}, "turns"),
        ({"name": "swissroll", "options": {"turns": "many"}}, "turns"),
        ({"name": "blobs", "options": {"separation": -1.0}}, "separation"),
        ({"name": "donut", "options": {"ring": (2.5, 1.5)}}, "ring"),
        ({"name": "donut", "options": {"ring": (1.5,)}}, "ring"),
        ({"name": "donut", "options": {"inner_radius": 2.0}}, "ring"),
        ({"name": "donut", "polar": "yes"}, "polar"),
        ({"name": "checkerboard", "options": {"cells": 2.5}}, "cells"),
        ({"name": "checkerboard", "options": {"cells": 1}}, "cells"),
        ({"name": "checkerboard", "options": {"size": 0}}, "size"),
        ({"name": "xor", "options": {"separation": float("inf")}}, "separation"),
        ({"name": "threeblobs", "options": {"separation": 0}}, "separation"),
        ({"name": "threespiral", "options": {"turns": -1}}, "turns"),
        ({"name": "moons", "options": {"turns": 1}}, "allowed: none"),
    ],
)
def test_bad_specs_name_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(NnanimError, match=field):
        DataSpec(**kwargs)


def test_unknown_names_list_what_is_allowed() -> None:
    with pytest.raises(NnanimError, match="blobs, swissroll, donut, xor, moons, checkerboard"):
        DataSpec("spiral")
    with pytest.raises(NnanimError, match="allowed: turns"):
        DataSpec("swissroll", options={"spin": 2.0})
