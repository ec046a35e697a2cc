"""Everything a lecture needs before the first frame: presets trained (or cached) and data.

Scenes call ``prepare`` first, so a typo in a preset name or a training that diverges stops
the render at once with a clear message, before any frame is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Protocol

import numpy as np

from nnanim.core.cache import load_or_train
from nnanim.core.data import make_dataset
from nnanim.core.experiments import Experiment, get_preset
from nnanim.core.model import Architecture, Params
from nnanim.core.subsample import ShownPoints
from nnanim.core.trajectory import Trajectory


class TrainedNetwork(Protocol):
    """What a picture of the trained network reads (the inside chapter, the final heatmap):
    its final weights, every point (``X``, ``y``: what is measured) and the points drawn
    (``shown_X``, ``shown_y``). A ``Run`` is one, trained here and with its training; a
    network trained elsewhere, read from its weights file, is one without
    (``nnanim.core.model_file.ModelRun``)."""

    @property
    def arch(self) -> Architecture: ...

    @property
    def params(self) -> Params: ...

    X: np.ndarray
    y: np.ndarray
    shown_X: np.ndarray
    shown_y: np.ndarray

    @property
    def thinned(self) -> bool: ...


@dataclass(frozen=True)
class Run(ShownPoints):
    """One trained experiment with the exact data it was trained on.

    ``X`` and ``y`` are every point, for what is measured (accuracy, loss); ``shown_X`` and
    ``shown_y`` the points pictures draw: the same, or for a large data set a sample that
    keeps every class's share (``nnanim.core.subsample``). ``experiment`` is None for a
    network trained elsewhere (``nnanim.anim.own``): it has no preset that defines it.
    """

    experiment: Experiment | None
    trajectory: Trajectory
    X: np.ndarray
    y: np.ndarray
    shown_X: np.ndarray = field(init=False, repr=False)
    shown_y: np.ndarray = field(init=False, repr=False)

    @property
    def arch(self) -> Architecture:
        return self.trajectory.arch

    @property
    def params(self) -> Params:
        """The weights training ended on."""
        return self.trajectory.final_params


def run_of(exp: Experiment) -> Run:
    """Train or load ``exp`` and pair it with its data, generated once for both."""
    X, y = make_dataset(exp.data)
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    return Run(exp, load_or_train(exp, data=(X, y)), X, y)


def prepare(names: Iterable[str]) -> list[Run]:
    """Validate all names first, then train or load each preset.

    >>> run = prepare(["E1"])[0]
    >>> run.experiment.title, run.X.shape, f"{run.trajectory.final_accuracy:.0%}"
    ('Two blobs, one linear layer', (400, 2), '100%')

    A name that is not a preset stops it before anything trains:

    >>> prepare(["E1", "E9"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nnanim.errors.NnanimError: preset: 'E9' is not one of E1, E2, ...
    """
    return [run_of(exp) for exp in [get_preset(name) for name in names]]


def cartesian_data(exp: Experiment) -> tuple[np.ndarray, np.ndarray]:
    """The experiment's points in plain (x, y), even when the network sees (r, θ).

    >>> from nnanim.core.data import to_polar
    >>> E8 = get_preset("E8")  # the donut in polar coordinates
    >>> X, y = cartesian_data(E8)
    >>> bool(np.allclose(to_polar(X), make_dataset(E8.data)[0]))
    True
    """
    X, y = make_dataset(replace(exp.data, polar=False))
    return np.asarray(X, dtype=np.float64), np.asarray(y)
