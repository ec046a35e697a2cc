"""What ``nnanim render`` asks ``scenes/experiment.py`` to draw: one experiment told the
standard way, with the verdict under its accuracy.

manim passes no arguments to a scene, so the request travels in two environment variables
(``nnanim.settings``): ``RenderRequest.env`` writes them, ``request_from_env`` reads them back.
Both ends check it the same way, before any frame: the experiment loads and the verdict is a
caption of the lecture's language.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from nnanim.core.experiment_file import load_experiment
from nnanim.course.captions import has_caption
from nnanim.errors import NnanimError
from nnanim.settings import EXPERIMENT_ENV, VERDICT_ENV, experiment_request


@dataclass(frozen=True)
class RenderRequest:
    """The experiment ``scenes/experiment.py`` draws, and the verdict under its accuracy.

    ``experiment`` is a preset name or a ``.toml`` path; ``verdict`` is the caption key of
    the sentence shown under the accuracy.
    """

    experiment: str
    verdict: str | None = None

    def check(self, lang: str) -> None:
        """Raise now, before manim starts, if the experiment or its verdict does not exist."""
        if self.verdict and not has_caption(self.verdict, lang):
            raise NnanimError(f"caption: {self.verdict!r} does not exist in language {lang!r}")
        load_experiment(self.experiment)

    def env(self) -> dict[str, str]:
        """The environment variables that make ``scenes/experiment.py`` draw this request."""
        return {EXPERIMENT_ENV: self.experiment, VERDICT_ENV: self.verdict or ""}


def request_from_env(environ: Mapping[str, str] = os.environ) -> RenderRequest:
    """The request the environment carries (see ``RenderRequest.env``)."""
    return RenderRequest(*experiment_request(environ))
