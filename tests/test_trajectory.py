"""Trajectories: exact through checkpoints, smooth between, paced by the decision, safe files."""

import numpy as np
import pytest

from nnanim.core.data import swiss_roll
from nnanim.errors import NnanimError
from nnanim.core.model import Architecture, flatten_params, forward_stages
from nnanim.core.train import TrainSpec, train
from nnanim.core.trajectory import CorruptTrajectoryError, Trajectory

ARCH = Architecture.from_table([(3, "tanh")])


@pytest.fixture(scope="module")
def trained() -> tuple[Trajectory, np.ndarray]:
    X, y = swiss_roll(n=120, seed=3)
    trajectory = train(X, y, ARCH, TrainSpec(lr=0.05, epochs=300), seed=1, progress=False)
    return trajectory.paced(X.astype(np.float64)), X


def test_params_at_passes_exactly_through_every_checkpoint(trained):
    trajectory, _ = trained
    for k in range(trajectory.n_checkpoints):
        got = flatten_params(trajectory.params_at(trajectory.progress[k]))
        np.testing.assert_allclose(got, trajectory.params[k], rtol=0, atol=1e-12)
    assert trajectory.epoch_at(0.0) == 0
    assert trajectory.epoch_at(1.0) == pytest.approx(trajectory.epochs[-1])


def test_params_move_continuously_and_epochs_never_go_back(trained):
    trajectory, _ = trained
    ts = np.linspace(0, 1, 2001)
    flat = np.stack([flatten_params(trajectory.params_at(t)) for t in ts])
    step = np.max(np.abs(np.diff(flat, axis=0)), axis=1)
    # No frame-to-frame jump bigger than a small fraction of the whole motion.
    assert step.max() < 0.02 * np.abs(flat[-1] - flat[0]).max()
    epochs = [trajectory.epoch_at(t) for t in ts]
    assert np.all(np.diff(epochs) >= -1e-9)


def test_pacing_spends_time_where_the_decision_changes(trained):
    trajectory, X = trained
    probe = X.astype(np.float64)
    probs = np.stack(
        [forward_stages(trajectory.params_at(t), ARCH, probe).probabilities[:, 1]
         for t in np.linspace(0, 1, 41)]
    )
    change_per_slice = np.mean(np.abs(np.diff(probs, axis=0)), axis=1)
    # Evenly paced: no tenth of the video holds most of the change, none is frozen entirely.
    assert change_per_slice.max() < 0.25 * change_per_slice.sum()
    assert change_per_slice.min() > 0
    # The plateau (second half of the epochs) must not take most of the video.
    half_epoch = trajectory.epochs[-1] / 2
    share_of_plateau = np.mean([trajectory.epoch_at(t) > half_epoch for t in np.linspace(0, 1, 401)])
    assert share_of_plateau < 0.5


def test_save_load_round_trip_is_exact(trained, tmp_path):
    trajectory, _ = trained
    path = trajectory.save(tmp_path / "run.npz")
    loaded = Trajectory.load(path)
    for name in ("epochs", "params", "loss", "accuracy", "progress"):
        assert np.array_equal(getattr(loaded, name), getattr(trajectory, name))
    assert loaded.arch == trajectory.arch
    assert list(tmp_path.iterdir()) == [path]  # no temp file left behind


def test_files_are_loaded_without_pickle(trained, tmp_path):
    trajectory, _ = trained
    path = trajectory.save(tmp_path / "run.npz")
    with np.load(path, allow_pickle=False) as data:
        assert all(data[name].dtype != object for name in data.files)


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_damaged_file_is_detected(trained, tmp_path, damage):
    trajectory, _ = trained
    path = trajectory.save(tmp_path / "run.npz")
    raw = bytearray(path.read_bytes())
    if damage == "truncate":
        raw = raw[: len(raw) // 2]
    else:
        raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(CorruptTrajectoryError):
        Trajectory.load(path)


def test_bad_time_is_a_clear_error(trained):
    trajectory, _ = trained
    with pytest.raises(NnanimError, match=r"t: 1.5 is outside \[0, 1\]"):
        trajectory.params_at(1.5)
