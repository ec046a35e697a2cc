"""The 3-D chapters draw the network's own numbers: lift, plane, projection back, islands.

Geometry first (the camera, the box fit, the plane in a box), then what ``SpaceView`` actually
draws for the trained C3 network, read back from its mobjects, then the wide-layer view and the
claims the lecture makes (C3 solves the donut, E6 is stuck), then the scene renders.
"""

from __future__ import annotations

import math
from pathlib import Path

import av
import numpy as np
import pytest
from manim.camera.three_d_camera import ThreeDCamera

from nnanim.anim.films import LiftFilm
from nnanim.anim.layout import data_box
from nnanim.anim.space3d import SpaceView
from nnanim.geometry import Warp
from nnanim.geometry.boundary import find_islands
from nnanim.geometry.framing import Box
from nnanim.geometry.space3d import (
    Box3, Orbit, clip_polylines3, edge_on, fit_scale, plane_polygon, split_by_plane, to_model,
)
from nnanim.core.run import prepare
from nnanim.core.model import forward_stages

from conftest import lecture_group

RECT = Box.around((-3.3, 0.0), 7.4, 7.9)
ANGLES = [(0.0, -math.pi / 2), (1.1, -1.2), (math.radians(62), math.radians(-62)), (2.0, 0.7)]


@pytest.fixture(scope="module")
def c3():
    run = prepare(["C3"])[0]
    return run, LiftFilm(run.trajectory.final_params, run.trajectory.arch, run.X)


# --- the camera and the box ------------------------------------------------------------------

@pytest.mark.parametrize("phi, theta", ANGLES)
def test_orbit_projects_like_manims_three_d_camera(phi, theta):
    points = np.random.default_rng(0).normal(size=(50, 3)) * 2
    camera = ThreeDCamera(focal_distance=20.0)
    camera.set_phi(phi)
    camera.set_theta(theta)
    camera.reset_rotation_matrix()
    ours, _ = Orbit(phi, theta, 20.0).project(points)
    np.testing.assert_allclose(ours, camera.project_points(points)[:, :2], atol=1e-12)


def test_fitted_box_stays_in_view_at_every_azimuth_and_fills_the_window():
    rng = np.random.default_rng(1)
    for _ in range(20):
        box = Box3.around(rng.normal(size=3), rng.uniform(0.1, 10.0, size=3))
        phi = rng.uniform(0, math.pi)
        scale = fit_scale(box, 3.0, 2.5, phi, 20.0)
        corners = to_model(box.corners(), box, scale)
        reach = np.zeros(2)
        for theta in np.linspace(-math.pi, math.pi, 181):
            screen, _ = Orbit(phi, theta, 20.0).project(corners)
            reach = np.maximum(reach, np.abs(screen).max(axis=0))
        assert reach[0] <= 3.0 + 1e-9 and reach[1] <= 2.5 + 1e-9
        # Used, not only safe: some azimuth brings the box near one of the window's edges.
        assert max(reach[0] / 3.0, reach[1] / 2.5) > 0.8


def test_plane_polygon_lies_on_the_plane_inside_the_box():
    box = Box3((-1.0, -2.0, 0.0), (3.0, 1.0, 2.0))
    normal, offset = np.array([0.3, -1.0, 0.8]), -0.4
    polygon = plane_polygon(normal, offset, box)
    assert len(polygon) >= 3
    np.testing.assert_allclose(polygon @ normal + offset, 0.0, atol=1e-12)
    assert box.contains(polygon + 1e-12 * np.sign(box.center - polygon)).all()
    # Convex and in order: every turn has the same sign.
    edges = np.diff(np.vstack([polygon, polygon[:1]]), axis=0)
    turns = np.cross(edges, np.roll(edges, -1, axis=0)) @ normal
    assert np.all(turns > 0) or np.all(turns < 0)
    assert plane_polygon(normal, 100.0, box).shape == (0, 3)


