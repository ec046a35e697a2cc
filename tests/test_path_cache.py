"""Reused cairo paths draw exactly what manim would draw, and only where the points say."""

import numpy as np
from manim import Camera, Circle, Square, Star, Text, VGroup, tempconfig

from nnanim.anim.path_cache import PathCache
from nnanim.anim.raster import RasterCamera
from nnanim.palette import BACKGROUND


def shapes() -> VGroup:
    """Text (many glyphs with holes), a stroked and filled star, an open arc and a square."""
    words = Text("nnanim: p = 0.5 の境界", font_size=40).shift(1.5 * np.array([0, 1, 0]))
    star = Star(7, outer_radius=1.2).set_fill("#e07b39", 0.7).set_stroke("#1f3b57", 6)
    arc = Circle(radius=0.8).pointwise_become_partial(Circle(radius=0.8), 0.1, 0.7)
    return VGroup(words, star.shift([-3, -1, 0]), arc.shift([3, -1, 0]),
                  Square(1.0).set_fill("#5a9bd5", 1).shift([0, -2.2, 0]))


def frame(camera_class, mobjects) -> np.ndarray:
    camera = camera_class(background_color=BACKGROUND)
    camera.capture_mobjects(mobjects)
    return camera.pixel_array.copy()


def test_text_and_shapes_match_manims_own_drawing_pixel_for_pixel():
    with tempconfig({"pixel_width": 640, "pixel_height": 360}):
        drawn = shapes()
        manims = frame(Camera, [drawn])
        camera = RasterCamera(background_color=BACKGROUND)
        camera.capture_mobjects([drawn])  # every path built and remembered
        first = camera.pixel_array.copy()
        assert len(camera.paths) > 10
        camera.reset()
        camera.capture_mobjects([drawn])  # every path taken from the cache
        again = camera.pixel_array.copy()
    assert (first == manims).all()
    assert (again == manims).all()
    assert (manims[..., :3] != manims[0, 0, :3]).any(axis=-1).mean() > 0.02  # not blank


def test_a_moved_shape_is_drawn_where_it_is_now_not_where_it_was():
    with tempconfig({"pixel_width": 640, "pixel_height": 360}):
        camera = RasterCamera(background_color=BACKGROUND)
        square = Square(1.0).set_fill("#5a9bd5", 1)
        camera.capture_mobjects([square])
        square.shift([2, 0, 0])
        camera.reset()
        camera.capture_mobjects([square])
        moved = camera.pixel_array.copy()
        expected = frame(Camera, [square])
    assert (moved == expected).all()


def test_the_same_points_under_another_zoom_are_not_reused():
    """A path is kept in user coordinates: another frame size must build its own."""
    square = Square(1.0).set_fill("#5a9bd5", 1)
    shared, pictures = PathCache(), []
    for frame_width in (14.0, 7.0):
        with tempconfig({"pixel_width": 320, "pixel_height": 180,
                         "frame_width": frame_width, "frame_height": frame_width * 9 / 16}):
            camera = RasterCamera(background_color=BACKGROUND)
            camera.paths = shared
            camera.capture_mobjects([square])
            assert (camera.pixel_array == frame(Camera, [square])).all()
            pictures.append(camera.pixel_array.copy())
    assert len(shared) == 2
    assert (pictures[0] != pictures[1]).any()


def test_the_cache_forgets_the_least_recently_drawn_beyond_its_capacity():
    with tempconfig({"pixel_width": 160, "pixel_height": 90}):
        camera = RasterCamera(background_color=BACKGROUND)
        camera.paths = PathCache(capacity=3)
        squares = [Square(0.5).shift([x, 0, 0]) for x in (-2, -1, 0, 1, 2)]
        camera.capture_mobjects(squares)
        assert len(camera.paths) == 3
        camera.reset()
        camera.capture_mobjects(squares)
        assert (camera.pixel_array == frame(Camera, squares)).all()
