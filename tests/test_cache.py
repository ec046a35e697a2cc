"""The cache: a re-render never retrains, damage is rebuilt, concurrent trainers agree.

Presets, experiment files and the wiser comparison's variants all go through the same cache,
so each promise is checked for an experiment and for a jittered variant.
"""

import multiprocessing
import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from nnanim.core import cache
from nnanim.studies import wiser_boundary as wiser
from nnanim.core.data import DataSpec
from nnanim.errors import NnanimError
from nnanim.core.experiments import PRESETS, Experiment
from nnanim.core.model import Architecture
from nnanim.core.run import run_of
from nnanim.core.train import TrainSpec


def small_experiment(epochs: int = 200) -> Experiment:
    return Experiment(
        name="tiny",
        title="tiny",
        data=DataSpec("donut", n=80, seed=2),
        arch=Architecture.from_table([(3, "tanh")]),
        train=TrainSpec(lr=0.05, epochs=epochs),
        seed=4,
    )


def short_jittered_variant() -> wiser.Variant:
    """The comparison's noise variant, short enough to train in a test."""
    variant = wiser.get_variant("noise")
    exp = variant.experiment
    return replace(variant, experiment=replace(exp, train=replace(exp.train, epochs=40)),
                   jitter=wiser.Jitter(copies=2))


def variant_path(variant: wiser.Variant) -> Path:
    return cache.entry_path(variant.experiment.name, variant.definition())


def damage_file(path: Path, damage: str) -> None:
    raw = bytearray(path.read_bytes())
    raw = raw[:100] if damage == "truncate" else raw[:-200] + bytes(b ^ 0x55 for b in raw[-200:])
    path.write_bytes(bytes(raw))


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
        damage_file(path, damage)
    capsys.readouterr()
    rebuilt = cache.load_or_train(exp, progress=False)
    warning = capsys.readouterr().err.strip().splitlines()
    assert len(warning) == 1 and "retraining" in warning[0]
    assert np.array_equal(rebuilt.params, good.params)


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_damaged_variant_entry_is_rebuilt_with_a_one_line_warning(damage, capsys):
    variant = short_jittered_variant()
    good = wiser.load_variant(variant)
    damage_file(variant_path(variant), damage)
    capsys.readouterr()
    rebuilt = wiser.load_variant(variant)
    warning = capsys.readouterr().err.strip().splitlines()
    assert len(warning) == 1 and "retraining" in warning[0]
    assert np.array_equal(rebuilt.params, good.params)
    assert np.array_equal(rebuilt.progress, good.progress)


def test_a_variant_shares_the_experiments_entry_only_when_it_trains_on_the_same_data():
    plain = wiser.get_variant("plain")
    assert variant_path(plain) == cache.cache_path(plain.experiment)
    jittered = replace(plain, jitter=wiser.Jitter())
    assert variant_path(jittered) != cache.cache_path(plain.experiment)


def test_a_run_generates_its_data_once(monkeypatch):
    calls = []
    original = DataSpec.load

    def counted(spec):
        calls.append(spec)
        return original(spec)

    monkeypatch.setattr(DataSpec, "load", counted)
    run = run_of(small_experiment())
    assert len(calls) == 1
    assert run.trajectory.final_accuracy > 0.5


def _train_in_child(cache_dir: str, queue) -> None:
    os.environ[cache.CACHE_ENV] = cache_dir
    trajectory = cache.load_or_train(small_experiment(), progress=False)
    queue.put(trajectory.params.tobytes())