def test_clipped_and_split_lines_keep_to_their_box_and_side():
    box = Box3((-1.0, -1.0, -1.0), (1.0, 1.0, 1.0))
    t = np.linspace(0, 4 * np.pi, 400)
    spiral = np.column_stack([1.3 * np.cos(t), 1.3 * np.sin(t), np.linspace(-2, 2, 400)])
    pieces = clip_polylines3([spiral], box)
    assert len(pieces) > 1
    for piece in pieces:
        assert box.contains(piece + 1e-12 * np.sign(-piece)).all()
    normal, offset = np.array([1.0, 1.0, 0.0]), 0.2
    negative, positive = split_by_plane(pieces, normal, offset)
    for side, lines in ((-1, negative), (1, positive)):
        for line in lines:
            assert np.all(side * (line @ normal + offset) >= -1e-12)


def test_edge_on_camera_sees_the_plane_as_a_line():
    normal, offset = np.array([-0.6, 0.5, 0.6]), 0.7
    box = Box3((-2.0, -2.0, -2.0), (2.0, 2.0, 2.0))
    camera = edge_on(normal, Orbit(1.1, -1.0, 20.0), offset)
    screen, _ = camera.project(plane_polygon(normal, offset, box))
    spread = np.linalg.svd(screen - screen.mean(axis=0), compute_uv=False)
    assert spread[1] < 1e-9 * spread[0]


# --- what is drawn is the network's own numbers ----------------------------------------------

def drawn(view: SpaceView, label: int) -> np.ndarray:
    """Every dot centre of one class, read back from the drawn clouds (all depths and sides)."""
    centres = [part.cloud.dot_centers()[:, :2] for part in view.dots if part.label == label]
    return np.concatenate(centres)


def assert_same_points(a: np.ndarray, b: np.ndarray) -> None:
    """Equal as sets of points (drawing sorts dots by depth, so order differs)."""
    assert a.shape == b.shape
    np.testing.assert_allclose(a[np.lexsort(a.T[::-1])], b[np.lexsort(b.T[::-1])], atol=1e-9)


def test_film_stage_ends_are_the_networks_values(c3):
    run, film = c3
    forward = forward_stages(run.trajectory.final_params, run.trajectory.arch, run.X)
    ends = {"linear": "linear", "bias": "affine", "activation": "activated"}
    for layer, stage in film.warp.stages():
        if stage == "softmax":
            want = forward.probabilities
        else:
            want = getattr(forward.layers[layer], ends[stage])
        got = film.points(run.X, layer, stage, 1.0)
        np.testing.assert_allclose(got[:, : want.shape[1]], want, atol=1e-9)
        np.testing.assert_allclose(got[:, want.shape[1]:], 0.0, atol=1e-12)


def test_drawn_dots_are_the_hidden_values_seen_from_above_and_from_the_front(c3):
    """Two parallel views read back x, y and x, z of every drawn dot: all three coordinates."""
    run, film = c3
    hidden = forward_stages(run.trajectory.final_params, run.trajectory.arch,
                            run.X).hidden_outputs[0]
    frame = film.frame(0, "activation", 1.0)
    view = SpaceView(RECT)
    for camera, axes in ((Orbit(0.0, -math.pi / 2, math.inf), [0, 1]),
                         (Orbit(math.pi / 2, -math.pi / 2, math.inf), [0, 2])):
        view.show_frame(frame, run.y, camera)
        framed = to_model(hidden, frame.box, view.data_scale) + [*RECT.center, 0.0]
        for label in (0, 1):
            assert_same_points(drawn(view, label), framed[run.y == label][:, axes])


def test_drawn_dots_follow_the_perspective_camera(c3):
    run, film = c3
    frame = film.frame(0, "activation", 1.0)
    view = SpaceView(RECT)
    camera = Orbit(math.radians(62), math.radians(-50), 20.0)
    view.show_frame(frame, run.y, camera)
    screen, _ = camera.project(to_model(frame.points, frame.box, view.data_scale))
    for label in (0, 1):
        assert_same_points(drawn(view, label), screen[run.y == label] + RECT.center)


