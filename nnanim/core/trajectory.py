"""A training run as a smooth path through weight space, paced for the eye.

Training records checkpoints (dense early, sparse late). A video needs the weights at *any*
moment ``t ∈ [0, 1]``: ``Trajectory.params_at(t)`` interpolates between checkpoints with a
monotone cubic (scipy's PCHIP, so it passes exactly through every checkpoint and never
overshoots), and re-times the path by how much the network's *decision* changes, so the video
spends its time where the boundary moves instead of crawling through the plateau.

Files are plain ``.npz`` without pickle, with a checksum so a truncated or altered file is
detected instead of drawn.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from nnanim.errors import NnanimError
from nnanim.core.model import Architecture, Params, forward_stages, unflatten_params

FORMAT_VERSION = 2
"""2: the number of classes is stored (version 1 files were all two-class)."""
UNIFORM_SHARE = 0.15
"""Share of the video's time spread evenly over checkpoints, so a plateau is slow, not skipped."""
PROBE_GRID = 24
"""Nodes per side of the grid ``pace_probe`` adds around the data."""


def pace_probe(X: np.ndarray, grid_size: int = PROBE_GRID) -> np.ndarray:
    """The data plus a grid over its box: where a change of the decision is visible."""
    X = np.asarray(X, dtype=np.float64)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * (hi - lo)
    gx, gy = np.meshgrid(
        np.linspace(lo[0] - pad[0], hi[0] + pad[0], grid_size),
        np.linspace(lo[1] - pad[1], hi[1] + pad[1], grid_size),
    )
    return np.vstack([X, np.column_stack([gx.ravel(), gy.ravel()])])


class CorruptTrajectoryError(NnanimError):
    """A trajectory file that cannot be trusted (truncated, altered, or from another format)."""


