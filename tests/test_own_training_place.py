"""A teacher's training picture (``nnanim.show_training``) drawn where and as large as asked.

Read back from the frame the viewer sees at the training's last beat: the window's border is
at the asked place, nothing is drawn outside the picture's box, its parts do not overlap, and
inside the moved window the boundary is where the teacher's module gives p = 0.5 and the
heatmap has the colour of the module's own probability under every pixel.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
import torch
from manim import Group, Text, VGroup, tempconfig
from scipy.spatial import cKDTree

import nnanim
from nnanim.anim.lecture import LectureScene
from nnanim.anim.own import CARD_MARGIN, SMALLEST_TRAINING, TRAINING_ASPECT
from nnanim.anim.plane import PlaneView
from nnanim.anim.raster import probability_colors
from nnanim.core.torch_bridge import network_from_torch
from nnanim.errors import NnanimError
from nnanim.geometry.framing import Box
from nnanim.palette import BACKGROUND, DARK_BACKGROUND, hex_to_rgb
from nnanim.settings import LANG_ENV

from test_own_network import LABELS, POINTS, checkpoints_of, network
from tie_truth import distances_to_lines, true_ties

WIDTH, HEIGHT = 1920, 1080
FRAME_W, FRAME_H = 14.0 + 2 / 9, 8.0
PX = HEIGHT / FRAME_H
"""Pixels per scene unit."""


def rgb255(color: str) -> np.ndarray:
    return np.round(255 * np.array(hex_to_rgb(color))).astype(int)


def to_pixels(points: np.ndarray) -> np.ndarray:
    """Scene points ``(N, ≥2)`` to frame pixel coordinates ``(column, row)``, as floats."""
    p = np.asarray(points, dtype=np.float64)[:, :2]
    return np.column_stack([(p[:, 0] + FRAME_W / 2) * PX, (FRAME_H / 2 - p[:, 1]) * PX])


def drawn_box(mobject) -> Box:
    """The box of a mobject's drawn points, scene units."""
    (x0, y0, _), (x1, y1, _) = mobject.get_corner([-1, -1, 0]), mobject.get_corner([1, 1, 0])
    return Box(x0, x1, y0, y1)


def inside(box: Box, within: Box, slack: float = 1e-6) -> bool:
    return (box.xmin >= within.xmin - slack and box.xmax <= within.xmax + slack
            and box.ymin >= within.ymin - slack and box.ymax <= within.ymax + slack)


def apart(a: Box, b: Box) -> float:
    """The gap between two boxes (0 if they touch or overlap)."""
    return float(np.hypot(max(a.xmin - b.xmax, b.xmin - a.xmax, 0.0),
                          max(a.ymin - b.ymax, b.ymin - a.ymax, 0.0)))


class Beat:
    """What the viewer sees at the training's beat: the frame and what is on screen."""

    frame: np.ndarray
    on_screen: list
    training: list


def render_training(center, size, dark: bool, net, saved) -> Beat:
    seen = Beat()

    class Placed(LectureScene):
        def construct(self):
            nnanim.show_training(self, net, POINTS, LABELS, saved, center=center, size=size)

        def beat(self):
            self.renderer.update_frame(self, ignore_skipping=True)
            seen.frame = self.renderer.get_frame()[..., :3].astype(int)
            seen.on_screen = [part for m in self.mobjects for part in m.get_family()]
            # play_training's still words (chart frame, the numbers' words) and moving parts.
            seen.training = [m for m in self.mobjects if type(m) in (VGroup, Group)][-2:]
            super().beat()

    Placed.dark = dark
    with tempconfig({"dry_run": True, "progress_bar": "none", "pixel_width": WIDTH,
                     "pixel_height": HEIGHT}):
        Placed(skip_animations=True).render()
    return seen


@pytest.fixture(scope="module")
def trained():
    net = network((3,), "Tanh", 2, seed=1)
    return net, checkpoints_of(net, [0, 2, 10, 60])