def test_projection_ends_on_the_logits_and_the_plane_on_z1_equals_z2(c3):
    run, film = c3
    params, arch = run.trajectory.final_params, run.trajectory.arch
    logits = forward_stages(params, arch, run.X).logits
    frame = film.frame(1, "bias", 1.0)
    view = SpaceView(RECT)
    view.show_frame(frame, run.y, Orbit(0.0, -math.pi / 2, 20.0))
    framed = to_model(np.column_stack([logits, np.zeros(len(logits))]), frame.box,
                      view.data_scale)[:, :2] + RECT.center
    for label in (0, 1):
        assert_same_points(drawn(view, label), framed[run.y == label])
    normal, offset = frame.plane
    scale = normal[1]
    np.testing.assert_allclose(np.array([*normal, offset]) / scale, [-1, 1, 0, 0], atol=1e-9)


def test_the_boundary_curves_lie_on_the_plane_while_it_moves(c3):
    run, film = c3
    curve = np.concatenate(film.boundary)
    stages = [(0, "activation", 1.0)] + [(1, stage, s) for stage in ("linear", "bias")
                                         for s in (0.0, 0.3, 0.7, 1.0)]
    for position in stages:
        normal, offset = film.plane_at(*position)
        value = film.points(curve, *position) @ normal + offset
        assert np.abs(value).max() <= 1e-6 * np.linalg.norm(normal), position


# --- the wide layers and the lecture's claims ------------------------------------------------

@pytest.mark.parametrize("preset", ["E5", "E7"])
def test_the_3d_view_of_a_wide_layer_is_reproducible_and_holds_what_the_output_reads(preset):
    run = prepare([preset])[0]
    params, arch = run.trajectory.final_params, run.trajectory.arch
    view = Warp(params, arch, reference=run.X, wide_view=3).view(1)
    again = Warp([(W.copy(), b.copy()) for W, b in params], arch, reference=run.X.copy(),
                 wide_view=3).view(1)
    assert view.shape == (10, 3)
    np.testing.assert_array_equal(view, again)
    np.testing.assert_allclose(view.T @ view, np.eye(3), atol=1e-12)
    W_out = params[-1][0]
    assert np.linalg.norm(W_out - W_out @ view @ view.T) <= 1e-9 * np.linalg.norm(W_out)


def test_three_units_solve_the_donut_and_two_are_stuck():
    stuck, solved = prepare(["E6", "C3"])
    assert solved.trajectory.final_accuracy >= 0.99
    assert stuck.trajectory.final_accuracy <= 0.92


def test_islands_appear_early_in_the_runs_e5_and_e7_show():
    """Both split their boundary early in training (E5's run is picked for it: about half of
    E5's runs do, ``EARLY_ISLANDS``); E5's islands form during training, not at the start."""
    for preset in ("E7", "E5"):
        run = prepare([preset])[0]
        found = find_islands(run.trajectory, data_box(run.X))
        assert found is not None
        k, curves = found
        assert len(curves) >= 2 and run.trajectory.epochs[k] <= 50
    assert len(curves) == 3 and run.trajectory.epochs[k] >= 1


# --- the scenes render -----------------------------------------------------------------------

WIDE_SCENE = """
from nnanim.anim.lecture import LectureScene
from nnanim.anim.chapters.wide_layer import play_wide_layer
from nnanim.core.run import prepare


class WideLayer(LectureScene):
    def construct(self):
        play_wide_layer(self, prepare(["E7"])[0])
"""


def duration(video: Path) -> float:
    with av.open(str(video)) as container:
        return float(container.duration / av.time_base)


@pytest.mark.slow
@lecture_group("lift")
def test_lift_scene_renders_in_quick_mode(lecture_render):
    # About 80 s of lecture at the quick factor 0.08, plus at least one frame per animation.
    assert 4.0 <= duration(lecture_render("lift").video) <= 20.0


@pytest.mark.slow
def test_wide_layer_chapter_renders_in_a_lecture_scene(tmp_path, render_scene):
    scene_file = tmp_path / "wide_layer.py"
    scene_file.write_text(WIDE_SCENE)
    out = render_scene(scene_file, tmp_path / "media")
    assert 1.5 <= duration(out / "WideLayer.mp4") <= 10.0
