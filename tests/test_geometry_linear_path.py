"""The linear stage as a path of matrices: exact ends, never singular, flips named."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnanim.errors import NnanimError
from nnanim.geometry import LinearPath

S_DENSE = np.linspace(0.0, 1.0, 2001)
WIDTHS = st.sampled_from([1, 2, 3, 10])


def rotation(degrees: float) -> np.ndarray:
    a = np.radians(degrees)
    return np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])


def random_matrix(seed: int, shape: tuple[int, int]) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(size=shape) * rng.uniform(0.05, 5.0)


def matrices(path: LinearPath, s_values: np.ndarray = S_DENSE) -> np.ndarray:
    return np.stack([path.matrix(s) for s in s_values])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.sampled_from([1, 2, 3]), negative=st.booleans())
def test_square_path_is_singular_only_mid_flip_and_ends_at_W(seed: int, n: int,
                                                             negative: bool) -> None:
    W = random_matrix(seed, (n, n))
    if (np.linalg.det(W) < 0) != negative:
        W[0] *= -1
    path = LinearPath(W)
    s_values = S_DENSE
    if negative:
        flip = path.segments[0]
        middle = (flip.start + flip.end) / 2
        sigma = np.linalg.svd(path.matrix(middle), compute_uv=False)
        assert sigma[-1] <= 1e-12 and (n == 1 or sigma[-2] > 0)
        s_values = S_DENSE[np.abs(S_DENSE - middle) > 1e-9]
    dets = np.linalg.det(matrices(path, s_values))
    assert np.all(dets != 0)
    assert np.count_nonzero(np.diff(np.sign(dets))) == (1 if negative else 0)
    assert path.flips == negative
    np.testing.assert_allclose(path.matrix(0.0), np.eye(n), atol=0)
    np.testing.assert_array_equal(path.matrix(1.0), W)
    np.testing.assert_allclose(path.matrix(1.0 - 1e-12), W, atol=1e-9)


def test_ten_wide_square_with_negative_determinant() -> None:
    W = random_matrix(7, (10, 10))
    W[0] *= np.sign(np.linalg.det(W)) * -1
    path = LinearPath(W)
    flip = path.segments[0]
    dets = np.linalg.det(matrices(path, np.linspace(flip.end, 1.0, 1001)))
    assert path.flips and np.all(dets != 0)
    np.testing.assert_allclose(path.matrix(1 - 1e-12), W, atol=1e-9)


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (10, 10), (3, 2), (2, 3), (4, 10)])
def test_every_path_is_continuous_flips_included(shape: tuple[int, int]) -> None:
    """No move jumps: a step of 1/2000 in s changes A(s) by a small share of its size."""
    for seed in range(6):
        W = random_matrix(seed, shape)
        if shape[0] == shape[1] and np.linalg.det(W) > 0:
            W[0] *= -1
        steps = np.diff(matrices(LinearPath(W)), axis=0)
        size = max(1.0, float(np.linalg.norm(W, 2)))
        assert np.linalg.norm(steps, axis=(1, 2)).max() <= 0.02 * size


def test_straight_blend_would_collapse_but_path_only_turns_over() -> None:
    """The blend squashes while it stretches; the path turns the plane over, then stretches."""
    W = np.diag([-1.0, 2.0])
    blend = [np.linalg.det((1 - s) * np.eye(2) + s * W) for s in S_DENSE]
    assert np.min(np.abs(blend)) < 1e-2
    path = LinearPath(W)
    flip = path.segments[0]
    after_the_turn = S_DENSE[S_DENSE >= flip.end]
    assert np.min(np.abs(np.linalg.det(matrices(path, after_the_turn)))) >= 1.0 - 1e-12


def test_flip_is_its_own_first_segment_with_a_mirror() -> None:
    W = np.array([[0.0, 2.0], [1.0, 0.0]])  # swap the axes, then stretch x by 2
    path = LinearPath(W)
    assert [seg.name for seg in path.segments] == ["flip", "stretch"]
    n = path.flip_normal
    np.testing.assert_allclose(np.abs(n), [np.sqrt(0.5), np.sqrt(0.5)])
    assert n @ np.array([1.0, 1.0]) == pytest.approx(0.0, abs=1e-12)  # mirror line y = x
    flip = path.segments[0]
    middle = (flip.start + flip.end) / 2
    # Turned half over: the plane seen edge-on, every point on the mirror line.
    np.testing.assert_allclose(path.matrix(middle), np.eye(2) - np.outer(n, n), atol=1e-12)
    np.testing.assert_allclose(path.matrix(flip.end), np.eye(2) - 2 * np.outer(n, n), atol=1e-12)
    points = np.array([[1.0, 2.0], [-0.5, 0.3]])
    for s in np.linspace(flip.start, flip.end, 7):
        turned = path.flip_turn(points, flip.progress(s))
        np.testing.assert_allclose(path.apply(points, s), turned[:, :2], atol=1e-12)


def test_flip_turn_goes_through_the_third_axis_and_lands_mirrored() -> None:
    path = LinearPath(np.diag([-1.0, 1.0]))
    points = np.array([[1.0, 2.0], [-0.5, 0.3]])
    np.testing.assert_allclose(path.flip_turn(points, 0.0), np.c_[points, [0.0, 0.0]], atol=1e-15)
    np.testing.assert_allclose(path.flip_turn(points, 0.5), [[0, 2, 1], [0, 0.3, -0.5]], atol=1e-12)
    np.testing.assert_allclose(path.flip_turn(points, 1.0), [[-1, 2, 0], [0.5, 0.3, 0]], atol=1e-12)
    lengths = [np.linalg.norm(path.flip_turn(points, t), axis=1) for t in np.linspace(0, 1, 11)]
    np.testing.assert_allclose(lengths, np.broadcast_to(np.linalg.norm(points, axis=1), (11, 2)))
    with pytest.raises(NnanimError, match="does not flip"):
        LinearPath(np.eye(2)).flip_turn(points, 0.5)


def test_nearly_diagonal_weights_are_a_plain_stretch() -> None:
    assert [seg.name for seg in LinearPath(np.diag([1.0, 2.0])).segments] == ["stretch"]
    assert [seg.name for seg in LinearPath(np.diag([3.0, 0.5])).segments] == ["stretch"]
    assert [seg.name for seg in LinearPath(rotation(30)).segments] == ["rotate_out"]


def test_rotations_take_the_shorter_way() -> None:
    path = LinearPath(rotation(-150))
    angles = [np.degrees(np.arctan2(path.matrix(s)[1, 0], path.matrix(s)[0, 0])) for s in S_DENSE]
    assert np.all(np.diff(angles) <= 1e-9)  # turns clockwise, never the 210° way
    assert angles[-1] == pytest.approx(-150)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), m=WIDTHS, n=WIDTHS)
def test_width_changes_keep_full_rank(seed: int, m: int, n: int) -> None:
    W = random_matrix(seed, (n, m))
    path = LinearPath(W)
    dim = max(m, n)
    assert path.dim == dim
    start = np.eye(dim, m)
    np.testing.assert_array_equal(path.matrix(0.0), start)
    end = np.zeros((dim, m))
    end[:n] = W
    np.testing.assert_array_equal(path.matrix(1.0), end)
    np.testing.assert_allclose(path.matrix(1 - 1e-12), end, atol=1e-9)
    s_values = np.linspace(0.0, 1.0, 401)[:-1]
    if path.flips:  # square only: turned half over, the space is flat for an instant
        flip = path.segments[0]
        s_values = s_values[np.abs(s_values - (flip.start + flip.end) / 2) > 1e-9]
    singular = np.linalg.svd(matrices(path, s_values), compute_uv=False)
    if n >= m:
        assert singular[:, m - 1].min() > 0
    else:
        flatten = next(seg for seg in path.segments if seg.name == "flatten")
        assert singular[s_values < flatten.end, m - 1].min() > 0
        assert singular[:, n - 1].min() > 0
    if n != m:
        assert not path.flips  # the extra dimension turns the plane over continuously


def test_narrowing_flattens_then_moves_in_the_plane() -> None:
    path = LinearPath(np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]]))
    assert [seg.name for seg in path.segments] == ["flatten", "stretch"]
    point = np.array([[1.0, 1.0, 5.0]])
    np.testing.assert_allclose(path.apply(point, 0.5), [[1.0, 1.0, 0.0]], atol=1e-12)
    np.testing.assert_allclose(path.apply(point, 1.0), [[1.0, 2.0, 0.0]])


def test_widening_starts_in_the_plane_and_lifts_last() -> None:
    W = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    path = LinearPath(W)
    assert [seg.name for seg in path.segments] == ["lift"]
    half_way = path.apply(np.array([[0.0, 1.0]]), 0.5)
    np.testing.assert_allclose(half_way, [[0, np.sqrt(0.5), np.sqrt(0.5)]], atol=1e-12)


def test_segments_tile_the_stage() -> None:
    path = LinearPath(random_matrix(3, (2, 2)) @ np.diag([1.0, -1.0]))
    edges = [(seg.start, seg.end) for seg in path.segments]
    assert edges[0][0] == 0.0 and edges[-1][1] == 1.0
    assert all(a[1] == b[0] for a, b in zip(edges, edges[1:]))
    assert path.segment_at(0.0) is path.segments[0]
    assert path.segment_at(1.0) is path.segments[-1]


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(NnanimError, match="NaN or inf"):
        LinearPath(np.array([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(NnanimError, match="matrix"):
        LinearPath(np.ones(3))
    path = LinearPath(np.eye(2))
    for bad in (-0.1, 1.5, float("nan"), "half"):
        with pytest.raises(NnanimError, match="s:"):
            path.matrix(bad)
    with pytest.raises(NnanimError, match="does not end in 2"):
        path.apply(np.ones((4, 3)), 0.5)
