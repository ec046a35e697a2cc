"""The examples in the docstrings of what a teacher calls run, and hold, so they never rot.

Each entry point listed keeps at least one example (a teacher copies them), and every example
in these modules gives the output it shows: the data, training, films, views, player, the
scene base and the public calls for a teacher's own torch network, each on a few points, in a
few seconds in all.
"""

from __future__ import annotations

import doctest
import importlib

import pytest
from manim import tempconfig

from nnanim import settings

EXAMPLES = {
    "nnanim.core.data": ("make_dataset", "DataSpec", "to_polar", "blobs", "swiss_roll", "donut",
                         "three_blobs", "three_spiral", "xor", "moons", "checkerboard"),
    "nnanim.core.train": ("train", "TrainSpec", "checkpoint_epochs"),
    "nnanim.core.cache": ("load_or_train",),
    "nnanim.core.run": ("prepare", "cartesian_data"),
    "nnanim.anim.films": ("NetworkFilm", "LiftFilm", "inside_film"),
    "nnanim.anim.plane": ("PlaneView.show", "PlaneView.show_frame"),
    "nnanim.anim.space3d": ("SpaceView",),
    "nnanim.anim.player": ("StagePlayer",),
    "nnanim.anim.lecture": ("LectureScene",),
    "nnanim.anim.layout": ("Placement",),
    "nnanim.anim.own": ("show_inside", "show_training"),
    "nnanim.core.torch_bridge": ("network_from_torch", "checkpoints_from_torch"),
    "nnanim.errors": ("NnanimError",),
}
"""Module → the objects whose docstrings must hold an example."""

RENDER_VARIABLES = (settings.LANG_ENV, settings.QUICK_ENV, settings.LECTURE_CHAPTER_ENV,
                    settings.SLIDES_ENV, settings.BEAT_FRAMES_ENV)
"""Unset while the examples run: they show English captions at the real pace (the cache
folder stays the suite's own)."""


@pytest.mark.parametrize("module", EXAMPLES)
def test_the_docstring_examples_hold(module, monkeypatch):
    for variable in RENDER_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    tests = doctest.DocTestFinder().find(importlib.import_module(module))
    with_examples = {test.name.removeprefix(module + ".") for test in tests if test.examples}
    missing = set(EXAMPLES[module]) - with_examples
    assert not missing, f"no example in the docstring of {', '.join(sorted(missing))}"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    with tempconfig({"verbosity": "WARNING"}):  # manim's log lines would join the output
        for test in tests:
            runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
