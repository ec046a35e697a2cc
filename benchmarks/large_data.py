"""What a large data set costs: training per epoch, and one frame of the training window, by N.

    PYTHONPATH=. python benchmarks/large_data.py            # every part
    PYTHONPATH=. python benchmarks/large_data.py frames     # one part: train, frames or picture

The data are two moons (scikit-learn's shape, noise 0.1) of up to 1,000,000 points.

* ``train``: seconds per epoch of full-batch training (``nnanim.core.train.train``, one thread) for
  two layer tables, after a warm-up; what ``nnanim.core.train.training_seconds`` estimates from.
* ``frames``: one frame of the training window at 1080p (``PlaneView`` with its heatmap,
  boundary and dots, painted by ``RasterCamera``) drawing n points, and the per-frame numbers
  the training chapter computes on every point (accuracy and loss at the frame's weights).
* ``picture``: what more of the million points add to the picture -- the share of the
  window's pixels painted as a dot, and the share of all points that lie in a place (a cell of
  a 64 × 64 grid over the window) where the sample draws a point of their class: once nearly
  every point's place is shown, more dots only fill the gaps between them and drawing every
  point stops helping; that, and the frame's cost, is where ``nnanim.core.subsample.DRAWN_POINTS``
  sits.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from nnanim.core.model import Architecture, accuracy, cross_entropy
from nnanim.palette import BACKGROUND, hex_to_rgb
from nnanim.core.subsample import drawn_points
from nnanim.core.train import TrainSpec, train

SIZES = (1_000, 10_000, 100_000, 1_000_000)
DRAWN = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000)
CELLS = 64
"""Grid cells per side of the window for ``shown_mass``: 17 px each at 1080p, 7.5 at 480p."""


def moons(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n0 = n // 2
    angle = rng.uniform(0.0, math.pi, n)
    upper = np.column_stack([np.cos(angle[:n0]), np.sin(angle[:n0])])
    lower = np.column_stack([1 - np.cos(angle[n0:]), 0.5 - np.sin(angle[n0:])])
    X = np.vstack([upper, lower]) - [0.5, 0.25] + rng.normal(scale=0.1, size=(n, 2))
    y = np.r_[np.zeros(n0, np.int64), np.ones(n - n0, np.int64)]
    order = rng.permutation(n)
    return X[order], y[order]


def part_train() -> None:
    X, y = moons(max(SIZES))
    print("| layers | N | seconds per epoch | ns per point and epoch |")
    print("|---|---|---|---|")
    for table in ([(2, "tanh")], [(10, "tanh")]):
        arch = Architecture.from_table(table)
        for n in SIZES:
            epochs = max(5, 2_000_000 // n)
            train(X[:n], y[:n], arch, TrainSpec(epochs=2), progress=False)  # warm-up
            start = time.perf_counter()
            train(X[:n], y[:n], arch, TrainSpec(epochs=epochs), progress=False)
            each = (time.perf_counter() - start) / epochs
            print(f"| {arch.describe()} | {n:,} | {each * 1e3:.2f} ms | {each / n * 1e9:.0f} |",
                  flush=True)


def _trained(X: np.ndarray, y: np.ndarray):
    arch = Architecture.from_table([(3, "tanh")])
    return train(X[:5000], y[:5000], arch, TrainSpec(epochs=300), progress=False).final_params, arch


def _window_pixels(view, camera) -> np.ndarray:
    corners = camera.points_to_pixel_coords(view, np.array([[view.rect.xmin, view.rect.ymax, 0],
                                                            [view.rect.xmax, view.rect.ymin, 0]]))
    (x0, y0), (x1, y1) = corners
    return camera.pixel_array[y0:y1, x0:x1, :3].astype(int)


def _frame(points: np.ndarray, labels: np.ndarray, params, arch, heatmap: bool = True):
    """One training-window frame of these points; its camera and the seconds it took."""
    from nnanim.anim.chapters.training import class_picture
    from nnanim.anim.layout import WINDOW, data_box
    from nnanim.anim.plane import PlaneView
    from nnanim.anim.raster import RasterCamera

    start = time.perf_counter()
    box = data_box(points)
    view = PlaneView(WINDOW, heatmap=heatmap)
    if heatmap:
        boundary, probabilities = class_picture(params, arch, box)
        view.show(box, points, labels, boundary=boundary, probabilities=probabilities)
    else:
        view.show(box, points, labels)
    camera = RasterCamera(background_color=BACKGROUND)
    camera.capture_mobject(view)
    return view, camera, time.perf_counter() - start


def part_frames() -> None:
    X, y = moons(max(DRAWN))
    params, arch = _trained(X, y)
    print("| points drawn | one 1080p frame | accuracy + loss on N points |")
    print("|---|---|---|")
    for n in DRAWN:
        keep = drawn_points(y, n)
        times = [_frame(X[keep], y[keep], params, arch)[2] for _ in range(2 if n < 10**5 else 1)]
        start = time.perf_counter()
        accuracy(params, arch, X[:n], y[:n])
        cross_entropy(params, arch, X[:n], y[:n])
        measured = time.perf_counter() - start
        print(f"| {n:,} | {min(times):.3f} s | {measured * 1e3:.1f} ms |", flush=True)


def shown_mass(X: np.ndarray, y: np.ndarray, keep: np.ndarray, cells: int = CELLS) -> float:
    """Share of all points that lie in a cell of the window's grid where the sample draws a
    point of the same class: how much of the data the picture shows the place of."""
    from nnanim.anim.layout import data_box

    box = data_box(X)
    col = np.clip(((X[:, 0] - box.xmin) / box.width * cells).astype(int), 0, cells - 1)
    row = np.clip(((X[:, 1] - box.ymin) / box.height * cells).astype(int), 0, cells - 1)
    cell = (y * cells + row) * cells + col
    return float(np.isin(cell, np.unique(cell[keep])).mean())


def part_picture() -> None:
    X, y = moons(max(DRAWN))
    paper = np.round(255 * np.array(hex_to_rgb(BACKGROUND))).astype(int)
    print(f"| points drawn | dot radius | window painted | points in a cell the picture shows "
          f"({CELLS}×{CELLS} cells) |")
    print("|---|---|---|---|")
    for n in DRAWN:
        keep = drawn_points(y, n)
        view, camera, _ = _frame(X[keep], y[keep], None, None, heatmap=False)
        view.remove(view.border)
        camera = type(camera)(background_color=BACKGROUND)
        camera.capture_mobject(view)
        painted = np.mean(np.any(np.abs(_window_pixels(view, camera) - paper) > 8, axis=-1))
        print(f"| {n:,} | {view.dots[0].dot_radius:.3f} | {100 * painted:.1f} % "
              f"| {100 * shown_mass(X, y, keep):.2f} % |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["train", "frames", "picture"],
                        choices=("train", "frames", "picture"))
    for part in parser.parse_args().parts:
        {"train": part_train, "frames": part_frames, "picture": part_picture}[part]()


if __name__ == "__main__":
    main()
