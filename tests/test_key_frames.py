"""Key frames of the lectures, compared pixel by pixel with control frames made on Debian 12.

A change that alters the picture (colours, framing, geometry, a layout shift) fails here. After
an intended change, regenerate with ``pytest tests/test_key_frames.py --set_test`` and look at
the new frames before committing them.
"""

import numpy as np
from manim.utils.testing.frames_comparison import frames_comparison

from nnanim.anim.chapters.collapse import LEFT_WINDOW, RIGHT_WINDOW, SINGLE_LAYER, combined_layer
from nnanim.anim.chapters.training import FIELD_SHAPE
from nnanim.anim.films import NetworkFilm
from nnanim.anim.layout import SPACE_WINDOW, WINDOW, data_box
from nnanim.anim.lecture import LectureScene
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.anim.softmax_overlay import SoftmaxOverlay
from nnanim.anim.space3d import SpaceView
from nnanim.anim.triangle_film import SQUARE_ON, TriangleFilm, TriangleOverlay
from nnanim.geometry.boundary import decision_field
from nnanim.core.run import prepare

__module_test__ = "lectures"


def warp_view(run, layer, stage, s, params=None, arch=None, rect=WINDOW):
    params = run.trajectory.final_params if params is None else params
    arch = run.experiment.arch if arch is None else arch
    film = NetworkFilm(params, arch, run.X, aspect=rect.aspect)
    view = PlaneView(rect)
    frame = film.frame(layer, stage, s)
    view.show_frame(frame, run.y)
    return view, frame


@frames_comparison(base_scene=LectureScene)
def test_training_heatmap_and_boundary_mid_training(scene):
    run = prepare(["E3"])[0]
    box = data_box(run.X)
    field = decision_field(run.trajectory.params_at(0.3), run.experiment.arch, box, FIELD_SHAPE)
    view = PlaneView(WINDOW, heatmap=True)
    view.show(box, run.X, run.y, boundary=field.boundary, probabilities=field.probability)
    scene.add(view)


@frames_comparison(base_scene=LectureScene)
def test_tanh_stage_half_way(scene):
    view, _ = warp_view(prepare(["E3"])[0], 0, "activation", 0.5)
    scene.add(view)


@frames_comparison(base_scene=LectureScene)
def test_softmax_picture(scene):
    run = prepare(["E3"])[0]
    view, frame = warp_view(run, run.experiment.arch.n_layers - 1, "softmax", 1.0)
    overlay = SoftmaxOverlay(view)
    view.underlay.add(overlay)
    overlay.show(frame.box, line_opacity=1.0)
    scene.add(view)


@frames_comparison(base_scene=LectureScene)
def test_wide_layer_seen_through_its_view(scene):
    view, _ = warp_view(prepare(["E5"])[0], 0, "activation", 1.0)
    scene.add(view)


@frames_comparison(base_scene=LectureScene)
def test_two_linear_layers_end_where_one_does(scene):
    run = prepare(["E1"])[0]
    params, arch = run.trajectory.final_params, run.experiment.arch
    left, _ = warp_view(run, 1, "bias", 1.0, rect=LEFT_WINDOW)
    right, _ = warp_view(run, 0, "bias", 1.0, params=combined_layer(params, arch),
                         arch=SINGLE_LAYER, rect=RIGHT_WINDOW)
    # Same logits, same box: the two windows must be pixel-identical side by side.
    assert np.allclose(left.dots[0].dot_centers()[:, 1], right.dots[0].dot_centers()[:, 1])
    scene.add(left, right)


@frames_comparison(base_scene=LectureScene)
def test_triangle_seen_square_on(scene):
    run = prepare(["K2"])[0]
    film = TriangleFilm(run.trajectory.final_params, run.experiment.arch, run.X)
    player = StagePlayer(film, SpaceView(SPACE_WINDOW, camera=SQUARE_ON), run.y,
                         start=(film.last, "softmax", 1.0), overlay=TriangleOverlay)
    player.view.name_axes(("y_1", "y_2", "y_3"))
    scene.add(player.view)
