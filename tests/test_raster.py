"""A heatmap panel paints its raster into exactly its box, scaled and blended like a picture."""

import numpy as np
import pytest
from manim import Group, Rectangle, Scene, Square, linear, tempconfig

from nnanim.anim.chapters.wiser_panels import CELL_CENTERS, FIELD_SHAPE, cell_rect, midway_view
from nnanim.anim.motion import Appear, Vanish
from nnanim.anim.raster import RasterCamera, RasterPanel
from nnanim.geometry.framing import Box
from nnanim.palette import BACKGROUND, CLASS_COLORS, INK, hex_to_rgb
from nnanim.studies.wiser_boundary import VARIANTS, Yardstick


def to_rgb255(color: str) -> np.ndarray:
    return np.round(255 * np.array(hex_to_rgb(color))).astype(int)


PAPER = to_rgb255(BACKGROUND)


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


# -- panels among other shapes -----------------------------------------------------------------
# manim fills and strokes with cairo's *_preserve calls, so the shape drawn last leaves its path
# in the camera's shared cairo context. A panel painted through that context must not take it
# into its clip: the panel's padded raster would cover that shape (and whatever it encloses),
# or, after the border of its own box drawn the other way round, not be painted at all.

def capture(mobjects, width: int = 480, height: int = 270) -> np.ndarray:
    with tempconfig({"pixel_width": width, "pixel_height": height}):
        camera = RasterCamera(background_color=BACKGROUND)
        camera.capture_mobjects(mobjects)
        return camera.pixel_array[..., :3].astype(int)


