"""Stamped dots look like cairo's filled circles: same place, same size, same colour, same clip."""

import math

import cairo
import numpy as np
import pytest
from manim import tempconfig

from nnanim.anim.dot_stamps import SUBPIXEL_STEPS, stamp_dots
from nnanim.anim.raster import RasterCamera
from nnanim.anim.shapes import DotCloud2D
from nnanim.palette import BACKGROUND


def canvas(width: int = 160, height: int = 120) -> tuple[np.ndarray, cairo.Context]:
    pixels = np.zeros((height, width, 4), np.uint8)
    surface = cairo.ImageSurface.create_for_data(pixels, cairo.FORMAT_ARGB32, width, height)
    ctx = cairo.Context(surface)
    ctx.set_source_rgba(1, 1, 1, 1)
    return pixels, ctx


def arcs(centers: np.ndarray, radius: float) -> np.ndarray:
    """The reference: one cairo path of arcs, filled."""
    pixels, ctx = canvas()
    for x, y in centers:
        ctx.new_sub_path()
        ctx.arc(x, y, radius, 0, 2 * math.pi)
    ctx.fill()
    return pixels[..., 3].astype(float)


def stamped(centers: np.ndarray, radius: float, opaque: bool = True) -> np.ndarray:
    pixels, ctx = canvas()
    stamp_dots(ctx, centers, radius, opaque)
    return pixels[..., 3].astype(float)


def ink_centre(alpha: np.ndarray) -> np.ndarray:
    rows, columns = np.indices(alpha.shape)
    total = alpha.sum()
    return np.array([(columns * alpha).sum(), (rows * alpha).sum()]) / total + 0.5


@pytest.mark.parametrize("radius", [1.5, 3.2, 6.0, 11.7])
def test_a_stamped_dot_sits_where_the_true_circle_is_and_has_its_area(radius):
    rng = np.random.default_rng(int(radius * 10))
    for x, y in rng.uniform(30, 90, (12, 2)):
        truth, stamp = arcs(np.array([[x, y]]), radius), stamped(np.array([[x, y]]), radius)
        # as far from cairo's own dot as half a quarter pixel, the same ink to 2 %
        offset = np.abs(ink_centre(stamp) - ink_centre(truth)).max()
        assert offset <= 1 / (2 * SUBPIXEL_STEPS) + 0.02
        assert stamp.sum() == pytest.approx(truth.sum(), rel=0.02)
        assert np.abs(stamp - truth).max() <= 255 / SUBPIXEL_STEPS + 8  # rim pixels only


def test_a_cloud_of_separate_dots_matches_the_filled_path():
    rng = np.random.default_rng(3)
    grid = np.stack(np.meshgrid(np.arange(12, 150, 14.0), np.arange(12, 110, 14.0)), -1)
    centers = grid.reshape(-1, 2) + rng.uniform(-2, 2, (grid.size // 2, 2))
    truth, stamp = arcs(centers, 4.0), stamped(centers, 4.0)
    assert (np.abs(stamp - truth) > 72).mean() == 0.0
    assert stamp.sum() == pytest.approx(truth.sum(), rel=0.01)


def test_a_translucent_cloud_shows_no_darker_overlap():
    centers = np.array([[60.0, 60.0], [64.0, 60.0]])  # two dots overlapping by half
    pixels, ctx = canvas()
    ctx.set_source_rgba(1, 1, 1, 0.5)
    stamp_dots(ctx, centers, 6.0, opaque=False)
    alpha = pixels[..., 3]
    assert alpha[60, 62] == alpha[60, 56] == alpha[60, 68]  # the overlap is as light as one dot
    assert abs(int(alpha[60, 62]) - 128) <= 1


def test_the_camera_stamps_a_cloud_in_its_colour_inside_its_window():
    with tempconfig({"pixel_width": 480, "pixel_height": 270}):
        camera = RasterCamera(background_color=BACKGROUND)
        cloud = DotCloud2D(np.array([[0.0, 0.0], [1.0, 0.5], [2.9, 0.0]]), radius=0.2,
                           color="#FF0000")
        window = DotCloud2D(np.zeros((0, 2)))
        window.points = np.array([[-1.0, -1.0, 0], [3.0, 1.0, 0]])  # a box ending at x = 3
        cloud.window = window
        camera.capture_mobjects([cloud])
        pixels = camera.pixel_array[..., :3].astype(int)
        for x, y in ([0.0, 0.0], [1.0, 0.5]):
            column, row = camera.points_to_pixel_coords(cloud, np.array([[x, y, 0.0]]))[0]
            assert pixels[row, column].tolist() == [255, 0, 0]
        edge = camera.points_to_pixel_coords(cloud, np.array([[3.0, 0.0, 0.0]]))[0][0]
        reds = (pixels[..., 0] > 200) & (pixels[..., 1] < 60)
        assert reds.any(axis=0)[edge - 3 : edge].all()  # the third dot is drawn up to the edge
        assert not reds[:, edge + 1 :].any()  # and cut there


def test_a_pile_of_dots_on_one_spot_keeps_the_soft_rim_of_one_dot():
    one = stamped(np.array([[60.3, 50.6]]), 4.0)
    pile = stamped(np.array([[60.3, 50.6]] * 40 + [[60.31, 50.62]] * 40), 4.0)
    assert np.array_equal(pile, one)
