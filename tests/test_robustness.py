"""Faults a lecture the night before class must survive: extreme weights, killed writers."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from nnanim.anim.films import NetworkFilm
from nnanim.anim.layout import WINDOW
from nnanim.anim.plane import PlaneView
from nnanim.core.data import swiss_roll
from nnanim.core.model import Architecture
from nnanim.core.trajectory import CorruptTrajectoryError, Trajectory


@pytest.mark.parametrize("scale", [1.0, 30.0, 1e3])
def test_extreme_weights_still_give_a_framed_finite_picture(scale):
    """Saturated tanh and weights of 1e3: every frame finite, the data in the window."""
    rng = np.random.default_rng(7)
    arch = Architecture.from_table([(2, "tanh"), (3, "tanh")])
    params = [(scale * rng.normal(size=w), scale * rng.normal(size=b)) for w, b in arch.shapes()]
    X, y = swiss_roll(n=200, seed=2)
    film = NetworkFilm(params, arch, X.astype(np.float64))
    view = PlaneView(WINDOW)
    lo, hi = np.array([WINDOW.xmin, WINDOW.ymin]), np.array([WINDOW.xmax, WINDOW.ymax])
    for layer, stage in film.warp.stages():
        for s in (0.0, 0.37, 1.0):
            frame = film.frame(layer, stage, s)
            view.show_frame(frame, y)
            drawn = np.vstack([cloud.dot_centers()[:, :2] for cloud in view.dots])
            assert np.all(np.isfinite(drawn))
            assert len(drawn) >= 0.98 * len(X)
            assert np.all((drawn >= lo - 1e-9) & (drawn <= hi + 1e-9))
            for part in (view.grid, view.final_boundary):
                assert np.all(np.isfinite(part.points))
                if len(part.points):
                    assert np.all((part.points[:, :2] >= lo - 1e-6) & (part.points[:, :2] <= hi + 1e-6))


WRITER = """
import sys
import numpy as np
from nnanim.core.model import Architecture
from nnanim.core.trajectory import Trajectory
arch = Architecture.from_table([(64, "tanh")] * 4)
k = 200
trajectory = Trajectory(arch=arch, epochs=np.arange(k), params=np.random.default_rng(0).normal(size=(k, arch.n_params)),
                        loss=np.ones(k), accuracy=np.ones(k))
print("ready", flush=True)
while True:
    trajectory.save(sys.argv[1])
"""


def test_a_writer_killed_mid_write_never_leaves_a_corrupt_file(tmp_path):
    target = tmp_path / "run.npz"
    for attempt in range(5):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(0.05 + 0.07 * attempt)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        if target.exists():
            try:
                Trajectory.load(target)
            except CorruptTrajectoryError as err:
                pytest.fail(f"killed writer left a corrupt file: {err}")
