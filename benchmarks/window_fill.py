"""How much of its window a 3-D view uses, stage by stage, for E5, E7 (10-D layer) and C3.

    PYTHONPATH=. python benchmarks/window_fill.py

Fill = the larger side of the bounding box of everything drawn (dots with their radius, axes,
grid, plane, boundary; not the axis names) over the window's shorter side, for every stage at
s = 0, ½, 1, from each camera the chapters use. Prints the lowest and the median per camera.
"""

import math

import numpy as np

from nnanim.anim.films import LiftFilm
from nnanim.anim.layout import SPACE_WINDOW
from nnanim.anim.shapes import DotCloud2D
from nnanim.anim.space3d import FROM_ABOVE, OBLIQUE, SpaceView, turned
from nnanim.geometry.space3d import Orbit
from nnanim.core.run import prepare

CAMERAS = {
    "from above": FROM_ABOVE,
    "oblique": OBLIQUE,
    "oblique +50°": turned(OBLIQUE, 50),
    "low": Orbit(math.radians(85), math.radians(-30), OBLIQUE.focal_distance),
}


def fill(view: SpaceView) -> float:
    names = {id(part) for part in view.axis_labels.family_members_with_points()}
    lows, highs = [], []
    for part in view.family_members_with_points():
        if id(part) in names:
            continue
        if isinstance(part, DotCloud2D):
            centers = part.dot_centers()[:, :2]
            if len(centers):
                lows.append(centers.min(axis=0) - part.drawn_radius())
                highs.append(centers.max(axis=0) + part.drawn_radius())
        else:
            lows.append(part.points[:, :2].min(axis=0))
            highs.append(part.points[:, :2].max(axis=0))
    extent = np.max(highs, axis=0) - np.min(lows, axis=0)
    return float(extent.max() / min(view.rect.width, view.rect.height))


def main() -> None:
    for name in ("E5", "E7", "C3"):
        run = prepare([name])[0]
        film = LiftFilm(run.trajectory.final_params, run.trajectory.arch, run.X)
        view = SpaceView(SPACE_WINDOW)
        fills = {key: [] for key in CAMERAS}
        for layer, stage in film.warp.stages():
            for s in (0.0, 0.5, 1.0):
                for key, camera in CAMERAS.items():
                    view.show_frame(film.frame(layer, stage, s), run.y, camera)
                    fills[key].append(fill(view))
        print(name, "  ".join(f"{key} {min(v):.2f}/{np.median(v):.2f}" for key, v in fills.items()))


if __name__ == "__main__":
    main()
