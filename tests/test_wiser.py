"""The "wiser boundary" comparison: its measurements on known shapes, its verdicts, its scene."""

import math
from dataclasses import replace
from types import SimpleNamespace

import av
import numpy as np
import pytest

from nnanim.anim.chapters.wiser_panels import answer_lines, verdict_text
from nnanim.geometry.framing import Box
from nnanim.core.model import predict_proba
from nnanim.core.run import cartesian_data
from nnanim.studies.wiser_boundary import (
    MEASURE_SHAPE,
    VARIANTS,
    Comparison,
    Measurements,
    distance_to_curves,
    load_variant,
    mean_gap,
    midway_curves,
    plane_field,
    train_variant,
    verdict,
    view_box,
)

from conftest import lecture_group

EVERYWHERE = lambda points: np.ones(len(points), dtype=bool)


def test_distance_to_a_straight_boundary_is_the_perpendicular_distance():
    line = [np.array([[0.0, -5.0], [0.0, 5.0]])]
    points = np.array([[0.5, 0.0], [-1.0, 2.0], [2.0, -1.0], [0.0, 7.0]])
    np.testing.assert_allclose(distance_to_curves(points, line), [0.5, 1.0, 2.0, 2.0])
    assert np.all(np.isinf(distance_to_curves(points, [])))


def test_mean_gap_between_parallel_lines_is_their_distance():
    xs = np.linspace(-2.0, 2.0, 9)
    low = [np.column_stack([xs, np.zeros_like(xs)])]
    high = [np.column_stack([xs, np.full_like(xs, 0.3)])]
    assert mean_gap(low, high, EVERYWHERE) == pytest.approx(0.3)
    assert mean_gap(low, low, EVERYWHERE) == pytest.approx(0.0, abs=1e-12)
    assert mean_gap(low, [], EVERYWHERE) == math.inf


def test_midway_between_two_lines_is_the_line_between_them():
    xs = np.linspace(-3.0, 3.0, 601)
    arms = [np.column_stack([xs, np.full_like(xs, y)]) for y in (-1.0, 1.0)]
    curves = midway_curves(*arms, Box(-2.0, 2.0, -2.0, 2.0), shape=(101, 101))
    points = np.concatenate(curves)
    np.testing.assert_allclose(points[:, 1], 0.0, atol=1e-9)


def test_midway_between_spiral_arms_is_halfway_across_the_gap():
    """Arms r = g·φ and its 180° turn: halfway between them lies r = g·(φ + π/2 + kπ)."""
    g = 1.4 / math.pi
    phi = np.linspace(0.5 * math.pi, 4.5 * math.pi, 20000)
    arm = np.column_stack([g * phi * np.cos(phi), g * phi * np.sin(phi)])
    curves = midway_curves(arm, -arm, Box(-7.0, 7.0, -7.0, 7.0), shape=(281, 281))
    points = np.concatenate(curves)
    r, angle = np.hypot(points[:, 0], points[:, 1]), np.arctan2(points[:, 1], points[:, 0])
    between = (r > 2.5) & (r < 5.0)  # both neighbouring arms exist: away from the ends
    assert between.sum() > 100
    phase = (r[between] / g - angle[between] - math.pi / 2) % math.pi
    radial_error = g * np.minimum(phase, math.pi - phase)
    assert radial_error.max() < 0.05  # of a 1.4 gap between the arms


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.key for v in VARIANTS])
def test_measured_boundary_points_have_p_one_half(variant):
    """As exact as the lectures' boundaries (``test_boundary_points_have_p_one_half``).

    A polar network's decision may also jump where θ does (the negative x axis): that cut is
    drawn as boundary, but it is not where p = 0.5, so it is left out here.
    """
    params = load_variant(variant).final_params
    X, _ = cartesian_data(variant.experiment)
    boundary = np.concatenate(plane_field(variant, params, view_box(X), MEASURE_SHAPE).boundary)
    on_cut = variant.polar & (boundary[:, 0] < 0) & (np.abs(boundary[:, 1]) < 1e-4)
    points = boundary[~on_cut]
    assert len(points) > 100
    p = predict_proba(params, variant.arch, variant.inputs(points))
    assert np.abs(p - 0.5).max() < 1e-3


def measurements(gap: float, margin: float = 0.15, test: float = 1.0) -> Measurements:
    return Measurements(test_accuracy=test, margin_min=margin, margin_median=0.6,
                        midway_gap=gap, length=11.0)


def test_verdict_says_only_what_the_numbers_show():
    plain = measurements(0.26)
    assert verdict(measurements(0.25), plain).closeness == "no_better"
    assert verdict(measurements(0.28), plain).closeness == "no_better"
    assert verdict(measurements(0.19), plain).closeness == "closer"
    assert verdict(measurements(0.10), plain).closeness == "much_closer"
    assert verdict(measurements(0.40), plain).closeness == "further"
    near = verdict(measurements(0.14, margin=0.02), plain)
    assert near.near_point and not near.less_accurate
    assert verdict(measurements(0.26, test=0.95), plain).less_accurate


def test_the_words_on_screen_follow_the_verdict():
    lang = "en"
    plain = measurements(0.26)
    keys = ["plain", "decay", "wide", "noise", "polar"]
    gaps = [0.26, 0.25, 0.19, 0.10, 0.14]
    comparison = Comparison(
        yardstick=None, variants=tuple(SimpleNamespace(key=k) for k in keys), trajectories=(),
        measurements=tuple(measurements(g, margin=0.02 if k == "polar" else 0.15)
                           for k, g in zip(keys, gaps)),
    )
    said = comparison.verdicts()
    assert verdict_text(lang, said[1]) == "no better"
    assert verdict_text(lang, said[4]) == "closer to midway, but near a point"
    lines = answer_lines(lang, comparison)
    assert "jittered copies" in lines[0] and "0.10" in lines[0]
    assert lines[1] == "No better than the plain fit: weight decay."
    assert lines[2].startswith("So yes")
    nothing_helps = replace(comparison, measurements=tuple(plain for _ in keys))
    assert answer_lines(lang, nothing_helps)[-1].startswith("Not with these changes")


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.key for v in VARIANTS])
def test_each_variant_trains_deterministically(variant):
    exp = variant.experiment
    short = replace(variant, experiment=replace(exp, train=replace(exp.train, epochs=40)))
    first, second = train_variant(short), train_variant(short)
    assert np.array_equal(first.params, second.params)
    X, y = short.training_data()
    assert len(X) == len(y) == exp.data.n * (variant.jitter.copies if variant.jitter else 1)


@pytest.mark.slow
@lecture_group("wiser")
def test_scene_renders_in_quick_mode(lecture_render):
    with av.open(str(lecture_render("wiser").video)) as video:
        duration = float(video.duration / av.time_base)
        assert (video.streams.video[0].width, video.streams.video[0].height) == (854, 480)
    assert duration > 2.0
