"""Staged warps: every stage ends where the real network is, in native and display coordinates."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnanim.errors import NnanimError
from nnanim.geometry import Box, Warp, grid_lines, view_basis
from nnanim.core.model import ACTIVATIONS, Architecture, forward_stages, unflatten_params

LAYERS = st.lists(
    st.tuples(st.sampled_from([1, 2, 3, 10]), st.sampled_from(ACTIVATIONS)), min_size=0, max_size=4
)


def network(rows: list[tuple[int, str]], seed: int) -> tuple[list, Architecture, np.ndarray]:
    arch = Architecture.from_table(rows)
    rng = np.random.default_rng(seed)
    params = unflatten_params(rng.normal(size=arch.n_params) * rng.uniform(0.3, 3.0), arch)
    return params, arch, rng.normal(size=(40, 2)) * 2


def stage_value(layer_stages, stage: str) -> np.ndarray:
    return {
        "linear": layer_stages.linear,
        "bias": layer_stages.affine,
        "activation": layer_stages.activated,
        "softmax": layer_stages.activated,
    }[stage]


@settings(max_examples=40, deadline=None)
@given(rows=LAYERS, seed=st.integers(0, 2**32 - 1))
def test_stage_ends_equal_forward_stages(rows: list[tuple[int, str]], seed: int) -> None:
    params, arch, X = network(rows, seed)
    forward = forward_stages(params, arch, X)
    warp = Warp(params, arch, reference=X)
    for layer, stage in warp.stages():
        expected = stage_value(forward.layers[layer], stage)
        width = expected.shape[1]
        end = warp.native(X, layer, stage, 1.0)
        np.testing.assert_allclose(end[:, :width], expected, rtol=0, atol=1e-9)
        assert np.all(end[:, width:] == 0)  # a narrowing layer ends with the dropped axes at 0
        start = warp.native(X, layer, stage, 0.0)
        before = forward.layers[layer].inputs if stage == "linear" else forward.layers[layer].linear
        if stage in ("activation", "softmax"):
            before = forward.layers[layer].affine
        np.testing.assert_allclose(start[:, : before.shape[1]], before, rtol=0, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(rows=LAYERS, seed=st.integers(0, 2**32 - 1), wide_view=st.sampled_from([2, 3, "read"]))
def test_display_is_continuous_across_stages_and_true_at_ends(
    rows: list[tuple[int, str]], seed: int, wide_view: int
) -> None:
    params, arch, X = network(rows, seed)
    forward = forward_stages(params, arch, X)
    warp = Warp(params, arch, reference=X, wide_view=wide_view)
    previous = warp.to_view(X, 0)
    for layer, stage in warp.stages():
        start, end = warp.display(X, layer, stage, 0.0), warp.display(X, layer, stage, 1.0)
        k = max(start.shape[1], previous.shape[1])
        pad = lambda a: np.pad(a, ((0, 0), (0, k - a.shape[1])))  # noqa: E731
        np.testing.assert_allclose(pad(start), pad(previous), rtol=0, atol=1e-9)
        true_end = warp.to_view(stage_value(forward.layers[layer], stage), layer + 1)
        np.testing.assert_allclose(end[:, : true_end.shape[1]], true_end, rtol=0, atol=1e-9)
        assert end.shape[1] == max(2, end.shape[1]) <= 3
        previous = end


def test_grid_and_points_agree_exactly() -> None:
    params, arch, X = network([(10, "tanh")], 5)
    warp = Warp(params, arch, reference=X)
    grid = grid_lines(Box(-2, 2, -2, 2), samples=50).lines
    moved = warp.display(grid, 0, "activation", 0.4)
    assert moved.shape == grid.shape[:2] + (3,)
    flat = warp.display(grid.reshape(-1, 2), 0, "activation", 0.4)
    np.testing.assert_array_equal(moved.reshape(-1, 3), flat)
    curves = [grid[0], grid[3][:7]]
    shown = warp.display_lines(curves, 0, "bias", 0.2)
    np.testing.assert_array_equal(shown[1], warp.display(curves[1], 0, "bias", 0.2))


def test_stage_formulas_in_between() -> None:
    params, arch, X = network([(2, "tanh")], 11)
    warp = Warp(params, arch)
    (W, b), _ = params
    a = X @ W.T + b
    s = 0.3
    np.testing.assert_allclose(warp.native(X, 0, "bias", s), X @ W.T + s * b, atol=1e-12)
    squashing = (1 - s) * a + s * np.tanh(a)
    np.testing.assert_allclose(warp.native(X, 0, "activation", s), squashing, atol=1e-12)
    moving = X @ warp.path(0).matrix(s).T
    np.testing.assert_allclose(warp.native(X, 0, "linear", s), moving, atol=1e-12)


def test_ten_wide_view_is_orthonormal_deterministic_and_reads_the_next_layer() -> None:
    params, arch, X = network([(10, "tanh")], 3)
    for dim in (2, 3):
        views = [Warp(params, arch, reference=X, wide_view=dim).view(1) for _ in range(2)]
        V = views[0]
        assert V.shape == (10, dim)
        np.testing.assert_allclose(V.T @ V, np.eye(dim), atol=1e-12)
        np.testing.assert_array_equal(views[0], views[1])
        W_out = params[1][0]
        np.testing.assert_allclose(W_out @ V @ V.T, W_out, atol=1e-12)  # contains the row space
        seen = W_out @ V[:, :2]
        assert seen[0, 1] == pytest.approx(0.0, abs=1e-12) and np.all(np.diag(seen) > 0)
    assert not Warp(params, arch, reference=X).path(1).flips


def test_a_view_as_wide_as_the_next_layer_reads_holds_all_it_reads() -> None:
    params, arch, X = network([(10, "tanh"), (3, "relu"), (6, "tanh"), (12, "tanh")], 4)
    warp = Warp(params, arch, reference=X, wide_view="read")
    assert [warp.display_dim(space) for space in range(6)] == [2, 3, 3, 3, 2, 2]
    assert warp.view_holds_next(1) and warp.view_holds_next(4)  # read by 3 and by 2 units
    assert not warp.view_holds_next(3)  # 12 units read more than any 3 axes hold
    assert warp.view_holds_next(2)  # shown as it is


def test_view_third_axis_is_the_strongest_remaining_spread() -> None:
    W_next = np.zeros((2, 5))
    W_next[0, 0] = W_next[1, 1] = 1.0
    hidden = np.zeros((6, 5))
    hidden[:, 3] = [-3, -2, -1, 1, 2, 3]
    hidden[:, 4] = [0.1, -0.1, 0.0, 0.0, -0.1, 0.1]  # less spread, uncorrelated
    V = view_basis(W_next, hidden, 3)
    np.testing.assert_allclose(V, np.eye(5)[:, [0, 1, 3]], atol=1e-12)
    np.testing.assert_allclose(view_basis(W_next, None, 3), np.eye(5)[:, [0, 1, 2]], atol=1e-12)
    np.testing.assert_allclose(view_basis(-W_next, hidden, 3)[:, 0], -np.eye(5)[0], atol=1e-12)


def test_box_contains_the_points_and_moves_continuously() -> None:
    params, arch, X = network([(2, "tanh")], 21)
    X = np.concatenate([X, [[400.0, -300.0]]])  # one far outlier must not drive the framing
    warp = Warp(params, arch)
    s_values = np.linspace(0, 1, 201)
    previous_end = None
    for layer, stage in warp.stages():
        boxes = [warp.box(X, layer, stage, s) for s in s_values]
        if previous_end is not None:
            np.testing.assert_allclose(boxes[0].corners(), previous_end.corners(), atol=1e-9)
        previous_end = boxes[-1]
        for s, box in zip(s_values[::20], boxes[::20]):
            assert box.contains(warp.display(X, layer, stage, s)).mean() >= 0.98
            assert box.aspect == pytest.approx(16 / 9)
        corners = np.array([b.corners() for b in boxes])
        step = np.abs(np.diff(corners, axis=0)).max()
        assert step < 0.1 * max(boxes[0].width, boxes[-1].width)


def test_bad_positions_and_inputs_are_clear_errors() -> None:
    params, arch, X = network([(3, "tanh")], 1)
    warp = Warp(params, arch)
    with pytest.raises(NnanimError, match="stage: 'squash' is not one of linear, bias, activation"):
        warp.native(X, 0, "squash", 0.5)
    with pytest.raises(NnanimError, match="not one of linear, bias, softmax"):
        warp.display(X, 1, "activation", 0.5)
    with pytest.raises(NnanimError, match="layer: 2 is not a layer index 0..1"):
        warp.native(X, 2, "linear", 0.5)
    with pytest.raises(NnanimError, match="outside"):
        warp.display(X, 0, "bias", 1.01)
    with pytest.raises(NnanimError, match="does not end in 2"):
        warp.native(np.ones((5, 3)), 0, "bias", 0.5)
    with pytest.raises(NnanimError, match="NaN or inf"):
        warp.native(np.array([[np.inf, 0.0]]), 0, "bias", 0.5)
    with pytest.raises(NnanimError, match=r"params\[0\]: W\(2, 2\)"):
        Warp([(np.eye(2), np.zeros(2)), params[1]], arch)
    bad = [(params[0][0] * np.nan, params[0][1]), params[1]]
    with pytest.raises(NnanimError, match="NaN or inf"):
        Warp(bad, arch)
    with pytest.raises(NnanimError, match="wide_view"):
        Warp(params, arch, wide_view=4)
