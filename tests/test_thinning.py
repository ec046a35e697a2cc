"""Thinned polylines stay within their promised distance of the original and keep their ends."""

import numpy as np
import pytest

from nnanim.geometry.thinning import ROUNDS, thin_polylines


def distance_to_polyline(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Each point's distance to the nearest segment of ``line``."""
    start, end = line[:-1][None], line[1:][None]
    along = end - start
    t = np.clip(((points[:, None] - start) * along).sum(-1) / np.maximum((along**2).sum(-1), 1e-300),
                0, 1)
    nearest = start + t[..., None] * along
    return np.linalg.norm(points[:, None] - nearest, axis=-1).min(axis=1)


def lines_end_to_end(lines):
    return np.concatenate(lines), np.concatenate([np.full(len(l), i) for i, l in enumerate(lines)])


def test_a_straight_run_keeps_little_more_than_its_ends():
    line = np.column_stack([np.linspace(0, 10, 129), np.linspace(0, 5, 129)])
    kept = np.flatnonzero(thin_polylines(line, np.zeros(129, int), 1e-6))
    assert kept[0] == 0 and kept[-1] == 128 and len(kept) <= 3
    kept = np.flatnonzero(thin_polylines(line, np.zeros(129, int), 1e-6, rounds=12))
    assert kept.tolist() == [0, 128]


@pytest.mark.parametrize("seed", range(6))
def test_thinned_lines_stay_within_rounds_times_the_tolerance(seed):
    rng = np.random.default_rng(seed)
    tolerance = 0.01
    lines = []
    for _ in range(5):
        t = np.linspace(-3, 3, int(rng.integers(20, 300)))
        bend = rng.uniform(0.5, 30)  # up to a tanh that is almost a step
        lines.append(np.column_stack([t, np.tanh(bend * (t - rng.uniform(-1, 1)))])
                     + rng.normal(0, 1e-3, (len(t), 2)))
    vertices, line_of = lines_end_to_end(lines)
    keep = thin_polylines(vertices, line_of, tolerance)
    assert keep.sum() < 0.6 * len(keep)  # it does thin
    for index, line in enumerate(lines):
        thinned = vertices[keep & (line_of == index)]
        assert np.array_equal(thinned[0], line[0]) and np.array_equal(thinned[-1], line[-1])
        dense = np.concatenate([np.linspace(a, b, 9) for a, b in zip(line[:-1], line[1:])])
        assert distance_to_polyline(dense, thinned).max() <= ROUNDS * tolerance + 1e-12
        dense_thinned = np.concatenate([np.linspace(a, b, 9)
                                        for a, b in zip(thinned[:-1], thinned[1:])])
        assert distance_to_polyline(dense_thinned, line).max() <= ROUNDS * tolerance + 1e-12


def test_a_sharp_corner_and_short_lines_are_kept():
    corner = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    pair = np.array([[5.0, 5.0], [6.0, 5.0]])
    vertices, line_of = lines_end_to_end([corner, pair, corner + 10])
    assert thin_polylines(vertices, line_of, 0.01).all()


def test_vertices_of_neighbouring_lines_are_never_joined():
    # two collinear lines end to end: the gap between them must stay a gap
    left = np.column_stack([np.linspace(0, 1, 5), np.zeros(5)])
    right = np.column_stack([np.linspace(1.5, 2.5, 5), np.zeros(5)])
    vertices, line_of = lines_end_to_end([left, right])
    keep = thin_polylines(vertices, line_of, 0.01)
    assert np.flatnonzero(keep).tolist() == [0, 4, 5, 9]


def test_the_vertices_the_camera_thins_are_the_drawn_lines_end_to_end():
    from nnanim.anim.shapes import Polylines

    rng = np.random.default_rng(1)
    lines = [np.column_stack([np.linspace(0, 1, n), rng.normal(size=n)]) for n in (5, 17, 2, 40)]
    vertices, line_of = Polylines(lines).drawn_vertices()
    for index, line in enumerate(lines):
        assert np.allclose(vertices[line_of == index, :2], line)
