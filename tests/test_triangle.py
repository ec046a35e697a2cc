"""Three classes are drawn from the network's own numbers, down to the triangle y1 + y2 + y3 = 1.

Every stage of K1 and K2 ends at the network's values; the dots drawn square-on, read back from
their mobjects, are ``softmax(z)``; the drawn boundaries are where two probabilities are equal
and the third smaller, and the input plane's boundary curves land on them; the training
window's colours are the region colours blended by the three probabilities.

The truth of every drawn boundary (K1, K2 and a random network with a thin wedge): the curves
read back from the mobjects of the training window and of every stage of the inside chapter,
flat film and 3-D film, lie within 1 px (1080p) of where two classes truly tie with the third
smaller (``tie_truth``, computed apart from the library), miss no stretch of it, meet at the
triple points, and do not move when the 3-D film takes over from the flat one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from nnanim.anim.films import NetworkFilm
from nnanim.anim.layout import SPACE_WINDOW, WINDOW
from nnanim.anim.plane import DASH_GAP, PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.anim.raster import probability_colors
from nnanim.anim.chapters.training import class_picture
from nnanim.anim.layout import data_box
from nnanim.anim.space3d import FROM_ABOVE, OBLIQUE, SpaceView
from nnanim.anim.triangle_film import (
    SQUARE_ON, TRIANGLE_BOX3, TriangleFilm, TriangleOverlay, first_space_layer,
)
from nnanim.geometry.framing import Box
from nnanim.geometry.simplex import CENTRE, PAIRS, from_chart, side_midpoint, to_chart
from nnanim.geometry.space3d import Box3, clip_polygon3, clip_polylines3
from nnanim.core.model import Architecture, forward_stages, predict_proba
from nnanim.palette import BACKGROUND, REGION_COLORS, hex_to_rgb
from nnanim.core.run import prepare
from nnanim.core.trajectory import Trajectory

from tie_truth import PIXELS_PER_UNIT, Ties, distances_to_lines, thin_wedge_network, true_ties


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


# --- the truth of every drawn boundary, read back from the mobjects ------------------------------

PX = PIXELS_PER_UNIT
DASH_GAP_PX = DASH_GAP * PX
"""The dashed final boundary leaves gaps this long: a true point in one is up to a gap from the
nearest drawn point, however right the curve."""


@dataclass(frozen=True)
class Network:
    name: str
    params: list
    arch: Architecture
    X: np.ndarray
    y: np.ndarray
    trajectory: Trajectory | None
    truth: Ties
    """The true boundaries over the films' reach, which holds the training window too."""


def _network(name: str) -> Network:
    if name == "wedge":
        # Two tanh units, then three: drawn flat for one layer, then in 3-D; class 0 wins only
        # in a wedge 0.005 rad wide, far thinner than a grid cell near the triple point.
        params, arch, _ = thin_wedge_network(3, [(2, "tanh"), (3, "tanh")], thin=0)
        X = np.random.default_rng(3).uniform(-2.0, 2.0, size=(300, 2))
        y = forward_stages(params, arch, X).probabilities.argmax(axis=1)
        trajectory = None
    else:
        run = prepare([name])[0]
        params, arch, X, y, trajectory = (run.trajectory.final_params, run.trajectory.arch,
                                          run.X, run.y, run.trajectory)
    return Network(name, params, arch, X, y, trajectory,
                   true_ties(params, arch, data_box(X).padded(0.25), nodes=800))


@pytest.fixture(scope="module", params=["K1", "K2", "wedge"])
def network(request) -> Network:
    return _network(request.param)


def _plane_read_back(view: PlaneView, lines: list[np.ndarray]) -> tuple[list[np.ndarray], float]:
    """Drawn scene points of a ``PlaneView`` back to the network's coordinates, and the pixels
    (at 1080p) per unit of those coordinates."""
    scale = min(view.rect.width / view.box.width, view.rect.height / view.box.height)
    return ([(line[:, :2] - view.rect.center) / scale + view.box.center for line in lines],
            scale * PX)


def _truth_errors(drawn: list[np.ndarray], truth: list[np.ndarray], px: float,
                  inside) -> tuple[float, float]:
    """The farthest drawn point from a true boundary, and the farthest true point (of those
    ``inside`` the view) from a drawn point, in pixels."""
    assert drawn, "nothing drawn"
    points = np.concatenate(drawn)
    error = distances_to_lines(points, truth, 0.2 / px).max() * px
    shown = np.concatenate(truth)
    shown = shown[inside(shown)]
    missing = distances_to_lines(shown, drawn, 0.2 / px).max() * px if len(shown) else 0.0
    return float(error), float(missing)


def _training_windows(network: Network) -> list[tuple[str, list]]:
    if network.trajectory is None:
        return [("final", network.params)]
    return [("final", network.params), ("mid-training", network.trajectory.params_at(0.4))]


def test_the_training_window_draws_every_boundary_where_two_classes_tie(network):
    box = data_box(network.X)
    for moment, params in _training_windows(network):
        truth = (network.truth if moment == "final" else
                 true_ties(params, network.arch, box, nodes=800))
        lines, probabilities = class_picture(params, network.arch, box)
        view = PlaneView(WINDOW, heatmap=True)
        view.show(box, network.X, network.y, boundary=lines, probabilities=probabilities)
        drawn, px = _plane_read_back(view, view.boundary.drawn_lines())
        error, missing = _truth_errors(drawn, truth.pieces, px, box.contains)
        assert error <= 1.0, f"{network.name} {moment}: a drawn point {error:.1f} px off"
        assert missing <= 1.0, f"{network.name} {moment}: a boundary {missing:.1f} px from any line"
        # Where three regions meet, three drawn curves end, on the point.
        ends = np.concatenate([line[[0, -1]] for line in drawn])
        for triple in truth.triples[box.contains(truth.triples)]:
            gaps = np.sort(np.linalg.norm(ends - triple, axis=1))[:3] * px
            assert gaps.max() <= 1.0, f"{network.name} {moment}: junction gaps {gaps} px"


