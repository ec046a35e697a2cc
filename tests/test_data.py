"""The toy data sets: reproducible, balanced, and shaped the way the lecture says."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import cdist

from nnanim.data import DATASETS, DataSpec, blobs, donut, make_dataset, swiss_roll, to_polar
from nnanim.errors import NnanimError

GENERATORS = {"blobs": blobs, "swissroll": swiss_roll, "donut": donut}


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
    n=st.integers(min_value=4, max_value=301),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_shapes_dtypes_and_balance(name: str, n: int, seed: int) -> None:
    X, y = GENERATORS[name](n=n, seed=seed)
    assert X.shape == (n, 2) and X.dtype == np.float32
    assert y.shape == (n,) and y.dtype == np.int64
    assert np.all(np.isfinite(X))
    assert set(np.unique(y)) == {0, 1}
    assert abs(int(np.sum(y == 0)) - int(np.sum(y == 1))) <= n % 2


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
    ],
)
def test_bad_specs_name_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(NnanimError, match=field):
        DataSpec(**kwargs)


def test_unknown_names_list_what_is_allowed() -> None:
    with pytest.raises(NnanimError, match="blobs, swissroll, donut"):
        DataSpec("spiral")
    with pytest.raises(NnanimError, match="allowed: turns"):
        DataSpec("swissroll", options={"spin": 2.0})
