"""What ``nnanim render`` asks ``scenes/experiment.py`` to draw: one experiment told the
standard way, with the verdict under its accuracy, or a network trained elsewhere, read from
its weights file and drawn on its points (``nnanim render --model``).

manim passes no arguments to a scene, so the request travels in environment variables
(``nnanim.settings``): ``RenderRequest.env`` writes them, ``request_from_env`` reads them back.
Both ends check it the same way, before any frame: the experiment loads and the verdict is a
caption of the lecture's language, or the weights file, its activations and its points pass
every check of ``nnanim.core.model_file``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

from nnanim.core.experiment_file import load_experiment
from nnanim.course.captions import has_caption
from nnanim.errors import NnanimError
from nnanim.settings import (
    ACTIVATIONS_ENV, EXPERIMENT_ENV, MODEL_DATA_ENV, MODEL_ENV, VERDICT_ENV, experiment_request,
    model_request,
)

if TYPE_CHECKING:  # torch is loaded only for a model: a typo in an experiment fails at once
    from nnanim.core.model_file import ModelSource


@dataclass(frozen=True)
class RenderRequest:
    """The experiment ``scenes/experiment.py`` draws, and the verdict under its accuracy.

    ``experiment`` is a preset name or a ``.toml`` path; ``verdict`` is the caption key of
    the sentence shown under the accuracy. With ``model`` the scene draws that network
    instead, and ``experiment`` is empty.
    """

    experiment: str = ""
    verdict: str | None = None
    model: ModelSource | None = None

    def check(self, lang: str) -> None:
        """Raise now, before manim starts, if the experiment or its verdict does not exist,
        or the model cannot be drawn."""
        if self.verdict and not has_caption(self.verdict, lang):
            raise NnanimError(f"caption: {self.verdict!r} does not exist in language {lang!r}")
        if self.model is not None:
            self.model.load()
        else:
            load_experiment(self.experiment)

    def env(self) -> dict[str, str]:
        """The environment variables that make ``scenes/experiment.py`` draw this request
        (every one written, so none is left over from the caller's environment)."""
        model = self.model
        return {EXPERIMENT_ENV: self.experiment, VERDICT_ENV: self.verdict or "",
                MODEL_ENV: model.model if model else "",
                MODEL_DATA_ENV: model.data if model else "",
                ACTIVATIONS_ENV: (model.activations if model else None) or ""}


def request_from_env(environ: Mapping[str, str] = os.environ) -> RenderRequest:
    """The request the environment carries (see ``RenderRequest.env``)."""
    model = model_request(environ)
    if model is not None:
        from nnanim.core.model_file import ModelSource

        return RenderRequest(model=ModelSource(*model))
    return RenderRequest(*experiment_request(environ))
