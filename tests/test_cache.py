"""The cache: a re-render never retrains, damage is rebuilt, concurrent trainers agree."""

import multiprocessing
import os

import numpy as np
import pytest

from nnanim import cache
from nnanim.data import DataSpec
from nnanim.errors import NnanimError
from nnanim.experiments import Experiment
from nnanim.model import Architecture
from nnanim.train import TrainSpec


def small_experiment(epochs: int = 200) -> Experiment:
    return Experiment(
        name="tiny",
        title="tiny",
        data=DataSpec("donut", n=80, seed=2),
        arch=Architecture.from_table([(3, "tanh")]),
        train=TrainSpec(lr=0.05, epochs=epochs),
        seed=4,
    )


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))


def test_second_load_comes_from_the_file_without_training(monkeypatch):
    first = cache.load_or_train(small_experiment(), progress=False)

    def no_training(*args, **kwargs):
        raise AssertionError("trained again")

    monkeypatch.setattr(cache, "run_training", no_training)
    second = cache.load_or_train(small_experiment(), progress=False)
    assert np.array_equal(first.params, second.params)
    assert np.array_equal(first.progress, second.progress)


def test_a_different_definition_gets_a_different_file():
    assert cache.cache_path(small_experiment(200)) != cache.cache_path(small_experiment(201))


@pytest.mark.parametrize("damage", ["truncate", "flip", "other_experiment"])
def test_damaged_entry_is_rebuilt_with_a_one_line_warning(damage, capsys):
    exp = small_experiment()
    good = cache.load_or_train(exp, progress=False)
    path = cache.cache_path(exp)
    if damage == "other_experiment":
        other = cache.load_or_train(small_experiment(150), progress=False)
        path.write_bytes(cache.cache_path(small_experiment(150)).read_bytes())
        assert not np.array_equal(other.params[-1], good.params[-1])
    else:
        raw = bytearray(path.read_bytes())
        raw = raw[:100] if damage == "truncate" else raw[:-200] + bytes(b ^ 0x55 for b in raw[-200:])
        path.write_bytes(bytes(raw))
    capsys.readouterr()
    rebuilt = cache.load_or_train(exp, progress=False)
    warning = capsys.readouterr().err.strip().splitlines()
    assert len(warning) == 1 and "retraining" in warning[0]
    assert np.array_equal(rebuilt.params, good.params)


def _train_in_child(cache_dir: str, queue) -> None:
    os.environ[cache.CACHE_ENV] = cache_dir
    trajectory = cache.load_or_train(small_experiment(), progress=False)
    queue.put(trajectory.params.tobytes())


def test_two_processes_training_at_once_agree(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_train_in_child, args=(str(tmp_path / "shared"), queue))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert results[0] == results[1]
    entries = [p for p in (tmp_path / "shared").iterdir() if p.suffix == ".npz"]
    assert len(entries) == 1


def test_failed_training_writes_nothing(tmp_path, monkeypatch):
    def diverge(*args, **kwargs):
        raise NnanimError("training diverged at epoch 3")

    monkeypatch.setattr(cache, "run_training", diverge)
    with pytest.raises(NnanimError):
        cache.load_or_train(small_experiment(), progress=False)
    assert not any(p.suffix == ".npz" for p in cache.cache_dir().glob("*"))