def test_a_shape_drawn_just_before_a_panel_keeps_its_own_pixels():
    outline = Square(2.0, stroke_color=INK, stroke_width=2).move_to([-3, 0, 0])
    panel = RasterPanel(2.0, 2.0, two_colours()).move_to([3, 0, 0])
    together = capture([outline, panel])
    alone = capture([outline])
    left_half = np.s_[:, : together.shape[1] // 2]
    assert (together[left_half] == alone[left_half]).all()  # its inside is still paper


def test_a_panel_after_the_border_of_its_own_box_is_still_painted():
    panel = RasterPanel(4.0, 2.0, two_colours())
    border = Rectangle(width=4.0, height=2.0, stroke_color=INK, stroke_width=1.5)
    _, camera = painted(panel)
    x0, y0, x1, y1 = pixel_box(camera, panel)
    pixels = capture([border, panel])
    assert np.abs(pixels[(y0 + y1) // 2, x0 + 3] - [255, 0, 0]).max() <= 1


VERDICT_SIZE = (1280, 720)
"""The gallery's frames are 720p."""


def tilted_field(box: Box, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """P(class 1) rising across ``box`` along ``angle`` (a raster, first row at the top) and
    its p = 0.5 line: a picture whose colour changes along both axes of the window."""
    rows, columns = FIELD_SHAPE
    xs = np.linspace(box.xmin, box.xmax, columns)
    ys = np.linspace(box.ymax, box.ymin, rows)
    direction = np.array([np.cos(angle), np.sin(angle)])
    center = np.array(box.center)
    along = ((xs[None, :] - center[0]) * direction[0] + (ys[:, None] - center[1]) * direction[1])
    p = 1.0 / (1.0 + np.exp(-3.0 * along / box.width))
    normal = np.array([-direction[1], direction[0]])
    line = center + np.outer(np.linspace(-box.width, box.width, 200), normal)
    return p, line[box.contains(line)]


def verdict_windows() -> tuple[list, list[np.ndarray]]:
    """The verdict chapter's six windows (``wiser``), on the real data and midway line: the
    first without a heatmap, the five others each with its own field and boundary."""
    yardstick = Yardstick.for_data(VARIANTS[0].experiment.data)
    views, lines = [midway_view(cell_rect(0), yardstick)], [np.zeros((0, 2))]
    for index in range(1, len(CELL_CENTERS)):
        view = midway_view(cell_rect(index), yardstick, heatmap=True)
        p, line = tilted_field(yardstick.box, 0.4 + 1.1 * index)
        views.append(view.show(yardstick.box, boundary=[line], probabilities=p))
        lines.append(line)
    return views, lines


def expected_raster(rgba: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    """The raster scaled bilinearly onto the pixel box (pixel centres, edges padded)."""
    rows, columns = rgba.shape[:2]
    u = np.clip((np.arange(x1 - x0) + 0.5) * columns / (x1 - x0) - 0.5, 0, columns - 1)
    v = np.clip((np.arange(y1 - y0) + 0.5) * rows / (y1 - y0) - 0.5, 0, rows - 1)
    iu, iv = np.minimum(u.astype(int), columns - 2), np.minimum(v.astype(int), rows - 2)
    fu, fv = (u - iu)[None, :, None], (v - iv)[:, None, None]
    rgb = rgba[..., :3]
    top = (1 - fu) * rgb[iv][:, iu] + fu * rgb[iv][:, iu + 1]
    bottom = (1 - fu) * rgb[iv + 1][:, iu] + fu * rgb[iv + 1][:, iu + 1]
    return 255 * ((1 - fv) * top + fv * bottom)


def test_every_verdict_window_shows_its_own_raster_points_and_boundary():
    views, lines = verdict_windows()
    with tempconfig({"pixel_width": VERDICT_SIZE[0], "pixel_height": VERDICT_SIZE[1]}):
        camera = RasterCamera(background_color=BACKGROUND)
        camera.capture_mobjects(views)
        frame = camera.pixel_array[..., :3].astype(int)

        def to_pixels(points: np.ndarray) -> np.ndarray:
            return camera.points_to_pixel_coords(views[0], points[:, :3])

        for view, line in zip(views, lines):
            x0, y0, x1, y1 = pixel_box(camera, view.heatmap)
            window = np.s_[y0 - 3 : y1 + 3, x0 - 3 : x1 + 3]
            # The window among the others has the pixels it has when drawn alone ...
            alone = capture([view], *VERDICT_SIZE)
            assert (frame[window] == alone[window]).all()
            # ... both classes' dots are there (a dot of the other class may cover a few) ...
            for cloud, color in zip(view.dots[:2], CLASS_COLORS):
                centers = to_pixels(cloud.dot_centers())
                drawn = np.abs(frame[centers[:, 1], centers[:, 0]] - to_rgb255(color)).max(axis=1)
                assert len(centers) > 50 and np.mean(drawn <= 24) > 0.6
            if view.heatmap not in view.submobjects:
                continue
            # ... so is its boundary, in ink where the dots and the dashes leave it uncovered ...
            on_line = to_pixels(view.scene_points(line[2:-2]))
            assert np.mean(frame[on_line[:, 1], on_line[:, 0]].max(axis=1) < 120) > 0.3
            # ... and wherever nothing is drawn over it, its raster's own colours.
            view.remove(view.heatmap)
            uncovered = (capture([view], *VERDICT_SIZE) == PAPER).all(axis=-1)[y0:y1, x0:x1]
            painted_here = frame[y0:y1, x0:x1][uncovered]
            wanted = expected_raster(view.heatmap.rgba, x0, y0, x1, y1)[uncovered]
            assert uncovered.mean() > 0.5
            assert np.abs(painted_here - wanted).max() <= 3


@pytest.mark.parametrize("fade, progress", [(Appear, 0.0), (Appear, 0.5), (Appear, 1.0),
                                            (Vanish, 0.5), (Vanish, 1.0)])
def test_a_heatmap_fades_with_its_window(fade, progress):
    """``Appear``/``Vanish`` of a window fade its heatmap too: no heatmap popping in or out."""
    panel = RasterPanel(4.0, 2.0, two_colours())
    window = Group(panel, Rectangle(width=4.0, height=2.0, stroke_color=INK))
    animation = fade(window, rate_func=linear)
    animation.begin()
    animation.interpolate(progress)
    shown = progress if fade is Appear else 1.0 - progress
    pixels, camera = painted(panel)
    x0, y0, x1, y1 = pixel_box(camera, panel)
    expected = (1 - shown) * PAPER + shown * np.array([255, 0, 0])
    assert np.abs(pixels[(y0 + y1) // 2, x0 + 3] - expected).max() <= 2


def test_a_vanished_heatmap_is_whole_again_when_shown_later():
    panel = RasterPanel(4.0, 2.0, two_colours())
    animation = Vanish(Group(panel))
    animation.begin()
    animation.interpolate(1.0)
    animation.clean_up_from_scene(Scene())
    pixels, camera = painted(panel)
    x0, y0, x1, y1 = pixel_box(camera, panel)
    assert np.abs(pixels[(y0 + y1) // 2, x0 + 3] - [255, 0, 0]).max() <= 1
