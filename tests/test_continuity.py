"""No frame jumps, for networks of any shape, and a 3-wide space is drawn whole.

Random networks (widths 2..12, 1..4 hidden layers, every activation, weights that flip, that
nearly collapse a direction, that are large) are played as the "inside" chapter plays them
(``inside_film``). Every stage is sampled at ``STEPS`` even steps of film time, and each step's
largest move of a drawn point (data, grid node, final-boundary node) is measured in view units:
relative to the view box at that moment (its width in 2-D, its diameter in 3-D: what is fitted
to the window), so a zoom of the box counts as motion too.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnanim.anim.films import LiftFilm, NetworkFilm, inside_film
from nnanim.geometry.framing import Box
from nnanim.core.model import ACTIVATIONS, Architecture, forward_stages

STEPS = 60
"""Frames per stage: the inside chapter gives a stage about 2 s, 30 frames at 15 fps."""
LARGEST_STEP = 0.12
"""Largest move of any drawn point from one frame to the next, as a share of the view.

The pace spreads a stage's motion evenly over its frames, so a step is the stage's whole
on-screen motion over 60; the busiest stages here (a cloud turned over in 3-D, then stretched
tenfold) move about 5 views in all, 0.08 a frame, and a grid node far from the data a little
more. A jump is far above that: before the pace and the continuous flip, these networks jumped
by up to 1.4 views in one step (and 0.59 of the data's size in one frame for a 3 → 3 flip)."""
NETWORKS = 12


def random_network(seed: int) -> tuple[list, Architecture, np.ndarray]:
    """A random shape and weights: some flip, some nearly collapse a direction."""
    rng = np.random.default_rng(seed)
    rows = [(int(rng.integers(2, 13)), str(rng.choice(ACTIVATIONS)))
            for _ in range(int(rng.integers(1, 5)))]
    arch = Architecture.from_table(rows)
    params = []
    for (n, m), b in arch.shapes():
        W = rng.normal(size=(n, m)) * rng.uniform(0.3, 2.5)
        if rng.random() < 0.3:
            U, sigma, Vt = np.linalg.svd(W, full_matrices=False)
            sigma[-1] *= 1e-3
            W = (U * sigma) @ Vt
        params.append((W, rng.normal(size=b) * rng.uniform(0.0, 1.5)))
    return params, arch, rng.normal(size=(40, 2)) * rng.uniform(0.5, 3.0)


def in_view_units(box, points: np.ndarray) -> np.ndarray:
    if isinstance(box, Box):
        return (points - box.center) / box.width
    return (points - box.center) / (2 * box.radius)


def largest_step(film: NetworkFilm | LiftFilm) -> tuple[float, tuple]:
    """The largest frame-to-frame move of a drawn point, and where it happens."""
    grid = np.concatenate([line[::4] for line in film.grid])
    boundary = [line[::4] for line in film.boundary]
    nodes = np.concatenate([film.X, grid, *boundary])
    worst, where, before = 0.0, None, None
    for layer, stage in film.warp.stages():
        pace = film.pace(layer, stage)
        for t in np.linspace(0.0, 1.0, STEPS + 1):
            s = pace.progress(float(t))
            box = film.box(layer, stage, s)
            now = film.points(nodes, layer, stage, s)
            shown = box.contains(now)
            now = in_view_units(box, now)
            if before is not None:
                drawn = shown | before[1]
                step = float(np.linalg.norm(now[drawn] - before[0][drawn], axis=1).max())
                if step > worst:
                    worst, where = step, (layer, stage, round(float(t), 3))
            before = (now, shown)
    return worst, where


@pytest.mark.parametrize("seed", range(NETWORKS))
def test_no_frame_jumps_in_a_random_network(seed):
    params, arch, X = random_network(seed)
    worst, where = largest_step(inside_film(params, arch, X))
    assert worst <= LARGEST_STEP, f"{arch.describe()}: a step of {worst:.3f} views at {where}"


@pytest.mark.parametrize("rows", [[(3, "tanh")], [(2, "relu"), (3, "sigmoid"), (2, "tanh")],
                                  [(12, "tanh"), (3, "linear")], [(3, "tanh"), (7, "relu")]])
def test_a_three_wide_space_is_drawn_whole(rows):
    """Every 3-wide space, and every wide one the next layer reads in 3 directions, ends its
    stages at all 3 of the network's own coordinates (or of the view holding what is read)."""
    arch = Architecture.from_table(rows)
    rng = np.random.default_rng(5)
    params = [(rng.normal(size=w), rng.normal(size=b)) for w, b in arch.shapes()]
    X = rng.normal(size=(30, 2))
    film = inside_film(params, arch, X)
    assert isinstance(film, LiftFilm)
    forward = forward_stages(params, arch, X)
    for layer in range(arch.n_layers - 1):
        want = forward.layers[layer].activated
        view = film.warp.view(layer + 1)
        if view is not None:
            assert view.shape[1] == (2 if arch.widths[layer + 2] <= 2 else 3)
            assert film.warp.view_holds_next(layer + 1) == (arch.widths[layer + 2] <= 3)
            want = want @ view
        if want.shape[1] == 3:
            drawn = film.frame(layer, "activation", 1.0).points
            np.testing.assert_allclose(drawn, want, atol=1e-9)
            assert np.abs(drawn[:, 2]).max() > 0
