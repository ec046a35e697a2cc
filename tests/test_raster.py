"""A heatmap panel paints its raster into exactly its box, scaled and blended like a picture."""

import numpy as np
import pytest
from manim import tempconfig

from nnanim.anim.raster import RasterCamera, RasterPanel
from nnanim.palette import BACKGROUND, hex_to_rgb

PAPER = np.round(255 * np.array(hex_to_rgb(BACKGROUND))).astype(int)


def painted(panel: RasterPanel) -> tuple[np.ndarray, RasterCamera]:
    with tempconfig({"pixel_width": 480, "pixel_height": 270}):
        camera = RasterCamera(background_color=BACKGROUND)
        camera.capture_mobjects([panel])
        return camera.pixel_array[..., :3].astype(int), camera


def two_colours(opacity: float = 1.0) -> np.ndarray:
    """A 2 × 2 raster: red on the left, blue on the right."""
    rgba = np.zeros((2, 2, 4))
    rgba[:, 0] = (1.0, 0.0, 0.0, opacity)
    rgba[:, 1] = (0.0, 0.0, 1.0, opacity)
    return rgba


def pixel_box(camera: RasterCamera, panel: RasterPanel) -> tuple[int, int, int, int]:
    corners = camera.points_to_subpixel_coords(panel, panel.points)
    (x0, y0), (x1, y1) = np.floor(corners.min(axis=0)), np.ceil(corners.max(axis=0))
    return int(x0), int(y0), int(x1), int(y1)


def test_an_opaque_raster_fills_its_box_and_nothing_else():
    panel = RasterPanel(4.0, 2.0, two_colours()).move_to([1.0, -0.5, 0])
    pixels, camera = painted(panel)
    x0, y0, x1, y1 = pixel_box(camera, panel)
    middle = (y0 + y1) // 2
    assert np.abs(pixels[middle, x0 + 2] - [255, 0, 0]).max() <= 1  # left edge: the left colour
    assert np.abs(pixels[middle, x1 - 3] - [0, 0, 255]).max() <= 1  # right edge: the right one
    halfway = pixels[middle, (x0 + x1) // 2]
    assert np.abs(halfway - [128, 0, 128]).max() <= 8  # bilinear in between
    outside = np.ones(pixels.shape[:2], bool)
    outside[y0:y1, x0:x1] = False
    assert (pixels[outside] == PAPER).all()


@pytest.mark.parametrize("opacity", [0.25, 0.5, 0.8])
def test_a_fading_raster_is_blended_over_what_is_under_it(opacity):
    panel = RasterPanel(4.0, 2.0, two_colours(opacity))
    pixels, camera = painted(panel)
    x0, y0, x1, y1 = pixel_box(camera, panel)
    left = pixels[(y0 + y1) // 2, x0 + 2]
    expected = (1 - opacity) * PAPER + opacity * np.array([255, 0, 0])
    assert np.abs(left - expected).max() <= 2


def test_a_shape_drawn_just_before_a_raster_keeps_its_colour():
    """The raster is clipped to its own box, not to that box and the last shape's path."""
    from manim import Square

    ink = Square(side_length=1.0, fill_color="#000000", fill_opacity=1.0, stroke_width=0)
    ink.move_to([-4.0, 2.0, 0])
    panel = RasterPanel(4.0, 2.0, two_colours()).move_to([1.0, -0.5, 0])
    with tempconfig({"pixel_width": 480, "pixel_height": 270}):
        camera = RasterCamera(background_color=BACKGROUND)
        camera.capture_mobjects([ink, panel])
        pixels = camera.pixel_array[..., :3].astype(int)
        (x, y), = camera.points_to_pixel_coords(ink, np.array([[-4.0, 2.0, 0.0]]))
    assert np.abs(pixels[y, x] - [0, 0, 0]).max() <= 1
