"""A network trained elsewhere, with the points it is drawn on: what a lecture of a teacher's
own weights shows (``nnanim.core.model_file`` reads it from the files).

Kept apart from the reading so that a lecture imports no torch: torch takes about two
seconds to import, most of a re-render that takes every picture from manim's cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nnanim.core.model import Architecture, Params, accuracy
from nnanim.core.subsample import ShownPoints


@dataclass(frozen=True, eq=False)
class ModelRun(ShownPoints):
    """A network trained elsewhere with the points it is drawn on: a ``TrainedNetwork``
    (``nnanim.core.run``) without a training to show. ``name`` is the weights file's stem
    (the name of the files made from it), ``title`` the one its TOML file gives, or empty."""

    name: str
    title: str
    source: Path
    arch: Architecture
    params: Params = field(repr=False)
    X: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    shown_X: np.ndarray = field(init=False, repr=False)
    shown_y: np.ndarray = field(init=False, repr=False)

    @property
    def heading(self) -> str:
        """``weights.pt``, or ``weights.pt: its title``: what the pictures are headed with."""
        return f"{self.source.name}: {self.title}" if self.title else self.source.name

    @property
    def accuracy(self) -> float:
        """The share of every point whose larger probability is its label."""
        return accuracy(self.params, self.arch, self.X, self.y)
