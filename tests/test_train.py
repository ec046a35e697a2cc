"""Training: bit-for-bit reproducible, checkpoints where the video needs them, clear errors."""

from __future__ import annotations

import io
import json
import re
import sys

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from nnanim.core.data import blobs, swiss_roll
from nnanim.errors import NnanimError
from nnanim.core.model import Architecture, accuracy, forward_stages
import nnanim.core.torch_bridge
import nnanim.core.train
from nnanim.core.train import DENSE_EPOCHS, MAX_EPOCHS, TrainSpec, checkpoint_epochs, train

TANH_2 = Architecture.from_table([(2, "tanh")])
LINEAR_2 = Architecture.from_table([(2, "linear")])


@pytest.fixture(scope="module")
def roll() -> tuple[np.ndarray, np.ndarray]:
    return swiss_roll(n=200)


def test_training_twice_is_bitwise_identical(roll) -> None:
    X, y = roll
    arch = Architecture.from_table([(2, "tanh")] * 3)
    spec = TrainSpec(lr=0.03, epochs=300)
    first, second = train(X, y, arch, spec, seed=5), train(X, y, arch, spec, seed=5)
    for field in ("epochs", "params", "loss", "accuracy"):
        assert np.array_equal(getattr(first, field), getattr(second, field)), field


def test_seed_changes_the_initial_weights(roll) -> None:
    X, y = roll
    spec = TrainSpec(epochs=5)
    assert not np.array_equal(train(X, y, TANH_2, spec, seed=0).params[0],
                              train(X, y, TANH_2, spec, seed=1).params[0])


def test_training_leaves_global_torch_state_alone(roll) -> None:
    X, y = roll
    rng_state = torch.random.get_rng_state()
    threads = torch.get_num_threads()
    train(X, y, TANH_2, TrainSpec(epochs=5), seed=0)
    assert torch.equal(rng_state, torch.random.get_rng_state())
    assert torch.get_num_threads() == threads


def test_sgd_and_weight_decay_train_too(roll) -> None:
    X, y = roll
    result = train(X, y, TANH_2, TrainSpec(optimizer="sgd", lr=0.5, epochs=100, weight_decay=1e-3))
    assert result.loss[-1] < result.loss[0]


def test_checkpoints_record_the_weights_of_their_epoch(roll) -> None:
    """Each checkpoint's loss and accuracy belong to its own weights, not the next step's."""
    X, y = roll
    result = train(X, y, TANH_2, TrainSpec(lr=0.05, epochs=400), seed=2)
    assert np.array_equal(result.epochs, checkpoint_epochs(400))
    assert result.params.shape == (len(result.epochs), TANH_2.n_params)
    for k in (0, 1, 10, len(result.epochs) // 2, len(result.epochs) - 1):
        params = result.checkpoint(k)
        assert accuracy(params, TANH_2, X, y) == result.accuracy[k]
        probs = forward_stages(params, TANH_2, X).probabilities
        loss = -np.mean(np.log(probs[np.arange(len(y)), y]))
        assert loss == pytest.approx(result.loss[k], rel=1e-9)
    assert result.loss[-1] < result.loss[0]


@pytest.mark.parametrize("epochs", [1, 7, DENSE_EPOCHS, 300, 1000, 3000, 20000])
def test_checkpoints_are_dense_early_and_sparse_late(epochs: int) -> None:
    marks = checkpoint_epochs(epochs)
    assert marks[0] == 0 and marks[-1] == epochs
    assert np.all(np.diff(marks) > 0)
    dense = min(epochs, DENSE_EPOCHS) + 1
    assert np.array_equal(marks[:dense], np.arange(dense))
    if epochs >= 300:
        assert 100 <= len(marks) <= 250
    if epochs >= 1000:
        gaps = np.diff(marks)
        assert gaps[-1] > 5 * gaps[DENSE_EPOCHS]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=100_000))
