"""Train once, render many times: trajectories cached on disk by what produced them.

Every trained thing (a preset, an experiment file, a variant of the wiser comparison) is
cached the same way, from two things: its definition as canonical JSON (everything that
decides the weights, and nnanim's version) and a function that trains and paces it. The
file name holds a hash of the definition and the file itself stores it, so a file from
another definition can never be drawn by mistake. Writes are atomic and guarded by a lock
file, so a killed process leaves no half-written entry and two renders of the same lecture
train it only once; a damaged entry is reported in one line and trained again. A cache folder
that cannot be written is reported before training, and a cache read-only but already filled
still serves what it holds.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterator

import numpy as np

import nnanim
from nnanim.core.data import make_dataset
from nnanim.core.files import check_writable_dir
from nnanim.core.experiments import Experiment, run_training
from nnanim.core.subsample import drawn_points
from nnanim.core.trajectory import CorruptTrajectoryError, Trajectory
from nnanim.settings import CACHE_ENV, cache_dir, cache_dir_chosen, cache_use_file


def check_cache_dir() -> Path:
    """The cache folder, created and writable; else one line naming ``$NNANIM_CACHE_DIR``."""
    what = CACHE_ENV if cache_dir_chosen() else "cache"
    return check_writable_dir(
        cache_dir(), what, fix=f"set {CACHE_ENV} to a folder you can write to"
    )


def canonical_json(definition: dict[str, object]) -> str:
    """``definition`` with nnanim's version, as the one JSON text a cache key is made from."""
    return json.dumps({**definition, "nnanim": nnanim.__version__},
                      sort_keys=True, separators=(",", ":"))


def definition_json(exp: Experiment) -> str:
    """Canonical JSON of everything that decides the experiment's trained weights."""
    return canonical_json({"experiment": exp.definition()})


def entry_path(name: str, definition: str) -> Path:
    """Where the trajectory of ``definition`` is kept; ``name`` makes the folder readable."""
    key = hashlib.sha256(definition.encode()).hexdigest()[:20]
    return cache_dir() / f"{name}-{key}.npz"


def cache_path(exp: Experiment) -> Path:
    return entry_path(exp.name, definition_json(exp))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _load_valid(path: Path, definition: str, warn: bool = True) -> Trajectory | None:
    """The cached trajectory, or None (with a one-line warning) if missing or untrustworthy."""
    if not path.exists():
        return None
    try:
        trajectory = Trajectory.load(path)
    except CorruptTrajectoryError as err:
        problem = f"{err}"
    else:
        if trajectory.definition == definition:
            return trajectory
        problem = f"{path} holds another experiment"
    if warn:
        print(f"nnanim: {problem}; retraining", file=sys.stderr)
    return None


def cached_trajectory(
    name: str, definition: str, train_and_pace: Callable[[], Trajectory]
) -> Trajectory:
    """The trajectory of ``definition``: from the cache if valid, else ``train_and_pace()``'s.

    ``definition`` is canonical JSON of everything that decides the weights (see
    ``canonical_json``); ``train_and_pace`` is called at most once per definition, even when
    several processes ask at the same time, and its result is stored with the definition.
    """
    path = entry_path(name, definition)
    _note_use(path)
    cached = _load_valid(path, definition)
    if cached is not None:
        return cached
    check_cache_dir()  # before training, not after it
    with _locked(path):
        # Another process may have trained it while we waited; a damaged file was reported above.
        cached = _load_valid(path, definition, warn=False)
        if cached is not None:
            return cached
        result = replace(train_and_pace(), definition=definition, _interp={})
        _keep(result, path)
        return result


def _note_use(path: Path) -> None:
    """Name ``path`` in ``$NNANIM_CACHE_USED``'s file, if the variable is set."""
    used = cache_use_file()
    if used is not None:
        with open(used, "a", encoding="utf-8") as handle:
            handle.write(f"{path.name}\n")


def _keep(trajectory: Trajectory, path: Path) -> None:
    """Save ``trajectory``; if the disk refuses now (full, unmounted), warn and go on with it.

    The training is already paid for, so it is drawn anyway; ``Trajectory.save`` leaves no
    partial file behind, and the next run trains again.
    """
    try:
        trajectory.save(path)
    except OSError as err:
        reason = (err.strerror or type(err).__name__).lower()
        print(f"nnanim: {path} could not be saved ({reason}); it will be trained again next time",
              file=sys.stderr)


def load_or_train(
    exp: Experiment,
    progress: bool | None = None,
    data: tuple[np.ndarray, np.ndarray] | None = None,
) -> Trajectory:
    """The paced trajectory of ``exp``, cached.

    ``data`` is the experiment's ``(X, y)`` when the caller already has it (a cache miss then
    trains and paces on it rather than generating the data set again).

    The first call trains and keeps the result; every later one reads the same weights back:

    >>> from nnanim.core.experiments import get_preset
    >>> E1 = get_preset("E1")
    >>> trajectory = load_or_train(E1, progress=False)
    >>> cache_path(E1).is_file(), f"{trajectory.final_accuracy:.0%}"
    (True, '100%')
    >>> bool(np.array_equal(load_or_train(E1).params, trajectory.params))
    True
    """

    def train_and_pace() -> Trajectory:
        X, y = make_dataset(exp.data) if data is None else data
        # Paced on the points the video draws: a large set's sample, not every point.
        return run_training(exp, progress=progress, data=(X, y)).paced_on_data(X[drawn_points(y)])

    return cached_trajectory(exp.name, definition_json(exp), train_and_pace)