PLACES = [
    pytest.param((3.3, 2.1), SMALLEST_TRAINING, False, "en", id="smallest-top-right"),
    pytest.param((0.0, 0.1), 7.2, False, "en", id="largest-middle"),
    pytest.param((-2.0, -1.3), 5.0, True, "en", id="dark-bottom-left"),
    pytest.param((-2.6, 1.2), 4.5, False, "ja", id="japanese-top-left"),
]


@pytest.mark.parametrize("center, size, dark, lang", PLACES)
def test_the_training_picture_is_drawn_where_asked_with_its_boundary_where_p_is_half(
        center, size, dark, lang, trained, monkeypatch):
    monkeypatch.setenv(LANG_ENV, lang)
    net, saved = trained
    seen = render_training(center, size, dark, net, saved)
    frame, on_screen = seen.frame, seen.on_screen
    width = TRAINING_ASPECT * size
    picture = Box.around(center, width, size)
    window = Box(picture.xmin, picture.xmin + size, picture.ymin, picture.ymax)

    # The window is the left square of the picture: its border is drawn there in ink.
    [view] = [m for m in on_screen if isinstance(m, PlaneView)]
    assert np.allclose([view.rect.xmin, view.rect.xmax, view.rect.ymin, view.rect.ymax],
                       [window.xmin, window.xmax, window.ymin, window.ymax], atol=1e-9)
    (c0, r0), (c1, r1) = to_pixels(np.array([[window.xmin, window.ymax],
                                             [window.xmax, window.ymin]]))
    rows, columns = slice(int(r0) + 6, int(r1) - 6), slice(int(c0) + 6, int(c1) - 6)
    for side, at, strip in (("left", c0, lambda k: frame[rows, k]),
                            ("right", c1, lambda k: frame[rows, k]),
                            ("top", r0, lambda k: frame[k, columns]),
                            ("bottom", r1, lambda k: frame[k, columns])):
        # Pixel k spans [k, k + 1): the border's middle line is the darkest, on the edge.
        near = np.arange(round(at) - 5, round(at) + 5)
        darkness = np.array([strip(k).max(axis=1).mean() for k in near])
        darkest = near[np.argmin(darkness)] + 0.5
        assert abs(darkest - at) <= 1.0, f"{side} border at pixel {darkest}, asked {at:.1f}"
        assert darkness.min() < darkness.max() - 50, f"no border on the {side}"

    # Every part lies in the picture's box, which lies in the frame; no two overlap: the
    # window, the chart, the epoch and the accuracy, and no two of the chart's words.
    assert inside(picture, Box.around((0, 0), FRAME_W, FRAME_H))
    (chart, epoch_words, accuracy_words), (_, curves, epoch, accuracy) = seen.training
    parts = {"window": view, "chart": Group(chart, curves),
             "epoch": Group(epoch_words, epoch), "accuracy": Group(accuracy_words, accuracy)}
    boxes = {name: drawn_box(part) for name, part in parts.items()}
    boxes.update({f"word {word.text!r}": drawn_box(word)
                  for word in chart.get_family() if isinstance(word, Text)})
    for name, box in boxes.items():
        assert inside(box, picture, slack=1 / PX), f"{name} {box} leaves the picture {picture}"
    for a, b in combinations(boxes, 2):
        if "chart" in (a, b) and "word" in a + b:
            continue  # the chart's own words are in its box
        # A clear gap round the window and the chart; lines of words a pixel apart at least.
        least = 0.05 * size if {a, b} & {"window", "chart"} else 1 / PX
        assert apart(boxes[a], boxes[b]) > least, f"{a} and {b} overlap"

    # Outside the picture (and its card on a dark scene) the frame is the bare background
    # (the window's border is as wide as 3 pixels, drawn on its edge).
    margin = CARD_MARGIN if dark else 0.0
    card = Box.around(center, width + 2 * margin, size + 2 * margin)
    (k0, q0), (k1, q1) = to_pixels(np.array([[card.xmin, card.ymax], [card.xmax, card.ymin]]))
    outside = np.ones(frame.shape[:2], bool)
    outside[max(int(q0) - 3, 0):int(q1) + 4, max(int(k0) - 3, 0):int(k1) + 4] = False
    background = rgb255(DARK_BACKGROUND if dark else BACKGROUND)
    assert (frame[outside] == background).all()

    # The drawn boundary is where the module gives p = 0.5, to a pixel ...
    arch, params = network_from_torch(net)
    scale = min(view.rect.width / view.box.width, view.rect.height / view.box.height)

    def to_data(scene_points: np.ndarray) -> np.ndarray:
        return (scene_points[:, :2] - view.rect.center) / scale + view.box.center

    def to_scene(data_points: np.ndarray) -> np.ndarray:
        return (data_points - view.box.center) * scale + view.rect.center

    truth = true_ties(params, arch, view.box, nodes=800).pieces
    drawn = [to_data(line) for line in view.boundary.drawn_lines()]
    assert drawn, "no boundary drawn"
    px = scale * PX  # pixels per data unit
    error = distances_to_lines(np.concatenate(drawn), truth, 0.2 / px).max() * px
    assert error <= 1.0, f"a drawn boundary point {error:.2f} px from p = 0.5"
    # ... and the frame shows it in ink there (dots may cover some of it).
    true_line = np.concatenate(truth)
    true_line = true_line[view.box.padded(-0.03).contains(true_line)]
    on_line = to_pixels(to_scene(true_line)).astype(int)
    assert len(on_line) > 20
    assert np.mean(frame[on_line[:, 1], on_line[:, 0]].max(axis=1) < 110) > 0.7

    # The heatmap under every pixel is the module's own probability there, away from the
    # boundary, the dots and the border.
    rows, columns = np.mgrid[int(r0) + 4:int(r1) - 4, int(c0) + 4:int(c1) - 4]
    rows, columns = rows.ravel(), columns.ravel()
    scene_xy = np.column_stack([(columns + 0.5) / PX - FRAME_W / 2,
                                FRAME_H / 2 - (rows + 0.5) / PX])
    with torch.no_grad():
        p = torch.softmax(net(torch.tensor(to_data(scene_xy))), dim=1)[:, 1].numpy()
    dots = np.concatenate([cloud.dot_centers()[:, :2] for cloud in view.dots])
    reach = max(cloud.dot_radius for cloud in view.dots) + 3 / PX
    clear = (np.abs(p - 0.5) > 0.1) & (cKDTree(dots).query(scene_xy)[0] > reach)
    assert clear.mean() > 0.3
    wanted = 255 * probability_colors(p[clear][None, :])[0, :, :3]
    painted = frame[rows[clear], columns[clear]]
    assert np.percentile(np.abs(painted - wanted).max(axis=1), 99) <= 4  # levels of 255

def test_the_training_picture_is_refused_off_the_frame_or_too_small_to_read(trained):
    class Stage(LectureScene):
        pass

    net, saved = trained
    for kwargs, message in (
            ({"center": (4.0, 0.0), "size": 5.0},
             r"center, size: the training picture \(9\.75 × 5\.00 at size 5\) around \(4, 0\) "
             r"leaves the frame \(14\.22 × 8\.00, centred on 0\) by 1\.76; make size smaller"),
            ({"size": 8.0}, r"leaves the frame"),
            ({"size": 2.0}, r"size: 2 is too small to read the training picture; use size >= 3\.5"),
            ({"center": "middle"}, r"center: 'middle' is not a point \(x, y\) in scene units"),
            ({"size": float("nan")}, r"size: nan is not finite")):
        with pytest.raises(NnanimError, match=message) as caught:
            nnanim.show_training(Stage(), net, POINTS, LABELS, saved, **kwargs)
        assert "\n" not in str(caught.value)
