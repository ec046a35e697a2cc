"""Train once, render many times: trajectories cached on disk by what produced them.

The file name holds a hash of the experiment's full definition (data, architecture, training,
seed) and of nnanim's version, and the file itself stores the definition, so a file from
another experiment can never be drawn by mistake. Writes are atomic and guarded by a lock
file, so a killed process leaves no half-written entry and two renders of the same lecture
train it only once.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
from dataclasses import replace
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np

import nnanim
from nnanim.data import make_dataset
from nnanim.experiments import Experiment, run_training
from nnanim.trajectory import CorruptTrajectoryError, Trajectory

CACHE_ENV = "NNANIM_CACHE_DIR"


def cache_dir() -> Path:
    """``$NNANIM_CACHE_DIR`` if set, else ``~/.cache/nnanim``."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nnanim"


def definition_json(exp: Experiment) -> str:
    """Canonical JSON of everything that decides the trained weights."""
    return json.dumps(
        {"experiment": exp.definition(), "nnanim": nnanim.__version__},
        sort_keys=True,
        separators=(",", ":"),
    )


def cache_path(exp: Experiment) -> Path:
    key = hashlib.sha256(definition_json(exp).encode()).hexdigest()[:20]
    return cache_dir() / f"{exp.name}-{key}.npz"


def pace_probe(X: np.ndarray, grid_size: int = 24) -> np.ndarray:
    """The data plus a grid over its box: where a change of the decision is visible."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * (hi - lo)
    gx, gy = np.meshgrid(
        np.linspace(lo[0] - pad[0], hi[0] + pad[0], grid_size),
        np.linspace(lo[1] - pad[1], hi[1] + pad[1], grid_size),
    )
    return np.vstack([X, np.column_stack([gx.ravel(), gy.ravel()])])


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


def load_or_train(exp: Experiment, progress: bool | None = None) -> Trajectory:
    """The paced trajectory of ``exp``: from the cache if valid, else trained and stored."""
    definition = definition_json(exp)
    path = cache_path(exp)
    cached = _load_valid(path, definition)
    if cached is not None:
        return cached
    with _locked(path):
        # Another process may have trained it while we waited; a damaged file was reported above.
        cached = _load_valid(path, definition, warn=False)
        if cached is not None:
            return cached
        X, _ = make_dataset(exp.data)
        trained = run_training(exp, progress=progress)
        paced = trained.paced(pace_probe(np.asarray(X, dtype=np.float64)))
        result = replace(paced, definition=definition, _interp={})
        result.save(path)
        return result
