"""How long the geometry of one frame takes (target: under 5 ms for a warp frame).

Run: ``.venv/bin/python benchmarks/geometry_frame.py``

* warp frame: 400 data points, a grid of about 20 + 20 lines × 150 samples and the decision
  boundary pushed to a stage position (cycling through every stage of the network), plus
  that frame's view box, clipping to it and the mapping into the scene rectangle;
* training frame: for new weights, the input-space boundary (contour) and a 160 × 90
  probability raster over a 16:9 box (``decision_field``), as the training animation needs
  every frame;
* fine boundary: ``decision_boundary`` at 240 nodes across, drawn once per warp sequence;
* warp build: building the ``Warp`` (paths, views) once per set of weights.
"""

from __future__ import annotations

import itertools
import statistics
import time
from typing import Callable

import numpy as np

from nnanim.geometry import (
    Box,
    Warp,
    clip_polylines,
    decision_boundary,
    decision_field,
    grid_lines,
    to_scene,
)
from nnanim.core.model import Architecture, unflatten_params

SCENE_RECT = Box(-7.1, 7.1, -4.0, 4.0)
SCENE_BOX = Box(-6.2, 6.2, -3.5, 3.5)


def median_ms(run: Callable[[], object], repeats: int = 200) -> float:
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def spiral(n: int, rng: np.random.Generator) -> np.ndarray:
    t = rng.uniform(0.5, 3.0, n) * np.pi
    arm = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    r = t / np.pi
    points = np.stack([arm * r * np.cos(t), arm * r * np.sin(t)], axis=1)
    return points + rng.normal(0, 0.05, (n, 2))


def main() -> None:
    rng = np.random.default_rng(0)
    X = spiral(400, rng)
    box = Box(-3.5, 3.5, -3.5, 3.5)
    grid = grid_lines(box, step=0.35).lines
    for rows in ([(2, "tanh")], [(10, "tanh")]):
        arch = Architecture.from_table(rows)
        params = unflatten_params(rng.normal(0, 1.5, arch.n_params), arch)
        warp = Warp(params, arch, reference=X)
        boundary = decision_boundary(params, arch, box)
        positions = itertools.cycle([(layer, stage, 0.37) for layer, stage in warp.stages()])

        def warp_frame() -> None:
            position = next(positions)
            frame_box = warp.box(X, *position)
            points = to_scene(warp.display(X, *position), frame_box, SCENE_RECT)
            lines = warp.display(grid, *position)
            curves = warp.display_lines(boundary, *position)
            visible = clip_polylines(list(lines) + curves, frame_box)
            to_scene(np.concatenate(visible), frame_box, SCENE_RECT)
            assert len(points) == len(X)

        def training_frame() -> None:
            decision_field(params, arch, SCENE_BOX, (90, 160))

        def fine_boundary() -> None:
            decision_boundary(params, arch, SCENE_BOX, resolution=240)

        n_samples = grid.shape[0] * grid.shape[1]
        print(f"{arch.describe()}: {len(X)} points, grid {grid.shape[0]} lines × {grid.shape[1]} "
              f"({n_samples} samples), boundary {sum(map(len, boundary))} vertices")
        print(f"  warp frame      median {median_ms(warp_frame):6.2f} ms")
        print(f"  training frame  median {median_ms(training_frame):6.2f} ms")
        print(f"  fine boundary   median {median_ms(fine_boundary):6.2f} ms")
        build = median_ms(lambda: Warp(params, arch, reference=X))
        print(f"  warp build      median {build:6.2f} ms")


if __name__ == "__main__":
    main()