def test_checkpoint_count_stays_bounded(epochs: int) -> None:
    marks = checkpoint_epochs(epochs)
    assert marks[0] == 0 and marks[-1] == epochs and len(marks) <= 250
    assert len(marks) >= min(epochs + 1, 100)


def test_divergence_names_the_epoch_and_a_smaller_rate() -> None:
    X, y = blobs()
    with pytest.raises(NnanimError) as err:
        train(X, y, LINEAR_2, TrainSpec(optimizer="sgd", lr=1e6, epochs=500))
    message = str(err.value)
    match = re.search(r"training diverged at epoch (\d+) \(loss = (nan|inf)\)", message)
    assert match and 0 < int(match.group(1)) < 500
    assert "lr=100000" in message


def _raises_fast(field: str, call) -> None:
    """``call`` is refused naming ``field`` before a network is even built."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nnanim.core.torch_bridge, "build_torch_model", _training_started)
        with pytest.raises(NnanimError, match=field):
            call()


def _training_started(*args, **kwargs):
    raise AssertionError("the mistake was found only after training started")


HUGE = TrainSpec(epochs=MAX_EPOCHS)
"""So long that a check made after training starts would run for minutes."""


@pytest.mark.parametrize(
    "field, X, y",
    [
        ("X", np.zeros((10, 3)), np.array([0, 1] * 5)),
        ("X", np.array([[0.0, np.nan]] * 4), np.array([0, 1, 0, 1])),
        ("y", np.zeros((10, 2)), np.array([0, 1] * 4)),
        ("y", np.zeros((4, 2)), np.array([0, 1, 2, 1])),
        ("y", np.zeros((4, 2)), np.array([1, 1, 1, 1])),
        ("y", np.zeros((4, 2)), np.array([[0, 1], [0, 1]])),
    ],
)
def test_bad_data_fails_before_training(field: str, X: np.ndarray, y: np.ndarray) -> None:
    _raises_fast(field, lambda: train(X, y, TANH_2, HUGE))


def test_bad_arguments_fail_before_training() -> None:
    X, y = blobs(n=20)
    _raises_fast("seed", lambda: train(X, y, TANH_2, HUGE, seed=-1))
    _raises_fast("arch", lambda: train(X, y, [(2, "tanh")], HUGE))
    _raises_fast("spec", lambda: train(X, y, TANH_2, {"lr": 0.1}))


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"lr": 0.0}, "lr"),
        ({"lr": -0.1}, "lr"),
        ({"lr": float("nan")}, "lr"),
        ({"epochs": 0}, "epochs"),
        ({"epochs": 2.5}, "epochs"),
        ({"optimizer": "rmsprop"}, "optimizer: 'rmsprop' is not one of adam, sgd"),
        ({"weight_decay": -1e-3}, "weight_decay"),
    ],
)
def test_bad_train_spec_names_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(NnanimError, match=re.escape(field)):
        TrainSpec(**kwargs)


def test_train_spec_to_dict_is_json_able() -> None:
    spec = TrainSpec(optimizer="sgd", lr=0.1, epochs=10, weight_decay=0.01)
    assert json.loads(json.dumps(spec.to_dict())) == {
        "optimizer": "sgd", "lr": 0.1, "epochs": 10, "weight_decay": 0.01,
    }


def test_progress_bar_goes_to_stderr_only_when_asked(roll, capsys) -> None:
    X, y = roll
    train(X, y, TANH_2, TrainSpec(epochs=200), progress=True)
    shown = capsys.readouterr()
    assert "epoch" in shown.err and shown.out == ""
    for progress in (False, None):  # None: a short run (and a non-terminal stderr) stays quiet
        train(X, y, TANH_2, TrainSpec(epochs=200), progress=progress)
        assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_appears_by_itself_for_long_runs_on_a_terminal(roll, monkeypatch) -> None:
    X, y = roll
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(nnanim.core.train, "PROGRESS_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(nnanim.core.train, "PROGRESS_IF_LONGER_THAN", 0.0)
    train(X, y, TANH_2, TrainSpec(epochs=200), progress=None)
    assert "epoch" in terminal.getvalue()