def in_two_processes(target, *args) -> list:
    """Run ``target(*args, queue)`` in two fresh processes at once; what each put in the queue."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [ctx.Process(target=target, args=(*args, queue)) for _ in range(2)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return results


def test_two_processes_training_at_once_agree(tmp_path):
    results = in_two_processes(_train_in_child, str(tmp_path / "shared"))
    assert results[0] == results[1]
    entries = [p for p in (tmp_path / "shared").iterdir() if p.suffix == ".npz"]
    assert len(entries) == 1


def _load_variant_in_child(cache_dir: str, trainings: str, queue) -> None:
    os.environ[cache.CACHE_ENV] = cache_dir
    train = wiser.train_variant

    def logged(*args, **kwargs):
        with open(trainings, "a") as log:
            log.write(f"{os.getpid()}\n")
        return train(*args, **kwargs)

    wiser.train_variant = logged
    queue.put(wiser.load_variant(short_jittered_variant()).params.tobytes())


def test_two_processes_loading_a_variant_at_once_train_it_once(tmp_path):
    trainings = tmp_path / "trainings.log"
    results = in_two_processes(_load_variant_in_child, str(tmp_path / "shared"), str(trainings))
    assert results[0] == results[1]
    assert len(trainings.read_text().splitlines()) == 1


def test_failed_training_writes_nothing(tmp_path, monkeypatch):
    def diverge(*args, **kwargs):
        raise NnanimError("training diverged at epoch 3")

    monkeypatch.setattr(cache, "run_training", diverge)
    with pytest.raises(NnanimError):
        cache.load_or_train(small_experiment(), progress=False)
    assert not any(p.suffix == ".npz" for p in cache.cache_dir().glob("*"))


def refuse_training(monkeypatch) -> None:
    def no_training(*args, **kwargs):
        raise AssertionError("trained although the cache cannot keep the result")

    monkeypatch.setattr(cache, "run_training", no_training)


def test_a_cache_variable_naming_a_file_stops_before_training(tmp_path, monkeypatch):
    (tmp_path / "cache").write_text("")
    refuse_training(monkeypatch)
    with pytest.raises(NnanimError) as err:
        cache.load_or_train(small_experiment(), progress=False)
    assert str(err.value) == (
        f"NNANIM_CACHE_DIR: {tmp_path}/cache is a file, not a folder; "
        f"set NNANIM_CACHE_DIR to a folder you can write to"
    )


def test_a_cache_folder_under_a_file_stops_before_training(tmp_path, monkeypatch):
    (tmp_path / "notes").write_text("")
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "notes" / "cache"))
    refuse_training(monkeypatch)
    with pytest.raises(NnanimError) as err:
        cache.load_or_train(small_experiment(), progress=False)
    assert str(err.value) == (
        f"NNANIM_CACHE_DIR: {tmp_path}/notes/cache cannot be a folder, {tmp_path}/notes is a "
        f"file; set NNANIM_CACHE_DIR to a folder you can write to"
    )


def test_an_unwritable_default_cache_names_the_variable_that_moves_it(monkeypatch):
    """``/sys`` refuses new folders to every user, root included."""
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", "/sys")
    refuse_training(monkeypatch)
    with pytest.raises(NnanimError) as err:
        cache.load_or_train(small_experiment(), progress=False)
    assert str(err.value) == (
        "cache: cannot write in /sys/nnanim (operation not permitted); "
        "set NNANIM_CACHE_DIR to a folder you can write to"
    )


LOAD_E1_WITHOUT_TRAINING = """
from nnanim.core import cache
from nnanim.errors import NnanimError
from nnanim.core.experiments import PRESETS

def no_training(*args, **kwargs):
    raise AssertionError("trained again")

cache.run_training = no_training
print(cache.load_or_train(PRESETS["E1"], progress=False).final_accuracy)
try:
    cache.load_or_train(PRESETS["E2"], progress=False)
except NnanimError as err:
    print(err)
"""


def test_a_read_only_cache_serves_what_it_holds_and_refuses_the_rest(private_mount):
    folder = cache.cache_dir()
    accuracy = cache.load_or_train(PRESETS["E1"], progress=False).final_accuracy
    result = private_mount(
        f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder}",
        LOAD_E1_WITHOUT_TRAINING,
    )
    assert result.stdout.splitlines() == [
        str(accuracy),
        f"NNANIM_CACHE_DIR: cannot write in {folder} (read-only file system); "
        f"set NNANIM_CACHE_DIR to a folder you can write to",
    ], result.stderr


TRAIN_E1 = """
from nnanim.core import cache
from nnanim.core.experiments import PRESETS

print(cache.load_or_train(PRESETS["E1"], progress=False).final_accuracy)
print(" ".join(sorted(path.name for path in cache.cache_dir().iterdir())))
"""


def test_a_full_disk_keeps_the_trained_network_and_leaves_no_partial_file(private_mount):
    folder = cache.cache_dir()
    folder.mkdir()
    result = private_mount(f"mount -t tmpfs -o size=8k tmpfs {folder}", TRAIN_E1)
    assert result.returncode == 0, result.stderr
    accuracy, files = result.stdout.splitlines()
    path = cache.cache_path(PRESETS["E1"])
    assert float(accuracy) == 1.0
    assert files == path.with_suffix(".lock").name
    assert result.stderr.splitlines()[-1] == (
        f"nnanim: {path} could not be saved (no space left on device); "
        f"it will be trained again next time"
    )