@dataclass(frozen=True, eq=False)
class Trajectory:
    """Checkpoints of one training run.

    ``epochs`` (K,), ``params`` (K, P) flattened weights, ``loss`` and ``accuracy`` (K,).
    ``progress`` (K,) is the video time of each checkpoint, from 0 to 1; by default evenly
    spaced by checkpoint, and decision-paced after :meth:`paced`. ``definition`` is the JSON of
    the experiment that produced it, so a cache file can prove what it holds.
    """

    arch: Architecture
    epochs: np.ndarray
    params: np.ndarray
    loss: np.ndarray
    accuracy: np.ndarray
    definition: str = ""
    progress: np.ndarray | None = None
    _interp: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        epochs = np.asarray(self.epochs, dtype=np.int64)
        params = np.asarray(self.params, dtype=np.float64)
        k = len(epochs)
        if epochs.ndim != 1 or k < 2:
            raise NnanimError("trajectory: needs at least two checkpoints (epoch 0 and the end)")
        if np.any(np.diff(epochs) <= 0):
            raise NnanimError("trajectory: checkpoint epochs must be strictly increasing")
        if params.shape != (k, self.arch.n_params):
            raise NnanimError(
                f"trajectory: params shape {params.shape} does not fit {k} checkpoints of "
                f"{self.arch.describe()!r} ({self.arch.n_params} numbers each)"
            )
        if not np.all(np.isfinite(params)):
            raise NnanimError("trajectory: weights contain NaN or inf")
        progress = self.progress
        if progress is None:
            progress = np.linspace(0.0, 1.0, k)
        progress = np.asarray(progress, dtype=np.float64)
        if progress.shape != (k,) or progress[0] != 0.0 or progress[-1] != 1.0 or np.any(
            np.diff(progress) <= 0
        ):
            raise NnanimError("trajectory: progress must rise strictly from 0 to 1")
        object.__setattr__(self, "epochs", epochs)
        object.__setattr__(self, "params", params)
        object.__setattr__(self, "loss", np.asarray(self.loss, dtype=np.float64))
        object.__setattr__(self, "accuracy", np.asarray(self.accuracy, dtype=np.float64))
        object.__setattr__(self, "progress", progress)

    # -- checkpoints -------------------------------------------------------------------------
    @property
    def n_checkpoints(self) -> int:
        return len(self.epochs)

    def checkpoint(self, k: int) -> Params:
        """The weights of checkpoint ``k`` as ``(W, b)`` pairs."""
        return unflatten_params(self.params[k], self.arch)

    @property
    def final_params(self) -> Params:
        return self.checkpoint(self.n_checkpoints - 1)

    @property
    def final_accuracy(self) -> float:
        return float(self.accuracy[-1])

    @property
    def final_loss(self) -> float:
        return float(self.loss[-1])

    def epochs_to_accuracy(self, target: float) -> int | None:
        """First checkpoint epoch whose accuracy reaches ``target`` (None if never)."""
        hits = np.nonzero(self.accuracy >= target)[0]
        return int(self.epochs[hits[0]]) if len(hits) else None

    # -- continuous time ---------------------------------------------------------------------
    def play_identity(self) -> tuple:
        """What decides everything drawn from this run, for the key of a play that shows it
        (``nnanim.anim.play_key``): the interpolators are derived from it and left out."""
        return (self.arch, self.epochs, self.params, self.loss, self.accuracy, self.definition,
                self.progress)

    def _interpolators(self) -> dict:
        if not self._interp:
            from scipy.interpolate import PchipInterpolator  # loaded only when time is asked for

            index = np.arange(self.n_checkpoints, dtype=np.float64)
            self._interp["index_at"] = PchipInterpolator(self.progress, index)
            self._interp["params"] = PchipInterpolator(index, self.params, axis=0)
            self._interp["epoch"] = PchipInterpolator(index, self.epochs.astype(np.float64))
            self._interp["loss"] = PchipInterpolator(index, self.loss)
            self._interp["accuracy"] = PchipInterpolator(index, self.accuracy)
        return self._interp

    def _index_at(self, t: float) -> float:
        t = float(t)
        if not 0.0 <= t <= 1.0:
            raise NnanimError(f"t: {t} is outside [0, 1] (0 = start of training, 1 = end)")
        return float(self._interpolators()["index_at"](t))

    def params_at(self, t: float) -> Params:
        """Weights at video time ``t ∈ [0, 1]``; exactly checkpoint ``k`` at ``progress[k]``."""
        u = self._index_at(t)
        k = int(round(u))
        if abs(u - k) < 1e-12:
            return self.checkpoint(k)
        return unflatten_params(self._interpolators()["params"](u), self.arch)

    def epoch_at(self, t: float) -> float:
        """The (fractional) training epoch shown at video time ``t``."""
        return float(self._interpolators()["epoch"](self._index_at(t)))

    def loss_at(self, t: float) -> float:
        return float(self._interpolators()["loss"](self._index_at(t)))

    def accuracy_at(self, t: float) -> float:
        return float(self._interpolators()["accuracy"](self._index_at(t)))

    def paced(self, probe_points: np.ndarray, uniform_share: float = UNIFORM_SHARE) -> "Trajectory":
        """A copy whose video time follows how much the decision function changes.

        The change between consecutive checkpoints is the mean absolute change of the
        probabilities of classes 1 .. K-1 over ``probe_points`` (the data plus a grid around it
        is a good probe); class 0's is one minus their sum, so it adds nothing, and for two
        classes this is the change of p(class 1). A share ``uniform_share`` of the time is
        spread evenly so nothing is skipped entirely.
        """
        probe = np.asarray(probe_points, dtype=np.float64)
        probs = np.stack(
            [forward_stages(self.checkpoint(k), self.arch, probe).probabilities[:, 1:].ravel()
             for k in range(self.n_checkpoints)]
        )
        change = np.mean(np.abs(np.diff(probs, axis=0)), axis=1)
        n_steps = len(change)
        total = change.sum()
        decision_share = change / total if total > 0 else np.full(n_steps, 1.0 / n_steps)
        step = (1.0 - uniform_share) * decision_share + uniform_share / n_steps
        progress = np.concatenate([[0.0], np.cumsum(step)])
        progress /= progress[-1]
        progress[-1] = 1.0
        return replace(self, progress=progress, _interp={})

    def paced_on_data(self, X: np.ndarray) -> "Trajectory":
        """Paced by the decision on the network's inputs ``X`` and around them: what videos show."""
        return self.paced(pace_probe(X))

    # -- files -------------------------------------------------------------------------------
    def _arrays(self) -> dict[str, np.ndarray]:
        return {
            "format_version": np.array(FORMAT_VERSION, dtype=np.int64),
            "widths": np.array([layer.width for layer in self.arch.hidden], dtype=np.int64),
            "activations": np.array([layer.activation for layer in self.arch.hidden], dtype="U16"),
            "classes": np.array(self.arch.classes, dtype=np.int64),
            "epochs": self.epochs,
            "params": self.params,
            "loss": self.loss,
            "accuracy": self.accuracy,
            "progress": self.progress,
            "definition": np.array(self.definition, dtype=f"U{max(1, len(self.definition))}"),
        }

    def save(self, path: str | os.PathLike) -> Path:
        """Write atomically: a reader sees the old file or the complete new one, never half."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = self._arrays()
        arrays["checksum"] = np.array(_checksum(arrays), dtype="U64")
        fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, **arrays)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return path

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Trajectory":
        """Read a file written by :meth:`save`; raise CorruptTrajectoryError if it is damaged."""
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
        except FileNotFoundError:
            raise
        except Exception as err:
            raise CorruptTrajectoryError(f"{path}: unreadable trajectory file ({err})") from None
        stored = str(arrays.pop("checksum", ""))
        if not stored or stored != _checksum(arrays):
            raise CorruptTrajectoryError(f"{path}: checksum mismatch (file altered or truncated)")
        if int(arrays["format_version"]) != FORMAT_VERSION:
            raise CorruptTrajectoryError(f"{path}: format version {int(arrays['format_version'])}")
        arch = Architecture.from_table(
            list(zip(arrays["widths"].tolist(), arrays["activations"].tolist())),
            classes=int(arrays["classes"]),
        )
        return cls(
            arch=arch,
            epochs=arrays["epochs"],
            params=arrays["params"],
            loss=arrays["loss"],
            accuracy=arrays["accuracy"],
            definition=str(arrays["definition"]),
            progress=arrays["progress"],
        )

    def definition_dict(self) -> dict:
        return json.loads(self.definition) if self.definition else {}


def _checksum(arrays: dict[str, np.ndarray]) -> str:
    digest = hashlib.sha256()
    for name in sorted(arrays):
        value = np.ascontiguousarray(arrays[name])
        digest.update(name.encode())
        digest.update(str(value.dtype).encode())
        digest.update(str(value.shape).encode())
        digest.update(value.tobytes())
    return digest.hexdigest()
