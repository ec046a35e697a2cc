"""The picture at every beat of every lecture, compared with committed control pictures.

Each lecture is rendered once for the session in quick mode (``lecture_render``), and the frame
at each of its beats -- every ``pause`` and ``beat``, the moments a teacher stops to talk -- is
kept at 427 × 240, exactly as it went to the video (``nnanim.anim.beat_frames``). Those pictures
must match the controls in ``tests/control_data/beats/<lecture>/``. After an intended change of
the pictures, write new controls with ``pytest tests/test_beat_frames.py --set_test``, look at
every changed one, and say so in the commit.

The comparison is made to notice what a viewer notices: a missing cloud, a blank or banded
panel, a boundary drawn elsewhere, one letter in the wrong colour -- while a line that moves by
a rounding error stays quiet.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from nnanim.anim.beat_frames import beat_frame_name
from nnanim.course.lectures import LECTURES

from conftest import lecture_group

ROOT = Path(__file__).resolve().parents[1]
CONTROLS = ROOT / "tests" / "control_data" / "beats"

STRONG = 48
"""Levels (of 255, in any channel) by which a pixel must differ to count as a wrong colour: ink
against a pale letter, a dot against the paper. Anti-aliasing of an edge moved by a rounding
error changes a level or two."""
SPOT = 6
"""Side, in pixels of the 427 × 240 picture, of the square in which strong differences add up."""
SPOT_PIXELS = 4
"""Strong differences in one spot that make a fault: one letter of a caption is 6-20 pixels."""
SHIFT = 8
"""Levels by which a pixel differs when a colour is shifted everywhere (a paler heatmap)."""
SHIFT_SHARE = 0.01
"""Share of the picture that may differ by ``SHIFT`` levels before it is a fault."""


def picture_fault(control: np.ndarray, actual: np.ndarray) -> str | None:
    """What a viewer would see differ between two pictures, or None if nothing."""
    if control.shape != actual.shape:
        return (f"size {actual.shape[1]}x{actual.shape[0]}, "
                f"control {control.shape[1]}x{control.shape[0]}")
    gap = np.abs(control.astype(int) - actual.astype(int)).max(axis=2)
    strong = np.pad((gap > STRONG).astype(int), ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    spots = (strong[SPOT:, SPOT:] - strong[:-SPOT, SPOT:] - strong[SPOT:, :-SPOT]
             + strong[:-SPOT, :-SPOT])
    if spots.max() >= SPOT_PIXELS:
        row, column = np.unravel_index(np.argmax(spots), spots.shape)
        return (f"{int((gap > STRONG).sum())} pixels differ by more than {STRONG} levels, "
                f"{int(spots.max())} of them in the {SPOT}-pixel square at x={column}, y={row}")
    shifted = float((gap > SHIFT).mean())
    if shifted > SHIFT_SHARE:
        return f"{100 * shifted:.1f} % of the picture differs by more than {SHIFT} levels"
    return None


def read(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def keep_for_inspection(name: str, picture: Path, control: Path) -> Path:
    """The picture drawn and a map of where it differs, side by side, for a person to look at."""
    folder = Path(tempfile.mkdtemp(prefix=f"nnanim-beats-{name}-"))
    shutil.copy(picture, folder / f"drawn-{picture.name}")
    gap = np.abs(read(picture).astype(int) - read(control).astype(int)).max(axis=2)
    Image.fromarray(np.uint8(255 - np.clip(gap * 4, 0, 255))).save(folder / f"gap-{picture.name}")
    return folder


def match_controls(name: str, drawn: list[Path], controls: Path, set_test: bool) -> None:
    """The ``drawn`` pictures are the controls in ``controls``, one for one, each alike to the
    eye (``picture_fault``); with ``set_test`` they become the controls instead."""
    if set_test:
        shutil.rmtree(controls, ignore_errors=True)
        controls.mkdir(parents=True)
        for picture in drawn:
            shutil.copy(picture, controls / picture.name)
        return
    expected = sorted(p.name for p in controls.glob("*.png"))
    assert [p.name for p in drawn] == expected, (
        f"{name}: the beats drawn are not the controls' (a beat added or removed?); after an "
        "intended change run pytest with --set_test and look at them")
    faults = {}
    for picture in drawn:
        fault = picture_fault(read(controls / picture.name), read(picture))
        if fault is not None:
            faults[picture.name] = (fault, str(keep_for_inspection(name, picture,
                                                                   controls / picture.name)))
    assert not faults, f"{name}: pictures unlike their controls: {faults}"


@pytest.mark.slow
@pytest.mark.parametrize("name", [pytest.param(name, marks=lecture_group(name))
                                  for name in LECTURES])
def test_every_beat_of_every_lecture_looks_like_its_control(name, lecture_render, request):
    render = lecture_render(name)
    drawn = sorted(render.beats.glob("*.png"))
    # Every chapter stops at least once: each has a picture to check.
    for chapter in LECTURES[name].chapters:
        assert (render.beats / beat_frame_name(chapter.name, 1)).is_file(), (
            f"{name}: chapter {chapter.name!r} has no beat, so no picture is checked")
    match_controls(name, drawn, CONTROLS / name, request.config.getoption("--set_test"))