def _inside_frames(network: Network):
    """Every drawn frame the inside chapter checks: ``(film, player, layer, stage, t)``, the flat
    film first (while every space is 2 wide), then the triangle film; the view drawn."""
    split = first_space_layer(network.arch)
    if split > 0:
        film = NetworkFilm(network.params, network.arch, network.X)
        player = StagePlayer(film, PlaneView(WINDOW), network.y)
        for layer, stage in film.warp.stages()[: 3 * split]:
            for t in (0.0, 0.5, 1.0):
                yield film, player, layer, stage, t
    film = TriangleFilm(network.params, network.arch, network.X)
    player = StagePlayer(film, SpaceView(SPACE_WINDOW, camera=OBLIQUE, plane_opacity=0.0),
                         network.y, start=(split, "linear", 0.0), overlay=TriangleOverlay)
    for layer, stage in film.warp.stages()[3 * split:]:
        for t in (0.0, 0.5, 1.0):
            player.view.camera = SQUARE_ON if (stage, t) == ("softmax", 1.0) else OBLIQUE
            yield film, player, layer, stage, t


def test_every_stage_of_the_inside_chapter_draws_every_boundary_where_two_classes_tie(network):
    for film, player, layer, stage, t in _inside_frames(network):
        player.position, player.s = (layer, stage), t
        player.redraw()
        view = player.view
        s = film.pace(layer, stage).progress(t)
        moved = [film.points(piece, layer, stage, s) for piece in network.truth.pieces]
        lines = view.final_boundary.drawn_lines()
        where = f"{network.name} layer {layer + 1} {stage} t={t}"
        if isinstance(view, PlaneView):
            drawn, px = _plane_read_back(view, lines)
            error, missing = _truth_errors(drawn, moved, px, view.box.contains)
        else:
            # A 3-D picture cannot be read back through the projection: the true curves are
            # projected by the same camera instead, and compared on the screen.
            shown = [view.scene_points(line)[:, :2] for line in clip_polylines3(moved, view.box)]
            error, missing = _truth_errors([line[:, :2] for line in lines], shown, PX,
                                           lambda p: np.ones(len(p), dtype=bool))
        assert error <= 1.0, f"{where}: a drawn point {error:.2f} px off"
        assert missing <= DASH_GAP_PX + 1.0, f"{where}: a boundary {missing:.0f} px from any dash"


def _from_above_read_back(view: SpaceView,
                          lines: list[np.ndarray]) -> tuple[list[np.ndarray], float]:
    """Drawn scene points of a floor seen from straight above back to the floor's coordinates.

    Looking straight down, the floor is drawn by a similarity (uniform scale, turn, shift):
    three projected points give it exactly.
    """
    corners = np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    o, ex, ey = view.scene_points(corners)[:, :2]
    basis = np.column_stack([ex - o, ey - o])
    back = [np.linalg.solve(basis, (line[:, :2] - o).T).T for line in lines]
    return back, float(np.linalg.norm(ex - o)) * PX


def _joined(pieces: list[np.ndarray]) -> list[np.ndarray]:
    """Dashes joined back into their curves across the gaps between them."""
    joined: list[np.ndarray] = []
    for piece in pieces:
        if joined and np.linalg.norm(piece[0] - joined[-1][-1]) <= DASH_GAP + 1e-6:
            joined[-1] = np.vstack([joined[-1], piece])
        else:
            joined.append(piece)
    return joined


@pytest.mark.parametrize("network", ["K1", "wedge"], indirect=True)
def test_the_dashed_boundaries_do_not_jump_when_the_triangle_film_takes_over(network):
    """K1 and the wedge network are drawn flat until their first 3-wide layer (K2 is 3-D from
    the start): the last flat frame and the first 3-D one, from above, show the same curves."""
    split = first_space_layer(network.arch)
    flat = StagePlayer(NetworkFilm(network.params, network.arch, network.X), PlaneView(WINDOW),
                       network.y, start=(split - 1, "activation", 1.0))
    space = StagePlayer(TriangleFilm(network.params, network.arch, network.X),
                        SpaceView(SPACE_WINDOW, camera=FROM_ABOVE, plane_opacity=0.0),
                        network.y, start=(split, "linear", 0.0), overlay=TriangleOverlay)
    flat_lines = flat.view.final_boundary.drawn_lines()
    space_lines = space.view.final_boundary.drawn_lines()
    before, px_before = _plane_read_back(flat.view, flat_lines)
    after, px_after = _from_above_read_back(space.view, space_lines)
    px = max(px_before, px_after)
    low, high = space.view.box.low, space.view.box.high
    box = flat.view.box
    inner = Box(max(box.xmin, low[0]) + 1 / px, min(box.xmax, high[0]) - 1 / px,
                max(box.ymin, low[1]) + 1 / px, min(box.ymax, high[1]) - 1 / px)
    for drawn, other_lines, read_back in (
        (before, space_lines, lambda lines: _from_above_read_back(space.view, lines)[0]),
        (after, flat_lines, lambda lines: _plane_read_back(flat.view, lines)[0]),
    ):
        points = np.concatenate(drawn)
        points = points[inner.contains(points)]
        assert len(points) > 20
        curves = read_back(_joined([line[:, :2] for line in other_lines]))
        gap = distances_to_lines(points, curves, 0.2 / px).max() * px
        assert gap <= 1.0, f"{network.name}: the boundary moves {gap:.1f} px at the hand-over"
